//! Shared helpers: running the binary, fixture sites in temporary folders, and
//! redacting what changes between machines (paths, timings) out of snapshots.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A fixture site copied into its own temporary folder.
pub struct Site {
    _dir: tempfile::TempDir,
    pub root: PathBuf,
}

impl Site {
    /// Copies `tests/fixtures/<name>` into a fresh temporary folder.
    pub fn fixture(name: &str) -> Self {
        let source = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = dir.path().join("site");
        copy_tree(&source, &root);
        Self { _dir: dir, root }
    }

    /// Copies `tests/fixtures/<name>` and builds it into its `public/`.
    pub fn built(name: &str) -> Self {
        let site = Self::fixture(name);
        let run = site.run(&["build"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        site
    }

    /// The main content of the built page at `relative` under `public/`.
    pub fn main_content(&self, relative: &str) -> String {
        main_of(&self.read_output(relative)).to_owned()
    }

    /// An empty site folder with just a site.yaml, to add files to.
    pub fn minimal() -> Self {
        Self::fixture("minimal")
    }

    pub fn write(&self, relative: &str, text: impl AsRef<[u8]>) -> &Self {
        let path = self.root.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    /// Names a site theme, `civic`, in site.yaml and writes one of its templates: the
    /// rest of the templates come from the default theme.
    pub fn override_template(&self, template: &str, text: &str) -> &Self {
        self.write(
            "site.yaml",
            "title: T\nbase_url: https://partners.example.org/\ntheme: civic\n",
        );
        self.write(&format!("themes/civic/templates/{template}"), text)
    }

    pub fn read_output(&self, relative: &str) -> String {
        std::fs::read_to_string(self.root.join("public").join(relative))
            .unwrap_or_else(|e| panic!("public/{relative}: {e}"))
    }

    pub fn output_exists(&self, relative: &str) -> bool {
        self.root.join("public").join(relative).exists()
    }

    /// Runs `amicus ARGS --root ROOT` in the site folder.
    pub fn run(&self, args: &[&str]) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_amicus"));
        command
            .args(args)
            .arg("--root")
            .arg(&self.root)
            .current_dir(&self.root)
            .env("NO_COLOR", "1");
        Run::new(command.output().expect("amicus runs"), &self.root)
    }
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A finished run of the binary, with its output made stable for snapshots.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn new(output: Output, root: &Path) -> Self {
        let redact = |bytes: &[u8]| redact(&String::from_utf8_lossy(bytes), root);
        Self {
            code: output.status.code().unwrap_or(-1),
            stdout: redact(&output.stdout),
            stderr: redact(&output.stderr),
        }
    }
}

/// Replaces the temporary site path with `[ROOT]` and durations with `[TIME]`.
pub fn redact(text: &str, root: &Path) -> String {
    let text = text.replace(&root.display().to_string(), "[ROOT]");
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(i) = rest.find(" s") {
        let (before, after) = rest.split_at(i);
        // Past the last character that is not part of a number, whatever its width.
        let number_start = before
            .char_indices()
            .rfind(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
            .map_or(0, |(j, c)| j + c.len_utf8());
        if number_start < before.len() && before[number_start..].contains('.') {
            out.push_str(&before[..number_start]);
            out.push_str("[TIME]");
        } else {
            out.push_str(before);
        }
        out.push_str(" s");
        rest = &after[2..];
    }
    out.push_str(rest);
    out
}

/// The part of a page inside `<main>`, where a page's own content is.
pub fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("page has <main>");
    let end = html.rfind("</main>").expect("page has </main>") + "</main>".len();
    &html[start..end]
}

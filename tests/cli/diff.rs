//! `amicus diff`: a git repository made from `tests/fixtures/diff/` (the site in a
//! sub-folder, as in a repository with more than the site), a series of realistic
//! commits, and the summaries of each and of the whole series in all three formats;
//! then what goes wrong: no repository, no such revision, a shallow clone, a revision
//! whose site does not parse.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{Run, Site};

/// A git repository in a temporary folder with the diff fixture under `site/`.
struct Repo {
    _dir: tempfile::TempDir,
    top: PathBuf,
}

impl Repo {
    /// The fixture committed on `main` as "Base directory".
    fn new() -> Self {
        let site = Site::fixture("diff");
        let dir = tempfile::tempdir().expect("temporary folder");
        let top = dir.path().join("repo");
        std::fs::create_dir_all(&top).unwrap();
        std::fs::rename(&site.root, top.join("site")).unwrap();
        let repo = Repo { _dir: dir, top };
        repo.git(&["-c", "init.defaultBranch=main", "init", "-q"]);
        repo.commit("Base directory");
        repo
    }

    /// Runs git with a fixed author, committer and date, so commit ids never change.
    fn git(&self, args: &[&str]) -> String {
        let output = Command::new("git")
            .args(args)
            .current_dir(&self.top)
            .env("GIT_AUTHOR_NAME", "Test")
            .env("GIT_AUTHOR_EMAIL", "test@example.org")
            .env("GIT_COMMITTER_NAME", "Test")
            .env("GIT_COMMITTER_EMAIL", "test@example.org")
            .env("GIT_AUTHOR_DATE", "2025-01-01T12:00:00Z")
            .env("GIT_COMMITTER_DATE", "2025-01-01T12:00:00Z")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", self.top.parent().unwrap())
            .output()
            .expect("git runs");
        assert!(
            output.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    fn commit(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.top.join("site").join(relative)
    }

    fn write(&self, relative: &str, text: &str) {
        std::fs::write(self.path(relative), text).unwrap();
    }

    /// Replaces `from` by `to` in a file of the site; the text must be there.
    fn edit(&self, relative: &str, from: &str, to: &str) {
        let text = std::fs::read_to_string(self.path(relative)).unwrap();
        assert!(text.contains(from), "{relative} has no `{from}`");
        self.write(relative, &text.replacen(from, to, 1));
    }

    /// `amicus diff ARGS --root site`, from the top of the repository.
    fn diff(&self, args: &[&str]) -> Run {
        run_in(&self.top, &[&["diff"], args, &["--root", "site"]].concat())
    }
}

fn run_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_amicus"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("amicus runs");
    let run = Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    let redact = |text: &str| crate::support::redact(text, dir);
    Run {
        stdout: redact(&run.stdout),
        stderr: redact(&run.stderr),
        ..run
    }
}

/// A commit message and the change it commits.
type Step = (&'static str, fn(&Repo));

/// The changes a communications office makes in a few weeks, one commit each.
const SERIES: &[Step] = &[
    ("Renew Chemnitz–Łódź", renewal),
    ("Dresden suspends St. Petersburg", suspension),
    ("New partner: Houston for Leipzig", new_partner),
    ("Kiev is Kyiv", renamed_city),
    ("Youth exchange ended", deleted_program),
    ("Typo in a party", broken_reference),
];

fn renewal(repo: &Repo) {
    let file = "content/agreements/chemnitz-lodz.md";
    repo.edit(file, "expires: 2003", "expires: 2028");
    repo.edit(
        file,
        "  - { date: 1972, event: signed }\n",
        "  - { date: 1972, event: signed }\n  - { date: 2003-05-12, event: renewed, note: \"Renewed for 25 years.\" }\n",
    );
}

fn suspension(repo: &Repo) {
    let file = "content/agreements/dresden-saint-petersburg.md";
    repo.edit(file, "status: active", "status: suspended");
    repo.edit(
        file,
        "  - { date: 1961, event: signed }\n",
        "  - { date: 1961, event: signed }\n  - { date: 2022-03-01, event: suspended, by: dresden, note: \"Official contacts on hold.\" }\n",
    );
    repo.edit(
        file,
        "Made with Leningrad in 1961.",
        "Made with Leningrad in 1961; on hold since March 2022.",
    );
}

fn new_partner(repo: &Repo) {
    repo.write(
        "content/cities/houston.md",
        "---\nname: Houston\ncountry: US\nlocation: { lat: 29.7604, lon: -95.3698 }\npopulation: 2304580\n---\nThe energy capital of Texas.\n",
    );
    repo.write(
        "content/agreements/leipzig-houston.md",
        "---\ntitle: Sister-city agreement Leipzig–Houston\nkind: sister-city\nparties: [leipzig, houston]\nsigned: 1993-04-02\nstatus: active\nhistory:\n  - { date: 1993-04-02, event: signed }\nareas: [economic-development]\n---\nEnergy and medicine.\n",
    );
}

fn renamed_city(repo: &Repo) {
    std::fs::rename(
        repo.path("content/cities/kiev.md"),
        repo.path("content/cities/kyiv.md"),
    )
    .unwrap();
    let file = "content/cities/kyiv.md";
    repo.edit(
        file,
        "name: Kiev",
        "name: Kyiv\nformer_names: [{ name: Kiev }]",
    );
    let agreement = "content/agreements/leipzig-kiev.md";
    repo.edit(
        agreement,
        "parties: [leipzig, kiev]",
        "parties: [leipzig, kyiv]",
    );
    repo.edit(agreement, "Leipzig–Kiev", "Leipzig–Kyiv");
}

fn deleted_program(repo: &Repo) {
    std::fs::remove_file(repo.path("content/programs/youth-exchange.md")).unwrap();
    repo.edit(
        "content/agreements/dresden-saint-petersburg.md",
        "programs: [youth-exchange]\n",
        "",
    );
}

fn broken_reference(repo: &Repo) {
    repo.edit(
        "content/agreements/chemnitz-lodz.md",
        "parties: [chemnitz, lodz]",
        "parties: [chemnitz, lodzz]",
    );
}

/// The base commit, then each commit of [`SERIES`].
fn series() -> Repo {
    let repo = Repo::new();
    for (message, change) in SERIES {
        change(&repo);
        repo.commit(message);
    }
    repo
}

#[test]
fn each_change_of_a_series_in_plain_words() {
    let repo = series();
    let mut report = String::new();
    for (i, (message, _)) in SERIES.iter().enumerate() {
        let back = SERIES.len() - i;
        let (from, to) = (format!("HEAD~{back}"), format!("HEAD~{}", back - 1));
        let run = repo.diff(&[&from, &to]);
        assert!(
            !run.stderr.contains("panicked"),
            "{message}: {}",
            run.stderr
        );
        let code = run.code;
        report.push_str(&format!("== {message} (exit {code})\n{}\n", run.stdout));
    }
    insta::assert_snapshot!("diff_series_steps", report);
}

#[test]
fn the_whole_series_in_every_format() {
    let repo = series();
    let base = repo.git(&["rev-list", "--max-parents=0", "HEAD"]);
    let base = base.trim();
    for (format, name) in [
        ("human", "diff_series_human"),
        ("markdown", "diff_series_markdown"),
        ("json", "diff_series_json"),
    ] {
        let run = repo.diff(&[base, "HEAD", "--format", format]);
        assert_eq!(
            run.code, 1,
            "the broken reference is an error at HEAD: {}",
            run.stderr
        );
        assert!(run.stderr.contains("error[A0301]"), "{}", run.stderr);
        insta::assert_snapshot!(name, run.stdout);
    }
    let json = repo.diff(&[base, "HEAD", "--format", "json"]);
    for line in json.stdout.lines() {
        let value: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        assert!(value["change"].is_string(), "{line}");
    }
}

#[test]
fn text_word_by_word() {
    let repo = Repo::new();
    suspension(&repo);
    repo.commit("Suspension");
    let run = repo.diff(&["HEAD~1", "HEAD", "--text"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("Made with Leningrad in [-1961.-] {+1961; on hold since March 2022.+}"),
        "{}",
        run.stdout
    );
    let markdown = repo.diff(&[
        "HEAD~1",
        "HEAD",
        "--text",
        "--format",
        "markdown",
        "--preview-url",
        "https://preview.example.org/pr-7/",
    ]);
    assert!(
        markdown.stdout.starts_with("<!-- amicus-diff -->\n"),
        "{}",
        markdown.stdout
    );
    assert!(
        markdown
            .stdout
            .contains("~~1961.~~ **1961; on hold since March 2022.**"),
        "{}",
        markdown.stdout
    );
    assert!(
        markdown
            .stdout
            .contains("(https://preview.example.org/pr-7/agreements/dresden-saint-petersburg/)"),
        "{}",
        markdown.stdout
    );
}

/// Without revisions: from where the branch left `main` to the working tree, which
/// is read as saved and left as it was, index included.
#[test]
fn by_default_the_branch_and_the_working_tree() {
    let repo = Repo::new();
    repo.git(&["checkout", "-q", "-b", "suspension"]);
    suspension(&repo);
    repo.commit("Suspension");
    new_partner(&repo);
    repo.git(&["add", "site/content/cities/houston.md"]);
    let status = repo.git(&["status", "--porcelain"]);
    let run = repo.diff(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("(where HEAD left main) to the working tree"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("Dresden–St. Petersburg: active → suspended, 1 March 2022, by Dresden"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("Leipzig: new partner Houston"),
        "{}",
        run.stdout
    );
    assert_eq!(repo.git(&["status", "--porcelain"]), status);
}

#[test]
fn a_folder_outside_git_is_an_error() {
    let site = Site::fixture("diff");
    let run = site.run(&["diff"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("error[A0004]: `[ROOT]` is not in a git repository"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
}

#[test]
fn a_revision_that_does_not_exist_is_an_error() {
    let repo = Repo::new();
    let run = repo.diff(&["HEAD~3"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("diff_no_such_revision", run.stderr);
}

#[test]
fn a_shallow_clone_names_fetch_depth() {
    let repo = Repo::new();
    repo.git(&["checkout", "-q", "-b", "suspension"]);
    suspension(&repo);
    repo.commit("Suspension");
    repo.git(&["checkout", "-q", "main"]);
    renewal(&repo);
    repo.commit("Renewal");
    let url = format!("file://{}", repo.top.display());
    let clone = repo.top.parent().unwrap().join("clone");
    repo.git(&[
        "clone",
        "-q",
        "--depth",
        "1",
        "--no-single-branch",
        "--branch",
        "suspension",
        &url,
        clone.to_str().unwrap(),
    ]);
    let run = run_in(&clone, &["diff", "--root", "site"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("error[A0004]: this is a shallow clone"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("fetch-depth: 0"), "{}", run.stderr);
}

/// The broken side's problems are shown, and the summary covers the files that read.
#[test]
fn a_revision_that_does_not_parse_still_diffs() {
    let repo = Repo::new();
    suspension(&repo);
    repo.edit("content/cities/lodz.md", "country: PL", "country: [PL");
    repo.commit("Suspension, and a YAML mistake");
    let run = repo.diff(&["HEAD~1", "HEAD"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("error[A0103]"), "{}", run.stderr);
    assert!(run.stdout.contains("active → suspended"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("new: error[A0103] content/cities/lodz.md"),
        "{}",
        run.stdout
    );
}

/// A translation added and then edited is told as text of its language; the
/// entry's own words are untouched.
#[test]
fn translations_are_told_by_language() {
    let repo = Repo::new();
    let site = std::fs::read_to_string(repo.path("site.yaml")).unwrap();
    repo.write("site.yaml", &format!("{site}languages: [en, de]\n"));
    repo.commit("German");
    repo.write(
        "content/cities/chemnitz.de.md",
        "---\nsummary: Industriestadt in Sachsen.\n---\nChemnitz hieß von 1953 bis 1990 Karl-Marx-Stadt.\n",
    );
    repo.commit("Chemnitz in German");
    let added = repo.diff(&["HEAD~1", "HEAD"]);
    assert_eq!(added.code, 0, "{}", added.stderr);
    assert!(
        added
            .stdout
            .contains("summary in `de` changed, 3 words added, 0 words removed"),
        "{}",
        added.stdout
    );
    assert!(
        added
            .stdout
            .contains("body in `de` changed, 7 words added, 0 words removed"),
        "{}",
        added.stdout
    );
    repo.edit(
        "content/cities/chemnitz.de.md",
        "Industriestadt",
        "Große Industriestadt",
    );
    repo.commit("Große");
    let edited = repo.diff(&["HEAD~1", "HEAD", "--text", "--format", "json"]);
    assert_eq!(edited.code, 0, "{}", edited.stderr);
    assert!(
        edited
            .stdout
            .contains("\"field\":\"summary\",\"language\":\"de\",\"added\":1,\"removed\":0"),
        "{}",
        edited.stdout
    );
    assert!(
        !edited.stdout.contains("\"field\":\"body\""),
        "{}",
        edited.stdout
    );
}

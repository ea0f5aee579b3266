//! Reading a site's files at a git revision, for `amicus diff`.
//!
//! Input: a folder inside a git working tree and revisions as `git rev-parse` takes
//! them. Output: commit ids, and the files under the site folder at a commit, as
//! paths relative to the site folder with their bytes. Invariant: nothing here writes
//! to the repository, its index or its working tree; every read goes through
//! `git rev-parse`, `git merge-base`, `git ls-tree` and `git cat-file --batch`.
//!
//! It runs the `git` program rather than linking a git library: the program is on
//! every machine and CI runner that has a checkout at all, it reads every repository
//! format git itself does (packs, alternates, worktrees, partial clones, new hash
//! functions) without Amicus following each change, and it costs no dependency tree
//! and no compile time. One `cat-file --batch` process streams every blob of a
//! revision, so a 10,000-file site is two processes, not 10,000.
//!
//! Every failure is a [`Diagnostic`] of code `git` (A0004) saying what to do.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::diagnostics::{Diagnostic, codes};

/// A working tree, and where the site is inside it.
#[derive(Debug, Clone)]
pub struct Repository {
    /// The top of the working tree.
    top: PathBuf,
    /// The site folder relative to `top`, with `/` separators, empty or ending in `/`.
    prefix: String,
}

/// The top of the working tree that `dir` is in, found by walking up to the folder
/// that holds `.git` (a folder, or a file in a worktree or submodule), as git does;
/// `None` outside a repository. Reads no git program, for `check --format github`.
pub fn top_level(dir: &Path) -> Option<PathBuf> {
    let dir = std::fs::canonicalize(dir).ok()?;
    dir.ancestors()
        .find(|folder| folder.join(".git").exists())
        .map(Path::to_path_buf)
}

/// A commit, by its full id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit(pub String);

impl Commit {
    /// The first seven characters, as people quote commits.
    pub fn short(&self) -> &str {
        self.0.get(..7).unwrap_or(&self.0)
    }
}

/// The files of a site at a commit.
#[derive(Debug, Default)]
pub struct Files {
    /// The text of site.yaml, when the commit has one.
    pub site_yaml: Option<String>,
    /// Every file under `content/`, relative to the site folder.
    pub content: Vec<(PathBuf, Vec<u8>)>,
}

impl Repository {
    /// The repository that `site` is in.
    pub fn open(site: &Path) -> Result<Repository, Diagnostic> {
        let out = run(site, &["rev-parse", "--show-toplevel", "--show-prefix"]).map_err(|e| {
            failure(format!(
                "`{}` is not in a git repository: {e}",
                site.display()
            ))
            .help("run `amicus diff` in a git checkout, or pass `--root` with a folder inside one")
        })?;
        let mut lines = out.lines();
        let top = lines.next().unwrap_or_default();
        let prefix = lines.next().unwrap_or_default();
        Ok(Repository {
            top: PathBuf::from(top),
            prefix: prefix.to_owned(),
        })
    }

    /// The commit that `revision` names.
    pub fn resolve(&self, revision: &str) -> Result<Commit, Diagnostic> {
        // Not an option, whatever it says (`--end-of-options` needs git 2.30).
        let spec = format!("{revision}^{{commit}}");
        let found = match revision.starts_with('-') {
            true => Err(String::new()),
            false => run(&self.top, &["rev-parse", "--verify", "--quiet", &spec]),
        };
        found.map(|out| Commit(out.trim().to_owned())).map_err(|_| {
            failure(format!("no commit `{revision}` in this repository")).help(
                "name a branch, tag or commit that exists here; `git log --oneline` lists commits",
            )
        })
    }

    /// Where the current branch left the default branch: the merge base of `HEAD`
    /// with `origin/HEAD`, else with `main` or `master` (local or on `origin`).
    /// The branch is returned with the commit, to say what was compared.
    pub fn default_base(&self) -> Result<(String, Commit), Diagnostic> {
        let branch = self.default_branch().ok_or_else(|| {
            failure("found no default branch to compare with (no origin/HEAD, main or master)")
                .help("name the revision to compare with: `amicus diff main`")
        })?;
        match run(&self.top, &["merge-base", "HEAD", &branch]) {
            Ok(out) => Ok((branch, Commit(out.trim().to_owned()))),
            Err(_) if self.is_shallow() => Err(failure(format!(
                "this is a shallow clone: the commit where HEAD left `{branch}` was not fetched"
            ))
            .help("fetch the whole history: in GitHub Actions, `actions/checkout` with `fetch-depth: 0`; elsewhere `git fetch --unshallow`")),
            Err(e) => Err(failure(format!("HEAD and `{branch}` have no common commit: {e}"))
                .help("name the revision to compare with: `amicus diff REVISION`")),
        }
    }

    fn default_branch(&self) -> Option<String> {
        let origin_head = run(
            &self.top,
            &[
                "rev-parse",
                "--abbrev-ref",
                "--verify",
                "--quiet",
                "origin/HEAD",
            ],
        );
        if let Ok(name) = origin_head {
            return Some(name.trim().to_owned());
        }
        ["main", "master", "origin/main", "origin/master"]
            .into_iter()
            .find(|name| self.resolve(name).is_ok())
            .map(str::to_owned)
    }

    fn is_shallow(&self) -> bool {
        run(&self.top, &["rev-parse", "--is-shallow-repository"])
            .is_ok_and(|out| out.trim() == "true")
    }

    /// site.yaml and every file under `content/` of the site folder at `commit`.
    pub fn files(&self, commit: &Commit) -> Result<Files, Diagnostic> {
        let site_yaml = format!("{}{}", self.prefix, crate::config::FILE_NAME);
        let content = format!("{}content/", self.prefix);
        let listing = run(
            &self.top,
            &[
                "ls-tree",
                "-r",
                "-z",
                "--full-tree",
                &commit.0,
                "--",
                &site_yaml,
                &content,
            ],
        )
        .map_err(|e| failure(format!("cannot list the files of {}: {e}", commit.short())))?;
        let blobs = blobs(&listing, &self.prefix);
        let bytes = self.cat(blobs.iter().map(|(_, id)| id.as_str()))?;
        let mut files = Files::default();
        for ((path, _), bytes) in blobs.into_iter().zip(bytes) {
            if path == Path::new(crate::config::FILE_NAME) {
                files.site_yaml = Some(String::from_utf8_lossy(&bytes).into_owned());
            } else {
                files.content.push((path, bytes));
            }
        }
        Ok(files)
    }

    /// The contents of `objects`, in order, through one `git cat-file --batch`.
    fn cat<'a>(&self, objects: impl Iterator<Item = &'a str>) -> Result<Vec<Vec<u8>>, Diagnostic> {
        let request: String = objects.map(|id| format!("{id}\n")).collect();
        let mut child = Command::new("git")
            .arg("-C")
            .arg(&self.top)
            .args(["cat-file", "--batch"])
            .env("GIT_LITERAL_PATHSPECS", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| failure(format!("cannot run git: {e}")))?;
        let mut stdin = child.stdin.take();
        // Written from another thread: git answers while it reads, and both pipes
        // would fill up on a large site.
        let writer = std::thread::spawn(move || {
            if let Some(stdin) = stdin.as_mut() {
                let _ = stdin.write_all(request.as_bytes());
            }
        });
        let read = child
            .stdout
            .take()
            .map(|out| read_batch(BufReader::new(out)))
            .unwrap_or_else(|| Err("no output".to_owned()));
        let _ = writer.join();
        let _ = child.wait();
        read.map_err(|e| failure(format!("cannot read files from git: {e}")))
    }
}

/// The blobs of `git ls-tree -r -z` output under `prefix`, as (path relative to the
/// site, object id). Symbolic links and submodules are left out.
fn blobs(listing: &str, prefix: &str) -> Vec<(PathBuf, String)> {
    listing
        .split('\0')
        .filter_map(|entry| {
            let (info, path) = entry.split_once('\t')?;
            let mut info = info.split(' ');
            let (mode, kind, id) = (info.next()?, info.next()?, info.next()?);
            let relative = path.strip_prefix(prefix)?;
            (kind == "blob" && mode != "120000").then(|| (PathBuf::from(relative), id.to_owned()))
        })
        .collect()
}

/// Reads `<id> <type> <size>\n<bytes>\n` records until the end.
fn read_batch(mut out: impl BufRead) -> Result<Vec<Vec<u8>>, String> {
    let mut contents = Vec::new();
    let mut header = String::new();
    loop {
        header.clear();
        if out.read_line(&mut header).map_err(|e| e.to_string())? == 0 {
            return Ok(contents);
        }
        let size = header
            .trim_end()
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse::<usize>().ok())
            .ok_or_else(|| format!("unexpected answer `{}`", header.trim_end()))?;
        let mut bytes = vec![0; size];
        out.read_exact(&mut bytes).map_err(|e| e.to_string())?;
        let mut newline = [0u8; 1];
        out.read_exact(&mut newline).map_err(|e| e.to_string())?;
        contents.push(bytes);
    }
}

/// Runs `git -C dir ARGS`: its standard output, or its error message.
fn run(dir: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        // A site folder named `:(glob)x` is a folder, not pathspec magic.
        .env("GIT_LITERAL_PATHSPECS", "1")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        let message = String::from_utf8_lossy(&output.stderr);
        Err(message.lines().next().unwrap_or("git failed").to_owned())
    }
}

fn failure(message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(codes::GIT, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listing_keeps_blobs_under_the_site_folder() {
        let listing = "100644 blob aaa\tsite/site.yaml\0\
                       120000 blob bbb\tsite/content/cities/link.md\0\
                       160000 commit ccc\tsite/content/sub\0\
                       100644 blob ddd\tsite/content/cities/kyoto.md\0\
                       100644 blob eee\tother/x.md\0";
        let found = blobs(listing, "site/");
        assert_eq!(
            found,
            vec![
                (PathBuf::from("site.yaml"), "aaa".to_owned()),
                (PathBuf::from("content/cities/kyoto.md"), "ddd".to_owned()),
            ]
        );
    }

    #[test]
    fn batch_records_are_split_by_their_sizes() {
        let out: &[u8] = b"aaa blob 3\nab\n\nbbb blob 0\n\n";
        let found = read_batch(out).unwrap();
        assert_eq!(found, vec![b"ab\n".to_vec(), Vec::new()]);
    }
}

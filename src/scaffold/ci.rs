//! The files `amicus new site` writes for git and continuous integration: a
//! `.gitignore` for the output folder and, on request, the workflow of docs/ci.md.
//!
//! Input: which CI service, if any. Output: (path, text) pairs under the site folder.
//! Invariant: each workflow is the one docs/ci.md shows, byte for byte, with this
//! Amicus's version pinned (a test in `tests/cli/new.rs` compares them), so that what
//! the documentation promises is what a new site gets.

/// The CI services a workflow is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ci {
    Github,
    Gitlab,
}

/// Keeps the built site (`amicus build`'s default output folder) out of git.
const GITIGNORE: &str = "# The built site: `amicus build` writes it, CI publishes it.\n/public/\n";

const GITHUB: &str = include_str!("ci/github.yml");
const GITLAB: &str = include_str!("ci/gitlab.yml");

/// The files to write for `ci`.
pub fn files(ci: Option<Ci>) -> Vec<(&'static str, String)> {
    let mut files = vec![(".gitignore", GITIGNORE.to_owned())];
    match ci {
        Some(Ci::Github) => files.push((".github/workflows/amicus.yml", workflow(GITHUB))),
        Some(Ci::Gitlab) => files.push((".gitlab-ci.yml", workflow(GITLAB))),
        None => {}
    }
    files
}

/// A workflow with the version of this Amicus in place of `{version}`.
pub fn workflow_for(ci: Ci) -> String {
    workflow(match ci {
        Ci::Github => GITHUB,
        Ci::Gitlab => GITLAB,
    })
}

fn workflow(template: &str) -> String {
    template.replace("{version}", env!("CARGO_PKG_VERSION"))
}

//! `amicus diff [FROM] [TO]`: checks the site at two git revisions (or at one and in
//! the working tree) and prints what the change does to the directory.
//!
//! The summary goes to stdout in the chosen format; problems reading git, and the
//! diagnostics of a side whose site has errors, go to stderr. Exit: 0 when the site at
//! TO has no errors, 1 when it has (the summary is printed all the same, covering what
//! parsed) or when a revision or the repository could not be read; 2 for bad usage.

use super::{Failed, colour};
use crate::cli::{DiffArgs, DiffFormat};
use crate::diagnostics::{Diagnostic, Diagnostics, render as diagnostics};
use crate::diff::{self, Side, render};
use crate::git::{Commit, Repository};
use crate::pipeline::{self, Checked, SiteOptions};

pub fn run(args: &DiffArgs) -> Result<(), Failed> {
    let repository = Repository::open(&args.root).map_err(report)?;
    let (from_label, from) = from(args, &repository)?;
    let to = match &args.to {
        Some(revision) => {
            let commit = repository.resolve(revision).map_err(report)?;
            Some((label(revision, &commit), commit))
        }
        None => None,
    };
    let options = SiteOptions {
        root: args.root.clone(),
        ..SiteOptions::default()
    };
    // The two sides are read and checked at the same time: git's process and the
    // parse of one side overlap with the other's.
    let (old, new) = std::thread::scope(|scope| {
        let new = scope.spawn(|| match &to {
            Some((_, commit)) => at(&repository, commit, &options),
            None => Ok(pipeline::check(&options)),
        });
        let old = at(&repository, &from, &options);
        (old, new.join().unwrap_or(Err(Failed)))
    });
    let (old, new) = (old?, new?);
    let to_label = to.map_or_else(|| "the working tree".to_owned(), |(label, _)| label);
    show_errors(&old, &from_label);
    show_errors(&new, &to_label);
    let header = render::Header {
        from: from_label,
        to: to_label,
        base_url: args
            .preview_url
            .clone()
            .or_else(|| new.directory.as_ref().map(|d| d.config.base_url.clone())),
    };
    print!("{}", summary(args, &old, &new, &header));
    if new.diagnostics.has_errors() {
        Err(Failed)
    } else {
        Ok(())
    }
}

/// FROM as given, or the commit where HEAD left the default branch.
fn from(args: &DiffArgs, repository: &Repository) -> Result<(String, Commit), Failed> {
    match &args.from {
        Some(revision) => {
            let commit = repository.resolve(revision).map_err(report)?;
            Ok((label(revision, &commit), commit))
        }
        None => {
            let (branch, commit) = repository.default_base().map_err(report)?;
            let label = format!("{} (where HEAD left {branch})", commit.short());
            Ok((label, commit))
        }
    }
}

/// The changes in the chosen format; with `AMICUS_TIMINGS`, each stage's time.
fn summary(args: &DiffArgs, old: &Checked, new: &Checked, header: &render::Header) -> String {
    let mut timings = pipeline::Timings::default();
    let changes = timings.time("compare", || {
        diff::compare(&side(old), &side(new), diff::Options { text: args.text })
    });
    super::print_timings(&old.timings);
    super::print_timings(&new.timings);
    super::print_timings(&timings);
    match args.format {
        DiffFormat::Human => render::human(&changes, header),
        DiffFormat::Markdown => render::markdown(&changes, header),
        DiffFormat::Json => render::json(&changes),
    }
}

/// `HEAD~1 (1a2b3c4)`, or just the short id when that is what was given.
fn label(revision: &str, commit: &Commit) -> String {
    if commit.0.starts_with(revision) {
        commit.short().to_owned()
    } else {
        format!("{revision} ({})", commit.short())
    }
}

/// The site checked at `commit`, from git.
fn at(repository: &Repository, commit: &Commit, options: &SiteOptions) -> Result<Checked, Failed> {
    let mut timings = pipeline::Timings::default();
    let files = timings
        .time("git", || repository.files(commit))
        .map_err(report)?;
    let mut checked = pipeline::check_in_memory(options, files.site_yaml, files.content);
    timings.stages.append(&mut checked.timings.stages);
    checked.timings = timings;
    Ok(checked)
}

fn side(checked: &Checked) -> Side<'_> {
    Side {
        directory: checked.directory.as_deref(),
        diagnostics: &checked.diagnostics,
    }
}

/// A side's diagnostics, when it has errors: what the summary could not cover.
fn show_errors(checked: &Checked, label: &str) {
    if checked.diagnostics.has_errors() {
        eprintln!("The site at {label} has errors; the summary covers what could be read.");
        eprint!("{}", diagnostics::human_in(&checked.diagnostics, colour()));
    }
}

fn report(diagnostic: Diagnostic) -> Failed {
    eprint!(
        "{}",
        diagnostics::human_in(&Diagnostics::from(diagnostic), colour())
    );
    Failed
}

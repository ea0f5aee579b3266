//! `amicus check`: load, parse and link the site, and report every problem in the
//! chosen format. Writes nothing.
//!
//! Human output goes to stderr (coloured on a terminal unless NO_COLOR is set); JSON
//! and GitHub annotations go to stdout, for programs, and the summary line to stderr.
//! Exit: 0 clean, 1 errors (or warnings with `--deny warnings`); clap gives 2 for bad
//! usage.

use std::path::{Path, PathBuf};

use super::{Failed, colour, site_options};
use crate::cli::{CheckArgs, Format};
use crate::day::Day;
use crate::diagnostics::render;
use crate::{coverage, pipeline};

pub fn run(args: &CheckArgs) -> Result<(), Failed> {
    let today = args.today.unwrap_or_else(Day::today);
    let checked = pipeline::check_on(&site_options(&args.site), today);
    let diagnostics = &checked.diagnostics;
    match args.format {
        Format::Human => eprint!("{}", render::human_in(diagnostics, colour())),
        Format::Json => print!("{}", render::json(diagnostics)),
        Format::Github => print!(
            "{}",
            render::github(diagnostics, &repository_prefix(&args.site.root))
        ),
    }
    // Translations are counted once the site is whole: errors come first.
    if let (Format::Human, Some(directory)) = (args.format, &checked.directory)
        && !diagnostics.has_errors()
    {
        eprint!(
            "{}",
            coverage::report(&coverage::coverage(directory), args.translations)
        );
    }
    super::print_timings(&checked.timings);
    let deny_warnings = args.deny.is_some();
    let failed = diagnostics.has_errors() || (deny_warnings && !diagnostics.is_empty());
    match render::summary(diagnostics) {
        Some(summary) if failed => eprintln!("Check failed: {summary}"),
        Some(summary) => eprintln!("Check passed: {summary}"),
        None => eprintln!("Check passed: no problems found"),
    }
    if failed { Err(Failed) } else { Ok(()) }
}

/// The site folder as seen from the top of its git repository, where GitHub looks for
/// the files it annotates, whatever `--root` and the working folder are; outside a
/// repository, as seen from the working folder; nothing when neither contains it.
fn repository_prefix(root: &Path) -> PathBuf {
    let Ok(site) = std::fs::canonicalize(root) else {
        return PathBuf::new();
    };
    let base = crate::git::top_level(&site).or_else(|| std::env::current_dir().ok());
    base.and_then(|base| std::fs::canonicalize(base).ok())
        .and_then(|base| site.strip_prefix(base).ok().map(Path::to_path_buf))
        .unwrap_or_default()
}

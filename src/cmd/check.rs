//! `amicus check`: load, parse and link the site, and report every problem in the
//! chosen format. Writes nothing.
//!
//! Human output goes to stderr (coloured on a terminal unless NO_COLOR is set); JSON
//! and GitHub annotations go to stdout, for programs, and the summary line to stderr.
//! Exit: 0 clean, 1 errors (or warnings with `--deny warnings`); clap gives 2 for bad
//! usage.

use std::path::{Component, Path, PathBuf};

use super::{Failed, colour, site_options};
use crate::cli::{CheckArgs, Format};
use crate::diagnostics::render;
use crate::lints::Day;
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

/// The site folder as seen from the working folder, which in a GitHub job is the
/// repository root: `site/` for `--root site`, nothing for `--root .` or an absolute
/// path (GitHub cannot place those anyway).
fn repository_prefix(root: &Path) -> PathBuf {
    if root.is_absolute() {
        return PathBuf::new();
    }
    root.components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotations_name_files_from_the_working_folder() {
        assert_eq!(repository_prefix(Path::new(".")), PathBuf::new());
        assert_eq!(
            repository_prefix(Path::new("./site/")),
            PathBuf::from("site")
        );
        assert_eq!(repository_prefix(Path::new("/abs/site")), PathBuf::new());
    }
}

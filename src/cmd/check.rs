//! `amicus check`: load, parse and link the site, and report every problem.

use super::{Failed, site_options};
use crate::cli::CheckArgs;
use crate::diagnostics::render;
use crate::pipeline;

pub fn run(args: &CheckArgs) -> Result<(), Failed> {
    let checked = pipeline::check(&site_options(&args.site));
    let diagnostics = &checked.diagnostics;
    eprint!("{}", render::human(diagnostics));
    let deny_warnings = args.deny.is_some();
    let failed = diagnostics.has_errors() || (deny_warnings && !diagnostics.is_empty());
    match render::summary(diagnostics) {
        Some(summary) => eprintln!(
            "{}: {summary}",
            if failed {
                "Check failed"
            } else {
                "Check passed"
            }
        ),
        None => eprintln!("Check passed: no problems found"),
    }
    if failed { Err(Failed) } else { Ok(()) }
}

//! `amicus build`: the site, written to the output folder, or every problem found.
//! On a terminal, a build that runs for more than a second shows its progress.

use std::io::IsTerminal;

use super::{Failed, colour, site_options};
use crate::cli::BuildArgs;
use crate::diagnostics::render;
use crate::pipeline::{self, Built, SiteOptions};
use crate::progress;

pub fn run(args: &BuildArgs) -> Result<(), Failed> {
    let options = site_options(&args.site);
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    let built = build(&options, &output);
    eprint!("{}", render::human_in(&built.diagnostics, colour()));
    super::print_timings(&built.timings);
    let seconds = built.timings.total().as_secs_f64();
    match built.summary {
        Some(summary) => {
            let problems =
                render::summary(&built.diagnostics).map_or(String::new(), |s| format!(" ({s})"));
            eprintln!(
                "Built {} pages ({} files) into {} in {seconds:.2} s{problems}",
                summary.pages,
                summary.files,
                summary.output.display()
            );
            Ok(())
        }
        None => {
            let problems = render::summary(&built.diagnostics).unwrap_or_else(|| "errors".into());
            eprintln!(
                "Build failed: {problems}. Nothing was written; the previous output is unchanged."
            );
            Err(Failed)
        }
    }
}

/// Builds with a progress line on stderr when it is a terminal; quiet otherwise (CI,
/// tests, a pipe).
fn build(options: &SiteOptions, output: &std::path::Path) -> Built {
    if !std::io::stderr().is_terminal() {
        return pipeline::build(options, output);
    }
    let display = progress::Display::new(std::io::stderr());
    let built = pipeline::build_showing(options, output, &display);
    display.finish();
    built
}

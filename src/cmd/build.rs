//! `amicus build`: the site, written to the output folder, or every problem found.

use super::{Failed, colour, site_options};
use crate::cli::BuildArgs;
use crate::diagnostics::render;
use crate::pipeline;

pub fn run(args: &BuildArgs) -> Result<(), Failed> {
    let options = site_options(&args.site);
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    let built = pipeline::build(&options, &output);
    eprint!("{}", render::human_in(&built.diagnostics, colour()));
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

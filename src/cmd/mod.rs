//! The commands: thin layers over the pipeline that decide what to print. All output
//! of the program goes through here.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod build;
mod check;
mod diff;
mod explain;
mod import;
mod new;
mod serve;

use crate::cli::Command;

/// A command found problems (already printed); the process exits with 1.
#[derive(Debug)]
pub struct Failed;

pub fn run(command: Command) -> Result<(), Failed> {
    match command {
        Command::Build(args) => build::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::New(args) => new::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Import(args) => import::run(&args),
    }
}

/// Colour for human diagnostics on stderr: on a terminal, unless `NO_COLOR` is set to
/// anything (https://no-color.org).
fn colour() -> crate::diagnostics::render::Colour {
    use std::io::IsTerminal;
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    if std::io::stderr().is_terminal() && !no_color {
        crate::diagnostics::render::Colour::Always
    } else {
        crate::diagnostics::render::Colour::Never
    }
}

/// With `AMICUS_TIMINGS` set, one line with each stage's time, for profiling
/// (docs/performance.md).
fn print_timings(timings: &crate::pipeline::Timings) {
    if std::env::var_os("AMICUS_TIMINGS").is_none() {
        return;
    }
    let stages: Vec<String> = timings
        .stages
        .iter()
        .map(|(stage, took)| format!("{stage} {:.3} s", took.as_secs_f64()))
        .collect();
    eprintln!("Stages: {}", stages.join(", "));
}

fn site_options(args: &crate::cli::SiteArgs) -> crate::pipeline::SiteOptions {
    crate::pipeline::SiteOptions {
        root: args.root.clone(),
        base_url: args.base_url.clone(),
        drafts: args.drafts,
    }
}

//! The commands: thin layers over the pipeline that decide what to print. All output
//! of the program goes through here.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod agenda;
mod build;
mod check;
mod diff;
mod explain;
mod import;
mod new;
mod schema;
mod serve;

use crate::cli::Command;

/// A command found problems (already printed); the process exits with 1.
#[derive(Debug)]
pub struct Failed;

pub fn run(mut command: Command) -> Result<(), Failed> {
    if let Some(root) = site_root(&mut command) {
        find_site_upward(root);
    }
    match command {
        Command::Build(args) => build::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::New(args) => new::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Schema(args) => schema::run(&args),
        Command::Agenda(args) => agenda::run(&args),
        Command::Import(args) => import::run(&args),
    }
}

/// The `--root` of a command that works on a site.
fn site_root(command: &mut Command) -> Option<&mut std::path::PathBuf> {
    use crate::cli::NewCommand;
    match command {
        Command::Build(args) => Some(&mut args.site.root),
        Command::Check(args) => Some(&mut args.site.root),
        Command::Serve(args) => Some(&mut args.root),
        Command::Diff(args) => Some(&mut args.root),
        Command::Schema(args) => Some(&mut args.root),
        Command::Agenda(args) => Some(&mut args.site.root),
        Command::Import(args) => Some(&mut args.root),
        Command::New(args) => match &mut args.what {
            NewCommand::Site { .. } => None,
            NewCommand::City(c) => Some(&mut c.common.root),
            NewCommand::Agreement(a) => Some(&mut a.common.root),
            NewCommand::Program(p) => Some(&mut p.common.root),
            NewCommand::Page(p) => Some(&mut p.common.root),
        },
        Command::Explain(_) => None,
    }
}

/// Without `--root`, in a folder without site.yaml: the nearest folder above with one,
/// as git and cargo find their repository and package from a subfolder.
fn find_site_upward(root: &mut std::path::PathBuf) {
    if root.as_path() != std::path::Path::new(".") || root.join("site.yaml").exists() {
        return;
    }
    let Ok(here) = std::env::current_dir() else {
        return;
    };
    if let Some(site) = here
        .ancestors()
        .skip(1)
        .find(|d| d.join("site.yaml").is_file())
    {
        eprintln!("Using the site in {}", site.display());
        *root = site.to_path_buf();
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

//! The `amicus` binary: parses the command line, runs a command, and turns its outcome
//! into an exit code (0 success, 1 problems found, 2 bad usage — clap's own).

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = amicus::cli::Cli::parse();
    match amicus::cmd::run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(amicus::cmd::Failed) => ExitCode::FAILURE,
    }
}

//! `amicus explain CODE`: the documentation of a diagnostic code.

use super::Failed;
use crate::cli::ExplainArgs;
use crate::diagnostics::{Severity, codes};

pub fn run(args: &ExplainArgs) -> Result<(), Failed> {
    let Some(key) = &args.code else {
        for code in codes::ALL {
            println!("{}  {:<18} {}", code.code, code.name, code.summary);
        }
        return Ok(());
    };
    match codes::find(key) {
        Some(code) => {
            let severity = if code.severity == Severity::Error {
                "error"
            } else {
                "warning"
            };
            println!(
                "{} ({}, {severity}): {}\n\n{}",
                code.code, code.name, code.summary, code.explanation
            );
            Ok(())
        }
        None => {
            eprintln!("error: no diagnostic code `{key}`; `amicus explain` lists them all");
            Err(Failed)
        }
    }
}

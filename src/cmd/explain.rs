//! `amicus explain CODE`: the documentation of a diagnostic code, the same text as its
//! section of docs/diagnostics.md.

use super::Failed;
use crate::cli::ExplainArgs;
use crate::diagnostics::codes;

pub fn run(args: &ExplainArgs) -> Result<(), Failed> {
    let Some(key) = &args.code else {
        for code in codes::ALL {
            println!(
                "{}  {:<20} {:<8} {}",
                code.code,
                code.name,
                code.severity.as_str(),
                code.summary
            );
        }
        return Ok(());
    };
    match codes::find(key) {
        Some(code) => {
            print!("{}", code.markdown());
            Ok(())
        }
        None => {
            eprintln!("error: no diagnostic code `{key}`; `amicus explain` lists them all");
            Err(Failed)
        }
    }
}

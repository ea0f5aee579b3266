//! `amicus schema`: writes the editors' JSON Schemas and prints their paths.

use super::{Failed, colour};
use crate::cli::SchemaArgs;
use crate::diagnostics::render;
use crate::schema::{self, WriteError};

pub fn run(args: &SchemaArgs) -> Result<(), Failed> {
    match schema::write(&args.root, args.output.as_deref()) {
        Ok(paths) => {
            for path in &paths {
                println!("{}", path.display());
            }
            eprintln!(
                "Wrote {} schemas; run `amicus schema` again after adding cities, programs or areas",
                paths.len()
            );
            Ok(())
        }
        Err(WriteError::Config(diagnostics)) => {
            eprint!("{}", render::human_in(&diagnostics, colour()));
            eprintln!("No schemas written: the area ids come from site.yaml, which has errors.");
            Err(Failed)
        }
        Err(WriteError::Io(path, error)) => {
            eprintln!("error: cannot write {}: {error}", path.display());
            Err(Failed)
        }
    }
}

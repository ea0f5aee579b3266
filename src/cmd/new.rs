//! `amicus new`: writes a new site or entry from a template and prints its path.

use super::Failed;
use crate::cli::{CiService, NewArgs, NewCommand, NewCommon};
use crate::scaffold::{self, Created, IdFrom};

pub fn run(args: &NewArgs) -> Result<(), Failed> {
    let result = match &args.what {
        NewCommand::Site { dir, ci } => scaffold::site(
            dir,
            ci.map(|ci| match ci {
                CiService::Github => scaffold::ci::Ci::Github,
                CiService::Gitlab => scaffold::ci::Ci::Gitlab,
            }),
        ),
        NewCommand::City(c) => scaffold::city(
            &c.common.root,
            &c.name,
            &c.country,
            c.level.as_deref(),
            id_from(&c.common, &c.name_en),
        ),
        NewCommand::Agreement(a) => scaffold::agreement(
            &a.common.root,
            &a.parties,
            &a.kind,
            a.title.as_deref(),
            a.common.id.as_deref(),
        ),
        NewCommand::Program(p) => scaffold::program(
            &p.common.root,
            &p.title,
            &p.kind,
            id_from(&p.common, &p.title_en),
        ),
        NewCommand::Page(p) => {
            scaffold::page(&p.common.root, &p.title, id_from(&p.common, &p.title_en))
        }
    };
    match result {
        Ok(created) => {
            report(&created);
            if let NewCommand::Site { dir, .. } = &args.what {
                eprintln!(
                    "Created a site in {0}; preview it with `amicus serve --root {0}`",
                    dir.display()
                );
            }
            Ok(())
        }
        Err(error) => {
            eprintln!("error: {}", error.message);
            if let Some(help) = error.help {
                eprintln!("  = help: {help}");
            }
            Err(Failed)
        }
    }
}

fn id_from<'a>(common: &'a NewCommon, latin: &'a Option<String>) -> IdFrom<'a> {
    IdFrom {
        id: common.id.as_deref(),
        latin: latin.as_deref(),
    }
}

/// The paths on standard output, one a line (for scripts and editors); notes on
/// standard error.
fn report(created: &Created) {
    for path in &created.paths {
        println!("{}", path.display());
    }
    for note in &created.notes {
        eprintln!("note: {note}");
    }
}

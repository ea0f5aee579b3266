//! `amicus import`: prints what the import found and did. Created and changed files go
//! to standard output, one a line; problems and notes to standard error.

use super::Failed;
use crate::cli::ImportArgs;
use crate::import::{self, Action, Options, Report};

pub fn run(args: &ImportArgs) -> Result<(), Failed> {
    let options = Options {
        files: args.files.clone(),
        root: args.root.clone(),
        map: args.map.clone(),
        sheet: args.sheet.clone(),
        dry_run: args.dry_run,
        skip_bad_rows: args.skip_bad_rows,
    };
    let report = match import::run(&options) {
        Ok(report) => report,
        Err(message) => {
            eprintln!("error: {message}");
            return Err(Failed);
        }
    };
    for note in &report.notes {
        eprintln!("note: {note}");
    }
    print_problems(&report);
    print_changes(&report, args.dry_run);
    eprintln!("{}", summary(&report, args.dry_run));
    let refused = !report.problems.is_empty() && !args.skip_bad_rows;
    if refused {
        eprintln!(
            "error: nothing was written: fix the rows above, or pass `--skip-bad-rows` to import the others"
        );
        return Err(Failed);
    }
    Ok(())
}

/// Each bad row as the compiler shows an error: the message, then where.
fn print_problems(report: &Report) {
    for problem in &report.problems {
        eprintln!("error: row {}: {}", problem.row, problem.message);
        match &problem.column {
            Some((column, header)) => eprintln!(
                "  --> {}:{}:{column} (column `{header}`)",
                problem.file.display(),
                problem.row
            ),
            None => eprintln!("  --> {}:{}", problem.file.display(), problem.row),
        }
    }
}

fn print_changes(report: &Report, dry_run: bool) {
    for change in &report.changes {
        let verb = match (change.action, dry_run) {
            (Action::Create, false) => "created",
            (Action::Create, true) => "would create",
            (Action::Update, false) => "updated",
            (Action::Update, true) => "would update",
        };
        let keys: Vec<String> = (change.keys.iter())
            .map(|(key, before, after)| {
                // A list of records (`sources`) is too long for one line.
                let long = after.starts_with("[{");
                match before {
                    _ if long => format!(
                        "{key} {}",
                        if before.is_some() { "changed" } else { "added" }
                    ),
                    Some(before) => format!("{key}: {before} → {after}"),
                    None => format!("{key}: {after}"),
                }
            })
            .collect();
        let keys = if keys.is_empty() {
            String::new()
        } else {
            format!(" ({})", keys.join("; "))
        };
        println!("{verb} {}{keys}", change.path.display());
    }
}

fn summary(report: &Report, dry_run: bool) -> String {
    let count = |action| report.changes.iter().filter(|c| c.action == action).count();
    let bad_rows: std::collections::BTreeSet<_> =
        report.problems.iter().map(|p| (&p.file, p.row)).collect();
    let written = match (dry_run, report.written) {
        (true, _) => " (dry run: nothing written)",
        _ => "",
    };
    format!(
        "Read {} rows: {} files to create, {} to update, {} rows not readable{written}",
        report.rows,
        count(Action::Create),
        count(Action::Update),
        bad_rows.len()
    )
}

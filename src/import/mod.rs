//! `amicus import`: partnerships from a spreadsheet into content files.
//!
//! Input: CSV files or workbooks with one row per partnership (cities by name), or the
//! `data/cities.csv` and `data/agreements.csv` a site publishes. Output: a [`Report`]
//! of the files to create and the front matter keys to change, and of every row that
//! could not be read, by file, row and column. Files are written only when every row
//! was read (or the caller accepts skipping the bad ones), and never when dry: an
//! existing file keeps its body, its comments and every key the import does not own.
//! Nothing is printed here. The spreadsheet crates are used only under this module.

mod columns;
mod directory;
mod edit;
mod rows;
mod table;
mod values;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config;
use columns::Field;
use directory::Directory;

pub struct Options {
    pub files: Vec<PathBuf>,
    pub root: PathBuf,
    /// `--map FIELD=COLUMN`, as given.
    pub map: Vec<(String, String)>,
    pub sheet: Option<String>,
    pub dry_run: bool,
    pub skip_bad_rows: bool,
}

/// A row that could not be placed, and why.
#[derive(Debug)]
pub struct Problem {
    pub file: PathBuf,
    pub row: usize,
    /// 1-based, with the column's header, when one cell is at fault.
    pub column: Option<(usize, String)>,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Create,
    Update,
}

/// A file the import writes (or would write).
#[derive(Debug)]
pub struct Change {
    pub path: PathBuf,
    pub action: Action,
    /// The keys changed in an existing file: key, value before (if it had one), value
    /// after, as compact text.
    pub keys: Vec<(String, Option<String>, String)>,
}

#[derive(Debug, Default)]
pub struct Report {
    pub notes: Vec<String>,
    pub problems: Vec<Problem>,
    pub changes: Vec<Change>,
    /// Rows read, over all files.
    pub rows: usize,
    pub written: bool,
}

/// Reads every file, plans the changes, and writes them unless dry or a row was bad
/// (without `skip_bad_rows`). `Err` for what stops the whole import: no site, a file
/// that cannot be read, a sheet whose columns say nothing about partnerships.
pub fn run(options: &Options) -> Result<Report, String> {
    let config = config::load(&options.root, None).map_err(|_| {
        format!(
            "no readable `{}` in {}: run amicus in the site folder, pass `--root DIR`, or create a site with `amicus new site DIR`",
            config::FILE_NAME,
            options.root.display()
        )
    })?;
    let areas = config.areas.iter().map(|a| a.id.to_string()).collect();
    let mut directory = Directory::load(&options.root, areas);
    let mut report = Report::default();
    for file in &options.files {
        let table = table::read(file, options.sheet.as_deref())
            .map_err(|e| format!("{}: {e}", file.display()))?;
        report.notes.extend(
            table
                .notes
                .iter()
                .map(|n| format!("{}: {n}", file.display())),
        );
        let found = columns::recognise(&table.headers, &options.map)
            .map_err(|e| format!("{}: {e}", file.display()))?;
        let shape = rows::Shape::of(&found).map_err(|missing| {
            format!(
                "{}: {missing} (its columns are: {})",
                file.display(),
                table.headers.join(", ")
            )
        })?;
        report.rows += table.rows.len();
        let mut sheet = rows::Sheet {
            file,
            headers: &table.headers,
            columns: &found,
            directory: &mut directory,
            problems: &mut report.problems,
        };
        sheet.import(shape, &table.rows);
    }
    report.changes = directory
        .touched()
        .map(|e| Change {
            path: e.path.clone(),
            action: if e.created {
                Action::Create
            } else {
                Action::Update
            },
            keys: (e.changed.iter())
                .map(|(key, (before, after))| (key.clone(), before.clone(), after.clone()))
                .collect(),
        })
        .collect();
    if options.dry_run || (!report.problems.is_empty() && !options.skip_bad_rows) {
        return Ok(report);
    }
    write(&options.root, &directory)?;
    report.written = true;
    Ok(report)
}

/// Writes every new and changed file; a new file never replaces one made meanwhile.
fn write(root: &Path, directory: &Directory) -> Result<(), String> {
    for entry in directory.touched() {
        let path = root.join(&entry.path);
        let failed = |e: std::io::Error| format!("cannot write {}: {e}", path.display());
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(failed)?;
        }
        if entry.created {
            use std::io::Write;
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
                .map_err(failed)?;
            file.write_all(entry.text.as_bytes()).map_err(failed)?;
        } else {
            std::fs::write(&path, &entry.text).map_err(failed)?;
        }
    }
    Ok(())
}

/// The fields found, for messages.
pub(crate) type Columns = BTreeMap<Field, usize>;

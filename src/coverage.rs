//! How much of a directory is translated: for each language but the default, the
//! entries without a translation and the translations that leave out words the entry
//! has (its summary, body, a history note). What `amicus check` reports after its
//! diagnostics; a missing translation is never an error, since the page then shows
//! the default language's words, marked as such.

use std::fmt::Write as _;

use crate::content::model::{Agreement, Collection, Meta, Translation};
use crate::graph::Directory;

/// One language's coverage.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    pub language: String,
    /// Entries that can have a translation.
    pub entries: usize,
    /// `collection/id` of the entries without one.
    pub missing: Vec<String>,
    /// `collection/id` of translated entries, and what their translation leaves out.
    pub incomplete: Vec<(String, Vec<&'static str>)>,
}

/// The coverage of every language but the default; empty for a one-language site.
pub fn coverage(d: &Directory) -> Vec<Coverage> {
    (1..d.config.languages.len())
        .map(|language| of_language(d, language))
        .collect()
}

fn of_language(d: &Directory, language: usize) -> Coverage {
    let mut coverage = Coverage {
        language: d.config.languages[language].tag.clone(),
        ..Coverage::default()
    };
    let at = |i: usize| i as u32;
    let cities = d.cities.iter().enumerate();
    let programs = d.programs.iter().enumerate();
    let agreements = d.agreements.iter().enumerate();
    let pages = d.pages.iter().enumerate();
    let metas = (cities.map(|(i, e)| (Collection::Cities, at(i), &e.meta, None)))
        .chain(programs.map(|(i, e)| (Collection::Programs, at(i), &e.meta, None)))
        .chain(agreements.map(|(i, e)| (Collection::Agreements, at(i), &e.meta, Some(&**e))))
        .chain(pages.map(|(i, e)| (Collection::Pages, at(i), &e.meta, None)));
    for (collection, position, meta, agreement) in metas {
        coverage.entries += 1;
        let name = format!("{}/{}", collection.folder(), meta.id);
        match d.translation(collection, position, language) {
            None => coverage.missing.push(name),
            Some(t) => {
                let left_out = left_out(collection, meta, t, agreement);
                if !left_out.is_empty() {
                    coverage.incomplete.push((name, left_out));
                }
            }
        }
    }
    coverage
}

/// The words an entry has that its translation does not give.
fn left_out(
    collection: Collection,
    meta: &Meta,
    t: &Translation,
    agreement: Option<&Agreement>,
) -> Vec<&'static str> {
    let mut missing = Vec::new();
    if collection != Collection::Cities && t.title.is_none() {
        missing.push("title");
    }
    if meta.summary.is_some() && t.summary.is_none() {
        missing.push("summary");
    }
    // The entry's body is read (again, on a build from disk) only when the
    // translation has none.
    let own_body = || meta.body_text().is_ok_and(|body| !body.trim().is_empty());
    let translated_body = t.body_text().is_ok_and(|body| !body.trim().is_empty());
    if !translated_body && own_body() {
        missing.push("body");
    }
    if let Some(a) = agreement
        && (a.history.iter()).any(|h| h.note.is_some() && t.note(h).is_none())
    {
        missing.push("history notes");
    }
    missing
}

/// The report for people: a line per language, with the entries when `list`.
pub fn report(coverage: &[Coverage], list: bool) -> String {
    let mut out = String::new();
    for c in coverage {
        let translated = c.entries - c.missing.len();
        let _ = write!(
            out,
            "Translations into `{}`: {translated} of {} entries",
            c.language, c.entries
        );
        if !c.incomplete.is_empty() {
            let _ = write!(out, ", {} of them incomplete", c.incomplete.len());
        }
        out.push('\n');
        if !list {
            continue;
        }
        for name in &c.missing {
            let _ = writeln!(out, "  missing     {name}");
        }
        for (name, left_out) in &c.incomplete {
            let _ = writeln!(out, "  incomplete  {name}: no {}", left_out.join(", no "));
        }
    }
    let untranslated = coverage
        .iter()
        .any(|c| !c.missing.is_empty() || !c.incomplete.is_empty());
    if untranslated && !list {
        out.push_str("`amicus check --translations` lists them.\n");
    }
    out
}

//! What a change does to the directory, in plain words: the comparison behind
//! `amicus diff`.
//!
//! Input: the two sides of a change, each a linked [`Directory`] (or none, when its
//! site.yaml did not read) with the diagnostics its check found. Output: a list of
//! [`Change`]s, important first: partnerships started, changed and ended; what that
//! does to each city; entries added, removed and renamed; facts changed; text changed;
//! problems new and fixed. Invariants: pure (no files, no git, no clock); the order is
//! stable (by kind of change, then by id), so the same two revisions always give the
//! same bytes; an entry moved to a new id is one rename, not a removal and an addition,
//! and ids on the old side are read through the renames before comparing.
//! Rendering is in [`render`].

mod entries;
mod partners;
pub mod render;
mod sentence;
pub mod words;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::content::model::{Body, Collection, Meta};
use crate::content::source::EntrySource;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::graph::Directory;
use entries::Entries;

pub use entries::thousands;

/// One side of the change.
pub struct Side<'a> {
    pub directory: Option<&'a Directory>,
    pub diagnostics: &'a Diagnostics,
}

/// What to include.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Text changes word by word, not only counted.
    pub text: bool,
}

/// A place in a file that names an entry.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Reference {
    /// Relative to the site folder, with `/`.
    pub file: String,
    pub line: usize,
    /// The field (`parties`), or `text` for a link in the body.
    pub field: String,
}

/// A city or agreement as named in a change: its id and what people call it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Named {
    pub id: String,
    pub name: String,
    /// No entry has this id (a reference to a city that does not exist): no link.
    #[serde(skip)]
    pub unknown: bool,
}

impl Named {
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Self {
        Named {
            id: id.into(),
            name: name.into(),
            unknown: false,
        }
    }
}

/// A problem, as `check` reports it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Problem {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: &'static str,
    pub message: String,
    pub file: Option<String>,
    pub line: Option<usize>,
}

/// One change to the directory. The JSON form is documented in docs/review.md; a
/// field once published keeps its name and meaning.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "kebab-case")]
pub enum Change {
    /// A new agreement.
    AgreementAdded {
        agreement: Named,
        kind: String,
        parties: Vec<Named>,
        status: String,
        signed: Option<String>,
    },
    /// An agreement whose file was deleted.
    AgreementRemoved {
        agreement: Named,
        parties: Vec<Named>,
        status: String,
    },
    /// An agreement's `status` changed; `date` (ISO, as precise as known) and `by`
    /// from the history event that set the new status, when there is one.
    StatusChanged {
        agreement: Named,
        parties: Vec<Named>,
        from: String,
        to: String,
        date: Option<String>,
        by: Option<Named>,
    },
    /// An event added to the history of an agreement that existed before.
    HistoryAdded {
        agreement: Named,
        parties: Vec<Named>,
        event: String,
        date: Option<String>,
        by: Option<Named>,
        note: Option<String>,
    },
    /// A city is now partner of another through an agreement in force
    /// (active, dormant or suspended); `agreements` are the ids of those agreements.
    PartnerGained {
        city: Named,
        partner: Named,
        agreements: Vec<String>,
    },
    /// A city is no longer partner of another: the agreements ended or are gone.
    PartnerLost {
        city: Named,
        partner: Named,
        agreements: Vec<String>,
    },
    /// A country a city now has a partner in (`country` is the ISO code).
    CountryGained {
        city: Named,
        country: Named,
    },
    CountryLost {
        city: Named,
        country: Named,
    },
    /// An engagement area a city is now in, through its own `areas` or those of its
    /// agreements and programs.
    AreaGained {
        city: Named,
        area: Named,
    },
    AreaLost {
        city: Named,
        area: Named,
    },
    EntryAdded {
        collection: Collection,
        entry: Named,
    },
    /// `references` are the places at TO that still name the removed id.
    EntryRemoved {
        collection: Collection,
        entry: Named,
        references: Vec<Reference>,
    },
    /// A file moved to a new id; `similarity` in percent; `references` are the places
    /// at TO that still name the old id.
    EntryRenamed {
        collection: Collection,
        from: String,
        to: Named,
        similarity: u8,
        references: Vec<Reference>,
    },
    /// A front-matter value changed; `from` or `to` is null when the field was
    /// added or removed.
    FactChanged {
        collection: Collection,
        entry: Named,
        field: &'static str,
        from: Option<String>,
        to: Option<String>,
    },
    /// The body or summary changed: words added and removed, and with `--text` the
    /// runs of words.
    TextChanged {
        collection: Collection,
        entry: Named,
        field: &'static str,
        /// The language of a translation's text; none for the entry's own.
        #[serde(skip_serializing_if = "Option::is_none")]
        language: Option<String>,
        added: usize,
        removed: usize,
        #[serde(skip_serializing_if = "Option::is_none")]
        words: Option<Vec<words::Run>>,
    },
    ProblemNew {
        problem: Problem,
    },
    ProblemFixed {
        problem: Problem,
    },
}

/// Every change from `from` to `to`, important first.
pub fn compare(from: &Side, to: &Side, options: Options) -> Vec<Change> {
    let old = entries::entries(from.directory);
    let new = entries::entries(to.directory);
    let renamed = renames(&old, &new);
    let moved = |collection: Collection, id: &str| -> String {
        renamed
            .get(&(collection, id.to_owned()))
            .map_or_else(|| id.to_owned(), |(new_id, _)| new_id.clone())
    };
    let mut changes = partners::agreements(from.directory, to.directory, &moved);
    changes.extend(partners::cities(from.directory, to.directory, &moved));
    changes.extend(added_and_removed(&old, &new, &renamed, to.directory));
    changes.extend(renamed_entries(&renamed, &new, to.directory));
    // Only files whose text changed can have changed facts or text.
    let (mut edited_facts, mut edited_texts) = (Vec::new(), Vec::new());
    for ((collection, id), entry) in &old {
        let new_id = moved(*collection, id);
        if let Some(now) = new.get(&(*collection, new_id.as_str()))
            && (!entry.meta.source.same_text(&now.meta.source) || !same_translations(entry, now))
        {
            edited_facts.extend(facts(*collection, entry, now));
            edited_texts.extend(texts(*collection, entry, now, options));
        }
    }
    changes.extend(edited_facts);
    changes.extend(edited_texts);
    changes.extend(problems(from.diagnostics, to.diagnostics));
    changes
}

/// (collection, old id) → (new id, similarity in percent).
type Renames = BTreeMap<(Collection, String), (String, u8)>;

fn renames(old: &Entries, new: &Entries) -> Renames {
    let (removed, added) = (only(old, new), only(new, old));
    entries::renames(&removed, &added)
        .into_iter()
        .map(|(c, old_id, new_id, score)| {
            let percent = (score * 100.0).round() as u8;
            ((c, old_id.to_owned()), (new_id.to_owned(), percent))
        })
        .collect()
}

/// The entries of `these` that `those` has not, with their files' text.
fn only<'a>(these: &Entries<'a>, those: &Entries) -> Vec<(Collection, &'a str, &'a str)> {
    these
        .iter()
        .filter(|(key, _)| !those.contains_key(key))
        .map(|((c, id), e)| (*c, *id, held_text(e.meta)))
        .collect()
}

fn named(entry: &entries::Entry) -> Named {
    Named::new(entry.meta.id.to_string(), entry.name)
}

/// Entries only on one side and not part of a rename. Agreements are told in the
/// partnership section instead.
fn added_and_removed(
    old: &Entries,
    new: &Entries,
    renamed: &Renames,
    to: Option<&Directory>,
) -> Vec<Change> {
    let targets: BTreeSet<(Collection, &str)> = renamed
        .iter()
        .map(|((c, _), (id, _))| (*c, id.as_str()))
        .collect();
    let mut changes = Vec::new();
    let told = |collection: &Collection| *collection == Collection::Agreements;
    for ((collection, id), entry) in new {
        let added = !old.contains_key(&(*collection, id)) && !targets.contains(&(*collection, *id));
        if added && !told(collection) {
            changes.push(Change::EntryAdded {
                collection: *collection,
                entry: named(entry),
            });
        }
    }
    for ((collection, id), entry) in old {
        let gone = !new.contains_key(&(*collection, id))
            && !renamed.contains_key(&(*collection, (*id).to_owned()));
        if gone && !told(collection) {
            changes.push(Change::EntryRemoved {
                collection: *collection,
                entry: named(entry),
                references: entries::references(to, *collection, id),
            });
        }
    }
    changes
}

fn renamed_entries(renamed: &Renames, new: &Entries, to: Option<&Directory>) -> Vec<Change> {
    renamed
        .iter()
        .filter_map(|((collection, from), (to_id, similarity))| {
            let entry = new.get(&(*collection, to_id.as_str()))?;
            Some(Change::EntryRenamed {
                collection: *collection,
                from: from.clone(),
                to: named(entry),
                similarity: *similarity,
                references: entries::references(to, *collection, from),
            })
        })
        .collect()
}

/// Front-matter values that differ, in the order of the entry's fields.
fn facts(collection: Collection, old: &entries::Entry, new: &entries::Entry) -> Vec<Change> {
    let (old_facts, new_facts) = (old.facts(), new.facts());
    let before: BTreeMap<&str, &String> = old_facts.iter().map(|(k, v)| (*k, v)).collect();
    let after: BTreeMap<&str, &String> = new_facts.iter().map(|(k, v)| (*k, v)).collect();
    let mut fields: Vec<&'static str> = new_facts.iter().map(|(k, _)| *k).collect();
    fields.extend(
        old_facts
            .iter()
            .map(|(k, _)| *k)
            .filter(|k| !after.contains_key(k)),
    );
    fields
        .into_iter()
        .filter(|field| before.get(field) != after.get(field))
        .map(|field| Change::FactChanged {
            collection,
            entry: named(new),
            field,
            from: before.get(field).map(|v| (*v).clone()),
            to: after.get(field).map(|v| (*v).clone()),
        })
        .collect()
}

/// The text of an entry's file. `amicus diff` checks revisions read into memory, whose
/// texts are held (see [`crate::content::source`]).
fn held_text(meta: &Meta) -> &str {
    meta.source.held_text().unwrap_or_default()
}

fn held_body(meta: &Meta) -> &str {
    held_text_at(&meta.source, &meta.body)
}

/// A body's text in a file `diff` holds.
fn held_text_at<'a>(source: &'a EntrySource, body: &Body) -> &'a str {
    let text = source.held_text().unwrap_or_default();
    text.get(body.span.clone()).unwrap_or("")
}

fn texts(
    collection: Collection,
    old: &entries::Entry,
    new: &entries::Entry,
    options: Options,
) -> Vec<Change> {
    let mut pairs: Vec<(Option<&str>, &'static str, &str, &str)> = (own_words(old).into_iter())
        .zip(own_words(new))
        .map(|((field, a), (_, b))| (None, field, a, b))
        .collect();
    let languages: BTreeSet<&str> = (old.translations.keys())
        .chain(new.translations.keys())
        .copied()
        .collect();
    for language in languages {
        let each =
            (translated_words(old, language).into_iter()).zip(translated_words(new, language));
        pairs.extend(each.map(|((field, a), (_, b))| (Some(language), field, a, b)));
    }
    pairs
        .into_iter()
        .filter(|(_, _, a, b)| a.split_whitespace().ne(b.split_whitespace()))
        .map(|(language, field, a, b)| {
            let runs = words::diff(a, b);
            let (added, removed) = words::counts(&runs);
            Change::TextChanged {
                collection,
                entry: named(new),
                field,
                language: language.map(str::to_owned),
                added,
                removed,
                words: options.text.then_some(runs),
            }
        })
        .collect()
}

/// An entry's own words that `diff` compares text by text.
fn own_words<'e>(e: &'e entries::Entry) -> [(&'static str, &'e str); 2] {
    let summary = e.meta.summary.as_deref().unwrap_or("");
    [("summary", summary), ("body", held_body(e.meta))]
}

/// The words of an entry's translation into `language`, empty where it has none.
fn translated_words<'e>(e: &'e entries::Entry, language: &str) -> [(&'static str, &'e str); 3] {
    let t = e.translations.get(language);
    [
        ("title", t.and_then(|t| t.title.as_deref()).unwrap_or("")),
        (
            "summary",
            t.and_then(|t| t.summary.as_deref()).unwrap_or(""),
        ),
        ("body", t.map_or("", |t| held_text_at(&t.source, &t.body))),
    ]
}

/// Whether an entry's translations are the same on both sides.
fn same_translations(old: &entries::Entry, new: &entries::Entry) -> bool {
    old.translations.len() == new.translations.len()
        && (old.translations.values())
            .zip(new.translations.values())
            .all(|(a, b)| a.same_text(b))
}

/// Problems at TO and not at FROM, and the reverse. A problem is the same on both
/// sides when its code, file and message are: lines move as text is edited.
fn problems(from: &Diagnostics, to: &Diagnostics) -> Vec<Change> {
    let key = |p: &Problem| (p.code, p.file.clone(), p.message.clone());
    let old: Vec<Problem> = from.iter().map(problem).collect();
    let new: Vec<Problem> = to.iter().map(problem).collect();
    let mut old_keys: BTreeMap<_, usize> = BTreeMap::new();
    old.iter()
        .for_each(|p| *old_keys.entry(key(p)).or_default() += 1);
    let mut new_keys: BTreeMap<_, usize> = BTreeMap::new();
    new.iter()
        .for_each(|p| *new_keys.entry(key(p)).or_default() += 1);
    let mut changes = Vec::new();
    for p in new {
        if let Some(n) = old_keys.get_mut(&key(&p)).filter(|n| **n > 0) {
            *n -= 1;
        } else {
            changes.push(Change::ProblemNew { problem: p });
        }
    }
    for p in old {
        if let Some(n) = new_keys.get_mut(&key(&p)).filter(|n| **n > 0) {
            *n -= 1;
        } else {
            changes.push(Change::ProblemFixed { problem: p });
        }
    }
    changes
}

fn problem(d: &Diagnostic) -> Problem {
    Problem {
        code: d.code.code,
        name: d.code.name,
        severity: d.severity.as_str(),
        message: d.message.clone(),
        file: d.file().map(|f| f.to_string_lossy().replace('\\', "/")),
        line: d.line_col().map(|(line, _)| line),
    }
}

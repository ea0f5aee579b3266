//! Translations: `krakow.en.md` next to `krakow.md` gives the entry's words in
//! another of the site's languages.
//!
//! Input: a content file whose name is `<id>.<language>.md`. Output: a
//! [`Translation`] holding only what is written in words (`title`, `summary`, the
//! body, history notes, source titles), or the diagnostics that say why not: a
//! language the site does not list, or a field that is the same in every language.
//! Whether the entry it translates exists, and whether its notes and sources match the
//! entry's, is checked when the directory is linked.

use std::sync::Arc;

use serde::Deserialize;

use super::frontmatter::{self, Locator};
use super::id::Id;
use super::model::{Collection, HistoryEvent, TranslatedNote, TranslatedSource, Translation};
use super::parse::{Entity, Entry};
use super::raw::RawDate;
use crate::config::Config;
use crate::diagnostics::{Diagnostic, SourceFile, closest, codes};
use crate::load::RawDocument;
use crate::locale::parse_language;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTranslation {
    title: Option<String>,
    summary: Option<String>,
    #[serde(default)]
    history: Vec<RawNote>,
    #[serde(default)]
    sources: Vec<RawSourceTitle>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNote {
    date: Option<RawDate>,
    event: HistoryEvent,
    note: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSourceTitle {
    url: String,
    title: String,
}

/// The fields a translation of an entry of `collection` may set.
pub fn translatable(collection: Collection) -> &'static [&'static str] {
    match collection {
        Collection::Cities => &["summary", "sources"],
        Collection::Programs | Collection::Pages => &["title", "summary", "sources"],
        Collection::Agreements => &["title", "summary", "history", "sources"],
    }
}

/// The id and language of a file stem that names a translation (`krakow.en`), when
/// the part after the last dot reads as a language tag.
pub fn split_stem(stem: &str) -> Option<(&str, &str)> {
    let (id, language) = stem.rsplit_once('.')?;
    parse_language(language).ok().map(|_| (id, language))
}

/// Parses the translation `file` of entry `id` into `language` (as written in the
/// file's name).
pub fn parse(
    doc: RawDocument,
    (id, language): (&str, &str),
    config: &Config,
) -> (Option<Entity>, Vec<Diagnostic>) {
    let (collection, file) = (doc.collection, doc.source);
    let mut diagnostics = Vec::new();
    let position = language_position(language, config, &file, &mut diagnostics);
    let id = match Id::parse(id) {
        Ok(id) => Some(id),
        Err(message) => {
            diagnostics.push(
                Diagnostic::new(codes::FILE_NAME, message)
                    .in_file(&file.path)
                    .help("a translation is named after the entry it translates: `<id>.<language>.md`"),
            );
            None
        }
    };
    let split = match frontmatter::split(&file.text) {
        Ok(split) => split,
        Err(error) => {
            diagnostics.push(super::parse::split_diagnostic(&file, error));
            return (None, diagnostics);
        }
    };
    let at = Locator::new(split.yaml, split.yaml_offset);
    let mut entry = Entry::new(&file, doc.reread_from.as_ref(), at, diagnostics);
    let body = entry.body(split.body, split.body_offset, config);
    let raw = match untranslatable_fields(&mut entry, collection, split.yaml) {
        true => None,
        false => entry.yaml::<RawTranslation>(split.yaml),
    };
    let (Some(id), Some(language), Some(raw)) = (id, position, raw) else {
        return (None, entry.diagnostics);
    };
    let notes = notes(&mut entry, raw.history);
    let source_titles = raw
        .sources
        .into_iter()
        .map(|s| TranslatedSource {
            span: entry.at.token("sources", &s.url),
            url: s.url,
            title: s.title,
        })
        .collect();
    let translation = Translation {
        collection,
        id,
        language,
        source: entry.kept(),
        title: raw.title,
        summary: raw.summary,
        body,
        notes,
        source_titles,
    };
    (
        Some(Entity::Translation(Arc::new(translation))),
        entry.diagnostics,
    )
}

/// The position of `language` among the site's languages, when it is one of them
/// and not the default.
fn language_position(
    language: &str,
    config: &Config,
    file: &Arc<SourceFile>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<usize> {
    let tag = parse_language(language).ok()?;
    let position = (config.languages.iter()).position(|l| l.tag == tag.as_str());
    let problem = match position {
        Some(0) => format!(
            "`{language}` is the site's default language: its text is in the file without a language"
        ),
        Some(i) => return Some(i),
        None => {
            let tags: Vec<String> = (config.languages.iter())
                .map(|l| format!("`{}`", l.tag))
                .collect();
            format!(
                "`{language}` is not one of the site's languages ({})",
                tags.join(", ")
            )
        }
    };
    let help = match position {
        Some(_) => "move the text into the entry's own file, and delete this one".to_owned(),
        None => format!(
            "add `{language}` to `languages` in site.yaml, or rename the file: `<id>.<language>.md` is a translation"
        ),
    };
    diagnostics.push(
        Diagnostic::new(
            codes::TRANSLATION_LANGUAGE,
            format!("this translation cannot be shown: {problem}"),
        )
        .in_file(&file.path)
        .help(help),
    );
    None
}

/// Reports every top-level field a translation of `collection` cannot set; whether
/// there was one.
fn untranslatable_fields(entry: &mut Entry, collection: Collection, yaml: &str) -> bool {
    let Ok(fields) = frontmatter::parse::<serde_json::Map<String, serde_json::Value>>(
        yaml,
        entry.at.yaml_offset,
    ) else {
        // The typed parse that follows reports the syntax error.
        return false;
    };
    let allowed = translatable(collection);
    let mut found = false;
    for key in fields.keys().filter(|key| !allowed.contains(&key.as_str())) {
        found = true;
        let help = match closest(key, allowed.iter().copied()) {
            Some(meant) if key.len() > 3 && meant != key => format!("did you mean `{meant}`?"),
            _ => format!(
                "a translation of a {} holds only {}; set `{key}` in the entry's own file, for every language",
                collection.singular(),
                listed(allowed),
            ),
        };
        let message = match collection == Collection::Cities && key == "name" {
            true => {
                "a city's name is not translated here: its names in other languages are in `names`"
                    .to_owned()
            }
            false => format!("`{key}` cannot differ between languages"),
        };
        entry.error(
            codes::TRANSLATION_FIELD,
            message,
            entry.at.key(key),
            "the same in every language",
            help,
        );
    }
    found
}

/// The translated notes, each with a valid date.
fn notes(entry: &mut Entry, raw: Vec<RawNote>) -> Vec<TranslatedNote> {
    let mut notes = Vec::with_capacity(raw.len());
    for item in raw {
        let span = entry.at.token("history", &item.note);
        let date = match item.date {
            Some(date) => match entry.date_at(date, span.clone()) {
                Some(date) => Some(date),
                None => continue,
            },
            None => None,
        };
        notes.push(TranslatedNote {
            date,
            event: item.event,
            note: item.note,
            span,
        });
    }
    notes
}

/// `a`, `a` and `b`, `a`, `b` and `c`.
fn listed(fields: &[&str]) -> String {
    let quoted: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

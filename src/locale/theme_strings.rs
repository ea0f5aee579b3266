//! Checks that every built-in string file translates the whole of `en.yaml`: the same
//! keys, and in each value the same `{placeholders}`, which templates and scripts
//! replace by name.

use std::collections::{BTreeMap, BTreeSet};

use crate::content::frontmatter;
use crate::render::theme::STRINGS;

fn words(name: &str, bytes: &[u8]) -> BTreeMap<String, String> {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|_| panic!("{name} is not UTF-8"));
    frontmatter::parse(text, 0).unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

/// The names in braces: `{total} in total` → {`total`}.
fn placeholders(text: &str) -> BTreeSet<&str> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}

fn english() -> BTreeMap<String, String> {
    let (name, bytes) = STRINGS.iter().find(|(n, _)| *n == "en.yaml").unwrap();
    words(name, bytes)
}

#[test]
fn the_theme_ships_the_languages_of_issue_27() {
    for language in ["en", "de", "fr", "es", "ja", "ar"] {
        let file = format!("{language}.yaml");
        assert!(STRINGS.iter().any(|(n, _)| *n == file), "{file}");
    }
}

#[test]
fn every_language_has_exactly_the_english_keys() {
    let en = english();
    for (name, bytes) in STRINGS {
        let other = words(name, bytes);
        let missing: Vec<_> = en.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<_> = other.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{name} lacks {missing:?}");
        assert!(extra.is_empty(), "{name} has keys en.yaml lacks: {extra:?}");
    }
}

#[test]
fn every_translation_keeps_the_placeholders() {
    let en = english();
    for (name, bytes) in STRINGS {
        for (key, value) in words(name, bytes) {
            let Some(english) = en.get(&key) else {
                continue;
            };
            assert_eq!(
                placeholders(&value),
                placeholders(english),
                "{name}: {key}: {value}"
            );
        }
    }
}

#[test]
fn every_value_is_written() {
    for (name, bytes) in STRINGS {
        for (key, value) in words(name, bytes) {
            assert!(!value.trim().is_empty(), "{name}: {key} is empty");
        }
    }
}

#[test]
fn placeholders_are_names_in_braces() {
    assert_eq!(
        placeholders("{count} of {total} match."),
        BTreeSet::from(["count", "total"])
    );
    assert!(placeholders("no braces").is_empty());
}

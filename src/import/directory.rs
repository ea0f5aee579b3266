//! The site's cities and agreements as the import sees them: read from disk once, then
//! changed in memory row by row, so that later rows find what earlier rows created.
//! Nothing is written here.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::edit;
use crate::content::frontmatter;
use crate::content::model::Collection;

/// One entry file, as it is or as the import would leave it.
#[derive(Debug)]
pub struct Entry {
    /// Relative to the site's root: `content/cities/lodz.md`.
    pub path: PathBuf,
    pub text: String,
    pub created: bool,
    /// The keys the import changed in a file that existed: the value the file had,
    /// and the one it gets, as compact JSON.
    pub changed: BTreeMap<String, (Option<String>, String)>,
    /// `name` of a city, `title` of an agreement.
    pub name: String,
    pub country: Option<String>,
    /// A city's `names` in other languages; an agreement's parties.
    pub others: Vec<String>,
}

#[derive(Debug, Default)]
pub struct Directory {
    pub cities: BTreeMap<String, Entry>,
    pub agreements: BTreeMap<String, Entry>,
    /// Lower-cased names and `names` of cities → their ids.
    by_name: HashMap<String, BTreeSet<String>>,
    /// The parties of each agreement → its id, the first by id where several agree.
    by_parties: HashMap<BTreeSet<String>, String>,
    pub areas: Vec<String>,
}

#[derive(Default, Deserialize)]
struct Head {
    name: Option<String>,
    title: Option<String>,
    country: Option<String>,
    #[serde(default)]
    names: BTreeMap<String, String>,
    #[serde(default)]
    parties: Vec<String>,
}

impl Directory {
    /// The cities and agreements under `root/content`; files that cannot be read are
    /// left out (`amicus check` reports them).
    pub fn load(root: &Path, areas: Vec<String>) -> Self {
        let mut directory = Self {
            areas,
            ..Self::default()
        };
        let (paths, _) = crate::load::discover(root);
        for (collection, path) in paths {
            let Some(id) = path.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            // `dresden.en.md` is a translation, not an entry.
            if id.contains('.')
                || !matches!(collection, Collection::Cities | Collection::Agreements)
            {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            // A file whose front matter does not read still takes its id: nothing is
            // created over it, and `amicus check` tells what is wrong with it.
            let head = head(&text).unwrap_or_default();
            let entry = Entry {
                path: crate::load::relative(root, &path),
                text,
                created: false,
                changed: BTreeMap::new(),
                name: head.name.or(head.title).unwrap_or_default(),
                country: head.country,
                others: match collection {
                    Collection::Cities => head.names.into_values().collect(),
                    _ => head.parties,
                },
            };
            directory.insert(collection, id.to_owned(), entry);
        }
        directory
    }

    fn insert(&mut self, collection: Collection, id: String, entry: Entry) {
        if collection == Collection::Cities {
            for name in std::iter::once(&entry.name).chain(&entry.others) {
                (self.by_name.entry(name.to_lowercase()).or_default()).insert(id.clone());
            }
            self.cities.insert(id, entry);
        } else {
            let parties = entry.others.iter().cloned().collect();
            self.by_parties.entry(parties).or_insert_with(|| id.clone());
            self.agreements.insert(id, entry);
        }
    }

    /// The ids of the cities called `name`, by their name or one of their `names`.
    pub fn cities_named(&self, name: &str) -> Vec<&str> {
        (self.by_name.get(&name.to_lowercase()).into_iter().flatten())
            .map(String::as_str)
            .collect()
    }

    /// The agreement whose parties are exactly `parties`, in any order.
    pub fn agreement_between(&self, parties: &[String]) -> Option<&str> {
        let wanted: BTreeSet<String> = parties.iter().cloned().collect();
        self.by_parties.get(&wanted).map(String::as_str)
    }

    /// Stages a new entry file with `front` (`key: value` lines) and `body`.
    pub fn create(
        &mut self,
        collection: Collection,
        id: &str,
        front: &[(&str, String)],
        body: &str,
    ) {
        let mut text = String::from("---\n");
        for (key, value) in front {
            let separator = if value.starts_with('\n') { ":" } else { ": " };
            text.push_str(&format!("{key}{separator}{value}\n"));
        }
        text.push_str("---\n");
        text.push_str(body);
        let value = |key: &str| {
            front
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.clone())
        };
        let head = self::head(&text);
        let entry = Entry {
            path: Path::new("content")
                .join(collection.folder())
                .join(format!("{id}.md")),
            created: true,
            changed: BTreeMap::new(),
            name: head
                .as_ref()
                .and_then(|h| h.name.clone().or(h.title.clone()))
                .unwrap_or_default(),
            country: value("country"),
            others: head.map(|h| h.parties).unwrap_or_default(),
            text,
        };
        self.insert(collection, id.to_owned(), entry);
    }

    /// Sets `keys` in an entry's front matter, each only where its value differs from
    /// what the file says (compared as YAML, not as text).
    pub fn update(&mut self, collection: Collection, id: &str, keys: &[(&str, String)]) {
        let entries = match collection {
            Collection::Cities => &mut self.cities,
            _ => &mut self.agreements,
        };
        let Some(entry) = entries.get_mut(id) else {
            return;
        };
        let current = values(&entry.text);
        let mut differ: Vec<(&str, String)> = Vec::new();
        let mut changes = Vec::new();
        for (key, value) in keys {
            let new = values(&format!("---\n{key}: {value}\n---\n"));
            let (before, after) = (current.get(*key), new.get(*key));
            if before != after {
                differ.push((key, value.clone()));
                let text = |v: &serde_json::Value| match v {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                changes.push((
                    key.to_string(),
                    before.map(text),
                    after.map(text).unwrap_or_default(),
                ));
            }
        }
        if differ.is_empty() {
            return;
        }
        if let Some(text) = edit::set_keys(&entry.text, &differ) {
            entry.text = text;
            if !entry.created {
                for (key, before, after) in changes {
                    // What the file had before the import, whatever earlier rows set.
                    let first = entry.changed.get(&key).map_or(before, |(b, _)| b.clone());
                    entry.changed.insert(key, (first, after));
                }
            }
        }
    }

    /// Whether the entry's front matter has `key`.
    pub fn has_key(&self, collection: Collection, id: &str, key: &str) -> bool {
        let entries = match collection {
            Collection::Cities => &self.cities,
            _ => &self.agreements,
        };
        entries
            .get(id)
            .is_some_and(|e| values(&e.text).contains_key(key))
    }

    /// Every entry created or changed, cities first.
    pub fn touched(&self) -> impl Iterator<Item = &Entry> {
        (self.cities.values().chain(self.agreements.values()))
            .filter(|e| e.created || !e.changed.is_empty())
    }
}

fn head(text: &str) -> Option<Head> {
    let split = frontmatter::split(text).ok()?;
    frontmatter::parse::<Head>(split.yaml, split.yaml_offset).ok()
}

/// The front matter's top-level values, for comparison.
fn values(text: &str) -> serde_json::Map<String, serde_json::Value> {
    frontmatter::split(text)
        .ok()
        .and_then(|s| {
            frontmatter::parse::<serde_json::Map<String, serde_json::Value>>(s.yaml, s.yaml_offset)
                .ok()
        })
        .unwrap_or_default()
}

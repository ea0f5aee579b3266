//! Entries compared one by one: what each entry of a directory says, as plain facts
//! (field → value in words), and which files moved to a new id.
//!
//! Input: a linked [`Directory`] (or none, when its site.yaml did not read). Output:
//! [`Entry`] views keyed by collection and id, renames found by content similarity,
//! and the places that still name an id. Invariant: everything is sorted by id, so the
//! output never depends on hash order.

use std::collections::{BTreeMap, HashMap};

use super::Reference;
use crate::content::model::{Agreement, City, Collection, Meta, Page, Program, Ref, Translation};
use crate::graph::Directory;

/// One entry as `diff` compares it.
#[derive(Debug)]
pub struct Entry<'a> {
    pub meta: &'a Meta,
    /// The name or title.
    pub name: &'a str,
    kind: Kind<'a>,
    /// Its translations, by language tag.
    pub translations: BTreeMap<&'a str, &'a Translation>,
}

#[derive(Debug, Clone, Copy)]
enum Kind<'a> {
    City(&'a City),
    Program(&'a Program),
    Agreement(&'a Agreement),
    Page(&'a Page),
}

impl Entry<'_> {
    /// Field → value in words, in the order of the entry's documentation. Made only
    /// for the entries whose file changed: most of a directory's files do not.
    pub fn facts(&self) -> Vec<(&'static str, String)> {
        match self.kind {
            Kind::City(c) => city(c),
            Kind::Program(p) => program(p),
            Kind::Agreement(a) => agreement(a),
            Kind::Page(p) => page(p),
        }
    }
}

/// Every entry of a directory, by collection and id.
pub type Entries<'a> = BTreeMap<(Collection, &'a str), Entry<'a>>;

/// The entries of `directory`; none without one.
pub fn entries<'a>(directory: Option<&'a Directory>) -> Entries<'a> {
    let mut all = Entries::new();
    let Some(d) = directory else {
        return all;
    };
    // An entry's translations are found by its collection and position.
    let entry = |collection, i: usize, meta: &'a Meta, name, kind| {
        let translations = d.translations.get(&(collection, i as u32));
        let translations = (translations.into_iter().flatten())
            .map(|t| (d.config.languages[t.language].tag.as_str(), &**t))
            .collect();
        let entry = Entry {
            meta,
            name,
            kind,
            translations,
        };
        (collection, entry)
    };
    let cities = d.cities.iter().enumerate();
    let programs = d.programs.iter().enumerate();
    let agreements = d.agreements.iter().enumerate();
    let pages = d.pages.iter().enumerate();
    let found = (cities
        .map(|(i, c)| entry(Collection::Cities, i, &c.meta, &c.name, Kind::City(c))))
    .chain(
        programs.map(|(i, p)| entry(Collection::Programs, i, &p.meta, &p.title, Kind::Program(p))),
    )
    .chain(agreements.map(|(i, a)| {
        entry(
            Collection::Agreements,
            i,
            &a.meta,
            &a.title,
            Kind::Agreement(a),
        )
    }))
    .chain(pages.map(|(i, p)| entry(Collection::Pages, i, &p.meta, &p.title, Kind::Page(p))));
    for (collection, entry) in found {
        all.insert((collection, entry.meta.id.as_str()), entry);
    }
    all
}

fn city(c: &City) -> Vec<(&'static str, String)> {
    let location = c.location.map(|l| format!("{:.4}, {:.4}", l.lat, l.lon));
    let former: Vec<String> = c
        .former_names
        .iter()
        .map(|f| match f.until {
            Some(until) => format!("{} (until {})", f.name, until.human()),
            None => f.name.clone(),
        })
        .collect();
    let names: Vec<String> = c.names.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    let facts = [
        ("name", Some(c.name.clone())),
        (
            "country",
            Some(format!("{} ({})", c.country.name(), c.country.as_str())),
        ),
        ("level", Some(c.level.as_str().to_owned())),
        ("parent", c.parent.as_ref().map(|r| r.id.to_string())),
        ("location", location),
        ("population", c.population.map(thousands)),
        ("website", c.website.clone()),
        ("names", joined(names)),
        ("former_names", joined(former)),
        ("areas", ids(&c.areas)),
    ];
    present(facts)
}

fn program(p: &Program) -> Vec<(&'static str, String)> {
    let countries = p.countries.iter().map(|c| c.name().to_owned()).collect();
    let facts = [
        ("title", Some(p.title.clone())),
        ("kind", Some(p.kind.as_str().to_owned())),
        ("lead", p.lead.as_ref().map(|r| r.id.to_string())),
        ("participants", ids(&p.participants)),
        ("countries", joined(countries)),
        ("areas", ids(&p.areas)),
        ("start", p.start.map(|d| d.human())),
        ("end", p.end.map(|d| d.human())),
        ("status", Some(p.status.as_str().to_owned())),
        ("website", p.website.clone()),
    ];
    present(facts)
}

/// An agreement's status and history are partnership changes, told apart from these.
fn agreement(a: &Agreement) -> Vec<(&'static str, String)> {
    let signatories = a.signatories.iter().map(|s| s.name.clone()).collect();
    let facts = [
        ("title", Some(a.title.clone())),
        ("kind", Some(a.kind.as_str().to_owned())),
        ("parties", ids(&a.parties)),
        ("signed", a.signed.map(|d| d.human())),
        ("expires", a.expires.map(|d| d.human())),
        ("areas", ids(&a.areas)),
        ("programs", ids(&a.programs)),
        ("document", a.document.clone()),
        ("signatories", joined(signatories)),
    ];
    present(facts)
}

fn page(p: &Page) -> Vec<(&'static str, String)> {
    let facts = [
        ("title", Some(p.title.clone())),
        ("menu", Some(p.menu.to_string())),
        ("weight", Some(p.weight.to_string())),
    ];
    present(facts)
}

fn present<const N: usize>(
    facts: [(&'static str, Option<String>); N],
) -> Vec<(&'static str, String)> {
    facts
        .into_iter()
        .filter_map(|(k, v)| Some((k, v?)))
        .collect()
}

fn ids(refs: &[Ref]) -> Option<String> {
    joined(refs.iter().map(|r| r.id.to_string()).collect())
}

fn joined(values: Vec<String>) -> Option<String> {
    (!values.is_empty()).then(|| values.join(", "))
}

/// `1463723` → `1,463,723`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// How alike two files are, from 0 to 1: the share of words they have in common
/// (Dice's coefficient over word multisets), so that a renamed city whose name and
/// a line or two changed still matches its old file.
#[cfg(test)]
fn similarity(a: &str, b: &str) -> f64 {
    Words::new(a).similarity(&Words::new(b))
}

/// A text's words with their counts, made once per file for all its comparisons.
struct Words<'a> {
    counts: HashMap<&'a str, usize>,
    total: usize,
}

impl<'a> Words<'a> {
    fn new(text: &'a str) -> Self {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for word in text.split_whitespace() {
            *counts.entry(word).or_default() += 1;
        }
        let total = counts.values().sum();
        Words { counts, total }
    }

    fn similarity(&self, other: &Words) -> f64 {
        if self.total + other.total == 0 {
            return 1.0;
        }
        let common: usize = self
            .counts
            .iter()
            .map(|(word, n)| (*n).min(other.counts.get(word).copied().unwrap_or(0)))
            .sum();
        2.0 * common as f64 / (self.total + other.total) as f64
    }
}

/// Files at least this alike are one entry moved to a new id.
pub const RENAME_THRESHOLD: f64 = 0.5;

/// Beyond this many comparisons renames are not looked for: a change that removes
/// and adds thousands of entries is a rewrite, and comparing each pair would take
/// longer than the rest of the diff.
const MAX_COMPARISONS: usize = 250_000;

/// Pairs each removed entry with the added entry of the same collection most like it,
/// best pairs first, each entry in one pair at most. `removed` and `added` are
/// (collection, id, text); the result is (collection, old id, new id, similarity).
pub fn renames<'a>(
    removed: &[(Collection, &'a str, &'a str)],
    added: &[(Collection, &'a str, &'a str)],
) -> Vec<(Collection, &'a str, &'a str, f64)> {
    if removed.len().saturating_mul(added.len()) > MAX_COMPARISONS {
        return Vec::new();
    }
    let words = |list: &[(Collection, &str, &'a str)]| -> Vec<Words<'a>> {
        list.iter().map(|(_, _, text)| Words::new(text)).collect()
    };
    let (old_words, new_words) = (words(removed), words(added));
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (i, (collection, _, _)) in removed.iter().enumerate() {
        for (j, (other, _, _)) in added.iter().enumerate() {
            let score = match collection == other {
                true => old_words[i].similarity(&new_words[j]),
                false => 0.0,
            };
            if score >= RENAME_THRESHOLD {
                pairs.push((score, i, j));
            }
        }
    }
    // Best first; ties in file order, so the result is stable.
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    let (mut used_old, mut used_new) = (vec![false; removed.len()], vec![false; added.len()]);
    let mut found = Vec::new();
    for (score, i, j) in pairs {
        if !used_old[i] && !used_new[j] {
            used_old[i] = true;
            used_new[j] = true;
            found.push((removed[i].0, removed[i].1, added[j].1, score));
        }
    }
    found.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    found
}

/// Every place in `directory` that names `id` of `collection`: front-matter references
/// and links in bodies, sorted by file and line.
pub fn references(
    directory: Option<&Directory>,
    collection: Collection,
    id: &str,
) -> Vec<Reference> {
    let Some(d) = directory else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut note = |meta: &Meta, field: &str, refs: &mut dyn Iterator<Item = &Ref>| {
        for r in refs.filter(|r| r.id.as_str() == id) {
            found.push(reference(meta, field, r.span.start));
        }
    };
    if collection == Collection::Cities {
        for c in &d.cities {
            note(&c.meta, "parent", &mut c.parent.iter());
        }
        for p in &d.programs {
            note(&p.meta, "lead", &mut p.lead.iter());
            note(&p.meta, "participants", &mut p.participants.iter());
        }
        for a in &d.agreements {
            note(&a.meta, "parties", &mut a.parties.iter());
            note(
                &a.meta,
                "history",
                &mut a.history.iter().filter_map(|h| h.by.as_ref()),
            );
        }
    }
    if collection == Collection::Programs {
        for a in &d.agreements {
            note(&a.meta, "programs", &mut a.programs.iter());
        }
    }
    found.extend(body_links(d, collection, id));
    found.sort();
    found.dedup();
    found
}

fn body_links(d: &Directory, collection: Collection, id: &str) -> Vec<Reference> {
    let metas = (d.cities.iter().map(|e| &e.meta))
        .chain(d.programs.iter().map(|e| &e.meta))
        .chain(d.agreements.iter().map(|e| &e.meta))
        .chain(d.pages.iter().map(|e| &e.meta));
    metas
        .flat_map(|meta| {
            meta.body
                .links
                .iter()
                .filter(|l| l.collection == Some(collection) && &*l.id == id)
                .map(|l| reference(meta, "text", l.span.start))
        })
        .collect()
}

fn reference(meta: &Meta, field: &str, offset: usize) -> Reference {
    let file = meta.source.file();
    Reference {
        file: file.path.to_string_lossy().replace('\\', "/"),
        line: file.line_col(offset).0,
        field: field.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similar_files_pair_up_best_first() {
        let kiev = "name: Kiev\ncountry: UA\nThe capital of Ukraine, on the Dnipro.";
        let kyiv =
            "name: Kyiv\ncountry: UA\nformer_names: Kiev\nThe capital of Ukraine, on the Dnipro.";
        let lodz = "name: Łódź\ncountry: PL\nA textile city in central Poland.";
        let removed = [(Collection::Cities, "kiev", kiev)];
        let added = [
            (Collection::Cities, "lodz", lodz),
            (Collection::Cities, "kyiv", kyiv),
        ];
        let found = renames(&removed, &added);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].1, found[0].2), ("kiev", "kyiv"));
        assert!(found[0].3 > 0.7, "{}", found[0].3);
    }

    #[test]
    fn unlike_files_and_other_collections_are_not_renames() {
        let text = "title: Student exchange\nkind: exchange";
        let removed = [(Collection::Programs, "exchange", text)];
        let other_collection = [(Collection::Pages, "exchange-page", text)];
        assert!(renames(&removed, &other_collection).is_empty());
        let unlike = [(
            Collection::Programs,
            "trade",
            "title: Trade mission to Ghana",
        )];
        assert!(renames(&removed, &unlike).is_empty());
    }

    #[test]
    fn one_file_is_one_rename_at_most() {
        let text = "name: Kyoto\ncountry: JP";
        let removed = [
            (Collection::Cities, "a", text),
            (Collection::Cities, "b", text),
        ];
        let added = [(Collection::Cities, "c", text)];
        assert_eq!(renames(&removed, &added).len(), 1);
    }

    #[test]
    fn similarity_counts_repeated_words() {
        assert_eq!(similarity("a a b", "a a b"), 1.0);
        assert!((similarity("a a", "a b") - 0.5).abs() < 1e-9);
        assert_eq!(similarity("x", "y"), 0.0);
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1463723), "1,463,723");
    }
}

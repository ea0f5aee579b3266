//! The site search index, written at build time and read by `static/search.js`.
//!
//! Input: the directory. Output: `search/index.json` (a manifest: kinds, their address
//! templates, shard keys) and one `search/<key>.json` per shard.
//!
//! Every entry (city, agreement, program, engagement area, country, free page) is a
//! document; its words are folded with the same transliteration as ids and sort keys
//! (`Kraków` → `krakow`, `São Paulo` → `sao paulo`, `Łódź` → `lodz`) and split on
//! anything that is not an ASCII letter or digit. Words come from the name or title,
//! the names in other languages and the former names (so Cracow and Krakau find
//! Kraków) and, for words of four letters or more, from the summary.
//!
//! Invariants: a word is in the shard whose key is the longest shard key it starts
//! with; a shard holds the documents its words point to and nothing else, so a query
//! downloads the manifest and one shard per distinct word prefix. Words are grouped by
//! their first letter; a letter with more than [`SHARD_DOCS`] documents is split by the
//! first two letters. All maps are ordered: the files are deterministic. Documents
//! hold what a result shows (kind, id, title, a short context), not their text.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

use super::OutputFile;
use super::view::Views;
use crate::content::model::Collection;
use crate::graph::{AgreementIx, AreaIx, CityIx, CountryIx, Directory, ProgramIx, sort_key};

/// Above this many documents, a one-letter shard is split into two-letter shards.
const SHARD_DOCS: usize = 400;

/// The kinds of document, in the order results are grouped.
const KINDS: [&str; 6] = ["city", "agreement", "program", "area", "country", "page"];

/// One searchable entry.
struct Document {
    kind: usize,
    id: String,
    title: String,
    /// What tells two results of the same title apart: a country, a kind, a year.
    context: String,
    words: BTreeSet<String>,
}

/// The words of a text, folded: lowercase ASCII letters and digits.
pub fn fold_words(text: &str) -> impl Iterator<Item = String> {
    sort_key(text)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect::<Vec<_>>()
        .into_iter()
}

fn words<'a>(names: impl IntoIterator<Item = &'a str>, summary: Option<&str>) -> BTreeSet<String> {
    let mut words: BTreeSet<String> = names
        .into_iter()
        .flat_map(fold_words)
        .filter(|w| w.len() >= 2)
        .collect();
    words.extend(
        summary
            .into_iter()
            .flat_map(fold_words)
            .filter(|w| w.len() >= 4),
    );
    words
}

fn documents(d: &Directory) -> Vec<Document> {
    let views = Views { d };
    let mut docs = Vec::new();
    for (i, city) in d.cities.iter().enumerate() {
        let r = views.city_ref(CityIx(i as u32));
        let names = std::iter::once(city.name.as_str())
            .chain(city.names.values().map(String::as_str))
            .chain(city.former_names.iter().map(|f| f.name.as_str()));
        docs.push(Document {
            kind: 0,
            id: r.id.to_owned(),
            title: r.name.to_owned(),
            context: format!("{}, {}", r.level_label, r.country.name),
            words: words(names, r.summary),
        });
    }
    for i in 0..d.agreements.len() {
        let r = views.agreement_ref(AgreementIx(i as u32));
        let context = match &r.signed_human {
            Some(date) => format!("{}, {date}", r.kind_label),
            None => r.kind_label.to_owned(),
        };
        docs.push(Document {
            kind: 1,
            id: r.id.to_owned(),
            title: r.title.to_owned(),
            context,
            words: words([r.title], r.summary),
        });
    }
    for i in 0..d.programs.len() {
        let r = views.program_ref(ProgramIx(i as u32));
        docs.push(Document {
            kind: 2,
            id: r.id.to_owned(),
            title: r.title.to_owned(),
            context: r.kind_label.to_owned(),
            words: words([r.title], r.summary),
        });
    }
    for i in 0..d.areas.len() {
        let r = views.area_ref(AreaIx(i as u32));
        docs.push(Document {
            kind: 3,
            id: r.id.to_owned(),
            title: r.name.to_owned(),
            context: String::new(),
            words: words([r.name], r.description),
        });
    }
    for i in 0..d.countries.len() {
        let code = &d.country(CountryIx(i as u32)).code;
        docs.push(Document {
            kind: 4,
            id: code.slug(),
            title: code.name().to_owned(),
            context: String::new(),
            words: words([code.name()], None),
        });
    }
    for page in &d.pages {
        docs.push(Document {
            kind: 5,
            id: page.meta.id.to_string(),
            title: page.title.clone(),
            context: String::new(),
            words: words([page.title.as_str()], page.meta.summary.as_deref()),
        });
    }
    docs
}

/// Shard key → word → documents (indexes into `docs`).
type Shards = BTreeMap<String, BTreeMap<String, Vec<usize>>>;

/// Groups words by first letter, splitting letters with too many documents.
fn shards(docs: &[Document]) -> Shards {
    let mut by_letter: Shards = BTreeMap::new();
    for (i, doc) in docs.iter().enumerate() {
        for word in &doc.words {
            let key = word[..1].to_owned();
            by_letter
                .entry(key)
                .or_default()
                .entry(word.clone())
                .or_default()
                .push(i);
        }
    }
    let mut shards = Shards::new();
    for (letter, words) in by_letter {
        if distinct_docs(&words) <= SHARD_DOCS {
            shards.insert(letter, words);
            continue;
        }
        for (word, ixs) in words {
            let key = word[..word.len().min(2)].to_owned();
            shards.entry(key).or_default().insert(word, ixs);
        }
    }
    shards
}

fn distinct_docs(words: &BTreeMap<String, Vec<usize>>) -> usize {
    words.values().flatten().collect::<BTreeSet<_>>().len()
}

/// Where the manifest is written; shards sit beside it.
pub const MANIFEST: &str = "search/index.json";

/// The manifest and every shard.
pub fn files(d: &Directory) -> Vec<OutputFile> {
    let docs = documents(d);
    let shards = shards(&docs);
    let urls = &d.config.urls;
    let templates: Vec<String> = vec![
        urls.entry(Collection::Cities, "{id}"),
        urls.entry(Collection::Agreements, "{id}"),
        urls.entry(Collection::Programs, "{id}"),
        urls.area("{id}"),
        urls.country("{id}"),
        urls.entry(Collection::Pages, "{id}"),
    ];
    let manifest = json!({
        "v": 1,
        "kinds": KINDS,
        "urls": templates,
        "shards": shards.keys().collect::<Vec<_>>(),
    });
    let mut files = vec![json_file(MANIFEST.to_owned(), &manifest)];
    for (key, words) in &shards {
        files.push(json_file(
            format!("search/{key}.json"),
            &shard(&docs, words),
        ));
    }
    files
}

/// A shard: its documents (`d`: kind, id, title, context) and its words (`w`: word →
/// indexes into `d`).
fn shard(docs: &[Document], words: &BTreeMap<String, Vec<usize>>) -> Value {
    let used: BTreeSet<usize> = words.values().flatten().copied().collect();
    let local: BTreeMap<usize, usize> = used.iter().enumerate().map(|(n, &i)| (i, n)).collect();
    let d: Vec<Value> = used
        .iter()
        .map(|&i| {
            let doc = &docs[i];
            json!([doc.kind, doc.id, doc.title, doc.context])
        })
        .collect();
    let w: serde_json::Map<String, Value> = words
        .iter()
        .map(|(word, ixs)| {
            let ixs: Vec<usize> = ixs.iter().map(|i| local[i]).collect();
            (word.clone(), json!(ixs))
        })
        .collect();
    json!({ "d": d, "w": w })
}

fn json_file(path: String, value: &Value) -> OutputFile {
    OutputFile {
        path,
        bytes: serde_json::to_vec(value).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_like_ids() {
        let words: Vec<String> = fold_words("Kraków, São Paulo & Łódź-Fabryczna").collect();
        assert_eq!(words, ["krakow", "sao", "paulo", "lodz", "fabryczna"]);
    }

    #[test]
    fn summaries_give_only_longer_words() {
        let words = words(["Oslo"], Some("A port on the fjord"));
        assert_eq!(
            words.into_iter().collect::<Vec<_>>(),
            ["fjord", "oslo", "port"]
        );
    }

    fn doc(words: &[&str]) -> Document {
        Document {
            kind: 0,
            id: String::new(),
            title: String::new(),
            context: String::new(),
            words: words.iter().map(|w| (*w).to_owned()).collect(),
        }
    }

    #[test]
    fn a_crowded_letter_is_split_by_two_letters() {
        let mut docs: Vec<Document> = (0..=SHARD_DOCS).map(|_| doc(&["krakow"])).collect();
        docs.push(doc(&["kyoto"]));
        docs.push(doc(&["oslo"]));
        let keys: Vec<String> = shards(&docs).into_keys().collect();
        assert_eq!(keys, ["kr", "ky", "o"]);
    }
}

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
//! Kraków), for an agreement or a program every name of its cities (Breslau finds the
//! Dresden–Wrocław agreement) and its kind's label in each of the site's languages
//! ("sister city", "Städtepartnerschaft" and the theme's other words for a kind, such
//! as "twin town", find it on either language's search), and, for words of four
//! letters or more that are not numbers, from the summary. Names in other scripts are
//! also indexed as written, lowercased (`京都市`, `петербург`), in shards keyed
//! `_<first code point in hex>`.
//!
//! A word in more than [`STOP_DOCS`] documents and 1% of all keeps only the documents
//! whose title begins with it; if those are none or still too many, it is a stop word:
//! the manifest lists it, no shard holds it, and the script leaves it out of queries.
//!
//! Invariants: shards partition the words by prefix: a word is in the shard whose key
//! is the longest key it starts with. Words are grouped by their first letter; a group
//! with more than [`SHARD_DOCS`] documents is split by one more letter, up to
//! [`MAX_KEY`], and a word shorter than the new keys is a key of its own. A shard holds
//! the documents its words point to and nothing else. The maps that are written are
//! ordered (words are hashed only while the index grows), so the files are
//! deterministic. Documents hold what a result shows (kind, id, title, a short
//! context), not their text.
//!
//! So the words beginning with a query word are in one shard: the one whose key begins
//! the word. Unless the query word is itself the key of a split group (`ma` while
//! typing `madrid`): then they are in every shard under it, as much as 2.2 MB at
//! 100,000 cities. Such a word gets a shard of its own, `search/top-<key>.json`, with
//! the number of documents of each kind that have a word beginning with it and the
//! first [`TOP_DOCS`] of each kind in the order the script shows them (titles beginning
//! with the word first, then titles containing it, then by title). The manifest lists
//! these words under `top`. The group's own shard, which would hold only the word that
//! is its key, is not written: no query needs it. A query downloads the manifest and
//! one shard per word.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Bound;

use serde::Serialize;
use serde_json::json;

use super::OutputFile;
use super::view::Views;
use crate::content::model::Collection;
use crate::graph::{AgreementIx, AreaIx, CityIx, CountryIx, Directory, ProgramIx, sort_key};

/// Above this many documents, a shard is split by one more letter.
const SHARD_DOCS: usize = 400;

/// The longest shard key: a shard of eight letters is not split further. On the
/// generated site of 100,000 cities, four left a shard of 900 KB (`stra`) and six one
/// of 600 KB (`nieder`).
const MAX_KEY: usize = 8;

/// The most documents of each kind in a split group's shard of best documents: as many
/// as the search page shows of a kind.
const TOP_DOCS: usize = 100;

/// A word in more documents than this (and than 1% of them) is pruned (see the module
/// doc). Without this, "agreement" or "city" would put most documents in one shard.
const STOP_DOCS: usize = 200;

/// The kinds of document, in the order results are grouped.
const KINDS: [&str; 6] = ["city", "agreement", "program", "area", "country", "page"];

/// One searchable entry, as a result shows it. Ids and titles are borrowed from the
/// directory: copies of them were some 12 MB of the index at 100,000 cities.
struct Document<'d> {
    kind: usize,
    id: Cow<'d, str>,
    title: &'d str,
    /// What tells two results of the same title apart: a country, a kind, a year.
    context: String,
}

/// The documents, and for every word the documents it is in. Made document by
/// document, so that no document's set of words outlives it: kept with the documents
/// until the postings were made, every set was in memory at once, at the peak of a
/// 100,000-city build. The words are hashed while the index grows and sorted once
/// when it is done: a sorted map compared a word with some seventeen others for each
/// of the millions of times a document named one.
#[derive(Default)]
struct Index<'d> {
    docs: Vec<Document<'d>>,
    postings: Postings,
}

impl<'d> Index<'d> {
    fn add(&mut self, doc: Document<'d>, words: BTreeSet<String>) {
        let i = self.docs.len() as u32;
        for word in words {
            self.postings.entry(word).or_default().push(i);
        }
        self.docs.push(doc);
    }
}

/// The words of a text, folded: lowercase ASCII letters and digits.
pub fn fold_words(text: &str) -> impl Iterator<Item = String> {
    words_of_folded(&sort_key(text))
        .map(str::to_owned)
        .collect::<Vec<_>>()
        .into_iter()
}

/// The words of a text already folded by `sort_key`.
fn words_of_folded(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Whether a word is in a script other than Latin (Greek, Cyrillic, Arabic, Han …),
/// which a visitor may type as it is written rather than transliterated.
fn is_other_script(word: &str) -> bool {
    word.chars()
        .any(|c| c as u32 >= 0x370 && !(0x1E00..=0x1EFF).contains(&(c as u32)))
}

/// The words of a name in a script other than Latin, lowercased but not transliterated
/// (`Санкт-Петербург` → `санкт`, `петербург`; `京都市` stays whole).
fn other_script_words(name: &str) -> impl Iterator<Item = String> {
    name.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| is_other_script(w))
        .map(str::to_owned)
        .collect::<Vec<_>>()
        .into_iter()
}

fn words<'a>(names: impl IntoIterator<Item = &'a str>, summary: Option<&str>) -> BTreeSet<String> {
    let names: Vec<&str> = names.into_iter().collect();
    let mut words: BTreeSet<String> = names
        .iter()
        .flat_map(|n| fold_words(n))
        .filter(|w| w.len() >= 2)
        .collect();
    words.extend(names.iter().flat_map(|n| other_script_words(n)));
    words.extend(
        summary
            .into_iter()
            .flat_map(fold_words)
            .filter(|w| w.len() >= 4 && !w.bytes().all(|b| b.is_ascii_digit())),
    );
    words
}

/// Every name of a city: its own, in other languages, and former.
fn city_names(d: &Directory, ix: CityIx) -> impl Iterator<Item = &str> {
    let city = d.city(ix);
    std::iter::once(city.name.as_str())
        .chain(city.names.values().map(String::as_str))
        .chain(city.former_names.iter().map(|f| f.name.as_str()))
}

/// What an agreement or program is found by: its title, `kinds` (the words for its kind
/// in each of the site's languages) and every name of its cities, so that "sister
/// city", "Städtepartnerschaft" and "Breslau" find the Dresden–Wrocław agreement on
/// every language's search.
fn entry_names<'a>(
    d: &'a Directory,
    title: &'a str,
    kinds: impl IntoIterator<Item = &'a str>,
    cities: impl IntoIterator<Item = CityIx>,
) -> Vec<&'a str> {
    let mut names = vec![title];
    names.extend(kinds);
    names.extend(cities.into_iter().flat_map(|c| city_names(d, c)));
    names
}

/// `languages`: the views of each of the site's languages, for the kinds' words.
fn index<'d>(views: &Views<'d>, languages: &[&Views<'d>]) -> Index<'d> {
    let d = views.d;
    let mut index = Index::default();
    for i in 0..d.cities.len() {
        let r = views.city_ref(CityIx(i as u32));
        let context = format!("{}, {}", r.level_label, r.country.name);
        let names = city_names(d, CityIx(i as u32));
        index.add(document(0, r.id, r.name, context), words(names, r.summary));
    }
    for (i, agreement) in d.agreements.iter().enumerate() {
        let r = views.agreement_ref(AgreementIx(i as u32));
        let context = match r.signed_human.as_deref() {
            Some(date) => format!("{}, {date}", r.kind_label),
            None => r.kind_label.to_owned(),
        };
        let kind = agreement.kind.as_str();
        let parties = d.agreement_links[i].parties.iter().copied();
        // Its label and the theme's other words for it ("twin town") in each language.
        let kinds = (languages.iter()).flat_map(|v| {
            [
                v.label("agreement_kind", kind),
                v.label("agreement_kind_words", kind),
            ]
        });
        let names = entry_names(d, r.title, kinds, parties);
        index.add(document(1, r.id, r.title, context), words(names, r.summary));
    }
    for (i, program) in d.programs.iter().enumerate() {
        let r = views.program_ref(ProgramIx(i as u32));
        let doc = document(2, r.id, r.title, r.kind_label.to_owned());
        let kind = program.kind.as_str();
        let links = &d.program_links[i];
        let cities = links
            .lead
            .into_iter()
            .chain(links.participants.iter().copied());
        let kinds = languages.iter().map(|v| v.label("program_kind", kind));
        let names = entry_names(d, r.title, kinds, cities);
        index.add(doc, words(names, r.summary));
    }
    for i in 0..d.areas.len() {
        let r = views.area_ref(AreaIx(i as u32));
        let doc = document(3, r.id, r.name, String::new());
        index.add(doc, words([r.name], r.description));
    }
    for i in 0..d.countries.len() {
        let r = views.country_ref(CountryIx(i as u32));
        let code = &d.country(CountryIx(i as u32)).code;
        let doc = document(4, code.slug(), r.name, String::new());
        index.add(doc, words([r.name], None));
    }
    for (i, page) in d.pages.iter().enumerate() {
        let title = views.page_title(i);
        let summary = views.summary(Collection::Pages, i as u32, &page.meta);
        let doc = document(5, page.meta.id.as_str(), title, String::new());
        index.add(doc, words([title], summary));
    }
    index
}

fn document<'d>(
    kind: usize,
    id: impl Into<Cow<'d, str>>,
    title: &'d str,
    context: String,
) -> Document<'d> {
    Document {
        kind,
        id: id.into(),
        title,
        context,
    }
}

/// Shard key → word → documents (indexes into `docs`).
type Shards = BTreeMap<String, Words>;

/// Word → the documents it is in, as `u32`: half the size of `usize`, and a site has
/// far fewer than four billion documents.
type Postings = HashMap<String, Vec<u32>>;

/// The same, in the order of the words.
type Words = BTreeMap<String, Vec<u32>>;

/// Prunes too common words: a word in more than the limit keeps only the documents
/// whose title begins with it (the country Poland among the many cities "in Poland");
/// when those are none or still too many, it is a stop word, taken out and returned.
fn prune(index: &mut Index) -> BTreeSet<String> {
    let docs = &index.docs;
    let limit = STOP_DOCS.max(docs.len() / 100);
    let mut stop = BTreeSet::new();
    // A title's first word, made once: the common words share most of their documents.
    let mut first_words: Vec<Option<Option<String>>> = vec![None; docs.len()];
    index.postings.retain(|word, ixs| {
        if ixs.len() <= limit {
            return true;
        }
        ixs.retain(|&i| {
            let i = i as usize;
            let first = first_words[i].get_or_insert_with(|| fold_words(docs[i].title).next());
            first.as_deref() == Some(word.as_str())
        });
        let keep = !ixs.is_empty() && ixs.len() <= limit;
        if !keep {
            stop.insert(word.clone());
        }
        keep
    });
    stop
}

/// Where each word is written: shards by key, and the keys of the groups that were
/// split, which get a shard of their best documents (see the module doc).
#[derive(Default)]
struct Layout {
    shards: Shards,
    split: BTreeSet<String>,
}

/// Groups words by first letter, splitting a group with too many documents by one more
/// letter, up to [`MAX_KEY`] letters.
/// Words in other scripts go by their first character: `_` and its code point in hex
/// (`京都市` → `_4eac`), a key no folded word can have.
fn layout(postings: Postings) -> Layout {
    let (other, latin): (Vec<_>, Vec<_>) = postings.into_iter().partition(|(w, _)| !w.is_ascii());
    let mut layout = Layout::default();
    layout.place(1, latin.into_iter().collect());
    for (word, ixs) in other {
        let first = word.chars().next().map_or(0, u32::from);
        layout
            .shards
            .entry(format!("_{first:x}"))
            .or_default()
            .insert(word, ixs);
    }
    layout
}

impl Layout {
    /// Puts `words` into shards keyed by their first `len` letters, or more. A word
    /// shorter than `len` is a key of its own: shards never share a word.
    fn place(&mut self, len: usize, words: Words) {
        let mut groups: BTreeMap<String, Words> = BTreeMap::new();
        for (word, ixs) in words {
            let key = word[..word.len().min(len)].to_owned();
            groups.entry(key).or_default().insert(word, ixs);
        }
        for (key, words) in groups {
            if key.len() < len || len >= MAX_KEY || distinct_docs(&words) <= SHARD_DOCS {
                self.shards.insert(key, words);
            } else {
                // A search word has two letters at least, so one letter needs no best shard.
                if len >= 2 {
                    self.split.insert(key);
                }
                self.place(len + 1, words);
            }
        }
    }
}

fn distinct_docs(words: &Words) -> usize {
    words.values().flatten().collect::<BTreeSet<_>>().len()
}

/// Where the manifest is written; shards sit beside it.
pub const MANIFEST: &str = "search/index.json";

/// The manifest and every shard, each handed to `each` as it is made. `languages`: the
/// views of each of the site's languages.
pub fn files<'d>(views: &Views<'d>, languages: &[&Views<'d>], each: &dyn Fn(OutputFile)) {
    let mut index = index(views, languages);
    let stop = prune(&mut index);
    let Index { docs, postings } = index;
    let Layout { shards, split } = layout(postings);
    let written = shards.iter().filter(|(key, _)| !split.contains(*key));
    let urls = views.urls();
    let output = |path: &str| urls.output_file(&urls.localized(path));
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
        "shards": written.clone().map(|(key, _)| key).collect::<Vec<_>>(),
        "top": split,
        "stop": stop,
    });
    each(OutputFile::json(output(MANIFEST), &manifest));
    for (key, words) in written {
        each(OutputFile::json(
            output(&format!("search/{key}.json")),
            &shard(&docs, words),
        ));
    }
    let titles = ranked_titles(&docs, &split);
    for key in &split {
        each(OutputFile::json(
            output(&format!("search/top-{key}.json")),
            &top(&docs, &titles, &shards, key),
        ));
    }
}

/// A shard: its documents (`d`: kind, id, title, context) and its words (`w`: word →
/// indexes into `d`). Serialized as it is, without a JSON tree of copies in between.
#[derive(Serialize)]
struct Shard<'a> {
    d: Vec<(usize, &'a str, &'a str, &'a str)>,
    w: BTreeMap<&'a str, Vec<usize>>,
}

fn shard<'a>(docs: &'a [Document], words: &'a Words) -> Shard<'a> {
    let mut used: Vec<u32> = words.values().flatten().copied().collect();
    used.sort_unstable();
    used.dedup();
    let local = |i: &u32| used.binary_search(i).expect("a word's documents are used");
    let w = words
        .iter()
        .map(|(word, ixs)| (word.as_str(), ixs.iter().map(local).collect()))
        .collect();
    let d = used
        .iter()
        .map(|&i| {
            let doc = &docs[i as usize];
            (doc.kind, &*doc.id, doc.title, &*doc.context)
        })
        .collect();
    Shard { d, w }
}

/// A split group's shard of best documents: `n`, how many documents of each kind have
/// a word beginning with its key, and `d`, the first [`TOP_DOCS`] of each kind (kind,
/// id, title, context) in the order the script shows results.
#[derive(Serialize)]
struct Top<'a> {
    n: [usize; KINDS.len()],
    d: Vec<(usize, &'a str, &'a str, &'a str)>,
}

/// Each document's title as the script ranks it: folded words of two letters or more,
/// joined by spaces. (The script keeps words in other scripts as written; here they are
/// transliterated, which can rank such a title differently.) None are needed when no
/// group was split.
fn ranked_titles(docs: &[Document], split: &BTreeSet<String>) -> Vec<String> {
    if split.is_empty() {
        return Vec::new();
    }
    docs.iter()
        .map(|doc| {
            let folded = sort_key(doc.title);
            let words: Vec<&str> = words_of_folded(&folded).filter(|w| w.len() >= 2).collect();
            words.join(" ")
        })
        .collect()
}

/// The shard of best documents of the split group `key`.
fn top<'a>(docs: &'a [Document], titles: &[String], shards: &Shards, key: &str) -> Top<'a> {
    // Shards partition the words by prefix, so these are all the words beginning with `key`.
    let mut ixs: Vec<usize> = shards
        .range::<str, _>((Bound::Included(key), Bound::Unbounded))
        .take_while(|(k, _)| k.starts_with(key))
        .flat_map(|(_, words)| words.values().flatten().map(|&i| i as usize))
        .collect();
    ixs.sort_unstable();
    ixs.dedup();
    let mut n = [0; KINDS.len()];
    for &i in &ixs {
        n[docs[i].kind] += 1;
    }
    let rank = |title: &str| {
        if title.starts_with(key) {
            0
        } else if title.contains(key) {
            1
        } else {
            2
        }
    };
    // Ranked once per document, not once per comparison.
    let mut order: Vec<(usize, u8, &str, usize)> = ixs
        .into_iter()
        .map(|i| (docs[i].kind, rank(&titles[i]), titles[i].as_str(), i))
        .collect();
    order.sort_unstable();
    let mut taken = [0; KINDS.len()];
    order.retain(|&(kind, ..)| {
        taken[kind] += 1;
        taken[kind] <= TOP_DOCS
    });
    let d = order
        .into_iter()
        .map(|(_, _, _, i)| {
            let doc = &docs[i];
            (doc.kind, &*doc.id, doc.title, &*doc.context)
        })
        .collect();
    Top { n, d }
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
    fn names_in_other_scripts_are_kept_as_written() {
        let words = words(["Санкт-Петербург", "京都市", "Hà Nội"], None);
        assert_eq!(
            words.iter().map(String::as_str).collect::<Vec<_>>(),
            [
                "du",
                "ha",
                "jing",
                "noi",
                "peterburg",
                "sankt",
                "shi",
                "петербург",
                "санкт",
                "京都市"
            ]
        );
        let mut index = Index::default();
        index.add(doc(""), words);
        let keys: Vec<String> = layout(index.postings).shards.into_keys().collect();
        assert_eq!(
            keys,
            ["_43f", "_441", "_4eac", "d", "h", "j", "n", "p", "s"]
        );
    }

    #[test]
    fn summaries_give_only_longer_words_and_no_numbers() {
        let words = words(["Oslo 2"], Some("A port on the fjord since 1624"));
        assert_eq!(
            words.into_iter().collect::<Vec<_>>(),
            ["fjord", "oslo", "port", "since"]
        );
    }

    fn doc(title: &str) -> Document<'_> {
        document(0, "", title, String::new())
    }

    /// An index of documents with these titles and words.
    fn index_of(docs: Vec<(&str, Vec<String>)>) -> Index<'_> {
        let mut index = Index::default();
        for (title, words) in docs {
            index.add(doc(title), words.into_iter().collect());
        }
        index
    }

    #[test]
    fn a_crowded_prefix_is_split_by_more_letters() {
        let crowded = "krakowianka";
        let mut docs: Vec<(&str, Vec<String>)> = (0..=SHARD_DOCS)
            .map(|i| ("", vec![format!("{crowded}{i}")]))
            .collect();
        docs.push(("", vec!["kyoto".to_owned()]));
        docs.push(("", vec!["oslo".to_owned()]));
        let layout = layout(index_of(docs).postings);
        let keys: Vec<&String> = layout.shards.keys().collect();
        assert_eq!(
            keys,
            [&crowded[..MAX_KEY], "ky", "o"],
            "split up to MAX_KEY letters"
        );
        let split: Vec<&str> = (2..MAX_KEY).map(|len| &crowded[..len]).collect();
        assert_eq!(
            layout.split.iter().collect::<Vec<_>>(),
            split,
            "kr, kra …, not k: one letter"
        );
    }

    #[test]
    fn a_split_group_has_a_shard_of_its_best_documents() {
        // (kind, title, word); documents borrow their titles.
        let mut entries: Vec<(usize, String, String)> = (0..60)
            .map(|i| (0, format!("Mazury {i}"), "mazury".to_owned()))
            .collect();
        entries.push((0, "Roma".to_owned(), "mara".to_owned()));
        entries.extend((0..400).map(|i| (0, format!("Town {i}"), format!("malmo{i}"))));
        entries.push((1, "Agreement".to_owned(), "mayor".to_owned()));
        let mut index = Index::default();
        for (kind, title, word) in &entries {
            let words = BTreeSet::from([word.clone()]);
            index.add(document(*kind, "", title, String::new()), words);
        }
        let Index { docs, postings } = index;
        let layout = layout(postings);
        assert_eq!(
            layout.split.iter().collect::<Vec<_>>(),
            ["ma"],
            "m and ma have too many documents"
        );
        let titles = ranked_titles(&docs, &layout.split);
        let top = top(&docs, &titles, &layout.shards, "ma");
        assert_eq!(top.n, [461, 1, 0, 0, 0, 0]);
        let shown: Vec<(usize, &str)> = top.d.iter().map(|d| (d.0, d.2)).collect();
        assert_eq!(
            shown.len(),
            TOP_DOCS + 1,
            "a hundred cities and the agreement"
        );
        assert!(
            shown[..60]
                .iter()
                .all(|(kind, title)| *kind == 0 && title.starts_with("Mazury")),
            "titles beginning with the word first"
        );
        assert_eq!(shown[60], (0, "Roma"), "then titles containing it");
        assert_eq!(shown[61], (0, "Town 0"), "then by title");
        assert_eq!(shown[TOP_DOCS], (1, "Agreement"));
    }

    #[test]
    fn words_in_too_many_documents_are_stop_words() {
        let words = |words: &[&str]| words.iter().map(|w| (*w).to_owned()).collect();
        let mut docs: Vec<(&str, Vec<String>)> = (0..=STOP_DOCS)
            .map(|_| ("", words(&["city", "poland"])))
            .collect();
        docs.push(("", words(&["city", "oslo"])));
        docs.push(("Poland", words(&["poland"])));
        let mut index = index_of(docs);
        let stop = prune(&mut index);
        let postings = index.postings;
        assert_eq!(stop.iter().collect::<Vec<_>>(), ["city"]);
        assert_eq!(postings["oslo"], [STOP_DOCS as u32 + 1]);
        assert_eq!(
            postings["poland"],
            [STOP_DOCS as u32 + 2],
            "only the title that begins with it"
        );
    }
}

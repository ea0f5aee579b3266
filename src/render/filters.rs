//! List filters: the facets of the city, agreement and program lists (engagement area,
//! country, level or kind, status, year), for the list pages' filter form, and the
//! compact per-collection `filter.json` that `static/filter.js` loads to filter a whole
//! collection in the browser.
//!
//! Input: the directory. Output: [`Facets`] for the templates and, per collection,
//! `<collection>/filter.json` (key tables and one column of indexes per facet) with
//! `<collection>/filter/<n>.json` (the rows a result card shows, in chunks).
//!
//! Invariants: a facet's options and the file's `keys` come from one [`Facet`], so the
//! n-th option of a `<select>` (after "all") is index n of its key table. Items are in
//! the list pages' order. Filtering needs only `filter.json`: small integers, about
//! 19 bytes an item, so a directory of 100,000 cities filters from some 1.9 MB before
//! compression; the rows (what a result card shows, no summaries) are fetched a chunk
//! at a time for the results on screen. Only values that occur are options. The shape
//! is documented in `docs/templates.md`.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Value, json};

use super::OutputFile;
use super::view::{AgreementRef, CityRef, ProgramRef, Views};
use crate::content::model::ProgramStatus;
use crate::content::model::{AgreementKind, AgreementStatus, Collection, Level, ProgramKind};
use crate::graph::{AgreementIx, CityIx, Directory, ProgramIx, sort_key};

/// One filter of a list: its name (the query parameter) and its options.
#[derive(Serialize)]
pub struct Facet {
    pub name: &'static str,
    pub options: Vec<FacetOption>,
    /// Per item, in list order: indexes into `options`. Not for templates.
    #[serde(skip)]
    items: Vec<Vec<usize>>,
}

#[derive(Serialize)]
pub struct FacetOption {
    pub value: String,
    pub label: String,
    /// How many items of the collection have this value.
    pub count: usize,
}

/// The filters of one collection's list, as its pages show them.
#[derive(Serialize)]
pub struct Facets {
    pub facets: Vec<Facet>,
    /// The address of the collection's `filter.json`.
    pub data: String,
}

/// A value an item has, with what orders it among the options.
struct Tagged {
    rank: String,
    key: String,
    label: String,
}

fn value(rank: String, key: &str, label: &str) -> Tagged {
    Tagged {
        rank,
        key: key.to_owned(),
        label: label.to_owned(),
    }
}

/// Builds a facet from each item's values: options ordered by rank, then key.
fn facet(name: &'static str, per_item: Vec<Vec<Tagged>>) -> Facet {
    let mut options: BTreeMap<(String, String), (String, usize)> = BTreeMap::new();
    for values in &per_item {
        for v in values {
            let entry = options
                .entry((v.rank.clone(), v.key.clone()))
                .or_insert_with(|| (v.label.clone(), 0));
            entry.1 += 1;
        }
    }
    let index: BTreeMap<&str, usize> = options
        .keys()
        .enumerate()
        .map(|(i, (_, key))| (key.as_str(), i))
        .collect();
    let items = per_item
        .iter()
        .map(|values| {
            let mut ixs: Vec<usize> = values.iter().map(|v| index[v.key.as_str()]).collect();
            ixs.sort_unstable();
            ixs.dedup();
            ixs
        })
        .collect();
    Facet {
        name,
        options: options
            .into_iter()
            .map(|((_, value), (label, count))| FacetOption {
                value,
                label,
                count,
            })
            .collect(),
        items,
    }
}

/// Options in the order the taxonomy declares them: `i` with leading zeros to six
/// digits. Made for every option of every entry, where `format!` was 2% of a build.
fn position(i: usize) -> String {
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(i);
    ["000000".get(digits.len()..).unwrap_or_default(), digits].concat()
}

fn area_values(d: &Directory, ids: &[&str]) -> Vec<Tagged> {
    ids.iter()
        .filter_map(|id| {
            let i = d.areas.iter().position(|a| a.area.id.as_str() == *id)?;
            Some(value(position(i), id, &d.areas[i].area.name))
        })
        .collect()
}

fn country_values(codes: &[&str]) -> Vec<Tagged> {
    codes
        .iter()
        .map(|code| {
            let name = crate::content::country::name(code).unwrap_or(code);
            value(sort_key(name), code, name)
        })
        .collect()
}

/// Years, newest first.
fn year_values(year: Option<u16>) -> Vec<Tagged> {
    year.map(|y| {
        value(
            position(9999 - usize::from(y)),
            &y.to_string(),
            &y.to_string(),
        )
    })
    .into_iter()
    .collect()
}

fn rank_of<T: PartialEq>(all: &[T], item: T) -> String {
    position(all.iter().position(|x| *x == item).unwrap_or(0))
}

/// The facets of each list, computed once per render.
pub struct ListFacets {
    pub cities: Facets,
    pub programs: Facets,
    pub agreements: Facets,
}

impl ListFacets {
    /// The filters of one collection's list.
    pub fn of(&self, collection: Collection) -> &Facets {
        match collection {
            Collection::Cities => &self.cities,
            Collection::Programs => &self.programs,
            _ => &self.agreements,
        }
    }

    /// `order`: each collection's items in list order (as the list pages show them).
    pub fn new(d: &Directory, cities: &[usize], programs: &[usize], agreements: &[usize]) -> Self {
        let views = Views { d };
        let data = |c: Collection| d.config.urls.path(&file_path(c));
        let cities: Vec<CityRef> = cities
            .iter()
            .map(|&i| views.city_ref(CityIx(i as u32)))
            .collect();
        let programs: Vec<ProgramRef> = programs
            .iter()
            .map(|&i| views.program_ref(ProgramIx(i as u32)))
            .collect();
        let agreements: Vec<AgreementRef> = agreements
            .iter()
            .map(|&i| views.agreement_ref(AgreementIx(i as u32)))
            .collect();
        Self {
            cities: Facets {
                facets: city_facets(d, &cities),
                data: data(Collection::Cities),
            },
            programs: Facets {
                facets: program_facets(d, &programs),
                data: data(Collection::Programs),
            },
            agreements: Facets {
                facets: agreement_facets(d, &agreements),
                data: data(Collection::Agreements),
            },
        }
    }
}

fn city_facets(d: &Directory, items: &[CityRef]) -> Vec<Facet> {
    vec![
        facet(
            "area",
            items.iter().map(|c| area_values(d, &c.areas)).collect(),
        ),
        facet(
            "country",
            items
                .iter()
                .map(|c| country_values(&[c.country.code]))
                .collect(),
        ),
        facet(
            "level",
            items
                .iter()
                .map(|c| {
                    let level = Level::ALL.iter().find(|l| l.as_str() == c.level);
                    let rank = level.map_or_else(String::new, |&l| rank_of(Level::ALL, l));
                    vec![value(rank, c.level, c.level_label)]
                })
                .collect(),
        ),
    ]
}

fn agreement_facets(d: &Directory, items: &[AgreementRef]) -> Vec<Facet> {
    let kind = |a: &AgreementRef| {
        AgreementKind::ALL
            .iter()
            .find(|k| k.as_str() == a.kind)
            .map_or_else(String::new, |&k| rank_of(AgreementKind::ALL, k))
    };
    let status = |a: &AgreementRef| {
        AgreementStatus::ALL
            .iter()
            .find(|s| s.as_str() == a.status)
            .map_or_else(String::new, |&s| rank_of(AgreementStatus::ALL, s))
    };
    vec![
        facet(
            "area",
            items.iter().map(|a| area_values(d, &a.areas)).collect(),
        ),
        facet(
            "country",
            items.iter().map(|a| country_values(&a.countries)).collect(),
        ),
        facet(
            "kind",
            items
                .iter()
                .map(|a| vec![value(kind(a), a.kind, a.kind_label)])
                .collect(),
        ),
        facet(
            "status",
            items
                .iter()
                .map(|a| vec![value(status(a), a.status, a.status_label)])
                .collect(),
        ),
        facet("year", items.iter().map(|a| year_values(a.year)).collect()),
    ]
}

fn program_facets(d: &Directory, items: &[ProgramRef]) -> Vec<Facet> {
    let kind = |p: &ProgramRef| {
        ProgramKind::ALL
            .iter()
            .find(|k| k.as_str() == p.kind)
            .map_or_else(String::new, |&k| rank_of(ProgramKind::ALL, k))
    };
    let status = |p: &ProgramRef| {
        ProgramStatus::ALL
            .iter()
            .find(|s| s.as_str() == p.status)
            .map_or_else(String::new, |&s| rank_of(ProgramStatus::ALL, s))
    };
    let start_year = |p: &ProgramRef| p.start.as_deref().and_then(|s| s[..4].parse().ok());
    vec![
        facet(
            "area",
            items.iter().map(|p| area_values(d, &p.areas)).collect(),
        ),
        facet(
            "country",
            items.iter().map(|p| country_values(&p.countries)).collect(),
        ),
        facet(
            "kind",
            items
                .iter()
                .map(|p| vec![value(kind(p), p.kind, p.kind_label)])
                .collect(),
        ),
        facet(
            "status",
            items
                .iter()
                .map(|p| vec![value(status(p), p.status, p.status_label)])
                .collect(),
        ),
        facet(
            "year",
            items.iter().map(|p| year_values(start_year(p))).collect(),
        ),
    ]
}

/// Where a collection's filter data is written.
fn file_path(collection: Collection) -> String {
    format!("{}/filter.json", collection.folder())
}

/// How many items a chunk of display rows holds.
const CHUNK: usize = 200;

/// Each collection's `filter.json` and its chunks of rows. `facets` gives the key
/// tables and the item order.
pub fn files(d: &Directory, facets: &ListFacets, orders: [&[usize]; 3]) -> Vec<OutputFile> {
    let views = Views { d };
    let [cities, programs, agreements] = orders;
    let urls = &d.config.urls;
    let common = json!({
        "v": 2,
        "page_size": d.config.page_size,
        "chunk": CHUNK,
        "city_url": urls.entry(Collection::Cities, "{id}"),
        "area_url": urls.area("{id}"),
        "country_url": urls.country("{id}"),
    });
    let city_rows = cities.iter().map(|&i| {
        let c = views.city_ref(CityIx(i as u32));
        json!([c.id, c.name])
    });
    let agreement_rows = agreements.iter().map(|&i| {
        let a = views.agreement_ref(AgreementIx(i as u32));
        let parties: Vec<Value> = a.parties.iter().map(|p| json!([p.id, p.name])).collect();
        let date = a.signed.as_ref().map(|iso| json!([iso, a.signed_human]));
        json!([a.id, a.title, date, parties])
    });
    let program_rows = programs.iter().map(|&i| {
        let p = views.program_ref(ProgramIx(i as u32));
        let start = p.start.as_ref().map(|iso| json!([iso, p.start_human]));
        let end = p.end.as_ref().map(|iso| json!([iso, p.end_human]));
        json!([p.id, p.title, start, end])
    });
    let mut files = collection_files(
        Collection::Cities,
        &common,
        &facets.cities,
        &["id", "name"],
        city_rows.collect(),
        urls,
    );
    files.extend(collection_files(
        Collection::Agreements,
        &common,
        &facets.agreements,
        &["id", "title", "date", "parties"],
        agreement_rows.collect(),
        urls,
    ));
    files.extend(collection_files(
        Collection::Programs,
        &common,
        &facets.programs,
        &["id", "title", "start", "end"],
        program_rows.collect(),
        urls,
    ));
    files
}

/// A facet as a column: per item, a list of indexes for `area` and `country` (an item
/// may have several), one index or null for the others.
fn column(facet: &Facet) -> Value {
    let multiple = matches!(facet.name, "area" | "country");
    facet
        .items
        .iter()
        .map(|ixs| match ixs.as_slice() {
            _ if multiple => json!(ixs),
            [one] => json!(one),
            _ => Value::Null,
        })
        .collect()
}

/// `filter.json` (key tables and facet columns: what filtering needs) and
/// `filter/<n>.json` (the rows a result card shows, [`CHUNK`] items each), so that a
/// visitor downloads the columns once and only the rows of the results on screen.
fn collection_files(
    collection: Collection,
    common: &Value,
    facets: &Facets,
    fields: &[&str],
    rows: Vec<Value>,
    urls: &crate::urls::Urls,
) -> Vec<OutputFile> {
    let mut doc = common.clone();
    let keys: serde_json::Map<String, Value> = facets
        .facets
        .iter()
        .map(|f| {
            let values: Vec<&str> = f.options.iter().map(|o| o.value.as_str()).collect();
            (f.name.to_owned(), json!(values))
        })
        .collect();
    let columns: serde_json::Map<String, Value> = facets
        .facets
        .iter()
        .map(|f| (f.name.to_owned(), column(f)))
        .collect();
    doc["url"] = json!(urls.entry(collection, "{id}"));
    doc["count"] = json!(rows.len());
    doc["fields"] = json!(fields);
    doc["keys"] = Value::Object(keys);
    doc["facets"] = Value::Object(columns);
    let mut files = vec![json_file(file_path(collection), &doc)];
    for (n, chunk) in rows.chunks(CHUNK).enumerate() {
        let path = format!("{}/filter/{n}.json", collection.folder());
        files.push(json_file(path, chunk));
    }
    files
}

fn json_file(path: String, value: &(impl serde::Serialize + ?Sized)) -> OutputFile {
    OutputFile {
        path,
        bytes: serde_json::to_vec(value).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_sort_as_text_in_number_order() {
        for i in [0, 7, 42, 999, 9999, 123_456, 1_234_567] {
            assert_eq!(position(i), format!("{i:06}"));
        }
    }
}

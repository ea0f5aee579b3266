//! Open data: the directory as files researchers can reuse, documented in
//! `docs/data.md`. `data/directory.json` (versioned schema), one CSV per collection, and
//! `data/partnerships.geojson` (cities as points, partnerships as lines).
//!
//! These files are part of the public contract: a field is only ever added, and a
//! change of meaning bumps [`SCHEMA_VERSION`].

use std::collections::BTreeMap;
use std::io;

use serde::Serialize;
use serde_json::json;

use crate::config::{Area, Config, Localized};
use crate::content::model::Collection;
use crate::graph::{AgreementIx, CityIx, Directory, ProgramIx};

pub const SCHEMA_VERSION: u32 = 1;

/// Writes one open-data file of a directory as it makes it.
type WriteFile = fn(&Directory, &mut dyn io::Write) -> io::Result<()>;

/// Every open-data file of the directory: its path, and the function that writes it.
pub const FILES: [(&str, WriteFile); 7] = [
    ("data/directory.json", directory_json),
    ("data/cities.csv", |d, out| {
        csv_file(out, &CITY_COLUMNS, city_rows(d))
    }),
    ("data/agreements.csv", |d, out| {
        csv_file(out, &AGREEMENT_COLUMNS, agreement_rows(d))
    }),
    ("data/programs.csv", |d, out| {
        csv_file(out, &PROGRAM_COLUMNS, program_rows(d))
    }),
    ("data/partnerships.geojson", geojson),
    ("data/datapackage.json", datapackage),
    ("data/wikidata.tsv", super::wikidata::quickstatements),
];

/// `data/datapackage.json`: the files above as a Frictionless Data Package, each with
/// the licence of `data_license`, since a CSV file has no place of its own for it.
fn datapackage(d: &Directory, out: &mut dyn io::Write) -> io::Result<()> {
    let licenses: Vec<serde_json::Value> = (d.config.data_license.iter())
        .map(|l| json!({ "name": l.name, "path": l.url }))
        .collect();
    let resources: Vec<serde_json::Value> = (FILES.iter())
        .map(|(path, _)| path.trim_start_matches("data/"))
        .filter(|path| *path != "datapackage.json")
        .map(|path| {
            let (name, format) = path.split_once('.').unwrap_or((path, ""));
            let mediatype = match format {
                "csv" => "text/csv",
                "tsv" => "text/tab-separated-values",
                "geojson" => "application/geo+json",
                _ => "application/json",
            };
            json!({ "name": name, "path": path, "format": format, "mediatype": mediatype, "licenses": licenses })
        })
        .collect();
    let host = (d.config.base_url.split("://").nth(1)).unwrap_or_default();
    let name: String = (host.trim_end_matches('/').to_lowercase().chars())
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let package = json!({
        "profile": "data-package",
        "name": name,
        "title": d.config.title.default_text(),
        "homepage": d.config.base_url,
        "licenses": licenses,
        "resources": resources,
    });
    serde_json::to_writer_pretty(&mut *out, &package)?;
    out.write_all(b"\n")
}

// GeoJSON as typed records rather than `json!` maps: a feature for every city and
// partnership is many small maps otherwise. Fields are in alphabetical order, as
// `json!` wrote them.
#[derive(Serialize)]
struct FeatureCollection<'a, T> {
    features: T,
    /// `data_license` (a foreign member, which GeoJSON allows).
    #[serde(skip_serializing_if = "Option::is_none")]
    license: Option<&'a crate::config::DataLicense>,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct Feature<'a> {
    geometry: Geometry,
    properties: Properties<'a>,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct Geometry {
    coordinates: Coordinates,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Coordinates {
    Point([f64; 2]),
    Line([[f64; 2]; 2]),
}

#[derive(Serialize)]
#[serde(untagged)]
enum Properties<'a> {
    City {
        country: &'a str,
        /// Only when `true`: one of the directory's own cities.
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        home: bool,
        id: &'a str,
        kind: &'static str,
        level: &'static str,
        name: &'a str,
        url: String,
    },
    Partnership {
        agreement: &'a str,
        agreement_kind: &'static str,
        from: &'a str,
        kind: &'static str,
        status: &'static str,
        title: &'a str,
        to: &'a str,
    },
}

fn ids(d: &Directory, cities: &[CityIx]) -> Vec<String> {
    cities
        .iter()
        .map(|&c| d.city(c).meta.id.to_string())
        .collect()
}

fn area_ids(d: &Directory, areas: &[crate::graph::AreaIx]) -> Vec<String> {
    areas
        .iter()
        .map(|&a| d.area(a).area.id.to_string())
        .collect()
}

#[derive(Serialize)]
struct CityRecord<'a> {
    id: &'a str,
    name: &'a str,
    url: String,
    country: &'a str,
    level: &'static str,
    parent: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
    population: Option<u64>,
    website: Option<&'a str>,
    names: &'a BTreeMap<String, String>,
    wikidata: Option<&'a str>,
    geonames: Option<u64>,
    areas: Vec<String>,
    partners: Vec<String>,
    sources: &'a [crate::content::model::Source],
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    translations: BTreeMap<&'a str, TranslatedRecord<'a>>,
    /// Only when `true`: an example or test, not a real entry.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    example: bool,
    /// Only when `true`: one of the directory's own cities (`home:` of site.yaml), not
    /// a partner abroad.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    home: bool,
    /// The last check against its sources, when there was one.
    #[serde(skip_serializing_if = "Option::is_none")]
    reviewed: Option<&'a crate::content::model::Reviewed>,
}

/// An entry's words in another language, by its tag.
#[derive(Serialize)]
struct TranslatedRecord<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
}

/// The translations of the entry at `position` of `collection`, by language tag.
fn translations(
    d: &Directory,
    collection: Collection,
    position: u32,
) -> BTreeMap<&str, TranslatedRecord<'_>> {
    let all = d.translations.get(&(collection, position));
    (all.into_iter().flatten())
        .map(|t| {
            let tag = d.config.languages[t.language].tag.as_str();
            let words = TranslatedRecord {
                title: t.title.as_deref(),
                summary: t.summary.as_deref(),
            };
            (tag, words)
        })
        .collect()
}

#[derive(Serialize)]
struct AgreementRecord<'a> {
    id: &'a str,
    title: &'a str,
    url: String,
    kind: &'static str,
    status: &'static str,
    /// Since when it has its status: see [`crate::content::model::Agreement::status_since`].
    status_since: Option<String>,
    parties: Vec<String>,
    signed: Option<String>,
    expires: Option<String>,
    areas: Vec<String>,
    programs: Vec<String>,
    history: Vec<serde_json::Value>,
    document: Option<&'a str>,
    sources: &'a [crate::content::model::Source],
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    translations: BTreeMap<&'a str, TranslatedRecord<'a>>,
    /// Only when `true`: an example or test, not a real entry.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    example: bool,
    /// The last check against its sources, when there was one.
    #[serde(skip_serializing_if = "Option::is_none")]
    reviewed: Option<&'a crate::content::model::Reviewed>,
}

#[derive(Serialize)]
struct ProgramRecord<'a> {
    id: &'a str,
    title: &'a str,
    url: String,
    kind: &'static str,
    status: &'static str,
    lead: Option<String>,
    participants: Vec<String>,
    countries: Vec<&'a str>,
    start: Option<String>,
    end: Option<String>,
    areas: Vec<String>,
    sources: &'a [crate::content::model::Source],
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    translations: BTreeMap<&'a str, TranslatedRecord<'a>>,
    /// Only when `true`: an example or test, not a real entry.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    example: bool,
    /// The last check against its sources, when there was one.
    #[serde(skip_serializing_if = "Option::is_none")]
    reviewed: Option<&'a crate::content::model::Reviewed>,
}

fn city_record(d: &Directory, ix: CityIx) -> CityRecord<'_> {
    let c = d.city(ix);
    let links = &d.city_links[ix.index()];
    CityRecord {
        id: c.meta.id.as_str(),
        name: &c.name,
        url: d
            .config
            .urls
            .absolute(&d.config.urls.entry(Collection::Cities, c.meta.id.as_str())),
        country: c.country.as_str(),
        level: c.level.as_str(),
        parent: links.parent.map(|p| d.city(p).meta.id.to_string()),
        lat: c.location.map(|l| l.lat),
        lon: c.location.map(|l| l.lon),
        population: c.population,
        website: c.website.as_deref(),
        names: &c.names,
        wikidata: c.ids.wikidata.as_deref(),
        geonames: c.ids.geonames,
        areas: area_ids(d, &links.effective_areas),
        partners: links
            .partners
            .iter()
            .map(|p| d.city(p.city).meta.id.to_string())
            .collect(),
        sources: &c.meta.sources,
        translations: translations(d, Collection::Cities, ix.0),
        example: c.meta.example,
        reviewed: c.meta.reviewed.as_ref(),
        home: d.side.is_ours(ix),
    }
}

fn agreement_record(d: &Directory, ix: AgreementIx) -> AgreementRecord<'_> {
    let a = d.agreement(ix);
    let links = &d.agreement_links[ix.index()];
    AgreementRecord {
        id: a.meta.id.as_str(),
        title: &a.title,
        url: d.config.urls.absolute(
            &d.config
                .urls
                .entry(Collection::Agreements, a.meta.id.as_str()),
        ),
        kind: a.kind.as_str(),
        status: a.status.as_str(),
        status_since: a.status_since().map(|s| s.to_string()),
        parties: ids(d, &links.parties),
        signed: a.signed.map(|s| s.to_string()),
        expires: a.expires.map(|s| s.to_string()),
        areas: area_ids(d, &links.areas),
        programs: links
            .programs
            .iter()
            .map(|&p| d.program(p).meta.id.to_string())
            .collect(),
        history: a
            .history
            .iter()
            .zip(&links.history_by)
            .map(|(h, by)| {
                json!({
                    "date": h.date.map(|x| x.to_string()),
                    "event": h.event.as_str(),
                    "by": by.map(|c| d.city(c).meta.id.to_string()),
                    "note": h.note,
                })
            })
            .collect(),
        document: a.document.as_deref(),
        sources: &a.meta.sources,
        translations: translations(d, Collection::Agreements, ix.0),
        example: a.meta.example,
        reviewed: a.meta.reviewed.as_ref(),
    }
}

fn program_record(d: &Directory, ix: ProgramIx) -> ProgramRecord<'_> {
    let p = d.program(ix);
    let links = &d.program_links[ix.index()];
    ProgramRecord {
        id: p.meta.id.as_str(),
        title: &p.title,
        url: d.config.urls.absolute(
            &d.config
                .urls
                .entry(Collection::Programs, p.meta.id.as_str()),
        ),
        kind: p.kind.as_str(),
        status: p.status.as_str(),
        lead: links.lead.map(|c| d.city(c).meta.id.to_string()),
        participants: ids(d, &links.participants),
        countries: p.countries.iter().map(|c| c.as_str()).collect(),
        start: p.start.map(|s| s.to_string()),
        end: p.end.map(|s| s.to_string()),
        areas: area_ids(d, &links.areas),
        sources: &p.meta.sources,
        translations: translations(d, Collection::Programs, ix.0),
        example: p.meta.example,
        reviewed: p.meta.reviewed.as_ref(),
    }
}

/// `data/directory.json`, fields in documented order.
#[derive(Serialize)]
#[serde(bound = "Each<C>: Serialize, Each<A>: Serialize, Each<P>: Serialize")]
struct DirectoryFile<C, A, P> {
    schema_version: u32,
    generator: String,
    site: serde_json::Value,
    areas: Vec<serde_json::Value>,
    cities: Each<C>,
    agreements: Each<A>,
    programs: Each<P>,
}

/// A JSON array of the items the function gives, each made as it is written: the
/// records of a large directory are never all in memory at once.
struct Each<F>(F);

impl<F: Fn() -> I, I: Iterator<Item: Serialize>> Serialize for Each<F> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

fn directory_json(d: &Directory, out: &mut dyn io::Write) -> io::Result<()> {
    let file = DirectoryFile {
        schema_version: SCHEMA_VERSION,
        generator: format!("Amicus {}", env!("CARGO_PKG_VERSION")),
        site: site_record(&d.config),
        areas: d
            .areas
            .iter()
            .map(|a| area_record(&d.config, &a.area))
            .collect(),
        cities: Each(|| (0..d.cities.len()).map(|i| city_record(d, CityIx(i as u32)))),
        agreements: Each(|| {
            (0..d.agreements.len()).map(|i| agreement_record(d, AgreementIx(i as u32)))
        }),
        programs: Each(|| (0..d.programs.len()).map(|i| program_record(d, ProgramIx(i as u32)))),
    };
    serde_json::to_writer(&mut *out, &file)?;
    out.write_all(b"\n")
}

/// The site in `directory.json`: its texts in the default language, as before sites
/// had several, and every language's under `translations`.
fn site_record(config: &Config) -> serde_json::Value {
    let languages = &config.languages;
    let mut site = json!({
        "title": config.title.default_text(),
        "url": config.base_url,
        "owner": config.owner.as_ref().map(Localized::default_text),
        "language": languages[0].tag,
    });
    if languages.len() > 1 {
        let tags: Vec<&str> = languages.iter().map(|l| l.tag.as_str()).collect();
        site["languages"] = json!(tags);
        site["titles"] = json!(config.title.by_language(languages));
    }
    if let Some(license) = &config.data_license {
        site["license"] = json!(license);
    }
    site
}

fn area_record(config: &Config, area: &Area) -> serde_json::Value {
    let mut record = json!({
        "id": area.id,
        "name": area.name.default_text(),
        "description": area.description.as_ref().map(Localized::default_text),
    });
    if config.languages.len() > 1 && !area.built_in {
        record["names"] = json!(area.name.by_language(&config.languages));
    }
    record
}

fn opt<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// Lists inside a cell are separated by `;`, which ids and codes never contain.
fn joined(values: &[String]) -> String {
    values.join(";")
}

const CITY_COLUMNS: [&str; 15] = [
    "id",
    "name",
    "country",
    "level",
    "parent",
    "lat",
    "lon",
    "population",
    "website",
    "wikidata",
    "geonames",
    "areas",
    "partners",
    "home",
    "url",
];

/// A row for each city, made as the CSV file is written.
fn city_rows(d: &Directory) -> impl Iterator<Item = Vec<String>> + '_ {
    let records = (0..d.cities.len()).map(|i| city_record(d, CityIx(i as u32)));
    records.map(|r| {
        vec![
            r.id.to_owned(),
            r.name.to_owned(),
            r.country.to_owned(),
            r.level.to_owned(),
            opt(r.parent),
            opt(r.lat),
            opt(r.lon),
            opt(r.population),
            opt(r.website),
            opt(r.wikidata),
            opt(r.geonames),
            joined(&r.areas),
            joined(&r.partners),
            // `true` for one of our cities, empty otherwise, as `example` in the JSON.
            if r.home { "true" } else { "" }.to_owned(),
            r.url,
        ]
    })
}

const AGREEMENT_COLUMNS: [&str; 12] = [
    "id",
    "title",
    "kind",
    "status",
    "status_since",
    "parties",
    "signed",
    "expires",
    "areas",
    "programs",
    "document",
    "url",
];

/// A row for each agreement, made as the CSV file is written.
fn agreement_rows(d: &Directory) -> impl Iterator<Item = Vec<String>> + '_ {
    let records = (0..d.agreements.len()).map(|i| agreement_record(d, AgreementIx(i as u32)));
    records.map(|r| {
        vec![
            r.id.to_owned(),
            r.title.to_owned(),
            r.kind.to_owned(),
            r.status.to_owned(),
            opt(r.status_since),
            joined(&r.parties),
            opt(r.signed),
            opt(r.expires),
            joined(&r.areas),
            joined(&r.programs),
            opt(r.document),
            r.url,
        ]
    })
}

const PROGRAM_COLUMNS: [&str; 11] = [
    "id",
    "title",
    "kind",
    "status",
    "lead",
    "participants",
    "countries",
    "start",
    "end",
    "areas",
    "url",
];

/// A row for each program, made as the CSV file is written.
fn program_rows(d: &Directory) -> impl Iterator<Item = Vec<String>> + '_ {
    let records = (0..d.programs.len()).map(|i| program_record(d, ProgramIx(i as u32)));
    records.map(|r| {
        vec![
            r.id.to_owned(),
            r.title.to_owned(),
            r.kind.to_owned(),
            r.status.to_owned(),
            opt(r.lead),
            joined(&r.participants),
            r.countries.join(";"),
            opt(r.start),
            opt(r.end),
            joined(&r.areas),
            r.url,
        ]
    })
}

/// UTF-8 with a byte order mark: without one, Excel reads a CSV file in the
/// computer's legacy code page and garbles every accented name (`ÅÃ³dÅº`).
fn csv_file(
    out: &mut dyn io::Write,
    columns: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
) -> io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(columns)?;
    for row in rows {
        writer.write_record(row)?;
    }
    writer.flush()
}

/// Cities with a location as points; each pair of located parties of an agreement as
/// a line, carrying the agreement's id, kind and status.
fn geojson(d: &Directory, out: &mut dyn io::Write) -> io::Result<()> {
    let points = || (0..d.cities.len() as u32).filter_map(|i| city_point(d, CityIx(i)));
    let lines = || (0..d.agreements.len()).flat_map(|i| partnership_lines(d, i));
    let value = FeatureCollection {
        features: Each(|| points().chain(lines())),
        license: d.config.data_license.as_ref(),
        kind: "FeatureCollection",
    };
    serde_json::to_writer(&mut *out, &value)?;
    out.write_all(b"\n")
}

fn city_point(d: &Directory, ix: CityIx) -> Option<Feature<'_>> {
    let city = d.city(ix);
    let at = city.location?;
    Some(Feature {
        kind: "Feature",
        geometry: Geometry {
            coordinates: Coordinates::Point([at.lon, at.lat]),
            kind: "Point",
        },
        properties: Properties::City {
            country: city.country.as_str(),
            home: d.side.is_ours(ix),
            id: city.meta.id.as_str(),
            kind: "city",
            level: city.level.as_str(),
            name: &city.name,
            url: d.config.urls.absolute(
                &d.config
                    .urls
                    .entry(Collection::Cities, city.meta.id.as_str()),
            ),
        },
    })
}

/// A line for each pair of the agreement's parties that have a location and are
/// partners (with `home:`, one of ours and one abroad).
fn partnership_lines(d: &Directory, i: usize) -> Vec<Feature<'_>> {
    let agreement = &d.agreements[i];
    let located: Vec<_> = (d.agreement_links[i].parties.iter())
        .filter_map(|&p| d.city(p).location.map(|l| (p, l)))
        .collect();
    let mut lines = Vec::new();
    for (n, (a, la)) in located.iter().enumerate() {
        for (b, lb) in located[n + 1..]
            .iter()
            .filter(|(b, _)| d.side.partners(*a, *b))
        {
            lines.push(Feature {
                kind: "Feature",
                geometry: Geometry {
                    coordinates: Coordinates::Line([[la.lon, la.lat], [lb.lon, lb.lat]]),
                    kind: "LineString",
                },
                properties: Properties::Partnership {
                    agreement: agreement.meta.id.as_str(),
                    agreement_kind: agreement.kind.as_str(),
                    from: d.city(*a).meta.id.as_str(),
                    kind: "partnership",
                    status: agreement.status.as_str(),
                    title: &agreement.title,
                    to: d.city(*b).meta.id.as_str(),
                },
            });
        }
    }
    lines
}

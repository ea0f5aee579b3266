//! The shapes of front matter as written: serde types that mirror the YAML and check
//! its structure (field names, types, enum values). Every struct denies unknown fields so
//! that a typo is an error, not lost data. Values are checked further in `parse`.
//!
//! The same types make the editors' JSON Schemas (`crate::schema`): a field's doc
//! comment is its description there, so it is written for the people who edit content
//! (taken from docs/content.md), and a field referring to a city, program, area or
//! country says so with `#[schemars(with = …)]`.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer};

use crate::schema::{AreaId, CityId, Country, JsonSchema, ProgramId};

use super::model::{
    AgreementKind, AgreementStatus, Contact, ExternalIds, HistoryEvent, Level, ProgramKind,
    ProgramStatus,
};

/// A date as written: `2003-06-12`, `2003-06` or `2003` (which YAML reads as a number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawDate(pub String);

impl<'de> Deserialize<'de> for RawDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = RawDate;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a date (YYYY-MM-DD, YYYY-MM or YYYY)")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RawDate, E> {
                Ok(RawDate(v.to_owned()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<RawDate, E> {
                Ok(RawDate(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<RawDate, E> {
                Ok(RawDate(v.to_string()))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// When an entry was last checked against its sources, and by whom.
pub struct RawReviewed {
    /// The day of the check: YYYY-MM-DD.
    pub date: RawDate,
    /// Who checked it: an office or a person.
    pub by: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Location")]
pub struct RawLocation {
    /// Latitude in degrees, north positive.
    #[schemars(range(min = -90, max = 90))]
    pub lat: f64,
    /// Longitude in degrees, east positive.
    #[schemars(range(min = -180, max = 180))]
    pub lon: f64,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "FormerName")]
pub struct RawFormerName {
    /// The name the city had.
    pub name: String,
    /// When it stopped being the city's name.
    pub until: Option<RawDate>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCity {
    /// The name as written locally: Kraków, São Paulo, 京都市.
    #[schemars(length(min = 1))]
    pub name: String,
    /// ISO 3166-1 alpha-2 code, upper case: DE, JP, NO.
    #[schemars(with = "Country")]
    pub country: String,
    /// What kind of place it is (default: city).
    pub level: Option<Level>,
    /// Id of the state or region it belongs to.
    #[schemars(with = "Option<CityId>")]
    pub parent: Option<String>,
    /// One line, shown in lists and search.
    pub summary: Option<String>,
    /// Where it is: { lat: 50.0614, lon: 19.9372 }.
    pub location: Option<RawLocation>,
    /// How many people live there.
    pub population: Option<u64>,
    /// Its official website: an absolute http(s) address.
    #[schemars(regex(pattern = "^https?://"))]
    pub website: Option<String>,
    /// Language tag → name; a page in that language calls the city so: { de: Krakau }.
    #[serde(default)]
    pub names: BTreeMap<String, String>,
    /// Names it had before, each with the date it stopped being used.
    #[serde(default)]
    pub former_names: Vec<RawFormerName>,
    /// Its ids elsewhere: { wikidata: Q31487, geonames: 3094802 }.
    #[serde(default)]
    pub ids: ExternalIds,
    /// Engagement area ids, declared in site.yaml.
    #[serde(default)]
    #[schemars(with = "Vec<AreaId>")]
    pub areas: Vec<String>,
    /// Who to write to about the partnerships.
    pub contact: Option<Contact>,
    /// Where what the entry says can be checked: `{ title, url }`.
    #[serde(default)]
    pub sources: Vec<RawSource>,
    /// Left out of a build unless `amicus build --drafts`.
    #[serde(default)]
    pub draft: bool,
    /// A sample or test, not a real partnership: labelled "Example" wherever it shows.
    #[serde(default)]
    pub example: bool,
    /// When it was last checked against its sources: `{ date, by }`.
    pub reviewed: Option<RawReviewed>,
    /// Anything your own templates need, passed to them untouched.
    #[serde(default)]
    pub extra: serde_json::Value,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawProgram {
    /// The program's title.
    #[schemars(length(min = 1))]
    pub title: String,
    /// What kind of program it is.
    pub kind: ProgramKind,
    /// One line, shown in lists and search.
    pub summary: Option<String>,
    /// Id of the city that leads it.
    #[schemars(with = "Option<CityId>")]
    pub lead: Option<String>,
    /// Ids of the cities that take part.
    #[serde(default)]
    #[schemars(with = "Vec<CityId>")]
    pub participants: Vec<String>,
    /// ISO 3166-1 alpha-2 codes, for missions aimed at a country.
    #[serde(default)]
    #[schemars(with = "Vec<Country>")]
    pub countries: Vec<String>,
    /// Engagement area ids, declared in site.yaml.
    #[serde(default)]
    #[schemars(with = "Vec<AreaId>")]
    pub areas: Vec<String>,
    /// When it started.
    pub start: Option<RawDate>,
    /// When it ended or ends.
    pub end: Option<RawDate>,
    /// Where it stands (default: active).
    pub status: Option<ProgramStatus>,
    /// Its website: an absolute http(s) address.
    #[schemars(regex(pattern = "^https?://"))]
    pub website: Option<String>,
    /// Where what the entry says can be checked: `{ title, url }`.
    #[serde(default)]
    pub sources: Vec<RawSource>,
    /// Left out of a build unless `amicus build --drafts`.
    #[serde(default)]
    pub draft: bool,
    /// A sample or test, not a real partnership: labelled "Example" wherever it shows.
    #[serde(default)]
    pub example: bool,
    /// When it was last checked against its sources: `{ date, by }`.
    pub reviewed: Option<RawReviewed>,
    /// Anything your own templates need, passed to them untouched.
    #[serde(default)]
    pub extra: serde_json::Value,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "HistoryEntry")]
pub struct RawHistoryEntry {
    /// When it happened.
    pub date: Option<RawDate>,
    /// What happened.
    pub event: HistoryEvent,
    /// Id of the party that acted, when one side acted alone.
    #[schemars(with = "Option<CityId>")]
    pub by: Option<String>,
    /// A sentence on the event.
    pub note: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Signatory")]
pub struct RawSignatory {
    /// Who signed.
    pub name: String,
    /// Their office: Mayor.
    pub role: Option<String>,
    /// Id of the party they signed for.
    #[schemars(with = "Option<CityId>")]
    pub party: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Source")]
pub struct RawSource {
    /// What the source is: City council minutes.
    pub title: String,
    /// Where it is: an absolute http(s) address.
    #[schemars(regex(pattern = "^https?://"))]
    pub url: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAgreement {
    /// The agreement's title: Sister-city agreement Chemnitz–Łódź.
    #[schemars(length(min = 1))]
    pub title: String,
    /// What kind of agreement it is.
    pub kind: AgreementKind,
    /// Two or more distinct city ids.
    #[schemars(with = "Vec<CityId>", length(min = 2), extend("uniqueItems" = true))]
    pub parties: Vec<String>,
    /// One line, shown in lists and search.
    pub summary: Option<String>,
    /// When it was signed; may be left out when not known.
    pub signed: Option<RawDate>,
    /// When it expires.
    pub expires: Option<RawDate>,
    /// Where it stands (default: active); agrees with the latest event in `history`.
    pub status: Option<AgreementStatus>,
    /// What happened to it, oldest first.
    #[serde(default)]
    pub history: Vec<RawHistoryEntry>,
    /// Engagement area ids, declared in site.yaml.
    #[serde(default)]
    #[schemars(with = "Vec<AreaId>")]
    pub areas: Vec<String>,
    /// Ids of the programs it belongs to.
    #[serde(default)]
    #[schemars(with = "Vec<ProgramId>")]
    pub programs: Vec<String>,
    /// The agreement's text: a URL, or a path under static/ (/docs/x.pdf).
    pub document: Option<String>,
    /// Who signed it.
    #[serde(default)]
    pub signatories: Vec<RawSignatory>,
    /// Where what the entry says can be checked: `{ title, url }`.
    #[serde(default)]
    pub sources: Vec<RawSource>,
    /// Left out of a build unless `amicus build --drafts`.
    #[serde(default)]
    pub draft: bool,
    /// A sample or test, not a real partnership: labelled "Example" wherever it shows.
    #[serde(default)]
    pub example: bool,
    /// When it was last checked against its sources: `{ date, by }`.
    pub reviewed: Option<RawReviewed>,
    /// Anything your own templates need, passed to them untouched.
    #[serde(default)]
    pub extra: serde_json::Value,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPage {
    /// The page's title.
    #[schemars(length(min = 1))]
    pub title: String,
    /// One line, shown in lists and search.
    pub summary: Option<String>,
    /// List it in the site navigation.
    #[serde(default)]
    pub menu: bool,
    /// Order in the navigation (small first).
    #[serde(default)]
    pub weight: i64,
    /// Where what the entry says can be checked: `{ title, url }`.
    #[serde(default)]
    pub sources: Vec<RawSource>,
    /// Left out of a build unless `amicus build --drafts`.
    #[serde(default)]
    pub draft: bool,
    /// A sample or test, not a real partnership: labelled "Example" wherever it shows.
    #[serde(default)]
    pub example: bool,
    /// When it was last checked against its sources: `{ date, by }`.
    pub reviewed: Option<RawReviewed>,
    /// Anything your own templates need, passed to them untouched.
    #[serde(default)]
    pub extra: serde_json::Value,
}

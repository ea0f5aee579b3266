//! The shapes of front matter as written: serde types that mirror the YAML and check
//! its structure (field names, types, enum values). Every struct denies unknown fields so
//! that a typo is an error, not lost data. Values are checked further in `parse`.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer};

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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReviewed {
    pub date: RawDate,
    pub by: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLocation {
    pub lat: f64,
    pub lon: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFormerName {
    pub name: String,
    pub until: Option<RawDate>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCity {
    pub name: String,
    pub country: String,
    pub level: Option<Level>,
    pub parent: Option<String>,
    pub summary: Option<String>,
    pub location: Option<RawLocation>,
    pub population: Option<u64>,
    pub website: Option<String>,
    #[serde(default)]
    pub names: BTreeMap<String, String>,
    #[serde(default)]
    pub former_names: Vec<RawFormerName>,
    #[serde(default)]
    pub ids: ExternalIds,
    #[serde(default)]
    pub areas: Vec<String>,
    pub contact: Option<Contact>,
    #[serde(default)]
    pub sources: Vec<RawSource>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub example: bool,
    pub reviewed: Option<RawReviewed>,
    #[serde(default)]
    pub extra: serde_json::Value,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProgram {
    pub title: String,
    pub kind: ProgramKind,
    pub summary: Option<String>,
    pub lead: Option<String>,
    #[serde(default)]
    pub participants: Vec<String>,
    #[serde(default)]
    pub countries: Vec<String>,
    #[serde(default)]
    pub areas: Vec<String>,
    pub start: Option<RawDate>,
    pub end: Option<RawDate>,
    pub status: Option<ProgramStatus>,
    pub website: Option<String>,
    #[serde(default)]
    pub sources: Vec<RawSource>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub example: bool,
    pub reviewed: Option<RawReviewed>,
    #[serde(default)]
    pub extra: serde_json::Value,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHistoryEntry {
    pub date: Option<RawDate>,
    pub event: HistoryEvent,
    pub by: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSignatory {
    pub name: String,
    pub role: Option<String>,
    pub party: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAgreement {
    pub title: String,
    pub kind: AgreementKind,
    pub parties: Vec<String>,
    pub summary: Option<String>,
    pub signed: Option<RawDate>,
    pub expires: Option<RawDate>,
    pub status: Option<AgreementStatus>,
    #[serde(default)]
    pub history: Vec<RawHistoryEntry>,
    #[serde(default)]
    pub areas: Vec<String>,
    #[serde(default)]
    pub programs: Vec<String>,
    pub document: Option<String>,
    #[serde(default)]
    pub signatories: Vec<RawSignatory>,
    #[serde(default)]
    pub sources: Vec<RawSource>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub example: bool,
    pub reviewed: Option<RawReviewed>,
    #[serde(default)]
    pub extra: serde_json::Value,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPage {
    pub title: String,
    pub summary: Option<String>,
    #[serde(default)]
    pub menu: bool,
    #[serde(default)]
    pub weight: i64,
    #[serde(default)]
    pub sources: Vec<RawSource>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub example: bool,
    pub reviewed: Option<RawReviewed>,
    #[serde(default)]
    pub extra: serde_json::Value,
}

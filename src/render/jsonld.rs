//! schema.org JSON-LD for city and agreement pages, so that search engines and other
//! machines read what a page is about (`page.json_ld` in templates).
//!
//! Input: the directory and an entry. Output: one JSON document as a string that is
//! safe inside `<script type="application/ld+json">`: `<`, `>` and `&` are written as
//! `\u003c`, `\u003e`, `\u0026` (still the same JSON), so a title holding `</script>`
//! cannot end the element.
//!
//! Types (see `docs/templates.md` for why): a city or municipality is a schema.org
//! `City`, a state or province a `State`, any other level an `AdministrativeArea`, each
//! with `geo`, its country and the place it is part of. An agreement is a
//! `CreativeWork` about its parties; schema.org has no type for an agreement between
//! governments, and `Legislation` means an act of one legislator.

use serde::Serialize;

use super::view::Views;
use crate::content::model::{Collection, Level};
use crate::graph::{AgreementIx, CityIx};

const CONTEXT: &str = "https://schema.org";

// The documents as typed records rather than `json!` maps, which were some 5 % of a
// build's instructions. Fields are in alphabetical order, as `json!` wrote them, and
// absent ones are left out.

#[derive(Serialize)]
struct CityDoc<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@id")]
    id: &'a str,
    #[serde(rename = "@type")]
    kind: &'static str,
    address: Address<'a>,
    #[serde(rename = "alternateName", skip_serializing_if = "Vec::is_empty")]
    alternate_name: Vec<&'a str>,
    #[serde(rename = "containedInPlace", skip_serializing_if = "Option::is_none")]
    contained_in_place: Option<PlaceRef<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    geo: Option<Geo>,
    name: &'a str,
    #[serde(rename = "sameAs", skip_serializing_if = "Vec::is_empty")]
    same_as: Vec<String>,
    url: &'a str,
}

#[derive(Serialize)]
struct Address<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "addressCountry")]
    address_country: &'a str,
}

#[derive(Serialize)]
struct Geo {
    #[serde(rename = "@type")]
    kind: &'static str,
    latitude: f64,
    longitude: f64,
}

/// A short reference to a city: its type, name and address.
#[derive(Serialize)]
struct PlaceRef<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: String,
}

#[derive(Serialize)]
struct AgreementDoc<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@id")]
    id: &'a str,
    #[serde(rename = "@type")]
    kind: &'static str,
    about: Vec<PlaceRef<'a>>,
    #[serde(rename = "creativeWorkStatus")]
    creative_work_status: &'a str,
    #[serde(rename = "dateCreated", skip_serializing_if = "Option::is_none")]
    date_created: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expires: Option<String>,
    genre: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    keywords: Vec<&'a str>,
    name: &'a str,
    url: &'a str,
}

/// A document as a string safe in a `<script>` element.
fn to_script(doc: &impl Serialize) -> String {
    let json = serde_json::to_string(doc).unwrap_or_default();
    if !json.contains(['<', '>', '&']) {
        return json;
    }
    let mut safe = String::with_capacity(json.len() + 32);
    for c in json.chars() {
        match c {
            '<' => safe.push_str("\\u003c"),
            '>' => safe.push_str("\\u003e"),
            '&' => safe.push_str("\\u0026"),
            c => safe.push(c),
        }
    }
    safe
}

fn permalink(views: &Views, collection: Collection, id: &str) -> String {
    let urls = views.urls();
    urls.absolute(&urls.entry(collection, id))
}

fn place_type(level: Level) -> &'static str {
    match level {
        Level::City | Level::Municipality => "City",
        Level::State | Level::Province => "State",
        _ => "AdministrativeArea",
    }
}

fn place_ref<'d>(views: &Views<'d>, ix: CityIx) -> PlaceRef<'d> {
    let city = views.d.city(ix);
    PlaceRef {
        kind: place_type(city.level),
        name: views.city_name(ix),
        url: permalink(views, Collection::Cities, city.meta.id.as_str()),
    }
}

/// A city page's JSON-LD, in the views' language.
pub fn city(views: &Views, ix: CityIx) -> String {
    let d = views.d;
    let city = d.city(ix);
    let name = views.city_name(ix);
    let url = permalink(views, Collection::Cities, city.meta.id.as_str());
    let other_names = (city.names.values().map(String::as_str))
        .chain([city.name.as_str()])
        .chain(city.former_names.iter().map(|f| f.name.as_str()))
        .filter(|n| *n != name);
    to_script(&CityDoc {
        context: CONTEXT,
        id: &url,
        kind: place_type(city.level),
        address: Address {
            kind: "PostalAddress",
            address_country: city.country.as_str(),
        },
        alternate_name: other_names.collect(),
        contained_in_place: d.city_links[ix.index()].parent.map(|p| place_ref(views, p)),
        description: views.summary(Collection::Cities, ix.0, &city.meta),
        geo: city.location.map(|at| Geo {
            kind: "GeoCoordinates",
            latitude: at.lat,
            longitude: at.lon,
        }),
        name,
        same_as: same_as(city),
        url: &url,
    })
}

/// The city's records elsewhere and its own website.
fn same_as(city: &crate::content::model::City) -> Vec<String> {
    let mut links = Vec::new();
    if let Some(q) = &city.ids.wikidata {
        links.push(format!("https://www.wikidata.org/wiki/{q}"));
    }
    if let Some(g) = city.ids.geonames {
        links.push(format!("https://www.geonames.org/{g}/"));
    }
    links.extend(city.website.clone());
    links
}

/// An agreement page's JSON-LD, in the views' language.
pub fn agreement(views: &Views, ix: AgreementIx) -> String {
    let d = views.d;
    let a = d.agreement(ix);
    let links = &d.agreement_links[ix.index()];
    let url = permalink(views, Collection::Agreements, a.meta.id.as_str());
    to_script(&AgreementDoc {
        context: CONTEXT,
        id: &url,
        kind: "CreativeWork",
        about: links.parties.iter().map(|&p| place_ref(views, p)).collect(),
        creative_work_status: views.label("agreement_status", a.status.as_str()),
        date_created: a.signed.map(|date| date.to_string()),
        description: views.summary(Collection::Agreements, ix.0, &a.meta),
        expires: a.expires.map(|date| date.to_string()),
        genre: views.label("agreement_kind", a.kind.as_str()),
        keywords: (links.areas.iter()).map(|&x| views.area_name(x)).collect(),
        name: views.agreement_title(ix),
        url: &url,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_end_tags_cannot_close_the_element() {
        let text = to_script(&serde_json::json!({ "name": "A </script><b> & B" }));
        assert_eq!(
            text,
            r#"{"name":"A \u003c/script\u003e\u003cb\u003e \u0026 B"}"#
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["name"], "A </script><b> & B");
    }
}

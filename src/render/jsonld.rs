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

use serde_json::{Value, json};

use crate::content::model::{Collection, Level};
use crate::graph::{AgreementIx, CityIx, Directory};

const CONTEXT: &str = "https://schema.org";

/// A value as a string safe in a `<script>` element.
pub fn to_script(value: &Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

fn permalink(d: &Directory, collection: Collection, id: &str) -> String {
    d.config.urls.absolute(&d.config.urls.entry(collection, id))
}

fn place_type(level: Level) -> &'static str {
    match level {
        Level::City | Level::Municipality => "City",
        Level::State | Level::Province => "State",
        _ => "AdministrativeArea",
    }
}

/// A short reference to a city: its type, name and address.
fn place_ref(d: &Directory, ix: CityIx) -> Value {
    let city = d.city(ix);
    json!({
        "@type": place_type(city.level),
        "name": city.name,
        "url": permalink(d, Collection::Cities, city.meta.id.as_str()),
    })
}

/// A city page's JSON-LD.
pub fn city(d: &Directory, ix: CityIx) -> String {
    let city = d.city(ix);
    let links = &d.city_links[ix.index()];
    let url = permalink(d, Collection::Cities, city.meta.id.as_str());
    let mut doc = json!({
        "@context": CONTEXT,
        "@type": place_type(city.level),
        "@id": url,
        "url": url,
        "name": city.name,
        "address": { "@type": "PostalAddress", "addressCountry": city.country.as_str() },
    });
    let other_names: Vec<&str> = city
        .names
        .values()
        .map(String::as_str)
        .chain(city.former_names.iter().map(|f| f.name.as_str()))
        .filter(|n| *n != city.name)
        .collect();
    if !other_names.is_empty() {
        doc["alternateName"] = json!(other_names);
    }
    if let Some(summary) = &city.meta.summary {
        doc["description"] = json!(summary);
    }
    if let Some(location) = city.location {
        doc["geo"] = json!({
            "@type": "GeoCoordinates",
            "latitude": location.lat,
            "longitude": location.lon,
        });
    }
    if let Some(parent) = links.parent {
        doc["containedInPlace"] = place_ref(d, parent);
    }
    let same_as = same_as(city);
    if !same_as.is_empty() {
        doc["sameAs"] = json!(same_as);
    }
    to_script(&doc)
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

/// An agreement page's JSON-LD.
pub fn agreement(d: &Directory, ix: AgreementIx) -> String {
    let a = d.agreement(ix);
    let links = &d.agreement_links[ix.index()];
    let url = permalink(d, Collection::Agreements, a.meta.id.as_str());
    let mut doc = json!({
        "@context": CONTEXT,
        "@type": "CreativeWork",
        "@id": url,
        "url": url,
        "name": a.title,
        "genre": a.kind.label(),
        "creativeWorkStatus": a.status.label(),
        "about": links.parties.iter().map(|&p| place_ref(d, p)).collect::<Vec<_>>(),
    });
    if let Some(summary) = &a.meta.summary {
        doc["description"] = json!(summary);
    }
    if let Some(signed) = a.signed {
        doc["dateCreated"] = json!(signed.to_string());
    }
    if let Some(expires) = a.expires {
        doc["expires"] = json!(expires.to_string());
    }
    let areas: Vec<&str> = links
        .areas
        .iter()
        .map(|&x| d.area(x).area.name.as_str())
        .collect();
    if !areas.is_empty() {
        doc["keywords"] = json!(areas);
    }
    to_script(&doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_end_tags_cannot_close_the_element() {
        let text = to_script(&json!({ "name": "A </script><b> & B" }));
        assert_eq!(
            text,
            r#"{"name":"A \u003c/script\u003e\u003cb\u003e \u0026 B"}"#
        );
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["name"], "A </script><b> & B");
    }
}

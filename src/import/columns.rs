//! Which column holds what: headers recognised in English and German, or named with
//! `--map FIELD=COLUMN`.

use std::collections::BTreeMap;

/// What a column can hold. The first group describes a partnership sheet (one row per
/// partnership, cities by name); the rest are the columns of Amicus's own
/// `data/cities.csv` and `data/agreements.csv`, so that they import back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    City,
    Country,
    Partner,
    PartnerCountry,
    Since,
    Kind,
    Status,
    Areas,
    Note,
    Source,
    Id,
    Name,
    Title,
    Parties,
    Level,
    Parent,
    Lat,
    Lon,
    Population,
    Website,
    Wikidata,
    Geonames,
    Expires,
    Document,
}

/// Each field with the headers it is recognised by, compared in lower case with
/// spaces, `_` and `-` alike. The first is the name `--map` takes.
const HEADERS: &[(Field, &[&str])] = &[
    (
        Field::City,
        &[
            "city",
            "stadt",
            "town",
            "kommune",
            "gemeinde",
            "municipality",
        ],
    ),
    (Field::Country, &["country", "land", "staat"]),
    (
        Field::Partner,
        &[
            "partner city",
            "partner",
            "partnerstadt",
            "partner town",
            "twin town",
            "sister city",
            "partnerkommune",
            "partnergemeinde",
            "partnerstädte",
        ],
    ),
    (
        Field::PartnerCountry,
        &["partner country", "partnerland", "land der partnerstadt"],
    ),
    (
        Field::Since,
        &[
            "since",
            "seit",
            "signed",
            "unterzeichnet",
            "year",
            "jahr",
            "date",
            "datum",
            "start",
            "beginn",
        ],
    ),
    (Field::Kind, &["kind", "art", "type", "typ"]),
    (Field::Status, &["status", "stand"]),
    (
        Field::Areas,
        &["areas", "bereiche", "themen", "themenfelder", "fields"],
    ),
    (
        Field::Note,
        &[
            "note",
            "notes",
            "notiz",
            "bemerkung",
            "bemerkungen",
            "comment",
            "kommentar",
            "anmerkung",
        ],
    ),
    (
        Field::Source,
        &["source", "sources", "quelle", "quellen", "link"],
    ),
    (Field::Id, &["id"]),
    (Field::Name, &["name"]),
    (Field::Title, &["title", "titel"]),
    (Field::Parties, &["parties"]),
    (Field::Level, &["level"]),
    (Field::Parent, &["parent"]),
    (Field::Lat, &["lat", "latitude"]),
    (Field::Lon, &["lon", "longitude"]),
    (Field::Population, &["population", "einwohner"]),
    (Field::Website, &["website", "webseite"]),
    (Field::Wikidata, &["wikidata"]),
    (Field::Geonames, &["geonames"]),
    (Field::Expires, &["expires"]),
    (Field::Document, &["document"]),
];

impl Field {
    /// The name `--map` takes: `partner-country`.
    pub fn name(self) -> String {
        let (_, headers) = HEADERS
            .iter()
            .find(|(f, _)| *f == self)
            .expect("every field has headers");
        headers[0].replace(' ', "-")
    }
}

fn normal(header: &str) -> String {
    let lower = header.trim().to_lowercase();
    lower
        .replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The column index of each field found: mapped ones first, then recognised headers.
/// A header is used once; the first column wins when two mean the same.
pub fn recognise(
    headers: &[String],
    map: &[(String, String)],
) -> Result<BTreeMap<Field, usize>, String> {
    let mut found = BTreeMap::new();
    for (field, column) in map {
        let field = field_named(field)?;
        let index = headers
            .iter()
            .position(|h| normal(h) == normal(column))
            .ok_or_else(|| {
                format!(
                    "`--map`: there is no column `{column}`; the columns are: {}",
                    headers.join(", ")
                )
            })?;
        found.insert(field, index);
    }
    for (index, header) in headers.iter().enumerate() {
        let header = normal(header);
        let field = HEADERS
            .iter()
            .find(|(_, names)| names.iter().any(|n| *n == header))
            .map(|(f, _)| *f);
        if let Some(field) = field
            && !found.contains_key(&field)
            && !found.values().any(|&i| i == index)
        {
            found.insert(field, index);
        }
    }
    Ok(found)
}

fn field_named(name: &str) -> Result<Field, String> {
    let wanted = normal(name);
    HEADERS
        .iter()
        .find(|(_, names)| normal(names[0]) == wanted)
        .map(|(f, _)| *f)
        .ok_or_else(|| {
            let names: Vec<String> = HEADERS.iter().map(|(f, _)| f.name()).collect();
            format!(
                "`--map`: `{name}` is not a field; the fields are: {}",
                names.join(", ")
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn recognises_german_and_english_headers() {
        let found = recognise(
            &headers(&[
                "Stadt",
                "Land",
                "Partnerstadt",
                "Partnerland",
                "seit",
                "Bemerkung",
            ]),
            &[],
        )
        .unwrap();
        assert_eq!(found[&Field::City], 0);
        assert_eq!(found[&Field::PartnerCountry], 3);
        assert_eq!(found[&Field::Since], 4);
        assert_eq!(found[&Field::Note], 5);
        let found = recognise(
            &headers(&["City", "Partner_City", "Partner-Country", "Signed"]),
            &[],
        )
        .unwrap();
        assert_eq!(found[&Field::Partner], 1);
        assert_eq!(found[&Field::PartnerCountry], 2);
    }

    #[test]
    fn mapped_columns_win() {
        let map = vec![
            ("partner-city".to_owned(), "Ort".to_owned()),
            ("since".to_owned(), "Jahr der Gründung".to_owned()),
        ];
        let found = recognise(&headers(&["Ort", "Jahr der Gründung", "Partner"]), &map).unwrap();
        assert_eq!(found[&Field::Partner], 0);
        assert_eq!(found[&Field::Since], 1);
        assert!(
            recognise(
                &headers(&["Ort"]),
                &[("partner-city".into(), "Nope".into())]
            )
            .unwrap_err()
            .contains("no column `Nope`")
        );
        assert!(
            recognise(&headers(&["Ort"]), &[("town".into(), "Ort".into())])
                .unwrap_err()
                .contains("partner-country")
        );
    }
}

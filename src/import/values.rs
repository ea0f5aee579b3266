//! A cell's text read as a value of the model: countries by code or by English or
//! German name, dates in ISO, German or year form, kinds and statuses in English or
//! German words.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::content::country::COUNTRIES;
use crate::content::date::PartialDate;
use crate::content::model::{AgreementKind, AgreementStatus, CountryCode};
use crate::locale::{Formatter, parse_language};

/// Names that are not a country's short name in English or German but are common in
/// sheets.
const COUNTRY_ALIASES: &[(&str, &str)] = &[
    ("uk", "GB"),
    ("great britain", "GB"),
    ("england", "GB"),
    ("scotland", "GB"),
    ("wales", "GB"),
    ("northern ireland", "GB"),
    ("großbritannien", "GB"),
    ("schottland", "GB"),
    ("usa", "US"),
    ("us", "US"),
    ("united states of america", "US"),
    ("vereinigte staaten von amerika", "US"),
    ("russia", "RU"),
    ("russische föderation", "RU"),
    ("turkey", "TR"),
    ("weißrussland", "BY"),
    ("czech republic", "CZ"),
    ("tschechische republik", "CZ"),
    ("south korea", "KR"),
    ("korea", "KR"),
    ("südkorea", "KR"),
    ("volksrepublik china", "CN"),
    ("people's republic of china", "CN"),
    ("holland", "NL"),
];

/// A name as compared: lower case, `ß` as `ss` (as Swiss German writes it).
fn folded(name: &str) -> String {
    name.trim().to_lowercase().replace('ß', "ss")
}

/// Folded country names (English and German, Amicus's and CLDR's) → code.
fn country_names() -> &'static HashMap<String, &'static str> {
    static NAMES: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names: HashMap<String, &'static str> = COUNTRY_ALIASES
            .iter()
            .map(|(name, code)| (folded(name), *code))
            .collect();
        for tag in ["en", "de"] {
            let formatter = Formatter::new(&parse_language(tag).expect("a language tag"));
            for (code, _) in COUNTRIES {
                if let Some(name) = formatter.country_name(code) {
                    names.insert(folded(name), code);
                }
            }
        }
        for (code, name) in COUNTRIES {
            names.insert(folded(name), code);
        }
        names
    })
}

/// `PL`, `pl`, `Poland`, `Polen` → PL.
pub fn country(text: &str) -> Result<CountryCode, String> {
    let text = text.trim();
    if let Some(code) = CountryCode::parse(&text.to_ascii_uppercase()) {
        return Ok(code);
    }
    country_names()
        .get(&folded(text))
        .and_then(|code| CountryCode::parse(code))
        .ok_or_else(|| format!("`{text}` is not a country: write its name in English or German, or its ISO code (`PL`)"))
}

/// `2020-12-31`, `2020-12`, `2020`, or the German `31.12.2020` and `12.2020`.
pub fn date(text: &str) -> Result<PartialDate, String> {
    let text = text.trim();
    let parts: Vec<&str> = text.split('.').map(str::trim).collect();
    let iso = match parts.as_slice() {
        [day, month, year] if year.len() == 4 => format!("{year}-{month:0>2}-{day:0>2}"),
        [month, year] if year.len() == 4 => format!("{year}-{month:0>2}"),
        _ => text.to_owned(),
    };
    PartialDate::parse(&iso)
        .map_err(|_| format!("`{text}` is not a date: write 2020-12-31, 31.12.2020 or 2020"))
}

/// German words for the kinds, beside the kinds' own values.
const KIND_WORDS: &[(&str, AgreementKind)] = &[
    ("städtepartnerschaft", AgreementKind::SisterCity),
    ("partnerschaft", AgreementKind::SisterCity),
    ("partnerstadt", AgreementKind::SisterCity),
    ("sister city", AgreementKind::SisterCity),
    ("twin town", AgreementKind::SisterCity),
    ("freundschaft", AgreementKind::Friendship),
    ("städtefreundschaft", AgreementKind::Friendship),
    ("freundschaftsvertrag", AgreementKind::Friendship),
    ("absichtserklärung", AgreementKind::LetterOfIntent),
    ("memorandum of understanding", AgreementKind::Memorandum),
    ("kooperation", AgreementKind::Cooperation),
    ("kooperationsvereinbarung", AgreementKind::Cooperation),
    ("zusammenarbeit", AgreementKind::Cooperation),
    ("projektpartnerschaft", AgreementKind::ProjectPartnership),
];

pub fn kind(text: &str) -> Result<AgreementKind, String> {
    let lower = text.trim().to_lowercase();
    (AgreementKind::ALL.iter().copied())
        .find(|k| k.as_str() == lower || k.label().to_lowercase() == lower)
        .or_else(|| KIND_WORDS.iter().find(|(w, _)| *w == lower).map(|(_, k)| *k))
        .ok_or_else(|| {
            let all: Vec<&str> = AgreementKind::ALL.iter().map(|k| k.as_str()).collect();
            format!("`{text}` is not a kind of agreement: write one of {} (or Städtepartnerschaft, Freundschaft, Absichtserklärung, Kooperation)", all.join(", "))
        })
}

const STATUS_WORDS: &[(&str, AgreementStatus)] = &[
    ("aktiv", AgreementStatus::Active),
    ("geplant", AgreementStatus::Proposed),
    ("ruhend", AgreementStatus::Dormant),
    ("ausgesetzt", AgreementStatus::Suspended),
    ("abgelaufen", AgreementStatus::Expired),
    ("erloschen", AgreementStatus::Lapsed),
    ("beendet", AgreementStatus::Terminated),
    ("gekündigt", AgreementStatus::Terminated),
];

pub fn status(text: &str) -> Result<AgreementStatus, String> {
    let lower = text.trim().to_lowercase();
    (AgreementStatus::ALL.iter().copied())
        .find(|s| s.as_str() == lower)
        .or_else(|| {
            STATUS_WORDS
                .iter()
                .find(|(w, _)| *w == lower)
                .map(|(_, s)| *s)
        })
        .ok_or_else(|| {
            let all: Vec<&str> = AgreementStatus::ALL.iter().map(|s| s.as_str()).collect();
            format!("`{text}` is not a status: write one of {}", all.join(", "))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_by_code_or_name_in_english_or_german() {
        for text in ["PL", "pl", "Poland", "Polen", " polen "] {
            assert_eq!(country(text).unwrap().as_str(), "PL", "{text}");
        }
        assert_eq!(country("Tschechien").unwrap().as_str(), "CZ");
        assert_eq!(country("Vereinigte Staaten").unwrap().as_str(), "US");
        assert_eq!(country("USA").unwrap().as_str(), "US");
        // Found in a real list: the Swiss spelling, an official name, an older one.
        assert_eq!(country("Weissrussland").unwrap().as_str(), "BY");
        assert_eq!(country("Russische Föderation").unwrap().as_str(), "RU");
        assert_eq!(country("Turkey").unwrap().as_str(), "TR");
        assert_eq!(country("Frankreich").unwrap().as_str(), "FR");
        assert!(country("Atlantis").unwrap_err().contains("`Atlantis`"));
    }

    #[test]
    fn dates_in_iso_german_or_year_form() {
        let iso = |text| date(text).map(|d| d.to_string());
        assert_eq!(iso("2020-12-31").unwrap(), "2020-12-31");
        assert_eq!(iso("31.12.2020").unwrap(), "2020-12-31");
        assert_eq!(iso("1.2.1961").unwrap(), "1961-02-01");
        assert_eq!(iso("05.1990").unwrap(), "1990-05");
        assert_eq!(iso("1961").unwrap(), "1961");
        assert!(iso("31.02.2020").is_err());
        assert!(iso("spring 2019").unwrap_err().contains("31.12.2020"));
    }

    #[test]
    fn kinds_and_statuses_in_english_or_german() {
        assert_eq!(
            kind("Städtepartnerschaft").unwrap(),
            AgreementKind::SisterCity
        );
        assert_eq!(kind("Freundschaft").unwrap(), AgreementKind::Friendship);
        assert_eq!(
            kind("Absichtserklärung").unwrap(),
            AgreementKind::LetterOfIntent
        );
        assert_eq!(kind("friendship").unwrap(), AgreementKind::Friendship);
        assert!(kind("Ehe").is_err());
        assert_eq!(status("beendet").unwrap(), AgreementStatus::Terminated);
        assert_eq!(status("active").unwrap(), AgreementStatus::Active);
    }
}

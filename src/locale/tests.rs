//! The examples of issue 27, as ICU4X's compiled data formats them.

use std::cmp::Ordering;

use super::*;

fn formatter(tag: &str) -> Formatter {
    Formatter::new(&parse_language(tag).unwrap())
}

fn date(text: &str) -> PartialDate {
    PartialDate::parse(text).unwrap()
}

#[test]
fn is_shared_across_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<Formatter>();
}

#[test]
fn full_dates() {
    for (tag, words) in [
        ("de", "12. Juni 2003"),
        // `en` is American English in CLDR; the British order is `en-GB`'s.
        ("en", "June 12, 2003"),
        ("en-GB", "12 June 2003"),
        ("ja", "2003年6月12日"),
        ("fr", "12 juin 2003"),
        ("es", "12 de junio de 2003"),
        // CLDR writes Arabic with Latin digits unless a region says otherwise.
        ("ar", "12 يونيو 2003"),
    ] {
        assert_eq!(formatter(tag).date(date("2003-06-12")), words, "{tag}");
    }
}

#[test]
fn year_and_month() {
    for (tag, words) in [
        ("de", "Juni 2003"),
        ("en", "June 2003"),
        ("ja", "2003年6月"),
        ("fr", "juin 2003"),
    ] {
        assert_eq!(formatter(tag).date(date("2003-06")), words, "{tag}");
    }
}

#[test]
fn a_year_stays_a_year() {
    for tag in ["de", "en", "ja", "fr"] {
        assert_eq!(formatter(tag).date(date("2003")), "2003", "{tag}");
    }
}

/// British English is what `PartialDate::human` writes today: the day is not padded,
/// the month is in full, the day comes first.
#[test]
fn british_english_matches_the_built_in_words() {
    let en = formatter("en-GB");
    for text in ["2003-06-12", "2003-06-01", "2003-11", "1972", "9999-12-31"] {
        assert_eq!(en.date(date(text)), date(text).human(), "{text}");
    }
}

#[test]
fn numbers_are_grouped_per_language() {
    for (tag, words) in [
        ("de", "804.237"),
        ("en", "804,237"),
        // French groups with a narrow no-break space.
        ("fr", "804\u{202f}237"),
        ("ja", "804,237"),
        ("ar", "804,237"),
    ] {
        assert_eq!(formatter(tag).number(804_237), words, "{tag}");
    }
    assert_eq!(formatter("en").number(7), "7");
}

fn sorted(tag: &str, names: &[&str]) -> Vec<String> {
    let f = formatter(tag);
    let mut names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    names.sort_by(|a, b| f.compare(a, b));
    names
}

#[test]
fn polish_puts_l_with_stroke_after_l() {
    assert_eq!(
        sorted("pl", &["Łódź", "Lublin", "Mielec", "Zabrze"]),
        ["Lublin", "Łódź", "Mielec", "Zabrze"]
    );
}

#[test]
fn swedish_puts_a_with_ring_at_the_end() {
    assert_eq!(
        sorted("sv", &["Örebro", "Åre", "Zinkgruvan", "Arvika"]),
        ["Arvika", "Zinkgruvan", "Åre", "Örebro"]
    );
}

#[test]
fn german_sorts_umlauts_with_their_vowel() {
    assert_eq!(
        sorted("de", &["Zwickau", "Ärzen", "Aue", "Bautzen"]),
        ["Ärzen", "Aue", "Bautzen", "Zwickau"]
    );
}

#[test]
fn sort_keys_order_as_compare_does() {
    let pl = formatter("pl");
    let names = ["Łódź", "Lublin", "Mielec", "lublin", "Ząbki", "Zabrze"];
    for a in names {
        for b in names {
            let by_key = pl.sort_key(a).cmp(&pl.sort_key(b));
            assert_eq!(by_key, pl.compare(a, b), "{a} {b}");
        }
    }
    assert_eq!(pl.compare("Łódź", "Łódź"), Ordering::Equal);
}

#[test]
fn country_names_in_each_language() {
    for (tag, name) in [
        ("de", "Polen"),
        ("fr", "Pologne"),
        ("ja", "ポーランド"),
        ("ar", "بولندا"),
        ("en", "Poland"),
    ] {
        assert_eq!(formatter(tag).country_name("PL"), Some(name), "{tag}");
    }
    let de = formatter("de");
    assert_eq!(de.country_name("pl"), None);
    assert_eq!(de.country_name("XX"), None);
    assert_eq!(de.country_name("NO"), Some("Norwegen"));
}

#[test]
fn every_country_has_a_name_in_the_theme_languages() {
    for tag in ["de", "en", "fr", "es", "ja", "ar"] {
        let f = formatter(tag);
        let missing: Vec<&str> = COUNTRIES
            .iter()
            .map(|(code, _)| *code)
            .filter(|code| f.country_name(code).is_none())
            .collect();
        assert!(missing.is_empty(), "{tag}: {missing:?}");
    }
}

#[test]
fn right_to_left_languages() {
    for tag in [
        "ar", "he", "fa", "ur", "ar-EG", "ps", "yi", "ckb", "dv", "sd", "ug",
    ] {
        assert!(formatter(tag).is_rtl(), "{tag}");
    }
    for tag in ["de", "en", "ja", "zh-Hant", "tr"] {
        assert!(!formatter(tag).is_rtl(), "{tag}");
    }
}

#[test]
fn a_language_without_data_falls_back() {
    let f = formatter("tlh");
    assert_eq!(f.date(date("2003")), "2003");
    assert!(!f.number(804_237).is_empty());
}

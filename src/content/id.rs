//! Entry ids: the file stem of an entry, and its address (`/cities/sao-paulo/`).
//!
//! Ids are made from names by transliteration, which is only trustworthy for the Latin
//! script: `Łódź` → `lodz` is right, but `京都市` would become `jing-du-shi` (a Chinese
//! reading of Kyōto). [`first_non_latin`] finds the names no id should be guessed for.
//! The only module that asks icu_properties for a character's script.

use std::fmt;

use icu_properties::CodePointMapData;
use icu_properties::props::Script;
use serde::Serialize;

/// Lowercase ASCII letters, digits and single hyphens, neither first nor last.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Id(String);

impl Id {
    pub fn parse(text: &str) -> Result<Self, String> {
        if is_valid(text) {
            Ok(Self(text.to_owned()))
        } else {
            Err(format!(
                "`{text}` is not a valid id: use lowercase letters a-z, digits and single hyphens, such as `{}`",
                slugify(text)
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn is_valid(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with('-')
        && !text.ends_with('-')
        && !text.contains("--")
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// `text` in ASCII: `Łódź` → `Lodz`, `Санкт` → `Sankt`. The one place that
/// uses deunicode, for ids and for the sort keys of names.
pub fn transliterate(text: &str) -> String {
    deunicode::deunicode(text)
}

/// The id a name transliterates to: `São Paulo` → `sao-paulo`, `Łódź` → `lodz`,
/// `Straße` → `strasse`. Letters are transliterated, never dropped.
pub fn slugify(name: &str) -> String {
    let ascii = transliterate(&german_sharp_s(name)).to_ascii_lowercase();
    let mut slug = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// The first letter of `name` outside the Latin script, if any: `京` in `京都市`, `Б`
/// in `Бишкек`, none in `Łódź`. Digits, punctuation, spaces, and letters shared by all
/// scripts (Common) or taking their base letter's (Inherited, combining marks) are
/// neither Latin nor foreign and are skipped.
pub fn first_non_latin(name: &str) -> Option<char> {
    let scripts = CodePointMapData::<Script>::new();
    name.chars().find(|&c| {
        c.is_alphabetic()
            && !matches!(
                scripts.get(c),
                Script::Latin | Script::Common | Script::Inherited
            )
    })
}

/// deunicode writes `ß` as `ss` already; this keeps the rule visible and tested.
fn german_sharp_s(name: &str) -> std::borrow::Cow<'_, str> {
    if name.contains('ß') {
        name.replace('ß', "ss").into()
    } else {
        name.into()
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Id {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterates_names() {
        assert_eq!(slugify("São Paulo"), "sao-paulo");
        assert_eq!(slugify("Łódź"), "lodz");
        assert_eq!(slugify("Fanø"), "fano");
        assert_eq!(slugify("Straße"), "strasse");
        assert_eq!(slugify("Æbeltoft"), "aebeltoft");
        assert_eq!(slugify("Ústí nad Labem"), "usti-nad-labem");
        assert_eq!(slugify("  Baden--Württemberg! "), "baden-wurttemberg");
    }

    #[test]
    fn finds_letters_outside_the_latin_script() {
        for latin in [
            "Łódź",
            "Ústí nad Labem",
            "Göteborg",
            "Straße",
            "Đà Nẵng",
            "Ærøskøbing",
            "Sao\u{303}o Paulo", // a combining tilde
            "District 9 (Nord-Süd), 2ª",
            "",
        ] {
            assert_eq!(first_non_latin(latin), None, "{latin}");
        }
        for (name, first) in [
            ("京都市", '京'),
            ("とうきょう", 'と'),
            ("서울", '서'),
            ("القاهرة", 'ا'),
            ("ירושלים", 'י'),
            ("Бишкек", 'Б'),
            ("Αθήνα", 'Α'),
            ("मुंबई", 'म'),
            ("กรุงเทพ", 'ก'),
            ("Kyoto 京都", '京'),
            ("Nowy Sącz Новый", 'Н'),
        ] {
            assert_eq!(first_non_latin(name), Some(first), "{name}");
        }
    }

    #[test]
    fn validates_ids() {
        for good in ["kyoto", "sao-paulo", "district-9", "a"] {
            assert!(Id::parse(good).is_ok(), "{good}");
        }
        for bad in ["", "Kyoto", "são-paulo", "-a", "a-", "a--b", "a_b", "a b"] {
            assert!(Id::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn error_suggests_the_transliteration() {
        assert!(Id::parse("São Paulo").unwrap_err().contains("`sao-paulo`"));
    }
}

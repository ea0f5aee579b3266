//! Entry ids: the file stem of an entry, and its address (`/cities/sao-paulo/`).

use std::fmt;

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

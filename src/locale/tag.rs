//! BCP 47 language tags as a site names its languages (`languages: [de, en]`).
//!
//! Input: the text of the tag as written. Output: a [`LanguageTag`] in canonical form
//! (`en`, `en-US`, `zh-Hant`), or a [`LanguageTagError`] that says what is wrong and,
//! where it can tell, the tag that was meant: `en_US` → `en-US`, `EN` → `en`,
//! `japanese`, `German` or `Deutsch` → `ja`, `de`.
//!
//! Invariant: a `LanguageTag` is exactly the canonical spelling of its ICU4X locale,
//! so that the tag a site writes is the one in its URLs and `lang` attributes.

use std::fmt;

use icu_locale::Locale;

/// A valid language tag, as written in `site.yaml` and shown in `lang` attributes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LanguageTag {
    text: String,
    locale: Locale,
}

impl LanguageTag {
    /// The tag as written: `de`, `en-US`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub(super) fn locale(&self) -> &Locale {
        &self.locale
    }
}

impl fmt::Display for LanguageTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Why a text is not a language tag, and the tag that was probably meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageTagError {
    /// The text as given.
    pub given: String,
    /// What is wrong, as a sentence fragment: "subtags are separated by `-`".
    pub problem: String,
    /// The tag to write instead, where one can be told.
    pub suggestion: Option<String>,
}

impl fmt::Display for LanguageTagError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a language tag: {}",
            self.given, self.problem
        )?;
        match &self.suggestion {
            Some(tag) => write!(f, "; write `{tag}`"),
            None => Ok(()),
        }
    }
}

/// Checks a BCP 47 language tag and returns it in canonical form.
pub fn parse_language(text: &str) -> Result<LanguageTag, LanguageTagError> {
    let error = |problem: &str, suggestion: Option<String>| LanguageTagError {
        given: text.to_owned(),
        problem: problem.to_owned(),
        suggestion,
    };
    if let Some(tag) = tag_of_name(text) {
        return Err(error(
            "write the language's code, not its name",
            Some(tag.to_owned()),
        ));
    }
    if text.contains('_') {
        let hyphens = text.replace('_', "-");
        let suggestion = canonical(&hyphens).map(|(text, _)| text);
        return Err(error("subtags are separated by `-`, not `_`", suggestion));
    }
    let Some((canonical, locale)) = canonical(text) else {
        return Err(error(
            "a tag is a language code of two or three letters, then optional subtags joined by `-` (`de`, `en-GB`, `zh-Hant`)",
            None,
        ));
    };
    if canonical != text {
        return Err(error(
            "language codes are lowercase and region codes uppercase",
            Some(canonical),
        ));
    }
    Ok(LanguageTag {
        text: canonical,
        locale,
    })
}

/// The canonical spelling of a well-formed tag whose language is a code of two or
/// three letters (BCP 47 also allows four to eight, but none are assigned).
fn canonical(text: &str) -> Option<(String, Locale)> {
    let locale = Locale::try_from_str(text).ok()?;
    let language = locale.id.language;
    (!language.is_unknown() && language.as_str().len() <= 3).then(|| (locale.to_string(), locale))
}

/// The tag of a language written out by name, in English or in the language itself.
fn tag_of_name(text: &str) -> Option<&'static str> {
    let name = text.trim().to_lowercase();
    LANGUAGE_NAMES
        .iter()
        .find(|(_, names)| names.contains(&name.as_str()))
        .map(|(tag, _)| *tag)
}

/// Languages that partnership directories are written in, by their English and
/// native names (lowercase), for the suggestion when a name is given for a code.
const LANGUAGE_NAMES: &[(&str, &[&str])] = &[
    ("ar", &["arabic", "العربية", "arabisch", "arabe"]),
    ("bg", &["bulgarian", "български"]),
    ("cs", &["czech", "čeština", "cestina"]),
    ("da", &["danish", "dansk"]),
    ("de", &["german", "deutsch", "allemand", "alemán", "aleman"]),
    ("el", &["greek", "ελληνικά"]),
    (
        "en",
        &["english", "englisch", "anglais", "inglés", "ingles"],
    ),
    (
        "es",
        &["spanish", "español", "espanol", "castellano", "spanisch"],
    ),
    ("et", &["estonian", "eesti"]),
    ("fa", &["persian", "farsi", "فارسی"]),
    ("fi", &["finnish", "suomi"]),
    ("fr", &["french", "français", "francais", "französisch"]),
    ("he", &["hebrew", "עברית"]),
    ("hi", &["hindi", "हिन्दी", "हिंदी"]),
    ("hr", &["croatian", "hrvatski"]),
    ("hu", &["hungarian", "magyar"]),
    ("id", &["indonesian", "bahasa indonesia"]),
    ("it", &["italian", "italiano", "italienisch"]),
    (
        "ja",
        &["japanese", "日本語", "nihongo", "japanisch", "japonais"],
    ),
    ("ko", &["korean", "한국어", "조선어"]),
    ("lt", &["lithuanian", "lietuvių"]),
    ("lv", &["latvian", "latviešu"]),
    ("nb", &["norwegian", "norsk", "bokmål", "bokmal"]),
    ("nl", &["dutch", "nederlands", "niederländisch"]),
    ("pl", &["polish", "polski", "polnisch"]),
    ("pt", &["portuguese", "português", "portugues"]),
    ("ro", &["romanian", "română", "romana"]),
    ("ru", &["russian", "русский", "russisch"]),
    ("sk", &["slovak", "slovenčina"]),
    ("sl", &["slovenian", "slovene", "slovenščina"]),
    ("sr", &["serbian", "српски", "srpski"]),
    ("sv", &["swedish", "svenska", "schwedisch"]),
    ("th", &["thai", "ไทย"]),
    ("tr", &["turkish", "türkçe", "turkce", "türkisch"]),
    ("uk", &["ukrainian", "українська"]),
    ("ur", &["urdu", "اردو"]),
    ("vi", &["vietnamese", "tiếng việt"]),
    ("zh", &["chinese", "中文", "汉语", "漢語", "chinesisch"]),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn suggestion(text: &str) -> Option<String> {
        parse_language(text).unwrap_err().suggestion
    }

    #[test]
    fn accepts_canonical_tags() {
        for tag in [
            "de",
            "en",
            "en-US",
            "zh-Hant",
            "zh-Hant-TW",
            "es-419",
            "gsw",
            "de-CH",
        ] {
            assert_eq!(parse_language(tag).unwrap().as_str(), tag);
        }
    }

    #[test]
    fn underscores_become_hyphens() {
        assert_eq!(suggestion("en_US").as_deref(), Some("en-US"));
        assert_eq!(suggestion("pt_br").as_deref(), Some("pt-BR"));
    }

    #[test]
    fn names_suggest_their_code() {
        for (name, tag) in [
            ("japanese", "ja"),
            ("German", "de"),
            ("deutsch", "de"),
            ("Français", "fr"),
            ("日本語", "ja"),
        ] {
            assert_eq!(suggestion(name).as_deref(), Some(tag), "{name}");
        }
    }

    #[test]
    fn case_is_canonical() {
        assert_eq!(suggestion("EN").as_deref(), Some("en"));
        assert_eq!(suggestion("en-us").as_deref(), Some("en-US"));
        assert_eq!(suggestion("zh-hant").as_deref(), Some("zh-Hant"));
    }

    #[test]
    fn rejects_what_is_no_tag() {
        for bad in ["", "e", "klingonish", "en-", "12", "und"] {
            let error = parse_language(bad).unwrap_err();
            assert_eq!(error.suggestion, None, "{bad}");
        }
    }

    #[test]
    fn the_message_names_the_fix() {
        assert_eq!(
            parse_language("en_US").unwrap_err().to_string(),
            "`en_US` is not a language tag: subtags are separated by `-`, not `_`; write `en-US`"
        );
    }
}

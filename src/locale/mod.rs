//! Language-dependent formatting for the render stage: dates, numbers, the order of
//! names, country names and writing direction, through ICU4X and its compiled data.
//!
//! Input: a [`LanguageTag`] from [`parse_language`] (a site's `languages:` entry).
//! Output: a [`Formatter`] made once per language and shared by every render thread
//! (it is `Send + Sync` and holds no cache that needs a lock); its methods return
//! owned strings or orderings and never fail: a language ICU4X has no data for falls
//! back along CLDR's chain to the root locale, whose output is English-like.
//!
//! Invariants: dates use the Gregorian calendar whatever the language (the content's
//! dates are ISO dates; a Japanese or Persian site still shows them as written, in its
//! own words). A date known to the year only is the year's digits, as the content said.
//!
//! ICU4X is used only inside this module, so that a swap is a change here alone.

mod tag;

use std::cmp::Ordering;

use icu_calendar::{Date, Gregorian};
use icu_collator::options::CollatorOptions;
use icu_collator::{CollatorBorrowed, CollatorPreferences};
use icu_datetime::fieldsets::{YM, YMD};
use icu_datetime::{DateTimeFormatterPreferences, FixedCalendarDateTimeFormatter};
use icu_decimal::input::Decimal;
use icu_decimal::options::{DecimalFormatterOptions, GroupingStrategy};
use icu_decimal::{DecimalFormatter, DecimalFormatterPreferences};
use icu_locale::LocaleDirectionality;
use icu_locale::names::{
    DisplayNamesPreferences, LanguageIdentifierDisplayName, LanguageIdentifierDisplayNameOptions,
    RegionDisplayName,
};
use icu_locale::subtags::Region;

use crate::content::country::COUNTRIES;
use crate::content::date::PartialDate;
use crate::graph::sort_key;

pub use tag::{LanguageTag, LanguageTagError, parse_language};

/// Everything language-dependent the render stage formats, for one language.
#[derive(Debug)]
pub struct Formatter {
    tag: LanguageTag,
    full_date: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    month_year: FixedCalendarDateTimeFormatter<Gregorian, YM>,
    grouped: DecimalFormatter,
    ungrouped: DecimalFormatter,
    collator: CollatorBorrowed<'static>,
    /// The name of every code of [`COUNTRIES`], in the same order, where ICU4X has one.
    countries: Vec<Option<String>>,
    rtl: bool,
    /// The language's name in itself, as a language switcher shows it: `Deutsch`.
    autonym: String,
    /// Names countries and orders names as English sites always had them (see
    /// [`Formatter::for_site`]).
    amicus_english: bool,
}

impl Formatter {
    /// Loads the compiled data for `tag`. Costs some hundred microseconds: make one
    /// per language and share it.
    pub fn new(tag: &LanguageTag) -> Self {
        let locale = tag.locale();
        let date_prefs = DateTimeFormatterPreferences::from(locale);
        let decimal_prefs = DecimalFormatterPreferences::from(locale);
        let never = DecimalFormatterOptions::from(GroupingStrategy::Never);
        Self {
            tag: tag.clone(),
            // The compiled data holds the root locale, the end of every fallback
            // chain, so these constructors fail only if the data itself is broken.
            full_date: FixedCalendarDateTimeFormatter::try_new(date_prefs, YMD::long())
                .expect("compiled data has long year-month-day patterns"),
            month_year: FixedCalendarDateTimeFormatter::try_new(date_prefs, YM::long())
                .expect("compiled data has long year-month patterns"),
            grouped: DecimalFormatter::try_new(decimal_prefs, Default::default())
                .expect("compiled data has decimal symbols"),
            ungrouped: DecimalFormatter::try_new(decimal_prefs, never)
                .expect("compiled data has decimal symbols"),
            collator: CollatorBorrowed::try_new(
                CollatorPreferences::from(locale),
                CollatorOptions::default(),
            )
            .expect("compiled data has the root collation"),
            countries: country_names(DisplayNamesPreferences::from(locale)),
            // The extended likely subtags (some tens of KB) know scripts the common
            // ones lack: without them Yiddish (`yi`, Hebrew script) reads as left to right.
            rtl: LocaleDirectionality::new_extended().is_right_to_left(&locale.id),
            autonym: autonym(tag),
            amicus_english: false,
        }
    }

    /// The formatter of a site in `tag`. English keeps what English sites had before
    /// Amicus had languages: dates day first ("12 June 2003") rather than in CLDR's
    /// American default, and Amicus's own country names (shorter than CLDR's) and order
    /// of names (by their transliteration).
    pub fn for_site(tag: &LanguageTag) -> Self {
        let english = tag.as_str() == "en" || tag.as_str().starts_with("en-");
        let formatter = match tag.as_str() {
            "en" => {
                let british = parse_language("en-GB").expect("`en-GB` is a language tag");
                Self {
                    tag: tag.clone(),
                    autonym: autonym(tag),
                    ..Self::new(&british)
                }
            }
            _ => Self::new(tag),
        };
        Self {
            amicus_english: english,
            ..formatter
        }
    }

    /// The language this formatter was made for.
    pub fn tag(&self) -> &LanguageTag {
        &self.tag
    }

    /// A date as precise as it is known: `12. Juni 2003`, `Juni 2003`, `2003` in German.
    pub fn date(&self, date: PartialDate) -> String {
        let (year, month, day) = fields(date);
        let gregorian = |day| Date::try_new_gregorian(i32::from(year), month.unwrap_or(1), day);
        match (month, day) {
            (Some(_), Some(d)) => gregorian(d)
                .map(|g| self.full_date.format(&g).to_string())
                .unwrap_or_else(|_| date.to_string()),
            (Some(_), None) => gregorian(1)
                .map(|g| self.month_year.format(&g).to_string())
                .unwrap_or_else(|_| date.to_string()),
            _ => self.ungrouped.format(&Decimal::from(year)).to_string(),
        }
    }

    /// A whole number with the language's digits and grouping: `804.237` in German.
    pub fn number(&self, n: i128) -> String {
        self.grouped.format(&Decimal::from(n)).to_string()
    }

    /// The order of two names in the language's alphabet (Ł after L in Polish, Å after
    /// Z in Swedish). For sorting long lists, [`Formatter::sort_key`] once per name is
    /// cheaper than comparing names again and again.
    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        match self.amicus_english {
            true => sort_key(a).cmp(&sort_key(b)),
            false => self.collator.compare(a, b),
        }
    }

    /// Bytes that order as [`Formatter::compare`] orders the names they come from.
    pub fn sort_key(&self, name: &str) -> Vec<u8> {
        if self.amicus_english {
            return sort_key(name).into_bytes();
        }
        let mut key = Vec::with_capacity(name.len() * 2);
        // Writing into a `Vec` cannot fail.
        let _ = self.collator.write_sort_key_to(name, &mut key);
        key
    }

    /// The country's name in the language, from its ISO 3166-1 alpha-2 code (`PL` →
    /// `Polen` in German); `None` for a code that is not a country or that ICU4X does
    /// not name in this language.
    pub fn country_name(&self, code: &str) -> Option<&str> {
        if self.amicus_english {
            return crate::content::country::name(code);
        }
        let index = COUNTRIES.binary_search_by(|(c, _)| c.cmp(&code)).ok()?;
        self.countries.get(index)?.as_deref()
    }

    /// The language's name in itself, capitalised as at the start of a menu item:
    /// `Deutsch`, `English`, `Français`, `日本語`.
    pub fn autonym(&self) -> &str {
        &self.autonym
    }

    /// The name of another language in this one: `Deutsch` in English is `German`.
    pub fn language_name(&self, other: &LanguageTag) -> String {
        language_name(&self.tag, other)
    }

    /// Whether the language is written right to left (Arabic, Hebrew, Persian, Urdu…),
    /// for `dir="rtl"`.
    pub fn is_rtl(&self) -> bool {
        self.rtl
    }
}

/// The year, month and day of a date, read back from its ISO form, the one way
/// `PartialDate` shows its precision.
fn fields(date: PartialDate) -> (u16, Option<u8>, Option<u8>) {
    let iso = date.to_string();
    let mut parts = iso.split('-').map(|p| p.parse::<u16>().ok());
    let year = parts.next().flatten().unwrap_or(date.year());
    let mut small = || parts.next().flatten().and_then(|p| u8::try_from(p).ok());
    let month = small();
    (year, month, small())
}

/// The name of `subject` in the language of `tag`, from CLDR; the tag itself where
/// CLDR has no name for it.
fn language_name(tag: &LanguageTag, subject: &LanguageTag) -> String {
    let prefs = DisplayNamesPreferences::from(tag.locale());
    let options = LanguageIdentifierDisplayNameOptions::default();
    LanguageIdentifierDisplayName::try_new_light(prefs, subject.locale().id.clone(), options)
        .map(|name| name.as_borrowed().to_string())
        .unwrap_or_else(|_| subject.to_string())
}

/// The language's name in itself, its first letter a capital where its script has
/// them (CLDR writes `français`; a menu item starts with `Français`).
fn autonym(tag: &LanguageTag) -> String {
    let name = language_name(tag, tag);
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => name,
    }
}

/// Every country's name in one language, looked up once so that pages borrow them.
fn country_names(prefs: DisplayNamesPreferences) -> Vec<Option<String>> {
    COUNTRIES
        .iter()
        .map(|(code, _)| {
            let region = Region::try_from_str(code).ok()?;
            let name = RegionDisplayName::try_new_light(prefs, region).ok()?;
            Some(name.as_borrowed().to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod theme_strings;

//! The validated content model: what a city, program, agreement and page are once their
//! front matter has been checked. Values here cannot be invalid (an [`Id`] is a valid id,
//! a [`PartialDate`] a real date, a country an assigned code); references to other
//! entries are still ids ([`Ref`]), resolved by the link stage.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::date::PartialDate;
use super::id::Id;
use super::source::EntrySource;
use crate::diagnostics::Diagnostic;
use crate::schema::JsonSchema;

/// The four kinds of content file, each a folder under `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Collection {
    Cities,
    Programs,
    Agreements,
    Pages,
}

impl Collection {
    pub const ALL: [Collection; 4] = [Self::Cities, Self::Programs, Self::Agreements, Self::Pages];

    /// The folder name under `content/`, also the link prefix (`@cities/kyoto`).
    pub fn folder(self) -> &'static str {
        match self {
            Self::Cities => "cities",
            Self::Programs => "programs",
            Self::Agreements => "agreements",
            Self::Pages => "pages",
        }
    }

    /// One entry of the collection, in words: `city`.
    pub fn singular(self) -> &'static str {
        match self {
            Self::Cities => "city",
            Self::Programs => "program",
            Self::Agreements => "agreement",
            Self::Pages => "page",
        }
    }

    pub fn from_folder(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.folder() == name)
    }
}

/// A reference to another entry by id, with where it is written, so that the link
/// stage can report an unknown id at its place.
#[derive(Debug, Clone)]
pub struct Ref {
    pub id: Id,
    pub span: Range<usize>,
}

/// What every entry has, whatever its kind.
#[derive(Debug, Clone)]
pub struct Meta {
    pub id: Id,
    pub source: EntrySource,
    pub summary: Option<String>,
    pub draft: bool,
    /// An example or test, not a real partnership: labelled as such wherever it shows.
    pub example: bool,
    /// When the entry was last checked against its sources, and by whom.
    pub reviewed: Option<Reviewed>,
    /// Where what the entry says can be checked.
    pub sources: Vec<Source>,
    /// `extra:` from the front matter, for templates, untouched.
    pub extra: serde_json::Value,
    pub body: Body,
}

impl Meta {
    /// The Markdown body as written; read again from its file when the text is not
    /// held (see [`EntrySource`]).
    pub fn body_text(&self) -> Result<Cow<'_, str>, Diagnostic> {
        self.source.text_at(self.body.span.clone())
    }

    /// The file's text before the body, the front matter with its fences, when the
    /// text is held (as `serve` holds it to compare edits).
    pub fn front_matter(&self) -> Option<&str> {
        let text = self.source.held_text()?;
        Some(&text[..self.body.span.start.min(text.len())])
    }
}

/// `reviewed: { date, by }`: the last check of an entry against its sources.
#[derive(Debug, Clone, Serialize)]
pub struct Reviewed {
    pub date: PartialDate,
    /// Who checked: an office or a person.
    pub by: String,
}

/// Where the Markdown body is in its file, with the entry links found in it. Its HTML
/// is made on its page only, from the file's text: holding every body's HTML from
/// parse to render took more memory than the texts.
#[derive(Debug, Clone, Default)]
pub struct Body {
    pub span: Range<usize>,
    pub links: Vec<BodyLink>,
}

/// A link to another entry written in a body (`[Kraków](@cities/krakow)`).
#[derive(Debug, Clone)]
pub struct BodyLink {
    /// `None` when the prefix is not a collection (`@city/kyoto`).
    pub collection: Option<Collection>,
    /// Never grows, so without a `String`'s capacity: a body has some five links, and
    /// they are kept for every entry until the build ends.
    pub id: Box<str>,
    /// The destination as written (`@cities/krakow#history`), at `span` in the file.
    pub span: Range<usize>,
}

macro_rules! labelled_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal, $label:literal;)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize, JsonSchema)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant,)*
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$(Self::$variant),*];

            /// The value as written in front matter (`sister-city`).
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text,)* }
            }

            /// The English label for people (`Sister city`); themes translate by `as_str`.
            pub fn label(self) -> &'static str {
                match self { $(Self::$variant => $label,)* }
            }
        }
    };
}

labelled_enum! {
    /// What kind of place a city entry is.
    Level {
        City = "city", "City";
        Municipality = "municipality", "Municipality";
        District = "district", "District";
        County = "county", "County";
        Prefecture = "prefecture", "Prefecture";
        State = "state", "State";
        Province = "province", "Province";
        Region = "region", "Region";
    }
}

labelled_enum! {
    ProgramKind {
        SisterCityProgram = "sister-city-program", "Sister-city program";
        TradeMission = "trade-mission", "Trade mission";
        Exchange = "exchange", "Exchange";
        Education = "education", "Education";
        Research = "research", "Research";
        Cultural = "cultural", "Cultural";
        CrossBorder = "cross-border", "Cross-border";
        Network = "network", "Network";
    }
}

labelled_enum! {
    ProgramStatus {
        Planned = "planned", "Planned";
        Active = "active", "Active";
        Completed = "completed", "Completed";
        Suspended = "suspended", "Suspended";
        Cancelled = "cancelled", "Cancelled";
    }
}

labelled_enum! {
    AgreementKind {
        SisterCity = "sister-city", "Sister-city agreement";
        Friendship = "friendship", "Friendship agreement";
        Memorandum = "memorandum", "Memorandum of understanding";
        Cooperation = "cooperation", "Cooperation agreement";
        LetterOfIntent = "letter-of-intent", "Letter of intent";
        ProjectPartnership = "project-partnership", "Project partnership";
    }
}

labelled_enum! {
    AgreementStatus {
        Proposed = "proposed", "Proposed";
        Active = "active", "Active";
        Dormant = "dormant", "Dormant";
        Suspended = "suspended", "Suspended";
        Expired = "expired", "Expired";
        Lapsed = "lapsed", "Lapsed";
        Terminated = "terminated", "Terminated";
    }
}

labelled_enum! {
    HistoryEvent {
        Signed = "signed", "Signed";
        Approved = "approved", "Approved";
        Renewed = "renewed", "Renewed";
        Amended = "amended", "Amended";
        Suspended = "suspended", "Suspended";
        Resumed = "resumed", "Resumed";
        Terminated = "terminated", "Terminated";
        Lapsed = "lapsed", "Lapsed";
    }
}

impl HistoryEvent {
    /// The status an agreement is in right after this event, for the events that set
    /// one (`amended` does not). Read by the consistency checks and by `amicus diff`.
    pub fn sets_status(self) -> Option<AgreementStatus> {
        match self {
            Self::Signed | Self::Approved | Self::Renewed | Self::Resumed => {
                Some(AgreementStatus::Active)
            }
            Self::Suspended => Some(AgreementStatus::Suspended),
            Self::Terminated => Some(AgreementStatus::Terminated),
            Self::Lapsed => Some(AgreementStatus::Lapsed),
            Self::Amended => None,
        }
    }
}

/// An assigned ISO 3166-1 alpha-2 code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    pub fn parse(text: &str) -> Option<Self> {
        super::country::name(text)?;
        let bytes = text.as_bytes();
        Some(Self([bytes[0], bytes[1]]))
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    /// The English short name (`Norway`).
    pub fn name(&self) -> &'static str {
        super::country::name(self.as_str()).unwrap_or("Unknown country")
    }

    /// The id used in addresses: `/countries/no/`.
    pub fn slug(&self) -> String {
        self.as_str().to_ascii_lowercase()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Location {
    pub lat: f64,
    pub lon: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct FormerName {
    pub name: String,
    pub until: Option<PartialDate>,
}

/// A city's ids in other directories. Doc comments are the descriptions editors see
/// (`crate::schema`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExternalIds {
    /// Its Wikidata item: Q31487.
    #[schemars(regex(pattern = "^Q[0-9]+$"))]
    pub wikidata: Option<String>,
    /// Its GeoNames id: 3094802.
    pub geonames: Option<u64>,
}

/// Who to write to about a city's partnerships.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// A person's name.
    pub name: Option<String>,
    /// The office: International Relations Office.
    pub office: Option<String>,
    /// An email address.
    pub email: Option<String>,
    /// A phone number, quoted: "+48 12 000 00 00".
    pub phone: Option<String>,
    /// A contact page: an absolute http(s) address.
    pub url: Option<String>,
}

#[derive(Debug, Clone)]
pub struct City {
    pub meta: Meta,
    pub name: String,
    pub country: CountryCode,
    pub level: Level,
    pub parent: Option<Ref>,
    pub location: Option<Location>,
    pub population: Option<u64>,
    pub website: Option<String>,
    /// Language tag → name, in tag order.
    pub names: BTreeMap<String, String>,
    pub former_names: Vec<FormerName>,
    pub ids: ExternalIds,
    pub areas: Vec<Ref>,
    pub contact: Option<Contact>,
}

#[derive(Debug, Clone)]
pub struct Program {
    pub meta: Meta,
    pub title: String,
    pub kind: ProgramKind,
    pub lead: Option<Ref>,
    pub participants: Vec<Ref>,
    pub countries: Vec<CountryCode>,
    pub areas: Vec<Ref>,
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
    pub status: ProgramStatus,
    pub website: Option<String>,
}

#[derive(Debug, Clone)]
pub struct HistoryEntry {
    pub date: Option<PartialDate>,
    pub event: HistoryEvent,
    pub by: Option<Ref>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Signatory {
    pub name: String,
    pub role: Option<String>,
    pub party: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Source {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone)]
pub struct Agreement {
    pub meta: Meta,
    pub title: String,
    pub kind: AgreementKind,
    pub parties: Vec<Ref>,
    pub signed: Option<PartialDate>,
    pub expires: Option<PartialDate>,
    pub status: AgreementStatus,
    pub history: Vec<HistoryEntry>,
    pub areas: Vec<Ref>,
    pub programs: Vec<Ref>,
    pub document: Option<String>,
    pub signatories: Vec<Signatory>,
}

impl Agreement {
    /// Since when the agreement has its status, as precisely as known: the date of the
    /// latest history event that set a status, when it set this one; for `expired`
    /// its `expires`; for `active` without such an event, `signed`. `None` when no date
    /// says it (a `dormant` agreement, an undated event).
    pub fn status_since(&self) -> Option<PartialDate> {
        let setting = (self.history.iter().rev()).find(|h| h.event.sets_status().is_some());
        if let Some(event) = setting.filter(|h| h.event.sets_status() == Some(self.status)) {
            return event.date;
        }
        match self.status {
            AgreementStatus::Expired => self.expires,
            AgreementStatus::Active if setting.is_none() => self.signed,
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Page {
    pub meta: Meta,
    pub title: String,
    pub menu: bool,
    pub weight: i64,
}

/// An entry's words in another of the site's languages: `krakow.en.md` next to
/// `krakow.md`. Everything else the entry has in every language.
#[derive(Debug, Clone)]
pub struct Translation {
    pub collection: Collection,
    /// The id of the entry it translates.
    pub id: Id,
    /// The position of its language in `config.languages` (never 0, the default).
    pub language: usize,
    /// Its file, held or to be read again, as an entry's (see [`EntrySource`]).
    pub source: EntrySource,
    /// Not for cities, whose names are in the entry's `names`.
    pub title: Option<String>,
    pub summary: Option<String>,
    pub body: Body,
    /// Notes of history events, matched by date and event.
    pub notes: Vec<TranslatedNote>,
    /// Titles of sources, matched by address.
    pub source_titles: Vec<TranslatedSource>,
}

impl Translation {
    /// The Markdown body as written: held, or read again from its file.
    pub fn body_text(&self) -> Result<Cow<'_, str>, Diagnostic> {
        self.source.text_at(self.body.span.clone())
    }

    /// Whether both are into one language with the same text, as far as
    /// [`EntrySource::same_text`] can tell.
    pub fn same_text(&self, other: &Translation) -> bool {
        self.language == other.language && self.source.same_text(&other.source)
    }

    /// The translated note of a history event of the entry.
    pub fn note(&self, event: &HistoryEntry) -> Option<&str> {
        (self.notes.iter())
            .find(|n| n.date == event.date && n.event == event.event)
            .map(|n| n.note.as_str())
    }

    /// The translated title of a source of the entry.
    pub fn source_title(&self, source: &Source) -> Option<&str> {
        (self.source_titles.iter())
            .find(|s| s.url == source.url)
            .map(|s| s.title.as_str())
    }
}

#[derive(Debug, Clone)]
pub struct TranslatedNote {
    pub date: Option<PartialDate>,
    pub event: HistoryEvent,
    pub note: String,
    /// Where the item is in the translation's file.
    pub span: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct TranslatedSource {
    pub url: String,
    pub title: String,
    pub span: Range<usize>,
}

/// Everything parsed from `content/`, each collection sorted by id.
#[derive(Debug, Clone, Default)]
pub struct Content {
    pub cities: Vec<Arc<City>>,
    pub programs: Vec<Arc<Program>>,
    pub agreements: Vec<Arc<Agreement>>,
    pub pages: Vec<Arc<Page>>,
    /// Sorted by collection, id and language.
    pub translations: Vec<Arc<Translation>>,
}

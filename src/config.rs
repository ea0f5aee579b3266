//! `site.yaml`: the site's settings, read and checked before any content.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;

use crate::content::frontmatter;
use crate::content::id::Id;
use crate::content::yaml_diagnostic::yaml_diagnostic;
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile, codes};
use crate::locale::{Formatter, LanguageTag, parse_language};
use crate::period::Period;
use crate::schema::JsonSchema;
use crate::urls::Urls;

/// The validated settings of a site.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: Localized,
    /// Absolute, ending in `/`.
    pub base_url: String,
    /// The addresses of the default language's pages and of the files every language
    /// shares (assets, open data, the sitemap).
    pub urls: Urls,
    /// The site's languages, the default first: at least one.
    pub languages: Vec<Language>,
    pub description: Option<Localized>,
    pub owner: Option<Localized>,
    /// A folder under `themes/` whose templates override the built-in ones.
    pub theme: Option<String>,
    pub areas: Vec<Area>,
    pub allow_html: bool,
    /// Entries per list page.
    pub page_size: usize,
    /// Warning names (`orphan-city`) the site does not want to hear about.
    pub silence: Vec<String>,
    /// Whose directory it is (`home:`), when site.yaml says so.
    pub home: Option<Home>,
    /// How long a review holds: an entry `reviewed` longer ago is due again.
    pub review_after: Option<Period>,
    /// The imprint, privacy and accessibility-statement pages, in that order.
    pub notices: Vec<Notice>,
    /// The licence of the open data.
    pub data_license: Option<DataLicense>,
    pub extra: serde_json::Value,
}

/// `home:` of site.yaml: the places that publish the directory. The link stage finds
/// their cities ([`crate::side`]).
#[derive(Debug, Clone)]
pub struct Home {
    pub places: Vec<HomePlace>,
    /// site.yaml, where a place that names no city is reported.
    pub file: Arc<SourceFile>,
}

/// A place of `home:`, with where site.yaml names it.
#[derive(Debug, Clone)]
pub struct HomePlace {
    pub kind: HomeKind,
    pub span: std::ops::Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HomeKind {
    /// A city, state or region, and everything whose `parent` chain reaches it.
    City(Id),
    /// Every city of the country.
    Country(crate::content::model::CountryCode),
}

/// A page a public body's site must have, linked in every footer.
#[derive(Debug, Clone)]
pub struct Notice {
    /// `imprint`, `privacy` or `accessibility_statement`: the key in site.yaml and in
    /// the theme's words.
    pub key: &'static str,
    pub target: NoticeTarget,
    /// Where site.yaml names it, for an unknown page.
    pub at: crate::diagnostics::Label,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoticeTarget {
    /// A page of the site, by id.
    Page(Id),
    /// An address elsewhere (the body's main site).
    Url(String),
}

/// `data_license: { name: CC-BY-4.0, url: https://creativecommons.org/licenses/by/4.0/ }`
#[derive(Debug, Clone, serde::Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataLicense {
    /// An SPDX identifier where there is one (`CC-BY-4.0`), or the licence's name.
    pub name: String,
    /// The licence's text: an absolute http(s) address.
    #[schemars(regex(pattern = "^https?://"))]
    pub url: String,
}

/// One language of a site: how its pages are addressed and formatted.
#[derive(Debug, Clone)]
pub struct Language {
    /// The BCP 47 tag as written (`de`, `en-GB`): `<html lang>`, `hreflang`.
    pub tag: String,
    /// Dates, numbers, country names and the order of names in this language.
    pub locale: Arc<Formatter>,
    /// Its pages' addresses: the site's root for the default language, `/<tag>/`
    /// below it for the others.
    pub urls: Urls,
}

/// A text of site.yaml in each of the site's languages, by their position in
/// [`Config::languages`]. The default language's text always exists; another
/// language without its own shows the default one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Localized(Vec<Option<String>>);

impl Localized {
    /// The same text in every language: a name, or a one-language site's text.
    pub fn plain(text: impl Into<String>) -> Self {
        Self(vec![Some(text.into())])
    }

    /// The text in the language at `language`, else in the default language.
    pub fn get(&self, language: usize) -> &str {
        self.translated(language)
            .or_else(|| self.translated(0))
            .unwrap_or_default()
    }

    /// The text in the language at `language`, when it has its own.
    pub fn translated(&self, language: usize) -> Option<&str> {
        self.0.get(language)?.as_deref()
    }

    /// The default language's text.
    pub fn default_text(&self) -> &str {
        self.get(0)
    }

    /// The text by language tag, in the languages that have their own, for the open
    /// data: `{"de": "Partnerschaften", "en": "Partnerships"}`.
    pub fn by_language<'a>(&'a self, languages: &'a [Language]) -> BTreeMap<&'a str, &'a str> {
        (languages.iter().enumerate())
            .filter_map(|(i, language)| Some((language.tag.as_str(), self.translated(i)?)))
            .collect()
    }
}

/// An engagement area: the taxonomy every entry's `areas` refers to.
#[derive(Debug, Clone)]
pub struct Area {
    pub id: Id,
    pub name: Localized,
    pub description: Option<Localized>,
    /// One of [`DEFAULT_AREAS`], declared by Amicus since site.yaml declares none: its
    /// name and description are the theme's words in each language.
    pub built_in: bool,
}

/// site.yaml as written; doc comments are the descriptions editors see
/// (`crate::schema`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawConfig {
    /// The site's name.
    title: RawText,
    /// Where the site is published: https://partners.example.org/
    #[schemars(regex(pattern = "^https?://"))]
    base_url: String,
    /// The site's one language, as a BCP 47 tag (default: en); or use `languages`.
    language: Option<String>,
    /// BCP 47 tags, the default first: [de, en]. See docs/languages.md.
    languages: Option<Vec<String>>,
    /// What the directory is, in a sentence or two.
    description: Option<RawText>,
    /// The government that publishes it.
    owner: Option<RawText>,
    /// A folder under themes/ whose templates override the built-in theme.
    theme: Option<String>,
    /// The engagement areas entries refer to (default: the six areas of the field).
    areas: Option<Vec<RawArea>>,
    /// Allow raw HTML inside Markdown bodies.
    #[serde(default)]
    allow_html: bool,
    /// Entries per list page (default: 50).
    page_size: Option<usize>,
    /// Names of warnings the site does not want to hear about: [example-entry].
    #[serde(default)]
    silence: Vec<String>,
    /// Whose directory it is: city ids (with every city whose `parent` chain reaches
    /// one) and country codes: [saxony].
    home: Option<Vec<String>>,
    /// How long a review holds: `2y`, `18m`, `90d`.
    review_after: Option<String>,
    /// The imprint page: a page id or an address.
    imprint: Option<String>,
    /// The privacy page: a page id or an address.
    privacy: Option<String>,
    /// The accessibility statement: a page id or an address.
    accessibility_statement: Option<String>,
    /// The licence of the open data: `{ name: CC-BY-4.0, url: https://… }`.
    data_license: Option<DataLicense>,
    /// Anything your own templates need, passed to them untouched.
    #[serde(default)]
    extra: serde_json::Value,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Area")]
struct RawArea {
    /// The id entries use in `areas:`: economic-development.
    id: String,
    /// The area's name.
    name: RawText,
    /// A sentence on what it covers.
    description: Option<RawText>,
}

/// A text as site.yaml gives it: one for every language, or one per language
/// (`title: { de: Partnerschaften, en: Partnerships }`).
#[derive(Debug)]
pub(crate) enum RawText {
    Plain(String),
    ByLanguage(BTreeMap<String, String>),
}

/// By hand rather than `#[serde(untagged)]`, whose error loses the field and line.
impl<'de> Deserialize<'de> for RawText {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a text, or a map from language tags to texts")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RawText, E> {
                Ok(RawText::Plain(v.to_owned()))
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(self, map: M) -> Result<RawText, M::Error> {
                let map = serde::de::value::MapAccessDeserializer::new(map);
                BTreeMap::deserialize(map).map(RawText::ByLanguage)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// The six engagement areas of the field, used when site.yaml declares none.
pub const DEFAULT_AREAS: [(&str, &str, &str); 6] = [
    (
        "economic-development",
        "Economic development",
        "Trade, investment, business links and trade missions.",
    ),
    (
        "cultural-exchange",
        "Cultural exchange",
        "Arts, heritage, language, sport and exchanges between residents.",
    ),
    (
        "environmental-cooperation",
        "Environmental cooperation",
        "Climate, energy, water, nature and the circular economy.",
    ),
    (
        "public-health",
        "Public health",
        "Health services, prevention, emergency preparedness and care.",
    ),
    (
        "urban-planning",
        "Urban planning",
        "Housing, mobility, infrastructure and public space.",
    ),
    (
        "migration-and-integration",
        "Migration and integration",
        "Welcoming newcomers, diaspora ties and inclusion.",
    ),
];

pub const FILE_NAME: &str = "site.yaml";

/// Reads `ROOT/site.yaml`. `base_url` replaces the file's value (`--base-url`).
pub fn load(root: &Path, base_url: Option<&str>) -> Result<Config, Diagnostics> {
    let path = root.join(FILE_NAME);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => {
            let message = if error.kind() == std::io::ErrorKind::NotFound {
                format!("no `{FILE_NAME}` in {}", root.display())
            } else {
                format!("cannot read `{FILE_NAME}`: {error}")
            };
            return Err(Diagnostic::new(codes::ROOT, message)
                .in_file(Path::new(FILE_NAME))
                .help("run amicus in the site folder, pass `--root DIR`, or create a site with `amicus new site DIR`")
                .into());
        }
    };
    parse(text, base_url)
}

/// Reads the text of a site.yaml.
pub fn parse(text: String, base_url: Option<&str>) -> Result<Config, Diagnostics> {
    let file = SourceFile::new(FILE_NAME, text);
    let raw: RawConfig = frontmatter::parse(&file.text, 0)
        .map_err(|e| Diagnostics::from(yaml_diagnostic(&file, e, 0)))?;
    validate(raw, &file, base_url)
}

/// The site's languages, default first: `languages:`, or the one of `language:`;
/// English when site.yaml names none. Tags that are not valid are reported and left
/// out.
fn language_tags(
    raw: &RawConfig,
    file: &Arc<SourceFile>,
    at: &frontmatter::Locator,
    diagnostics: &mut Diagnostics,
) -> Vec<LanguageTag> {
    let (key, written): (&str, Vec<&str>) = match (&raw.language, &raw.languages) {
        (Some(_), Some(_)) => {
            diagnostics.push(
                Diagnostic::new(codes::CONFIG, "both `language` and `languages` are set")
                    .at(file, at.key("language"), "remove this one")
                    .help("list every language under `languages`, the default first: `languages: [de, en]`"),
            );
            return vec![english()];
        }
        (Some(one), None) => ("language", vec![one.as_str()]),
        (None, Some(list)) => ("languages", list.iter().map(String::as_str).collect()),
        (None, None) => return vec![english()],
    };
    if written.is_empty() {
        diagnostics.push(
            Diagnostic::new(codes::CONFIG, "`languages` is empty")
                .at(file, at.value(key), "no language")
                .help("name the site's languages, the default first: `languages: [de, en]`"),
        );
        return vec![english()];
    }
    let mut tags: Vec<LanguageTag> = Vec::with_capacity(written.len());
    for text in written {
        match parse_language(text) {
            Ok(tag) if tags.contains(&tag) => diagnostics.push(
                Diagnostic::new(codes::CONFIG, format!("language `{tag}` is listed twice"))
                    .at(file, at.nth_token(key, text, 1), "second time")
                    .help("list each language once"),
            ),
            Ok(tag) => tags.push(tag),
            Err(error) => {
                let help = match &error.suggestion {
                    Some(tag) => format!("did you mean `{tag}`?"),
                    None => "write a BCP 47 language tag, such as `de`, `en-GB` or `ja`".to_owned(),
                };
                diagnostics.push(
                    Diagnostic::new(
                        codes::CONFIG,
                        format!("`{}` is not a language tag: {}", error.given, error.problem),
                    )
                    .at(file, at.token(key, text), "not a language tag")
                    .help(help),
                );
            }
        }
    }
    if tags.is_empty() {
        tags.push(english());
    }
    tags
}

fn english() -> LanguageTag {
    parse_language("en").expect("`en` is a language tag")
}

/// A text of site.yaml at `key`, checked against the site's languages: a map must
/// give the default language's text and name no other language.
fn localized(
    raw: RawText,
    key: &str,
    tags: &[LanguageTag],
    (file, at): (&Arc<SourceFile>, &frontmatter::Locator),
    diagnostics: &mut Diagnostics,
) -> Localized {
    let by_language = match raw {
        RawText::Plain(text) => return Localized::plain(text),
        RawText::ByLanguage(map) => map,
    };
    let mut texts = vec![None; tags.len()];
    for (written, text) in by_language {
        let position = parse_language(&written)
            .ok()
            .and_then(|tag| tags.iter().position(|t| *t == tag));
        match position {
            Some(i) => texts[i] = Some(text),
            None => diagnostics.push(
                Diagnostic::new(
                    codes::CONFIG,
                    format!("`{key}` has a text in `{written}`, which is not one of the site's languages"),
                )
                .at(file, at.token(key, &written), "not a language of the site")
                .help(format!("the site's languages are {}: add it to `languages`, or remove this text", list(tags))),
            ),
        }
    }
    if texts[0].is_none() {
        diagnostics.push(
            Diagnostic::new(
                codes::CONFIG,
                format!(
                    "`{key}` has no text in `{}`, the site's default language",
                    tags[0]
                ),
            )
            .at(file, at.key(key), "no default text")
            .help(format!(
                "add `{}: …`: pages in a language without its own text show the default one",
                tags[0]
            )),
        );
    }
    Localized(texts)
}

/// `de`, `en` and `fr`.
fn list(tags: &[LanguageTag]) -> String {
    let quoted: Vec<String> = tags.iter().map(|t| format!("`{t}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

/// The site's languages with their addresses: the default at the root of `urls`.
fn languages(tags: Vec<LanguageTag>, urls: &Urls) -> Vec<Language> {
    tags.into_iter()
        .enumerate()
        .map(|(i, tag)| Language {
            urls: match i {
                0 => urls.clone(),
                _ => urls.in_language(&tag.as_str().to_lowercase()),
            },
            locale: Arc::new(Formatter::for_site(&tag)),
            tag: tag.as_str().to_owned(),
        })
        .collect()
}

fn validate(
    raw: RawConfig,
    file: &Arc<SourceFile>,
    base_url: Option<&str>,
) -> Result<Config, Diagnostics> {
    let at = frontmatter::Locator::new(&file.text, 0);
    let mut diagnostics = Diagnostics::new();
    let base_url = base_url.map_or_else(|| raw.base_url.clone(), str::to_owned);
    if !is_absolute_url(&base_url) {
        diagnostics.push(
            Diagnostic::new(
                codes::CONFIG,
                format!("`base_url` must be an absolute http(s) address, found `{base_url}`"),
            )
            .at(file, at.value("base_url"), "not an absolute address")
            .help("write where the site is published, such as `https://partners.example.org/`"),
        );
    }
    let tags = language_tags(&raw, file, &at, &mut diagnostics);
    let title = localized(raw.title, "title", &tags, (file, &at), &mut diagnostics);
    if title
        .translated(0)
        .is_some_and(|text| text.trim().is_empty())
    {
        diagnostics.push(
            Diagnostic::new(codes::CONFIG, "`title` is empty")
                .at(file, at.key("title"), "empty")
                .help("name the directory, such as `Partnerships of the City of Kyoto`"),
        );
    }
    let mut text = |raw: Option<RawText>, key| {
        raw.map(|raw| localized(raw, key, &tags, (file, &at), &mut diagnostics))
    };
    let description = text(raw.description, "description");
    let owner = text(raw.owner, "owner");
    let areas = areas(raw.areas, &tags, (file, &at), &mut diagnostics);
    if let Some(theme) = &raw.theme
        && Id::parse(theme).is_err()
    {
        diagnostics.push(
            Diagnostic::new(
                codes::CONFIG,
                format!("`theme` must be a folder name under themes/, found `{theme}`"),
            )
            .at(file, at.value("theme"), "not a folder name")
            .help("use lowercase letters, digits and hyphens"),
        );
    }
    for name in &raw.silence {
        if codes::find(name).is_none_or(|c| c.severity != crate::diagnostics::Severity::Warning) {
            let warnings = codes::ALL
                .iter()
                .filter(|c| c.severity == crate::diagnostics::Severity::Warning)
                .map(|c| c.name);
            let help = crate::diagnostics::closest(name, warnings).map_or(
                "only warnings can be silenced; `amicus explain` lists them".to_owned(),
                |n| format!("did you mean `{n}`?"),
            );
            diagnostics.push(
                Diagnostic::new(
                    codes::CONFIG,
                    format!("`{name}` is not a warning that can be silenced"),
                )
                .at(file, at.token("silence", name), "unknown warning")
                .help(help),
            );
        }
    }
    let home = home(raw.home.as_deref(), (file, &at), &mut diagnostics);
    let review_after = (raw.review_after.as_deref()).and_then(|text| {
        Period::parse(text)
            .map_err(|message| {
                diagnostics.push(
                    Diagnostic::new(codes::CONFIG, message)
                        .at(file, at.value("review_after"), "not a length of time")
                        .help("write how long a review holds, such as `review_after: 2y` or `18m`"),
                )
            })
            .ok()
    });
    let written = [
        ("imprint", raw.imprint),
        ("privacy", raw.privacy),
        ("accessibility_statement", raw.accessibility_statement),
    ];
    let notices = notices(written, (file, &at), &mut diagnostics);
    if let Some(license) = &raw.data_license
        && !is_absolute_url(&license.url)
    {
        diagnostics.push(
            Diagnostic::new(
                codes::CONFIG,
                "`data_license.url` must be an absolute http(s) address",
            )
            .at(file, at.value("data_license"), "not an absolute address")
            .help(
                "link the licence's text, such as `https://creativecommons.org/licenses/by/4.0/`",
            ),
        );
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    let base_url = if base_url.ends_with('/') {
        base_url
    } else {
        format!("{base_url}/")
    };
    let urls = Urls::new(&base_url);
    Ok(Config {
        title,
        languages: languages(tags, &urls),
        urls,
        base_url,
        description,
        owner,
        theme: raw.theme,
        areas,
        allow_html: raw.allow_html,
        page_size: raw.page_size.unwrap_or(50).max(1),
        silence: raw.silence,
        home,
        review_after,
        notices,
        data_license: raw.data_license,
        extra: raw.extra,
    })
}

/// `home:` read: each item a country code (two capitals) or a city id; which ids name
/// cities is checked when the content is linked.
fn home(
    raw: Option<&[String]>,
    (file, at): (&Arc<SourceFile>, &frontmatter::Locator),
    diagnostics: &mut Diagnostics,
) -> Option<Home> {
    let raw = raw?;
    if raw.is_empty() {
        diagnostics.push(
            Diagnostic::new(codes::CONFIG, "`home` is empty")
                .at(file, at.value("home"), "no place")
                .help("name the state, region or cities that publish the directory, by id or country code: `home: [saxony]`"),
        );
        return None;
    }
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let mut places = Vec::with_capacity(raw.len());
    for written in raw {
        let n = seen.entry(written).or_default();
        let span = at.nth_token("home", written, *n);
        *n += 1;
        let is_code = written.len() == 2 && written.bytes().all(|b| b.is_ascii_uppercase());
        let kind = if is_code {
            match crate::content::model::CountryCode::parse(written) {
                Some(code) => HomeKind::Country(code),
                None => {
                    let help = match written.as_str() {
                        "UK" => "the United Kingdom's code is `GB`",
                        _ => {
                            "use the two-letter ISO 3166-1 code, such as `DE`, `JP` or `NO`, or a city's id"
                        }
                    };
                    diagnostics.push(
                        Diagnostic::new(
                            codes::COUNTRY,
                            format!("`{written}` is not an ISO 3166-1 alpha-2 country code"),
                        )
                        .at(file, span, "unknown country")
                        .help(help),
                    );
                    continue;
                }
            }
        } else {
            match Id::parse(written) {
                Ok(id) => HomeKind::City(id),
                Err(message) => {
                    diagnostics.push(
                        Diagnostic::new(codes::CONFIG, format!("`home`: {message}"))
                            .at(file, span, "neither a city id nor a country code")
                            .help("name a city by its id (`saxony`) or a country by its ISO code in capitals (`DE`)"),
                    );
                    continue;
                }
            }
        };
        if places.iter().any(|p: &HomePlace| p.kind == kind) {
            diagnostics.push(
                Diagnostic::new(
                    codes::CONFIG,
                    format!("`{written}` is listed twice in `home`"),
                )
                .at(file, span, "second time")
                .help("list each place once"),
            );
            continue;
        }
        places.push(HomePlace { kind, span });
    }
    Some(Home {
        places,
        file: Arc::clone(file),
    })
}

/// `imprint`, `privacy` and `accessibility_statement`: each a page id or an absolute
/// address. Whether the page exists is checked once the content is read
/// ([`Config::unknown_notice_pages`]).
fn notices(
    written: [(&'static str, Option<String>); 3],
    (file, at): (&Arc<SourceFile>, &frontmatter::Locator),
    diagnostics: &mut Diagnostics,
) -> Vec<Notice> {
    let mut notices = Vec::new();
    for (key, value) in written {
        let Some(value) = value else { continue };
        let label = crate::diagnostics::Label::new(file, at.value(key), "no such page");
        let target = if is_absolute_url(&value) {
            NoticeTarget::Url(value)
        } else if let Ok(id) = Id::parse(&value) {
            NoticeTarget::Page(id)
        } else {
            diagnostics.push(
                Diagnostic::new(codes::CONFIG, format!("`{key}` is neither a page id nor an address"))
                    .at(file, label.span, "not a page id or address")
                    .help(format!("name a page of content/pages (`{key}: {}`) or write an absolute http(s) address", key.replace('_', "-"))),
            );
            continue;
        };
        notices.push(Notice {
            key,
            target,
            at: label,
        });
    }
    notices
}

impl Config {
    /// The notices naming a page the content does not have, as errors at site.yaml.
    pub fn unknown_notice_pages(&self, page_exists: impl Fn(&Id) -> bool) -> Diagnostics {
        let mut found = Diagnostics::new();
        for notice in &self.notices {
            if let NoticeTarget::Page(id) = &notice.target
                && !page_exists(id)
            {
                let mut at = notice.at.clone();
                at.text = "no such page".into();
                found.push(Diagnostic {
                    primary: Some(at),
                    ..Diagnostic::new(
                        codes::UNKNOWN_REFERENCE,
                        format!(
                            "`{}` names the page `{id}`, which does not exist",
                            notice.key
                        ),
                    )
                    .help(format!(
                        "create content/pages/{id}.md (`amicus new page`), or name an existing page"
                    ))
                });
            }
        }
        found
    }
}

fn areas(
    raw: Option<Vec<RawArea>>,
    tags: &[LanguageTag],
    (file, at): (&Arc<SourceFile>, &frontmatter::Locator),
    diagnostics: &mut Diagnostics,
) -> Vec<Area> {
    let Some(raw) = raw else {
        return DEFAULT_AREAS
            .iter()
            .map(|(id, name, description)| Area {
                id: Id::parse(id).expect("default area ids are valid"),
                name: Localized::plain(*name),
                description: Some(Localized::plain(*description)),
                built_in: true,
            })
            .collect();
    };
    let mut areas: Vec<Area> = Vec::with_capacity(raw.len());
    for area in raw {
        match Id::parse(&area.id) {
            Ok(id) if areas.iter().any(|a| a.id == id) => diagnostics.push(
                Diagnostic::new(codes::CONFIG, format!("area `{id}` is declared twice"))
                    .at(
                        file,
                        at.nth_token("areas", &area.id, 1),
                        "second declaration",
                    )
                    .help("remove one of the two"),
            ),
            Ok(id) => {
                let mut text = |raw| localized(raw, "areas", tags, (file, at), diagnostics);
                let name = text(area.name);
                let description = area.description.map(text);
                areas.push(Area {
                    id,
                    name,
                    description,
                    built_in: false,
                })
            }
            Err(message) => diagnostics.push(
                Diagnostic::new(codes::CONFIG, format!("area id: {message}"))
                    .at(file, at.token("areas", &area.id), "not an id")
                    .help("area ids are used in addresses: lowercase letters, digits and hyphens"),
            ),
        }
    }
    areas
}

pub fn is_absolute_url(url: &str) -> bool {
    ["https://", "http://"].iter().any(|scheme| {
        url.strip_prefix(scheme).is_some_and(|rest| {
            !rest.is_empty() && !rest.starts_with('/') && !rest.contains(char::is_whitespace)
        })
    })
}

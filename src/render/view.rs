//! What templates see: serializable views of the directory graph, as documented in
//! `docs/templates.md`. Views borrow from the [`Directory`]; they hold no logic beyond
//! following its edges and formatting values for people. Each view of an entry tells
//! [`touch`] that the page being made shows it. Keep this file and the document in
//! step.

use serde::Serialize;

use super::shown::{Entry, touch};
use super::theme::Words;
use crate::config::{Area, Language, Localized};
use crate::content::date::PartialDate;
use crate::content::markdown;
use crate::content::model::{Collection, Contact, ExternalIds, Location, Meta, Translation};
use crate::diagnostics::Diagnostic;
use crate::graph::{AgreementIx, AreaIx, CityIx, CountryIx, Directory, ProgramIx};
use crate::locale::Formatter;
use crate::urls::Urls;

/// Builds views for one directory, in one of its languages.
pub struct Views<'d> {
    pub d: &'d Directory,
    /// The position of the views' language in `config.languages`.
    pub language: usize,
    /// The theme's words in that language.
    pub words: &'d Words,
}

/// The countries of `cities` and the codes in `more`, sorted, each once: an agreement's
/// parties, or a program's cities and target countries.
fn sorted_countries<'d, 'c>(
    d: &'d Directory,
    cities: impl IntoIterator<Item = &'c CityIx>,
    more: impl IntoIterator<Item = &'d str>,
) -> Vec<&'d str> {
    let mut codes: Vec<&str> = (cities.into_iter())
        .map(|&c| d.city(c).country.as_str())
        .chain(more)
        .collect();
    codes.sort_unstable();
    codes.dedup();
    codes
}

#[derive(Serialize)]
pub struct CountryLite<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub url: String,
}

#[derive(Serialize)]
pub struct CityRef<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub url: String,
    pub level: &'static str,
    pub level_label: &'a str,
    pub country: CountryLite<'a>,
    pub summary: Option<&'a str>,
    pub areas: Vec<&'a str>,
    /// The default language's tag when the city's words (its summary and body) have
    /// no translation into the page's language.
    pub lang: Option<&'a str>,
    /// An example or test entry (`example: true`), not a real one.
    pub example: bool,
}

#[derive(Serialize)]
pub struct PartyLite<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub url: String,
}

#[derive(Serialize)]
pub struct AgreementRef<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: String,
    pub kind: &'static str,
    pub kind_label: &'a str,
    pub status: &'static str,
    pub status_label: &'a str,
    /// Since when the agreement has its status (ISO, as precise as known).
    pub status_since: Option<String>,
    pub status_since_human: Option<String>,
    pub signed: Option<String>,
    pub signed_human: Option<String>,
    pub year: Option<u16>,
    pub summary: Option<&'a str>,
    pub parties: Vec<PartyLite<'a>>,
    pub areas: Vec<&'a str>,
    pub countries: Vec<&'a str>,
    /// The default language's tag when the title and summary are untranslated.
    pub lang: Option<&'a str>,
    /// An example or test entry (`example: true`), not a real one.
    pub example: bool,
}

#[derive(Serialize)]
pub struct ProgramRef<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: String,
    pub kind: &'static str,
    pub kind_label: &'a str,
    pub status: &'static str,
    pub status_label: &'a str,
    pub start: Option<String>,
    pub end: Option<String>,
    pub start_human: Option<String>,
    pub end_human: Option<String>,
    pub summary: Option<&'a str>,
    pub areas: Vec<&'a str>,
    pub countries: Vec<&'a str>,
    /// The default language's tag when the title and summary are untranslated.
    pub lang: Option<&'a str>,
    /// An example or test entry (`example: true`), not a real one.
    pub example: bool,
}

#[derive(Serialize)]
pub struct AreaRef<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub url: String,
    pub description: Option<&'a str>,
}

#[derive(Serialize)]
pub struct CountryRef<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub url: String,
    pub cities: usize,
}

#[derive(Serialize)]
pub struct AreaSummary<'a> {
    #[serde(flatten)]
    pub area: AreaRef<'a>,
    pub cities: usize,
    pub programs: usize,
    pub agreements: usize,
}

#[derive(Serialize)]
pub struct CountrySummary<'a> {
    #[serde(flatten)]
    pub country: CountryRef<'a>,
    pub agreements: usize,
}

#[derive(Serialize)]
pub struct Partner<'a> {
    pub city: CityRef<'a>,
    pub agreements: Vec<AgreementRef<'a>>,
}

#[derive(Serialize)]
pub struct FormerNameView<'a> {
    pub name: &'a str,
    pub until: Option<String>,
    pub until_human: Option<String>,
}

#[derive(Serialize)]
pub struct NameView<'a> {
    pub lang: &'a str,
    pub name: &'a str,
}

#[derive(Serialize)]
pub struct CityView<'a> {
    #[serde(flatten)]
    pub reference: CityRef<'a>,
    /// The city's own name, when the page's language calls it otherwise (`Kraków`
    /// on the German page of Krakau).
    pub local_name: Option<&'a str>,
    pub parent: Option<CityRef<'a>>,
    pub children: Vec<CityRef<'a>>,
    pub location: Option<Location>,
    pub population: Option<u64>,
    pub website: Option<&'a str>,
    pub names: Vec<NameView<'a>>,
    pub former_names: Vec<FormerNameView<'a>>,
    pub ids: &'a ExternalIds,
    pub contact: Option<&'a Contact>,
    pub declared_areas: Vec<AreaRef<'a>>,
    pub effective_areas: Vec<AreaRef<'a>>,
    pub partners: Vec<Partner<'a>>,
    pub agreements: Vec<AgreementRef<'a>>,
    pub programs: Vec<ProgramRef<'a>>,
    pub sources: Vec<SourceView<'a>>,
    pub content: String,
    /// The default language's tag when `content` is shown untranslated.
    pub content_lang: Option<&'a str>,
    pub extra: &'a serde_json::Value,
    /// The partnership map; set by the renderer, which has the theme's words.
    pub map: Option<super::maps::MapView>,
}

#[derive(Serialize)]
pub struct HistoryView<'a> {
    pub date: Option<String>,
    pub date_human: Option<String>,
    pub event: &'static str,
    pub event_label: &'a str,
    pub by: Option<CityRef<'a>>,
    pub note: Option<&'a str>,
}

#[derive(Serialize)]
pub struct AgreementView<'a> {
    #[serde(flatten)]
    pub reference: AgreementRefFull<'a>,
    pub expires: Option<String>,
    pub expires_human: Option<String>,
    pub history: Vec<HistoryView<'a>>,
    pub area_ids: Vec<&'a str>,
    pub areas: Vec<AreaRef<'a>>,
    pub programs: Vec<ProgramRef<'a>>,
    pub document: Option<&'a str>,
    pub signatories: &'a [crate::content::model::Signatory],
    pub sources: Vec<SourceView<'a>>,
    pub content: String,
    /// The default language's tag when `content` is shown untranslated.
    pub content_lang: Option<&'a str>,
    pub extra: &'a serde_json::Value,
}

/// A source of an entry, its title in the page's language where translated.
#[derive(Serialize)]
pub struct SourceView<'a> {
    pub title: &'a str,
    pub url: &'a str,
}

/// An agreement reference whose parties are full city references.
#[derive(Serialize)]
pub struct AgreementRefFull<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: String,
    pub kind: &'static str,
    pub kind_label: &'a str,
    pub status: &'static str,
    pub status_label: &'a str,
    pub status_since: Option<String>,
    pub status_since_human: Option<String>,
    pub signed: Option<String>,
    pub signed_human: Option<String>,
    pub year: Option<u16>,
    pub summary: Option<&'a str>,
    pub parties: Vec<CityRef<'a>>,
    pub countries: Vec<&'a str>,
    pub lang: Option<&'a str>,
    pub example: bool,
}

#[derive(Serialize)]
pub struct ProgramView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: String,
    pub kind: &'static str,
    pub kind_label: &'a str,
    pub status: &'static str,
    pub status_label: &'a str,
    pub start: Option<String>,
    pub end: Option<String>,
    pub start_human: Option<String>,
    pub end_human: Option<String>,
    pub summary: Option<&'a str>,
    pub lang: Option<&'a str>,
    pub example: bool,
    pub countries: Vec<&'a str>,
    pub area_ids: Vec<&'a str>,
    pub lead: Option<CityRef<'a>>,
    pub participants: Vec<CityRef<'a>>,
    pub target_countries: Vec<CountryRef<'a>>,
    pub areas: Vec<AreaRef<'a>>,
    pub agreements: Vec<AgreementRef<'a>>,
    pub website: Option<&'a str>,
    pub sources: Vec<SourceView<'a>>,
    pub content: String,
    /// The default language's tag when `content` is shown untranslated.
    pub content_lang: Option<&'a str>,
    pub extra: &'a serde_json::Value,
}

#[derive(Serialize)]
pub struct AreaView<'a> {
    #[serde(flatten)]
    pub area: AreaRef<'a>,
    /// The area's Atom feed.
    pub feed: String,
    /// The first `page_size` of each (all of them on most sites); see `totals`.
    pub cities: Vec<CityRef<'a>>,
    pub programs: Vec<ProgramRef<'a>>,
    pub agreements: Vec<AgreementRef<'a>>,
    pub totals: Totals,
    pub all: FilteredLists,
    /// The map of the area's partnerships; set by the renderer.
    pub map: Option<super::maps::MapView>,
}

/// How many entries an area or country has, whether or not its page lists them all.
#[derive(Serialize)]
pub struct Totals {
    pub cities: usize,
    pub programs: usize,
    pub agreements: usize,
}

/// The addresses of the list pages filtered to one area or country, where the entries
/// a capped area or country page leaves out are found.
#[derive(Serialize)]
pub struct FilteredLists {
    pub cities: String,
    pub programs: String,
    pub agreements: String,
}

#[derive(Serialize)]
pub struct CountryView<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub url: String,
    /// The first `page_size` of each (all of them on most sites); see `totals`.
    pub cities: Vec<CityRef<'a>>,
    pub agreements: Vec<AgreementRef<'a>>,
    pub programs: Vec<ProgramRef<'a>>,
    pub totals: Totals,
    pub all: FilteredLists,
    pub partner_countries: Vec<CountryRef<'a>>,
}

#[derive(Serialize)]
pub struct PageView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    /// The default language's tag when the title and summary are untranslated.
    pub lang: Option<&'a str>,
    pub example: bool,
    pub url: String,
    pub summary: Option<&'a str>,
    pub sources: Vec<SourceView<'a>>,
    pub content: String,
    /// The default language's tag when `content` is shown untranslated.
    pub content_lang: Option<&'a str>,
    pub extra: &'a serde_json::Value,
}

fn iso(date: Option<PartialDate>) -> Option<String> {
    date.map(|d| d.to_string())
}

/// The name of the country of `code` in `locale`'s language.
pub fn country_name<'f>(locale: &'f Formatter, code: &str) -> &'f str {
    let english = || crate::content::country::name(code).unwrap_or_default();
    locale.country_name(code).unwrap_or_else(english)
}

impl<'d> Views<'d> {
    pub fn new(d: &'d Directory, language: usize, words: &'d Words) -> Self {
        Self { d, language, words }
    }

    /// The views' language as the site names it.
    pub fn site_language(&self) -> &'d Language {
        &self.d.config.languages[self.language]
    }

    /// The addresses of the views' language's pages.
    pub fn urls(&self) -> &'d Urls {
        &self.site_language().urls
    }

    /// Dates, numbers, names of countries and the order of names in the views' language.
    pub fn locale(&self) -> &'d Formatter {
        &self.site_language().locale
    }

    /// The theme's word for a value of front matter: `label("level", "prefecture")`
    /// is the word of key `level.prefecture`.
    /// The theme's word for `key` in the views' language.
    pub fn word(&self, key: &str) -> &'d str {
        self.words.get(key).map_or("", String::as_str)
    }

    pub fn label(&self, group: &str, value: &str) -> &'d str {
        let key = [group, ".", value].concat();
        self.words.get(&key).map_or("", String::as_str)
    }

    /// The site's title in the views' language.
    pub fn site_title(&self) -> &'d str {
        self.d.config.title.get(self.language)
    }

    /// A city's name in the views' language: its `names` entry for the language (or
    /// for its primary subtag: `de` for `de-AT`), else its own name.
    pub fn city_name(&self, ix: CityIx) -> &'d str {
        let city = self.d.city(ix);
        let tag = self.site_language().tag.as_str();
        let primary = tag.split('-').next().unwrap_or(tag);
        (city.names.get(tag))
            .or_else(|| city.names.get(primary))
            .unwrap_or(&city.name)
    }

    /// The entry's translation into the views' language; `None` in the default
    /// language, whose words are the entry's own.
    /// An entry's sources, titled in the page's language where translated.
    fn sources(
        &self,
        collection: Collection,
        position: u32,
        meta: &'d Meta,
    ) -> Vec<SourceView<'d>> {
        let translation = self.translation(collection, position);
        (meta.sources.iter())
            .map(|source| SourceView {
                title: (translation.and_then(|t| t.source_title(source))).unwrap_or(&source.title),
                url: &source.url,
            })
            .collect()
    }

    pub fn translation(&self, collection: Collection, position: u32) -> Option<&'d Translation> {
        match self.language {
            0 => None,
            language => self.d.translation(collection, position, language),
        }
    }

    /// The default language's tag when an entry's words are shown in it on a page in
    /// another language, having no translation: the `lang` of its title, summary and
    /// body.
    pub fn untranslated(&self, collection: Collection, position: u32) -> Option<&'d str> {
        let missing = self.language != 0 && self.translation(collection, position).is_none();
        missing.then(|| self.d.config.languages[0].tag.as_str())
    }

    /// The entry's words in the views' language: a field of its translation, else its
    /// own.
    fn words_of(
        &self,
        collection: Collection,
        position: u32,
        own: Option<&'d str>,
        translated: impl Fn(&'d Translation) -> Option<&'d str>,
    ) -> Option<&'d str> {
        (self.translation(collection, position))
            .and_then(translated)
            .or(own)
    }

    /// An agreement's title in the views' language.
    pub fn agreement_title(&self, ix: AgreementIx) -> &'d str {
        let own = &self.d.agreement(ix).title;
        (self.words_of(Collection::Agreements, ix.0, Some(own), |t| {
            t.title.as_deref()
        }))
        .unwrap_or(own)
    }

    /// A program's title in the views' language.
    pub fn program_title(&self, ix: ProgramIx) -> &'d str {
        let own = &self.d.program(ix).title;
        (self.words_of(Collection::Programs, ix.0, Some(own), |t| {
            t.title.as_deref()
        }))
        .unwrap_or(own)
    }

    /// A free page's title in the views' language.
    pub fn page_title(&self, index: usize) -> &'d str {
        let own = &self.d.pages[index].title;
        (self.words_of(Collection::Pages, index as u32, Some(own), |t| {
            t.title.as_deref()
        }))
        .unwrap_or(own)
    }

    /// An entry's summary in the views' language.
    pub fn summary(
        &self,
        collection: Collection,
        position: u32,
        meta: &'d Meta,
    ) -> Option<&'d str> {
        let own = meta.summary.as_deref();
        self.words_of(collection, position, own, |t| t.summary.as_deref())
    }

    /// A date for people, as precise as it is known, in the views' language.
    fn human(&self, date: Option<PartialDate>) -> Option<String> {
        date.map(|date| self.locale().date(date))
    }

    fn entry_url(&self, collection: Collection, meta: &Meta) -> String {
        self.urls().entry(collection, meta.id.as_str())
    }

    fn country_name(&self, code: &str) -> &'d str {
        country_name(self.locale(), code)
    }

    fn area_ids(&self, areas: &[AreaIx]) -> Vec<&'d str> {
        let d = self.d;
        areas.iter().map(|&a| d.area(a).area.id.as_str()).collect()
    }

    pub fn country_lite(&self, ix: CityIx) -> CountryLite<'d> {
        let code = &self.d.city(ix).country;
        let country = (self.d.city_links[ix.index()].country)
            .expect("the link stage gives every city its country");
        CountryLite {
            code: code.as_str(),
            name: self.country_name(code.as_str()),
            url: self.country_url(country),
        }
    }

    pub fn city_ref(&self, ix: CityIx) -> CityRef<'d> {
        touch(Entry::City(ix));
        let city = self.d.city(ix);
        let links = &self.d.city_links[ix.index()];
        CityRef {
            id: city.meta.id.as_str(),
            name: self.city_name(ix),
            url: self.entry_url(Collection::Cities, &city.meta),
            level: city.level.as_str(),
            level_label: self.label("level", city.level.as_str()),
            country: self.country_lite(ix),
            summary: self.summary(Collection::Cities, ix.0, &city.meta),
            areas: self.area_ids(&links.effective_areas),
            lang: self.untranslated(Collection::Cities, ix.0),
            example: city.meta.example,
        }
    }

    fn party(&self, ix: CityIx) -> PartyLite<'d> {
        touch(Entry::City(ix));
        let city = self.d.city(ix);
        PartyLite {
            id: city.meta.id.as_str(),
            name: self.city_name(ix),
            url: self.entry_url(Collection::Cities, &city.meta),
        }
    }

    pub fn agreement_ref(&self, ix: AgreementIx) -> AgreementRef<'d> {
        touch(Entry::Agreement(ix));
        let a = self.d.agreement(ix);
        let links = &self.d.agreement_links[ix.index()];
        AgreementRef {
            id: a.meta.id.as_str(),
            title: self.agreement_title(ix),
            lang: self.untranslated(Collection::Agreements, ix.0),
            example: a.meta.example,
            url: self.entry_url(Collection::Agreements, &a.meta),
            kind: a.kind.as_str(),
            kind_label: self.label("agreement_kind", a.kind.as_str()),
            status: a.status.as_str(),
            status_label: self.label("agreement_status", a.status.as_str()),
            status_since: iso(a.status_since()),
            status_since_human: self.human(a.status_since()),
            signed: iso(a.signed),
            signed_human: self.human(a.signed),
            year: a.signed.map(|d| d.year()),
            summary: self.summary(Collection::Agreements, ix.0, &a.meta),
            parties: links.parties.iter().map(|&p| self.party(p)).collect(),
            areas: self.area_ids(&links.areas),
            countries: sorted_countries(self.d, &links.parties, []),
        }
    }

    pub fn program_ref(&self, ix: ProgramIx) -> ProgramRef<'d> {
        touch(Entry::Program(ix));
        let p = self.d.program(ix);
        let links = &self.d.program_links[ix.index()];
        let cities = links.lead.iter().chain(&links.participants);
        ProgramRef {
            id: p.meta.id.as_str(),
            title: self.program_title(ix),
            lang: self.untranslated(Collection::Programs, ix.0),
            example: p.meta.example,
            url: self.entry_url(Collection::Programs, &p.meta),
            kind: p.kind.as_str(),
            kind_label: self.label("program_kind", p.kind.as_str()),
            status: p.status.as_str(),
            status_label: self.label("program_status", p.status.as_str()),
            start: iso(p.start),
            end: iso(p.end),
            start_human: self.human(p.start),
            end_human: self.human(p.end),
            summary: self.summary(Collection::Programs, ix.0, &p.meta),
            areas: self.area_ids(&links.areas),
            countries: sorted_countries(self.d, cities, p.countries.iter().map(|c| c.as_str())),
        }
    }

    pub fn area_ref(&self, ix: AreaIx) -> AreaRef<'d> {
        let area = &self.d.area(ix).area;
        AreaRef {
            id: area.id.as_str(),
            name: self.area_name(ix),
            url: self.urls().area(area.id.as_str()),
            description: self.area_text(area, "area_description", area.description.as_ref()),
        }
    }

    /// An area's name in the views' language.
    pub fn area_name(&self, ix: AreaIx) -> &'d str {
        let area = &self.d.area(ix).area;
        self.area_text(area, "area", Some(&area.name))
            .unwrap_or_default()
    }

    /// A text of an area in the views' language: from site.yaml, or the theme's words
    /// for the areas Amicus declares when site.yaml declares none.
    fn area_text(
        &self,
        area: &'d Area,
        group: &str,
        declared: Option<&'d Localized>,
    ) -> Option<&'d str> {
        match area.built_in {
            true => Some(self.label(group, area.id.as_str())).filter(|t| !t.is_empty()),
            false => declared.map(|text| text.get(self.language)),
        }
    }

    pub fn area_summary(&self, ix: AreaIx) -> AreaSummary<'d> {
        touch(Entry::Area(ix));
        let node = self.d.area(ix);
        AreaSummary {
            area: self.area_ref(ix),
            cities: node.cities.len(),
            programs: node.programs.len(),
            agreements: node.agreements.len(),
        }
    }

    pub fn country_ref(&self, ix: CountryIx) -> CountryRef<'d> {
        touch(Entry::Country(ix));
        let node = self.d.country(ix);
        CountryRef {
            code: node.code.as_str(),
            name: self.country_name(node.code.as_str()),
            url: self.country_url(ix),
            cities: node.cities.len(),
        }
    }

    fn country_url(&self, ix: CountryIx) -> String {
        (self.urls()).country(&self.d.country(ix).code.slug())
    }

    pub fn country_summary(&self, ix: CountryIx) -> CountrySummary<'d> {
        CountrySummary {
            country: self.country_ref(ix),
            agreements: self.d.country(ix).agreements.len(),
        }
    }

    /// An entry's body as its page shows it: HTML, made here because only its own page
    /// shows it (see [`crate::content::model::Body`]).
    /// In the views' language when the entry's translation has a body, with the
    /// default language's tag when it is the entry's own on another language's page.
    fn body(
        &self,
        collection: Collection,
        position: u32,
        meta: &'d Meta,
    ) -> Result<(String, Option<&'d str>), Diagnostic> {
        let translated = match self.translation(collection, position) {
            Some(t) => Some(t.body_text()?).filter(|text| !text.trim().is_empty()),
            None => None,
        };
        let (text, lang) = match translated {
            Some(text) => (text, None),
            None => {
                let default = self.d.config.languages[0].tag.as_str();
                let lang = Some(default).filter(|_| self.language != 0);
                (meta.body_text()?, lang)
            }
        };
        let html = markdown::to_html(&text, self.d.config.allow_html, self.urls());
        Ok((html, lang.filter(|_| !text.trim().is_empty())))
    }

    pub fn city(&self, ix: CityIx) -> Result<CityView<'d>, Diagnostic> {
        let city = self.d.city(ix);
        let (content, content_lang) = self.body(Collection::Cities, ix.0, &city.meta)?;
        let links = &self.d.city_links[ix.index()];
        let reference = self.city_ref(ix);
        // Besides the one the page's heading shows.
        let names = (city.names.iter())
            .filter(|(_, name)| **name != reference.name)
            .map(|(lang, name)| NameView { lang, name })
            .collect();
        Ok(CityView {
            local_name: Some(city.name.as_str()).filter(|&own| own != reference.name),
            reference,
            parent: links.parent.map(|p| self.city_ref(p)),
            children: links.children.iter().map(|&c| self.city_ref(c)).collect(),
            location: city.location,
            population: city.population,
            website: city.website.as_deref(),
            names,
            former_names: city
                .former_names
                .iter()
                .map(|f| FormerNameView {
                    name: &f.name,
                    until: iso(f.until),
                    until_human: self.human(f.until),
                })
                .collect(),
            ids: &city.ids,
            contact: city.contact.as_ref(),
            declared_areas: links.areas.iter().map(|&a| self.area_ref(a)).collect(),
            effective_areas: links
                .effective_areas
                .iter()
                .map(|&a| self.area_ref(a))
                .collect(),
            partners: links
                .partners
                .iter()
                .map(|p| Partner {
                    city: self.city_ref(p.city),
                    agreements: p
                        .agreements
                        .iter()
                        .map(|&a| self.agreement_ref(a))
                        .collect(),
                })
                .collect(),
            agreements: links
                .agreements
                .iter()
                .map(|&a| self.agreement_ref(a))
                .collect(),
            programs: links
                .programs
                .iter()
                .map(|&p| self.program_ref(p))
                .collect(),
            sources: self.sources(Collection::Cities, ix.0, &city.meta),
            content,
            content_lang,
            extra: &city.meta.extra,
            map: None,
        })
    }

    pub fn agreement(&self, ix: AgreementIx) -> Result<AgreementView<'d>, Diagnostic> {
        let a = self.d.agreement(ix);
        let (content, content_lang) = self.body(Collection::Agreements, ix.0, &a.meta)?;
        let translation = self.translation(Collection::Agreements, ix.0);
        let links = &self.d.agreement_links[ix.index()];
        let reference = self.agreement_ref(ix);
        Ok(AgreementView {
            reference: AgreementRefFull {
                id: reference.id,
                title: reference.title,
                url: reference.url,
                kind: reference.kind,
                kind_label: reference.kind_label,
                status: reference.status,
                status_label: reference.status_label,
                status_since: reference.status_since,
                status_since_human: reference.status_since_human,
                signed: reference.signed,
                signed_human: reference.signed_human,
                year: reference.year,
                summary: reference.summary,
                parties: links.parties.iter().map(|&p| self.city_ref(p)).collect(),
                countries: reference.countries,
                lang: reference.lang,
                example: reference.example,
            },
            expires: iso(a.expires),
            expires_human: self.human(a.expires),
            history: a
                .history
                .iter()
                .zip(&links.history_by)
                .map(|(h, by)| HistoryView {
                    date: iso(h.date),
                    date_human: self.human(h.date),
                    event: h.event.as_str(),
                    event_label: self.label("event", h.event.as_str()),
                    by: by.map(|c| self.city_ref(c)),
                    note: (translation.and_then(|t| t.note(h))).or(h.note.as_deref()),
                })
                .collect(),
            area_ids: reference.areas,
            areas: links.areas.iter().map(|&x| self.area_ref(x)).collect(),
            programs: links
                .programs
                .iter()
                .map(|&p| self.program_ref(p))
                .collect(),
            document: a.document.as_deref(),
            signatories: &a.signatories,
            sources: self.sources(Collection::Agreements, ix.0, &a.meta),
            content,
            content_lang,
            extra: &a.meta.extra,
        })
    }

    pub fn program(&self, ix: ProgramIx) -> Result<ProgramView<'d>, Diagnostic> {
        let p = self.d.program(ix);
        let (content, content_lang) = self.body(Collection::Programs, ix.0, &p.meta)?;
        let links = &self.d.program_links[ix.index()];
        let r = self.program_ref(ix);
        Ok(ProgramView {
            id: r.id,
            title: r.title,
            url: r.url,
            kind: r.kind,
            kind_label: r.kind_label,
            status: r.status,
            status_label: r.status_label,
            start: r.start,
            end: r.end,
            start_human: r.start_human,
            end_human: r.end_human,
            summary: r.summary,
            lang: r.lang,
            example: r.example,
            countries: r.countries,
            area_ids: r.areas,
            lead: links.lead.map(|c| self.city_ref(c)),
            participants: links
                .participants
                .iter()
                .map(|&c| self.city_ref(c))
                .collect(),
            target_countries: links
                .countries
                .iter()
                .map(|&c| self.country_ref(c))
                .collect(),
            areas: links.areas.iter().map(|&a| self.area_ref(a)).collect(),
            agreements: links
                .agreements
                .iter()
                .map(|&a| self.agreement_ref(a))
                .collect(),
            website: p.website.as_deref(),
            sources: self.sources(Collection::Programs, ix.0, &p.meta),
            content,
            content_lang,
            extra: &p.meta.extra,
        })
    }

    pub fn area(&self, ix: AreaIx) -> AreaView<'d> {
        touch(Entry::Area(ix));
        let node = self.d.area(ix);
        AreaView {
            area: self.area_ref(ix),
            feed: (self.urls()).localized(&super::feeds::area_feed_path(node.area.id.as_str())),
            cities: self.capped(&node.cities, |c| self.city_ref(c)),
            programs: self.capped(&node.programs, |p| self.program_ref(p)),
            agreements: self.capped(&node.agreements, |a| self.agreement_ref(a)),
            totals: Totals {
                cities: node.cities.len(),
                programs: node.programs.len(),
                agreements: node.agreements.len(),
            },
            all: self.filtered_lists("area", node.area.id.as_str()),
            map: None,
        }
    }

    /// Views of the first `page_size` items: an area or a country of a large directory
    /// has tens of thousands of entries, which its list pages show page by page.
    fn capped<T: Copy, V>(&self, items: &[T], view: impl Fn(T) -> V) -> Vec<V> {
        let size = self.d.config.page_size;
        items.iter().take(size).map(|&item| view(item)).collect()
    }

    fn filtered_lists(&self, facet: &str, value: &str) -> FilteredLists {
        let urls = self.urls();
        let list = |c| format!("{}?{facet}={value}", urls.list(c, 1));
        FilteredLists {
            cities: list(Collection::Cities),
            programs: list(Collection::Programs),
            agreements: list(Collection::Agreements),
        }
    }

    pub fn country(&self, ix: CountryIx) -> CountryView<'d> {
        touch(Entry::Country(ix));
        let node = self.d.country(ix);
        CountryView {
            code: node.code.as_str(),
            name: self.country_name(node.code.as_str()),
            url: self.urls().country(&node.code.slug()),
            cities: self.capped(&node.cities, |c| self.city_ref(c)),
            agreements: self.capped(&node.agreements, |a| self.agreement_ref(a)),
            programs: self.capped(&node.programs, |p| self.program_ref(p)),
            totals: Totals {
                cities: node.cities.len(),
                programs: node.programs.len(),
                agreements: node.agreements.len(),
            },
            all: self.filtered_lists("country", node.code.as_str()),
            partner_countries: node
                .partner_countries
                .iter()
                .map(|&c| self.country_ref(c))
                .collect(),
        }
    }

    pub fn page(&self, index: usize) -> Result<PageView<'d>, Diagnostic> {
        touch(Entry::Page(index as u32));
        let page = &self.d.pages[index];
        let (content, content_lang) = self.body(Collection::Pages, index as u32, &page.meta)?;
        Ok(PageView {
            id: page.meta.id.as_str(),
            title: self.page_title(index),
            lang: self.untranslated(Collection::Pages, index as u32),
            example: page.meta.example,
            url: self.urls().entry(Collection::Pages, page.meta.id.as_str()),
            summary: self.summary(Collection::Pages, index as u32, &page.meta),
            sources: self.sources(Collection::Pages, index as u32, &page.meta),
            content,
            content_lang,
            extra: &page.meta.extra,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::{city, directory};
    use std::collections::BTreeMap;

    #[test]
    fn references_list_their_areas_and_their_parties_countries_each_once() {
        use Collection::*;
        let agreement = |parties: &str, areas: &str| {
            format!(
                "---\ntitle: T\nkind: friendship\nparties: [{parties}]\nareas: [{areas}]\n---\n"
            )
        };
        let (d, _) = directory(&[
            (Cities, "a", &city("Aachen", "DE", "")),
            (Cities, "b", &city("Bruges", "BE", "")),
            (Cities, "c", &city("Cork", "IE", "")),
            (Cities, "d", &city("Dresden", "DE", "")),
            (
                Agreements,
                "ab",
                &agreement("a, b", "urban-planning, public-health"),
            ),
            (Agreements, "cad", &agreement("c, a, d", "public-health")),
        ]);
        let words = BTreeMap::new();
        let views = Views::new(&d, 0, &words);
        let shown = |ix: u32| {
            let r = views.agreement_ref(AgreementIx(ix));
            (r.countries, r.areas)
        };
        assert_eq!(
            shown(0),
            (vec!["BE", "DE"], vec!["public-health", "urban-planning"])
        );
        assert_eq!(shown(1), (vec!["DE", "IE"], vec!["public-health"]));
    }
}

//! `site`, the context every template shares: the site's title, addresses, areas,
//! menu and counts. Made once per render and set as Tera's global context.

use std::collections::BTreeMap;

use serde::Serialize;

use super::search;
use super::view::{self, Views};
use crate::config::NoticeTarget;
use crate::content::model::Collection;
use crate::graph::{AreaIx, Directory};
use crate::urls::Urls;

/// `site` in every template.
#[derive(Serialize)]
pub struct SiteView<'a> {
    title: &'a str,
    description: Option<&'a str>,
    owner: Option<&'a str>,
    language: &'a str,
    /// `rtl` for a language written right to left, else `ltr`.
    direction: &'static str,
    base_url: &'a str,
    extra: &'a serde_json::Value,
    urls: BTreeMap<&'static str, String>,
    areas: Vec<view::AreaRef<'a>>,
    /// The same by id, for the ids that references have: looking each up is cheaper
    /// than going through every area for each (cards in lists show their areas).
    areas_by_id: BTreeMap<&'a str, view::AreaRef<'a>>,
    /// The sections of the navigation: the lists and their kinds of entry.
    sections: Vec<Section>,
    menu: Vec<MenuItem<'a>>,
    counts: Counts,
    /// The note on text shown in the default language, untranslated, in the page's
    /// language ("This text is only available in German."); empty in the default
    /// language.
    untranslated_note: String,
    generator: String,
    /// The imprint, privacy and accessibility-statement pages site.yaml names.
    notices: Vec<NoticeLink>,
    data_license: Option<&'a crate::config::DataLicense>,
}

#[derive(Serialize)]
struct NoticeLink {
    /// Its key in `t`: `imprint`, `privacy`, `accessibility_statement`.
    key: &'static str,
    url: String,
}

#[derive(Serialize)]
struct Section {
    /// `page.kind` of the section's list, and the key of its title in `t`.
    list: &'static str,
    /// `page.kind` of its entries' pages.
    entry: &'static str,
    url: String,
}

#[derive(Serialize)]
struct MenuItem<'a> {
    title: &'a str,
    url: String,
}

#[derive(Serialize, Clone, Copy)]
pub struct Counts {
    pub cities: usize,
    pub programs: usize,
    pub agreements: usize,
    pub countries: usize,
    pub areas: usize,
    /// Whether site.yaml says whose directory it is (`home:`): then the counts below
    /// tell our cities from the partners abroad.
    pub home: bool,
    /// Our cities, states and regions.
    pub home_cities: usize,
    /// Cities abroad partnered with one of ours, and their countries.
    pub partners_abroad: usize,
    pub partner_countries: usize,
}

impl<'a> SiteView<'a> {
    pub fn new(views: &Views<'a>) -> Self {
        let d = views.d;
        let urls = views.urls();
        let language = views.language;
        let text = |text: &'a Option<crate::config::Localized>| {
            text.as_ref().map(|text| text.get(language))
        };
        let mut menu: Vec<_> = (d.pages.iter().enumerate())
            .filter(|(_, p)| p.menu)
            .collect();
        menu.sort_by_key(|(_, p)| (p.weight, p.meta.id.clone()));
        SiteView {
            title: d.config.title.get(language),
            description: text(&d.config.description),
            owner: text(&d.config.owner),
            language: &views.site_language().tag,
            direction: match views.locale().is_rtl() {
                true => "rtl",
                false => "ltr",
            },
            base_url: &d.config.base_url,
            extra: &d.config.extra,
            urls: BTreeMap::from([
                ("home", urls.home()),
                ("cities", urls.list(Collection::Cities, 1)),
                ("programs", urls.list(Collection::Programs, 1)),
                ("agreements", urls.list(Collection::Agreements, 1)),
                ("areas", urls.areas()),
                ("countries", urls.countries()),
                ("statistics", urls.statistics()),
                ("search", urls.search()),
                ("search_index", urls.localized(search::MANIFEST)),
                ("search_script", urls.path("static/search.js")),
                ("filter_script", urls.path("static/filter.js")),
                ("sitemap", urls.path("sitemap.xml")),
                ("calendar", urls.path(super::calendar::PATH)),
                ("data_package", urls.path("data/datapackage.json")),
                ("wikidata", urls.path("data/wikidata.tsv")),
                ("stylesheet", urls.path("static/amicus.css")),
                ("favicon", urls.path("static/favicon.svg")),
                ("feed", urls.localized("feeds/all.xml")),
                ("feed_programs", urls.localized(super::feeds::PROGRAMS)),
                ("directory_json", urls.path("data/directory.json")),
                ("cities_csv", urls.path("data/cities.csv")),
                ("agreements_csv", urls.path("data/agreements.csv")),
                ("programs_csv", urls.path("data/programs.csv")),
                ("geojson", urls.path("data/partnerships.geojson")),
                ("static", urls.path("static/")),
            ]),
            areas: (0..d.areas.len())
                .map(|i| views.area_ref(AreaIx(i as u32)))
                .collect(),
            areas_by_id: (0..d.areas.len())
                .map(|i| views.area_ref(AreaIx(i as u32)))
                .map(|area| (area.id, area))
                .collect(),
            sections: sections(urls),
            menu: menu
                .into_iter()
                .map(|(i, p)| MenuItem {
                    title: views.page_title(i),
                    url: urls.entry(Collection::Pages, p.meta.id.as_str()),
                })
                .collect(),
            counts: counts(d),
            untranslated_note: untranslated_note(views),
            generator: format!("Amicus {}", env!("CARGO_PKG_VERSION")),
            notices: (d.config.notices.iter())
                .map(|notice| NoticeLink {
                    key: notice.key,
                    url: match &notice.target {
                        NoticeTarget::Page(id) => urls.entry(Collection::Pages, id.as_str()),
                        NoticeTarget::Url(url) => url.clone(),
                    },
                })
                .collect(),
            data_license: d.config.data_license.as_ref(),
        }
    }
}

fn untranslated_note(views: &Views) -> String {
    if views.language == 0 {
        return String::new();
    }
    let default = &views.d.config.languages[0];
    let name = views.locale().language_name(default.locale.tag());
    let note = views
        .words
        .get("untranslated_note")
        .map_or("", String::as_str);
    note.replace("{language}", &name)
}

fn sections(urls: &Urls) -> Vec<Section> {
    let list = |list, entry, url| Section { list, entry, url };
    vec![
        list("cities", "city", urls.list(Collection::Cities, 1)),
        list(
            "agreements",
            "agreement",
            urls.list(Collection::Agreements, 1),
        ),
        list("programs", "program", urls.list(Collection::Programs, 1)),
        list("areas", "area", urls.areas()),
        list("countries", "country", urls.countries()),
    ]
}

pub fn counts(d: &Directory) -> Counts {
    let by_country = d.partners_abroad_by_country();
    Counts {
        cities: d.cities.len(),
        programs: d.programs.len(),
        agreements: d.agreements.len(),
        countries: d.countries.len(),
        areas: d.areas.len(),
        home: d.side.declared(),
        home_cities: d.side.count(),
        partners_abroad: by_country.iter().sum(),
        partner_countries: by_country.iter().filter(|&&n| n > 0).count(),
    }
}

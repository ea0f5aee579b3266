//! The pages of a site: one [`Page`] per page, and for each kind one small function
//! that puts its context together and says its title and description.
//!
//! Input: a page and the [`Renderer`] (views of the directory, list orders, theme
//! words). Output: the page's template, its place, and its whole context besides the
//! shared `site` and `t`. Everything a page shows goes through that context.

use serde::Serialize;
use tera::Context;

use super::list::{self, ListKind};
use super::{Edition, home, jsonld, maps, stats};
use crate::content::model::Collection;
use crate::diagnostics::Diagnostic;
use crate::graph::{AgreementIx, AreaIx, CityIx, CountryIx, Directory, ProgramIx};
use crate::urls::Urls;

/// One page of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Page {
    Home,
    City(CityIx),
    Program(ProgramIx),
    Agreement(AgreementIx),
    Area(AreaIx),
    Country(CountryIx),
    /// A free page of `content/pages/`, by position.
    Free(u32),
    /// A page of a list, from 1.
    List(ListKind, u32),
    Areas,
    Countries,
    Statistics,
    Search,
    NotFound,
}

impl Page {
    /// Every page of `d`, site pages first.
    pub fn all(d: &Directory) -> Vec<Page> {
        let mut pages = vec![
            Page::Home,
            Page::Areas,
            Page::Countries,
            Page::Statistics,
            Page::Search,
            Page::NotFound,
        ];
        let count = |len: usize| 0..len as u32;
        pages.extend(count(d.cities.len()).map(|i| Page::City(CityIx(i))));
        pages.extend(count(d.programs.len()).map(|i| Page::Program(ProgramIx(i))));
        pages.extend(count(d.agreements.len()).map(|i| Page::Agreement(AgreementIx(i))));
        pages.extend(count(d.areas.len()).map(|i| Page::Area(AreaIx(i))));
        pages.extend(count(d.countries.len()).map(|i| Page::Country(CountryIx(i))));
        pages.extend(count(d.pages.len()).map(Page::Free));
        for kind in ListKind::ALL {
            pages.extend((1..=list::pages(d, kind)).map(|n| Page::List(kind, n)));
        }
        pages
    }

    /// Pages that show the directory as a whole (counts, orders, the network), which a
    /// change to any entry may change.
    pub fn is_overview(self) -> bool {
        use Page::*;
        matches!(
            self,
            Home | List(..) | Areas | Countries | Statistics | Search | NotFound
        )
    }

    pub fn template(self) -> &'static str {
        match self {
            Page::Home => "index.html",
            Page::City(_) => "city.html",
            Page::Program(_) => "program.html",
            Page::Agreement(_) => "agreement.html",
            Page::Area(_) => "area.html",
            Page::Country(_) => "country.html",
            Page::Free(_) => "page.html",
            Page::List(kind, _) => kind.template(),
            Page::Areas => "areas.html",
            Page::Countries => "countries.html",
            Page::Statistics => "statistics.html",
            Page::Search => "search.html",
            Page::NotFound => "404.html",
        }
    }

    /// `page.kind`: the page's kind as templates see it.
    pub fn kind_name(self) -> &'static str {
        match self {
            Page::Home => "home",
            Page::City(_) => "city",
            Page::Program(_) => "program",
            Page::Agreement(_) => "agreement",
            Page::Area(_) => "area",
            Page::Country(_) => "country",
            Page::Free(_) => "page",
            Page::List(kind, _) => kind.name(),
            Page::Areas => "areas",
            Page::Countries => "countries",
            Page::Statistics => "statistics",
            Page::Search => "search",
            Page::NotFound => "404",
        }
    }

    /// The page's site-relative address among the pages of `urls`' language.
    pub fn url(self, d: &Directory, urls: &Urls) -> String {
        let entry = |collection, id: &str| urls.entry(collection, id);
        match self {
            Page::Home => urls.home(),
            Page::City(ix) => entry(Collection::Cities, d.city(ix).meta.id.as_str()),
            Page::Program(ix) => entry(Collection::Programs, d.program(ix).meta.id.as_str()),
            Page::Agreement(ix) => entry(Collection::Agreements, d.agreement(ix).meta.id.as_str()),
            Page::Area(ix) => urls.area(d.area(ix).area.id.as_str()),
            Page::Country(ix) => urls.country(&d.country(ix).code.slug()),
            Page::Free(i) => entry(Collection::Pages, d.pages[i as usize].meta.id.as_str()),
            Page::List(kind, n) => urls.list(kind.collection(), n as usize),
            Page::Areas => urls.areas(),
            Page::Countries => urls.countries(),
            Page::Statistics => urls.statistics(),
            Page::Search => urls.search(),
            Page::NotFound => urls.localized("404.html"),
        }
    }
}

/// What a page says about itself, besides what its own function put in the context.
pub struct Heading {
    pub title: String,
    pub description: String,
}

/// `page` in every page's context.
#[derive(Serialize)]
struct PageInfo<'a> {
    kind: &'static str,
    title: &'a str,
    description: &'a str,
    url: &'a str,
    permalink: String,
    /// schema.org JSON-LD, safe inside `<script>` (city and agreement pages).
    json_ld: Option<String>,
    /// The page's language tag.
    language: &'a str,
    /// The same page in each of the site's languages, this one included, in the
    /// order of `languages:`; empty on a one-language site.
    alternates: Vec<Alternate<'a>>,
    /// When the page's entry was last checked against its sources, and by whom.
    reviewed: Option<ReviewedView<'a>>,
}

#[derive(Serialize)]
struct ReviewedView<'a> {
    /// ISO, as precise as written.
    date: String,
    date_human: String,
    by: &'a str,
    /// The default language's tag on pages in another: `by` is written in it.
    by_lang: Option<&'a str>,
}

/// The page in one language: `<link rel="alternate" hreflang>` and the language switcher.
#[derive(Serialize)]
struct Alternate<'a> {
    /// `de`, `en-GB`.
    language: &'a str,
    /// The language's name in itself: `Deutsch`, `日本語`.
    name: &'a str,
    url: String,
    permalink: String,
    /// Whether this is the page being made.
    current: bool,
}

/// The page in each of the site's languages, when it has more than one.
fn alternates<'a>(r: &Edition<'a>, page: Page) -> Vec<Alternate<'a>> {
    let d = r.views.d;
    if d.config.languages.len() < 2 {
        return Vec::new();
    }
    (d.config.languages.iter().enumerate())
        .map(|(i, language)| {
            let url = page.url(d, &language.urls);
            Alternate {
                language: &language.tag,
                name: language.locale.autonym(),
                permalink: d.config.urls.absolute(&url),
                url,
                current: i == r.views.language,
            }
        })
        .collect()
}

/// The whole context of `page` in `r`'s language, besides `site` and `t`; an error
/// when an entry's body cannot be read again as it was checked (see
/// [`crate::content::source`]).
pub fn context(r: &Edition, page: Page, url: &str) -> Result<Context, Diagnostic> {
    let mut context = Context::new();
    let heading = match page {
        Page::Home => home_page(r, &mut context),
        Page::City(ix) => city(r, ix, &mut context)?,
        Page::Program(ix) => program(r, ix, &mut context)?,
        Page::Agreement(ix) => agreement(r, ix, &mut context)?,
        Page::Area(ix) => area(r, ix, &mut context),
        Page::Country(ix) => country(r, ix, &mut context),
        Page::Free(i) => free(r, i, &mut context)?,
        Page::List(kind, n) => list_page(r, kind, n, &mut context),
        Page::Areas => areas(r, &mut context),
        Page::Countries => countries(r, &mut context),
        Page::Statistics => statistics(r, &mut context),
        Page::Search => r.site_heading("search", r.word("search_description")),
        Page::NotFound => r.site_heading("not_found_title", r.site_description()),
    };
    let d = r.views.d;
    let json_ld = match page {
        Page::City(ix) => Some(jsonld::city(&r.views, ix)),
        Page::Agreement(ix) => Some(jsonld::agreement(&r.views, ix)),
        _ => None,
    };
    let info = PageInfo {
        kind: page.kind_name(),
        title: &heading.title,
        description: &heading.description,
        url,
        permalink: d.config.urls.absolute(url),
        json_ld,
        language: &r.views.site_language().tag,
        alternates: alternates(r, page),
        reviewed: reviewed(r, page),
    };
    context.insert("page", &info);
    Ok(context)
}

/// The entry's `reviewed`, for the pages of entries.
fn reviewed<'a>(r: &Edition<'a>, page: Page) -> Option<ReviewedView<'a>> {
    let d = r.views.d;
    let meta = match page {
        Page::City(ix) => &d.city(ix).meta,
        Page::Program(ix) => &d.program(ix).meta,
        Page::Agreement(ix) => &d.agreement(ix).meta,
        Page::Free(i) => &d.pages[i as usize].meta,
        _ => return None,
    };
    let reviewed = meta.reviewed.as_ref()?;
    Some(ReviewedView {
        date: reviewed.date.to_string(),
        date_human: r.views.locale().date(reviewed.date),
        by: &reviewed.by,
        by_lang: (r.views.language != 0).then(|| d.config.languages[0].tag.as_str()),
    })
}

fn home_page(r: &Edition, context: &mut Context) -> Heading {
    let d = r.views.d;
    let mut home = home::home(&r.views);
    home.map = maps::home_map(&r.views);
    context.insert("home", &home);
    Heading {
        title: d.config.title.get(r.views.language).to_owned(),
        description: r.site_description(),
    }
}

fn city(r: &Edition, ix: CityIx, context: &mut Context) -> Result<Heading, Diagnostic> {
    let mut city = r.views.city(ix)?;
    city.map = maps::city_map(&r.views, ix);
    let reference = &city.reference;
    let heading = Heading {
        title: reference.name.to_owned(),
        description: reference.summary.map_or_else(
            || format!("{}, {}", reference.name, reference.country.name),
            str::to_owned,
        ),
    };
    context.insert("city", &city);
    Ok(heading)
}

fn program(r: &Edition, ix: ProgramIx, context: &mut Context) -> Result<Heading, Diagnostic> {
    let program = r.views.program(ix)?;
    let heading = Heading {
        title: program.title.to_owned(),
        description: program.summary.unwrap_or(program.kind_label).to_owned(),
    };
    context.insert("program", &program);
    Ok(heading)
}

fn agreement(r: &Edition, ix: AgreementIx, context: &mut Context) -> Result<Heading, Diagnostic> {
    let agreement = r.views.agreement(ix)?;
    let reference = &agreement.reference;
    let heading = Heading {
        title: reference.title.to_owned(),
        description: reference.summary.unwrap_or(reference.kind_label).to_owned(),
    };
    context.insert("agreement", &agreement);
    Ok(heading)
}

fn area(r: &Edition, ix: AreaIx, context: &mut Context) -> Heading {
    let mut area = r.views.area(ix);
    area.map = maps::area_map(&r.views, ix);
    let heading = Heading {
        title: area.area.name.to_owned(),
        description: area.area.description.unwrap_or(area.area.name).to_owned(),
    };
    context.insert("area", &area);
    heading
}

fn country(r: &Edition, ix: CountryIx, context: &mut Context) -> Heading {
    let country = r.views.country(ix);
    let heading = Heading {
        title: country.name.to_owned(),
        description: format!("{} — {}", country.name, r.views.site_title()),
    };
    context.insert("country", &country);
    heading
}

fn free(r: &Edition, i: u32, context: &mut Context) -> Result<Heading, Diagnostic> {
    let page = r.views.page(i as usize)?;
    let heading = Heading {
        title: page.title.to_owned(),
        description: page.summary.unwrap_or(page.title).to_owned(),
    };
    context.insert("entry", &page);
    Ok(heading)
}

fn list_page(r: &Edition, kind: ListKind, n: u32, context: &mut Context) -> Heading {
    list::insert(&r.views, r.orders(), kind, n as usize, context);
    r.site_heading(kind.name(), r.site_description())
}

fn areas(r: &Edition, context: &mut Context) -> Heading {
    let d = r.views.d;
    let areas: Vec<_> = (0..d.areas.len() as u32)
        .map(|i| r.views.area_summary(AreaIx(i)))
        .collect();
    context.insert("areas", &areas);
    r.site_heading("areas", r.site_description())
}

fn countries(r: &Edition, context: &mut Context) -> Heading {
    let d = r.views.d;
    let countries: Vec<_> = (0..d.countries.len() as u32)
        .map(|i| r.views.country_summary(CountryIx(i)))
        .collect();
    context.insert("countries", &countries);
    r.site_heading("countries", r.site_description())
}

fn statistics(r: &Edition, context: &mut Context) -> Heading {
    context.insert("statistics", &stats::statistics(&r.views));
    r.site_heading("statistics", r.site_description())
}

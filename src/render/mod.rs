//! The render stage: the directory graph → every page of the site, in memory or handed
//! to the write stage page by page ([`render_each`]).
//!
//! Each page is a [`Job`]; jobs render in parallel against one shared `Tera`. The site
//! context (`site`, `t`) is built once and set as Tera's global context; the header and
//! footer once per kind of page ([`chrome`]). Files go to a [`Sink`] as they are made.
//! A template error is reported once per template position, however many pages hit
//! it. Output is deterministic: files come out sorted by path.

pub mod chrome;
pub mod data;
pub mod feeds;
pub mod filters;
pub mod incremental;
pub mod jsonld;
pub mod maps;
pub mod search;
pub mod sink;
pub mod stats;
pub mod theme;
pub mod view;

use std::collections::BTreeMap;
use std::sync::Mutex;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use crate::content::model::Collection;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::graph::{AgreementIx, AreaIx, CityIx, CountryIx, Directory, ProgramIx, sort_key};
use crate::xml::push_escaped;
use chrome::{Chrome, SiteAddresses};
use sink::Guarded;
pub use sink::Sink;
pub use theme::Theme;
use view::Views;

/// A file of the built site: its path under the output folder, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

impl OutputFile {
    /// A JSON file of `value`, compact.
    fn json(path: String, value: &(impl Serialize + ?Sized)) -> Self {
        OutputFile {
            path,
            bytes: serde_json::to_vec(value).unwrap_or_default(),
        }
    }
}

/// One page to render.
#[derive(Debug, Clone, Copy)]
enum Job {
    Home,
    City(CityIx),
    Program(ProgramIx),
    Agreement(AgreementIx),
    Area(AreaIx),
    Country(CountryIx),
    Page(usize),
    List(Collection, usize),
    Areas,
    Countries,
    Statistics,
    Search,
    NotFound,
}

/// Renders every page, plus sitemap.xml and robots.txt.
pub fn render(directory: &Directory, theme: Theme) -> (Vec<OutputFile>, Diagnostics) {
    let files = Mutex::new(Vec::new());
    let diagnostics = render_each(directory, theme, |file| {
        if let Ok(mut files) = files.lock() {
            files.push(file);
        }
        Ok(())
    });
    let mut files = files.into_inner().unwrap_or_default();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    (files, diagnostics)
}

/// How many files [`render_each`] makes besides the site files: one per page.
pub fn page_count(directory: &Directory) -> usize {
    jobs(directory).len()
}

/// Renders like [`render`], but hands each file to `sink` as soon as it is made, from
/// many threads, so that a large site is never whole in memory. After `sink` fails
/// once it is not called again; its error is among the diagnostics returned.
pub fn render_each(directory: &Directory, mut theme: Theme, sink: impl Sink) -> Diagnostics {
    let views = Views::new(directory);
    let addresses = set_site_context(&views, &mut theme);
    let jobs = jobs(directory);
    let orders = ListOrders::new(&views);
    let sink = Guarded::new(sink);
    let chrome = Chrome::new(&theme, &addresses, &orders);
    // The directory-wide files are made beside the pages: made after them, on one
    // thread, they left the other cores idle meanwhile.
    let (results, mut errors): (Vec<Result<String, Option<Diagnostic>>>, _) = rayon::join(
        || {
            jobs.par_iter()
                .with_max_len(PAGES_A_TASK)
                .map(|&job| {
                    let page = render_job(&views, &theme, &orders, &chrome, job);
                    sink.take(page.map_err(Some)?)
                })
                .collect()
        },
        || directory_files(&views, &orders, &sink),
    );
    let mut paths = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(path) => paths.push(path),
            Err(error) => errors.extend(error),
        }
    }
    for file in sitemaps(directory, paths.iter().map(String::as_str)) {
        errors.extend(sink.take(file).err().flatten());
    }
    once_per_place(errors)
}

/// At most this many pages are rendered as one piece of work. Rayon otherwise cuts the
/// pages into a few large pieces while the other threads are busy with the
/// directory-wide files, and when those are done there is nothing left to share: the
/// last second of a 10,000-city build ran on one core.
pub(crate) const PAGES_A_TASK: usize = 64;

/// Template errors, once per template position however many pages hit it.
fn once_per_place(errors: Vec<Diagnostic>) -> Diagnostics {
    let mut unique: BTreeMap<(String, String), Diagnostic> = BTreeMap::new();
    for d in errors {
        let key = (
            d.file()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            d.message.clone(),
        );
        unique.entry(key).or_insert(d);
    }
    unique.into_values().collect()
}

/// `site` and `t`, the context every template shares; returns the site's own
/// addresses, for the header and footer.
fn set_site_context(views: &Views, theme: &mut Theme) -> SiteAddresses {
    let site = SiteView::new(views);
    theme.tera.global_context().insert("site", &site);
    theme.tera.global_context().insert("t", &theme.strings);
    SiteAddresses::new(&site)
}

/// The files made from the whole directory rather than from pages (robots.txt, open
/// data, feeds, search and filter data), each handed to `out` as soon as it is made,
/// the open data as it is written. They are rebuilt every time, also by an incremental
/// render. Returns the errors of `out`.
fn directory_files(views: &Views, orders: &ListOrders, out: &dyn Sink) -> Vec<Diagnostic> {
    let d = views.d;
    let errors = Mutex::new(Vec::new());
    let keep = |taken: Result<(), Diagnostic>| {
        if let Err(error) = taken
            && let Ok(mut errors) = errors.lock()
        {
            errors.push(error);
        }
    };
    let each = |file| keep(out.file(file));
    // Independent of each other and of the pages: made one after another, they kept
    // one core busy alone after the last page. The open data files are the exception,
    // made in turn: a sink that keeps files in memory holds each whole.
    rayon::scope(|s| {
        s.spawn(|_| {
            for (path, write) in data::FILES {
                keep(out.stream(path, &mut |to| write(d, to)));
            }
        });
        s.spawn(|_| feeds::files(d).into_iter().for_each(each));
        s.spawn(|_| search::files(views, &each));
        s.spawn(|_| {
            let lists = [&orders.cities[..], &orders.programs, &orders.agreements];
            filters::files(views, &orders.facets, lists, &each);
        });
        each(robots(d));
        maps::land_files().into_iter().for_each(each);
    });
    errors.into_inner().unwrap_or_default()
}

fn jobs(d: &Directory) -> Vec<Job> {
    let mut jobs = vec![
        Job::Home,
        Job::Areas,
        Job::Countries,
        Job::Statistics,
        Job::Search,
        Job::NotFound,
    ];
    jobs.extend((0..d.cities.len()).map(|i| Job::City(CityIx(i as u32))));
    jobs.extend((0..d.programs.len()).map(|i| Job::Program(ProgramIx(i as u32))));
    jobs.extend((0..d.agreements.len()).map(|i| Job::Agreement(AgreementIx(i as u32))));
    jobs.extend((0..d.areas.len()).map(|i| Job::Area(AreaIx(i as u32))));
    jobs.extend((0..d.countries.len()).map(|i| Job::Country(CountryIx(i as u32))));
    jobs.extend((0..d.pages.len()).map(Job::Page));
    for (collection, len) in [
        (Collection::Cities, d.cities.len()),
        (Collection::Programs, d.programs.len()),
        (Collection::Agreements, d.agreements.len()),
    ] {
        let pages = len.div_ceil(d.config.page_size).max(1);
        jobs.extend((1..=pages).map(|page| Job::List(collection, page)));
    }
    jobs
}

/// What every page knows about itself.
#[derive(Serialize)]
struct PageInfo<'a> {
    kind: &'static str,
    title: &'a str,
    description: &'a str,
    url: String,
    permalink: String,
    /// schema.org JSON-LD, safe inside `<script>` (city and agreement pages).
    json_ld: Option<String>,
}

fn render_job(
    views: &Views,
    theme: &Theme,
    orders: &ListOrders,
    chrome: &Chrome,
    job: Job,
) -> Result<OutputFile, Diagnostic> {
    let mut context = Context::new();
    let placed = page_context(views, theme, orders, job, &mut context);
    let bytes = render_placed(theme, chrome, &placed, &mut context)
        .map_err(|e| theme::template_diagnostic(&e, &theme.sources))?;
    Ok(OutputFile {
        path: placed.path,
        bytes,
    })
}

/// Where a page goes: its template, its file under the output folder, and its kind and
/// address as `page` has them.
struct Placed {
    template: &'static str,
    path: String,
    kind: &'static str,
    url: String,
    /// The collection a list page lists.
    list: Option<Collection>,
}

/// A page's HTML from its context, with the header and footer of its kind added.
fn render_placed(
    theme: &Theme,
    chrome: &Chrome,
    placed: &Placed,
    context: &mut Context,
) -> tera::TeraResult<Vec<u8>> {
    context.insert_value(
        "chrome",
        chrome.for_page(placed.kind, placed.list, &placed.url)?,
    );
    render_page(theme, placed.template, context)
}

/// A template's output. Rendered into bytes, which is what is written: `Tera::render` would
/// check the whole page is UTF-8 to make it a `String`, which Tera's output always is.
fn render_page(theme: &Theme, template: &str, context: &Context) -> tera::TeraResult<Vec<u8>> {
    let mut bytes = Vec::with_capacity(16 * 1024);
    theme.tera.render_to(template, context, &mut bytes)?;
    Ok(bytes)
}

/// How a page's costly parts, its map and its body, go into its context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// As the page shows them: the map drawn, the body as HTML.
    Shown,
    /// As what they are made from: the map's input ([`crate::svg::map_fingerprint`])
    /// and the body's Markdown, for a fingerprint of the context.
    Fingerprint,
}

/// Where a page's template context goes: a Tera [`Context`] to render, or a
/// fingerprint of it, which `serve` compares to skip pages whose inputs did not change
/// (see [`incremental`]).
trait ContextSink {
    fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T);

    /// Like `insert`, with `value` made from `source` beforehand. (A fingerprint takes
    /// `source`: a template value's maps have no fixed order.)
    fn insert_made<T: Serialize + ?Sized>(&mut self, key: &'static str, source: &T, _: &Value) {
        self.insert(key, source);
    }

    /// How the page's map and body go into the context: as shown, unless only a
    /// fingerprint of the context is wanted.
    fn detail(&self) -> Detail {
        Detail::Shown
    }
}

impl ContextSink for Context {
    fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        Context::insert(self, key, value);
    }

    /// Shares `value` (a template value's maps and lists are reference counted) rather
    /// than making it again.
    fn insert_made<T: Serialize + ?Sized>(&mut self, key: &'static str, _: &T, value: &Value) {
        Context::insert_value(self, key, value.clone());
    }
}

/// Puts a page's whole context into `context` and says where the page goes. Everything
/// a page shows besides `site`, `t` and `chrome` (which follows from `page.kind` and
/// `page.url`) must go through `context`.
fn page_context(
    views: &Views,
    theme: &Theme,
    orders: &ListOrders,
    job: Job,
    context: &mut impl ContextSink,
) -> Placed {
    let d = views.d;
    let urls = &d.config.urls;
    let site_description = d.config.description.as_deref().unwrap_or(&d.config.title);
    let (template, kind, title, description, url): (
        &'static str,
        &'static str,
        String,
        String,
        String,
    ) = match job {
        Job::Home => {
            let mut home = home(views);
            home.map = maps::home_map(d, &theme.strings, context.detail());
            context.insert("home", &home);
            (
                "index.html",
                "home",
                d.config.title.clone(),
                site_description.to_owned(),
                urls.home(),
            )
        }
        Job::City(ix) => {
            let mut city = views.city(ix, context.detail());
            city.map = maps::city_map(d, ix, &theme.strings, context.detail());
            let description = city.reference.summary.map_or_else(
                || format!("{}, {}", city.reference.name, city.reference.country.name),
                str::to_owned,
            );
            let out = (
                city.reference.name.to_owned(),
                description,
                city.reference.url.as_str().to_owned(),
            );
            context.insert("city", &city);
            ("city.html", "city", out.0, out.1, out.2)
        }
        Job::Program(ix) => {
            let program = views.program(ix, context.detail());
            let out = (
                program.title.to_owned(),
                program.summary.unwrap_or(program.kind_label).to_owned(),
                program.url.as_str().to_owned(),
            );
            context.insert("program", &program);
            ("program.html", "program", out.0, out.1, out.2)
        }
        Job::Agreement(ix) => {
            let agreement = views.agreement(ix, context.detail());
            let r = &agreement.reference;
            let out = (
                r.title.to_owned(),
                r.summary.unwrap_or(r.kind_label).to_owned(),
                r.url.as_str().to_owned(),
            );
            context.insert("agreement", &agreement);
            ("agreement.html", "agreement", out.0, out.1, out.2)
        }
        Job::Area(ix) => {
            let mut area = views.area(ix);
            area.map = maps::area_map(d, ix, &theme.strings, context.detail());
            let out = (
                area.area.name.to_owned(),
                area.area.description.unwrap_or(area.area.name).to_owned(),
                area.area.url.clone(),
            );
            context.insert("area", &area);
            ("area.html", "area", out.0, out.1, out.2)
        }
        Job::Country(ix) => {
            let country = views.country(ix);
            let out = (
                country.name.to_owned(),
                format!("{} — {}", country.name, d.config.title),
                country.url.clone(),
            );
            context.insert("country", &country);
            ("country.html", "country", out.0, out.1, out.2)
        }
        Job::Page(i) => {
            let page = views.page(i, context.detail());
            let out = (
                page.title.to_owned(),
                page.summary.unwrap_or(page.title).to_owned(),
                page.url.clone(),
            );
            context.insert("entry", &page);
            ("page.html", "page", out.0, out.1, out.2)
        }
        Job::List(collection, page) => {
            let (template, kind, title_key) = match collection {
                Collection::Cities => ("cities.html", "cities", "cities"),
                Collection::Programs => ("programs.html", "programs", "programs"),
                _ => ("agreements.html", "agreements", "agreements"),
            };
            insert_list(views, orders, collection, page, context);
            context.insert_made(
                "filters",
                orders.facets.of(collection),
                orders.filters(collection),
            );
            let title = theme
                .strings
                .get(title_key)
                .cloned()
                .unwrap_or_else(|| title_key.to_owned());
            (
                template,
                kind,
                title,
                site_description.to_owned(),
                urls.list(collection, page),
            )
        }
        Job::Areas => {
            let areas: Vec<_> = (0..d.areas.len())
                .map(|i| views.area_summary(AreaIx(i as u32)))
                .collect();
            context.insert("areas", &areas);
            (
                "areas.html",
                "areas",
                word(theme, "areas"),
                site_description.to_owned(),
                urls.areas(),
            )
        }
        Job::Countries => {
            let countries: Vec<_> = (0..d.countries.len())
                .map(|i| views.country_summary(CountryIx(i as u32)))
                .collect();
            context.insert("countries", &countries);
            (
                "countries.html",
                "countries",
                word(theme, "countries"),
                site_description.to_owned(),
                urls.countries(),
            )
        }
        Job::Statistics => {
            context.insert("statistics", &stats::statistics(views, &theme.strings));
            (
                "statistics.html",
                "statistics",
                word(theme, "statistics"),
                site_description.to_owned(),
                urls.statistics(),
            )
        }
        Job::Search => (
            "search.html",
            "search",
            word(theme, "search"),
            word(theme, "search_description"),
            urls.search(),
        ),
        Job::NotFound => (
            "404.html",
            "404",
            word(theme, "not_found_title"),
            site_description.to_owned(),
            urls.path("404.html"),
        ),
    };
    let info = PageInfo {
        kind,
        title: &title,
        description: &description,
        permalink: urls.absolute(&url),
        url: url.clone(),
        json_ld: match job {
            Job::City(ix) => Some(jsonld::city(d, ix)),
            Job::Agreement(ix) => Some(jsonld::agreement(d, ix)),
            _ => None,
        },
    };
    context.insert("page", &info);
    Placed {
        template,
        path: urls.output_file(&url),
        kind,
        url,
        list: match job {
            Job::List(collection, _) => Some(collection),
            _ => None,
        },
    }
}

fn word(theme: &Theme, key: &str) -> String {
    theme
        .strings
        .get(key)
        .cloned()
        .unwrap_or_else(|| key.to_owned())
}

/// `site` in every template.
#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: Option<&'a str>,
    owner: Option<&'a str>,
    language: &'a str,
    base_url: &'a str,
    extra: &'a serde_json::Value,
    urls: BTreeMap<&'static str, String>,
    areas: Vec<view::AreaRef<'a>>,
    /// The same by id, for the ids that references have: looking each up is cheaper
    /// than going through every area for each (cards in lists show their areas).
    areas_by_id: BTreeMap<&'a str, view::AreaRef<'a>>,
    menu: Vec<MenuItem<'a>>,
    counts: Counts,
    generator: String,
}

#[derive(Serialize)]
struct MenuItem<'a> {
    title: &'a str,
    url: String,
}

#[derive(Serialize, Clone, Copy)]
struct Counts {
    cities: usize,
    programs: usize,
    agreements: usize,
    countries: usize,
    areas: usize,
}

impl<'a> SiteView<'a> {
    fn new(views: &Views<'a>) -> Self {
        let d = views.d;
        let urls = &d.config.urls;
        let mut menu: Vec<_> = d.pages.iter().filter(|p| p.menu).collect();
        menu.sort_by_key(|p| (p.weight, p.meta.id.clone()));
        SiteView {
            title: &d.config.title,
            description: d.config.description.as_deref(),
            owner: d.config.owner.as_deref(),
            language: &d.config.language,
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
                ("search_index", urls.path(search::MANIFEST)),
                ("search_script", urls.path("static/search.js")),
                ("filter_script", urls.path("static/filter.js")),
                ("sitemap", urls.path("sitemap.xml")),
                ("stylesheet", urls.path("static/amicus.css")),
                ("feed", urls.path("feeds/all.xml")),
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
            menu: menu
                .into_iter()
                .map(|p| MenuItem {
                    title: &p.title,
                    url: urls.entry(Collection::Pages, p.meta.id.as_str()),
                })
                .collect(),
            counts: counts(d),
            generator: format!("Amicus {}", env!("CARGO_PKG_VERSION")),
        }
    }
}

fn counts(d: &Directory) -> Counts {
    Counts {
        cities: d.cities.len(),
        programs: d.programs.len(),
        agreements: d.agreements.len(),
        countries: d.countries.len(),
        areas: d.areas.len(),
    }
}

#[derive(Serialize)]
struct HomeView<'a> {
    latest_agreements: Vec<view::AgreementRef<'a>>,
    areas: Vec<view::AreaSummary<'a>>,
    countries: Vec<view::CountryRef<'a>>,
    counts: Counts,
    statuses: Vec<StatusCount>,
    map: Option<maps::MapView>,
}

#[derive(Serialize)]
struct StatusCount {
    status: &'static str,
    label: &'static str,
    count: usize,
}

fn home<'d>(views: &Views<'d>) -> HomeView<'d> {
    let d = views.d;
    let mut signed: Vec<usize> = (0..d.agreements.len())
        .filter(|&i| d.agreements[i].signed.is_some())
        .collect();
    signed.sort_by(|&a, &b| {
        d.agreements[b]
            .signed
            .cmp(&d.agreements[a].signed)
            .then(a.cmp(&b))
    });
    let mut countries: Vec<usize> = (0..d.countries.len()).collect();
    countries.sort_by_key(|&i| std::cmp::Reverse(d.countries[i].cities.len()));
    let statuses = crate::content::model::AgreementStatus::ALL
        .iter()
        .map(|&s| StatusCount {
            status: s.as_str(),
            label: s.label(),
            count: d.agreements.iter().filter(|a| a.status == s).count(),
        })
        .filter(|s| s.count > 0)
        .collect();
    HomeView {
        latest_agreements: signed
            .into_iter()
            .take(8)
            .map(|i| views.agreement_ref(AgreementIx(i as u32)))
            .collect(),
        areas: (0..d.areas.len())
            .map(|i| views.area_summary(AreaIx(i as u32)))
            .collect(),
        countries: countries
            .into_iter()
            .take(12)
            .map(|i| views.country_ref(CountryIx(i as u32)))
            .collect(),
        counts: counts(d),
        statuses,
        map: None,
    }
}

#[derive(Serialize)]
struct ListView<Item> {
    items: Vec<Item>,
    total: usize,
    pagination: Pagination,
}

#[derive(Serialize)]
struct Pagination {
    current: usize,
    pages: usize,
    previous: Option<String>,
    next: Option<String>,
    links: Vec<PageLink>,
}

#[derive(Serialize)]
struct PageLink {
    number: usize,
    url: String,
    current: bool,
    /// Pages were skipped before this one (show an ellipsis).
    gap: bool,
}

/// The page numbers to link: the first, the last and two either side of the current
/// one, so that a list of thousands of pages does not link every page from every page.
fn page_window(current: usize, pages: usize) -> Vec<(usize, bool)> {
    let mut numbers: Vec<usize> = vec![1, pages];
    numbers.extend(current.saturating_sub(2).max(1)..=(current + 2).min(pages));
    numbers.sort_unstable();
    numbers.dedup();
    let mut previous = 0;
    numbers
        .into_iter()
        .map(|n| {
            let gap = n > previous + 1;
            previous = n;
            (n, gap)
        })
        .collect()
}

/// The order of each list page's items, computed once for all pages.
struct ListOrders {
    cities: Vec<usize>,
    programs: Vec<usize>,
    agreements: Vec<usize>,
    /// The lists' filters, whose items follow the orders above.
    facets: filters::ListFacets,
    /// The same as the list templates' `filters`, made once for all list pages.
    filters: [Value; 3],
}

impl ListOrders {
    fn new(views: &Views) -> Self {
        let d = views.d;
        let cities = sorted(d.cities.len(), |i| sort_key(&d.cities[i].name));
        let programs = sorted(d.programs.len(), |i| sort_key(&d.programs[i].title));
        let agreements = sorted(d.agreements.len(), |i| sort_key(&d.agreements[i].title));
        let facets = filters::ListFacets::new(views, &cities, &programs, &agreements);
        let filters =
            [&facets.cities, &facets.programs, &facets.agreements].map(Value::from_serializable);
        Self {
            cities,
            programs,
            agreements,
            facets,
            filters,
        }
    }

    /// `filters` for the list pages of `collection`.
    fn filters(&self, collection: Collection) -> &Value {
        match collection {
            Collection::Cities => &self.filters[0],
            Collection::Programs => &self.filters[1],
            _ => &self.filters[2],
        }
    }
}

/// One page of a collection's list, as the context's `list`.
fn insert_list(
    views: &Views,
    orders: &ListOrders,
    collection: Collection,
    page: usize,
    context: &mut impl ContextSink,
) {
    let d = views.d;
    let size = d.config.page_size;
    let order = match collection {
        Collection::Cities => &orders.cities,
        Collection::Programs => &orders.programs,
        _ => &orders.agreements,
    };
    let total = order.len();
    let slice = &order[((page - 1) * size).min(total)..(page * size).min(total)];
    let pagination = pagination(d, collection, page, total.div_ceil(size).max(1));
    let handles = slice.iter().map(|&i| i as u32);
    match collection {
        Collection::Cities => {
            let items = handles.map(|i| views.city_ref(CityIx(i)));
            insert_list_view(context, items, total, pagination);
        }
        Collection::Programs => {
            let items = handles.map(|i| views.program_ref(ProgramIx(i)));
            insert_list_view(context, items, total, pagination);
        }
        _ => {
            let items = handles.map(|i| views.agreement_ref(AgreementIx(i)));
            insert_list_view(context, items, total, pagination);
        }
    }
}

/// Serialized straight into the context: a `serde_json::Value` in between would
/// convert each item twice.
fn insert_list_view<Item: Serialize>(
    context: &mut impl ContextSink,
    items: impl Iterator<Item = Item>,
    total: usize,
    pagination: Pagination,
) {
    let items: Vec<Item> = items.collect();
    context.insert(
        "list",
        &ListView {
            items,
            total,
            pagination,
        },
    );
}

fn pagination(d: &Directory, collection: Collection, page: usize, pages: usize) -> Pagination {
    let url = |n: usize| d.config.urls.list(collection, n);
    Pagination {
        current: page,
        pages,
        previous: (page > 1).then(|| url(page - 1)),
        next: (page < pages).then(|| url(page + 1)),
        links: page_window(page, pages)
            .into_iter()
            .map(|(n, gap)| PageLink {
                number: n,
                url: url(n),
                current: n == page,
                gap,
            })
            .collect(),
    }
}

/// Indexes `0..len` ordered by `key`, ties broken by index for determinism. In
/// parallel: the pages wait for it.
fn sorted(len: usize, key: impl Fn(usize) -> String + Sync) -> Vec<usize> {
    let keys: Vec<String> = (0..len).into_par_iter().map(&key).collect();
    let mut order: Vec<usize> = (0..len).collect();
    order.par_sort_unstable_by(|&a, &b| keys[a].cmp(&keys[b]).then(a.cmp(&b)));
    order
}

/// The sitemap protocol's limit of addresses per file.
const SITEMAP_URLS: usize = 50_000;

/// `sitemap.xml`; above [`SITEMAP_URLS`] pages, an index of `sitemaps/<n>.xml` files.
fn sitemaps<'a>(d: &Directory, pages: impl Iterator<Item = &'a str>) -> Vec<OutputFile> {
    let mut paths: Vec<&str> = pages.filter(|p| p.ends_with("index.html")).collect();
    // In parallel, as the last thing a build makes: the other cores would wait.
    paths.par_sort_unstable();
    if paths.len() <= SITEMAP_URLS {
        return vec![url_set("sitemap.xml".to_owned(), d, &paths)];
    }
    let mut files: Vec<OutputFile> = paths
        .par_chunks(SITEMAP_URLS)
        .enumerate()
        .map(|(i, chunk)| url_set(format!("sitemaps/{}.xml", i + 1), d, chunk))
        .collect();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for file in &files {
        let url = d.config.urls.absolute(&d.config.urls.path(&file.path));
        xml.push_str("  <sitemap><loc>");
        push_escaped(&mut xml, &url);
        xml.push_str("</loc></sitemap>\n");
    }
    xml.push_str("</sitemapindex>\n");
    files.push(OutputFile {
        path: "sitemap.xml".to_owned(),
        bytes: xml.into_bytes(),
    });
    files
}

fn url_set(path: String, d: &Directory, pages: &[&str]) -> OutputFile {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in pages {
        let url = d.config.urls.path(page.trim_end_matches("index.html"));
        xml.push_str("  <url><loc>");
        push_escaped(&mut xml, &d.config.urls.absolute(&url));
        xml.push_str("</loc></url>\n");
    }
    xml.push_str("</urlset>\n");
    OutputFile {
        path,
        bytes: xml.into_bytes(),
    }
}

fn robots(d: &Directory) -> OutputFile {
    let sitemap = d.config.urls.absolute(&d.config.urls.path("sitemap.xml"));
    OutputFile {
        path: "robots.txt".to_owned(),
        bytes: format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n").into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_site_gets_a_sitemap_index() {
        let config = crate::config::parse("title: T\nbase_url: https://e.org/\n".into(), None)
            .expect("config");
        let content = crate::content::model::Content::default();
        let (d, _) = crate::graph::link(content, config, &Default::default());
        let pages: Vec<String> = (0..SITEMAP_URLS + 1)
            .map(|i| format!("cities/c{i}/index.html"))
            .collect();
        let files = sitemaps(&d, pages.iter().map(String::as_str));
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["sitemaps/1.xml", "sitemaps/2.xml", "sitemap.xml"]);
        let text = |i: usize| String::from_utf8_lossy(&files[i].bytes).into_owned();
        assert_eq!(text(0).matches("<url>").count(), SITEMAP_URLS);
        assert_eq!(text(1).matches("<url>").count(), 1);
        assert!(
            text(2).contains("<sitemap><loc>https://e.org/sitemaps/2.xml</loc></sitemap>"),
            "{}",
            text(2)
        );
        let small = sitemaps(&d, pages[..2].iter().map(String::as_str));
        assert_eq!(small.len(), 1);
        assert!(String::from_utf8_lossy(&small[0].bytes).starts_with("<?xml"));
    }

    #[test]
    fn page_window_links_ends_and_neighbours() {
        let numbers = |c, p| {
            page_window(c, p)
                .into_iter()
                .map(|(n, gap)| {
                    if gap {
                        format!("…{n}")
                    } else {
                        n.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(numbers(1, 1), "1");
        assert_eq!(numbers(1, 3), "1 2 3");
        assert_eq!(numbers(10, 2000), "1 …8 9 10 11 12 …2000");
        assert_eq!(numbers(2000, 2000), "1 …1998 1999 2000");
    }
}

//! The render stage: the directory graph → the files of the site, handed to a [`Sink`]
//! as they are made, so that a large site is never whole in memory.
//!
//! One driver, [`Renderer`]: it prepares what every page shares (the views, the lists'
//! orders, `site` and `t` as Tera's global context), then renders any selection of
//! [`Page`]s in parallel against one shared `Tera`, and the files made from the whole
//! directory. A build renders every page ([`render`]); `serve` renders only the pages
//! an edit touches, found through the index of what each page shows ([`shown`]).
//!
//! A template error is reported once per template position, however many pages hit
//! it. Output is deterministic: the same directory and theme give the same bytes.

pub mod data;
pub mod feeds;
pub mod filters;
mod home;
pub mod jsonld;
pub mod list;
pub mod maps;
pub mod page;
pub mod search;
pub mod shown;
pub mod sink;
mod site;
pub mod sitemap;
pub mod stats;
pub mod theme;
pub mod view;

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Mutex, OnceLock};

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::graph::Directory;
use list::ListOrders;
pub use page::Page;
use shown::Entry;
use sink::Guarded;
pub use sink::Sink;
use site::SiteView;
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

/// Renders every page and every other file of the site into `sink`. After `sink` fails
/// once it is not called again; its error is among the diagnostics returned.
pub fn render(directory: &Directory, mut theme: Theme, sink: impl Sink) -> Diagnostics {
    let renderer = Renderer::new(directory, &mut theme);
    renderer.orders();
    let sink = Guarded::new(sink);
    let pages = Page::all(directory);
    let (rendered, mut errors) = rayon::join(
        || renderer.pages(&pages, Record::No, &sink),
        || renderer.directory_files(&sink),
    );
    errors.extend(rendered.errors);
    errors.extend(renderer.sitemap(&sink));
    once_per_place(errors)
}

/// The files made from the whole directory rather than from pages, into `sink`; for
/// `serve`, which makes them after the pages.
pub fn directory_files(directory: &Directory, sink: &dyn Sink) -> Vec<Diagnostic> {
    let views = Views::new(directory);
    let orders = ListOrders::new(&views);
    make_directory_files(&views, &orders, sink)
}

/// How many pages [`render`] makes.
pub fn page_count(directory: &Directory) -> usize {
    Page::all(directory).len()
}

/// Whether to record what each page shows, for [`shown::Shown`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    Yes,
    No,
}

/// What [`Renderer::pages`] did.
#[derive(Debug, Default)]
pub struct Rendered {
    /// How many pages were asked for.
    pub pages: usize,
    /// For each page rendered with [`Record::Yes`], the entries it shows.
    pub shown: Vec<(Page, Vec<Entry>)>,
    pub errors: Vec<Diagnostic>,
}

/// What every page of one render shares.
pub struct Renderer<'a> {
    views: Views<'a>,
    /// Made when a list page or the directory's files first need them: `serve` renders
    /// the page of an entry whose body changed without them.
    orders: OnceLock<ListOrders>,
    theme: &'a Theme,
}

/// At most this many pages are rendered as one piece of work. Rayon otherwise cuts the
/// pages into a few large pieces while the other threads are busy with the
/// directory-wide files, and when those are done there is nothing left to share.
const PAGES_A_TASK: usize = 64;

impl<'a> Renderer<'a> {
    /// Prepares a render of `d`, and sets `site` and `t` as the theme's global context.
    pub fn new(d: &'a Directory, theme: &'a mut Theme) -> Self {
        let views = Views::new(d);
        let site = SiteView::new(&views);
        theme.tera.global_context().insert("site", &site);
        theme.tera.global_context().insert("t", &theme.strings);
        Self {
            views,
            orders: OnceLock::new(),
            theme,
        }
    }

    /// The lists' orders. Rayon threads that ask while another makes them wait,
    /// without helping: [`render`] makes them before its pages.
    fn orders(&self) -> &ListOrders {
        self.orders.get_or_init(|| ListOrders::new(&self.views))
    }

    pub fn directory(&self) -> &'a Directory {
        self.views.d
    }

    /// A hash of `site` and `t`, which every page shows: pages rendered with the same
    /// one differ only by their own context.
    pub fn shared_fingerprint(&self) -> u64 {
        let mut hasher = DefaultHasher::new();
        let site = serde_json::to_string(&SiteView::new(&self.views)).unwrap_or_default();
        site.hash(&mut hasher);
        self.theme.strings.hash(&mut hasher);
        hasher.finish()
    }

    /// Renders `pages` in parallel into `sink`.
    pub fn pages(&self, pages: &[Page], record: Record, sink: &Guarded<impl Sink>) -> Rendered {
        // Only the pages with something to tell are collected, in page order: a slot
        // for each page's result (a `Diagnostic` wide) was some 60 MB at 100,000
        // cities, filled while the pages were rendered.
        let told: Vec<_> = pages
            .par_iter()
            .with_max_len(PAGES_A_TASK)
            .filter_map(|&page| match self.page(page, record, sink) {
                Ok(shown) => shown.map(|entries| (page, Ok(entries))),
                Err(error) => Some((page, Err(error))),
            })
            .collect();
        let mut rendered = Rendered {
            pages: pages.len(),
            ..Rendered::default()
        };
        for (page, result) in told {
            match result {
                Ok(entries) => rendered.shown.push((page, entries)),
                Err(error) => rendered.errors.extend(error),
            }
        }
        rendered
    }

    /// Renders one page into `sink`; with the entries it shows when recording.
    fn page(
        &self,
        page: Page,
        record: Record,
        sink: &Guarded<impl Sink>,
    ) -> Result<Option<Vec<Entry>>, Option<Diagnostic>> {
        let url = page.url(self.views.d);
        let (context, shown) = match record {
            Record::Yes => {
                let (context, entries) = shown::record(|| page::context(self, page, &url));
                (context?, Some(entries))
            }
            Record::No => (page::context(self, page, &url)?, None),
        };
        let mut bytes = Vec::with_capacity(16 * 1024);
        // Into bytes, which is what is written: `Tera::render` would check that the
        // page is UTF-8 to make it a `String`, which Tera's output always is.
        (self.theme.tera)
            .render_to(page.template(), &context, &mut bytes)
            .map_err(|e| Some(theme::template_diagnostic(&e, &self.theme.sources)))?;
        let path = self.views.d.config.urls.output_file(&url);
        sink.take(OutputFile { path, bytes })?;
        Ok(shown)
    }

    /// `sitemap.xml` and its parts, of every page of the directory.
    pub fn sitemap(&self, sink: &Guarded<impl Sink>) -> Vec<Diagnostic> {
        let d = self.views.d;
        let paths: Vec<String> = (Page::all(d).into_par_iter())
            .map(|page| d.config.urls.output_file(&page.url(d)))
            .collect();
        let files = sitemap::sitemaps(d, paths.iter().map(String::as_str));
        let taken = files.into_iter().map(|file| sink.take(file));
        taken.filter_map(|result| result.err().flatten()).collect()
    }

    fn word(&self, key: &str) -> String {
        let word = self.theme.strings.get(key);
        word.cloned().unwrap_or_else(|| key.to_owned())
    }

    fn words(&self) -> &BTreeMap<String, String> {
        &self.theme.strings
    }

    fn site_description(&self) -> String {
        let config = &self.views.d.config;
        config
            .description
            .as_deref()
            .unwrap_or(&config.title)
            .to_owned()
    }

    /// The heading of a page of the site itself, titled with the theme's word `key`.
    fn site_heading(&self, key: &str, description: String) -> page::Heading {
        page::Heading {
            title: self.word(key),
            description,
        }
    }

    /// The files made from the whole directory rather than from pages (robots.txt, open
    /// data, feeds, search and filter data), each handed to `out` as soon as it is made,
    /// the open data as it is written. Returns the errors of `out`.
    pub fn directory_files(&self, out: &dyn Sink) -> Vec<Diagnostic> {
        make_directory_files(&self.views, self.orders(), out)
    }
}

/// See [`Renderer::directory_files`].
fn make_directory_files(views: &Views, orders: &ListOrders, out: &dyn Sink) -> Vec<Diagnostic> {
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
        each(sitemap::robots(d));
        maps::land_files().into_iter().for_each(each);
    });
    errors.into_inner().unwrap_or_default()
}

/// Template errors, once per template position however many pages hit it.
pub fn once_per_place(errors: Vec<Diagnostic>) -> Diagnostics {
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

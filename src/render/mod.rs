//! The render stage: the directory graph → the files of the site, handed to a [`Sink`]
//! as they are made, so that a large site is never whole in memory.
//!
//! One driver, [`Renderer`]: for each of the site's languages (an [`Edition`] of the
//! site) it prepares what every page shares (the views, the lists' orders, `site` and
//! `t` as Tera's global context), then renders any selection of [`Page`]s in every
//! language in parallel, each against its language's shared `Tera`, and the files made
//! from the whole directory. A build renders every page ([`render`]); `serve` renders
//! only the pages an edit touches, found through the index of what each page shows
//! ([`shown`]). A page exists in every language, at the same address under the
//! language's prefix.
//!
//! A template error is reported once per template position, however many pages hit
//! it. Output is deterministic: the same directory and theme give the same bytes.

pub mod calendar;
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
mod wikidata;

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};
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
    renderer.editions.par_iter().for_each(|edition| {
        edition.orders();
    });
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

/// How many pages [`render`] makes.
pub fn page_count(directory: &Directory) -> usize {
    Page::all(directory).len() * directory.config.languages.len()
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

/// What every page of one render shares: the site in each of its languages.
pub struct Renderer<'a> {
    editions: Vec<Edition<'a>>,
}

/// The site in one language: what its pages share.
pub struct Edition<'a> {
    views: Views<'a>,
    /// Made when a list page or the directory's files first need them: `serve` renders
    /// the page of an entry whose body changed without them.
    orders: OnceLock<ListOrders>,
    theme: &'a theme::InLanguage,
    /// The templates' sources, for diagnostics.
    sources: &'a BTreeMap<String, Arc<SourceFile>>,
}

/// At most this many pages are rendered as one piece of work. Rayon otherwise cuts the
/// pages into a few large pieces while the other threads are busy with the
/// directory-wide files, and when those are done there is nothing left to share.
const PAGES_A_TASK: usize = 64;

impl<'a> Renderer<'a> {
    /// Prepares a render of `d`, and sets `site` and `t` as each language's global
    /// context.
    pub fn new(d: &'a Directory, theme: &'a mut Theme) -> Self {
        for (language, own) in theme.languages.iter_mut().enumerate() {
            let views = Views::new(d, language, &own.strings);
            let site = SiteView::new(&views);
            own.tera.global_context().insert("site", &site);
            own.tera.global_context().insert("t", &*own.strings);
        }
        let theme: &'a Theme = theme;
        let editions = (theme.languages.iter().enumerate())
            .map(|(language, own)| Edition {
                views: Views::new(d, language, &own.strings),
                orders: OnceLock::new(),
                theme: own,
                sources: &theme.sources,
            })
            .collect();
        Self { editions }
    }

    pub fn directory(&self) -> &'a Directory {
        self.editions[0].views.d
    }

    /// A hash of `site` and `t` in every language, which every page shows: pages
    /// rendered with the same one differ only by their own context.
    pub fn shared_fingerprint(&self) -> u64 {
        let mut hasher = DefaultHasher::new();
        for edition in &self.editions {
            let site = serde_json::to_string(&SiteView::new(&edition.views)).unwrap_or_default();
            site.hash(&mut hasher);
            edition.theme.strings.hash(&mut hasher);
        }
        hasher.finish()
    }

    /// Renders `pages` in every language, in parallel, into `sink`. What each page
    /// shows is recorded from the default language's: every language shows the same
    /// entries.
    pub fn pages(&self, pages: &[Page], record: Record, sink: &Guarded<impl Sink>) -> Rendered {
        // Only the pages with something to tell are collected: a slot for each page's
        // result (a `Diagnostic` wide) was some 60 MB at 100,000 cities, filled while
        // the pages were rendered.
        let told: Vec<_> = (self.editions.par_iter().enumerate())
            .flat_map(|(i, edition)| {
                let record = if i == 0 { record } else { Record::No };
                let pages = pages.par_iter().with_max_len(PAGES_A_TASK);
                pages.filter_map(move |&page| match edition.page(page, record, sink) {
                    Ok(shown) => shown.map(|entries| (page, Ok(entries))),
                    Err(error) => Some((page, Err(error))),
                })
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

    /// `sitemap.xml` and its parts, of every page of the directory in every language.
    pub fn sitemap(&self, sink: &Guarded<impl Sink>) -> Vec<Diagnostic> {
        let d = self.directory();
        let languages = &d.config.languages;
        let pages: Vec<Vec<String>> = (Page::all(d).into_par_iter())
            .map(|page| languages.iter().map(|l| page.url(d, &l.urls)).collect())
            .collect();
        let files = sitemap::sitemaps(d, &pages);
        let taken = files.into_iter().map(|file| sink.take(file));
        taken.filter_map(|result| result.err().flatten()).collect()
    }

    /// The files made from the whole directory rather than from pages (robots.txt, open
    /// data, maps' land, and in each language the feeds, search and filter data), each
    /// handed to `out` as soon as it is made, the open data as it is written. Returns
    /// the errors of `out`.
    pub fn directory_files(&self, out: &dyn Sink) -> Vec<Diagnostic> {
        let editions: Vec<(&Views, &ListOrders)> = (self.editions.iter())
            .map(|edition| (&edition.views, edition.orders()))
            .collect();
        make_directory_files(self.directory(), &editions, out)
    }
}

/// The files made from the whole directory rather than from pages, into `sink`, with
/// the theme's words in each language; for `serve`, which makes them after the pages.
pub fn directory_files(
    directory: &Directory,
    words: &[Arc<theme::Words>],
    sink: &dyn Sink,
) -> Vec<Diagnostic> {
    let views: Vec<Views> = (words.iter().enumerate())
        .map(|(language, words)| Views::new(directory, language, words))
        .collect();
    let orders: Vec<ListOrders> = views.par_iter().map(ListOrders::new).collect();
    let editions: Vec<(&Views, &ListOrders)> = views.iter().zip(&orders).collect();
    make_directory_files(directory, &editions, sink)
}

/// See [`Renderer::directory_files`].
fn make_directory_files(
    d: &Directory,
    editions: &[(&Views, &ListOrders)],
    out: &dyn Sink,
) -> Vec<Diagnostic> {
    let errors = Mutex::new(Vec::new());
    let keep = |taken: Result<(), Diagnostic>| {
        if let Err(error) = taken
            && let Ok(mut errors) = errors.lock()
        {
            errors.push(error);
        }
    };
    let each = |file| keep(out.file(file));
    // Each language's search finds entries by their kinds' words in all languages.
    let languages: Vec<&Views> = editions.iter().map(|&(views, _)| views).collect();
    let languages = &languages[..];
    // Independent of each other and of the pages: made one after another, they kept
    // one core busy alone after the last page. The open data files are the exception,
    // made in turn: a sink that keeps files in memory holds each whole.
    rayon::scope(|s| {
        s.spawn(|_| {
            for (path, write) in data::FILES {
                keep(out.stream(path, &mut |to| write(d, to)));
            }
        });
        for &(views, orders) in editions {
            let each = &each;
            s.spawn(move |_| feeds::files(views).into_iter().for_each(each));
            s.spawn(move |_| search::files(views, languages, each));
            s.spawn(move |_| {
                let lists = [&orders.cities[..], &orders.programs, &orders.agreements];
                filters::files(views, &orders.facets, lists, each);
            });
        }
        each(sitemap::robots(d));
        if let Some(&(views, _)) = editions.first() {
            each(calendar::file(views));
        }
        maps::land_files().into_iter().for_each(each);
    });
    errors.into_inner().unwrap_or_default()
}

impl<'a> Edition<'a> {
    /// The lists' orders. Rayon threads that ask while another makes them wait,
    /// without helping: [`render`] makes them before its pages.
    fn orders(&self) -> &ListOrders {
        self.orders.get_or_init(|| ListOrders::new(&self.views))
    }

    /// Renders one page into `sink`; with the entries it shows when recording.
    fn page(
        &self,
        page: Page,
        record: Record,
        sink: &Guarded<impl Sink>,
    ) -> Result<Option<Vec<Entry>>, Option<Diagnostic>> {
        let url = page.url(self.views.d, self.views.urls());
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
            .map_err(|e| Some(theme::template_diagnostic(&e, self.sources)))?;
        let path = self.views.urls().output_file(&url);
        sink.take(OutputFile { path, bytes })?;
        Ok(shown)
    }

    fn word(&self, key: &str) -> String {
        let word = self.theme.strings.get(key);
        word.cloned().unwrap_or_else(|| key.to_owned())
    }

    fn site_description(&self) -> String {
        let config = &self.views.d.config;
        let language = self.views.language;
        match &config.description {
            Some(description) => description.get(language).to_owned(),
            None => config.title.get(language).to_owned(),
        }
    }

    /// The heading of a page of the site itself, titled with the theme's word `key`.
    fn site_heading(&self, key: &str, description: String) -> page::Heading {
        page::Heading {
            title: self.word(key),
            description,
        }
    }
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

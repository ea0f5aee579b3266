//! Incremental rendering, for `serve`: renders only the pages whose inputs changed
//! since the previous render.
//!
//! Input: the directory, the theme, and the [`Fingerprints`] the previous render left.
//! Output ([`Changed`]): the pages rendered anew, every file that is not a page, the
//! paths of the pages left out because nothing they show changed, and new fingerprints.
//!
//! A page is a pure function of its template, the shared context (`site`, `t`) and its
//! own context. Rather than keeping a list of which entries each page shows (a list
//! that would drift from the views), every page's context is built and fingerprinted,
//! and the page is rendered only when its fingerprint or the shared one differs from
//! the previous render's. That is exact whatever the views show: a partner's page
//! changes fingerprint when the partner's name changes, a page that does not show the
//! name does not. Building a context costs a fraction of rendering it, and maps, which
//! cost the most to draw, go into a fingerprint as what they show, bodies as their
//! Markdown (`Detail::Fingerprint`).
//!
//! Invariants: the result, completed with the previous render's unchanged pages, is
//! byte for byte what [`super::render`] gives (tested in `serve`). The fingerprints
//! describe the context only, not the templates: the caller starts from empty
//! fingerprints whenever the theme was reloaded.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use rayon::prelude::*;
use serde::Serialize;

use super::{
    Chrome, ContextSink, Detail, Job, ListOrders, OutputFile, PAGES_A_TASK, SiteView, Theme, Views,
    directory_files, jobs, once_per_place, page_context, render_job, set_site_context, sitemaps,
};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::graph::Directory;

/// Fingerprints of a render's pages, by output path, and of the shared context.
#[derive(Debug, Default, Clone)]
pub struct Fingerprints {
    site: u64,
    pages: HashMap<String, u64>,
}

impl Fingerprints {
    /// How many pages the render had.
    pub fn pages(&self) -> usize {
        self.pages.len()
    }
}

/// What [`render_changed`] produced.
#[derive(Debug)]
pub struct Changed {
    /// The pages rendered anew and every file that is not a page, sorted by path.
    pub files: Vec<OutputFile>,
    /// Output paths of the pages not rendered: their bytes are the previous render's.
    pub unchanged: Vec<String>,
    /// Of every page of this render, for the next call.
    pub fingerprints: Fingerprints,
    pub diagnostics: Diagnostics,
}

/// Renders the pages whose context changed since the render that left `previous`
/// (all of them when `previous` is empty), and every file that is not a page.
pub fn render_changed(d: &Directory, theme: &mut Theme, previous: &Fingerprints) -> Changed {
    let views = Views::new(d);
    let addresses = set_site_context(&views, theme);
    let mut shared = Fingerprint::default();
    shared.insert("site", &SiteView::new(&views));
    shared.insert("t", &theme.strings);
    let site = shared.finish("").unwrap_or_default();
    let previous = (site == previous.site).then_some(previous);
    let orders = ListOrders::new(&views);
    let chrome = Chrome::new(theme, &addresses, &orders);
    let (outcomes, others): (Vec<Outcome>, _) = rayon::join(
        || {
            jobs(d)
                .par_iter()
                .with_max_len(PAGES_A_TASK)
                .map(|&job| render_if_changed(&views, theme, &orders, &chrome, job, previous))
                .collect()
        },
        || {
            let files = std::sync::Mutex::new(Vec::new());
            directory_files(&views, &orders, &|file| {
                if let Ok(mut files) = files.lock() {
                    files.push(file);
                }
                Ok(())
            });
            files.into_inner().unwrap_or_default()
        },
    );
    let mut changed = Changed {
        files: Vec::new(),
        unchanged: Vec::new(),
        fingerprints: Fingerprints {
            site,
            pages: HashMap::with_capacity(outcomes.len()),
        },
        diagnostics: Diagnostics::new(),
    };
    let mut errors = Vec::new();
    for outcome in outcomes {
        match outcome {
            Outcome::Rendered(file, value) => {
                if let Some(value) = value {
                    changed.fingerprints.pages.insert(file.path.clone(), value);
                }
                changed.files.push(file);
            }
            Outcome::Unchanged(path, value) => {
                changed.fingerprints.pages.insert(path.clone(), value);
                changed.unchanged.push(path);
            }
            Outcome::Failed(error) => errors.push(error),
        }
    }
    let pages = changed.files.iter().map(|f| f.path.as_str());
    let sitemaps = sitemaps(d, pages.chain(changed.unchanged.iter().map(String::as_str)));
    changed.files.extend(sitemaps);
    changed.files.extend(others);
    changed.files.sort_by(|a, b| a.path.cmp(&b.path));
    changed.diagnostics = once_per_place(errors);
    changed
}

enum Outcome {
    /// With the page's fingerprint, unless its context could not be fingerprinted.
    Rendered(OutputFile, Option<u64>),
    Unchanged(String, u64),
    Failed(Diagnostic),
}

/// Fingerprints a page's context and renders it unless `previous` (when there is one)
/// has the same fingerprint for its path.
fn render_if_changed(
    views: &Views,
    theme: &Theme,
    orders: &ListOrders,
    chrome: &Chrome,
    job: Job,
    previous: Option<&Fingerprints>,
) -> Outcome {
    let mut fingerprint = Fingerprint::default();
    let placed = page_context(views, theme, orders, job, &mut fingerprint);
    let value = fingerprint.finish(placed.template);
    if let Some(value) = value
        && previous.and_then(|p| p.pages.get(&placed.path)) == Some(&value)
    {
        return Outcome::Unchanged(placed.path, value);
    }
    match render_job(views, theme, orders, chrome, job) {
        Ok(file) => Outcome::Rendered(file, value),
        Err(error) => Outcome::Failed(error),
    }
}

/// A hash of everything put into a page's context, through its JSON form (which is
/// deterministic: views are structs and ordered maps).
#[derive(Default)]
struct Fingerprint {
    writer: HashWriter,
    /// A value failed to serialize: the page has no fingerprint and is always rendered.
    failed: bool,
}

impl Fingerprint {
    fn finish(mut self, template: &str) -> Option<u64> {
        self.writer.flush_buffer();
        template.hash(&mut self.writer.hasher);
        (!self.failed).then(|| self.writer.hasher.finish())
    }
}

impl ContextSink for Fingerprint {
    fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.failed |= serde_json::to_writer(&mut self.writer, key).is_err();
        self.failed |= serde_json::to_writer(&mut self.writer, value).is_err();
    }

    /// A map is a pure function of what it shows, and a body's HTML of its Markdown and
    /// site.yaml (whose change renders everything): fingerprinting those is exact, and
    /// spares drawing every city's land to find the few pages that changed.
    fn detail(&self) -> Detail {
        Detail::Fingerprint
    }
}

/// Feeds written bytes to a hasher in blocks, so that the many small writes of a
/// serializer cost a copy each rather than a hasher call each.
struct HashWriter {
    hasher: DefaultHasher,
    buffer: Box<[u8; 4096]>,
    len: usize,
}

impl Default for HashWriter {
    fn default() -> Self {
        Self {
            hasher: DefaultHasher::new(),
            buffer: Box::new([0; 4096]),
            len: 0,
        }
    }
}

impl HashWriter {
    fn flush_buffer(&mut self) {
        self.hasher.write(&self.buffer[..self.len]);
        self.len = 0;
    }
}

impl std::io::Write for HashWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.len + bytes.len() > self.buffer.len() {
            self.flush_buffer();
        }
        if bytes.len() >= self.buffer.len() {
            self.hasher.write(bytes);
        } else {
            self.buffer[self.len..self.len + bytes.len()].copy_from_slice(bytes);
            self.len += bytes.len();
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

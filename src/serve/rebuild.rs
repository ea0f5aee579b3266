//! Building the site in memory, again and again, redoing only what a change asks for.
//!
//! Input: the [`Changes`] of one burst of editing. Output: an [`Outcome`] with the
//! diagnostics of the whole site (as `amicus check` reports them) and, when the build
//! succeeded, the new [`Built`] site. Kept between builds: the parsed content files
//! (parsing is per file and depends only on the file and site.yaml), the last link with
//! its problems, the theme, the index of what each page shows, and the last good site
//! with its directory.
//!
//! - a content file: re-read the files whose stamp (modification time and size) or
//!   path changed; when they are files read before whose front matter is as it was,
//!   check again only their bodies in the last link ([`super::relink`]), else link the
//!   whole directory again; render the pages the change touches
//!   ([`super::affected`]), then, after the open pages were told to reload, the files
//!   made from the whole directory (search, filters, data, feeds) on another thread: a
//!   request for one of them waits until they are made;
//! - a theme file: reload the theme; render every page when a template or word changed;
//! - site.yaml, or entries added, removed or renamed: every page again.
//!
//! Invariant: the result is byte for byte what a clean build gives. A failed build
//! leaves the last good site and the caches as they were.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::SystemTime;

use rayon::prelude::*;

use super::watch::Changes;
use super::{affected, relink};
use crate::config::{self, Config};
use crate::content::model::{Collection, Content};
use crate::content::parse::{self, Entity};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::graph::Directory;
use crate::load;
use crate::pipeline::{self, Linked, SiteOptions, Timings};
use crate::render::shown::Shown;
use crate::render::sink::Guarded;
use crate::render::theme::{self, Asset, Theme};
use crate::render::{self, OutputFile, Page, Record, Renderer};

/// Files by output path.
type Files = HashMap<String, Arc<OutputFile>>;

/// A sink that keeps the files it takes, from any thread.
#[derive(Default)]
struct Collected(Mutex<Files>);

impl render::Sink for Collected {
    fn file(&self, file: OutputFile) -> Result<(), Diagnostic> {
        let mut files = self.0.lock().unwrap_or_else(|e| e.into_inner());
        files.insert(file.path.clone(), Arc::new(file));
        Ok(())
    }
}

impl Collected {
    fn into_files(self) -> Files {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

/// Pages by output path: those of an earlier render that still hold, shared between
/// builds, and those rendered since. Copying every page's entry after each edit took
/// longer than rendering the pages the edit touched.
#[derive(Debug, Default)]
struct Pages {
    earlier: Arc<Files>,
    since: Files,
}

impl From<Files> for Pages {
    fn from(files: Files) -> Self {
        Self {
            earlier: Arc::new(files),
            since: Files::new(),
        }
    }
}

impl Pages {
    fn get(&self, path: &str) -> Option<&Arc<OutputFile>> {
        (self.since.get(path)).or_else(|| self.earlier.get(path))
    }

    fn iter(&self) -> impl Iterator<Item = &Arc<OutputFile>> {
        let earlier = self.earlier.iter();
        let kept = earlier.filter(|(path, _)| !self.since.contains_key(*path));
        self.since.values().chain(kept.map(|(_, file)| file))
    }

    /// These pages with `rendered` in place of those at the same paths. The pages
    /// rendered since are merged into the earlier ones once they are an eighth as many,
    /// so that copying them stays cheaper than copying all.
    fn with(&self, rendered: Files) -> Self {
        let mut since = self.since.clone();
        since.extend(rendered);
        if since.len() <= self.earlier.len() / 8 {
            let earlier = Arc::clone(&self.earlier);
            return Self { earlier, since };
        }
        let mut all = Files::clone(&self.earlier);
        all.extend(since);
        Self::from(all)
    }
}

/// A built site, as served: every rendered file by output path, and the theme's assets.
#[derive(Debug)]
pub struct Built {
    /// The pages and the sitemap.
    pages: Pages,
    /// The files made from the whole directory, made after the pages.
    directory_files: Arc<OnceLock<Files>>,
    /// Path under `static/` → where the bytes are.
    pub assets: BTreeMap<String, Asset>,
    pub title: String,
}

impl Default for Built {
    fn default() -> Self {
        Self {
            pages: Pages::default(),
            directory_files: Arc::new(OnceLock::from(Files::new())),
            assets: BTreeMap::new(),
            title: String::new(),
        }
    }
}

impl Built {
    /// The file at `path`, waiting for the directory's files if they are still being
    /// made.
    pub fn file(&self, path: &str) -> Option<&Arc<OutputFile>> {
        (self.pages.get(path)).or_else(|| self.directory_files.wait().get(path))
    }

    /// Every file, once all are made.
    pub fn files(&self) -> impl Iterator<Item = &Arc<OutputFile>> {
        (self.pages.iter()).chain(self.directory_files.wait().values())
    }
}

/// What one build did.
pub struct Outcome {
    /// Every problem of the site, sorted, whether or not the build succeeded.
    pub diagnostics: Diagnostics,
    /// The new site, when the build succeeded.
    pub built: Option<Arc<Built>>,
    pub timings: Timings,
    /// Content files read and parsed anew.
    pub parsed: usize,
    /// Pages rendered anew, out of `pages`.
    pub rendered: usize,
    pub pages: usize,
}

/// Entries read again, each with what parse found in its file.
type Edited = Vec<(Entity, Vec<Diagnostic>)>;

/// A content file as last read, with its parse.
struct Document {
    stamp: Stamp,
    parsed: (Option<Entity>, Vec<Diagnostic>),
}

/// When a file was last modified, and its size: a changed stamp means a changed file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp(Option<SystemTime>, u64);

impl Stamp {
    fn of(path: &Path) -> Option<Self> {
        let metadata = std::fs::metadata(path).ok()?;
        Some(Self(metadata.modified().ok(), metadata.len()))
    }
}

/// Everything kept between builds. See the module documentation.
pub struct Session {
    options: SiteOptions,
    config: Option<Config>,
    /// By collection, then path: the order in which `load` reads them.
    documents: BTreeMap<(Collection, PathBuf), Document>,
    /// What the last walk of `content/` found wrong (an unreadable folder).
    scan_problems: Vec<Diagnostic>,
    theme: Option<Theme>,
    /// The last link, whether or not its site could be rendered: an edit of bodies
    /// alone starts from it ([`relink`]).
    linked: Option<Linked>,
    /// What each page of the last render shows.
    shown: Shown,
    /// The last good render: its directory, the fingerprint of `site` and `t` its
    /// pages were rendered with (`None` after the templates changed), and its site.
    last: Option<Last>,
}

struct Last {
    directory: Arc<Directory>,
    shared: Option<u64>,
    built: Arc<Built>,
}

impl Session {
    /// `options.root` should be absolute, like the paths the watcher reports.
    pub fn new(options: SiteOptions) -> Self {
        Self {
            options,
            config: None,
            documents: BTreeMap::new(),
            scan_problems: Vec::new(),
            theme: None,
            linked: None,
            shown: Shown::default(),
            last: None,
        }
    }

    pub fn root(&self) -> &Path {
        &self.options.root
    }

    /// Builds the site again after `changes`; the first call builds it all.
    pub fn build(&mut self, changes: &Changes) -> Outcome {
        let mut timings = Timings::default();
        if changes.config || self.config.is_none() {
            self.config = None;
            self.documents.clear();
            self.theme = None;
            self.linked = None;
            let root = &self.options.root;
            let base_url = self.options.base_url.as_deref();
            match timings.time("config", || config::load(root, base_url)) {
                Ok(config) => self.config = Some(config),
                Err(diagnostics) => return failed(diagnostics, timings),
            }
        }
        let Some(config) = self.config.clone() else {
            return failed(Diagnostics::new(), timings);
        };
        let (edited, parsed) = timings.time("parse", || self.parse(&config, &changes.content));
        let last = self.linked.take();
        let relinked = (last.as_ref().zip(edited))
            .and_then(|(last, edited)| relink::bodies(last, &edited, &mut timings));
        let linked = match relinked {
            Some(linked) => linked,
            None => {
                let (content, diagnostics) = timings.time("assemble", || self.assemble());
                pipeline::link(&self.options, config, content, diagnostics, &mut timings)
            }
        };
        let diagnostics = linked.diagnostics();
        let directory = Arc::clone(&linked.directory);
        self.linked = Some(linked);
        if diagnostics.has_errors() {
            return failed(diagnostics, timings);
        }
        if (changes.templates || self.theme.is_none())
            && let Err(found) = timings.time("theme", || self.reload_theme(&directory.config))
        {
            let mut diagnostics = diagnostics;
            diagnostics.extend(found);
            return failed(diagnostics.sorted(), timings);
        }
        let mut outcome = timings.time("render", || self.render(directory, diagnostics));
        outcome.parsed = parsed;
        outcome.timings = timings;
        outcome
    }

    /// Reads and parses the content files that are new or changed, keeps the others.
    /// Returns the entries read again when the changes are edits of files read before
    /// that still give an entry (else `None`), and how many files were read.
    fn parse(&mut self, config: &Config, changed: &BTreeSet<PathBuf>) -> (Option<Edited>, usize) {
        let before = self.documents.len();
        let (stale, edits) = match self.changed_files(changed) {
            Some(stale) => (stale, true),
            None => (self.rescan(changed), false),
        };
        let edits = edits
            && self.documents.len() == before
            && stale.iter().all(|key| self.documents.contains_key(key));
        let count = stale.len();
        let root = &self.options.root;
        let read: Vec<((Collection, PathBuf), Document)> = stale
            .into_par_iter()
            .map(|(collection, path)| {
                let stamp = Stamp::of(&path).unwrap_or(Stamp(None, 0));
                let parsed = match load::read(root, collection, &path) {
                    Ok(raw) => parse::parse_document(raw, config),
                    Err(diagnostic) => (None, vec![diagnostic]),
                };
                ((collection, path), Document { stamp, parsed })
            })
            .collect();
        let edited = read.iter().map(|(_, document)| match &document.parsed {
            (Some(entity), found) => Some((entity.clone(), found.clone())),
            (None, _) => None,
        });
        let edited = edits.then(|| edited.collect::<Option<Edited>>()).flatten();
        self.documents.extend(read);
        (edited, count)
    }

    /// Every document's parse, assembled into content as a clean check does, with what
    /// parse found.
    fn assemble(&self) -> (Content, Diagnostics) {
        let mut diagnostics: Diagnostics = self.scan_problems.iter().cloned().collect();
        // In the order `load` gives (collection, then path), like a clean check.
        let parsed = self.documents.values().map(|d| d.parsed.clone()).collect();
        let (content, found) = parse::assemble(parsed);
        diagnostics.extend(found);
        (content, diagnostics)
    }

    /// The content files that changed, when the changes name them all: the ones that
    /// still exist are returned to be read, the others are forgotten, and paths that
    /// are neither (an editor's temporary file, renamed away) are left alone. `None`
    /// when a folder changed (or nothing was read yet): the content must be rescanned.
    fn changed_files(&mut self, changed: &BTreeSet<PathBuf>) -> Option<Vec<(Collection, PathBuf)>> {
        if self.documents.is_empty() {
            return None;
        }
        let content = self.options.root.join("content");
        let mut stale = Vec::new();
        for path in changed {
            let metadata = std::fs::symlink_metadata(path);
            if metadata.as_ref().is_ok_and(|m| m.is_dir()) || self.holds_documents(path) {
                return None;
            }
            let folder = path
                .strip_prefix(&content)
                .ok()
                .and_then(|p| p.iter().next());
            let Some(collection) =
                folder.and_then(|f| Collection::from_folder(&f.to_string_lossy()))
            else {
                continue;
            };
            if metadata.is_ok_and(|m| m.is_file()) && load::is_markdown(path) {
                stale.push((collection, path.clone()));
            } else {
                self.documents.remove(&(collection, path.clone()));
            }
        }
        Some(stale)
    }

    /// Whether `path` is a folder that held documents (and may have been removed).
    fn holds_documents(&self, path: &Path) -> bool {
        // In path order, what a folder holds comes right after it.
        Collection::ALL.iter().any(|&collection| {
            let from = (collection, path.to_path_buf());
            let next = (self.documents.range(from..).map(|(key, _)| key))
                .take_while(|(c, _)| *c == collection)
                .find(|(_, document)| document != path);
            next.is_some_and(|(_, document)| document.starts_with(path))
        })
    }

    /// Walks `content/` again: files that are new, changed on disk (their stamp) or
    /// named in `changed` are returned to be read; files no longer there are forgotten.
    fn rescan(&mut self, changed: &BTreeSet<PathBuf>) -> Vec<(Collection, PathBuf)> {
        let (paths, problems) = load::discover(&self.options.root);
        self.scan_problems = problems.iter().cloned().collect();
        let found: HashSet<&(Collection, PathBuf)> = paths.iter().collect();
        self.documents.retain(|key, _| found.contains(key));
        let documents = &self.documents;
        paths
            .par_iter()
            .filter(|key| {
                changed.contains(&key.1)
                    || documents.get(*key).map(|d| d.stamp) != Stamp::of(&key.1)
            })
            .cloned()
            .collect()
    }

    /// Loads the theme; the pages rendered before stay valid only when its templates
    /// and words are the same as before.
    fn reload_theme(&mut self, config: &Config) -> Result<(), Diagnostics> {
        let loaded = theme::load(&self.options.root, config);
        let same = match (&self.theme, &loaded) {
            (Some(old), Ok(new)) => same_templates(old, new),
            _ => false,
        };
        if !same && let Some(last) = &mut self.last {
            last.shared = None;
        }
        match loaded {
            Ok(theme) => {
                self.theme = Some(theme);
                Ok(())
            }
            Err(diagnostics) => {
                self.theme = None;
                Err(diagnostics)
            }
        }
    }

    fn render(&mut self, directory: Arc<Directory>, diagnostics: Diagnostics) -> Outcome {
        let Some(theme) = self.theme.as_mut() else {
            return failed(diagnostics, Timings::default());
        };
        let renderer = Renderer::new(&directory, theme);
        let shared = renderer.shared_fingerprint();
        let last = self
            .last
            .as_ref()
            .filter(|last| last.shared == Some(shared));
        let changed = last.and_then(|last| affected::changed_entries(&last.directory, &directory));
        let sink = Guarded::new(Collected::default());
        // No file made from the whole directory shows a body.
        let bodies_only = changed.as_ref().is_some_and(|c| c.front.is_empty());
        let (errors, total, rendered) = match (last, changed) {
            (Some(last), Some(changed)) => {
                render_affected(&renderer, &last.directory, &changed, &mut self.shown, &sink)
            }
            _ => render_all(&renderer, &mut self.shown, &sink),
        };
        let mut diagnostics = diagnostics;
        diagnostics.extend(render::once_per_place(errors));
        let diagnostics = diagnostics.sorted();
        if diagnostics.has_errors() {
            // The index now holds what some pages of the failed render show: the next
            // build renders every page.
            if let Some(last) = &mut self.last {
                last.shared = None;
            }
            return failed(diagnostics, Timings::default());
        }
        let files = sink.into_inner().into_files();
        let pages = match last.filter(|_| rendered < total) {
            Some(last) => last.built.pages.with(files),
            None => Pages::from(files),
        };
        let built = Arc::new(Built {
            pages,
            directory_files: match last.filter(|_| bodies_only) {
                Some(last) => Arc::clone(&last.built.directory_files),
                None => directory_files_later(&directory, theme),
            },
            assets: theme.assets.clone(),
            title: directory.config.title.default_text().to_owned(),
        });
        self.last = Some(Last {
            directory,
            shared: Some(shared),
            built: Arc::clone(&built),
        });
        Outcome {
            pages: total,
            rendered,
            diagnostics,
            built: Some(built),
            timings: Timings::default(),
            parsed: 0,
        }
    }
}

/// Every page and the sitemap; returns the errors, the number of pages, and again the
/// number rendered.
fn render_all(
    renderer: &Renderer,
    shown: &mut Shown,
    sink: &Guarded<impl render::Sink>,
) -> (Vec<Diagnostic>, usize, usize) {
    let pages = Page::all(renderer.directory());
    let mut rendered = renderer.pages(&pages, Record::Yes, sink);
    rendered.errors.extend(renderer.sitemap(sink));
    *shown = Shown::default();
    for (page, entries) in rendered.shown {
        shown.set(page, entries);
    }
    (rendered.errors, pages.len(), pages.len())
}

/// The pages that `changed` touches, in two steps (see [`affected`]).
fn render_affected(
    renderer: &Renderer,
    old: &Directory,
    changed: &affected::Changed,
    shown: &mut Shown,
    sink: &Guarded<impl render::Sink>,
) -> (Vec<Diagnostic>, usize, usize) {
    let new = renderer.directory();
    let total = render::page_count(new);
    let bodies = renderer.pages(&affected::own_pages(&changed.body), Record::Yes, sink);
    let mut passes = vec![bodies];
    if !changed.front.is_empty() {
        let own = affected::own_pages(&changed.front);
        let (first, overviews) = rayon::join(
            || renderer.pages(&own, Record::Yes, sink),
            || renderer.pages(&affected::overviews(new), Record::No, sink),
        );
        let others = affected::other_pages(old, new, shown, &changed.front, &first.shown);
        passes.extend([first, overviews, renderer.pages(&others, Record::Yes, sink)]);
    }
    let mut errors = Vec::new();
    let mut count = 0;
    for rendered in passes {
        count += rendered.pages;
        errors.extend(rendered.errors);
        for (page, entries) in rendered.shown {
            shown.set(page, entries);
        }
    }
    (errors, total, count)
}

/// Starts making the files of the whole directory on another thread; `Built` waits
/// for them when one is asked for.
fn directory_files_later(directory: &Arc<Directory>, theme: &Theme) -> Arc<OnceLock<Files>> {
    let made = Arc::new(OnceLock::new());
    let (directory, into) = (Arc::clone(directory), Arc::clone(&made));
    let words: Vec<_> = (theme.languages.iter())
        .map(|l| Arc::clone(&l.strings))
        .collect();
    std::thread::spawn(move || {
        let files = Collected::default();
        render::directory_files(&directory, &words, &files);
        let _ = into.set(files.into_files());
    });
    made
}

fn failed(diagnostics: Diagnostics, timings: Timings) -> Outcome {
    Outcome {
        diagnostics,
        built: None,
        timings,
        parsed: 0,
        rendered: 0,
        pages: 0,
    }
}

/// The same templates and words: pages rendered with one are those of the other.
fn same_templates(old: &Theme, new: &Theme) -> bool {
    (old.languages.iter().map(|l| &l.strings)).eq(new.languages.iter().map(|l| &l.strings))
        && old.sources.len() == new.sources.len()
        && old
            .sources
            .iter()
            .zip(&new.sources)
            .all(|((a, x), (b, y))| a == b && x.text == y.text)
}

#[cfg(test)]
mod tests;

//! Watching the site folder: which changed paths matter, and what each one asks for.
//!
//! Input: paths reported by notify (through a debouncer). Output: [`Changes`], one set
//! per burst of editing, however many files the burst touched (a `git checkout` of
//! hundreds of files is one rebuild). [`classify`] is pure; [`Watcher`] owns the notify
//! watcher and must not decide anything but which paths changed.
//!
//! Watched: `site.yaml` (through the site folder, not recursively, because editors
//! replace files by renaming), and `content/`, `static/` and `themes/` recursively.
//! Never the output folder, `target/` or `.git/`, nor editors' swap and backup files.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventHandler, EventKind, RecursiveMode, WatcherKind};
use notify_debouncer_mini::{Config, DebounceEventResult, Debouncer, new_debouncer_opt};

use crate::content::model::Collection;

/// What a changed path asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeKind {
    /// A file or folder under `content/`: re-read the changed files. The collection is
    /// `None` when `content/` itself changed.
    Content(Option<Collection>, PathBuf),
    /// A file of a theme (templates, words, assets): reload the theme; render every
    /// page when its templates or words changed.
    Template,
    /// `site.yaml`: rebuild everything.
    Config,
    /// `static/`: served from disk, so only reload the browser.
    Static,
    Ignored,
}

/// Folders watched recursively, under the site root.
pub const WATCHED: [&str; 3] = ["content", "static", "themes"];

/// Maps a changed path to what must be redone. `root` is the site folder and `output`
/// the folder serve writes to, if any; both absolute, like `path`.
pub fn classify(root: &Path, output: Option<&Path>, path: &Path) -> ChangeKind {
    let Ok(relative) = path.strip_prefix(root) else {
        return ChangeKind::Ignored;
    };
    if output.is_some_and(|o| path.starts_with(o)) || is_editor_file(path) {
        return ChangeKind::Ignored;
    }
    let parts: Vec<&str> = relative
        .components()
        .filter_map(|c| match c {
            Component::Normal(part) => part.to_str(),
            _ => None,
        })
        .collect();
    if parts.iter().any(|p| matches!(*p, ".git" | "target")) {
        return ChangeKind::Ignored;
    }
    match parts.as_slice() {
        ["site.yaml"] => ChangeKind::Config,
        ["content"] => ChangeKind::Content(None, path.to_path_buf()),
        ["content", folder, rest @ ..] => content(folder, rest, path),
        ["static", ..] => ChangeKind::Static,
        ["themes", ..] => ChangeKind::Template,
        _ => ChangeKind::Ignored,
    }
}

fn content(folder: &str, rest: &[&str], path: &Path) -> ChangeKind {
    let Some(collection) = Collection::from_folder(folder) else {
        return ChangeKind::Ignored;
    };
    // A folder (no extension: it may have been renamed or deleted) or a Markdown file.
    let relevant = rest
        .last()
        .is_none_or(|name| !name.contains('.') || name.ends_with(".md"));
    if relevant && rest.last().is_none_or(|name| !name.starts_with('.')) {
        ChangeKind::Content(Some(collection), path.to_path_buf())
    } else {
        ChangeKind::Ignored
    }
}

/// Swap, backup, lock and probe files that editors write beside the real one.
pub fn is_editor_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    name.ends_with('~')
        || name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || name == ".DS_Store"
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        || [".swp", ".swo", ".swx", ".swpx", ".kate-swp", ".crswap"]
            .iter()
            .any(|suffix| name.ends_with(suffix))
}

/// Everything a burst of changes asks for.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    pub config: bool,
    pub templates: bool,
    pub statics: bool,
    /// Changed content files and folders.
    pub content: BTreeSet<PathBuf>,
    /// The changed paths that matter, relative to the root, for messages.
    pub paths: BTreeSet<PathBuf>,
}

impl Changes {
    pub fn add(&mut self, root: &Path, kind: ChangeKind, path: &Path) {
        match kind {
            ChangeKind::Ignored => return,
            ChangeKind::Config => self.config = true,
            ChangeKind::Template => self.templates = true,
            ChangeKind::Static => self.statics = true,
            ChangeKind::Content(_, path) => {
                self.content.insert(path);
            }
        }
        self.paths
            .insert(path.strip_prefix(root).unwrap_or(path).to_path_buf());
    }

    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }

    /// Whether pages must be built again (a static file only needs a reload).
    pub fn needs_build(&self) -> bool {
        self.config || self.templates || !self.content.is_empty()
    }
}

/// How long a path must be quiet before the debouncer reports its change. Editors
/// write a file in well under this.
const QUIET: Duration = Duration::from_millis(20);
/// How long to wait for another batch after one. The debouncer times each path on its
/// own, so a burst over many files (a `git checkout`) comes as batches at most [`QUIET`]
/// apart; waiting a little longer gathers the burst into one build.
const SETTLE: Duration = Duration::from_millis(30);

/// The notify watcher on a site folder, delivering debounced batches of paths.
pub struct Watcher {
    root: PathBuf,
    output: Option<PathBuf>,
    debouncer: Debouncer<ChangesOnly>,
    events: Receiver<DebounceEventResult>,
    watched: BTreeSet<PathBuf>,
}

impl Watcher {
    /// Starts watching `root` (absolute). `output` is never reported.
    pub fn new(root: &Path, output: Option<&Path>) -> notify::Result<Self> {
        let (sender, events) = channel();
        let config = Config::default().with_timeout(QUIET);
        let mut debouncer = new_debouncer_opt(config, move |batch| {
            let _ = sender.send(batch);
        })?;
        debouncer
            .watcher()
            .watch(root, RecursiveMode::NonRecursive)?;
        let mut watcher = Self {
            root: root.to_path_buf(),
            output: output.map(Path::to_path_buf),
            debouncer,
            events,
            watched: BTreeSet::new(),
        };
        watcher.watch_folders(&BTreeSet::new());
        Ok(watcher)
    }

    /// Waits for the next burst of changes that matter. `None` when the watcher stopped.
    pub fn next_changes(&mut self) -> Option<Changes> {
        loop {
            let mut paths = Vec::new();
            paths.extend(self.batch(self.events.recv().ok()?));
            loop {
                match self.events.recv_timeout(SETTLE) {
                    Ok(batch) => paths.extend(self.batch(batch)),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return None,
                }
            }
            let touched: BTreeSet<PathBuf> = paths.iter().cloned().collect();
            self.watch_folders(&touched);
            let mut changes = Changes::default();
            for path in &paths {
                let kind = classify(&self.root, self.output.as_deref(), path);
                changes.add(&self.root, kind, path);
            }
            if !changes.is_empty() {
                return Some(changes);
            }
        }
    }

    fn batch(&self, batch: DebounceEventResult) -> Vec<PathBuf> {
        match batch {
            Ok(events) => events.into_iter().map(|e| e.path).collect(),
            // The watcher lost track (an overflowing queue): rescan everything.
            Err(_) => vec![self.root.join("site.yaml")],
        }
    }

    /// Watches each folder of [`WATCHED`] that exists; again when it was replaced
    /// (`touched`), since a watch follows the folder that was deleted.
    fn watch_folders(&mut self, touched: &BTreeSet<PathBuf>) {
        for name in WATCHED {
            let folder = self.root.join(name);
            let replaced = touched.contains(&folder);
            if self.watched.contains(&folder) && !replaced {
                continue;
            }
            let watcher = self.debouncer.watcher();
            if replaced {
                let _ = watcher.unwatch(&folder);
                self.watched.remove(&folder);
            }
            if folder.is_dir() && watcher.watch(&folder, RecursiveMode::Recursive).is_ok() {
                self.watched.insert(folder);
            }
        }
    }
}

/// The platform's watcher, passing on changes only: opening and reading files (as every
/// build does) would otherwise count as changes and start builds without end.
pub struct ChangesOnly(notify::RecommendedWatcher);

impl notify::Watcher for ChangesOnly {
    fn new<F: EventHandler>(mut handler: F, config: notify::Config) -> notify::Result<Self> {
        let filter = move |event: notify::Result<Event>| {
            if event.as_ref().map_or(true, is_change) {
                handler.handle_event(event);
            }
        };
        notify::RecommendedWatcher::new(filter, config).map(Self)
    }

    fn watch(&mut self, path: &Path, recursive_mode: RecursiveMode) -> notify::Result<()> {
        self.0.watch(path, recursive_mode)
    }

    fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        self.0.unwatch(path)
    }

    fn configure(&mut self, option: notify::Config) -> notify::Result<bool> {
        self.0.configure(option)
    }

    fn kind() -> WatcherKind {
        notify::RecommendedWatcher::kind()
    }
}

/// Whether an event may have changed a file: anything but opening or reading it.
fn is_change(event: &Event) -> bool {
    match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(path: &str) -> ChangeKind {
        classify(
            Path::new("/site"),
            Some(Path::new("/site/public")),
            &Path::new("/site").join(path),
        )
    }

    fn content(collection: Option<Collection>, path: &str) -> ChangeKind {
        ChangeKind::Content(collection, Path::new("/site").join(path))
    }

    #[test]
    fn content_files_and_folders() {
        use Collection::*;
        for (path, collection) in [
            ("content/cities/kyoto.md", Some(Cities)),
            ("content/agreements/sub/a-b.md", Some(Agreements)),
            ("content/programs", Some(Programs)),
            ("content/pages/old-folder", Some(Pages)),
            ("content", None),
        ] {
            assert_eq!(kind(path), content(collection, path), "{path}");
        }
    }

    #[test]
    fn settings_templates_and_static_files() {
        assert_eq!(kind("site.yaml"), ChangeKind::Config);
        assert_eq!(
            kind("themes/civic/templates/city.html"),
            ChangeKind::Template
        );
        assert_eq!(kind("themes/civic/strings/en.yaml"), ChangeKind::Template);
        assert_eq!(kind("themes/civic/static/site.css"), ChangeKind::Template);
        assert_eq!(kind("static/docs/agreement.pdf"), ChangeKind::Static);
    }

    #[test]
    fn ignores_what_is_not_the_site() {
        for path in [
            "public/index.html",
            "target/debug/amicus",
            ".git/index",
            "content/.git/HEAD",
            "README.md",
            "content/cities/notes.txt",
            "content/unknown/x.md",
            "content/cities/.hidden.md",
            "sub/site.yaml",
        ] {
            assert_eq!(kind(path), ChangeKind::Ignored, "{path}");
        }
        assert_eq!(
            classify(Path::new("/site"), None, Path::new("/elsewhere/site.yaml")),
            ChangeKind::Ignored
        );
    }

    #[test]
    fn ignores_editor_files() {
        for name in [
            "kyoto.md~",
            ".kyoto.md.swp",
            ".kyoto.md.swx",
            "#kyoto.md#",
            ".#kyoto.md",
            "4913",
            "kyoto.md___jb_tmp___",
        ] {
            let path = format!("content/cities/{name}");
            assert_eq!(kind(&path), ChangeKind::Ignored, "{path}");
        }
        assert_eq!(kind("static/.style.css.swp"), ChangeKind::Ignored);
        assert_eq!(kind("site.yaml~"), ChangeKind::Ignored);
    }

    #[test]
    fn a_burst_asks_for_the_union_of_its_changes() {
        let root = Path::new("/site");
        let mut changes = Changes::default();
        for path in [
            "content/cities/a.md",
            "content/cities/a.md~",
            "static/x.css",
        ] {
            let path = root.join(path);
            changes.add(root, classify(root, None, &path), &path);
        }
        assert!(changes.statics && !changes.config && !changes.templates);
        assert_eq!(changes.content.len(), 1);
        assert!(changes.needs_build());
        let paths: Vec<_> = changes
            .paths
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        assert_eq!(paths, ["content/cities/a.md", "static/x.css"]);
    }
}

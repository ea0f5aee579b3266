//! The whole pipeline as free functions over values: load → parse → link → render →
//! write. Each stage is timed; each takes what it needs and returns what the next needs,
//! with the diagnostics it found.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::content::model::Collection;
use crate::content::model::Content;
use crate::day::Day;
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::graph::Directory;
use crate::progress::{self, Progress};
use crate::{config, content, graph, lints, load, output, render};

/// What a run reads: the site and how to read it.
#[derive(Debug, Clone, Default)]
pub struct SiteOptions {
    pub root: PathBuf,
    /// Replaces site.yaml's `base_url`.
    pub base_url: Option<String>,
    /// Keep entries marked `draft: true`.
    pub drafts: bool,
}

/// How long each stage took, in pipeline order.
#[derive(Debug, Default, Clone)]
pub struct Timings {
    pub stages: Vec<(&'static str, Duration)>,
}

impl Timings {
    /// Runs one stage and records how long it took.
    pub fn time<T>(&mut self, stage: &'static str, run: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let value = run();
        self.stages.push((stage, start.elapsed()));
        value
    }

    pub fn total(&self) -> Duration {
        self.stages.iter().map(|(_, d)| *d).sum()
    }
}

/// The result of checking a site: the directory when it could be built at all, and
/// every problem found.
pub struct Checked {
    pub directory: Option<Arc<Directory>>,
    pub diagnostics: Diagnostics,
    pub timings: Timings,
}

impl Checked {
    /// A check that stopped before the directory could be linked.
    fn without_directory(diagnostics: Diagnostics, timings: Timings) -> Self {
        Self {
            directory: None,
            diagnostics,
            timings,
        }
    }
}

/// config → load → parse → link. Nothing is written.
pub fn check(options: &SiteOptions) -> Checked {
    let mut timings = Timings::default();
    let config = match timings.time("config", || {
        config::load(&options.root, options.base_url.as_deref())
    }) {
        Ok(config) => config,
        Err(diagnostics) => return Checked::without_directory(diagnostics, timings),
    };
    let root = &options.root;
    let (files, mut diagnostics) = timings.time("walk", || load::discover(root));
    // Each text is let go once parsed and read again for the entry's page: see
    // `content::source`.
    let reread_from: Arc<Path> = Arc::from(root.as_path());
    let read = |(collection, path): (Collection, PathBuf)| {
        load::read(root, collection, &path).map(|doc| doc.left_on_disk(&reread_from))
    };
    let (content, found) = timings.time("read and parse", || {
        content::parse::parse_each(files, read, &config)
    });
    diagnostics.extend(found);
    link_checked(options, config, content, diagnostics, timings)
}

/// [`check`] over a site held in memory rather than on disk (a git revision, for
/// `amicus diff`): `site_yaml` is the text of site.yaml, `None` when the revision has
/// none; `files` are paths relative to the site root with their bytes. The same
/// stages as [`check`], from the parse on.
pub fn check_in_memory(
    options: &SiteOptions,
    site_yaml: Option<String>,
    files: Vec<(PathBuf, Vec<u8>)>,
) -> Checked {
    let mut timings = Timings::default();
    let config = match site_yaml {
        Some(text) => timings.time("config", || {
            config::parse(text, options.base_url.as_deref())
        }),
        None => Err(Diagnostic::new(
            crate::diagnostics::codes::ROOT,
            format!("no `{}` in this revision", config::FILE_NAME),
        )
        .in_file(Path::new(config::FILE_NAME))
        .help("check `--root`: it names the site folder inside the repository")
        .into()),
    };
    let config = match config {
        Ok(config) => config,
        Err(diagnostics) => return Checked::without_directory(diagnostics, timings),
    };
    let (documents, mut diagnostics) = timings.time("load", || load::from_memory(files));
    let (content, found) = timings.time("parse", || content::parse::parse(documents, &config));
    diagnostics.extend(found);
    link_checked(options, config, content, diagnostics, timings)
}

/// What `amicus check` runs: [`check`], then the warnings that depend on the date
/// (only here, since a build must not depend on the day it runs), then the theme and
/// every page rendered in memory, so that template errors show too. Nothing is
/// written.
pub fn check_on(options: &SiteOptions, today: Day) -> Checked {
    let mut checked = check(options);
    if let Some(directory) = &checked.directory
        && !checked.diagnostics.has_errors()
    {
        let mut found = lints::dated(directory, today);
        found.extend(render_in_memory(options, directory, &mut checked.timings));
        found.silence(&directory.config.silence);
        checked.diagnostics.extend(found);
        checked.diagnostics = std::mem::take(&mut checked.diagnostics).sorted();
    }
    checked
}

/// The problems of the theme and of rendering every page; the pages are dropped.
fn render_in_memory(
    options: &SiteOptions,
    directory: &Directory,
    timings: &mut Timings,
) -> Diagnostics {
    match timings.time("theme", || {
        render::theme::load(&options.root, &directory.config)
    }) {
        Ok(theme) => {
            let mut found = render::theme::missing_strings(&theme, &directory.config);
            found.extend(timings.time("render", || render::render(directory, theme, Discard)));
            found
        }
        Err(found) => found,
    }
}

/// The stages of [`check`] after parse: drafts set aside, link, silenced warnings
/// dropped. `serve` calls [`link`] with content it re-parsed only in part, so that both
/// report the same problems.
pub fn link_checked(
    options: &SiteOptions,
    config: Config,
    content: Content,
    diagnostics: Diagnostics,
    mut timings: Timings,
) -> Checked {
    let linked = link(options, config, content, diagnostics, &mut timings);
    Checked {
        diagnostics: linked.diagnostics(),
        directory: Some(linked.directory),
        timings,
    }
}

/// What the link stage found, in the parts that `serve` keeps to check again only the
/// bodies an edit changed (`serve::relink`).
pub struct Linked {
    pub directory: Arc<Directory>,
    /// The drafts left out, and the files parse found errors in.
    pub drafts: graph::Drafts,
    /// What parse and link found.
    pub found: Diagnostics,
    /// What [`lints::timeless`] found, when `found` has no errors: warnings drawn from
    /// broken content would only mislead.
    pub lints: Option<Diagnostics>,
}

impl Linked {
    /// `lints` are those of `directory` when they are known already.
    pub fn new(
        directory: Arc<Directory>,
        drafts: graph::Drafts,
        found: Diagnostics,
        lints: Option<Diagnostics>,
        timings: &mut Timings,
    ) -> Self {
        let lints = (!found.has_errors()).then(|| {
            lints.unwrap_or_else(|| timings.time("lints", || lints::timeless(&directory)))
        });
        Self {
            directory,
            drafts,
            found,
            lints,
        }
    }

    /// Every problem, as `amicus check` reports them before rendering: the warnings the
    /// site silenced dropped, sorted.
    pub fn diagnostics(&self) -> Diagnostics {
        let mut all = self.found.clone();
        all.extend(self.lints.clone().unwrap_or_default());
        all.silence(&self.directory.config.silence);
        all.sorted()
    }
}

/// Drafts set aside, then link.
pub fn link(
    options: &SiteOptions,
    config: Config,
    mut content: Content,
    mut diagnostics: Diagnostics,
    timings: &mut Timings,
) -> Linked {
    let mut drafts = graph::drop_drafts(&mut content, options.drafts);
    drafts.reported = reported(&diagnostics);
    let (directory, found) = timings.time("link", || graph::link(content, config, &drafts));
    diagnostics.extend(found);
    Linked::new(Arc::new(directory), drafts, diagnostics, None, timings)
}

/// The files with errors so far, and the entry ids of those under `content/`.
fn reported(diagnostics: &Diagnostics) -> graph::Reported {
    let mut reported = graph::Reported::default();
    let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error);
    for path in errors.filter_map(|d| d.file()) {
        let mut parts = path.iter().map(|p| p.to_string_lossy());
        let collection = (parts.next().as_deref() == Some("content"))
            .then(|| {
                parts
                    .next()
                    .and_then(|folder| Collection::from_folder(&folder))
            })
            .flatten();
        let stem = path.file_stem().map(|s| s.to_string_lossy().to_lowercase());
        if let (Some(collection), Some(stem)) = (collection, stem) {
            reported.unreadable.insert((collection, stem));
        }
        reported.files.insert(path.to_path_buf());
    }
    reported
}

/// Where `check`'s files go: nowhere. The open data are still made, but not kept in
/// memory to be dropped: `directory.json` alone is 120 MB at 100,000 cities.
struct Discard;

impl render::Sink for Discard {
    fn file(&self, _: render::OutputFile) -> Result<(), Diagnostic> {
        Ok(())
    }

    fn stream(&self, _: &str, write: render::sink::Writer) -> Result<(), Diagnostic> {
        // Nothing is kept, so nothing can fail to be.
        let _ = write(&mut std::io::sink());
        Ok(())
    }
}

/// Where a build's files go: the staging folder, each file counted for the progress
/// display.
struct IntoStaging<'a> {
    staging: &'a output::Staging,
    progress: &'a dyn Progress,
}

impl render::Sink for IntoStaging<'_> {
    fn file(&self, file: render::OutputFile) -> Result<(), Diagnostic> {
        self.progress.advance(1);
        self.staging.write(&file)
    }

    fn stream(&self, path: &str, write: render::sink::Writer) -> Result<(), Diagnostic> {
        self.progress.advance(1);
        self.staging.write_with(path, write)
    }
}

/// What a build produced.
#[derive(Debug, Clone)]
pub struct Summary {
    pub pages: usize,
    pub files: usize,
    pub output: PathBuf,
}

pub struct Built {
    /// `None` when the build failed; the previous output is then untouched.
    pub summary: Option<Summary>,
    pub diagnostics: Diagnostics,
    pub timings: Timings,
}

/// check → render → write. Nothing is written when any stage reports an error.
pub fn build(options: &SiteOptions, output_folder: &Path) -> Built {
    build_showing(options, output_folder, &progress::Silent)
}

/// [`build`], telling `progress` which stage runs and how many pages are done. Pages
/// are written as they are rendered, into a staging folder that replaces the output
/// only when every stage succeeded.
pub fn build_showing(
    options: &SiteOptions,
    output_folder: &Path,
    progress: &dyn Progress,
) -> Built {
    progress.stage("check", None);
    let Checked {
        directory,
        mut diagnostics,
        mut timings,
    } = check(options);
    let failed = |diagnostics: Diagnostics, timings| Built {
        summary: None,
        diagnostics: diagnostics.sorted(),
        timings,
    };
    if let Err(refused) = output::prepare_output_folder(&options.root, output_folder) {
        diagnostics.push(refused);
    }
    let Some(directory) = directory.filter(|_| !diagnostics.has_errors()) else {
        return failed(diagnostics, timings);
    };
    let theme = match timings.time("theme", || {
        render::theme::load(&options.root, &directory.config)
    }) {
        Ok(theme) => theme,
        Err(found) => {
            diagnostics.extend(found);
            return failed(diagnostics, timings);
        }
    };
    let assets = theme.assets.clone();
    let staging = match output::Staging::begin(output_folder) {
        Ok(staging) => staging,
        Err(error) => {
            diagnostics.push(error);
            return failed(diagnostics, timings);
        }
    };
    progress.stage("render", Some(render::page_count(&directory)));
    let found = timings.time("render", || {
        render::render(
            &directory,
            theme,
            IntoStaging {
                staging: &staging,
                progress,
            },
        )
    });
    diagnostics.extend(found);
    if diagnostics.has_errors() {
        // Dropping the staging folder deletes it: the previous output stays.
        return failed(diagnostics, timings);
    }
    progress.stage("write", None);
    let site_static = Some(options.root.join("static")).filter(|p| p.is_dir());
    match timings.time("write", || staging.finish(&assets, site_static.as_deref())) {
        Ok(written) => Built {
            summary: Some(Summary {
                pages: written.pages,
                files: written.files,
                output: output_folder.to_path_buf(),
            }),
            diagnostics: diagnostics.sorted(),
            timings,
        },
        Err(error) => {
            diagnostics.push(error);
            failed(diagnostics, timings)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A build reads each body again for its page (see `content::source`); a file
    /// saved in between fails the build rather than mixing two texts in one page.
    #[test]
    fn a_file_changed_between_check_and_render_fails_the_render() {
        let site = tempfile::tempdir().unwrap();
        let write = |text: &str| std::fs::write(site.path().join("content/cities/kyoto.md"), text);
        std::fs::create_dir_all(site.path().join("content/cities")).unwrap();
        std::fs::write(
            site.path().join("site.yaml"),
            "title: T\nbase_url: https://example.org/\n",
        )
        .unwrap();
        write("---\nname: Kyoto\ncountry: JP\n---\nThe old capital.\n").unwrap();
        let options = SiteOptions {
            root: site.path().to_path_buf(),
            ..SiteOptions::default()
        };
        let checked = check(&options);
        assert!(!checked.diagnostics.has_errors());
        let directory = checked.directory.unwrap();
        write("---\nname: Kyoto\ncountry: JP\n---\nThe former capital.\n").unwrap();
        let theme = render::theme::load(&options.root, &directory.config).unwrap();
        let found = render::render(&directory, theme, Discard);
        let problems: Vec<(&str, Option<&Path>)> =
            found.iter().map(|d| (d.code.name, d.file())).collect();
        let kyoto = Path::new("content/cities/kyoto.md");
        assert_eq!(problems, [("changed", Some(kyoto))]);
    }
}

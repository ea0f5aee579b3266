//! The write stage: puts the rendered site on disk, atomically.
//!
//! The site is written into a fresh sibling folder, page by page as the render stage
//! makes them ([`Staging`]), and swapped in only when every file was written, so a
//! failed build leaves the previous output as it was. A build that was stopped (Ctrl+C,
//! killed, or aborted by a panic) leaves that folder behind, and the next build into
//! the same output clears it ([`prepare_output_folder`]). The output folder is refused
//! when replacing it could delete anything but an earlier build: the site itself, its
//! content, or a folder Amicus did not write.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, codes};
use crate::render::OutputFile;
use crate::render::sink::Writer;
use crate::render::theme::Asset;

/// Marks a folder as written by Amicus, so that it may be replaced by the next build.
pub const MARKER: &str = ".amicus-output";

/// What to write: rendered pages, theme assets (under `static/`) and the site's own
/// `static/` folder (copied to the top of the output).
pub struct Site<'a> {
    pub files: &'a [OutputFile],
    pub assets: &'a BTreeMap<String, Asset>,
    pub site_static: Option<PathBuf>,
}

/// Checks that `output` may be replaced by a build of `root`, and clears what builds into
/// it that were stopped left behind. Call it before [`Staging::begin`], even when the
/// build is sure to fail: a stopped build may have moved the previous output aside.
pub fn prepare_output_folder(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let root = absolute(root);
    let output = absolute(output);
    let refuse = |why: &str| {
        Diagnostic::new(
            codes::OUTPUT_FOLDER,
            format!("refusing to write the site to {}: {why}", output.display()),
        )
        .help("choose a separate folder with `--output`, such as `public`")
    };
    if output == root || root.starts_with(&output) {
        return Err(refuse(
            "it contains the site folder, which the build would delete",
        ));
    }
    for inside in ["content", "static", "themes"] {
        if output.starts_with(root.join(inside)) {
            return Err(refuse(&format!(
                "it is inside the site's `{inside}` folder"
            )));
        }
    }
    let foreign = output.is_dir()
        && !output.join(MARKER).exists()
        && fs::read_dir(&output).is_ok_and(|mut d| d.next().is_some());
    if foreign {
        return Err(refuse("it is not empty and was not written by amicus").help(
            "amicus replaces its output folder on every build; empty the folder yourself or choose another one",
        ));
    }
    clear_stopped_builds(&Beside::of(&output), &output);
    Ok(())
}

/// The absolute, normalised form of a path that may not exist yet.
fn absolute(path: &Path) -> PathBuf {
    if let Ok(canonical) = path.canonicalize() {
        return canonical;
    }
    let joined = std::env::current_dir().map_or_else(|_| path.to_path_buf(), |cwd| cwd.join(path));
    match (joined.parent(), joined.file_name()) {
        (Some(parent), Some(name)) => absolute(parent).join(name),
        _ => joined,
    }
}

/// Writes `site` into `output`, replacing its previous content only on success.
/// Returns the number of files written.
pub fn write(site: &Site, output: &Path) -> Result<usize, Diagnostic> {
    let staging = Staging::begin(output)?;
    site.files
        .par_iter()
        .try_for_each(|file| staging.write(file))?;
    Ok(staging
        .finish(site.assets, site.site_static.as_deref())?
        .files)
}

/// A build being written, file by file as pages are rendered, into a fresh folder next
/// to the output. [`Staging::finish`] swaps it in; dropped unfinished (a failed build),
/// it is deleted and the previous output stays as it was.
pub struct Staging {
    staging: PathBuf,
    /// Where the previous output waits while the new one is moved in.
    old: PathBuf,
    output: PathBuf,
    pages: AtomicUsize,
    files: AtomicUsize,
    finished: bool,
    /// Declared last, so that it is released after `drop` deleted an unfinished build.
    _claim: Claim,
}

/// The buffer of a file written as it is made.
const WRITE_BUFFER: usize = 256 * 1024;

/// How many files a finished build wrote, and how many of them are pages.
#[derive(Debug, Clone, Copy)]
pub struct Written {
    pub files: usize,
    pub pages: usize,
}

impl Staging {
    /// Creates the staging folder for a build into `output`.
    pub fn begin(output: &Path) -> Result<Self, Diagnostic> {
        let output = absolute(output);
        let beside = Beside::of(&output);
        let pid = std::process::id();
        let failed = |error: io::Error| io_error(&output, &error);
        fs::create_dir_all(&beside.parent).map_err(failed)?;
        let staged = Self {
            staging: beside.staging(pid),
            old: beside.old(pid),
            output: output.clone(),
            pages: AtomicUsize::new(0),
            files: AtomicUsize::new(0),
            finished: false,
            _claim: Claim::take(beside.lock(pid)).map_err(failed)?,
        };
        staged.create().map_err(failed)?;
        Ok(staged)
    }

    fn create(&self) -> io::Result<()> {
        if self.staging.exists() {
            fs::remove_dir_all(&self.staging)?;
        }
        fs::create_dir_all(&self.staging)?;
        fs::write(
            self.staging.join(MARKER),
            "Written by `amicus build`; replaced by every build.\n",
        )
    }

    /// Writes one file; safe to call from many threads at once.
    pub fn write(&self, file: &OutputFile) -> Result<(), Diagnostic> {
        let target = self.staging.join(&file.path);
        create_parent(&target)
            .and_then(|()| fs::write(target, &file.bytes))
            .map_err(|error| io_error(&self.output, &error))?;
        if file.path.ends_with(".html") {
            self.pages.fetch_add(1, Ordering::Relaxed);
        }
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Writes one file as `write` makes it, through a buffer; safe to call from many
    /// threads at once.
    pub fn write_with(&self, path: &str, write: Writer) -> Result<(), Diagnostic> {
        let target = self.staging.join(path);
        create_parent(&target)
            .and_then(|()| {
                let mut file =
                    io::BufWriter::with_capacity(WRITE_BUFFER, fs::File::create(target)?);
                write(&mut file)?;
                file.flush()
            })
            .map_err(|error| io_error(&self.output, &error))?;
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Adds the theme's assets (under `static/`) and the site's own `static/` folder,
    /// then puts the new build in place of the old one.
    pub fn finish(
        mut self,
        assets: &BTreeMap<String, Asset>,
        site_static: Option<&Path>,
    ) -> Result<Written, Diagnostic> {
        let copied = self
            .copy_assets(assets, site_static)
            .and_then(|count| swap_in(&self.staging, &self.output, &self.old).map(|()| count))
            .map_err(|error| io_error(&self.output, &error))?;
        self.finished = true;
        Ok(Written {
            files: self.files.load(Ordering::Relaxed) + copied,
            pages: self.pages.load(Ordering::Relaxed),
        })
    }

    fn copy_assets(
        &self,
        assets: &BTreeMap<String, Asset>,
        site_static: Option<&Path>,
    ) -> io::Result<usize> {
        let mut count = 0;
        if let Some(folder) = site_static {
            count += copy_folder(folder, &self.staging)?;
        }
        for (name, asset) in assets {
            let target = self.staging.join("static").join(name);
            create_parent(&target)?;
            match asset {
                Asset::Embedded(bytes) => fs::write(&target, bytes)?,
                Asset::File(source) => fs::copy(source, &target).map(|_| ())?,
            }
            count += 1;
        }
        Ok(count)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = remove_folder(&self.staging);
        }
    }
}

fn io_error(output: &Path, error: &io::Error) -> Diagnostic {
    Diagnostic::new(
        codes::IO,
        format!("cannot write the site to {}: {error}", output.display()),
    )
    .help("the previous output was left as it was; check the folder's permissions and free space")
}

fn create_parent(path: &Path) -> io::Result<()> {
    match path.parent() {
        Some(parent) => fs::create_dir_all(parent),
        None => Ok(()),
    }
}

/// Copies a folder's files into `target`, keeping their relative paths; links are
/// followed only when they stay inside the folder.
fn copy_folder(folder: &Path, target: &Path) -> io::Result<usize> {
    let mut count = 0;
    let base = folder.canonicalize()?;
    for entry in walkdir::WalkDir::new(&base)
        .sort_by_file_name()
        .follow_links(true)
    {
        let entry = entry.map_err(io::Error::other)?;
        if !entry.file_type().is_file() || !entry.path().canonicalize()?.starts_with(&base) {
            continue;
        }
        let relative = entry.path().strip_prefix(&base).unwrap_or(entry.path());
        let destination = target.join(relative);
        create_parent(&destination)?;
        fs::copy(entry.path(), destination)?;
        count += 1;
    }
    Ok(count)
}

/// Replaces `output` with `staging`: the old folder is moved aside to `old`, the new one
/// moved in, and only then the old one deleted.
fn swap_in(staging: &Path, output: &Path, old: &Path) -> io::Result<()> {
    if !output.exists() {
        return fs::rename(staging, output);
    }
    fs::rename(output, old)?;
    if let Err(error) = fs::rename(staging, output) {
        let _ = fs::rename(old, output);
        return Err(error);
    }
    remove_folder(old)
}

/// The names of the folders and the lock file a build keeps beside its output, for an
/// output `public`: `.public.amicus-new-PID` (the staging folder),
/// `.public.amicus-old-PID` (the previous output while it is replaced) and
/// `.public.amicus-PID.lock`, where PID is the build's process id.
struct Beside {
    parent: PathBuf,
    prefix: String,
}

impl Beside {
    fn of(output: &Path) -> Self {
        let name = output
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        Self {
            parent: output.parent().unwrap_or(Path::new(".")).to_path_buf(),
            prefix: format!(".{name}.amicus-"),
        }
    }

    fn staging(&self, pid: u32) -> PathBuf {
        self.parent.join(format!("{}new-{pid}", self.prefix))
    }

    fn old(&self, pid: u32) -> PathBuf {
        self.parent.join(format!("{}old-{pid}", self.prefix))
    }

    fn lock(&self, pid: u32) -> PathBuf {
        self.parent.join(format!("{}{pid}.lock", self.prefix))
    }

    /// The process id in the name of a build's lock file, or `None` for any other name.
    fn lock_owner(&self, file_name: &std::ffi::OsStr) -> Option<u32> {
        file_name
            .to_str()?
            .strip_prefix(&self.prefix)?
            .strip_suffix(".lock")?
            .parse()
            .ok()
    }
}

/// A build's exclusive lock on its lock file (see [`Beside`]), held while it runs. The
/// operating system releases it however the process ends, so a lock that another build
/// can take marks folders that a stopped build left behind.
struct Claim {
    path: PathBuf,
    file: fs::File,
}

impl Claim {
    fn take(path: PathBuf) -> io::Result<Self> {
        loop {
            let file = fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)?;
            // Waits only while another build clears a stopped build that had this
            // process id, and then deletes the file: lock a new one.
            file.lock()?;
            if names_file(&path, &file) {
                return Ok(Self { path, file });
            }
        }
    }
}

impl Drop for Claim {
    fn drop(&mut self) {
        // Deleted while still locked, so that no build takes it for a stopped one.
        let _ = fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

/// Whether `path` still names the open `file`: a lock file may be deleted between
/// opening it and locking it.
fn names_file(path: &Path, file: &fs::File) -> bool {
    let held = file.try_clone().and_then(same_file::Handle::from_file);
    let named = same_file::Handle::from_path(path);
    matches!((held, named), (Ok(held), Ok(named)) if held == named)
}

/// Clears what stopped builds into `output` left behind: their staging folders are
/// deleted, and a previous output that one had moved aside but not yet replaced is put
/// back. Builds still running hold their locks and are left alone. Best effort: what
/// cannot be cleared now stays for a later build.
fn clear_stopped_builds(beside: &Beside, output: &Path) {
    let Ok(entries) = fs::read_dir(&beside.parent) else {
        return;
    };
    // Collected first: clearing deletes entries of the folder being read.
    let owners: Vec<u32> = entries
        .flatten()
        .filter_map(|entry| beside.lock_owner(&entry.file_name()))
        .collect();
    for pid in owners {
        let lock = beside.lock(pid);
        let Ok(file) = fs::File::open(&lock) else {
            continue;
        };
        if file.try_lock().is_err() || !names_file(&lock, &file) {
            continue;
        }
        let old = beside.old(pid);
        if old.is_dir() && !output.exists() {
            let _ = fs::rename(&old, output);
        }
        for folder in [beside.staging(pid), old] {
            let _ = remove_folder(&folder);
        }
        let _ = fs::remove_file(&lock);
    }
}

/// Deleting is bound by the disk's latency, not by the processor: more threads than
/// cores keep the disk busy.
const DELETING_THREADS: usize = 8;

/// Deletes a folder and everything in it, the folders one level down in parallel: an
/// earlier build of a large site holds a folder per page, and deleting them one by one
/// took a tenth of a 10,000-city build. On a virtual disk, the write stage of a
/// 10,000-city rebuild (mostly this deletion) took 11.3–11.6 s with two threads and
/// 7.3–11.2 s with eight.
fn remove_folder(folder: &Path) -> io::Result<()> {
    let mut inner = Vec::new();
    for entry in fs::read_dir(folder)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            inner.extend(fs::read_dir(entry.path())?.map(|e| e.map(|e| e.path())));
        }
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(DELETING_THREADS)
        .build()
        .map_err(io::Error::other)?;
    pool.install(|| {
        inner.into_par_iter().try_for_each(|path| {
            let path = path?;
            if fs::symlink_metadata(&path)?.is_dir() {
                fs::remove_dir_all(path)
            } else {
                fs::remove_file(path)
            }
        })
    })?;
    fs::remove_dir_all(folder)
}

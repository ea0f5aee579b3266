//! The load stage: finds the content files of a site and reads them, each on its own,
//! so that the parse stage can take each text as it is read and let it go.
//! It reads; it does not interpret (that is `content::parse`).

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::content::model::Collection;
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile, codes};

/// Content files larger than this are refused rather than read into memory whole.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// A content file as read from disk.
#[derive(Debug)]
pub struct RawDocument {
    pub collection: Collection,
    /// The file name without `.md`: the entry's id once checked.
    pub stem: String,
    pub source: Arc<SourceFile>,
    /// The site folder to read the text again from once the document is parsed, when
    /// it is not to be held (see [`crate::content::source`]).
    pub reread_from: Option<Arc<Path>>,
}

impl RawDocument {
    /// This document, its text to be read again from under `root` when a later stage
    /// needs it rather than held after parsing.
    pub fn left_on_disk(self, root: &Arc<Path>) -> Self {
        Self {
            reread_from: Some(Arc::clone(root)),
            ..self
        }
    }
}

/// Finds every content file without reading it, sorted by path within each collection,
/// to be read one by one with [`read`]: a check parses each file as it is read, and
/// `serve` reads again only the files that changed.
pub fn discover(root: &Path) -> (Vec<(Collection, PathBuf)>, Diagnostics) {
    // The collections' folders are walked in parallel, then joined in their order.
    let walked: Vec<(Vec<PathBuf>, Diagnostics)> = Collection::ALL
        .par_iter()
        .map(|&collection| walk(root, collection))
        .collect();
    let mut paths = Vec::with_capacity(walked.iter().map(|(found, _)| found.len()).sum());
    let mut diagnostics = Diagnostics::new();
    for (collection, (found, problems)) in Collection::ALL.into_iter().zip(walked) {
        paths.extend(found.into_iter().map(|path| (collection, path)));
        diagnostics.extend(problems);
    }
    (paths, diagnostics)
}

/// The content files of one collection, sorted by path.
fn walk(root: &Path, collection: Collection) -> (Vec<PathBuf>, Diagnostics) {
    let mut paths = Vec::new();
    let mut diagnostics = Diagnostics::new();
    let folder = root.join("content").join(collection.folder());
    for entry in WalkDir::new(&folder) {
        match entry {
            Ok(entry) if is_markdown(entry.path()) && entry.file_type().is_file() => {
                paths.push(entry.into_path());
            }
            Ok(_) => {}
            Err(error)
                if error
                    .io_error()
                    .is_some_and(|e| e.kind() == std::io::ErrorKind::NotFound) => {}
            Err(error) => diagnostics.push(io_error(
                root,
                error.path().unwrap_or(&folder),
                &error.to_string(),
            )),
        }
    }
    // Sorted here, in parallel, rather than by `WalkDir::sort_by_file_name`, whose
    // comparisons find both file names in their paths again: that was half a second
    // on one core for 250,000 files.
    paths.par_sort_unstable_by(|a, b| walk_order(a, b));
    (paths, diagnostics)
}

/// The order of a walk that visits each folder's entries by name: `a/x.md` before
/// `a-b.md`, as `Path`'s own order has it, but comparing bytes rather than parsing
/// both paths into components (which was as slow as the sort by file name).
fn walk_order(a: &Path, b: &Path) -> std::cmp::Ordering {
    let (a, b) = (
        a.as_os_str().as_encoded_bytes(),
        b.as_os_str().as_encoded_bytes(),
    );
    // A separator ends a name, so it sorts before any byte a name can continue with.
    let rank = |byte: u8| {
        if std::path::is_separator(byte.into()) {
            0
        } else {
            byte
        }
    };
    match a.iter().zip(b).position(|(x, y)| x != y) {
        Some(i) => rank(a[i]).cmp(&rank(b[i])),
        None => a.len().cmp(&b.len()),
    }
}

/// `.md` files, leaving out editors' hidden, swap and backup files.
pub fn is_markdown(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    path.extension().is_some_and(|e| e == "md") && !name.starts_with('.') && !name.starts_with('#')
}

/// Reads one content file found by [`discover`].
pub fn read(root: &Path, collection: Collection, path: &Path) -> Result<RawDocument, Diagnostic> {
    let relative = relative(root, path);
    let failed = |e: std::io::Error| io_error(root, path, &e.to_string());
    // The size from the open file, not from the path: looking the path up twice was a
    // fifth of the time spent reading.
    let file = File::open(path).map_err(failed)?;
    let size = file.metadata().map_err(failed)?.len();
    if size > MAX_FILE_BYTES {
        return Err(too_large(&relative, size));
    }
    // Through `take`, up to the size just read: `File::read_to_end` would ask the size
    // and the position again, and a read to the end would make one more read to find
    // it, three more system calls for each of a site's files.
    let mut bytes = Vec::with_capacity(size as usize);
    (&file).take(size).read_to_end(&mut bytes).map_err(failed)?;
    document_in_memory(collection, &relative, bytes)
}

/// The content documents among files held in memory (a git revision, for `amicus
/// diff`), checked as [`read`] checks those on disk. `files` are paths relative to the
/// site root with their bytes; files outside `content/<collection>/` are left out.
/// Sorted as [`load`] sorts them.
pub fn from_memory(files: Vec<(PathBuf, Vec<u8>)>) -> (Vec<RawDocument>, Diagnostics) {
    let mut found: Vec<(Collection, PathBuf, Vec<u8>)> = files
        .into_iter()
        .filter_map(|(path, bytes)| Some((collection_of(&path)?, path, bytes)))
        .filter(|(_, path, _)| is_markdown(path))
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| walk_order(&a.1, &b.1)));
    let mut documents = Vec::with_capacity(found.len());
    let mut diagnostics = Diagnostics::new();
    for (collection, path, bytes) in found {
        match document_in_memory(collection, &path, bytes) {
            Ok(document) => documents.push(document),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    (documents, diagnostics)
}

/// The collection of `content/<folder>/...`, when the folder is one.
fn collection_of(path: &Path) -> Option<Collection> {
    let mut parts = path.components().map(|c| c.as_os_str().to_string_lossy());
    (parts.next()? == "content")
        .then(|| Collection::from_folder(&parts.next()?))
        .flatten()
}

fn document_in_memory(
    collection: Collection,
    relative: &Path,
    bytes: Vec<u8>,
) -> Result<RawDocument, Diagnostic> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(relative, bytes.len() as u64));
    }
    let text = String::from_utf8(bytes).map_err(|error| not_utf8(relative, &error))?;
    let stem = relative
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("")
        .to_owned();
    Ok(RawDocument {
        collection,
        stem,
        source: SourceFile::new(relative, text),
        reread_from: None,
    })
}

fn too_large(relative: &Path, size: u64) -> Diagnostic {
    Diagnostic::new(
        codes::IO,
        format!(
            "the file is {} MiB; content files may be at most {} MiB",
            size / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        ),
    )
    .in_file(relative)
    .help("split the text, or put large documents under static/ and link to them")
}

fn not_utf8(relative: &Path, error: &std::string::FromUtf8Error) -> Diagnostic {
    let bytes = error.as_bytes();
    let offset = error.utf8_error().valid_up_to();
    let binary = bytes.iter().take(8192).any(|&b| b == 0);
    let lossy = String::from_utf8_lossy(bytes).into_owned();
    let line = lossy[..lossy
        .char_indices()
        .nth(offset)
        .map_or(lossy.len(), |(i, _)| i)]
        .matches('\n')
        .count()
        + 1;
    let (message, help) = if binary {
        (
            "the file is binary, not text".to_owned(),
            "only Markdown text files belong in content/; move this file to static/",
        )
    } else {
        (
            format!(
                "the file is not UTF-8 text (first invalid byte at line {line}, byte {offset})"
            ),
            "save the file as UTF-8 in your editor",
        )
    };
    Diagnostic::new(codes::NOT_UTF8, message)
        .in_file(relative)
        .help(help)
}

fn io_error(root: &Path, path: &Path, reason: &str) -> Diagnostic {
    Diagnostic::new(codes::IO, format!("cannot read the file: {reason}"))
        .in_file(&relative(root, path))
}

/// A path as shown in diagnostics: relative to the site root.
pub fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_in_memory_are_those_load_would_read() {
        let file = |path: &str, text: &[u8]| (PathBuf::from(path), text.to_vec());
        let (documents, diagnostics) = from_memory(vec![
            file("content/pages/about.md", b"---\ntitle: About\n---\n"),
            file("content/cities/kyoto.md", b"---\nname: Kyoto\n---\n"),
            file("content/cities/.kyoto.md.swp", b"swap"),
            file("content/cities/notes.txt", b"not content"),
            file("static/kyoto.md", b"a static file"),
            file("content/cities/latin1.md", b"\xc5\x81\xf3d\xbc"),
        ]);
        let found: Vec<(Collection, &str)> = documents
            .iter()
            .map(|d| (d.collection, d.stem.as_str()))
            .collect();
        assert_eq!(
            found,
            [(Collection::Cities, "kyoto"), (Collection::Pages, "about")]
        );
        let problems: Vec<&str> = diagnostics.iter().map(|d| d.code.name).collect();
        assert_eq!(problems, ["not-utf8"]);
    }

    #[test]
    fn walk_order_is_the_order_of_path_components() {
        let names = [
            "c/a-b.md",
            "c/a.md",
            "c/a/x.md",
            "c/a/b/y.md",
            "c/a b.md",
            "c/a!.md",
            "c/ab.md",
            "c/Z.md",
            "c/é.md",
            "c/a/b.md",
            "c/a.b/z.md",
        ];
        let mut by_components: Vec<&Path> = names.iter().map(Path::new).collect();
        by_components.sort();
        let mut by_walk_order = by_components.clone();
        by_walk_order.reverse();
        by_walk_order.sort_by(|a, b| walk_order(a, b));
        assert_eq!(by_walk_order, by_components);
        // Where the two orders part: bytes alone would put `a-b.md` before `a/x.md`.
        let position = |name: &str| by_walk_order.iter().position(|p| *p == Path::new(name));
        assert!(position("c/a/x.md") < position("c/a-b.md"));
    }
}

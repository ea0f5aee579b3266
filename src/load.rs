//! The load stage: finds the content files of a site and reads them, in parallel.
//! It reads; it does not interpret (that is `content::parse`).

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
}

/// Reads every `content/<collection>/**/*.md` under `root`, sorted by path.
pub fn load(root: &Path) -> (Vec<RawDocument>, Diagnostics) {
    let (paths, mut diagnostics) = discover(root);
    let read: Vec<Result<RawDocument, Diagnostic>> = paths
        .into_par_iter()
        .map(|(collection, path)| read(root, collection, &path))
        .collect();
    let mut documents = Vec::with_capacity(read.len());
    for result in read {
        match result {
            Ok(document) => documents.push(document),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    (documents, diagnostics)
}

/// Finds every content file without reading it, sorted by path within each collection.
/// `serve` uses it with [`read`] to re-read only the files that changed.
pub fn discover(root: &Path) -> (Vec<(Collection, PathBuf)>, Diagnostics) {
    let mut paths = Vec::new();
    let mut diagnostics = Diagnostics::new();
    for collection in Collection::ALL {
        let folder = root.join("content").join(collection.folder());
        for entry in WalkDir::new(&folder).sort_by_file_name() {
            match entry {
                Ok(entry) if is_markdown(entry.path()) && entry.file_type().is_file() => {
                    paths.push((collection, entry.into_path()));
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
    }
    (paths, diagnostics)
}

/// `.md` files, leaving out editors' hidden, swap and backup files.
pub fn is_markdown(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    path.extension().is_some_and(|e| e == "md") && !name.starts_with('.') && !name.starts_with('#')
}

/// Reads one content file found by [`discover`].
pub fn read(root: &Path, collection: Collection, path: &Path) -> Result<RawDocument, Diagnostic> {
    let relative = relative(root, path);
    let size = std::fs::metadata(path)
        .map_err(|e| io_error(root, path, &e.to_string()))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(Diagnostic::new(
            codes::IO,
            format!(
                "the file is {} MiB; content files may be at most {} MiB",
                size / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        )
        .in_file(&relative)
        .help("split the text, or put large documents under static/ and link to them"));
    }
    let bytes = std::fs::read(path).map_err(|e| io_error(root, path, &e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|error| not_utf8(&relative, &error))?;
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("")
        .to_owned();
    Ok(RawDocument {
        collection,
        stem,
        source: SourceFile::new(relative, text),
    })
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

//! Where an entry's text is once it is parsed: held in memory, or left in its file and
//! read again when a later stage needs it.
//!
//! A build from disk keeps what later stages need of each file (its fields, where its
//! body is, the entry links in it) and leaves the text in the file: it is read again
//! for the one page that shows the body, and for a diagnostic that shows an excerpt.
//! Held, the texts were more than half of a 100,000-city build's memory, and a page
//! reads its body once either way.
//!
//! A text read again must be the one parsed: its length and hash are kept to compare.
//! A file changed in between is reported ([`codes::CHANGED`]), never mixed into a page
//! whose front matter and links were checked in the earlier text.
//!
//! Texts that are not on disk (a git revision for `amicus diff`) or that are compared
//! between edits (`amicus serve`) stay held.

use std::borrow::Cow;
use std::fs::File;
use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, SourceFile, codes};

/// An entry's file, with its text or the means to read it again.
#[derive(Debug, Clone)]
pub enum EntrySource {
    Held(Arc<SourceFile>),
    OnDisk(OnDisk),
}

/// A file whose text was left on disk after parsing.
#[derive(Debug, Clone)]
pub struct OnDisk {
    /// The site folder `path` is relative to.
    root: Arc<Path>,
    /// As shown to the user: relative to the site folder.
    path: PathBuf,
    stamp: Stamp,
}

/// What the text was when it was parsed: enough to tell that a file read again is not
/// the same. Content files are at most 16 MiB, so the length fits 32 bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u32,
    hash: u64,
}

impl Stamp {
    /// XXH3 rather than the standard library's SipHash: every text is hashed twice, once
    /// parsed and once read again, and SipHash took some 0.8 s of CPU for the two at
    /// 100,000 cities. Nothing here needs a hash that resists chosen collisions.
    fn of(bytes: &[u8]) -> Self {
        Self {
            len: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
            hash: xxhash_rust::xxh3::xxh3_64(bytes),
        }
    }
}

impl EntrySource {
    /// The source of `file`, parsed from `root`, whose text is to be read again from
    /// there rather than held.
    pub fn on_disk(root: &Arc<Path>, file: &SourceFile) -> Self {
        Self::OnDisk(OnDisk {
            root: Arc::clone(root),
            path: file.path.clone(),
            stamp: Stamp::of(file.text.as_bytes()),
        })
    }

    /// The path as shown to the user: relative to the site folder.
    pub fn path(&self) -> &Path {
        match self {
            Self::Held(file) => &file.path,
            Self::OnDisk(on_disk) => &on_disk.path,
        }
    }

    /// The whole text: held, or read again and found to be the one parsed.
    pub fn text(&self) -> Result<Cow<'_, str>, Diagnostic> {
        match self {
            Self::Held(file) => Ok(Cow::Borrowed(&file.text)),
            Self::OnDisk(on_disk) => on_disk.read().map(Cow::Owned),
        }
    }

    /// The text at `span` (a body), or `""` past its end.
    pub fn text_at(&self, span: Range<usize>) -> Result<Cow<'_, str>, Diagnostic> {
        Ok(match self.text()? {
            Cow::Borrowed(text) => Cow::Borrowed(text.get(span).unwrap_or("")),
            Cow::Owned(text) => Cow::Owned(text.get(span).unwrap_or("").to_owned()),
        })
    }

    /// The text when it is held, without reading the file.
    pub fn held_text(&self) -> Option<&str> {
        match self {
            Self::Held(file) => Some(&file.text),
            Self::OnDisk(_) => None,
        }
    }

    /// The file for a diagnostic's label. A file that cannot be read again as it was
    /// parsed gives its path with no text, so the label shows no excerpt: the change
    /// itself is reported where the body is read again, on the entry's page.
    pub fn file(&self) -> Arc<SourceFile> {
        match self {
            Self::Held(file) => Arc::clone(file),
            Self::OnDisk(on_disk) => {
                SourceFile::new(&on_disk.path, on_disk.read().unwrap_or_default())
            }
        }
    }

    /// Whether both are the one text read once: an entry unchanged between two
    /// builds of `serve`, which holds its texts.
    pub fn same_read(&self, other: &Self) -> bool {
        matches!((self, other), (Self::Held(a), Self::Held(b)) if Arc::ptr_eq(a, b))
    }

    /// Whether both have the same text, as far as can be told without reading files.
    pub fn same_text(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Held(a), Self::Held(b)) => Arc::ptr_eq(a, b) || a.text == b.text,
            (Self::OnDisk(a), Self::OnDisk(b)) => a.stamp == b.stamp,
            _ => false,
        }
    }
}

impl OnDisk {
    /// The text, read again; an error when the file cannot be read or is no longer the
    /// one parsed.
    fn read(&self) -> Result<String, Diagnostic> {
        let failed = |e: std::io::Error| {
            Diagnostic::new(codes::IO, format!("cannot read the file again: {e}"))
                .in_file(&self.path)
        };
        let file = File::open(self.root.join(&self.path)).map_err(failed)?;
        let len = file.metadata().map_err(failed)?.len();
        if len != u64::from(self.stamp.len) {
            return Err(self.changed());
        }
        // As `load::read` reads: through `take`, up to the size just asked.
        let mut bytes = Vec::with_capacity(len as usize);
        (&file).take(len).read_to_end(&mut bytes).map_err(failed)?;
        if Stamp::of(&bytes) != self.stamp {
            return Err(self.changed());
        }
        String::from_utf8(bytes).map_err(|_| self.changed())
    }

    fn changed(&self) -> Diagnostic {
        Diagnostic::new(
            codes::CHANGED,
            "the file changed while the site was being built",
        )
        .in_file(&self.path)
        .help("build again once the file is saved")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(text: &str) -> (tempfile::TempDir, EntrySource) {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join("kyoto.md"), text).unwrap();
        let parsed = SourceFile::new("kyoto.md", text);
        let source = EntrySource::on_disk(&Arc::from(root.path()), &parsed);
        (root, source)
    }

    #[test]
    fn a_text_left_on_disk_is_read_again() {
        let (_root, source) = written("---\nname: Kyoto\n---\nBody.\n");
        assert_eq!(source.held_text(), None);
        assert_eq!(source.text_at(20..26).unwrap(), "Body.\n");
        assert_eq!(source.file().text, "---\nname: Kyoto\n---\nBody.\n");
    }

    #[test]
    fn a_file_changed_since_parsing_is_reported_not_read() {
        for now in ["---\nname: Kyoto\n---\nBody!\n", "---\nname: Kyoto\n---\n"] {
            let (root, source) = written("---\nname: Kyoto\n---\nBody.\n");
            std::fs::write(root.path().join("kyoto.md"), now).unwrap();
            let error = source.text_at(20..26).unwrap_err();
            assert_eq!(error.code.name, "changed");
            assert_eq!(error.file(), Some(Path::new("kyoto.md")));
            assert_eq!(source.file().text, "", "no excerpt from another text");
        }
    }

    #[test]
    fn a_file_gone_since_parsing_is_reported() {
        let (root, source) = written("---\nname: Kyoto\n---\n");
        std::fs::remove_file(root.path().join("kyoto.md")).unwrap();
        assert_eq!(source.text().unwrap_err().code.name, "io");
    }
}

//! Diagnostics: problems found in a site, as values.
//!
//! Every stage pushes [`Diagnostic`]s into a [`Diagnostics`] collection and carries on, so
//! one run reports every problem it can find. A diagnostic points at the exact bytes at
//! fault through a [`Label`] (file + byte span); line and column are computed only when it
//! is rendered. Stages never print: rendering happens once, in [`render`].

pub mod codes;
pub mod render;

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use codes::Code;

/// A file's text, shared by every diagnostic that points into it.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as shown to the user: relative to the site root.
    pub path: PathBuf,
    /// The file's text (lossily decoded when it is not UTF-8).
    pub text: String,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Arc<Self> {
        Arc::new(Self {
            path: path.into(),
            text: text.into(),
        })
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        (line, column)
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// `error` or `warning`, as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A place in a file with a short text saying what is there.
#[derive(Debug, Clone)]
pub struct Label {
    pub file: Arc<SourceFile>,
    pub span: Range<usize>,
    pub text: String,
}

impl Label {
    pub fn new(file: &Arc<SourceFile>, span: Range<usize>, text: impl Into<String>) -> Self {
        Self {
            file: Arc::clone(file),
            span,
            text: text.into(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    /// Where the problem is; `None` for problems of the run itself (a missing folder).
    pub primary: Option<Label>,
    /// Other places that explain the problem (the first definition of a duplicate id).
    pub secondary: Vec<Label>,
    /// The fix, or the closest valid value.
    pub help: Option<String>,
    /// A file the problem concerns when there is no span to show (an unreadable file).
    pub path: Option<PathBuf>,
}

impl Diagnostic {
    /// A diagnostic of the code's default severity.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Self {
            code,
            severity: code.severity,
            message: message.into(),
            primary: None,
            secondary: Vec::new(),
            help: None,
            path: None,
        }
    }

    pub fn at(
        mut self,
        file: &Arc<SourceFile>,
        span: Range<usize>,
        text: impl Into<String>,
    ) -> Self {
        self.primary = Some(Label::new(file, span, text));
        self
    }

    pub fn also(mut self, label: Label) -> Self {
        self.secondary.push(label);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn in_file(mut self, path: &Path) -> Self {
        self.path = Some(path.to_path_buf());
        self
    }

    /// The file this diagnostic is about, if any.
    pub fn file(&self) -> Option<&Path> {
        match &self.primary {
            Some(label) => Some(&label.file.path),
            None => self.path.as_deref(),
        }
    }

    /// 1-based line and column of the primary label.
    pub fn line_col(&self) -> Option<(usize, usize)> {
        self.primary.as_ref().map(|l| l.file.line_col(l.span.start))
    }

    fn sort_key(&self) -> (Option<&Path>, usize, &'static str, &str) {
        let start = self.primary.as_ref().map_or(0, |l| l.span.start);
        (self.file(), start, self.code.code, &self.message)
    }
}

/// Everything a run found, in a stable order once [`Diagnostics::sorted`] is called.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Keeps the diagnostics for which `keep` holds.
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.items.retain(keep);
    }

    /// Points the labels in the file at `file`'s path at `file`: the same file, read
    /// again, in the parts the labels show.
    pub fn repoint(&mut self, file: &Arc<SourceFile>) {
        let labels =
            (self.items.iter_mut()).flat_map(|d| d.primary.iter_mut().chain(&mut d.secondary));
        for label in labels.filter(|l| l.file.path == file.path) {
            label.file = Arc::clone(file);
        }
    }

    /// Drops warnings whose code the site silenced (by name, in site.yaml's `silence`).
    pub fn silence(&mut self, names: &[String]) {
        self.items.retain(|d| {
            d.severity == Severity::Error || !names.iter().any(|name| name == d.code.name)
        });
    }

    /// By file, then position, so that output does not depend on thread scheduling.
    pub fn sorted(mut self) -> Self {
        self.items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Self {
            items: vec![diagnostic],
        }
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<T: IntoIterator<Item = Diagnostic>>(iter: T) -> Self {
        Self {
            items: iter.into_iter().collect(),
        }
    }
}

/// The candidate closest to `wrong` by edit distance, when it is close enough to be a
/// plausible typo.
pub fn closest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (wrong.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (edit_distance(wrong, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let file = SourceFile::new("a.md", "---\nname: Łódź\ncountry: XX\n");
        let offset = file.text.find("XX").unwrap();
        assert_eq!(file.line_col(offset), (3, 10));
        let offset = file.text.find("dź").unwrap();
        assert_eq!(file.line_col(offset), (2, 9));
    }

    #[test]
    fn closest_suggests_typos_only() {
        let ids = ["kyoto", "krakow", "lodz"];
        assert_eq!(closest("kyotto", ids), Some("kyoto"));
        assert_eq!(closest("krakov", ids), Some("krakow"));
        assert_eq!(closest("berlin", ids), None);
    }

    #[test]
    fn edit_distance_basics() {
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }
}

//! Turns diagnostics into text: for people ([`human`], in the style of the Rust
//! compiler, coloured or plain), for programs ([`json`], one object per line), and for
//! GitHub Actions ([`github`], workflow annotations). The one place where diagnostics
//! become text; the formats are documented in docs/diagnostics.md.

use std::fmt::Write as _;
use std::path::Path;

use super::{Diagnostic, Diagnostics, Label, Severity};

/// Whether human output is coloured with ANSI escapes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    Never,
    Always,
}

impl Colour {
    fn paint(self, style: &str, text: &str) -> String {
        match self {
            Colour::Never => text.to_owned(),
            Colour::Always => format!("\x1b[{style}m{text}\x1b[0m"),
        }
    }
}

const BOLD: &str = "1";
const RED: &str = "1;31";
const YELLOW: &str = "1;33";
const BLUE: &str = "1;34";

/// Every diagnostic, plain, as `build`, `serve` and tests show them.
pub fn human(diagnostics: &Diagnostics) -> String {
    human_in(diagnostics, Colour::Never)
}

/// Every diagnostic, each followed by a blank line.
pub fn human_in(diagnostics: &Diagnostics, colour: Colour) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics.iter() {
        human_one(&mut out, diagnostic, colour);
        out.push('\n');
    }
    out
}

fn severity_style(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => RED,
        Severity::Warning => YELLOW,
    }
}

fn human_one(out: &mut String, d: &Diagnostic, colour: Colour) {
    let style = severity_style(d.severity);
    let head = format!("{}[{}]", d.severity.as_str(), d.code.code);
    let _ = writeln!(
        out,
        "{}{}",
        colour.paint(style, &head),
        colour.paint(BOLD, &format!(": {}", d.message))
    );
    let arrow = colour.paint(BLUE, "-->");
    match &d.primary {
        Some(label) => {
            let (line, col) = label.file.line_col(label.span.start);
            let _ = writeln!(out, "  {arrow} {}:{line}:{col}", label.file.path.display());
            excerpt(out, label, ("^", style), colour);
        }
        None => {
            if let Some(path) = &d.path {
                let _ = writeln!(out, "  {arrow} {}", path.display());
            }
        }
    }
    for label in &d.secondary {
        let (line, col) = label.file.line_col(label.span.start);
        let marker = colour.paint(BLUE, ":::");
        let _ = writeln!(out, "  {marker} {}:{line}:{col}", label.file.path.display());
        excerpt(out, label, ("-", BLUE), colour);
    }
    if let Some(help) = &d.help {
        let _ = writeln!(out, "  {} {help}", colour.paint(BOLD, "= help:"));
    }
}

/// Lines longer than this many characters are shown as a window around the span.
const EXCERPT_WIDTH: usize = 100;

/// The line of the label with the span underlined by `mark` (one per character), in
/// its style.
fn excerpt(out: &mut String, label: &Label, mark: (&str, &str), colour: Colour) {
    let (line, col) = label.file.line_col(label.span.start);
    let Some(source_line) = label.file.text.lines().nth(line - 1) else {
        return;
    };
    let (shown, col) = window(source_line.trim_end(), col);
    let width = line.to_string().len();
    let gutter = |number: &str| colour.paint(BLUE, &format!("{number:>width$} |"));
    let _ = writeln!(out, "{}", gutter(""));
    let _ = writeln!(out, "{} {shown}", gutter(&line.to_string()));
    let room = shown.chars().count().saturating_sub(col - 1).max(1);
    let _ = writeln!(
        out,
        "{} {}{} {}",
        gutter(""),
        " ".repeat(col - 1),
        colour.paint(mark.1, &mark.0.repeat(underline_width(label).min(room))),
        label.text
    );
}

/// At most [`EXCERPT_WIDTH`] characters of `line` around column `col`, with `…` where
/// text was cut, and the column within what is shown.
fn window(line: &str, col: usize) -> (String, usize) {
    let length = line.chars().count();
    if length <= EXCERPT_WIDTH {
        return (line.to_owned(), col);
    }
    let start = (col - 1)
        .saturating_sub(EXCERPT_WIDTH / 2)
        .min(length - EXCERPT_WIDTH);
    let mut shown: String = line.chars().skip(start).take(EXCERPT_WIDTH).collect();
    let mut col = col - start;
    if start > 0 {
        shown.insert(0, '…');
        col += 1;
    }
    if start + EXCERPT_WIDTH < length {
        shown.push('…');
    }
    (shown, col)
}

/// Characters of the span on its first line, at least one.
fn underline_width(label: &Label) -> usize {
    let text = &label.file.text;
    let end = label.span.end.min(text.len());
    text.get(label.span.start..end)
        .map_or(1, |s| s.lines().next().unwrap_or("").chars().count())
        .max(1)
}

/// `2 errors, 1 warning` style summary, or `None` when there is nothing to say.
pub fn summary(diagnostics: &Diagnostics) -> Option<String> {
    let errors = diagnostics.count(Severity::Error);
    let warnings = diagnostics.count(Severity::Warning);
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (errors, warnings) {
        (0, 0) => None,
        (0, w) => Some(plural(w, "warning")),
        (e, 0) => Some(plural(e, "error")),
        (e, w) => Some(format!("{}, {}", plural(e, "error"), plural(w, "warning"))),
    }
}

/// JSON Lines: one object per diagnostic, in the order of [`Diagnostics::sorted`]. The
/// fields are documented in docs/diagnostics.md; `file` and the positions are absent
/// when the problem has no place (a missing folder).
pub fn json(diagnostics: &Diagnostics) -> String {
    let mut out = String::new();
    for d in diagnostics.iter() {
        let mut object = serde_json::json!({
            "code": d.code.code,
            "name": d.code.name,
            "severity": d.severity.as_str(),
            "message": d.message,
        });
        if let Some(label) = &d.primary {
            object["label"] = label_json(label);
        } else if let Some(path) = &d.path {
            object["label"] = serde_json::json!({ "file": slash_path(path) });
        }
        object["secondary"] = d.secondary.iter().map(label_json).collect();
        object["help"] = d.help.as_deref().into();
        out.push_str(&object.to_string());
        out.push('\n');
    }
    out
}

fn label_json(label: &Label) -> serde_json::Value {
    let (line, column) = label.file.line_col(label.span.start);
    let (end_line, end_column) = label.file.line_col(label.span.end.max(label.span.start));
    serde_json::json!({
        "file": slash_path(&label.file.path),
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "text": label.text,
    })
}

/// A path with `/` separators whatever the system, as tools and GitHub expect.
fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// GitHub Actions workflow commands (`::error file=…,line=…,col=…::message`), one per
/// diagnostic, so that problems show on the changed lines of a pull request. `prefix`
/// is the site folder as seen from the repository root, which GitHub needs to find
/// the files.
pub fn github(diagnostics: &Diagnostics, prefix: &Path) -> String {
    let mut out = String::new();
    for d in diagnostics.iter() {
        let level = d.severity.as_str();
        let mut properties = Vec::new();
        if let Some(file) = d.file() {
            properties.push(format!(
                "file={}",
                escape_property(&slash_path(&prefix.join(file)))
            ));
        }
        if let Some(label) = &d.primary {
            let (line, col) = label.file.line_col(label.span.start);
            properties.push(format!("line={line},col={col}"));
        }
        let title = format!("{} {}", d.code.code, d.code.name);
        properties.push(format!("title={}", escape_property(&title)));
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let _ = writeln!(
            out,
            "::{level} {}::{}",
            properties.join(","),
            escape_data(&message)
        );
    }
    out
}

/// GitHub's escaping of a command's message: `%`, CR and LF.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// GitHub's escaping of a property value: as a message, plus `:` and `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{SourceFile, codes};

    fn sample() -> Diagnostics {
        let file = SourceFile::new("content/cities/kyoto.md", "---\ncountry: jp\n---\n");
        Diagnostic::new(codes::COUNTRY, "`jp` is not a country code: 100% wrong")
            .at(&file, 13..15, "unknown country")
            .help("write `JP`")
            .into()
    }

    #[test]
    fn colour_wraps_the_same_text_in_escapes() {
        let coloured = human_in(&sample(), Colour::Always);
        assert!(
            coloured.contains("\x1b[1;31merror[A0201]\x1b[0m"),
            "{coloured}"
        );
        let mut stripped = coloured.clone();
        while let Some(start) = stripped.find('\x1b') {
            let end = stripped[start..].find('m').unwrap() + start + 1;
            stripped.replace_range(start..end, "");
        }
        assert_eq!(stripped, human(&sample()));
    }

    #[test]
    fn long_lines_are_shown_around_the_span() {
        let line = format!("{}X{}", "a".repeat(300), "b".repeat(300));
        let (shown, col) = window(&line, 301);
        assert_eq!(shown.chars().nth(col - 1), Some('X'));
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(shown.chars().count(), EXCERPT_WIDTH + 2);
        assert_eq!(window("short", 2), ("short".to_owned(), 2));
    }

    #[test]
    fn github_escapes_messages_and_properties() {
        let out = github(&sample(), Path::new("site"));
        assert_eq!(
            out,
            "::error file=site/content/cities/kyoto.md,line=2,col=10,title=A0201 country::`jp` is not a country code: 100%25 wrong%0Ahelp: write `JP`\n"
        );
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }

    #[test]
    fn json_is_one_object_per_line() {
        let out = json(&sample());
        let value: serde_json::Value = serde_json::from_str(out.trim_end()).unwrap();
        assert_eq!(value["label"]["line"], 2);
        assert_eq!(value["label"]["end_column"], 12);
        assert_eq!(value["name"], "country");
        assert_eq!(out.lines().count(), 1);
    }
}

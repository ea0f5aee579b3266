//! Turns diagnostics into text for people. The one place where diagnostics become text.

use std::fmt::Write as _;

use super::{Diagnostic, Diagnostics, Severity};

/// Renders every diagnostic, then a summary line, in the style of the Rust compiler.
pub fn human(diagnostics: &Diagnostics) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics.iter() {
        human_one(&mut out, diagnostic);
        out.push('\n');
    }
    out
}

fn human_one(out: &mut String, d: &Diagnostic) {
    let severity = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let _ = writeln!(out, "{severity}[{}]: {}", d.code.code, d.message);
    match &d.primary {
        Some(label) => {
            let (line, col) = label.file.line_col(label.span.start);
            let _ = writeln!(out, "  --> {}:{line}:{col}", label.file.path.display());
            excerpt(out, label);
        }
        None => {
            if let Some(path) = &d.path {
                let _ = writeln!(out, "  --> {}", path.display());
            }
        }
    }
    for label in &d.secondary {
        let (line, col) = label.file.line_col(label.span.start);
        let _ = writeln!(out, "  ::: {}:{line}:{col}", label.file.path.display());
        excerpt(out, label);
    }
    if let Some(help) = &d.help {
        let _ = writeln!(out, "  = help: {help}");
    }
}

/// The line of the label with the span underlined.
fn excerpt(out: &mut String, label: &super::Label) {
    let text = &label.file.text;
    let (line, col) = label.file.line_col(label.span.start);
    let Some(source_line) = text.lines().nth(line - 1) else {
        return;
    };
    let width = line.to_string().len();
    let end = label.span.end.min(text.len());
    let underlined = text
        .get(label.span.start..end)
        .map_or(1, |s| s.lines().next().unwrap_or("").chars().count())
        .max(1);
    let _ = writeln!(out, "{:width$} |", "");
    let _ = writeln!(out, "{line} | {}", source_line.trim_end());
    let _ = writeln!(
        out,
        "{:width$} | {}{} {}",
        "",
        " ".repeat(col - 1),
        "^".repeat(underlined),
        label.text
    );
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

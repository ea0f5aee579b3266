//! YAML reading errors (of front matter, site.yaml or a theme's string files) as
//! diagnostics that point into the file and say the fix in an editor's words.
//!
//! Input: a [`YamlError`] from [`super::frontmatter`] and the file it came from.
//! Output: one [`Diagnostic`]. It must not name serde's types ("u64", "sequence").

use std::sync::Arc;

use super::frontmatter::YamlError;
use crate::diagnostics::{Diagnostic, Label, SourceFile, closest, codes};

/// Turns a YAML reading error into a diagnostic at its place in `file`.
pub fn yaml_diagnostic(file: &Arc<SourceFile>, error: YamlError, fallback: usize) -> Diagnostic {
    let at = |offset: Option<usize>| {
        let start = offset.unwrap_or(fallback).min(file.text.len());
        start..token_end(&file.text, start)
    };
    match error {
        YamlError::Syntax { message, offset } => {
            let start = offset.unwrap_or(fallback).min(file.text.len());
            let plain = plain_syntax(&file.text, fallback, start, &message);
            Diagnostic::new(codes::YAML_SYNTAX, plain.message)
                .at(file, plain.span, plain.label)
                .help(plain.help)
        }
        YamlError::DuplicateKey { key, first, second } => {
            let from = second.unwrap_or(fallback).min(file.text.len());
            let (first, second) = match (first, second) {
                (Some(first), Some(second)) => (Some(first), second),
                _ => key_positions(&file.text, from, &key),
            };
            let mut diagnostic = Diagnostic::new(
                codes::DUPLICATE_KEY,
                match first {
                    Some(first) => format!(
                        "`{key}` is written twice: first on line {}",
                        file.line_col(first).0
                    ),
                    None => format!("`{key}` is written twice"),
                },
            )
            .at(file, second..second + key.len(), "written again here")
            .help("remove one of them: a field has one value (several values go in a list)");
            if let Some(first) = first {
                diagnostic =
                    diagnostic.also(Label::new(file, first..first + key.len(), "first here"));
            }
            diagnostic
        }
        YamlError::UnknownField {
            field,
            expected,
            offset,
        } => {
            let help = match closest(&field, expected.iter().map(String::as_str)) {
                Some(near) => format!(
                    "did you mean `{near}`? Fields for your own templates go under `extra:`"
                ),
                None => format!(
                    "known fields: {}; fields for your own templates go under `extra:`",
                    expected.join(", ")
                ),
            };
            let start = offset.unwrap_or(fallback).min(file.text.len());
            let end = (start + field.len()).min(file.text.len());
            Diagnostic::new(codes::UNKNOWN_FIELD, format!("unknown field `{field}`"))
                .at(file, start..end, "not a known field")
                .help(help)
        }
        YamlError::MissingField { field } => Diagnostic::new(
            codes::MISSING_FIELD,
            format!("missing required field `{field}`"),
        )
        .at(file, fallback..fallback, "in this front matter")
        .help(format!("add `{field}:` with its value")),
        YamlError::UnknownVariant {
            value,
            expected,
            offset,
        } => {
            let help = match closest(&value, expected.iter().map(String::as_str)) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("use one of: {}", expected.join(", ")),
            };
            Diagnostic::new(
                codes::INVALID_VALUE,
                format!("`{value}` is not an allowed value"),
            )
            .at(file, at(offset), "not allowed here")
            .help(help)
        }
        YamlError::Type { message, offset } => {
            Diagnostic::new(codes::WRONG_TYPE, plain_type_message(&message))
                .at(file, at(offset), "wrong type")
                .help("write the value in the form this field takes (see docs/content.md)")
        }
    }
}

/// A YAML syntax error said in an editor's words, at the place to fix.
struct PlainSyntax {
    message: String,
    span: std::ops::Range<usize>,
    label: &'static str,
    help: String,
}

/// The parser's message (`mapping values are not allowed in this context`) as what to
/// do about it, pointed at the place to fix: the value to quote, the bracket or quote
/// that is not closed, the tab. `block` is where the YAML starts in `text`.
fn plain_syntax(text: &str, block: usize, at: usize, message: &str) -> PlainSyntax {
    let mut at = at.clamp(block.min(text.len()), text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = &text[line_start..line_end];
    let whole_line = line_start..line_end.max(line_start + 1).min(text.len());
    let plain = |message: &str, span, label, help: String| PlainSyntax {
        message: message.to_owned(),
        span,
        label,
        help,
    };
    if message.contains("limit exceeded") {
        return plain(
            "this YAML expands too far: aliases repeated, or values nested too deep",
            at..token_end(text, at),
            "here",
            "write the values out instead of through `*` aliases, and nest them less".to_owned(),
        );
    }
    if line.contains('\t') || message.contains("tab") {
        let tab = line_start + line.find('\t').unwrap_or(0);
        return plain(
            "this line contains a tab: YAML allows only spaces for indentation",
            tab..tab + 1,
            "a tab",
            "replace the tab with spaces (two per level)".to_owned(),
        );
    }
    let indent = |line: &str| line.len() - line.trim_start_matches(' ').len();
    let line_above = text[block..line_start.max(block)]
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
    let above_has_value = line_above.is_some_and(|above| {
        indent(above) < indent(line)
            && above
                .split_once(':')
                .is_some_and(|(_, value)| !strip_comment(value).trim().is_empty())
    });
    if message.contains("mapping values are not allowed") && above_has_value {
        return plain(
            "this line is indented under a field that already has a value",
            whole_line,
            "indented too far",
            "start it at the same column as the field above, or move that field's value here"
                .to_owned(),
        );
    }
    if message.contains("mapping values are not allowed") {
        let help = match line.split_once(": ") {
            Some((key, value)) if !value.trim_start().starts_with(['"', '\'']) => format!(
                "write `{key}: \"{}\"`",
                value.trim_end().replace('"', "\\\"")
            ),
            _ => "put the value in double quotes".to_owned(),
        };
        return plain(
            "this line needs quotes because the value contains `: `",
            token_start(text, at)..line_end.max(at + 1).min(text.len()),
            "a second `: ` in the value",
            help,
        );
    }
    if let Some(close) = ["',' or ']'", "',' or '}'"]
        .iter()
        .position(|expected| message.contains(expected))
    {
        let (open, close) = [('[', ']'), ('{', '}')][close];
        if let Some(opening) = unclosed_bracket(&text[block..at], open, close) {
            let opening = block + opening;
            return plain(
                &format!("this `{open}` is not closed"),
                opening..opening + 1,
                "opened here",
                format!(
                    "close it with `{close}` on the same line, and separate the items with `, `"
                ),
            );
        }
    }
    if message.contains("while scanning a quoted scalar")
        && let Some(opening) = unclosed_quote(&text[block..at.max(block)])
    {
        let opening = block + opening;
        return plain(
            "this quote is not closed",
            opening..opening + 1,
            "opened here",
            "close it with the same quote at the end of the value".to_owned(),
        );
    }
    let value = &text[token_start(text, at)..line_end];
    if message.contains("cannot start any token")
        && let Some(first) = value.chars().next().filter(|c| "@`%|>".contains(*c))
    {
        return plain(
            &format!("this value needs quotes because it starts with `{first}`"),
            token_start(text, at)..line_end,
            "starts with a character YAML reserves",
            format!(
                "write `{}\"{}\"`",
                &text[line_start..token_start(text, at)],
                value.trim_end().replace('"', "\\\"")
            ),
        );
    }
    let (words, help) = if message.contains("block sequence entries are not allowed") {
        (
            "a list item `- ` cannot follow a value on the same line",
            "start the list on the line after its key, each item on its own line",
        )
    } else if message.contains("did not find expected key")
        || message.contains("did not find expected '-' indicator")
    {
        (
            "this line is not aligned with the lines around it",
            "indent the fields of one map, or the items of one list, by the same number of spaces",
        )
    } else if message.contains("could not find expected ':'") {
        (
            "this line is not a `field: value` line",
            "write the field name, `: ` and the value, or quote a value that runs over several lines",
        )
    } else {
        (
            "this is not valid YAML",
            "check the indentation, and quote values that contain `: ` or start with a special character",
        )
    };
    plain(
        &format!("{words} (the YAML reader said: {message})"),
        at..token_end(text, at),
        "here",
        help.to_owned(),
    )
}

/// Where the word at `at` starts on its line (the value after `key: `).
fn token_start(text: &str, at: usize) -> usize {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    match text[line_start..at].find(": ") {
        Some(i) => line_start + i + 2,
        None => line_start,
    }
}

/// The last `open` in `text` that no `close` after it matches, outside quotes.
fn unclosed_bracket(text: &str, open: char, close: char) -> Option<usize> {
    let mut open_at: Vec<usize> = Vec::new();
    let mut quote: Option<char> = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, c) if c == open => open_at.push(i),
            (None, c) if c == close => {
                open_at.pop();
            }
            _ => {}
        }
    }
    open_at.first().copied()
}

/// The quote that starts a value (after `: ` or `- `) and is not closed on its line.
fn unclosed_quote(text: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let value_at = [": ", "- "]
            .iter()
            .filter_map(|marker| line.find(marker).map(|i| i + 2))
            .min();
        if let Some(start) = value_at {
            let value = line[start..].trim_end();
            if let Some(quote) = value.chars().next().filter(|c| ['"', '\''].contains(c)) {
                let rest = &value[1..];
                let closed = match quote {
                    '"' => rest.replace("\\\"", "").contains('"'),
                    _ => rest.replace("''", "").contains('\''),
                };
                if !closed {
                    return Some(offset + start);
                }
            }
        }
        offset += line.len();
    }
    None
}

/// The first two places where `key:` is written from `from` on, for a key serde found
/// twice without saying where.
fn key_positions(text: &str, from: usize, key: &str) -> (Option<usize>, usize) {
    let pattern = format!("{key}:");
    let mut found = text[from..].match_indices(&pattern).filter_map(|(i, _)| {
        let at = from + i;
        let before = text[..at].chars().next_back();
        before
            .is_none_or(|c| c.is_whitespace() || c == '{' || c == ',')
            .then_some(at)
    });
    match (found.next(), found.next()) {
        (Some(first), Some(second)) => (Some(first), second),
        (Some(only), None) => (None, only),
        _ => (None, from),
    }
}

/// The end of the scalar starting at `start`: the rest of the line, without a comment.
fn strip_comment(value: &str) -> &str {
    value.split(" #").next().unwrap_or(value)
}

fn token_end(text: &str, start: usize) -> usize {
    let rest = &text[start..];
    let line = &rest[..rest.find(['\n', '\r']).unwrap_or(rest.len())];
    let line = line.split(" #").next().unwrap_or(line);
    start + line.trim_end().len().max(1).min(rest.len())
}

/// serde's type names in words an editor knows: `` `population` must be a whole number,
/// found `about 1.5 million` ``.
fn plain_type_message(message: &str) -> String {
    let (field, rest) = match message.strip_prefix('`').and_then(|m| m.split_once("`: ")) {
        Some((field, rest)) => (Some(field), rest),
        None => (None, message),
    };
    let Some(found_expected) = rest.strip_prefix("invalid type: ") else {
        return message.to_owned();
    };
    let (found, expected) = found_expected
        .split_once(", expected ")
        .unwrap_or((found_expected, "another type"));
    let expected = match expected {
        "u64" | "u32" | "i64" | "i32" | "usize" => "a whole number",
        "f64" | "f32" => "a number",
        "a boolean" => "true or false",
        "a sequence" => "a list (`[a, b]` or lines starting with `- `)",
        "a string" => "text",
        e if e.starts_with("struct ") || e == "a map" => "a map of fields",
        e => e,
    };
    let found = plain_found(found);
    match field {
        Some(field) => format!("`{field}` must be {expected}, found {found}"),
        None => format!("expected {expected}, found {found}"),
    }
}

/// serde's description of the value found (`string "about 1.5 million"`, `sequence`)
/// as an editor would say it: the value itself in backticks, or what kind it is.
fn plain_found(found: &str) -> String {
    for prefix in [
        "string ",
        "integer ",
        "floating point ",
        "boolean ",
        "character ",
    ] {
        if let Some(value) = found.strip_prefix(prefix) {
            let value = value.trim_matches(|c| c == '"' || c == '`');
            return format!("`{value}`");
        }
    }
    match found {
        "sequence" => "a list".to_owned(),
        "map" => "a map".to_owned(),
        "unit value" => "an empty value".to_owned(),
        other => other.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_bracket_and_the_quote_left_open() {
        assert_eq!(
            unclosed_bracket("areas: [a, [b], c\nstart: 1", '[', ']'),
            Some(7)
        );
        assert_eq!(unclosed_bracket("a: \"[\"\nb: [x]", '[', ']'), None);
        assert_eq!(
            unclosed_quote("name: \"Kyoto\"\nnote: 'it''s\nx: 1\n"),
            Some(20)
        );
        assert_eq!(unclosed_quote("name: \"Kyoto\"\n"), None);
    }

    #[test]
    fn type_messages_in_plain_words() {
        assert_eq!(
            plain_type_message(
                "`population`: invalid type: string \"about 1.5 million\", expected u64"
            ),
            "`population` must be a whole number, found `about 1.5 million`"
        );
        assert_eq!(
            plain_type_message("`parties`: invalid type: string \"kyoto\", expected a sequence"),
            "`parties` must be a list (`[a, b]` or lines starting with `- `), found `kyoto`"
        );
    }
}

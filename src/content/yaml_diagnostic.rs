//! YAML reading errors (of front matter, site.yaml or a theme's string files) as
//! diagnostics that point into the file and say the fix in an editor's words.
//!
//! Input: a [`YamlError`] from [`super::frontmatter`] and the file it came from.
//! Output: one [`Diagnostic`]. It must not name serde's types ("u64", "sequence").

use std::sync::Arc;

use super::frontmatter::YamlError;
use crate::diagnostics::{Diagnostic, SourceFile, closest, codes};

/// Turns a YAML reading error into a diagnostic at its place in `file`.
pub fn yaml_diagnostic(file: &Arc<SourceFile>, error: YamlError, fallback: usize) -> Diagnostic {
    let at = |offset: Option<usize>| {
        let start = offset.unwrap_or(fallback).min(file.text.len());
        start..token_end(&file.text, start)
    };
    match error {
        YamlError::Syntax { message, offset } => {
            let help = if file.text[at(offset).start..].starts_with('\t') || message.contains("tab")
            {
                "YAML allows only spaces for indentation: replace the tab with spaces"
            } else {
                "check the indentation and quote values that contain `: ` or start with a special character"
            };
            Diagnostic::new(codes::YAML_SYNTAX, format!("invalid YAML: {message}"))
                .at(file, at(offset), "here")
                .help(help)
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

/// The end of the scalar starting at `start`: the rest of the line, without a comment.
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

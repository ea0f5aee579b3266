//! Front matter changed line by line: the lines of the keys the import sets are
//! replaced (or added before the closing `---`), every other line stays as written —
//! comments, order, keys an editor added, and the body.

use crate::content::frontmatter;

/// `text` with each `(key, value)` of `set` written as `key: value` in its front
/// matter; `value` may span several lines (a block list). `None` when the file has no
/// front matter to edit.
pub fn set_keys(text: &str, set: &[(&str, String)]) -> Option<String> {
    let split = frontmatter::split(text).ok()?;
    let start = split.yaml_offset;
    let end = start + split.yaml.len();
    let mut lines: Vec<String> = split.yaml.lines().map(str::to_owned).collect();
    for (key, value) in set {
        // A block value starts on the next line: no space after the colon.
        let separator = if value.starts_with('\n') { ":" } else { ": " };
        let new = format!("{key}{separator}{value}");
        let mut new: Vec<String> = new.lines().map(str::to_owned).collect();
        match lines.iter().position(|line| is_key_line(line, key)) {
            Some(first) => {
                let last = (first + 1..lines.len())
                    .find(|&i| !continues(&lines[i]))
                    .unwrap_or(lines.len());
                // A one-line value keeps the comment written after it.
                if let ([only], true) = (new.as_mut_slice(), last == first + 1)
                    && let Some(comment) = trailing_comment(&lines[first])
                {
                    only.push_str(comment);
                }
                lines.splice(first..last, new);
            }
            None => lines.extend(new),
        }
    }
    let mut yaml = lines.join("\n");
    if split.yaml.ends_with('\n') || !yaml.is_empty() {
        yaml.push('\n');
    }
    Some(format!("{}{yaml}{}", &text[..start], &text[end..]))
}

/// `key:` at the start of the line: a top-level key.
fn is_key_line(line: &str, key: &str) -> bool {
    line.strip_prefix(key)
        .and_then(|rest| rest.strip_prefix(':'))
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
}

/// ` # why` at the end of a line, outside quotes.
fn trailing_comment(line: &str) -> Option<&str> {
    let mut quote = None;
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '#') if line[..i].ends_with([' ', '\t']) => {
                let start = line[..i].trim_end().len();
                return Some(&line[start..]);
            }
            _ => {}
        }
    }
    None
}

/// A line that belongs to the value of the key above it: indented, or a block list
/// item written flush with the key. Blank lines and comments at column 0 do not.
fn continues(line: &str) -> bool {
    line.starts_with([' ', '\t']) && !line.trim().is_empty() || line.starts_with("- ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "---\n# kept comment\ntitle: Old title\nkind: friendship # why\nparties: [a, b]\nsources:\n  - { title: A, url: https://a.example/ }\n  - { title: B, url: https://b.example/ }\n# the editor's own\nsummary: Mine.\n---\nBody with\nkind: not front matter\n";

    #[test]
    fn replaces_only_the_lines_of_the_keys_set() {
        let out = set_keys(
            FILE,
            &[
                ("kind", "sister-city".to_owned()),
                (
                    "sources",
                    "\n  - { title: C, url: https://c.example/ }".to_owned(),
                ),
                ("signed", "1961".to_owned()),
            ],
        )
        .unwrap();
        assert_eq!(
            out,
            "---\n# kept comment\ntitle: Old title\nkind: sister-city # why\nparties: [a, b]\nsources:\n  - { title: C, url: https://c.example/ }\n# the editor's own\nsummary: Mine.\nsigned: 1961\n---\nBody with\nkind: not front matter\n"
        );
    }

    #[test]
    fn a_key_is_matched_whole_and_at_the_top_level() {
        let text = "---\nkinds: x\nnested:\n  kind: y\n- kind: z\n---\n";
        let out = set_keys(text, &[("kind", "k".to_owned())]).unwrap();
        assert_eq!(
            out,
            "---\nkinds: x\nnested:\n  kind: y\n- kind: z\nkind: k\n---\n"
        );
        assert_eq!(set_keys("no front matter", &[]), None);
        let quoted = "---\ntitle: \"A #1\"\n---\n";
        let out = set_keys(quoted, &[("title", "B".to_owned())]).unwrap();
        assert_eq!(out, "---\ntitle: B\n---\n");
    }
}

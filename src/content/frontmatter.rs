//! Front matter: splitting a file into its YAML block and Markdown body, and reading
//! YAML into typed values. The only module that touches serde_yaml, so that the YAML
//! library can be swapped here alone.
//!
//! Every position this module reports is a byte offset into the whole file (not into
//! the YAML slice), so diagnostics point at the right line even with blank lines, a BOM
//! or CRLF line endings before the fence.

use std::ops::Range;

use serde::de::DeserializeOwned;

/// A file cut at its front-matter fences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// Byte offset of `yaml` in the file.
    pub yaml_offset: usize,
    pub body: &'a str,
    /// Byte offset of `body` in the file.
    pub body_offset: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not start with a `---` line (after blank lines).
    NoOpening,
    /// The opening `---` at this offset has no closing line.
    Unclosed { opening: Range<usize> },
}

/// Cuts `text` at the `---` lines that open and close its front matter.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let bom = text
        .strip_prefix('\u{feff}')
        .map_or(0, |_| '\u{feff}'.len_utf8());
    let mut lines = lines_with_offsets(text, bom);
    let opening = loop {
        match lines.next() {
            Some((_, line)) if line.trim().is_empty() => continue,
            Some((start, line)) if is_fence(line) => break start..start + line.trim_end().len(),
            _ => return Err(SplitError::NoOpening),
        }
    };
    let yaml_offset = lines.peek_offset().unwrap_or(text.len());
    for (start, line) in lines.by_ref() {
        if is_fence(line) {
            let body_offset = start + line.len();
            return Ok(Split {
                yaml: &text[yaml_offset..start],
                yaml_offset,
                body: &text[body_offset..],
                body_offset,
            });
        }
    }
    Err(SplitError::Unclosed { opening })
}

fn is_fence(line: &str) -> bool {
    line.trim_end_matches(['\n', '\r']).trim_end() == "---"
}

/// Lines including their terminator, with the byte offset of each line's start.
struct Lines<'a> {
    text: &'a str,
    offset: usize,
}

fn lines_with_offsets(text: &str, offset: usize) -> Lines<'_> {
    Lines { text, offset }
}

impl Lines<'_> {
    fn peek_offset(&self) -> Option<usize> {
        (self.offset < self.text.len()).then_some(self.offset)
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let rest = &self.text[self.offset..];
        if rest.is_empty() {
            return None;
        }
        let len = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let start = self.offset;
        self.offset += len;
        Some((start, &rest[..len]))
    }
}

/// Why YAML could not be read as the expected type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YamlError {
    /// Not YAML at all (or too deep, or too many aliases).
    Syntax {
        message: String,
        offset: Option<usize>,
    },
    /// A field name the type does not have; `expected` lists the ones it has.
    UnknownField {
        field: String,
        expected: Vec<String>,
        offset: Option<usize>,
    },
    /// A required field is absent.
    MissingField { field: String },
    /// A value outside a fixed list (an enum); `expected` lists the allowed ones.
    UnknownVariant {
        value: String,
        expected: Vec<String>,
        offset: Option<usize>,
    },
    /// A key written twice in one mapping: `second` is where it is written again, and
    /// `first` where it was first, when known.
    DuplicateKey {
        key: String,
        first: Option<usize>,
        second: Option<usize>,
    },
    /// Any other mismatch between the value and the type.
    Type {
        message: String,
        offset: Option<usize>,
    },
}

/// Reads `yaml` (found at `yaml_offset` in its file) as a `T`. Empty YAML reads as an
/// empty mapping, so that a missing required field is reported as such.
pub fn parse<T: DeserializeOwned>(yaml: &str, yaml_offset: usize) -> Result<T, YamlError> {
    let yaml = if yaml.trim().is_empty() { "{}" } else { yaml };
    // Expansion limits carry no location: point at the first alias.
    let locate = |error: &serde_yaml::Error, message: &str| {
        let first_alias = || {
            yaml.find('*')
                .filter(|_| message.contains("limit exceeded"))
        };
        let offset = error.location().map(|l| l.index()).or_else(first_alias);
        offset.map(|o| o + yaml_offset)
    };
    serde_yaml::from_str(yaml).map_err(|error| {
        // Whether the YAML itself is broken, or only not what `T` takes, shows when it
        // is read again as any value; only files in error pay for the second reading.
        if let Err(error) = serde_yaml::from_str::<serde::de::IgnoredAny>(yaml) {
            let message = strip_location(&error.to_string());
            let offset = locate(&error, &message);
            return YamlError::Syntax { message, offset };
        }
        let message = strip_location(&error.to_string());
        let offset = locate(&error, &message);
        classify(&message, offset)
    })
}

/// The top-level field names `T` takes, as serde lists them when a field is unknown.
pub fn field_names<T: DeserializeOwned>() -> Vec<String> {
    match parse::<T>("amicus-field-probe: 0\n", 0) {
        Err(YamlError::UnknownField { expected, .. }) => expected,
        _ => Vec::new(),
    }
}

/// At most this many field errors are reported per file; past it the file is surely
/// not what its kind expects, and more would only bury the first ones.
pub const MAX_ERRORS_PER_FILE: usize = 20;

/// Like [`parse`], but goes on after a wrong field: the top-level entry at fault is
/// blanked (with spaces, so that offsets stay right) and the rest read again, so that
/// one run reports every wrong field of a file, not only the first. Returns the value
/// read without the faulty entries, when that succeeds, and every error found.
pub fn parse_all<T: DeserializeOwned>(
    yaml: &str,
    yaml_offset: usize,
) -> (Option<T>, Vec<YamlError>) {
    let mut text = yaml.to_owned();
    // serde stops at a key written twice without saying where the first one is, and
    // the blanking below would then take the wrong entry: found by reading the text.
    let mut errors = blank_duplicate_keys(&mut text, yaml_offset);
    let mut blanked: Vec<String> = Vec::new();
    while errors.len() < MAX_ERRORS_PER_FILE {
        let error = match parse::<T>(&text, yaml_offset) {
            Ok(value) => return (Some(value), errors),
            Err(error) => error,
        };
        let offset = match &error {
            // The field was blanked because its value was wrong: already reported.
            YamlError::MissingField { field } if blanked.contains(field) => break,
            YamlError::UnknownField { offset, .. }
            | YamlError::DuplicateKey { second: offset, .. }
            | YamlError::UnknownVariant { offset, .. }
            | YamlError::Type { offset, .. } => *offset,
            YamlError::Syntax { .. } | YamlError::MissingField { .. } => None,
        };
        errors.push(error);
        let at = offset.and_then(|o| o.checked_sub(yaml_offset));
        match at.and_then(|at| blank_entry(&mut text, at)) {
            Some(key) => blanked.push(key),
            None => break,
        }
    }
    (None, errors)
}

/// Every top-level key written again after its first line, as errors; each repeated
/// entry is blanked so that the rest is read with the first value.
fn blank_duplicate_keys(text: &mut String, yaml_offset: usize) -> Vec<YamlError> {
    // Every file passes here: the keys are borrowed, and only a repeated one copied.
    let mut first_lines: Vec<(&str, usize)> = Vec::new();
    let mut repeated: Vec<(String, usize, usize)> = Vec::new();
    for (offset, line) in lines_with_offsets(text, 0) {
        if line.starts_with([' ', '\t', '-', '#', '\n', '\r']) {
            continue;
        }
        let Some((name, _)) = key_of(line) else {
            continue;
        };
        let key = line[name].trim();
        match first_lines.iter().find(|(k, _)| *k == key) {
            Some((_, first)) => repeated.push((key.to_owned(), *first, offset)),
            None => first_lines.push((key, offset)),
        }
    }
    repeated
        .into_iter()
        .map(|(key, first, second)| {
            blank_entry(text, second);
            YamlError::DuplicateKey {
                key,
                first: Some(first + yaml_offset),
                second: Some(second + yaml_offset),
            }
        })
        .collect()
}

/// Replaces the top-level `key: value` entry that contains byte `at` with spaces, and
/// returns its key; `None` when `at` is not inside a plain top-level entry.
fn blank_entry(text: &mut String, at: usize) -> Option<String> {
    let mut entry: Option<std::ops::Range<usize>> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let top_level = !line.starts_with([' ', '\t', '-', '#', '\n', '\r']);
        if top_level && offset > at {
            break;
        }
        match (&mut entry, top_level) {
            (_, true) => entry = Some(offset..offset + line.len()),
            (Some(range), false) => range.end = offset + line.len(),
            (None, false) => {}
        }
        offset += line.len();
    }
    let entry = entry.filter(|e| e.contains(&at))?;
    let line = &text[entry.clone()];
    let key = line.split_once(':')?.0.trim().trim_matches(['"', '\'']);
    let plain = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    if key.is_empty() || !key.chars().all(plain) {
        return None;
    }
    let key = key.to_owned();
    let spaces: String = text[entry.clone()]
        .chars()
        .map(|c| {
            if c == '\n' || c == '\r' {
                c.to_string()
            } else {
                " ".repeat(c.len_utf8())
            }
        })
        .collect();
    text.replace_range(entry, &spaces);
    Some(key)
}

/// serde_yaml writes ` at line L column C` (counted within the YAML block, so wrong
/// for the file) into its messages; Amicus prints its own location.
fn strip_location(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + " at line ".len()..];
        let skip = after
            .find(|c: char| !(c.is_ascii_digit() || c == ' ' || "column".contains(c)))
            .unwrap_or(after.len());
        rest = &after[skip..];
    }
    out.push_str(rest);
    out
}

/// Sorts serde's message into the kinds Amicus explains differently.
fn classify(message: &str, offset: Option<usize>) -> YamlError {
    let (path, message) = split_path(message);
    if message.contains("repetition limit exceeded") || message.contains("recursion limit exceeded")
    {
        return YamlError::Syntax {
            message: format!(
                "{message}: the YAML expands too far (aliases repeated, or nested too deep)"
            ),
            offset,
        };
    }
    let quoted = quoted_words(message);
    if message.starts_with("unknown field") {
        YamlError::UnknownField {
            field: quoted.first().cloned().unwrap_or_default(),
            expected: quoted.into_iter().skip(1).collect(),
            offset,
        }
    } else if message.starts_with("unknown variant") {
        YamlError::UnknownVariant {
            value: quoted.first().cloned().unwrap_or_default(),
            expected: quoted.into_iter().skip(1).collect(),
            offset,
        }
    } else if message.starts_with("duplicate field") || message.starts_with("duplicate entry") {
        // serde points at the start of the mapping, not at the key written twice.
        let key = quoted_words(message).first().cloned().unwrap_or_else(|| {
            let quoted = message.split('"').nth(1).unwrap_or_default();
            quoted.to_owned()
        });
        YamlError::DuplicateKey {
            key,
            first: None,
            second: offset,
        }
    } else if message.starts_with("missing field") {
        YamlError::MissingField {
            field: quoted.first().cloned().unwrap_or_default(),
        }
    } else {
        let message = match path {
            Some(path) => format!("`{path}`: {message}"),
            None => message.to_owned(),
        };
        YamlError::Type { message, offset }
    }
}

/// serde_yaml prefixes errors in nested values with their path (`location.lat: …`).
fn split_path(message: &str) -> (Option<&str>, &str) {
    match message.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') && !path.is_empty() => (Some(path), rest),
        _ => (None, message),
    }
}

/// The words between backticks in a serde message.
fn quoted_words(message: &str) -> Vec<String> {
    message
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// Finds where a field's value is written in a front-matter block, for diagnostics
/// about values that were well-typed but wrong (an unknown id, an impossible date).
/// YAML libraries with spans would make this exact; this reads the text itself, and
/// falls back to the key, then to the start of the block.
#[derive(Debug, Clone)]
pub struct Locator<'a> {
    pub yaml: &'a str,
    pub yaml_offset: usize,
    /// The block's top-level entries in order, found once: every reference in a file
    /// asks for a span, and scanning the block for each was a fortieth of a build.
    entries: Vec<TopLevelEntry>,
}

/// A `key:` line at column 0 and the lines that continue it, as offsets into the block.
#[derive(Debug, Clone)]
struct TopLevelEntry {
    /// The key without its quotes.
    name: Range<usize>,
    /// The key as written, quotes included.
    key: Range<usize>,
    /// Where the next line at column 0 starts, or the end of the block.
    end: usize,
}

impl<'a> Locator<'a> {
    /// A locator for `yaml`, which starts at byte `yaml_offset` of its file.
    pub fn new(yaml: &'a str, yaml_offset: usize) -> Self {
        let mut entries: Vec<TopLevelEntry> = Vec::new();
        for (offset, line) in lines_with_offsets(yaml, 0) {
            if line.starts_with([' ', '\t', '-', '#', '\n', '\r']) {
                continue;
            }
            // Any line at column 0 ends the entry before it (one still running to the
            // end of the block), a key or not.
            if let Some(last) = entries.last_mut().filter(|e| e.end == yaml.len()) {
                last.end = offset;
            }
            if let Some((name, key_len)) = key_of(line) {
                entries.push(TopLevelEntry {
                    name: offset + name.start..offset + name.end,
                    key: offset..offset + key_len,
                    end: yaml.len(),
                });
            }
        }
        Locator {
            yaml,
            yaml_offset,
            entries,
        }
    }

    /// The keys at the top level of the block, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries
            .iter()
            .map(|entry| &self.yaml[entry.name.clone()])
    }

    /// The span of `key` at the top level of the block.
    pub fn key(&self, key: &str) -> Range<usize> {
        self.top_level_key(key)
            .map(|r| self.absolute(r))
            .unwrap_or_else(|| self.start())
    }

    /// The span of the value written after `key:` on the same line (or of the key
    /// when the value continues on the following lines).
    pub fn value(&self, key: &str) -> Range<usize> {
        let Some(key_range) = self.top_level_key(key) else {
            return self.start();
        };
        let line_end = self.yaml[key_range.end..]
            .find('\n')
            .map_or(self.yaml.len(), |i| key_range.end + i);
        let after_colon = key_range.end + 1;
        let raw = &self.yaml[after_colon.min(line_end)..line_end];
        let value = strip_comment(raw).trim();
        if value.is_empty() {
            return self.absolute(key_range);
        }
        let start = after_colon + raw.find(value).unwrap_or(0);
        self.absolute(start..start + value.len())
    }

    /// The span of the scalar `token` inside the value of `key` (an item of a list, a
    /// value in a nested map), or of the key when the token is not found.
    pub fn token(&self, key: &str, token: &str) -> Range<usize> {
        self.nth_token(key, token, 0)
    }

    /// Like [`Locator::token`], for the `n`-th occurrence (duplicate list items).
    pub fn nth_token(&self, key: &str, token: &str, n: usize) -> Range<usize> {
        let Some(entry) = self.top_level_entry(key) else {
            return self.start();
        };
        let text = &self.yaml[entry.clone()];
        match token_positions(text, token).nth(n) {
            Some(i) => self.absolute(entry.start + i..entry.start + i + token.len()),
            None => self.key(key),
        }
    }

    /// The span of the value of `sub` inside the value of `key` (`location` → `lat`).
    pub fn nested(&self, key: &str, sub: &str) -> Range<usize> {
        let Some(entry) = self.top_level_entry(key) else {
            return self.start();
        };
        let text = &self.yaml[entry.clone()];
        let Some(i) = token_positions(text, sub).find(|&i| text[i + sub.len()..].starts_with(':'))
        else {
            return self.key(key);
        };
        let rest = &text[i + sub.len() + 1..];
        let value_len = rest
            .find(|c: char| [',', '}', '\n', '#'].contains(&c))
            .unwrap_or(rest.len());
        let raw = &rest[..value_len];
        let leading = raw.len() - raw.trim_start().len();
        let start = entry.start + i + sub.len() + 1 + leading;
        self.absolute(start..start + raw.trim().len().max(1))
    }

    fn start(&self) -> Range<usize> {
        self.yaml_offset..self.yaml_offset
    }

    fn absolute(&self, range: Range<usize>) -> Range<usize> {
        range.start + self.yaml_offset..range.end + self.yaml_offset
    }

    /// The first top-level entry whose key is `key`.
    fn find(&self, key: &str) -> Option<&TopLevelEntry> {
        self.entries
            .iter()
            .find(|entry| &self.yaml[entry.name.clone()] == key)
    }

    fn top_level_key(&self, key: &str) -> Option<Range<usize>> {
        self.find(key).map(|entry| entry.key.clone())
    }

    /// From the key to the next line that starts at column 0 (the next top-level key).
    fn top_level_entry(&self, key: &str) -> Option<Range<usize>> {
        self.find(key).map(|entry| entry.key.start..entry.end)
    }
}

/// The key of a `key: value` line at column 0, plain or quoted: where its name is in
/// the line, and how long the key is with its quotes.
fn key_of(line: &str) -> Option<(Range<usize>, usize)> {
    for quote in ['"', '\''] {
        if let Some(rest) = line.strip_prefix(quote) {
            let close = rest.find(quote)?;
            let key_len = close + 2;
            return line[key_len..]
                .starts_with(':')
                .then_some((1..close + 1, key_len));
        }
    }
    let colon = line.find(':')?;
    Some((0..colon, colon))
}

fn strip_comment(value: &str) -> &str {
    match value.find(" #") {
        Some(i) => &value[..i],
        None => value,
    }
}

/// Offsets of `token` in `text` where it stands as a whole scalar, not inside a word.
fn token_positions<'t>(text: &'t str, token: &'t str) -> impl Iterator<Item = usize> + 't {
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '_' || c == '.';
    matches(text, token).filter(move |&i| {
        let before = text[..i].chars().next_back();
        let after = text[i + token.len()..].chars().next();
        !token.is_empty() && !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}

/// Where `token` is in `text`, without overlaps, as `str::match_indices` finds it. The
/// texts are a few lines long: setting up `match_indices`'s searcher for each token
/// cost more than looking for the token's first byte.
fn matches<'t>(text: &'t str, token: &'t str) -> impl Iterator<Item = usize> + 't {
    let first = token.as_bytes().first().copied();
    let mut from = 0;
    std::iter::from_fn(move || {
        let first = first?;
        while let Some(i) = text.as_bytes()[from..].iter().position(|&b| b == first) {
            // `first` starts a character, so `from + i` is a character boundary.
            let at = from + i;
            if text[at..].starts_with(token) {
                from = at + token.len();
                return Some(at);
            }
            from = at + 1;
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_plain_front_matter() {
        let text = "---\nname: Kyoto\n---\nBody\n";
        let split = split(text).unwrap();
        assert_eq!(split.yaml, "name: Kyoto\n");
        assert_eq!(split.yaml_offset, 4);
        assert_eq!(split.body, "Body\n");
    }

    #[test]
    fn splits_after_bom_blank_lines_and_with_crlf() {
        let text = "\u{feff}\r\n\n---\r\nname: Kyoto\r\n---\r\nBody\r\n";
        let split = split(text).unwrap();
        assert_eq!(split.yaml, "name: Kyoto\r\n");
        assert_eq!(&text[split.yaml_offset..split.yaml_offset + 4], "name");
        assert_eq!(split.body, "Body\r\n");
    }

    #[test]
    fn empty_front_matter_and_empty_body() {
        let split = split("---\n---\n").unwrap();
        assert_eq!(split.yaml, "");
        assert_eq!(split.body, "");
        let split = split_ok("---\nname: x\n---");
        assert_eq!(split.body, "");
    }

    fn split_ok(text: &str) -> Split<'_> {
        split(text).unwrap()
    }

    #[test]
    fn reports_missing_fences() {
        assert_eq!(split("name: Kyoto\n"), Err(SplitError::NoOpening));
        assert_eq!(split(""), Err(SplitError::NoOpening));
        assert_eq!(
            split("\n---\nname: Kyoto\n"),
            Err(SplitError::Unclosed { opening: 1..4 })
        );
        // A line of four dashes is not a fence.
        assert!(matches!(
            split("---\na: 1\n----\n"),
            Err(SplitError::Unclosed { .. })
        ));
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        name: String,
        population: Option<u64>,
        extra: Option<serde_json::Value>,
    }

    #[test]
    fn yaml_errors_point_into_the_file() {
        let text = "\n\n---\nname: Kyoto\n\npopulation: about 1.5 million\n---\n";
        let split = split(text).unwrap();
        let error = parse::<Sample>(split.yaml, split.yaml_offset).unwrap_err();
        let YamlError::Type { message, offset } = error else {
            panic!("{error:?}")
        };
        assert!(
            message.contains("invalid type: string \"about 1.5 million\""),
            "{message}"
        );
        assert_eq!(&text[offset.unwrap()..offset.unwrap() + 5], "about");
    }

    #[test]
    fn parse_all_reports_every_wrong_field() {
        let yaml = "name: a\npopulation: about 3\npopluation: 3\nextra:\n  k: v\n";
        let (value, errors) = parse_all::<Sample>(yaml, 10);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(matches!(
            &errors[0],
            YamlError::Type {
                offset: Some(30),
                ..
            }
        ));
        assert!(
            matches!(&errors[1], YamlError::UnknownField { field, offset: Some(38), .. } if field == "popluation")
        );
        let value = value.expect("the rest reads");
        assert_eq!((value.name.as_str(), value.population), ("a", None));
    }

    #[test]
    fn a_key_written_twice_is_one_error_at_its_second_line() {
        let yaml = "name: a\npopulation: 3\nname: b\nextra:\n  k: v\n";
        let (value, errors) = parse_all::<Sample>(yaml, 10);
        assert_eq!(
            errors,
            vec![YamlError::DuplicateKey {
                key: "name".into(),
                first: Some(10),
                second: Some(32),
            }]
        );
        assert_eq!(value.expect("the rest reads").name, "a");
    }

    #[test]
    fn parse_all_does_not_report_a_blanked_required_field_as_missing() {
        let (value, errors) = parse_all::<Sample>("name: [a]\n", 0);
        assert!(value.is_none());
        assert_eq!(errors.len(), 1, "{errors:?}");
    }

    #[test]
    fn strips_block_relative_locations() {
        assert_eq!(
            strip_location("found a tab at line 2 column 1, while scanning at line 2 column 6"),
            "found a tab, while scanning"
        );
        assert_eq!(strip_location("unknown field `a`"), "unknown field `a`");
    }

    #[test]
    fn field_names_are_those_of_the_type() {
        assert_eq!(field_names::<Sample>(), ["name", "population", "extra"]);
    }

    #[test]
    fn unknown_fields_list_the_known_ones() {
        let error = parse::<Sample>("name: a\npopluation: 3\n", 0).unwrap_err();
        assert_eq!(
            error,
            YamlError::UnknownField {
                field: "popluation".into(),
                expected: vec!["name".into(), "population".into(), "extra".into()],
                offset: Some(8),
            }
        );
    }

    #[test]
    fn syntax_errors_and_missing_fields() {
        assert!(matches!(
            parse::<Sample>("name: a\n\tpopulation: 3\n", 0),
            Err(YamlError::Syntax { .. })
        ));
        assert_eq!(
            parse::<Sample>("", 0).unwrap_err(),
            YamlError::MissingField {
                field: "name".into()
            }
        );
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut yaml = String::from("name: bomb\nextra:\n a: &a [x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let prev = (b'a' + i - 1) as char;
            let this = (b'a' + i) as char;
            yaml.push_str(&format!(
                " {this}: &{this} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
        }
        let result = parse::<Sample>(&yaml, 0);
        assert!(
            matches!(result, Err(YamlError::Syntax { .. })),
            "{result:?}"
        );
    }

    #[test]
    fn locator_finds_values_tokens_and_nested_values() {
        let yaml = "name: Kyoto # the city\nparties: [kyoto, lodzz]\nlocation: { lat: 95, lon: 1 }\nareas:\n  - culture\n";
        let at = |r: Range<usize>| &yaml[r];
        let locate = Locator::new(yaml, 0);
        assert_eq!(at(locate.value("name")), "Kyoto");
        assert_eq!(at(locate.token("parties", "lodzz")), "lodzz");
        assert_eq!(at(locate.nested("location", "lat")), "95");
        assert_eq!(at(locate.token("areas", "culture")), "culture");
        assert_eq!(at(locate.key("areas")), "areas");
        assert_eq!(locate.key("missing"), 0..0);
    }

    #[test]
    fn locator_reads_quoted_keys_and_ends_an_entry_at_the_next_line_at_column_0() {
        let yaml = "\"parties\": [a, b]\nareas:\n  - a\n# a comment\n  - b\n...\nlater: b\n";
        let at = |r: Range<usize>| &yaml[r];
        let locate = Locator::new(yaml, 0);
        assert_eq!(at(locate.key("parties")), "\"parties\"");
        assert_eq!(at(locate.token("parties", "b")), "b");
        // `- b` is still in `areas`; after the `...` line it is not.
        assert_eq!(locate.token("areas", "b"), 47..48);
        assert_eq!(locate.nth_token("areas", "b", 1), 18..23);
        assert_eq!(at(locate.value("later")), "b");
    }

    #[test]
    fn matches_are_found_as_match_indices_finds_them() {
        for (text, token) in [
            ("aaaa", "aa"),
            ("a-a-a", "a-a"),
            ("[łódź, lodz, łódź]", "łódź"),
            ("x", ""),
            ("", "x"),
            ("kyoto", "kyoto-east"),
        ] {
            let expected: Vec<usize> = text.match_indices(token).map(|(i, _)| i).collect();
            let expected = if token.is_empty() { vec![] } else { expected };
            assert_eq!(
                matches(text, token).collect::<Vec<_>>(),
                expected,
                "{token} in {text}"
            );
        }
    }

    #[test]
    fn locator_matches_whole_tokens_only() {
        let yaml = "parties: [lodz-east, lodz]\n";
        let locate = Locator::new(yaml, 10);
        assert_eq!(locate.token("parties", "lodz"), 31..35);
    }
}

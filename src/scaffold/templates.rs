//! The text of the files `amicus new` writes: front matter with the given values set
//! and every other field of the kind present as a commented line, so that the file
//! documents itself. Lists of allowed values come from the model's `ALL` lists, so they
//! cannot drift from what `check` accepts. `docs/content.md` describes the same fields.

use crate::content::model::{
    AgreementKind, AgreementStatus, HistoryEvent, Level, ProgramKind, ProgramStatus,
};

/// The sample sentences `amicus new` writes for an entry's texts, to be replaced: `check`
/// warns where they are left (`placeholder`).
pub const SAMPLE_SUMMARY: &str = "One line, shown in lists and search.";
pub const SAMPLE_CITY_BODY: &str = "write about the place here, in Markdown.";
pub const SAMPLE_AGREEMENT_BODY: &str = "What the agreement covers, in Markdown.";
pub const SAMPLE_PROGRAM_BODY: &str = "What the program does, in Markdown.";
pub const SAMPLE_PAGE_BODY: &str = "The text of the page, in Markdown.";
pub const SAMPLE_BODIES: [&str; 4] = [
    SAMPLE_CITY_BODY,
    SAMPLE_AGREEMENT_BODY,
    SAMPLE_PROGRAM_BODY,
    SAMPLE_PAGE_BODY,
];

/// Column at which trailing comments start, when the line leaves room.
const COMMENT_COLUMN: usize = 34;

/// Front matter being written, line by line.
#[derive(Default)]
pub struct Front {
    lines: Vec<String>,
}

impl Front {
    /// A field that is set: `key: value  # comment`.
    pub fn set(&mut self, key: &str, value: &str, comment: &str) -> &mut Self {
        self.line(format!("{key}: {value}"), comment)
    }

    /// A field left for the writer: `# key: example  # comment`.
    pub fn hint(&mut self, key: &str, example: &str, comment: &str) -> &mut Self {
        if example.is_empty() {
            return self.line(format!("# {key}:"), comment);
        }
        self.line(format!("# {key}: {example}"), comment)
    }

    /// A line as is (a commented list item, say).
    pub fn raw(&mut self, line: &str) -> &mut Self {
        self.lines.push(line.to_owned());
        self
    }

    fn line(&mut self, text: String, comment: &str) -> &mut Self {
        if comment.is_empty() {
            self.lines.push(text);
        } else {
            let pad = COMMENT_COLUMN.saturating_sub(text.chars().count()).max(1);
            self.lines.push(format!("{text}{:pad$}# {comment}", ""));
        }
        self
    }

    /// The whole file: the fenced front matter, then `body`.
    pub fn file(&self, body: &str) -> String {
        format!("---\n{}\n---\n{body}", self.lines.join("\n"))
    }
}

/// The fields every kind of entry has, at the end of its front matter.
fn common(front: &mut Front) {
    front
        .hint(
            "draft",
            "true",
            "leave it out of the site until it is ready",
        )
        .hint("extra", "{}", "anything your own templates need, untouched");
}

fn list<T: Copy>(all: &[T], text: fn(T) -> &'static str) -> String {
    all.iter().map(|&v| text(v)).collect::<Vec<_>>().join(", ")
}

/// `areas` as a commented field, naming the site's areas.
fn areas(front: &mut Front, areas: &[String]) {
    let example = areas.first().map_or("cultural-exchange", String::as_str);
    front.hint(
        "areas",
        &format!("[{example}]"),
        &format!("one or more of: {}", areas.join(", ")),
    );
}

pub struct City<'a> {
    pub name: &'a str,
    /// The name in English, when given: set as `names: { en: … }`.
    pub name_en: Option<&'a str>,
    pub country: &'a str,
    pub level: Level,
    pub areas: &'a [String],
}

pub fn city(c: &City) -> String {
    let names = c
        .name_en
        .map(|en| format!("{{ en: {} }}", yaml_flow_string(en)));
    let mut front = Front::default();
    front
        .set("name", &yaml_string(c.name), "as written locally")
        .set("country", c.country, "ISO 3166-1 alpha-2 code")
        .set("level", c.level.as_str(), &list(Level::ALL, Level::as_str))
        .hint(
            "parent",
            "state-id",
            "id of the state or region it belongs to",
        )
        .hint("summary", SAMPLE_SUMMARY, "")
        .hint("location", "{ lat: 0.0, lon: 0.0 }", "decimal degrees")
        .hint("population", "100000", "")
        .hint("website", "https://example.org/", "");
    match &names {
        Some(names) => front.set("names", names, "language tag → name"),
        None => front.hint("names", "{ en: Name in English }", "language tag → name"),
    };
    front
        .hint("former_names", "", "")
        .raw("#   - { name: Former name, until: 1990 }")
        .hint("ids", "{ wikidata: Q1, geonames: 1 }", "");
    areas(&mut front, c.areas);
    front.hint(
        "contact",
        "{ office: International Relations Office, email: international@example.org, phone: \"+00 0000 0000\", url: https://example.org/contact }",
        "",
    );
    common(&mut front);
    front.file(&format!("{}: {SAMPLE_CITY_BODY}\n", c.name))
}

pub struct Agreement<'a> {
    pub title: &'a str,
    pub kind: AgreementKind,
    pub parties: &'a [String],
    pub areas: &'a [String],
}

pub fn agreement(a: &Agreement) -> String {
    let parties = a.parties.join(", ");
    let first = a.parties.first().map_or("city-id", String::as_str);
    let mut front = Front::default();
    front
        .set("title", &yaml_string(a.title), "")
        .set("kind", a.kind.as_str(), &list(AgreementKind::ALL, AgreementKind::as_str))
        .set("parties", &format!("[{parties}]"), "ids of two or more distinct cities")
        .hint("summary", SAMPLE_SUMMARY, "")
        .hint("signed", "2024-05-17", "YYYY-MM-DD, YYYY-MM or YYYY; leave out when not known")
        .hint("expires", "2030-12-31", "")
        .hint("status", "active", &list(AgreementStatus::ALL, AgreementStatus::as_str))
        .hint("history", "", &format!("events: {}", list(HistoryEvent::ALL, HistoryEvent::as_str)))
        .raw("#   - { date: 2024-05-17, event: signed }")
        .raw(&format!("#   - {{ date: 2030-01-10, event: renewed, by: {first}, note: \"When one side acted alone, `by` names it.\" }}"));
    areas(&mut front, a.areas);
    front
        .hint("programs", "[program-id]", "ids of programs run under it")
        .hint(
            "document",
            "https://example.org/agreement.pdf",
            "or a file under static/: /docs/agreement.pdf",
        )
        .hint("signatories", "", "")
        .raw(&format!(
            "#   - {{ name: Jane Doe, role: Mayor, party: {first} }}"
        ))
        .hint("sources", "", "")
        .raw("#   - { title: City council minutes, url: https://example.org/minutes }");
    common(&mut front);
    front.file(&format!("{SAMPLE_AGREEMENT_BODY}\n"))
}

pub struct Program<'a> {
    pub title: &'a str,
    pub kind: ProgramKind,
    pub areas: &'a [String],
}

pub fn program(p: &Program) -> String {
    let mut front = Front::default();
    front
        .set("title", &yaml_string(p.title), "")
        .set(
            "kind",
            p.kind.as_str(),
            &list(ProgramKind::ALL, ProgramKind::as_str),
        )
        .hint("summary", SAMPLE_SUMMARY, "")
        .hint("lead", "city-id", "the city that leads it")
        .hint("participants", "[city-id, other-city-id]", "")
        .hint(
            "countries",
            "[PL, CZ]",
            "countries it is aimed at (ISO codes)",
        );
    areas(&mut front, p.areas);
    front
        .hint("start", "2024-01", "YYYY-MM-DD, YYYY-MM or YYYY")
        .hint("end", "2026-12-31", "")
        .hint(
            "status",
            "active",
            &list(ProgramStatus::ALL, ProgramStatus::as_str),
        )
        .hint("website", "https://example.org/", "");
    common(&mut front);
    front.file(&format!("{SAMPLE_PROGRAM_BODY}\n"))
}

pub fn page(title: &str) -> String {
    let mut front = Front::default();
    front
        .set("title", &yaml_string(title), "")
        .hint("summary", SAMPLE_SUMMARY, "")
        .hint("menu", "true", "list it in the site navigation")
        .hint("weight", "10", "order in the navigation, small first");
    common(&mut front);
    front.file(&format!("{SAMPLE_PAGE_BODY}\n"))
}

/// A string as a YAML value: plain when that reads back as the same string, quoted
/// otherwise (`"Yes"`, `"1990"`, `"Ends: here"`).
pub fn yaml_string(text: &str) -> String {
    let special_word = matches!(
        text.to_ascii_lowercase().as_str(),
        "y" | "n" | "yes" | "no" | "on" | "off" | "true" | "false" | "null" | "~"
    );
    let plain = text.chars().next().is_some_and(char::is_alphabetic)
        && !text.ends_with(' ')
        && !special_word
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || " .,-–—'’()/&".contains(c));
    if plain {
        text.to_owned()
    } else {
        // A JSON string is a valid double-quoted YAML scalar.
        serde_json::to_string(text).unwrap_or_else(|_| format!("{text:?}"))
    }
}

/// [`yaml_string`] for a value inside `{ }` or `[ ]`, where a plain comma would end it.
fn yaml_flow_string(text: &str) -> String {
    if text.contains(',') {
        serde_json::to_string(text).unwrap_or_else(|_| format!("{text:?}"))
    } else {
        yaml_string(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_quoted_only_when_needed() {
        assert_eq!(yaml_string("São Paulo"), "São Paulo");
        assert_eq!(
            yaml_string("Sister-city agreement A–B"),
            "Sister-city agreement A–B"
        );
        assert_eq!(yaml_string("No"), "\"No\"");
        assert_eq!(yaml_string("1990 exchange"), "\"1990 exchange\"");
        assert_eq!(yaml_string("Trade: Asia"), "\"Trade: Asia\"");
        assert_eq!(yaml_string("Quote \"x\""), "\"Quote \\\"x\\\"\"");
    }

    #[test]
    fn flow_values_quote_commas() {
        assert_eq!(yaml_flow_string("Kyoto"), "Kyoto");
        assert_eq!(yaml_flow_string("Jeju, Island"), "\"Jeju, Island\"");
        assert_eq!(yaml_flow_string("No"), "\"No\"");
    }

    /// The file with every commented field written in, as an editor would.
    fn uncommented(file: &str) -> String {
        let front = file.split("---\n").nth(1).expect("front matter");
        front
            .lines()
            .map(|line| line.strip_prefix("# ").unwrap_or(line))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn commented_fields_are_valid_when_uncommented() {
        use crate::content::frontmatter::parse;
        use crate::content::raw::{RawAgreement, RawCity, RawPage, RawProgram};
        let areas = ["cultural-exchange".to_owned()];
        let parties = ["kyoto".to_owned(), "boston".to_owned()];
        let city = city(&City {
            name: "Kyoto",
            name_en: None,
            country: "JP",
            level: Level::City,
            areas: &areas,
        });
        let agreement = agreement(&Agreement {
            title: "Kyoto–Boston",
            kind: AgreementKind::SisterCity,
            parties: &parties,
            areas: &areas,
        });
        let program = program(&Program {
            title: "Exchange",
            kind: ProgramKind::Exchange,
            areas: &areas,
        });
        let page = page("About");
        parse::<RawCity>(&uncommented(&city), 0).expect("city");
        let agreement = parse::<RawAgreement>(&uncommented(&agreement), 0).expect("agreement");
        assert_eq!(agreement.history.len(), 2);
        assert_eq!(agreement.signatories.len(), 1);
        parse::<RawProgram>(&uncommented(&program), 0).expect("program");
        parse::<RawPage>(&uncommented(&page), 0).expect("page");
    }

    #[test]
    fn comments_line_up() {
        let mut front = Front::default();
        front
            .set("kind", "exchange", "a comment")
            .hint("lead", "x", "");
        let text = front.file("");
        assert_eq!(text.lines().nth(1).unwrap().find('#'), Some(COMMENT_COLUMN));
        assert_eq!(text.lines().nth(2).unwrap(), "# lead: x");
    }
}

//! The table of diagnostic codes. A code never changes meaning once published; a
//! retired code is never reused. Each entry carries its documentation, from which
//! `amicus explain` and `docs/diagnostics.md` are produced.

use super::Severity;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    /// `A0101`: the stable identifier.
    pub code: &'static str,
    /// `yaml-syntax`: the name used to silence a warning in site.yaml.
    pub name: &'static str,
    pub severity: Severity,
    /// One line: what the problem is.
    pub summary: &'static str,
    /// Why it matters and how to fix it, with an example, in Markdown.
    pub explanation: &'static str,
}

macro_rules! codes {
    ($( $ident:ident = $code:literal, $name:literal, $severity:ident, $summary:literal, $explanation:literal; )*) => {
        $( pub const $ident: Code = Code {
            code: $code,
            name: $name,
            severity: Severity::$severity,
            summary: $summary,
            explanation: $explanation,
        }; )*
        /// Every code, in code order.
        pub const ALL: &[Code] = &[$($ident),*];
    };
}

codes! {
    IO = "A0001", "io", Error, "A file or folder could not be read or written.",
        "Amicus could not read a file of the site or write the output. The message names the file and the system's reason (missing, permission denied, disk full). Fix the permissions or the path and run again.";
    ROOT = "A0002", "site-root", Error, "The site folder is not a usable Amicus site.",
        "`--root` must name a folder that contains `site.yaml`. Run `amicus new site DIR` to create one, or pass the right folder.";
    OUTPUT_FOLDER = "A0003", "output-folder", Error, "The output folder is refused.",
        "The output folder is replaced as a whole on every build, so it must not be the site folder, contain it, or lie inside `content/`, `static/` or `themes/`. Choose a separate folder such as `public/`.";
    NOT_UTF8 = "A0101", "not-utf8", Error, "A content file is not UTF-8 text.",
        "Every content file must be UTF-8 text. A file saved in another encoding (Windows-1252, Latin-1) or a binary file with an `.md` name cannot be read. Save the file as UTF-8 in your editor.";
    FRONT_MATTER = "A0102", "front-matter", Error, "The YAML front matter is missing or not closed.",
        "Every content file starts with front matter between two lines of three dashes:\n\n```markdown\n---\nname: Kyoto\ncountry: JP\n---\nText of the page.\n```\n\nAdd the missing `---` line.";
    YAML_SYNTAX = "A0103", "yaml-syntax", Error, "The front matter is not valid YAML.",
        "The front matter could not be read as YAML. Common causes: a tab used for indentation (YAML allows only spaces), a value with a colon that is not quoted (`title: \"Climate: a memorandum\"`), or a list item not aligned with its siblings.";
    WRONG_TYPE = "A0104", "wrong-type", Error, "A field has a value of the wrong type.",
        "Each field takes one kind of value: `population` a whole number, `areas` a list of area ids, `location` a map with `lat` and `lon`. Write the value in the form the field takes, for example `population: 1500000`.";
    UNKNOWN_FIELD = "A0105", "unknown-field", Error, "A field name is not known for this kind of entry.",
        "Amicus rejects unknown fields so that a typo (`popluation`) does not silently drop data. Correct the name, or move data meant for your own templates under `extra:`, which is passed through untouched.";
    MISSING_FIELD = "A0106", "missing-field", Error, "A required field is missing.",
        "Cities need `name` and `country`; programs need `title` and `kind`; agreements need `title`, `kind` and `parties`; pages need `title`. Add the field.";
    INVALID_VALUE = "A0107", "invalid-value", Error, "A field's value is not one of the allowed values.",
        "Fields such as `kind`, `status` and `level` take one of a fixed list of values, listed in the message. Use one of them, for example `status: active`.";
    FILE_NAME = "A0108", "file-name", Error, "A content file's name is not a valid id.",
        "The file name without `.md` is the entry's id and its address (`/cities/sao-paulo/`). It may contain only lowercase ASCII letters, digits and single hyphens. Rename `São Paulo.md` to `sao-paulo.md`: transliterate, do not drop letters (Łódź → `lodz`, Straße → `strasse`).";
    DUPLICATE_ID = "A0109", "duplicate-id", Error, "Two entries of the same collection have the same id.",
        "Ids must be unique within a collection. This happens when two files differ only in their extension or case on a case-insensitive disk. Rename one of them.";
    COUNTRY = "A0201", "country", Error, "A country code is not an ISO 3166-1 alpha-2 code.",
        "Countries are written as two-letter ISO 3166-1 codes in capitals: `DE` for Germany, `JP` for Japan, `NO` for Norway, `GB` (not `UK`) for the United Kingdom.";
    DATE = "A0202", "date", Error, "A date is not a valid date.",
        "Dates are ISO: `2003-06-12`, or `2003-06` or `2003` when the day or month is not known. The date must exist (`2023-02-30` does not).";
    DATE_ORDER = "A0203", "date-order", Error, "An end date comes before its start date.",
        "A program's `end` must not be before its `start`, and an agreement's `expires` not before `signed`. Check both dates.";
    COORDINATES = "A0204", "coordinates", Error, "A location is outside the valid range.",
        "`location.lat` must lie between -90 and 90 and `location.lon` between -180 and 180, in decimal degrees (`{ lat: 35.0116, lon: 135.7681 }`). Swapped values are a common cause.";
    URL = "A0205", "url", Error, "A web address is not an absolute http(s) URL.",
        "Addresses must be absolute and start with `https://` or `http://`. A document may also be a path under `static/`, such as `/documents/agreement.pdf`.";
    ID_SYNTAX = "A0206", "id-syntax", Error, "A reference is not a well-formed id.",
        "Ids contain only lowercase ASCII letters, digits and single hyphens. Write the id of the entry (its file name without `.md`), not its display name: `sao-paulo`, not `São Paulo`.";
    UNKNOWN_REFERENCE = "A0301", "unknown-reference", Error, "A reference names an entry that does not exist.",
        "Fields such as `parties`, `lead`, `participants`, `parent` and `programs` name other entries by id. The id must be the file name of an existing entry of that collection. The message suggests the closest existing id.";
    UNKNOWN_AREA = "A0302", "unknown-area", Error, "An engagement area is not declared in site.yaml.",
        "`areas` values must be ids declared under `areas:` in site.yaml, or, when site.yaml declares none, one of the six default areas: economic-development, cultural-exchange, environmental-cooperation, public-health, urban-planning, migration-and-integration.";
    PARTIES = "A0303", "parties", Error, "An agreement needs two or more distinct parties.",
        "An agreement is between at least two different cities or regions. List each party once: `parties: [chemnitz, lodz]`. A city cannot partner with itself.";
    PARENT_LOOP = "A0304", "parent-loop", Error, "`parent` references form a loop.",
        "`parent` names the state or region a place belongs to. Following `parent` from any city must end at a place without a parent; a loop (a → b → a) has no top. Remove one of the `parent` fields.";
    BROKEN_LINK = "A0305", "broken-link", Error, "A link in a Markdown body points to an entry that does not exist.",
        "Links between entries are written `[Kraków](@cities/krakow)`. The collection must be one of cities, programs, agreements or pages, and the id an existing entry of it.";
    PARTY_REFERENCE = "A0306", "history-party", Error, "A history event's `by` is not a party of the agreement.",
        "`by` in a history event names the party that acted alone, so it must be one of the agreement's `parties`.";
    RAW_HTML = "A0401", "raw-html", Warning, "Raw HTML in a Markdown body was left out.",
        "Raw HTML is left out of pages by default, so that content cannot break the page layout or inject scripts. Write the content in Markdown, or set `allow_html: true` in site.yaml if the site trusts its editors with HTML.";
    CONFIG = "A0501", "config", Error, "site.yaml has a missing or invalid setting.",
        "site.yaml needs `title` and `base_url` (an absolute http(s) URL). The message names the setting at fault.";
    TEMPLATE = "A0601", "template", Error, "A template could not be compiled or rendered.",
        "A theme template has a syntax error or reads a variable that does not exist. The message shows the template, line and the expression at fault. The variables available to each template are listed in docs/templates.md.";
}

/// The code with this identifier (`A0101`) or name (`yaml-syntax`).
pub fn find(key: &str) -> Option<Code> {
    ALL.iter()
        .copied()
        .find(|c| c.code.eq_ignore_ascii_case(key) || c.name == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_sorted() {
        for pair in ALL.windows(2) {
            assert!(
                pair[0].code < pair[1].code,
                "{} before {}",
                pair[0].code,
                pair[1].code
            );
        }
        let mut names: Vec<_> = ALL.iter().map(|c| c.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), ALL.len());
    }
}

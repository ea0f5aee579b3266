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
    /// Why it matters and how to fix it, in Markdown.
    pub explanation: &'static str,
    /// A mistake that causes it and its fix, in Markdown.
    pub example: &'static str,
}

macro_rules! codes {
    ($( $ident:ident = $code:literal, $name:literal, $severity:ident, $summary:literal, $explanation:literal, $example:literal; )*) => {
        $( pub const $ident: Code = Code {
            code: $code,
            name: $name,
            severity: Severity::$severity,
            summary: $summary,
            explanation: $explanation,
            example: $example,
        }; )*
        /// Every code, in code order.
        pub const ALL: &[Code] = &[$($ident),*];
    };
}

codes! {
    IO = "A0001", "io", Error, "A file or folder could not be read or written.",
        "Amicus could not read a file of the site or write the output. The message names the file and the system's reason (missing, permission denied, disk full). Fix the permissions or the path and run again.",
        "```text\nerror[A0001]: cannot read the file: Permission denied (os error 13)\n  --> content/cities/kyoto.md\n```\n\nFix: `chmod a+r content/cities/kyoto.md`. A content file larger than 16 MiB is refused with this code too: put large documents under `static/` and link to them.";
    ROOT = "A0002", "site-root", Error, "The site folder is not a usable Amicus site.",
        "`--root` must name a folder that contains `site.yaml`. Run `amicus new site DIR` to create one, or pass the right folder.",
        "```sh\namicus check --root ./my-sitee   # no site.yaml there\n```\n\nFix: `amicus check --root ./my-site`.";
    OUTPUT_FOLDER = "A0003", "output-folder", Error, "The output folder is refused.",
        "The output folder is replaced as a whole on every build, so it must not be the site folder, contain it, or lie inside `content/`, `static/` or `themes/`. Choose a separate folder such as `public/`.",
        "```sh\namicus build --output content/   # would replace the content\n```\n\nFix: `amicus build --output public/`.";
    GIT = "A0004", "git", Error, "`amicus diff` could not read a revision from git.",
        "`amicus diff` reads the site at two revisions straight from git. The folder must be inside a git working tree, each revision must name a commit that exists (anything `git rev-parse` takes: a branch, a tag, `HEAD~1`, a commit id), and without a FROM revision the commit where the current branch left the default branch (`origin/HEAD`, `main` or `master`) must have been fetched. A shallow clone, as CI makes by default, lacks it: fetch the whole history.",
        "```yaml
- uses: actions/checkout@v4   # fetches one commit
- run: amicus diff --format markdown
```

Fix: `with: { fetch-depth: 0 }` on the checkout step, or `git fetch --unshallow` before `amicus diff`.";
    CHANGED = "A0005", "changed", Error, "A content file changed while the site was being built.",
        "A build reads each content file once to check it, and reads an entry's text again when it renders the entry's page, rather than holding every text in memory. When the file is not the same the second time (an editor saved it, a `git checkout` ran), the page would mix the new text with what was checked in the old one, so the build stops and the previous output stays. Build again once the file is saved.",
        "```text\nerror[A0005]: the file changed while the site was being built\n  --> content/cities/kyoto.md\n```\n\nFix: run `amicus build` again.";
    NOT_UTF8 = "A0101", "not-utf8", Error, "A content file is not UTF-8 text.",
        "Every content file must be UTF-8 text. A file saved in another encoding (Windows-1252, Latin-1) or a binary file with an `.md` name cannot be read. Save the file as UTF-8 in your editor.",
        "A city saved as Windows-1252 by an old editor: `Łódź` is stored in bytes that are not UTF-8.\n\nFix: reopen the file and save it with the encoding \"UTF-8\".";
    FRONT_MATTER = "A0102", "front-matter", Error, "The YAML front matter is missing or not closed.",
        "Every content file starts with front matter between two lines of three dashes:\n\n```markdown\n---\nname: Kyoto\ncountry: JP\n---\nText of the page.\n```\n\nAdd the missing `---` line.",
        "```markdown\n---\nname: Kyoto\ncountry: JP\nKyoto is ...\n```\n\nFix: add the closing `---` line after `country: JP`.";
    YAML_SYNTAX = "A0103", "yaml-syntax", Error, "The front matter is not valid YAML.",
        "The front matter could not be read as YAML. Common causes: a tab used for indentation (YAML allows only spaces), a value with a colon that is not quoted (`title: \"Climate: a memorandum\"`), or a list item not aligned with its siblings.",
        "```yaml\nlocation:\n\tlat: 35.0116   # a tab\n```\n\nFix: indent with spaces: `  lat: 35.0116`.";
    WRONG_TYPE = "A0104", "wrong-type", Error, "A field has a value of the wrong type.",
        "Each field takes one kind of value: `population` a whole number, `areas` a list of area ids, `location` a map with `lat` and `lon`. Write the value in the form the field takes, for example `population: 1500000`.",
        "```yaml\npopulation: about 1.5 million\n```\n\nFix: `population: 1500000`.";
    UNKNOWN_FIELD = "A0105", "unknown-field", Error, "A field name is not known for this kind of entry.",
        "Amicus rejects unknown fields so that a typo (`popluation`) does not silently drop data. Correct the name, or move data meant for your own templates under `extra:`, which is passed through untouched.",
        "```yaml\npopluation: 1463723\n```\n\nFix: `population: 1463723`.";
    MISSING_FIELD = "A0106", "missing-field", Error, "A required field is missing.",
        "Cities need `name` and `country`; programs need `title` and `kind`; agreements need `title`, `kind` and `parties`; pages need `title`. Add the field.",
        "```yaml\n---\nname: Kyoto\n---\n```\n\nFix: add `country: JP`.";
    INVALID_VALUE = "A0107", "invalid-value", Error, "A field's value is not one of the allowed values.",
        "Fields such as `kind`, `status` and `level` take one of a fixed list of values, listed in the message. Use one of them, for example `status: active`.",
        "```yaml\nstatus: activ\n```\n\nFix: `status: active`.";
    FILE_NAME = "A0108", "file-name", Error, "A content file's name is not a valid id.",
        "The file name without `.md` is the entry's id and its address (`/cities/sao-paulo/`). It may contain only lowercase ASCII letters, digits and single hyphens. Rename `São Paulo.md` to `sao-paulo.md`: transliterate, do not drop letters (Łódź → `lodz`, Straße → `strasse`).",
        "`content/cities/São Paulo.md`\n\nFix: rename it `content/cities/sao-paulo.md`.";
    DUPLICATE_ID = "A0109", "duplicate-id", Error, "Two entries of the same collection have the same id.",
        "Ids must be unique within a collection. This happens when two files differ only in their extension or case on a case-insensitive disk. Rename one of them.",
        "`content/cities/japan/kyoto.md` and `content/cities/kyoto.md`\n\nFix: keep one of the two files, or rename one (`kyoto-prefecture.md`).";
    TRANSLATION_FIELD = "A0110", "translation-field", Error, "A translation sets a field that cannot differ between languages.",
        "A translation (`krakow.en.md` next to `krakow.md`) holds only what is written in words: `title` (not for cities, whose names in other languages are in `names`), `summary`, the body, the `note`s of history events and the `title`s of sources. Everything else (parties, country, dates, status, areas…) is the same in every language and comes from the default-language file. Set it there.",
        "```yaml
# content/agreements/dresden-wroclaw.en.md
title: Partnership Dresden–Wrocław
status: active
```

Fix: remove `status` from the translation; `dresden-wroclaw.md` sets it for every language.";
    TRANSLATION_LANGUAGE = "A0111", "translation-language", Error, "A translation is in a language the site does not list.",
        "A file `<id>.<language>.md` is a translation into `<language>`, which must be one of the site's `languages:` in site.yaml (the first of which is the default, whose text is in `<id>.md`).",
        "`content/cities/krakow.fr.md` on a site with `languages: [de, en]`

Fix: add `fr` to `languages`, or remove the file.";
    // The mistakes editors make (issue 30).
    DUPLICATE_KEY = "A0112", "duplicate-key", Error, "A field is written twice in one entry.",
        "A field takes one value, so a key written twice in the same map is a mistake: YAML readers disagree on which value wins. The error points at the second one and names the line of the first. Remove one of them; several values go in a list.",
        "```yaml\nname: Kyoto\ncountry: JP\nname: Kyōto\n```\n\nFix: keep one `name:`; other languages' names go under `names:`.";
    WRONG_FOLDER = "A0113", "wrong-folder", Error, "An entry is saved in another kind's folder.",
        "The folder says what an entry is: `content/cities/`, `content/programs/`, `content/agreements/`, `content/pages/`. When a file's fields are those of another kind (a city's `name` and `country` in `content/agreements/`), it was saved in the wrong folder: move it rather than renaming its fields.",
        "`content/agreements/kyoto.md` with `name: Kyoto` and `country: JP`\n\nFix: `git mv content/agreements/kyoto.md content/cities/kyoto.md`.";
    COUNTRY = "A0201", "country", Error, "A country code is not an ISO 3166-1 alpha-2 code.",
        "Countries are written as two-letter ISO 3166-1 codes in capitals: `DE` for Germany, `JP` for Japan, `NO` for Norway, `GB` (not `UK`) for the United Kingdom.",
        "```yaml\ncountry: UK\n```\n\nFix: `country: GB`.";
    DATE = "A0202", "date", Error, "A date is not a valid date.",
        "Dates are ISO: `2003-06-12`, or `2003-06` or `2003` when the day or month is not known. The date must exist (`2023-02-30` does not).",
        "```yaml\nsigned: 2023-02-30\n```\n\nFix: the real date, such as `signed: 2023-02-28`, or `signed: 2023-02` when the day is not known.";
    DATE_ORDER = "A0203", "date-order", Error, "An end date comes before its start date.",
        "A program's `end` must not be before its `start`, and an agreement's `expires` not before `signed`. Check both dates.",
        "```yaml\nstart: 2024-05-01\nend: 2023-05-01\n```\n\nFix: `end: 2025-05-01`.";
    COORDINATES = "A0204", "coordinates", Error, "A location is outside the valid range.",
        "`location.lat` must lie between -90 and 90 and `location.lon` between -180 and 180, in decimal degrees (`{ lat: 35.0116, lon: 135.7681 }`). Swapped values are a common cause.",
        "```yaml\nlocation: { lat: 135.7681, lon: 35.0116 }\n```\n\nFix: `location: { lat: 35.0116, lon: 135.7681 }`.";
    URL = "A0205", "url", Error, "A web address is not an absolute http(s) URL.",
        "Addresses must be absolute and start with `https://` or `http://`. A document may also be a path under `static/`, such as `/documents/agreement.pdf`.",
        "```yaml\nwebsite: www.city.kyoto.lg.jp\n```\n\nFix: `website: https://www.city.kyoto.lg.jp/`.";
    ID_SYNTAX = "A0206", "id-syntax", Error, "A reference is not a well-formed id.",
        "Ids contain only lowercase ASCII letters, digits and single hyphens. Write the id of the entry (its file name without `.md`), not its display name: `sao-paulo`, not `São Paulo`.",
        "```yaml\nparties: [chemnitz, Łódź]\n```\n\nFix: `parties: [chemnitz, lodz]`.";
    SIGNED_HISTORY = "A0207", "signed-history", Error, "An agreement's `signed` date disagrees with the `signed` event of its history.",
        "`signed` and the `signed` event in `history` both say when the agreement was signed, and the site shows both: on the agreement's page, in feeds and in the open data. They must be the same date, or one a year or month that contains the other (`signed: 1972` agrees with `{ date: 1972-05-03, event: signed }`).",
        "```yaml\nsigned: 1962\nhistory:\n  - { date: 1961-06-12, event: signed }\n```\n\nFix: `signed: 1961-06-12`, or correct the event's date.";
    HISTORY_ORDER = "A0208", "history-order", Error, "An agreement's history is not in date order.",
        "History events are listed oldest first: the page shows them in this order, and the latest event is the one `status` is compared with (`status-history`). An event dated before the one above it is usually a typo in the year, or an event added at the wrong place. Events known only to the year or month are in order with the dates inside them.",
        "```yaml\nhistory:\n  - { date: 1972, event: signed }\n  - { date: 2013, event: renewed }\n  - { date: 2003, event: amended }\n```\n\nFix: move the 2003 event above the 2013 one, or correct its year.";
    STATUS_HISTORY = "A0209", "status-history", Error, "An agreement's `status` disagrees with the latest event of its history.",
        "The latest event of `history` that changes a status (signed, approved, renewed, resumed, suspended, terminated, lapsed; not amended) says what state the agreement is in: after `terminated` it is `terminated`, after `suspended` it is `suspended` (or it expired or lapsed since), after `signed`, `renewed` or `resumed` it is `active` (or dormant, expired or lapsed, which need no formal act). An agreement `active` after a `terminated` event is either still shown as running by mistake, or its resumption is missing from the history. A `status` left out is `active`.",
        "```yaml\nstatus: active\nhistory:\n  - { date: 1957, event: signed }\n  - { date: 2018-10-02, event: terminated, by: osaka }\n```\n\nFix: `status: terminated`; or, if the tie was taken up again, add `{ date: …, event: resumed }` to `history`.";
    UNKNOWN_REFERENCE = "A0301", "unknown-reference", Error, "A reference names an entry that does not exist.",
        "Fields such as `parties`, `lead`, `participants`, `parent` and `programs` name other entries by id. The id must be the file name of an existing entry of that collection. The message suggests the closest existing id.",
        "```yaml\nparties: [chemnitz, lodzz]\n```\n\nFix: `parties: [chemnitz, lodz]`.";
    UNKNOWN_AREA = "A0302", "unknown-area", Error, "An engagement area is not declared in site.yaml.",
        "`areas` values must be ids declared under `areas:` in site.yaml, or, when site.yaml declares none, one of the six default areas: economic-development, cultural-exchange, environmental-cooperation, public-health, urban-planning, migration-and-integration.",
        "```yaml\nareas: [culture]\n```\n\nFix: `areas: [cultural-exchange]`.";
    PARTIES = "A0303", "parties", Error, "An agreement needs two or more distinct parties.",
        "An agreement is between at least two different cities or regions. List each party once: `parties: [chemnitz, lodz]`. A city cannot partner with itself.",
        "```yaml\nparties: [kyoto, kyoto]\n```\n\nFix: `parties: [kyoto, boston]`.";
    PARENT_LOOP = "A0304", "parent-loop", Error, "`parent` references form a loop.",
        "`parent` names the state or region a place belongs to. Following `parent` from any city must end at a place without a parent; a loop (a → b → a) has no top. Remove one of the `parent` fields.",
        "`content/cities/kyoto.md` has `parent: kansai` and `content/cities/kansai.md` has `parent: kyoto`.\n\nFix: remove `parent: kyoto` from kansai.md (a region is not inside its city).";
    BROKEN_LINK = "A0305", "broken-link", Error, "A link in a Markdown body points to an entry that does not exist.",
        "Links between entries are written `[Kraków](@cities/krakow)`. The collection must be one of cities, programs, agreements or pages, and the id an existing entry of it.",
        "```markdown\nSee our partner [Kraków](@cities/krakov).\n```\n\nFix: `[Kraków](@cities/krakow)`.";
    PARTY_REFERENCE = "A0306", "history-party", Error, "A history event's `by` is not a party of the agreement.",
        "`by` in a history event names the party that acted alone, so it must be one of the agreement's `parties`.",
        "```yaml\nparties: [chemnitz, lodz]\nhistory:\n  - { date: 2010, event: suspended, by: kyoto }\n```\n\nFix: `by: lodz`.";
    TRANSLATION_ORIGINAL = "A0307", "translation-original", Error, "A translation has no entry in the default language.",
        "A translation `krakow.en.md` translates the entry of `krakow.md` in the same folder's collection. Without that file there is nothing to translate: its fields (country, parties, dates…) are written only there. Ids are the same in every language.",
        "`content/cities/cracow.en.md` next to `content/cities/krakow.md`

Fix: rename it `krakow.en.md`.";
    TRANSLATION_MATCH = "A0308", "translation-match", Error, "A translated history note or source title matches nothing in the entry.",
        "A translation's `history` items are matched to the entry's by `date` and `event`, its `sources` by `url`: each gives the translated `note` or `title` of the item with the same date and event, or the same address.",
        "```yaml
# dresden-wroclaw.md
history:
  - { date: 1959, event: signed, note: Unterzeichnet in Breslau. }
# dresden-wroclaw.en.md
history:
  - { date: 1958, event: signed, note: Signed in Wrocław. }
```

Fix: `date: 1959`, as in the entry.";
    RAW_HTML = "A0401", "raw-html", Warning, "Raw HTML in a Markdown body was left out.",
        "Raw HTML is left out of pages by default, so that content cannot break the page layout or inject scripts. Write the content in Markdown, or set `allow_html: true` in site.yaml if the site trusts its editors with HTML.",
        "```markdown\n<div style=\"color: red\">Signed in 1972</div>\n```\n\nFix: `**Signed in 1972**`.";
    AGREEMENT_EXPIRED = "A0402", "agreement-expired", Warning, "An `active` agreement's `expires` date has passed.",
        "An agreement marked `status: active` whose `expires` date lies in the past tells readers it is in force when it may not be. Either it was renewed (record the renewal and the new date) or it ended (set its status). Only `amicus check` reports this, comparing with today's date or with `--today YYYY-MM-DD`; `amicus build` never depends on the date.",
        "```yaml\nstatus: active\nexpires: 2024-12-31\n```\n\nFix, when it was not renewed: `status: expired`. When it was renewed: a new `expires` and `history: [{ date: 2024-11-20, event: renewed }]`.";
    AGREEMENT_EXPIRING = "A0403", "agreement-expiring", Warning, "An `active` agreement expires within 90 days.",
        "A reminder to start the renewal in time. Only `amicus check` reports this, comparing with today's date or with `--today YYYY-MM-DD`.",
        "```yaml\nstatus: active\nexpires: 2025-03-31   # checked on 2025-02-01\n```\n\nFix: start the renewal; once signed, update `expires` and add a `renewed` event to `history`.";
    PROGRAM_ENDED = "A0404", "program-ended", Warning, "A program past its `end` date is still `active`.",
        "A program whose `end` date has passed but whose status is still `active` (the default) is listed as running. Only `amicus check` reports this, comparing with today's date or with `--today YYYY-MM-DD`.",
        "```yaml\nend: 2023-12\nstatus: active\n```\n\nFix: `status: completed`, or a later `end` when the program was extended.";
    NO_LOCATION = "A0405", "no-location", Warning, "A partner city has no `location`, so it cannot appear on a map.",
        "Maps place each partner at its `location`. A city, state or region that takes part in an agreement or program without one is left off every map.",
        "```yaml\nname: Kyoto\ncountry: JP\n```\n\nFix: add `location: { lat: 35.0116, lon: 135.7681 }`.";
    NO_AREA = "A0406", "no-area", Warning, "An entry has no engagement area.",
        "Engagement areas are how readers browse the directory by theme. An agreement or program without `areas`, or a partner city whose own `areas` and whose agreements' and programs' areas are all empty, appears under no area.",
        "```yaml\ntitle: Climate memorandum Kyoto–Boston\nkind: memorandum\nparties: [kyoto, boston]\n```\n\nFix: add `areas: [environmental-cooperation]`.";
    ORPHAN_CITY = "A0407", "orphan-city", Warning, "No agreement or program mentions this city.",
        "A city that is party to no agreement and takes part in no program has a page that links nowhere; usually its agreement is missing or names it with another id.",
        "`content/cities/nara.md` exists but no agreement lists `nara` in `parties` and no program in `lead` or `participants`.\n\nFix: add the agreement or program, or delete the city. A place that is the `parent` of another place is not reported.";
    DUPLICATE_AGREEMENT = "A0408", "duplicate-agreement", Warning, "Two agreements of the same kind link the same parties.",
        "Two agreements of one kind between the same parties, neither of them expired, lapsed or terminated, are usually one agreement entered twice, or a renewal entered as a new agreement. Agreements that have ended are not compared.",
        "`content/agreements/kyoto-boston.md` and `content/agreements/boston-kyoto.md`, both `kind: sister-city`, `parties: [kyoto, boston]`.\n\nFix: delete one; record a renewal in `history:` of the other rather than as a new file.";
    MISSING_STRINGS = "A0409", "missing-strings", Warning, "The theme has no words for some keys in one of the site's languages.",
        "Every word the theme shows comes from its strings files, one per language (`themes/default/strings/de.yaml`, or your theme's `strings/<language>.yaml`). Where a language's file lacks a key, or there is no file for the language, the English word is shown. Add the keys the message lists to the language's file; your theme's file overrides the built-in one key by key.",
        "`languages: [de, pl]`: the built-in theme has no `pl.yaml`.

Fix: copy `themes/default/strings/en.yaml` to `themes/<your theme>/strings/pl.yaml` and translate its values.";
    EXAMPLE_ENTRY = "A0410", "example-entry", Warning, "An entry is marked as an example or test.",
        "`example: true` marks an entry that is not a real partnership: a sample, a test, a placeholder. The site labels it as an example on every page and in the open data, so that visitors are not misled; this warning reminds the office to replace or remove it before the directory is published.",
        "```yaml\ntitle: Sample agreement\nexample: true\n```\n\nFix: replace the entry with a real one and remove `example: true`, or delete the file.";
    // Placeholders left from a template (issue 30).
    PLACEHOLDER = "A0411", "placeholder", Warning, "A value is still the template's placeholder.",
        "`amicus new` writes sample sentences for the text and commented sample values for the fields, to be replaced. A page that still says \"What the agreement covers, in Markdown.\", or a city at `{ lat: 0.0, lon: 0.0 }` (in the sea off West Africa), was published before it was written. Replace the placeholder with the entry's own text or value, or remove the field.",
        "```yaml\nlocation: { lat: 0.0, lon: 0.0 }\n```\n\nFix: `location: { lat: 35.0116, lon: 135.7681 }`, or remove `location` until it is known.";
    EXAMPLE_COPY = "A0412", "example-copy", Warning, "An entry is copied from Amicus's example directory.",
        "Amicus comes with an example directory, the partnerships of the Free State of Saxony. An agreement with one of its ids and titles in a site with another title was most likely copied along with the example's folders, and would be published as the site's own partnership. Delete the example's entries; if the partnership is really yours, change its title or silence the warning.",
        "`content/agreements/dresden-coventry.md` (`title: Partnerschaft Dresden–Coventry`) in a site titled \"Partnerships of Lyon\"\n\nFix: `rm content/agreements/dresden-coventry.md`, and the example's cities with it.";
    REVIEW_DUE = "A0413", "review-due", Warning, "An entry's last review is older than `review_after` in site.yaml.",
        "`reviewed: { date, by }` records when an entry was last checked against its sources; `review_after` in site.yaml says how often that should happen (`2y`, `18m`, `90d`). Once the time has passed, the entry may no longer be true: check it against its sources and update `reviewed`. Only `amicus check` reports this, comparing with today's date or with `--today YYYY-MM-DD`; `amicus agenda` lists reviews falling due soon.",
        "```yaml
reviewed: { date: 2023-03-12, by: State Chancellery }   # review_after: 2y, today 2026
```

Fix: check the entry, then `reviewed: { date: 2026-03-02, by: State Chancellery }`.";
    CONFIG = "A0501", "config", Error, "site.yaml has a missing or invalid setting.",
        "site.yaml needs `title` and `base_url` (an absolute http(s) URL). The message names the setting at fault.",
        "```yaml\nbase_url: partners.example.org\n```\n\nFix: `base_url: https://partners.example.org/`.";
    TEMPLATE = "A0601", "template", Error, "A template could not be compiled or rendered.",
        "A theme template has a syntax error or reads a variable that does not exist. The message shows the template, line and the expression at fault. The variables available to each template are listed in docs/templates.md.",
        "```jinja\n{{ city.nmae }}\n```\n\nFix: `{{ city.name }}`.";
}

impl Code {
    /// The code's documentation in Markdown: what `amicus explain` prints, and its
    /// section of docs/diagnostics.md.
    pub fn markdown(&self) -> String {
        format!(
            "## {} `{}`\n\n**{}**: {}\n\n{}\n\n**Example**\n\n{}\n",
            self.code,
            self.name,
            self.severity.as_str(),
            self.summary,
            self.explanation,
            self.example
        )
    }
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

    const START: &str = "<!-- codes: generated from src/diagnostics/codes.rs -->\n";
    const END: &str = "<!-- end of codes -->\n";

    /// docs/diagnostics.md with the part between the markers made from [`ALL`].
    fn documented(current: &str) -> String {
        let (before, rest) = current.split_once(START).unwrap_or((current, ""));
        let after = rest.split_once(END).map_or("", |(_, after)| after);
        let mut out = format!("{before}{START}\n");
        for code in ALL {
            out.push_str(&format!(
                "- [{}](#{}-{}) `{}`: {}\n",
                code.code,
                code.code.to_lowercase(),
                code.name,
                code.name,
                code.summary
            ));
        }
        for code in ALL {
            out.push('\n');
            out.push_str(&code.markdown());
        }
        out.push('\n');
        out.push_str(END);
        out.push_str(after);
        out
    }

    /// Run with `UPDATE_DOCS=1` to rewrite the file after changing the table.
    #[test]
    fn docs_diagnostics_md_is_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/diagnostics.md");
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        let expected = documented(&current);
        if std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::write(&path, &expected).expect("docs/diagnostics.md is writable");
            return;
        }
        assert!(
            current == expected,
            "docs/diagnostics.md is out of date with src/diagnostics/codes.rs; \
             run `UPDATE_DOCS=1 cargo test --lib docs_diagnostics_md_is_current`"
        );
    }

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

//! Lints: the warnings a careful editor wants, looked for in the linked [`Directory`]
//! once it has no errors (warnings drawn from broken content would only mislead).
//!
//! Input: the directory and, for [`dated`], the day to compare with. Output: warnings,
//! each pointing at the value it is about; silencing them is the caller's job (by the
//! names in site.yaml's `silence`). Invariant: [`timeless`] never reads the clock, so
//! that `amicus build` output never depends on the date; [`dated`] runs only in
//! `amicus check`. Each rule's documentation is its entry in `diagnostics::codes`.

use std::collections::HashMap;

use crate::content::date::PartialDate;
use crate::content::frontmatter::{self, Locator};
use crate::content::model::{AgreementKind, AgreementStatus, Meta, ProgramStatus, Reviewed};
use crate::day::Day;
use crate::diagnostics::{Diagnostic, Diagnostics, Label, SourceFile, codes};
use crate::graph::{CityIx, Directory};
use crate::period::Period;

/// How far ahead `agreement-expiring` looks.
pub const EXPIRY_NOTICE_DAYS: i64 = 90;

/// The warnings that depend on the content alone.
pub fn timeless(d: &Directory) -> Diagnostics {
    let mut found = Diagnostics::new();
    cities(d, &mut found);
    entries_without_area(d, &mut found);
    duplicate_agreements(d, &mut found);
    examples(d, &mut found);
    example_copies(d, &mut found);
    found
}

/// Entries marked `example: true`, which a published directory should not have.
fn examples(d: &Directory, found: &mut Diagnostics) {
    let metas = (d.cities.iter().map(|c| &c.meta))
        .chain(d.programs.iter().map(|p| &p.meta))
        .chain(d.agreements.iter().map(|a| &a.meta))
        .chain(d.pages.iter().map(|p| &p.meta));
    for meta in metas.filter(|m| m.example) {
        let message = format!("`{}` is marked as an example, not a real entry", meta.id);
        found.push(
            warning(codes::EXAMPLE_ENTRY, meta, "example", "an example", message).help(
                "replace it with a real entry and remove `example: true`, or delete the file",
            ),
        );
    }
}

/// The title of Amicus's example directory, in its default language.
const EXAMPLE_SITE_TITLE: &str = "Partnerschaften des Freistaates Sachsen";

/// The agreements of Amicus's example directory (content/ in its repository), by id
/// and title: enough to recognise its folders copied into a new site.
const EXAMPLE_AGREEMENTS: &[(&str, &str)] = &[
    ("chemnitz-lodz", "Städtepartnerschaft Chemnitz–Łódź"),
    (
        "chemnitz-usti-nad-labem",
        "Partnerschaft Chemnitz–Ústí nad Labem",
    ),
    ("dresden-brazzaville", "Partnerschaft Dresden–Brazzaville"),
    ("dresden-columbus", "Städtepartnerschaft Dresden–Columbus"),
    ("dresden-coventry", "Partnerschaft Dresden–Coventry"),
    ("dresden-florence", "Partnerschaft Dresden–Florenz"),
    ("dresden-hangzhou", "Städtepartnerschaft Dresden–Hangzhou"),
    ("dresden-ostrava", "Partnerschaft Dresden–Ostrava"),
    ("dresden-rotterdam", "Partnerschaft Dresden–Rotterdam"),
    (
        "dresden-saint-petersburg",
        "Partnerschaft Dresden–Sankt Petersburg",
    ),
    ("dresden-salzburg", "Partnerschaft Dresden–Salzburg"),
    ("dresden-skopje", "Partnerschaft Dresden–Skopje"),
    ("dresden-strasbourg", "Partnerschaft Dresden–Straßburg"),
    ("dresden-wroclaw", "Partnerschaft Dresden–Breslau"),
    ("gorlitz-zgorzelec", "Europastadt Görlitz/Zgorzelec"),
    ("leipzig-bologna", "Partnerschaft Leipzig–Bologna"),
    ("leipzig-brno", "Partnerschaft Leipzig–Brünn"),
    ("leipzig-herzliya", "Partnerschaft Leipzig–Herzliya"),
    ("leipzig-houston", "Städtepartnerschaft Leipzig–Houston"),
    ("leipzig-krakow", "Partnerschaft Leipzig–Krakau"),
    ("leipzig-kyiv", "Partnerschaft Leipzig–Kyjiw"),
    ("leipzig-lyon", "Partnerschaft Leipzig–Lyon"),
    ("leipzig-nanjing", "Partnerschaft Leipzig–Nanjing"),
    ("leipzig-travnik", "Partnerschaft Leipzig–Travnik"),
    (
        "saxony-lower-silesia",
        "Zusammenarbeit Sachsen–Niederschlesien",
    ),
];

/// Agreements of the example directory in a site that is not the example: copied along
/// with its folders, they would be published as the site's own partnerships.
fn example_copies(d: &Directory, found: &mut Diagnostics) {
    if d.config.title.default_text() == EXAMPLE_SITE_TITLE {
        return;
    }
    for agreement in &d.agreements {
        let entry = (agreement.meta.id.as_str(), agreement.title.as_str());
        if EXAMPLE_AGREEMENTS.contains(&entry) {
            let message = format!(
                "`{}` is an agreement of Amicus's example directory",
                agreement.meta.id
            );
            found.push(
                warning(codes::EXAMPLE_COPY, &agreement.meta, "title", "from the example", message)
                    .help("delete the example's entries copied into this site; if the partnership is really yours, write its own title"),
            );
        }
    }
}

/// The warnings that depend on the date: agreements past or near their `expires`,
/// programs past their `end`, reviews older than `review_after`.
pub fn dated(d: &Directory, today: Day) -> Diagnostics {
    let mut found = Diagnostics::new();
    if let Some(after) = d.config.review_after {
        reviews_due(d, after, today, &mut found);
    }
    for agreement in &d.agreements {
        if agreement.status == AgreementStatus::Active
            && let Some(expires) = agreement.expires
            && let Some(warning) = expiry(&agreement.meta, expires, today)
        {
            found.push(warning);
        }
    }
    for program in &d.programs {
        if let Some(end) = program.end
            && program.status == ProgramStatus::Active
            && Day::last_of(end) < today
        {
            let message = format!(
                "the program ended ({}) but its status is still `active`",
                end.human()
            );
            found.push(
                warning(
                    codes::PROGRAM_ENDED,
                    &program.meta,
                    "end",
                    "passed",
                    message,
                )
                .help("set `status: completed`, or a later `end` if the program was extended"),
            );
        }
    }
    found
}

/// The day an entry's review falls due: `after` past the last day of its `reviewed`.
pub fn review_due(reviewed: &Reviewed, after: Period) -> Day {
    Day::last_of(reviewed.date).plus(after)
}

/// Entries reviewed longer ago than `review_after`.
fn reviews_due(d: &Directory, after: Period, today: Day, found: &mut Diagnostics) {
    let metas = (d.cities.iter().map(|c| &c.meta))
        .chain(d.programs.iter().map(|p| &p.meta))
        .chain(d.agreements.iter().map(|a| &a.meta))
        .chain(d.pages.iter().map(|p| &p.meta));
    for meta in metas {
        let Some(reviewed) = &meta.reviewed else {
            continue;
        };
        if review_due(reviewed, after) < today {
            let message = format!(
                "`{}` was last reviewed {}, more than {after} ago",
                meta.id,
                reviewed.date.human()
            );
            found.push(
                warning(codes::REVIEW_DUE, meta, "reviewed", "review due", message).help(
                    "check the entry against its sources, then update `reviewed: { date, by }`",
                ),
            );
        }
    }
}

/// An active agreement that has expired, or expires within [`EXPIRY_NOTICE_DAYS`].
fn expiry(meta: &Meta, expires: PartialDate, today: Day) -> Option<Diagnostic> {
    let days_left = today.days_until(Day::last_of(expires));
    let (code, label, message, help) = if days_left < 0 {
        (
            codes::AGREEMENT_EXPIRED,
            "passed",
            format!(
                "the agreement expired ({}) but its status is still `active`",
                expires.human()
            ),
            "set `status: expired`, or record the renewal in `history` and update `expires`",
        )
    } else if days_left <= EXPIRY_NOTICE_DAYS {
        let when = match days_left {
            0 => "today".to_owned(),
            1 => "tomorrow".to_owned(),
            n => format!("in {n} days"),
        };
        (
            codes::AGREEMENT_EXPIRING,
            "soon",
            format!("the agreement expires {when} ({})", expires.human()),
            "start the renewal; once signed, update `expires` and add a `renewed` event to `history`",
        )
    } else {
        return None;
    };
    Some(warning(code, meta, "expires", label, message).help(help))
}

/// Cities no agreement or program mentions, and partner cities missing a location or
/// an area. A place that is only the `parent` of others (a state grouping its cities)
/// is none of these.
fn cities(d: &Directory, found: &mut Diagnostics) {
    for (city, links) in d.cities.iter().zip(d.city_links.iter()) {
        let meta = &city.meta;
        let mentioned = !links.agreements.is_empty() || !links.programs.is_empty();
        if !mentioned {
            if links.children.is_empty() {
                found.push(
                    warning(
                        codes::ORPHAN_CITY,
                        meta,
                        "name",
                        "in no agreement or program",
                        format!("no agreement or program mentions `{}`", meta.id),
                    )
                    .help(format!(
                        "add an agreement with `parties: [..., {}]`, or delete the file",
                        meta.id
                    )),
                );
            }
            continue;
        }
        if city.location.is_none() {
            found.push(
                warning(
                    codes::NO_LOCATION,
                    meta,
                    "name",
                    "has no `location`",
                    format!("`{}` has no location and cannot appear on a map", meta.id),
                )
                .help("add `location: { lat: …, lon: … }` in decimal degrees"),
            );
        }
        if links.effective_areas.is_empty() {
            found.push(no_area(meta, "name", "city"));
        }
    }
}

fn entries_without_area(d: &Directory, found: &mut Diagnostics) {
    for program in d.programs.iter().filter(|p| p.areas.is_empty()) {
        found.push(no_area(&program.meta, "title", "program"));
    }
    for agreement in d.agreements.iter().filter(|a| a.areas.is_empty()) {
        found.push(no_area(&agreement.meta, "title", "agreement"));
    }
}

fn no_area(meta: &Meta, title_key: &str, noun: &str) -> Diagnostic {
    // Point at an empty `areas: []` when there is one, else at the title.
    let written = locate(&meta.source.file())
        .is_some_and(|at| at.yaml.lines().any(|l| l.starts_with("areas:")));
    let key = if written { "areas" } else { title_key };
    warning(
        codes::NO_AREA,
        meta,
        key,
        "no engagement area",
        format!("the {noun} `{}` has no engagement area", meta.id),
    )
    .help("add `areas: [...]` with the site's areas; `amicus explain no-area` tells more")
}

/// Two agreements of one kind between the same parties, neither of them ended.
fn duplicate_agreements(d: &Directory, found: &mut Diagnostics) {
    let ended = [
        AgreementStatus::Expired,
        AgreementStatus::Lapsed,
        AgreementStatus::Terminated,
    ];
    let mut first: HashMap<(AgreementKind, Vec<CityIx>), &Meta> = HashMap::new();
    for (agreement, links) in d.agreements.iter().zip(d.agreement_links.iter()) {
        if ended.contains(&agreement.status) || links.parties.len() < 2 {
            continue;
        }
        let mut parties = links.parties.clone();
        parties.sort_unstable();
        parties.dedup();
        let meta = &agreement.meta;
        match first.get(&(agreement.kind, parties.clone())) {
            Some(earlier) => found.push(
                warning(
                    codes::DUPLICATE_AGREEMENT,
                    meta,
                    "parties",
                    "same parties",
                    format!(
                        "`{}` and `{}` are both {} agreements between the same parties",
                        earlier.id,
                        meta.id,
                        agreement.kind.as_str()
                    ),
                )
                .also(at_key(earlier, "parties", "first agreement"))
                .help("delete one; record a renewal in the `history` of the other"),
            ),
            None => {
                first.insert((agreement.kind, parties), meta);
            }
        }
    }
}

/// A warning at the value of `key` in the entry's front matter.
fn warning(code: codes::Code, meta: &Meta, key: &str, label: &str, message: String) -> Diagnostic {
    Diagnostic {
        primary: Some(at_key(meta, key, label)),
        ..Diagnostic::new(code, message)
    }
}

/// A label at the value of `key` in the entry's front matter.
fn at_key(meta: &Meta, key: &str, text: &str) -> Label {
    let file = meta.source.file();
    let span = locate(&file).map_or(0..0, |at| at.value(key));
    Label::new(&file, span, text)
}

fn locate(file: &SourceFile) -> Option<Locator<'_>> {
    let split = frontmatter::split(&file.text).ok()?;
    Some(Locator::new(split.yaml, split.yaml_offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_agreements_are_those_of_the_example_directory() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/agreements");
        for (id, title) in EXAMPLE_AGREEMENTS {
            let text = std::fs::read_to_string(folder.join(format!("{id}.md"))).unwrap();
            assert!(text.contains(&format!("\ntitle: {title}\n")), "{id}");
        }
        let listed = std::fs::read_dir(&folder)
            .unwrap()
            .filter_map(|f| f.unwrap().file_name().into_string().ok())
            .filter(|name| name.matches('.').count() == 1)
            .count();
        assert_eq!(
            listed,
            EXAMPLE_AGREEMENTS.len(),
            "every agreement of the example is listed"
        );
        let site = std::fs::read_to_string(folder.join("../../site.yaml")).unwrap();
        assert!(site.contains(EXAMPLE_SITE_TITLE));
    }
}

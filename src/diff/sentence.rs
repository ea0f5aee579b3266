//! One change in words, for the human and Markdown summaries.
//!
//! Input: a [`Change`] and a [`Style`] (plain, or Markdown with links to the pages at
//! TO). Output: one line, with no trailing newline. Invariant: the two styles say the
//! same words; Markdown only escapes them and adds links and code marks.

use std::fmt::Write as _;

use super::{Change, Named, Problem, Reference};
use crate::content::model::Collection;

/// How names are written: as they are, or as Markdown with links to their pages.
pub struct Style<'a> {
    pub markdown: bool,
    pub base_url: Option<&'a str>,
}

impl Style<'_> {
    pub fn text(&self, text: &str) -> String {
        if !self.markdown {
            return text.to_owned();
        }
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            if "\\*_[]<>|#".contains(c) {
                out.push('\\');
            }
            out.push(c);
        }
        out
    }

    pub fn code(&self, text: &str) -> String {
        if self.markdown {
            format!("`{}`", text.replace('`', "'"))
        } else {
            text.to_owned()
        }
    }

    /// An entry's name, linked to its page at TO when there is one.
    fn entry(&self, collection: Collection, named: &Named, exists: bool) -> String {
        match self
            .base_url
            .filter(|_| self.markdown && exists && !named.unknown)
        {
            Some(base) => {
                let url = crate::urls::Urls::new(base).entry(collection, &named.id);
                let origin_end = base.find("://").map_or(0, |i| i + 3);
                let origin = base[origin_end..]
                    .find('/')
                    .map_or(base, |i| &base[..origin_end + i]);
                format!("[{}]({origin}{url})", self.text(&named.name))
            }
            None => self.text(&named.name),
        }
    }

    fn parties(&self, parties: &[Named], exists: bool) -> String {
        let names: Vec<String> = parties
            .iter()
            .map(|p| self.entry(Collection::Cities, p, exists))
            .collect();
        names.join("–")
    }
}

/// One change in words.
pub fn sentence(change: &Change, s: &Style) -> String {
    match change {
        Change::AgreementAdded { .. }
        | Change::AgreementRemoved { .. }
        | Change::StatusChanged { .. }
        | Change::HistoryAdded { .. } => partnership(change, s),
        Change::PartnerGained { .. }
        | Change::PartnerLost { .. }
        | Change::CountryGained { .. }
        | Change::CountryLost { .. }
        | Change::AreaGained { .. }
        | Change::AreaLost { .. } => city(change, s),
        Change::ProblemNew { problem } => format!("new: {}", problem_words(problem, s)),
        Change::ProblemFixed { problem } => format!("fixed: {}", problem_words(problem, s)),
        _ => entry(change, s),
    }
}

/// `, 1 March 2022, by Dresden`: when and by whom, as far as known.
fn when(date: &Option<String>, by: &Option<Named>, s: &Style) -> String {
    let mut out = date
        .as_ref()
        .map_or(String::new(), |d| format!(", {}", in_words(d)));
    if let Some(by) = by {
        let _ = write!(out, ", by {}", s.text(&by.name));
    }
    out
}

/// An ISO date of the model in words (`2022-03-01` → `1 March 2022`).
fn in_words(date: &str) -> String {
    crate::content::date::PartialDate::parse(date).map_or_else(|_| date.to_owned(), |d| d.human())
}

fn partnership(change: &Change, s: &Style) -> String {
    let when = |date: &Option<String>, by: &Option<Named>| when(date, by, s);
    match change {
        Change::AgreementAdded {
            agreement,
            parties,
            status,
            signed,
            ..
        } => format!(
            "{}: new {}, {}{}",
            s.parties(parties, true),
            s.entry(Collection::Agreements, agreement, true),
            status,
            signed
                .as_ref()
                .map_or(String::new(), |d| format!(", signed {}", in_words(d)))
        ),
        Change::StatusChanged {
            agreement,
            parties,
            from,
            to,
            date,
            by,
        } => format!(
            "{}: {from} → {to}{} ({})",
            s.parties(parties, true),
            when(date, by),
            s.entry(Collection::Agreements, agreement, true)
        ),
        Change::HistoryAdded {
            agreement,
            parties,
            event,
            date,
            by,
            note,
        } => format!(
            "{}: {event}{}{} ({})",
            s.parties(parties, true),
            when(date, by),
            note.as_ref()
                .map_or(String::new(), |n| format!(": {}", s.text(n))),
            s.entry(Collection::Agreements, agreement, true)
        ),
        Change::AgreementRemoved {
            agreement,
            parties,
            status,
        } => format!(
            "{}: {} removed (was {status})",
            s.parties(parties, false),
            s.text(&agreement.name)
        ),
        _ => String::new(),
    }
}

fn city(change: &Change, s: &Style) -> String {
    let c = |city: &Named| s.entry(Collection::Cities, city, true);
    let list = |agreements: &[String]| {
        let ids: Vec<String> = agreements.iter().map(|a| s.code(a)).collect();
        ids.join(", ")
    };
    match change {
        Change::PartnerGained {
            city,
            partner,
            agreements,
        } => {
            format!(
                "{}: new partner {} ({})",
                c(city),
                c(partner),
                list(agreements)
            )
        }
        Change::PartnerLost {
            city,
            partner,
            agreements,
        } => format!(
            "{}: no longer partner of {} (was {})",
            c(city),
            s.text(&partner.name),
            list(agreements)
        ),
        Change::CountryGained { city, country } => {
            format!("{}: new partner country {}", c(city), s.text(&country.name))
        }
        Change::CountryLost { city, country } => {
            format!("{}: no partner left in {}", c(city), s.text(&country.name))
        }
        Change::AreaGained { city, area } => format!("{}: now in {}", c(city), s.text(&area.name)),
        Change::AreaLost { city, area } => {
            format!("{}: no longer in {}", c(city), s.text(&area.name))
        }
        _ => String::new(),
    }
}

fn entry(change: &Change, s: &Style) -> String {
    let noun = |c: &Collection| singular(*c);
    match change {
        Change::EntryAdded { collection, entry } => format!(
            "new {} {} ({})",
            noun(collection),
            s.entry(*collection, entry, true),
            s.code(&entry.id)
        ),
        Change::EntryRemoved {
            collection,
            entry,
            references,
        } => format!(
            "removed {} {} ({}){}",
            noun(collection),
            s.text(&entry.name),
            s.code(&entry.id),
            still_named(references, s)
        ),
        Change::EntryRenamed {
            collection,
            from,
            to,
            similarity,
            references,
        } => format!(
            "{} {} renamed {} → {} ({similarity}% alike){}",
            noun(collection),
            s.entry(*collection, to, true),
            s.code(from),
            s.code(&to.id),
            still_named(references, s)
        ),
        _ => edit(change, s),
    }
}

/// A fact or a text changed.
fn edit(change: &Change, s: &Style) -> String {
    let noun = |c: &Collection| singular(*c);
    match change {
        Change::FactChanged {
            collection,
            entry,
            field,
            from,
            to,
        } => format!(
            "{} {}: {} {} → {}",
            noun(collection),
            s.entry(*collection, entry, true),
            s.code(field),
            from.as_deref().map_or("(none)".to_owned(), |v| s.text(v)),
            to.as_deref().map_or("(none)".to_owned(), |v| s.text(v))
        ),
        Change::TextChanged {
            collection,
            entry,
            field,
            language,
            added,
            removed,
            ..
        } => format!(
            "{} {}: {field}{} changed, {} added, {} removed",
            noun(collection),
            s.entry(*collection, entry, true),
            language
                .as_ref()
                .map_or(String::new(), |l| format!(" in `{l}`")),
            plural(*added, "word"),
            plural(*removed, "word")
        ),
        _ => String::new(),
    }
}

fn still_named(references: &[Reference], s: &Style) -> String {
    if references.is_empty() {
        return String::new();
    }
    let places: Vec<String> = references
        .iter()
        .map(|r| {
            format!(
                "{} ({})",
                s.code(&format!("{}:{}", r.file, r.line)),
                r.field
            )
        })
        .collect();
    format!("; still named at {}", places.join(", "))
}

fn problem_words(p: &Problem, s: &Style) -> String {
    let place = match (&p.file, p.line) {
        (Some(file), Some(line)) => format!(" {}", s.code(&format!("{file}:{line}"))),
        (Some(file), None) => format!(" {}", s.code(file)),
        _ => String::new(),
    };
    format!("{}[{}]{place}: {}", p.severity, p.code, s.text(&p.message))
}

fn singular(collection: Collection) -> &'static str {
    match collection {
        Collection::Cities => "city",
        Collection::Programs => "program",
        Collection::Agreements => "agreement",
        Collection::Pages => "page",
    }
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markdown(base_url: Option<&str>) -> Style<'_> {
        Style {
            markdown: true,
            base_url,
        }
    }

    #[test]
    fn markdown_escapes_names_and_links_pages_under_the_base_url() {
        let style = markdown(Some("https://example.org/partners/"));
        let kyoto = Named::new("kyoto", "Kyoto *[city]*");
        assert_eq!(
            style.entry(Collection::Cities, &kyoto, true),
            "[Kyoto \\*\\[city\\]\\*](https://example.org/partners/cities/kyoto/)"
        );
        // Removed entries and unknown parties have no page to link to.
        assert_eq!(
            style.entry(Collection::Cities, &kyoto, false),
            "Kyoto \\*\\[city\\]\\*"
        );
        let unknown = Named {
            unknown: true,
            ..Named::new("kyotto", "kyotto")
        };
        assert_eq!(style.entry(Collection::Cities, &unknown, true), "kyotto");
    }

    #[test]
    fn a_status_change_says_when_and_by_whom() {
        let change = Change::StatusChanged {
            agreement: Named::new("dresden-saint-petersburg", "Partnership"),
            parties: vec![
                Named::new("dresden", "Dresden"),
                Named::new("saint-petersburg", "St. Petersburg"),
            ],
            from: "active".to_owned(),
            to: "suspended".to_owned(),
            date: Some("2022-03-01".to_owned()),
            by: Some(Named::new("dresden", "Dresden")),
        };
        let plain = Style {
            markdown: false,
            base_url: None,
        };
        assert_eq!(
            sentence(&change, &plain),
            "Dresden–St. Petersburg: active → suspended, 1 March 2022, by Dresden (Partnership)"
        );
    }
}

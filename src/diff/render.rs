//! The three forms of a diff: plain text for a terminal, Markdown for a pull-request
//! comment, JSON Lines for programs.
//!
//! Input: the changes of [`super::compare`] and what the two sides are. Output: one
//! string. Invariants: every form lists the same changes in the same order; human and
//! Markdown share one sentence per change ([`sentence`]), so they never say different
//! things; JSON is one object per line, the objects of docs/review.md.

use std::fmt::Write as _;

use super::words::Run;
use super::{Change, Named, Problem, Reference};
use crate::content::model::Collection;

/// What the two sides are, for the heading.
#[derive(Debug, Clone)]
pub struct Header {
    /// `1a2b3c4` or `the working tree`.
    pub from: String,
    pub to: String,
    /// The address the changed pages are published under (ends in `/`), for links.
    pub base_url: Option<String>,
}

/// The hidden line a Markdown summary starts with, by which CI finds its own comment
/// to update rather than add another.
pub const MARKER: &str = "<!-- amicus-diff -->";

/// How names are written: as they are, or as Markdown with links to their pages.
struct Style<'a> {
    markdown: bool,
    base_url: Option<&'a str>,
}

impl Style<'_> {
    fn text(&self, text: &str) -> String {
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

    fn code(&self, text: &str) -> String {
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

/// Plain text, for a terminal.
pub fn human(changes: &[Change], header: &Header) -> String {
    let style = Style {
        markdown: false,
        base_url: None,
    };
    let mut out = format!(
        "Changes to the directory from {} to {}\n",
        header.from, header.to
    );
    if changes.is_empty() {
        out.push_str("\nNo changes to the directory.\n");
        return out;
    }
    for (title, group) in groups(changes) {
        let _ = write!(out, "\n{title}\n");
        for change in group {
            let _ = writeln!(out, "  {}", sentence(change, &style));
            if let Some(words) = words_of(change) {
                let _ = writeln!(out, "    {}", inline_words(words, false));
            }
        }
    }
    out
}

/// Markdown, ready to post as a pull-request comment.
pub fn markdown(changes: &[Change], header: &Header) -> String {
    let style = Style {
        markdown: true,
        base_url: header.base_url.as_deref(),
    };
    let mut out = format!(
        "{MARKER}\n### Directory changes\n\nFrom {} to {}.\n\n",
        style.code(&header.from),
        style.code(&header.to)
    );
    if changes.is_empty() {
        out.push_str("No changes to the directory.\n");
        return out;
    }
    out.push_str(&table(changes));
    for (title, group) in groups(changes) {
        let _ = write!(out, "\n#### {title}\n\n");
        for change in group {
            let _ = writeln!(out, "- {}", sentence(change, &style));
            if let Some(words) = words_of(change) {
                let _ = writeln!(out, "\n  > {}\n", inline_words(words, true));
            }
        }
    }
    out
}

/// JSON Lines: one change per line.
pub fn json(changes: &[Change]) -> String {
    let mut out = String::new();
    for change in changes {
        // A change holds strings and numbers only: it always serialises.
        out.push_str(&serde_json::to_string(change).unwrap_or_default());
        out.push('\n');
    }
    out
}

/// The changes under their headings, in [`super::compare`]'s order.
fn groups(changes: &[Change]) -> Vec<(&'static str, Vec<&Change>)> {
    let mut groups: Vec<(&'static str, Vec<&Change>)> = Vec::new();
    for change in changes {
        let title = group_of(change);
        match groups.last_mut() {
            Some((last, list)) if *last == title => list.push(change),
            _ => groups.push((title, vec![change])),
        }
    }
    groups
}

fn group_of(change: &Change) -> &'static str {
    match change {
        Change::AgreementAdded { .. }
        | Change::AgreementRemoved { .. }
        | Change::StatusChanged { .. }
        | Change::HistoryAdded { .. } => "Partnerships",
        Change::PartnerGained { .. }
        | Change::PartnerLost { .. }
        | Change::CountryGained { .. }
        | Change::CountryLost { .. }
        | Change::AreaGained { .. }
        | Change::AreaLost { .. } => "Cities",
        Change::EntryAdded { .. } | Change::EntryRemoved { .. } | Change::EntryRenamed { .. } => {
            "Entries"
        }
        Change::FactChanged { .. } => "Changed facts",
        Change::TextChanged { .. } => "Text",
        Change::ProblemNew { .. } | Change::ProblemFixed { .. } => "Problems",
    }
}

/// The short table at the top of the Markdown summary: per collection, entries added,
/// removed, renamed and changed; then problems.
fn table(changes: &[Change]) -> String {
    let mut out =
        String::from("| | added | removed | renamed | changed |\n|---|---:|---:|---:|---:|\n");
    for collection in Collection::ALL {
        let count = |test: &dyn Fn(&Change) -> bool| changes.iter().filter(|c| test(c)).count();
        let added =
            count(&|c| matches!(c, Change::EntryAdded { collection: k, .. } if *k == collection))
                + if collection == Collection::Agreements {
                    count(&|c| matches!(c, Change::AgreementAdded { .. }))
                } else {
                    0
                };
        let removed =
            count(&|c| matches!(c, Change::EntryRemoved { collection: k, .. } if *k == collection));
        let renamed =
            count(&|c| matches!(c, Change::EntryRenamed { collection: k, .. } if *k == collection));
        let changed = changed_entries(changes, collection);
        if added + removed + renamed + changed > 0 {
            let _ = writeln!(
                out,
                "| {} | {added} | {removed} | {renamed} | {changed} |",
                collection.folder()
            );
        }
    }
    let new = changes
        .iter()
        .filter(|c| matches!(c, Change::ProblemNew { .. }))
        .count();
    let fixed = changes
        .iter()
        .filter(|c| matches!(c, Change::ProblemFixed { .. }))
        .count();
    let _ = writeln!(out, "\nProblems: {new} new, {fixed} fixed.");
    out
}

/// Entries of `collection` whose facts, text or status changed, each counted once.
fn changed_entries(changes: &[Change], collection: Collection) -> usize {
    let mut ids: Vec<&str> = changes
        .iter()
        .filter_map(|c| match c {
            Change::FactChanged {
                collection: k,
                entry,
                ..
            }
            | Change::TextChanged {
                collection: k,
                entry,
                ..
            } if *k == collection => Some(entry.id.as_str()),
            Change::StatusChanged { agreement, .. } | Change::HistoryAdded { agreement, .. }
                if collection == Collection::Agreements =>
            {
                Some(agreement.id.as_str())
            }
            _ => None,
        })
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.len()
}

fn words_of(change: &Change) -> Option<&[Run]> {
    match change {
        Change::TextChanged {
            words: Some(words), ..
        } => Some(words),
        _ => None,
    }
}

/// The runs inline, removals and additions marked as `git diff --word-diff` does
/// (`[-old-]{+new+}`), or as Markdown strike-through and bold; long unchanged runs
/// cut to their ends.
fn inline_words(runs: &[Run], markdown: bool) -> String {
    let style = Style {
        markdown,
        base_url: None,
    };
    let parts: Vec<String> = runs
        .iter()
        .map(|run| match (run, markdown) {
            (Run::Same(t), _) => style.text(&shorten(t)),
            (Run::Removed(t), false) => format!("[-{t}-]"),
            (Run::Added(t), false) => format!("{{+{t}+}}"),
            (Run::Removed(t), true) => format!("~~{}~~", style.text(t)),
            (Run::Added(t), true) => format!("**{}**", style.text(t)),
        })
        .collect();
    parts.join(" ")
}

/// Keeps five words at each end of a long unchanged run.
fn shorten(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    if words.len() <= 12 {
        return text.to_owned();
    }
    format!(
        "{} … {}",
        words[..5].join(" "),
        words[words.len() - 5..].join(" ")
    )
}

/// One change in words.
fn sentence(change: &Change, s: &Style) -> String {
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
            added,
            removed,
            ..
        } => format!(
            "{} {}: {field} changed, {} added, {} removed",
            noun(collection),
            s.entry(*collection, entry, true),
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

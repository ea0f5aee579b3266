//! The three forms of a diff: plain text for a terminal, Markdown for a pull-request
//! comment, JSON Lines for programs.
//!
//! Input: the changes of [`super::compare`] and what the two sides are. Output: one
//! string. Invariants: every form lists the same changes in the same order; human and
//! Markdown share one sentence per change ([`sentence`]), so they never say different
//! things; JSON is one object per line, the objects of docs/review.md.

use std::fmt::Write as _;

use super::Change;
use super::sentence::{Style, sentence};
use super::words::Run;
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

//! `data/wikidata.tsv`: the directory's partnerships as QuickStatements (V1) commands,
//! so that an office can add what it has verified to Wikidata: for every sister-city
//! or friendship agreement whose parties both have `ids.wikidata`, "twinned
//! administrative body" (P190) from each party to each other, with its start time
//! (P580, the signing), its end time (P582) once terminated, lapsed or expired, and
//! the agreement's first source as reference URL (S854). Documented in docs/data.md.

use std::io;

use crate::content::date::PartialDate;
use crate::content::model::{Agreement, AgreementKind, AgreementStatus};
use crate::graph::Directory;

const TWINNED: &str = "P190";
const START_TIME: &str = "P580";
const END_TIME: &str = "P582";
const REFERENCE_URL: &str = "S854";

pub fn quickstatements(d: &Directory, out: &mut dyn io::Write) -> io::Result<()> {
    for (agreement, links) in d.agreements.iter().zip(d.agreement_links.iter()) {
        if !is_twinning(agreement) {
            continue;
        }
        let items: Vec<&str> = (links.parties.iter())
            .filter_map(|&p| d.city(p).ids.wikidata.as_deref())
            .filter(|q| is_item(q))
            .collect();
        // Only when every party is on Wikidata: a pair out of three would say less
        // than the agreement does.
        if items.len() != links.parties.len() {
            continue;
        }
        let (start, end, url) = (agreement.signed, end(agreement), reference(agreement));
        for from in &items {
            for to in items.iter().filter(|to| *to != from) {
                writeln!(out, "{}", line(from, to, start, end, url))?;
            }
        }
    }
    Ok(())
}

/// Partnerships Wikidata calls twinning: sister cities and friendships that were
/// concluded (not merely proposed), and real (not `example: true`).
fn is_twinning(a: &Agreement) -> bool {
    matches!(
        a.kind,
        AgreementKind::SisterCity | AgreementKind::Friendship
    ) && a.status != AgreementStatus::Proposed
        && !a.meta.example
}

/// When an ended partnership ended: the date its status was set.
fn end(a: &Agreement) -> Option<PartialDate> {
    let ended = matches!(
        a.status,
        AgreementStatus::Terminated | AgreementStatus::Lapsed | AgreementStatus::Expired
    );
    a.status_since().filter(|_| ended)
}

/// The first source's address; QuickStatements strings are in double quotes, with no
/// way to escape one.
fn reference(a: &Agreement) -> Option<&str> {
    (a.meta.sources.iter())
        .map(|s| s.url.as_str())
        .find(|url| url.starts_with("http") && !url.contains(['"', '\t', '\n']))
}

/// `Q` and digits.
fn is_item(id: &str) -> bool {
    id.strip_prefix('Q')
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// One statement with its qualifiers and reference, tab-separated.
fn line(
    from: &str,
    to: &str,
    start: Option<PartialDate>,
    end: Option<PartialDate>,
    url: Option<&str>,
) -> String {
    let mut fields = vec![from.to_owned(), TWINNED.to_owned(), to.to_owned()];
    if let Some(start) = start {
        fields.extend([START_TIME.to_owned(), time(start)]);
    }
    if let Some(end) = end {
        fields.extend([END_TIME.to_owned(), time(end)]);
    }
    if let Some(url) = url {
        fields.extend([REFERENCE_URL.to_owned(), format!("\"{url}\"")]);
    }
    fields.join("\t")
}

/// A date in QuickStatements' form with its precision: `+1961-00-00T00:00:00Z/9` for
/// a year, `/10` for a month, `/11` for a day.
fn time(date: PartialDate) -> String {
    let iso = date.to_string();
    let mut parts = iso.split('-');
    let year = parts.next().unwrap_or("0000");
    let month = parts.next();
    let day = parts.next();
    let precision = match (month, day) {
        (Some(_), Some(_)) => 11,
        (Some(_), None) => 10,
        _ => 9,
    };
    format!(
        "+{year}-{}-{}T00:00:00Z/{precision}",
        month.unwrap_or("00"),
        day.unwrap_or("00")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> PartialDate {
        PartialDate::parse(text).unwrap()
    }

    #[test]
    fn times_carry_their_precision() {
        assert_eq!(time(date("1961")), "+1961-00-00T00:00:00Z/9");
        assert_eq!(time(date("1961-05")), "+1961-05-00T00:00:00Z/10");
        assert_eq!(time(date("1961-05-12")), "+1961-05-12T00:00:00Z/11");
    }

    #[test]
    fn lines_have_the_qualifiers_known() {
        let url = "https://www.dresden.de/partnerstaedte";
        assert_eq!(
            line("Q1731", "Q34713", Some(date("1991")), None, Some(url)),
            "Q1731\tP190\tQ34713\tP580\t+1991-00-00T00:00:00Z/9\tS854\t\"https://www.dresden.de/partnerstaedte\""
        );
        assert_eq!(
            line(
                "Q1",
                "Q2",
                Some(date("1961-05-12")),
                Some(date("2022-03")),
                None
            ),
            "Q1\tP190\tQ2\tP580\t+1961-05-12T00:00:00Z/11\tP582\t+2022-03-00T00:00:00Z/10"
        );
        assert_eq!(line("Q1", "Q2", None, None, None), "Q1\tP190\tQ2");
    }

    #[test]
    fn items_are_q_and_digits() {
        assert!(is_item("Q1731"));
        for bad in ["", "Q", "q1731", "Q17x", "P190", "1731"] {
            assert!(!is_item(bad), "{bad}");
        }
    }
}

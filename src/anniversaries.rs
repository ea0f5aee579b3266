//! Round anniversaries of partnerships: what communications teams plan their year
//! around. Pure: the directory and a range of years in, anniversaries out; no clock
//! (the site derives its year from the content with [`content_date`], `amicus agenda`
//! from today).

use std::ops::RangeInclusive;

use crate::content::date::PartialDate;
use crate::content::model::{Agreement, AgreementStatus, HistoryEvent};
use crate::graph::{AgreementIx, Directory};

/// The years after signing that are celebrated.
pub const ROUND_YEARS: [u16; 7] = [10, 25, 40, 50, 60, 75, 100];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anniversary {
    pub agreement: AgreementIx,
    /// Years since signing: one of [`ROUND_YEARS`].
    pub years: u16,
    /// As precise as the signing date: a day, a month, or only a year.
    pub date: PartialDate,
}

/// When the agreement was signed: `signed`, else its first dated `signed` event.
pub fn signed(agreement: &Agreement) -> Option<PartialDate> {
    agreement.signed.or_else(|| {
        (agreement.history.iter())
            .find(|h| h.event == HistoryEvent::Signed && h.date.is_some())
            .and_then(|h| h.date)
    })
}

/// The round anniversaries in `years` of the partnerships in force: active agreements
/// that are not examples and do not expire before the anniversary. A suspended or
/// ended partnership has nothing to celebrate. Sorted by date (a year or month alone
/// before the days it covers), then by agreement.
pub fn in_years(d: &Directory, years: RangeInclusive<u16>) -> Vec<Anniversary> {
    let mut found = Vec::new();
    for (i, agreement) in d.agreements.iter().enumerate() {
        if agreement.status != AgreementStatus::Active || agreement.meta.example {
            continue;
        }
        let Some(signed) = signed(agreement) else {
            continue;
        };
        for round in ROUND_YEARS {
            let year = signed.year().saturating_add(round);
            let date = signed.in_year(year);
            let expired = agreement.expires.is_some_and(|e| e.latest_day() < date);
            if years.contains(&year) && !expired {
                found.push(Anniversary {
                    agreement: AgreementIx(i as u32),
                    years: round,
                    date,
                });
            }
        }
    }
    found.sort_by_key(|a| (a.date, a.agreement));
    found
}

/// The newest date the content speaks of, which stands for "now" on the site so that
/// a build never depends on the day it runs: the newest `reviewed` date of any entry,
/// else the newest signing or history event. `None` when the content has no date.
pub fn content_date(d: &Directory) -> Option<PartialDate> {
    let metas = (d.cities.iter().map(|c| &c.meta))
        .chain(d.programs.iter().map(|p| &p.meta))
        .chain(d.agreements.iter().map(|a| &a.meta))
        .chain(d.pages.iter().map(|p| &p.meta));
    let reviewed = metas
        .filter_map(|m| m.reviewed.as_ref().map(|r| r.date))
        .max();
    reviewed.or_else(|| {
        (d.agreements.iter())
            .flat_map(|a| {
                a.signed
                    .into_iter()
                    .chain(a.history.iter().filter_map(|h| h.date))
            })
            .max()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::Collection::{Agreements, Cities};
    use crate::graph::tests::{city, directory};

    fn agreements(fields: &[&str]) -> Directory {
        let texts: Vec<String> = (fields.iter())
            .map(|f| format!("---\ntitle: T\nkind: friendship\nparties: [a, b]\n{f}---\n"))
            .collect();
        let ids: Vec<String> = (0..fields.len()).map(|i| format!("x{i}")).collect();
        let (a, b) = (city("A", "DE", ""), city("B", "PL", ""));
        let mut files = vec![(Cities, "a", a.as_str()), (Cities, "b", b.as_str())];
        files.extend((ids.iter().zip(&texts)).map(|(id, t)| (Agreements, id.as_str(), t.as_str())));
        directory(&files).0
    }

    fn listed(d: &Directory, years: RangeInclusive<u16>) -> Vec<(String, u16, String)> {
        (in_years(d, years).into_iter())
            .map(|a| {
                (
                    d.agreement(a.agreement).meta.id.to_string(),
                    a.years,
                    a.date.to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn round_years_fall_in_the_range_as_precise_as_the_signing() {
        let d = agreements(&[
            "signed: 1976-05-18\n",
            "signed: 2001-09\n",
            "signed: 1966\n",
            "signed: 2019\n",
        ]);
        assert_eq!(
            listed(&d, 2026..=2026),
            [
                ("x2".into(), 60, "2026".into()),
                ("x0".into(), 50, "2026-05-18".into()),
                ("x1".into(), 25, "2026-09".into()),
            ]
        );
        assert_eq!(listed(&d, 2029..=2029), [("x3".into(), 10, "2029".into())]);
        assert!(listed(&d, 2027..=2028).is_empty());
    }

    #[test]
    fn only_partnerships_in_force_are_celebrated() {
        let d = agreements(&[
            "signed: 1976\nstatus: suspended\n",
            "signed: 1976\nstatus: terminated\n",
            "signed: 1976\nexample: true\n",
            "signed: 1976\nexpires: 2025-12\n",
            "status: active\n",
            "history: [{ date: 1976-03, event: signed }]\n",
        ]);
        assert_eq!(
            listed(&d, 2026..=2026),
            [("x5".into(), 50, "2026-03".into())]
        );
    }

    #[test]
    fn the_content_date_prefers_reviews_to_events() {
        let d = agreements(&["signed: 2025-06-01\n", "signed: 1990\n"]);
        assert_eq!(
            content_date(&d).map(|d| d.to_string()),
            Some("2025-06-01".into())
        );
        let d = agreements(&["signed: 2025-06-01\nreviewed: { date: 2024-03-12, by: Office }\n"]);
        assert_eq!(
            content_date(&d).map(|d| d.to_string()),
            Some("2024-03-12".into())
        );
        assert_eq!(content_date(&agreements(&[])), None);
    }
}

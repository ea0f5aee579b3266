//! An agreement's dates and status against its own history: the contradictions a
//! reviewer relies on `amicus check` to catch, since one edited line (`status:`) can
//! silently disagree with sixty years of recorded events.
//!
//! Input: an agreement's `signed`, its `status` as written (`None` when left to the
//! default), and its parsed `history`. Output: [`Finding`]s that say where (a key, or
//! a history event by position) and what to do; the parse stage turns them into
//! diagnostics with spans. Invariants: pure; dates known only to the year or month
//! agree with every more precise date inside them (`1972` and `1972-05-03`); only
//! events that set a status (not `amended`) are compared with `status`.

use super::date::PartialDate;
use super::model::{AgreementStatus, HistoryEntry, HistoryEvent};
use crate::diagnostics::{Code, codes};

/// Where a finding points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The value of a top-level key.
    Key(&'static str),
    /// The history event at this position.
    Event(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: Code,
    pub message: String,
    pub place: Place,
    pub label: String,
    /// A second place that explains the first, with its label.
    pub also: Option<(Place, String)>,
    pub help: String,
}

/// Every contradiction between an agreement's `signed`, `status` and `history`.
pub fn agreement(
    signed: Option<PartialDate>,
    status: Option<AgreementStatus>,
    history: &[HistoryEntry],
) -> Vec<Finding> {
    let mut found = Vec::new();
    found.extend(signed_date(signed, history));
    found.extend(order(history));
    found.extend(latest_status(status, history));
    found
}

/// Two dates that may stand for the same day: equal, or one a year or month that
/// contains the other.
pub fn agree(a: PartialDate, b: PartialDate) -> bool {
    let (a, b) = (a.to_string(), b.to_string());
    a.starts_with(&b) || b.starts_with(&a)
}

/// `signed` and the date of the first `signed` event.
fn signed_date(signed: Option<PartialDate>, history: &[HistoryEntry]) -> Option<Finding> {
    let signed = signed?;
    let (i, event) = history
        .iter()
        .enumerate()
        .find(|(_, h)| h.event == HistoryEvent::Signed)?;
    let date = event.date?;
    (!agree(signed, date)).then(|| Finding {
        code: codes::SIGNED_HISTORY,
        message: format!(
            "`signed` is {}, but the history says it was signed {}",
            signed.human(),
            date.human()
        ),
        place: Place::Key("signed"),
        label: "differs from the history".to_owned(),
        also: Some((Place::Event(i), "the `signed` event".to_owned())),
        help: format!(
            "correct one of the two dates; if the agreement was signed {} write `signed: {date}`",
            date.human()
        ),
    })
}

/// The first dated event that comes before the dated event above it.
fn order(history: &[HistoryEntry]) -> Option<Finding> {
    let dated: Vec<(usize, PartialDate)> = history
        .iter()
        .enumerate()
        .filter_map(|(i, h)| Some((i, h.date?)))
        .collect();
    let pair = dated
        .windows(2)
        .find(|pair| pair[1].1 < pair[0].1 && !agree(pair[0].1, pair[1].1))?;
    let ((before, earlier), (after, later)) = (pair[0], pair[1]);
    Some(Finding {
        code: codes::HISTORY_ORDER,
        message: format!(
            "`history` is out of date order: {} comes after {}",
            later.human(),
            earlier.human()
        ),
        place: Place::Event(after),
        label: format!("earlier than the event above ({earlier})"),
        also: Some((Place::Event(before), "the event above".to_owned())),
        help: "list history events oldest first, so that the last one is the latest".to_owned(),
    })
}

/// The statuses an agreement can be in after an event, with no other event since.
/// A tie can go dormant, expire or lapse without a formal act; it cannot be
/// suspended, resumed or terminated without one.
fn allowed_after(event: HistoryEvent) -> &'static [AgreementStatus] {
    use AgreementStatus::*;
    match event {
        HistoryEvent::Signed | HistoryEvent::Renewed | HistoryEvent::Resumed => {
            &[Active, Dormant, Expired, Lapsed]
        }
        // A council's approval may come before the signature.
        HistoryEvent::Approved => &[Proposed, Active, Dormant, Expired, Lapsed],
        HistoryEvent::Suspended => &[Suspended, Expired, Lapsed],
        HistoryEvent::Terminated => &[Terminated],
        HistoryEvent::Lapsed => &[Lapsed, Expired],
        HistoryEvent::Amended => &[],
    }
}

/// `status` against the last event of the history that sets one.
fn latest_status(status: Option<AgreementStatus>, history: &[HistoryEntry]) -> Option<Finding> {
    let (i, latest) = history
        .iter()
        .enumerate()
        .rfind(|(_, h)| h.event.sets_status().is_some())?;
    let written = status.unwrap_or(AgreementStatus::Active);
    if allowed_after(latest.event).contains(&written) {
        return None;
    }
    let expected = latest.event.sets_status().unwrap_or(written);
    let when = latest
        .date
        .map_or(String::new(), |d| format!(" ({})", d.human()));
    let event = latest.event.as_str();
    let (place, label) = match status {
        Some(_) => (
            Place::Key("status"),
            format!("but the history ends `{event}`"),
        ),
        None => (
            Place::Event(i),
            "`status` is `active` by default".to_owned(),
        ),
    };
    Some(Finding {
        code: codes::STATUS_HISTORY,
        message: format!(
            "`status` is `{}`, but the latest event of the history is `{event}`{when}",
            written.as_str()
        ),
        place,
        label,
        also: status.map(|_| (Place::Event(i), "the latest event".to_owned())),
        help: format!(
            "write `status: {}`, or add the event that changed it to `history` (such as `resumed`)",
            expected.as_str()
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> PartialDate {
        PartialDate::parse(text).unwrap()
    }

    fn event(date_text: &str, event: HistoryEvent) -> HistoryEntry {
        HistoryEntry {
            date: Some(date(date_text)),
            event,
            by: None,
            note: None,
        }
    }

    fn codes_of(found: &[Finding]) -> Vec<&'static str> {
        found.iter().map(|f| f.code.name).collect()
    }

    #[test]
    fn a_year_agrees_with_the_days_inside_it() {
        assert!(agree(date("1972"), date("1972-05-03")));
        assert!(agree(date("1972-05-03"), date("1972-05")));
        assert!(!agree(date("1972"), date("1973-01")));
        assert!(!agree(date("1972-05"), date("1972-06-01")));
    }

    #[test]
    fn signed_must_match_the_signed_event() {
        let history = [event("1961-06-12", HistoryEvent::Signed)];
        assert!(agreement(Some(date("1961")), None, &history).is_empty());
        let found = agreement(Some(date("1962")), None, &history);
        assert_eq!(codes_of(&found), ["signed-history"]);
        assert_eq!(
            found[0].also,
            Some((Place::Event(0), "the `signed` event".to_owned()))
        );
    }

    #[test]
    fn history_goes_oldest_first() {
        let history = [
            event("1972", HistoryEvent::Signed),
            event("2003-05", HistoryEvent::Renewed),
            event("2003", HistoryEvent::Amended),
            event("1998", HistoryEvent::Amended),
        ];
        let found = agreement(None, None, &history);
        assert_eq!(codes_of(&found), ["history-order"]);
        assert_eq!(found[0].place, Place::Event(3));
    }

    #[test]
    fn status_follows_the_latest_event_that_sets_one() {
        use AgreementStatus::*;
        let terminated = [
            event("1972", HistoryEvent::Signed),
            event("2018", HistoryEvent::Terminated),
            event("2019", HistoryEvent::Amended),
        ];
        assert!(agreement(None, Some(Terminated), &terminated).is_empty());
        let found = agreement(None, Some(Active), &terminated);
        assert_eq!(codes_of(&found), ["status-history"]);
        assert!(
            found[0].help.contains("status: terminated"),
            "{}",
            found[0].help
        );
        // Left out, the status is `active`: the event is where to look.
        assert_eq!(agreement(None, None, &terminated)[0].place, Place::Event(1));
        let suspended = [event("2022-03-01", HistoryEvent::Suspended)];
        assert_eq!(
            codes_of(&agreement(None, Some(Active), &suspended)),
            ["status-history"]
        );
        let renewed = [event("2003", HistoryEvent::Renewed)];
        for quiet in [Active, Dormant, Expired, Lapsed] {
            assert!(
                agreement(None, Some(quiet), &renewed).is_empty(),
                "{quiet:?}"
            );
        }
        assert_eq!(
            codes_of(&agreement(None, Some(Suspended), &renewed)),
            ["status-history"]
        );
    }
}

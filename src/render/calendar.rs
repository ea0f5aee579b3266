//! `calendar.ics`: the round anniversaries of partnerships as an iCalendar file (RFC
//! 5545) to subscribe to, in the site's default language.
//!
//! Deterministic like every output: the window of years and `DTSTAMP` come from the
//! content ([`anniversaries::content_date`]), never from the clock, and each event's
//! `UID` from its agreement and number of years, so that a calendar application
//! updates an event rather than adding it twice. An anniversary known to the month
//! spans that month; one known only to the year has no place in a calendar and is
//! left out (the home page and `amicus agenda` list it).

use super::OutputFile;
use super::view::Views;
use crate::anniversaries::{self, Anniversary};
use crate::content::date::PartialDate;
use crate::content::model::Collection;
use crate::day::Day;
use crate::period::{Period, Unit};

pub const PATH: &str = "calendar.ics";

/// How many years the calendar covers, from the year of the content date.
pub const YEARS: u16 = 5;

/// The calendar, from the views of the default language.
pub fn file(views: &Views) -> OutputFile {
    let d = views.d;
    let host = (d.config.base_url.split("://").nth(1))
        .and_then(|rest| rest.split('/').next())
        .unwrap_or("amicus");
    let mut out = Lines::default();
    out.line("BEGIN:VCALENDAR");
    out.line("VERSION:2.0");
    out.line("PRODID:-//Amicus//Amicus//EN");
    out.line("CALSCALE:GREGORIAN");
    out.line("METHOD:PUBLISH");
    let name = word(views, "anniversaries_title");
    out.line(&format!(
        "X-WR-CALNAME:{}",
        text(&format!("{name}: {}", views.site_title()))
    ));
    if let Some(now) = anniversaries::content_date(d) {
        let stamp = format!("DTSTAMP:{}T000000Z", compact(Day::first_of(now)));
        let first = now.year();
        let years = first..=first.saturating_add(YEARS - 1);
        for anniversary in anniversaries::in_years(d, years) {
            if let Some((start, end)) = span(anniversary.date) {
                event(views, &anniversary, (start, end), (&stamp, host), &mut out);
            }
        }
    }
    out.line("END:VCALENDAR");
    OutputFile {
        path: PATH.to_owned(),
        bytes: out.0.into_bytes(),
    }
}

fn event(
    views: &Views,
    anniversary: &Anniversary,
    (start, end): (Day, Day),
    (stamp, host): (&str, &str),
    out: &mut Lines,
) {
    let agreement = views.d.agreement(anniversary.agreement);
    let id = agreement.meta.id.as_str();
    let urls = views.urls();
    let years = word(views, "anniversary_years").replace("{years}", &anniversary.years.to_string());
    let title = views.agreement_title(anniversary.agreement);
    out.line("BEGIN:VEVENT");
    out.line(&format!(
        "UID:anniversary-{}-{id}@{host}",
        anniversary.years
    ));
    out.line(stamp);
    out.line(&format!("DTSTART;VALUE=DATE:{}", compact(start)));
    out.line(&format!("DTEND;VALUE=DATE:{}", compact(end)));
    out.line(&format!("SUMMARY:{}", text(&format!("{years}: {title}"))));
    if let Some(signed) = anniversaries::signed(agreement) {
        let words =
            word(views, "anniversary_signed").replace("{date}", &views.locale().date(signed));
        out.line(&format!("DESCRIPTION:{}", text(&words)));
    }
    let url = urls.absolute(&urls.entry(Collection::Agreements, id));
    out.line(&format!("URL:{url}"));
    out.line("TRANSP:TRANSPARENT");
    out.line("END:VEVENT");
}

/// The first day of an anniversary and the day after its last (`DTEND` is not part of
/// the event); `None` for a year alone.
fn span(date: PartialDate) -> Option<(Day, Day)> {
    let one_day = Period {
        amount: 1,
        unit: Unit::Days,
    };
    (date.has_month()).then(|| (Day::first_of(date), Day::last_of(date).plus(one_day)))
}

fn word<'a>(views: &Views<'a>, key: &str) -> &'a str {
    views.words.get(key).map_or("", String::as_str)
}

/// `20260518`.
fn compact(day: Day) -> String {
    day.date().to_string().replace('-', "")
}

/// A TEXT value: backslash, semicolon, comma and line breaks escaped (RFC 5545 3.3.11).
fn text(value: &str) -> String {
    let mut escaped = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' | ';' | ',' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '\n' => escaped.push_str("\\n"),
            '\r' => {}
            _ => escaped.push(c),
        }
    }
    escaped
}

/// Content lines ending in CRLF, folded at 75 octets (RFC 5545 3.1) without cutting a
/// character in two.
#[derive(Default)]
struct Lines(String);

impl Lines {
    fn line(&mut self, line: &str) {
        let mut room = 75;
        for c in line.chars() {
            if c.len_utf8() > room {
                self.0.push_str("\r\n ");
                room = 74;
            }
            self.0.push(c);
            room -= c.len_utf8();
        }
        self.0.push_str("\r\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let mut lines = Lines::default();
        let long = format!("SUMMARY:{}", "Łódź–Chemnitz ".repeat(12));
        lines.line(&long);
        for line in lines.0.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        assert_eq!(lines.0.replace("\r\n ", ""), format!("{long}\r\n"));
    }

    #[test]
    fn text_values_escape_what_rfc_5545_reserves() {
        assert_eq!(text("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }
}

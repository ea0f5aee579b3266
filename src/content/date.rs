//! Partial ISO dates: `2003`, `2003-06` or `2003-06-12`. Many real partnerships have
//! only a year of signature, so the precision is part of the value.

use std::cmp::Ordering;
use std::fmt;

use serde::Serialize;

/// A date known to the year, month or day. Only valid calendar dates can be built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    year: u16,
    month: Option<u8>,
    day: Option<u8>,
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; the error says what is wrong.
    pub fn parse(text: &str) -> Result<Self, String> {
        let parts: Vec<&str> = text.split('-').collect();
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        let well_formed = match parts.as_slice() {
            [y] => digits(y, 4),
            [y, m] => digits(y, 4) && digits(m, 2),
            [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
            _ => false,
        };
        if !well_formed {
            return Err(format!(
                "`{text}` is not a date: write YYYY-MM-DD, YYYY-MM or YYYY"
            ));
        }
        let number = |i: usize| parts.get(i).map(|p| p.parse::<u16>().unwrap_or(0));
        let year = number(0).unwrap_or(0);
        let month = number(1).map(|m| m as u8);
        let day = number(2).map(|d| d as u8);
        if year == 0 {
            return Err(format!("`{text}` has year 0000"));
        }
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return Err(format!("`{text}` has month {m:02}: months are 01 to 12"));
        }
        if let (Some(m), Some(d)) = (month, day) {
            let last = days_in_month(year, m);
            if d == 0 || d > last {
                return Err(format!(
                    "`{text}` does not exist: {} {year} has {last} days",
                    MONTH_NAMES[usize::from(m) - 1]
                ));
            }
        }
        Ok(Self { year, month, day })
    }

    pub fn year(&self) -> u16 {
        self.year
    }

    /// Whether the day is known, not only the month or year.
    pub fn has_day(&self) -> bool {
        self.day.is_some()
    }

    /// Whether the month is known.
    pub fn has_month(&self) -> bool {
        self.month.is_some()
    }

    /// The same day (or month) in another year, as precise as this date: an
    /// anniversary. 29 February falls on the 28th in a common year.
    pub fn in_year(&self, year: u16) -> PartialDate {
        let day = match (self.month, self.day) {
            (Some(m), Some(d)) => Some(d.min(days_in_month(year, m))),
            _ => self.day,
        };
        PartialDate {
            year,
            month: self.month,
            day,
        }
    }

    /// A sort key in which a less precise date comes before the precise dates it covers.
    fn key(&self) -> (u16, u8, u8) {
        (self.year, self.month.unwrap_or(0), self.day.unwrap_or(0))
    }

    /// The date in words, as precise as it is known: `12 June 2003`, `June 2003`, `2003`.
    /// Pages show thousands of dates; joining the parts costs a fraction of `format!`.
    pub fn human(&self) -> String {
        let mut year = itoa::Buffer::new();
        let year = year.format(self.year);
        match (self.month, self.day) {
            (Some(m), Some(d)) => {
                let mut day = itoa::Buffer::new();
                [
                    day.format(d),
                    " ",
                    MONTH_NAMES[usize::from(m) - 1],
                    " ",
                    year,
                ]
                .concat()
            }
            (Some(m), None) => [MONTH_NAMES[usize::from(m) - 1], " ", year].concat(),
            _ => year.to_owned(),
        }
    }

    /// The first instant the date may stand for, for feeds and sitemaps: `2003-06-01`.
    pub fn earliest_day(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}",
            self.year,
            self.month.unwrap_or(1),
            self.day.unwrap_or(1)
        )
    }

    /// The last day the date may stand for (`2003-06` → `2003-06-30`), for comparisons
    /// that must not fire early (an agreement expiring "in 2024" is not yet expired in
    /// March 2024).
    pub fn latest_day(&self) -> PartialDate {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or(days_in_month(self.year, month));
        PartialDate {
            year: self.year,
            month: Some(month),
            day: Some(day),
        }
    }
}

/// The ISO form of a date written another common way, for the error's help:
/// `31.12.2020` → `2020-12-31`, `März 2019` → `2019-03`, `spring 2019` → `2019`. A date
/// with slashes whose day and month could be either way round (`04/03/2020`) gets both
/// readings, since offices write it the UK and the US way alike.
pub fn suggest_iso(text: &str) -> Option<String> {
    let numbers: Vec<&str> = text
        .split(['.', '/', '-', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    let all_digits = numbers
        .iter()
        .all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    if all_digits && numbers.len() == 3 {
        return numeric_date(text, &numbers);
    }
    let year = numbers
        .iter()
        .find(|p| p.len() == 4 && p.bytes().all(|b| b.is_ascii_digit()))?;
    let lower = text.to_lowercase();
    let month = lower
        .split(|c: char| !c.is_alphabetic())
        .find_map(month_of_word);
    let iso = match month {
        Some(m) => format!("{year}-{m:02}"),
        None => (*year).to_owned(),
    };
    PartialDate::parse(&iso).ok().map(|_| format!("`{iso}`"))
}

/// `D.M.Y` (as written in German), `Y/M/D`, and `D/M/Y` or `M/D/Y`.
fn numeric_date(text: &str, parts: &[&str]) -> Option<String> {
    let iso = |y: &str, m: &str, d: &str| {
        let n = |s: &str| s.parse::<u16>().ok();
        let text = format!("{:04}-{:02}-{:02}", n(y)?, n(m)?, n(d)?);
        PartialDate::parse(&text).ok().map(|_| text)
    };
    let (a, b, c) = (parts[0], parts[1], parts[2]);
    if a.len() == 4 {
        return iso(a, b, c).map(|d| format!("`{d}`"));
    }
    if c.len() != 4 {
        return None;
    }
    if !text.contains('/') {
        return iso(c, b, a).map(|d| format!("`{d}`"));
    }
    match (iso(c, b, a), iso(c, a, b)) {
        (Some(uk), Some(us)) if uk != us => Some(format!(
            "`{uk}` if it is day/month (as in the UK), or `{us}` if it is month/day (as in the US)"
        )),
        (Some(one), _) | (None, Some(one)) => Some(format!("`{one}`")),
        (None, None) => None,
    }
}

/// The month a word names, in English, German or French, in full or abbreviated.
fn month_of_word(word: &str) -> Option<u8> {
    const NAMES: [&[&str]; 12] = [
        &["january", "jan", "januar", "janvier", "jänner"],
        &["february", "feb", "februar", "février", "fevrier"],
        &["march", "mar", "märz", "maerz", "mars", "mär"],
        &["april", "apr", "avril"],
        &["may", "mai"],
        &["june", "jun", "juni", "juin"],
        &["july", "jul", "juli", "juillet"],
        &["august", "aug", "août", "aout"],
        &["september", "sep", "sept", "septembre"],
        &["october", "oct", "oktober", "okt", "octobre"],
        &["november", "nov", "novembre"],
        &["december", "dec", "dezember", "dez", "décembre", "decembre"],
    ];
    let i = NAMES.iter().position(|names| names.contains(&word))?;
    u8::try_from(i + 1).ok()
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn days_in_month(year: u16, month: u8) -> u8 {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// ISO 8601, as precise as the date is known: `2003-06-12`, `2003-06`, `2003`.
impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Written digit by digit and handed over once: pages show thousands of dates.
        let digit = |v: u16| b'0' + (v % 10) as u8;
        let y = self.year;
        let mut text = [b'-'; 10];
        text[..4].copy_from_slice(&[digit(y / 1000), digit(y / 100), digit(y / 10), digit(y)]);
        let mut len = 4;
        for part in [self.month, self.day].into_iter().map_while(|p| p) {
            let part = u16::from(part);
            text[len + 1..len + 3].copy_from_slice(&[digit(part / 10), digit(part)]);
            len += 3;
        }
        f.write_str(std::str::from_utf8(&text[..len]).map_err(|_| fmt::Error)?)
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_three_precisions() {
        assert_eq!(PartialDate::parse("1972").unwrap().to_string(), "1972");
        assert_eq!(
            PartialDate::parse("2003-06").unwrap().to_string(),
            "2003-06"
        );
        assert_eq!(
            PartialDate::parse("2003-06-12").unwrap().human(),
            "12 June 2003"
        );
    }

    #[test]
    fn every_precision_reads_back_as_written_and_in_words() {
        for (text, words) in [
            ("0001", "1"),
            ("1972", "1972"),
            ("2003-06", "June 2003"),
            ("2003-06-01", "1 June 2003"),
            ("2003-11-30", "30 November 2003"),
            ("9999-12-31", "31 December 9999"),
        ] {
            let date = PartialDate::parse(text).unwrap();
            assert_eq!(date.to_string(), text);
            assert_eq!(date.human(), words);
        }
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(
            PartialDate::parse("2023-02-30")
                .unwrap_err()
                .contains("February 2023 has 28 days")
        );
        assert!(PartialDate::parse("2024-02-29").is_ok());
        assert!(PartialDate::parse("1900-02-29").is_err());
        assert!(PartialDate::parse("2000-02-29").is_ok());
        assert!(PartialDate::parse("2003-13").is_err());
        assert!(PartialDate::parse("2003-04-00").is_err());
        assert!(PartialDate::parse("0000").is_err());
    }

    #[test]
    fn rejects_other_shapes() {
        for bad in [
            "",
            "03",
            "2003-6-1",
            "12.06.2003",
            "2003/06/12",
            "2003-06-12T10:00",
            "２００３",
        ] {
            assert!(PartialDate::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn suggests_the_iso_form_of_common_ways_of_writing_dates() {
        for (written, suggested) in [
            ("31.12.2020", Some("`2020-12-31`")),
            ("1.3.2019", Some("`2019-03-01`")),
            ("12/31/2020", Some("`2020-12-31`")),
            ("31/12/2020", Some("`2020-12-31`")),
            (
                "04/03/2020",
                Some(
                    "`2020-03-04` if it is day/month (as in the UK), or `2020-04-03` if it is month/day (as in the US)",
                ),
            ),
            ("05/05/2020", Some("`2020-05-05`")),
            ("2020/12/31", Some("`2020-12-31`")),
            ("spring 2019", Some("`2019`")),
            ("März 2019", Some("`2019-03`")),
            ("June 2003", Some("`2003-06`")),
            ("31.02.2020", None),
            ("soon", None),
        ] {
            assert_eq!(suggest_iso(written).as_deref(), suggested, "{written}");
        }
    }

    #[test]
    fn orders_less_precise_first() {
        let d = |s| PartialDate::parse(s).unwrap();
        assert!(d("2003") < d("2003-01"));
        assert!(d("2003-06") < d("2003-06-01"));
        assert!(d("2002-12-31") < d("2003"));
    }

    #[test]
    fn in_year_keeps_the_precision_and_a_real_day() {
        let d = |s| PartialDate::parse(s).unwrap();
        assert_eq!(d("1961-05-18").in_year(2026), d("2026-05-18"));
        assert_eq!(d("1961-05").in_year(2026), d("2026-05"));
        assert_eq!(d("1961").in_year(2026), d("2026"));
        assert_eq!(d("2000-02-29").in_year(2025), d("2025-02-28"));
        assert_eq!(d("2000-02-29").in_year(2028), d("2028-02-29"));
    }

    #[test]
    fn latest_day_covers_the_period() {
        let d = |s| PartialDate::parse(s).unwrap();
        assert_eq!(d("2024").latest_day().to_string(), "2024-12-31");
        assert_eq!(d("2024-02").latest_day().to_string(), "2024-02-29");
    }
}

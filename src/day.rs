//! Days of the calendar, for what depends on the date: warnings about expiry and
//! reviews (`check --today`), anniversaries, `amicus agenda`.

use std::ops::Range;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::content::date::PartialDate;
use crate::period::{Period, Unit};

/// A calendar day, counted from 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day(i64);

impl Day {
    /// A day written `YYYY-MM-DD` (`--today`).
    pub fn parse(text: &str) -> Result<Day, String> {
        if text.len() != "YYYY-MM-DD".len() {
            return Err(format!("`{text}` is not a day: write YYYY-MM-DD"));
        }
        PartialDate::parse(text).map(Day::last_of)
    }

    /// Today, in UTC, by the system clock.
    pub fn today() -> Day {
        let seconds = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Day((seconds / 86_400) as i64)
    }

    /// How many days from this day to `later` (negative when it is earlier).
    pub fn days_until(self, later: Day) -> i64 {
        later.0 - self.0
    }

    /// The last day a date may stand for (`2024` → 2024-12-31), so that an agreement
    /// expiring "in 2024" has not expired before 2025.
    pub fn last_of(date: PartialDate) -> Day {
        let text = date.latest_day().earliest_day();
        let part = |range: Range<usize>| text[range].parse::<i64>().unwrap_or(1);
        Day::from_civil(part(0..4), part(5..7), part(8..10))
    }

    /// The first day a date may stand for (`2024` → 2024-01-01).
    pub fn first_of(date: PartialDate) -> Day {
        Day::parse(&date.earliest_day()).unwrap_or(Day(0))
    }

    /// The day as a date: `2026-03-12`.
    pub fn date(self) -> PartialDate {
        let (year, month, day) = self.civil();
        PartialDate::parse(&format!("{year:04}-{month:02}-{day:02}"))
            .expect("a day of the calendar is a date")
    }

    /// The day `period` later; a month later than 31 January is the last of February.
    pub fn plus(self, period: Period) -> Day {
        let (year, month, day) = self.civil();
        let months = match period.unit {
            Unit::Days => return Day(self.0 + i64::from(period.amount)),
            Unit::Months => i64::from(period.amount),
            Unit::Years => 12 * i64::from(period.amount),
        };
        let index = year * 12 + (month - 1) + months;
        let (year, month) = (index.div_euclid(12), index.rem_euclid(12) + 1);
        let last = PartialDate::parse(&format!("{year:04}-{month:02}")).map_or(28, |m| {
            Day::last_of(m).0 - Day::from_civil(year, month, 1).0 + 1
        });
        Day::from_civil(year, month, day.min(last))
    }

    /// The year, month and day (Howard Hinnant's `civil_from_days`).
    fn civil(self) -> (i64, i64, i64) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let month_from_march = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
        let month = if month_from_march < 10 {
            month_from_march + 3
        } else {
            month_from_march - 9
        };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        (year, month, day)
    }

    /// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (the
    /// algorithm of Howard Hinnant's `days_from_civil`).
    fn from_civil(year: i64, month: i64, day: i64) -> Day {
        let year = if month <= 2 { year - 1 } else { year };
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month_from_march = (month + 9) % 12;
        let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        Day(era * 146_097 + day_of_era - 719_468)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_count_from_the_epoch() {
        assert_eq!(Day::parse("1970-01-01"), Ok(Day(0)));
        assert_eq!(Day::parse("2000-03-01"), Ok(Day(11_017)));
        assert_eq!(
            Day::parse("2024-12-31").map(|d| d.0 - Day::parse("2024-01-01").unwrap().0),
            Ok(365)
        );
    }

    #[test]
    fn partial_dates_stand_for_their_last_day() {
        let last = |text| Day::last_of(PartialDate::parse(text).unwrap());
        assert_eq!(last("2024"), Day::parse("2024-12-31").unwrap());
        assert_eq!(last("2024-02"), Day::parse("2024-02-29").unwrap());
    }

    #[test]
    fn days_read_back_as_dates_and_move_by_calendar_periods() {
        let day = |text| Day::parse(text).unwrap();
        let period = |text| Period::parse(text).unwrap();
        for text in ["1970-01-01", "2000-02-29", "2026-12-07", "1899-03-01"] {
            assert_eq!(day(text).date().to_string(), text);
        }
        assert_eq!(day("2024-01-31").plus(period("1m")), day("2024-02-29"));
        assert_eq!(day("2024-02-29").plus(period("1y")), day("2025-02-28"));
        assert_eq!(day("2026-11-15").plus(period("3m")), day("2027-02-15"));
        assert_eq!(day("2026-12-30").plus(period("2d")), day("2027-01-01"));
    }

    #[test]
    fn only_whole_days_are_accepted_for_today() {
        assert!(Day::parse("2024-06").is_err());
        assert!(Day::parse("2023-02-30").is_err());
        assert!(Day::parse("24-06-01").is_err());
    }
}

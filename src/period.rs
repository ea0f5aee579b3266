//! Lengths of time as staff write them: `90d`, `12m`, `2y` (or `90 days`, `12 months`,
//! `2 years`), for `review_after` in site.yaml and `amicus agenda --within`.

use std::fmt;

/// A number of days, months or years. Months and years are calendar months and years
/// (see [`crate::day::Day::plus`]), not a fixed number of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub amount: u32,
    pub unit: Unit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Days,
    Months,
    Years,
}

impl Period {
    /// Parses `12m`, `2y`, `90d`, or the same with the unit in words (`24 months`);
    /// the error says what to write.
    pub fn parse(text: &str) -> Result<Period, String> {
        let text = text.trim();
        let split = text
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len());
        let (number, unit) = text.split_at(split);
        let unit = match unit.trim() {
            "d" | "day" | "days" => Some(Unit::Days),
            "m" | "month" | "months" => Some(Unit::Months),
            "y" | "year" | "years" => Some(Unit::Years),
            _ => None,
        };
        match (number.parse::<u32>(), unit) {
            (Ok(amount), Some(unit)) if amount > 0 && amount <= 10_000 => {
                Ok(Period { amount, unit })
            }
            (Ok(_), Some(_)) => Err(format!(
                "`{text}` is not a length of time: the number must be 1 to 10000"
            )),
            _ => Err(format!(
                "`{text}` is not a length of time: write a number and d, m or y, such as `90d`, `12m` or `2y`"
            )),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match (self.unit, self.amount) {
            (Unit::Days, 1) => "day",
            (Unit::Days, _) => "days",
            (Unit::Months, 1) => "month",
            (Unit::Months, _) => "months",
            (Unit::Years, 1) => "year",
            (Unit::Years, _) => "years",
        };
        write!(f, "{} {unit}", self.amount)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_forms_read_alike() {
        for (text, amount, unit) in [
            ("12m", 12, Unit::Months),
            ("24 months", 24, Unit::Months),
            ("2y", 2, Unit::Years),
            ("1 year", 1, Unit::Years),
            ("90d", 90, Unit::Days),
        ] {
            assert_eq!(Period::parse(text), Ok(Period { amount, unit }), "{text}");
        }
        assert_eq!(Period::parse("2y").unwrap().to_string(), "2 years");
    }

    #[test]
    fn other_input_is_refused_with_the_way_to_write_it() {
        for bad in ["", "12", "m", "12w", "-3m", "1.5y", "0d", "twelve months"] {
            let error = Period::parse(bad).unwrap_err();
            assert!(error.contains("is not a length of time"), "{bad}: {error}");
        }
    }
}

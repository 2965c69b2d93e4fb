//! Calendar dates, just enough for review dates: parse `YYYY-MM-DD`, know today's date, and go
//! back a number of months.
//!
//! Written by hand (a few lines of well-known arithmetic) rather than pulling in a date crate:
//! Harbour only needs whole days in UTC, and every dependency is more code to trust in an app
//! people in danger rely on.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// A day in the (proleptic Gregorian) calendar. Orders by year, then month, then day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u32,
    day: u32,
}

impl Date {
    /// The date, if that day exists (30 February does not).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        (1..=12).contains(&month).then_some(())?;
        (1..=days_in_month(year, month))
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD` (four, two and two digits), the form used in front matter.
    pub fn parse(text: &str) -> Option<Date> {
        let parts: Vec<&str> = text.split('-').collect();
        let [y, m, d] = parts.as_slice() else {
            return None;
        };
        let all_digits =
            |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_digit());
        if !(all_digits(y, 4) && all_digits(m, 2) && all_digits(d, 2)) {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// Today in UTC, from the system clock. A clock set before 1970 gives 1970-01-01 rather
    /// than a panic; the checks that use it then simply pass.
    pub fn today() -> Date {
        let seconds = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        Date::from_days_since_epoch(i64::try_from(seconds / 86_400).unwrap_or(0))
    }

    /// The date `days` days after 1970-01-01 (negative: before). Howard Hinnant's
    /// `civil_from_days` algorithm, exact for every date in range.
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097); // day of era, 0..=146096
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365; // 0..=399
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // 0..=365
        let mp = (5 * doy + 2) / 153; // month from March, 0..=11
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date {
            year: i32::try_from(year).unwrap_or(i32::MAX),
            month: month as u32, // 1..=12 by construction
            day: day as u32,     // 1..=31 by construction
        }
    }

    /// Days from 1970-01-01 to this date (negative: before). Howard Hinnant's `days_from_civil`,
    /// the inverse of [`Date::from_days_since_epoch`].
    pub fn days_since_epoch(self) -> i64 {
        let month = i64::from(self.month);
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let yoe = year.rem_euclid(400);
        let mp = if month > 2 { month - 3 } else { month + 9 };
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The same day `months` months earlier; a day the earlier month lacks becomes its last day
    /// (12 months before 2024-02-29 is 2023-02-28).
    pub fn months_earlier(self, months: u32) -> Date {
        let total = i64::from(self.year) * 12 + i64::from(self.month - 1) - i64::from(months);
        let year = i32::try_from(total.div_euclid(12)).unwrap_or(i32::MIN);
        let month = total.rem_euclid(12) as u32 + 1;
        let day = self.day.min(days_in_month(year, month));
        Date { year, month, day }
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u32 {
        self.month
    }

    /// The day of the month, 1 to 31.
    pub fn day(self) -> u32 {
        self.day
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn parses_only_real_iso_dates() {
        assert_eq!(d("2026-11-25").to_string(), "2026-11-25");
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2026-02-29").is_none());
        assert!(Date::parse("1900-02-29").is_none());
        assert!(Date::parse("2000-02-29").is_some());
        assert!(Date::parse("2026-13-01").is_none());
        assert!(Date::parse("2026-00-10").is_none());
        assert!(Date::parse("2026-1-5").is_none());
        assert!(Date::parse("+026-01-05").is_none());
        assert!(Date::parse("25/11/2026").is_none());
        assert!(Date::parse("").is_none());
    }

    #[test]
    fn days_since_epoch_match_known_dates() {
        assert_eq!(Date::from_days_since_epoch(0), d("1970-01-01"));
        assert_eq!(Date::from_days_since_epoch(-1), d("1969-12-31"));
        assert_eq!(Date::from_days_since_epoch(11_016), d("2000-02-29"));
        assert_eq!(Date::from_days_since_epoch(19_723), d("2024-01-01"));
        assert_eq!(Date::from_days_since_epoch(20_517), d("2026-03-05"));
        for days in [-800_000, -1, 0, 59, 60, 11_016, 19_723, 20_517, 1_000_000] {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
    }

    #[test]
    fn going_back_months_clamps_to_the_month_end() {
        assert_eq!(d("2026-11-25").months_earlier(12), d("2025-11-25"));
        assert_eq!(d("2024-02-29").months_earlier(12), d("2023-02-28"));
        assert_eq!(d("2026-03-31").months_earlier(1), d("2026-02-28"));
        assert_eq!(d("2026-01-15").months_earlier(1), d("2025-12-15"));
    }

    #[test]
    fn dates_order_by_calendar() {
        assert!(d("2025-12-31") < d("2026-01-01"));
        assert!(d("2026-02-01") > d("2026-01-31"));
    }

    #[test]
    fn today_is_a_plausible_date() {
        assert!(Date::today() > d("2020-01-01"));
    }
}

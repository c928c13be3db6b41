//! Calendar arithmetic: the Jalali (Solar Hijri) calendar through ICU4X's
//! Persian calendar. Domain, not i18n: periods, goals and reports are cut
//! from it; `i18n` only formats what it gives.

use chrono::{Datelike, NaiveDate};
use icu_calendar::Date;
use icu_calendar::cal::Persian;

/// The Jalali (Solar Hijri) year, month (1–12) and day of a Gregorian date.
pub fn jalali_parts(date: NaiveDate) -> Option<(i32, u8, u8)> {
    let iso = Date::try_new_iso(date.year(), date.month() as u8, date.day() as u8).ok()?;
    let persian = iso.to_calendar(Persian);
    Some((
        persian.era_year().year,
        persian.month().ordinal,
        persian.day_of_month().0,
    ))
}

/// The Gregorian date of a Jalali year, month (1–12) and day; `None` for a
/// day the month does not have (Esfand 30 outside a leap year, say).
pub fn from_jalali(year: i32, month: u8, day: u8) -> Option<NaiveDate> {
    let persian = Date::try_new_persian(year, month, day).ok()?;
    let iso = persian.to_calendar(icu_calendar::Iso);
    NaiveDate::from_ymd_opt(
        iso.era_year().year,
        u32::from(iso.month().ordinal),
        u32::from(iso.day_of_month().0),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jalali_dates_go_both_ways_across_nowruz_and_leap_esfand() {
        let nowruz = NaiveDate::from_ymd_opt(2026, 3, 21).unwrap_or_default();
        assert_eq!(jalali_parts(nowruz), Some((1405, 1, 1)));
        assert_eq!(from_jalali(1405, 1, 1), Some(nowruz));
        // 1403 is a leap year (Esfand has 30 days); 1404 is not.
        assert_eq!(
            from_jalali(1403, 12, 30),
            NaiveDate::from_ymd_opt(2025, 3, 20)
        );
        assert_eq!(from_jalali(1404, 12, 30), None);
    }
}

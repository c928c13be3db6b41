//! Working days: pace and projection count the days a team works, not
//! calendar days, so a quota is not "behind pace" over a weekend or in the
//! middle of Nowruz. A team on the Jalali calendar works Saturday to
//! Wednesday and half of Thursday, and rests on the fixed solar holidays
//! (1-4 and 12-13 Farvardin, 14-15 Khordad, 22 Bahman, 29 Esfand); any
//! other team works Monday to Friday. Days are weighed in halves, so a
//! half day counts half. Lunar holidays and a team's own days off are not
//! kept yet (see ARCHITECTURE.md). Pure, shared by the server and the device.

use super::calendar::jalali_parts;
use super::period::{Calendar, Period};
use chrono::{Datelike, NaiveDate};

/// The fixed Jalali holidays, as (month, day).
pub const FIXED_JALALI_HOLIDAYS: [(u8, u8); 10] = [
    (1, 1),
    (1, 2),
    (1, 3),
    (1, 4),
    (1, 12),
    (1, 13),
    (3, 14),
    (3, 15),
    (11, 22),
    (12, 29),
];

/// Which days a team works, in halves of a day per weekday (Monday first).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkingCalendar {
    halves_by_weekday: [u8; 7],
    jalali_holidays: bool,
}

impl WorkingCalendar {
    /// The working week of a team on `calendar` (none: the Gregorian week).
    pub fn of_team(calendar: Option<Calendar>) -> WorkingCalendar {
        match calendar {
            // Monday .. Sunday: Thursday half, Friday off, Saturday to Wednesday full.
            Some(Calendar::Jalali) => WorkingCalendar {
                halves_by_weekday: [2, 2, 2, 1, 0, 2, 2],
                jalali_holidays: true,
            },
            _ => WorkingCalendar {
                halves_by_weekday: [2, 2, 2, 2, 2, 0, 0],
                jalali_holidays: false,
            },
        }
    }

    /// Every day worked in full: pace over calendar days.
    pub fn every_day() -> WorkingCalendar {
        WorkingCalendar {
            halves_by_weekday: [2; 7],
            jalali_holidays: false,
        }
    }

    /// Whether `day` is one of the fixed holidays this team rests on.
    pub fn is_holiday(&self, day: NaiveDate) -> bool {
        self.jalali_holidays
            && jalali_parts(day)
                .is_some_and(|(_, month, day)| FIXED_JALALI_HOLIDAYS.contains(&(month, day)))
    }

    /// How much of `day` is worked, in halves (0, 1 or 2).
    pub fn halves(&self, day: NaiveDate) -> i64 {
        if self.is_holiday(day) {
            return 0;
        }
        i64::from(self.halves_by_weekday[day.weekday().num_days_from_monday() as usize])
    }

    /// Halves worked from `from` to `to`, both included (0 when `to` is
    /// before `from`).
    pub fn halves_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        from.iter_days()
            .take_while(|day| *day <= to)
            .map(|day| self.halves(day))
            .sum()
    }

    /// The share of `period` worked by the end of `today` (today counts as
    /// worked), as (worked, whole) in halves; a period with no working day
    /// at all falls back to calendar days, so it still has a pace.
    pub fn elapsed(&self, period: Period, today: NaiveDate) -> (i64, i64) {
        let whole = self.halves_between(period.start, period.end);
        if whole == 0 {
            let total = period.days().max(1);
            let elapsed = ((today - period.start).num_days() + 1).clamp(0, total);
            return (elapsed, total);
        }
        let worked = if today < period.start {
            0
        } else {
            self.halves_between(period.start, today.min(period.end))
        };
        (worked, whole)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::from_jalali;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("a date")
    }

    #[test]
    fn a_gregorian_team_works_monday_to_friday() {
        let week = WorkingCalendar::of_team(Some(Calendar::Gregorian));
        // 2026-11-30 is a Monday.
        assert_eq!(
            week.halves_between(date(2026, 11, 30), date(2026, 12, 6)),
            10
        );
        assert_eq!(week.halves(date(2026, 12, 5)), 0);
        assert_eq!(WorkingCalendar::of_team(None), week);
    }

    #[test]
    fn a_jalali_team_works_saturday_to_wednesday_and_half_thursday() {
        let week = WorkingCalendar::of_team(Some(Calendar::Jalali));
        // 2026-11-28 is a Saturday: five full days, a half Thursday, Friday off.
        assert_eq!(
            week.halves_between(date(2026, 11, 28), date(2026, 12, 4)),
            11
        );
        assert_eq!(week.halves(date(2026, 12, 3)), 1);
        assert_eq!(week.halves(date(2026, 12, 4)), 0);
    }

    #[test]
    fn nowruz_and_the_fixed_solar_holidays_are_not_worked() {
        let week = WorkingCalendar::of_team(Some(Calendar::Jalali));
        let farvardin_1 = from_jalali(1406, 1, 1).expect("1 Farvardin 1406");
        let farvardin_14 = from_jalali(1406, 1, 14).expect("14 Farvardin 1406");
        for day in [1, 2, 3, 4, 12, 13] {
            assert!(week.is_holiday(from_jalali(1406, 1, day).expect("a Farvardin day")));
        }
        assert!(!week.is_holiday(farvardin_14));
        assert!(week.is_holiday(from_jalali(1405, 11, 22).expect("22 Bahman")));
        // Farvardin's first fortnight: six holidays and two Fridays are off.
        let worked = week.halves_between(farvardin_1, farvardin_14);
        assert!(worked < 14, "{worked}");
        assert!(!WorkingCalendar::of_team(Some(Calendar::Gregorian)).is_holiday(farvardin_1));
    }

    #[test]
    fn the_elapsed_share_counts_working_halves_and_today() {
        let week = WorkingCalendar::of_team(Some(Calendar::Gregorian));
        let december = Period {
            start: date(2026, 12, 1),
            end: date(2026, 12, 31),
        };
        // December 2026 has 23 weekdays; by Friday the 4th, four are done.
        assert_eq!(week.elapsed(december, date(2026, 12, 4)), (8, 46));
        // The weekend adds nothing.
        assert_eq!(week.elapsed(december, date(2026, 12, 6)), (8, 46));
        assert_eq!(week.elapsed(december, date(2026, 11, 20)), (0, 46));
        assert_eq!(week.elapsed(december, date(2027, 1, 9)), (46, 46));
        // A period of one Saturday has no working day: calendar days then.
        let saturday = Period {
            start: date(2026, 12, 5),
            end: date(2026, 12, 5),
        };
        assert_eq!(week.elapsed(saturday, date(2026, 12, 5)), (1, 1));
    }
}

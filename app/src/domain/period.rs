//! Goal periods and pace: which month, quarter or year a day belongs to in
//! the reader's calendar (Gregorian, or Jalali with the Iranian fiscal year
//! starting on 1 Farvardin), how much of a target should be done by now, and
//! where the current pace ends up. Pure, so every boundary is unit-tested.

use crate::domain::calendar::{from_jalali, jalali_parts};
use chrono::{Datelike, NaiveDate};

crate::domain::choice_enum!(
    /// Which calendar a team's periods follow. A team that has not chosen
    /// follows each reader's language: Jalali in Persian, Gregorian in
    /// English.
    Calendar {
        Gregorian => "gregorian",
        Jalali => "jalali",
    }
);

/// The calendar a person's periods are cut from: their team's choice, else
/// their language's.
pub fn calendar_for(team_choice: Option<Calendar>, locale: crate::domain::Locale) -> Calendar {
    team_choice.unwrap_or(match locale {
        crate::domain::Locale::Fa => Calendar::Jalali,
        crate::domain::Locale::En => Calendar::Gregorian,
    })
}

/// The month containing `day` in `calendar` (a one-day period only for a
/// day outside the calendar's range).
pub fn month_of(calendar: Calendar, day: NaiveDate) -> Period {
    period_containing(calendar, PeriodLength::Month, day).unwrap_or(Period {
        start: day,
        end: day,
    })
}

/// How long a goal period is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodLength {
    Month,
    Quarter,
    Year,
}

/// A goal period: first and last day, both included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Period {
    #[serde(with = "crate::domain::wire_time::day")]
    pub start: NaiveDate,
    #[serde(with = "crate::domain::wire_time::day")]
    pub end: NaiveDate,
}

impl Period {
    /// Days in the period, both ends counted.
    pub fn days(self) -> i64 {
        (self.end - self.start).num_days() + 1
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }
}

/// Months a period of this length spans.
fn months_in(length: PeriodLength) -> u32 {
    match length {
        PeriodLength::Month => 1,
        PeriodLength::Quarter => 3,
        PeriodLength::Year => 12,
    }
}

/// The first day of a (year, month) in the calendar, with month counted
/// from 1 and allowed to run past 12 (it carries into the next year).
fn month_start(calendar: Calendar, year: i32, month: u32) -> Option<NaiveDate> {
    let year = year + i32::try_from((month - 1) / 12).ok()?;
    let month = (month - 1) % 12 + 1;
    match calendar {
        Calendar::Gregorian => NaiveDate::from_ymd_opt(year, month, 1),
        Calendar::Jalali => from_jalali(year, u8::try_from(month).ok()?, 1),
    }
}

/// The period of `length` that contains `day`. Quarters and years start in
/// the calendar's first month (January, or Farvardin: the Iranian fiscal
/// year).
pub fn period_containing(
    calendar: Calendar,
    length: PeriodLength,
    day: NaiveDate,
) -> Option<Period> {
    let (year, month) = match calendar {
        Calendar::Gregorian => (day.year(), day.month()),
        Calendar::Jalali => {
            let (year, month, _) = jalali_parts(day)?;
            (year, u32::from(month))
        }
    };
    let span = months_in(length);
    let first_month = (month - 1) / span * span + 1;
    let start = month_start(calendar, year, first_month)?;
    let next = month_start(calendar, year, first_month + span)?;
    Some(Period {
        start,
        end: next.pred_opt()?,
    })
}

/// The period just before `period`, of the same length ("copy last
/// period's goals").
pub fn previous_period(calendar: Calendar, length: PeriodLength, period: Period) -> Option<Period> {
    period_containing(calendar, length, period.start.pred_opt()?)
}

/// The period before any period: the previous month, quarter or year when
/// `period` is exactly one (in either calendar), else the same number of
/// days just before it.
pub fn previous_of(period: Period) -> Option<Period> {
    for calendar in [Calendar::Jalali, Calendar::Gregorian] {
        for length in [
            PeriodLength::Month,
            PeriodLength::Quarter,
            PeriodLength::Year,
        ] {
            if period_containing(calendar, length, period.start) == Some(period) {
                return previous_period(calendar, length, period);
            }
        }
    }
    let end = period.start.pred_opt()?;
    let start = end.checked_sub_signed(chrono::Duration::days(period.days() - 1))?;
    Some(Period { start, end })
}

/// Ahead of, on, or behind the pace that reaches the target at period end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Pace {
    Ahead,
    OnPace,
    Behind,
}

// Read through `Choice` like every choice (`domain::deserialize_choice`).
impl crate::domain::Choice for Pace {
    const ALL: &'static [Self] = &[Self::Ahead, Self::OnPace, Self::Behind];
    fn as_str(self) -> &'static str {
        match self {
            Self::Ahead => "ahead",
            Self::OnPace => "on_pace",
            Self::Behind => "behind",
        }
    }
}

impl<'de> serde::Deserialize<'de> for Pace {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::domain::deserialize_choice(deserializer)
    }
}

/// Where a goal stands on `today`: what should be done by now for an even
/// pace, where the current pace ends the period, and the verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PaceReport {
    /// In the target's unit; 128 bits because a money total may pass
    /// `i64::MAX` (see `money::MoneySum`).
    pub expected_by_now: i128,
    pub projected: i128,
    pub pace: Pace,
}

/// Pace of `actual` against `target` over `period` on `today` (today counts
/// as elapsed). Before the period nothing is expected; after it the
/// projection is the actual. Integer arithmetic, rounded down.
pub fn pace(target: i64, actual: i128, period: Period, today: NaiveDate) -> PaceReport {
    let total = period.days().max(1);
    let elapsed = ((today - period.start).num_days() + 1).clamp(0, total);
    pace_over(target, actual, (elapsed, total))
}

/// Pace of `actual` against `target` when `elapsed` = (done, whole) of the
/// period has passed, in any unit (calendar days, or the working halves of
/// `working_days::WorkingCalendar::elapsed`).
pub fn pace_over(target: i64, actual: i128, (elapsed, total): (i64, i64)) -> PaceReport {
    let total = total.max(1);
    let elapsed = elapsed.clamp(0, total);
    let scale = |value: i128, numerator: i64, denominator: i64| -> i128 {
        value.saturating_mul(i128::from(numerator)) / i128::from(denominator.max(1))
    };
    let expected_by_now = scale(i128::from(target), elapsed, total);
    let projected = if elapsed == 0 {
        actual
    } else {
        scale(actual, total, elapsed)
    };
    let pace = match actual.cmp(&expected_by_now) {
        std::cmp::Ordering::Greater => Pace::Ahead,
        std::cmp::Ordering::Equal => Pace::OnPace,
        std::cmp::Ordering::Less => Pace::Behind,
    };
    PaceReport {
        expected_by_now,
        projected,
        pace,
    }
}

/// The percentages at which a rep is told how far they have come.
pub const THRESHOLDS: [i64; 3] = [50, 90, 100];

/// Thresholds crossed going from `before` to `after` percent of target
/// (each notice once, when it is first reached).
pub fn thresholds_crossed(before: i64, after: i64) -> Vec<i64> {
    THRESHOLDS
        .iter()
        .copied()
        .filter(|threshold| before < *threshold && *threshold <= after)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_team_without_a_calendar_follows_the_readers_language() {
        use crate::domain::Locale;
        assert_eq!(calendar_for(None, Locale::Fa), Calendar::Jalali);
        assert_eq!(calendar_for(None, Locale::En), Calendar::Gregorian);
        assert_eq!(
            calendar_for(Some(Calendar::Gregorian), Locale::Fa),
            Calendar::Gregorian
        );
        assert_eq!(
            calendar_for(Some(Calendar::Jalali), Locale::En),
            Calendar::Jalali
        );
        let day = NaiveDate::from_ymd_opt(2027, 3, 20).unwrap_or_default();
        // Esfand 1405 (not a leap year): 20 February to 20 March 2027.
        let esfand = month_of(Calendar::Jalali, day);
        assert_eq!(
            (esfand.start.to_string(), esfand.end.to_string()),
            ("2027-02-20".into(), "2027-03-20".into())
        );
    }

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
    }

    fn period(start: NaiveDate, end: NaiveDate) -> Option<Period> {
        Some(Period { start, end })
    }

    #[test]
    fn the_period_before_follows_the_calendar_it_is_cut_from() {
        // Aban 1405 (23 Oct - 21 Nov 2026) comes after Mehr (23 Sep - 22 Oct).
        let aban = Period {
            start: date(2026, 10, 23),
            end: date(2026, 11, 21),
        };
        assert_eq!(
            previous_of(aban),
            period(date(2026, 9, 23), date(2026, 10, 22))
        );
        // March 2026 comes after February (28 days).
        let march = Period {
            start: date(2026, 3, 1),
            end: date(2026, 3, 31),
        };
        assert_eq!(
            previous_of(march),
            period(date(2026, 2, 1), date(2026, 2, 28))
        );
        // Q1 2027 comes after Q4 2026.
        let quarter = Period {
            start: date(2027, 1, 1),
            end: date(2027, 3, 31),
        };
        assert_eq!(
            previous_of(quarter),
            period(date(2026, 10, 1), date(2026, 12, 31))
        );
        // Ten odd days: the ten days before.
        let odd = Period {
            start: date(2026, 11, 5),
            end: date(2026, 11, 14),
        };
        assert_eq!(
            previous_of(odd),
            period(date(2026, 10, 26), date(2026, 11, 4))
        );
    }

    #[test]
    fn gregorian_periods() {
        let day = date(2026, 11, 26);
        assert_eq!(
            period_containing(Calendar::Gregorian, PeriodLength::Month, day),
            period(date(2026, 11, 1), date(2026, 11, 30))
        );
        assert_eq!(
            period_containing(Calendar::Gregorian, PeriodLength::Quarter, day),
            period(date(2026, 10, 1), date(2026, 12, 31))
        );
        assert_eq!(
            period_containing(Calendar::Gregorian, PeriodLength::Year, day),
            period(date(2026, 1, 1), date(2026, 12, 31))
        );
        // February in a leap year.
        assert_eq!(
            period_containing(Calendar::Gregorian, PeriodLength::Month, date(2028, 2, 10)),
            period(date(2028, 2, 1), date(2028, 2, 29))
        );
    }

    #[test]
    fn jalali_months_quarters_and_the_fiscal_year() {
        // 26 Nov 2026 is 5 Azar 1405: Azar runs 22 Nov - 21 Dec.
        let day = date(2026, 11, 26);
        assert_eq!(
            period_containing(Calendar::Jalali, PeriodLength::Month, day),
            period(date(2026, 11, 22), date(2026, 12, 21))
        );
        // Autumn (Mehr-Azar) 1405: 23 Sep - 21 Dec 2026.
        assert_eq!(
            period_containing(Calendar::Jalali, PeriodLength::Quarter, day),
            period(date(2026, 9, 23), date(2026, 12, 21))
        );
        // The fiscal year 1405: 1 Farvardin (21 Mar 2026) - 29 Esfand (20 Mar 2027).
        assert_eq!(
            period_containing(Calendar::Jalali, PeriodLength::Year, day),
            period(date(2026, 3, 21), date(2027, 3, 20))
        );
    }

    #[test]
    fn esfand_has_thirty_days_in_a_leap_year() {
        // 1403 is a leap year: Esfand 1403 runs 19 Feb - 20 Mar 2025 (30 days).
        let leap = period_containing(Calendar::Jalali, PeriodLength::Month, date(2025, 3, 1));
        assert_eq!(leap, period(date(2025, 2, 19), date(2025, 3, 20)));
        assert_eq!(leap.map(Period::days), Some(30));
        // 1404 is not: Esfand 1404 has 29 days.
        let common = period_containing(Calendar::Jalali, PeriodLength::Month, date(2026, 3, 1));
        assert_eq!(common.map(Period::days), Some(29));
        // The next day is Nowruz, the first day of the next year and quarter.
        let after = period_containing(Calendar::Jalali, PeriodLength::Quarter, date(2025, 3, 21));
        assert_eq!(after.map(|period| period.start), Some(date(2025, 3, 21)));
    }

    #[test]
    fn every_day_belongs_to_exactly_one_period_and_periods_tile() {
        for calendar in [Calendar::Gregorian, Calendar::Jalali] {
            for length in [
                PeriodLength::Month,
                PeriodLength::Quarter,
                PeriodLength::Year,
            ] {
                let mut day = date(2024, 1, 1);
                let mut current = period_containing(calendar, length, day);
                while day < date(2028, 1, 1) {
                    let found = period_containing(calendar, length, day);
                    assert!(found.is_some_and(|period| period.contains(day)), "{day}");
                    if found != current {
                        // A new period starts the day after the last one ended.
                        assert_eq!(current.map(|period| period.end.succ_opt()), Some(Some(day)));
                        assert_eq!(found.map(|period| period.start), Some(day));
                        assert_eq!(
                            previous_period(
                                calendar,
                                length,
                                found.unwrap_or(Period {
                                    start: day,
                                    end: day
                                })
                            ),
                            current
                        );
                        current = found;
                    }
                    day = day.succ_opt().unwrap_or(day);
                }
            }
        }
    }

    #[test]
    fn pace_and_projection() {
        let november = Period {
            start: date(2026, 11, 1),
            end: date(2026, 11, 30),
        };
        // Day 15 of 30: half the target is expected.
        let report = pace(3_000, 1_200, november, date(2026, 11, 15));
        assert_eq!(report.expected_by_now, 1_500);
        assert_eq!(report.projected, 2_400);
        assert_eq!(report.pace, Pace::Behind);
        assert_eq!(
            pace(3_000, 1_500, november, date(2026, 11, 15)).pace,
            Pace::OnPace
        );
        assert_eq!(
            pace(3_000, 1_600, november, date(2026, 11, 15)).pace,
            Pace::Ahead
        );
        // Before the period: nothing expected, nothing projected beyond actual.
        let before = pace(3_000, 0, november, date(2026, 10, 20));
        assert_eq!((before.expected_by_now, before.projected), (0, 0));
        // After it: the whole target was expected; the projection is the actual.
        let after = pace(3_000, 2_000, november, date(2026, 12, 5));
        assert_eq!((after.expected_by_now, after.projected), (3_000, 2_000));
        // Huge money values do not overflow.
        let big = pace(
            i64::MAX / 2,
            i128::from(i64::MAX) * 4,
            november,
            date(2026, 11, 29),
        );
        assert!(big.projected > 0);
    }

    #[test]
    fn each_threshold_is_announced_once() {
        assert_eq!(thresholds_crossed(10, 55), vec![50]);
        assert_eq!(thresholds_crossed(49, 100), vec![50, 90, 100]);
        assert_eq!(thresholds_crossed(50, 89), Vec::<i64>::new());
        assert_eq!(thresholds_crossed(95, 120), vec![100]);
        assert_eq!(thresholds_crossed(120, 130), Vec::<i64>::new());
    }
}

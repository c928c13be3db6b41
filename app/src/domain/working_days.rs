//! Working days: pace and projection count the days a team works, not
//! calendar days, so a quota is not "behind pace" over a weekend or in the
//! middle of Nowruz. A team on the Jalali calendar works Saturday to
//! Wednesday and half of Thursday, and rests on the fixed solar holidays
//! (1-4 and 12-13 Farvardin, 14-15 Khordad, 22 Bahman, 29 Esfand); any
//! other team works Monday to Friday. Days are weighed in halves, so a
//! half day counts half. A team's manager keeps its own week and holiday
//! list (`TeamDays`: lunar holidays are added by hand; a Jalali team's list
//! starts with the fixed solar holidays of each year, which the manager may
//! remove). Pure, shared by the server and the device.

use super::calendar::{from_jalali, jalali_parts};
use super::period::{Calendar, Period};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Halves of a day worked on each weekday, Monday first (0, 1 or 2 each).
pub type WorkingWeek = [u8; 7];

/// The week a team works until its manager says otherwise.
pub fn default_week(calendar: Option<Calendar>) -> WorkingWeek {
    match calendar {
        // Monday .. Sunday: Thursday half, Friday off, Saturday to Wednesday full.
        Some(Calendar::Jalali) => [2, 2, 2, 1, 0, 2, 2],
        _ => [2, 2, 2, 2, 2, 0, 0],
    }
}

/// Whether a week can be kept: every day 0, 1 or 2 halves, and some work.
pub fn valid_week(week: &WorkingWeek) -> bool {
    week.iter().all(|halves| *halves <= 2) && week.iter().any(|halves| *halves > 0)
}

/// The stored spelling of a week: seven digits, Monday first ("2222200").
pub fn week_text(week: &WorkingWeek) -> String {
    week.iter()
        .map(|halves| char::from(b'0' + halves.min(&9)))
        .collect()
}

/// Reads a stored week back; `None` for anything but seven digits 0-2.
pub fn parse_week(text: &str) -> Option<WorkingWeek> {
    let digits: Vec<u8> = text.bytes().map(|byte| byte.wrapping_sub(b'0')).collect();
    let week: WorkingWeek = digits.try_into().ok()?;
    valid_week(&week).then_some(week)
}

/// The fixed solar holidays of one Jalali year, as Gregorian days.
pub fn fixed_jalali_holidays(jalali_year: i32) -> Vec<NaiveDate> {
    FIXED_JALALI_HOLIDAYS
        .iter()
        .filter_map(|(month, day)| from_jalali(jalali_year, *month, *day))
        .collect()
}

/// A day off the team does not work, with what it is for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Holiday {
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::store::columns::StoredDay"))]
    #[serde(with = "crate::domain::wire_time::day")]
    pub day: NaiveDate,
    pub name: String,
}

/// What the name of a fixed solar holiday is stored as; screens show it in
/// the reader's language.
pub const FIXED_HOLIDAY_NAME: &str = "fixed";

/// Longest name of a holiday ("Tasua", "Company day off").
pub const MAX_HOLIDAY_NAME: usize = 80;

/// Checks a holiday as typed on the team's days screen.
pub fn valid_holiday(
    day: &str,
    name: &str,
) -> Result<Holiday, crate::domain::validation::FieldErrors> {
    use crate::domain::validation::{FieldErrors, required_date, required_text};
    let mut errors = FieldErrors::default();
    let day = errors.check("day", required_date(day));
    let name = errors.check("name", required_text(name, MAX_HOLIDAY_NAME));
    errors.into_result(|| {
        Some(Holiday {
            day: day?,
            name: name?,
        })
    })
}

/// A team's kept working days as they travel to its devices: its week and
/// its holidays around today.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamDays {
    pub week: WorkingWeek,
    #[serde(with = "crate::domain::wire_time::days")]
    pub holidays: Vec<NaiveDate>,
}

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

/// Which days a team works, in halves of a day per weekday (Monday first),
/// and which days it rests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkingCalendar {
    halves_by_weekday: WorkingWeek,
    holidays: Holidays,
}

/// The days off on top of the week.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Holidays {
    None,
    /// The fixed solar holidays of every year (a Jalali team that has not
    /// kept a list of its own, e.g. a device with an old profile).
    FixedJalali,
    /// The team's own list, sorted.
    Kept(Vec<NaiveDate>),
}

impl WorkingCalendar {
    /// The working week of a team on `calendar` that keeps no list of its
    /// own (none: the Gregorian week).
    pub fn of_team(calendar: Option<Calendar>) -> WorkingCalendar {
        WorkingCalendar {
            halves_by_weekday: default_week(calendar),
            holidays: if calendar == Some(Calendar::Jalali) {
                Holidays::FixedJalali
            } else {
                Holidays::None
            },
        }
    }

    /// The week and holidays a team's manager keeps.
    pub fn kept(days: &TeamDays) -> WorkingCalendar {
        let mut holidays = days.holidays.clone();
        super::sorting::sort(&mut holidays);
        holidays.dedup();
        WorkingCalendar {
            halves_by_weekday: days.week,
            holidays: Holidays::Kept(holidays),
        }
    }

    /// The team's kept days when the device has them, else its calendar's.
    pub fn of_profile(calendar: Option<Calendar>, days: Option<&TeamDays>) -> WorkingCalendar {
        days.map_or_else(|| WorkingCalendar::of_team(calendar), WorkingCalendar::kept)
    }

    /// Every day worked in full: pace over calendar days.
    pub fn every_day() -> WorkingCalendar {
        WorkingCalendar {
            halves_by_weekday: [2; 7],
            holidays: Holidays::None,
        }
    }

    /// Whether `day` is a holiday this team rests on.
    pub fn is_holiday(&self, day: NaiveDate) -> bool {
        match &self.holidays {
            Holidays::None => false,
            Holidays::FixedJalali => jalali_parts(day)
                .is_some_and(|(_, month, day)| FIXED_JALALI_HOLIDAYS.contains(&(month, day))),
            Holidays::Kept(days) => days.binary_search(&day).is_ok(),
        }
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
    fn a_kept_list_adds_lunar_holidays_and_can_drop_a_fixed_one() {
        let mut holidays = fixed_jalali_holidays(1405);
        assert_eq!(holidays.len(), 10);
        assert_eq!(holidays[0], from_jalali(1405, 1, 1).expect("Nowruz"));
        // The manager works on 29 Esfand and adds Tasua and Ashura by hand.
        let esfand_29 = from_jalali(1405, 12, 29).expect("29 Esfand");
        holidays.retain(|day| *day != esfand_29);
        let (tasua, ashura) = (date(2026, 6, 25), date(2026, 6, 26));
        holidays.extend([ashura, tasua]);
        let week = WorkingCalendar::kept(&TeamDays {
            week: default_week(Some(Calendar::Jalali)),
            holidays,
        });
        assert!(week.is_holiday(tasua) && week.is_holiday(ashura));
        assert!(week.is_holiday(from_jalali(1405, 1, 13).expect("13 Farvardin")));
        assert!(!week.is_holiday(esfand_29));
        // Thursday 25 June is normally a half day; as Tasua it is off.
        assert_eq!(week.halves(tasua), 0);
        assert_eq!(
            WorkingCalendar::of_profile(Some(Calendar::Jalali), None),
            WorkingCalendar::of_team(Some(Calendar::Jalali))
        );
    }

    #[test]
    fn a_holiday_needs_a_day_and_a_name() {
        assert_eq!(
            valid_holiday("2026-06-25", " Tasua "),
            Ok(Holiday {
                day: date(2026, 6, 25),
                name: "Tasua".into()
            })
        );
        let problems = valid_holiday("25/06/2026", "").expect_err("two problems");
        assert!(problems.for_field("day").is_some() && problems.for_field("name").is_some());
        assert!(valid_holiday("2026-06-25", &"x".repeat(81)).is_err());
    }

    #[test]
    fn a_week_is_stored_as_seven_digits_and_must_have_some_work() {
        let week = default_week(Some(Calendar::Jalali));
        assert_eq!(week_text(&week), "2221022");
        assert_eq!(parse_week("2221022"), Some(week));
        assert_eq!(parse_week("0000000"), None);
        assert_eq!(parse_week("2223022"), None);
        assert_eq!(parse_week("22222"), None);
        assert_eq!(parse_week("22x2200"), None);
        // A team that also works Saturday mornings.
        let mut longer = default_week(None);
        longer[5] = 1;
        let kept = WorkingCalendar::kept(&TeamDays {
            week: longer,
            holidays: Vec::new(),
        });
        assert_eq!(
            kept.halves_between(date(2026, 11, 30), date(2026, 12, 6)),
            11
        );
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

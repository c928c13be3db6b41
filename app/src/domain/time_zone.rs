//! A team's days: a team has a time zone, and "today", "this month" and
//! every roll-up count the team's local days, not UTC days. A call at 01:00
//! Tehran time on 1 Farvardin is a Farvardin call although it is still 29
//! Esfand in UTC.
//!
//! A zone is kept here as the list of UTC offsets it has had (`UtcOffsets`),
//! found by asking a zone's rules for the offset at each day of a span and
//! narrowing each change to the minute. The rules come from outside: the
//! server asks the IANA database (`chrono-tz`), the device asks the browser
//! (`Intl`), so no time-zone database is bundled into the wasm. The server
//! stores the same list in `zone_offsets`, where the roll-up triggers read
//! it, so the device, the triggers and the reports agree on every day. Pure.

use super::period::{Calendar, Period};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The zone of a team that has not chosen one: Iran's for a Jalali team,
/// UTC otherwise.
pub fn default_zone(calendar: Option<Calendar>) -> &'static str {
    match calendar {
        Some(Calendar::Jalali) => "Asia/Tehran",
        _ => "UTC",
    }
}

/// The zones offered in the team form, most used first; any other IANA
/// name is accepted too when the server knows it.
pub const COMMON_ZONES: [&str; 16] = [
    "Asia/Tehran",
    "UTC",
    "Asia/Dubai",
    "Europe/Istanbul",
    "Asia/Kabul",
    "Asia/Baku",
    "Asia/Yerevan",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Moscow",
    "Asia/Karachi",
    "Asia/Kolkata",
    "Asia/Shanghai",
    "America/New_York",
    "America/Los_Angeles",
    "Australia/Sydney",
];

/// Checks the shape of a zone name ("Asia/Tehran"); whether the zone exists
/// is the server's question (its rules database).
pub fn plausible_zone_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '-' | '+'))
        && !name.starts_with('/')
        && !name.contains("..")
}

/// The UTC offsets a zone has had, each from the instant it began; before
/// the first change the first offset applies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UtcOffsets {
    /// (UTC seconds since 1970 from which it applies, offset in minutes),
    /// sorted by instant; never empty.
    changes: Vec<(i64, i32)>,
}

impl Default for UtcOffsets {
    fn default() -> Self {
        UtcOffsets::fixed(0)
    }
}

/// How far apart the rules are asked; no zone changes its offset twice
/// within a day.
const PROBE_STEP_SECONDS: i64 = 24 * 3600;

impl UtcOffsets {
    /// A zone that never changes (UTC is `fixed(0)`).
    pub fn fixed(minutes: i32) -> UtcOffsets {
        UtcOffsets {
            changes: vec![(i64::MIN, minutes)],
        }
    }

    /// Reads back a stored list; `None` when it is empty.
    pub fn from_changes(mut changes: Vec<(i64, i32)>) -> Option<UtcOffsets> {
        super::sorting::sort_by_key(&mut changes, |(from, _)| *from);
        changes.dedup_by(|later, earlier| later.1 == earlier.1);
        let first = changes.first_mut()?;
        first.0 = i64::MIN;
        Some(UtcOffsets { changes })
    }

    /// Learns a zone from its rules (`offset_at`: UTC seconds to offset
    /// minutes) between two instants: asked once a day, each change narrowed
    /// by halving to the second. Outside the span the nearest known offset
    /// applies.
    pub fn learn(
        from: DateTime<Utc>,
        until: DateTime<Utc>,
        mut offset_at: impl FnMut(i64) -> i32,
    ) -> UtcOffsets {
        let (start, end) = (from.timestamp(), until.timestamp());
        let mut previous = offset_at(start);
        let mut changes = vec![(i64::MIN, previous)];
        let mut at = start;
        while at < end {
            let next = (at + PROBE_STEP_SECONDS).min(end);
            let offset = offset_at(next);
            if offset != previous {
                // The change lies in (at, next]: halve to the second.
                let (mut before, mut after) = (at, next);
                while after - before > 1 {
                    let middle = before + (after - before) / 2;
                    if offset_at(middle) == previous {
                        before = middle;
                    } else {
                        after = middle;
                    }
                }
                changes.push((after, offset));
                previous = offset;
            }
            at = next;
        }
        UtcOffsets { changes }
    }

    /// The stored form: (UTC seconds, minutes), the first from the far past.
    pub fn changes(&self) -> &[(i64, i32)] {
        &self.changes
    }

    /// The offset in minutes at an instant.
    pub fn offset_minutes_at(&self, instant: DateTime<Utc>) -> i32 {
        let seconds = instant.timestamp();
        let index = self.changes.partition_point(|(from, _)| *from <= seconds);
        self.changes[index.saturating_sub(1)].1
    }

    /// The team's local day of an instant.
    pub fn local_day(&self, instant: DateTime<Utc>) -> NaiveDate {
        (instant + Duration::minutes(i64::from(self.offset_minutes_at(instant)))).date_naive()
    }

    /// The first instant of a local day (its midnight, or the moment a
    /// clock change skipped to).
    pub fn start_of_day(&self, day: NaiveDate) -> DateTime<Utc> {
        let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
        // Offsets lie within ±14 h, so the day starts in this window; local
        // days only move forward, so halve it to the second.
        let window = 15 * 3600;
        let (mut low, mut high) = (midnight.timestamp() - window, midnight.timestamp() + window);
        let day_of =
            |seconds: i64| DateTime::from_timestamp(seconds, 0).map(|at| self.local_day(at));
        while high - low > 1 {
            let middle = low + (high - low) / 2;
            if day_of(middle).is_some_and(|found| found >= day) {
                high = middle;
            } else {
                low = middle;
            }
        }
        DateTime::from_timestamp(high, 0).unwrap_or(midnight)
    }

    /// The instants a period of local days covers: from the start of its
    /// first day up to (not including) the start of the day after its last.
    pub fn span(&self, period: Period) -> (DateTime<Utc>, DateTime<Utc>) {
        (
            self.start_of_day(period.start),
            self.start_of_day(period.end + Duration::days(1)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::from_jalali;
    use chrono::TimeZone;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .expect("a valid date")
            .with_timezone(&Utc)
    }

    /// Tehran's rules as they were in 1401: +03:30, and +04:30 from 1
    /// Farvardin (22 March 2022, 00:00 local) to 30 Shahrivar (22
    /// September 2022, 00:00 local), then no more clock changes.
    fn tehran_rules(seconds: i64) -> i32 {
        let summer_start = at("2022-03-21T20:30:00Z").timestamp();
        let summer_end = at("2022-09-21T19:30:00Z").timestamp();
        if (summer_start..summer_end).contains(&seconds) {
            270
        } else {
            210
        }
    }

    #[test]
    fn a_call_at_one_in_the_morning_tehran_time_on_1_farvardin_is_a_farvardin_call() {
        let tehran = UtcOffsets::fixed(210);
        let first_of_farvardin = from_jalali(1405, 1, 1).expect("a valid date");
        // 01:00 in Tehran is 21:30 UTC of the day before.
        let call = first_of_farvardin
            .pred_opt()
            .expect("a valid date")
            .and_hms_opt(21, 30, 0)
            .expect("a valid date")
            .and_utc();
        assert_eq!(
            call.date_naive(),
            first_of_farvardin.pred_opt().expect("a valid date")
        );
        assert_eq!(tehran.local_day(call), first_of_farvardin);
        // And the month of Farvardin starts at 20:30 UTC the evening before.
        assert_eq!(
            tehran.start_of_day(first_of_farvardin),
            first_of_farvardin
                .pred_opt()
                .expect("a valid date")
                .and_hms_opt(20, 30, 0)
                .expect("a valid date")
                .and_utc()
        );
    }

    #[test]
    fn learning_finds_each_clock_change_to_the_second() {
        let zone = UtcOffsets::learn(
            at("2021-01-01T00:00:00Z"),
            at("2024-01-01T00:00:00Z"),
            tehran_rules,
        );
        assert_eq!(
            zone.changes(),
            &[
                (i64::MIN, 210),
                (at("2022-03-21T20:30:00Z").timestamp(), 270),
                (at("2022-09-21T19:30:00Z").timestamp(), 210),
            ]
        );
        assert_eq!(zone.offset_minutes_at(at("2022-06-01T12:00:00Z")), 270);
        assert_eq!(zone.offset_minutes_at(at("2030-06-01T12:00:00Z")), 210);
        assert_eq!(zone.offset_minutes_at(at("1990-06-01T12:00:00Z")), 210);
    }

    #[test]
    fn a_day_that_loses_an_hour_still_starts_at_its_midnight() {
        let zone = UtcOffsets::learn(
            at("2022-01-01T00:00:00Z"),
            at("2023-01-01T00:00:00Z"),
            tehran_rules,
        );
        let nowruz = NaiveDate::from_ymd_opt(2022, 3, 21).expect("a valid date");
        // 1 Farvardin 1401 began at 00:00 +03:30; the clocks jumped at its end.
        assert_eq!(zone.start_of_day(nowruz), at("2022-03-20T20:30:00Z"));
        let next = nowruz.succ_opt().expect("a valid date");
        // Midnight of 2 Farvardin became 01:00 +04:30: the same instant.
        assert_eq!(zone.start_of_day(next), at("2022-03-21T20:30:00Z"));
        assert_eq!(zone.local_day(at("2022-03-21T20:29:59Z")), nowruz);
        assert_eq!(zone.local_day(at("2022-03-21T20:30:00Z")), next);
    }

    #[test]
    fn a_period_spans_the_instants_of_its_local_days() {
        let tehran = UtcOffsets::fixed(210);
        let period = crate::domain::period::month_of(
            Calendar::Jalali,
            from_jalali(1405, 1, 10).expect("a valid date"),
        );
        let (from, until) = tehran.span(period);
        assert_eq!(
            tehran.local_day(from),
            from_jalali(1405, 1, 1).expect("a valid date")
        );
        assert_eq!(
            tehran.local_day(until),
            from_jalali(1405, 2, 1).expect("a valid date")
        );
        assert_eq!(
            tehran.local_day(until - Duration::seconds(1)),
            from_jalali(1405, 1, 31).expect("a valid date")
        );
        let utc = UtcOffsets::default();
        assert_eq!(
            utc.span(period).0,
            period
                .start
                .and_hms_opt(0, 0, 0)
                .expect("a valid date")
                .and_utc()
        );
    }

    #[test]
    fn zones_west_of_greenwich_count_their_evening_as_the_same_day() {
        let new_york = UtcOffsets::fixed(-300);
        let evening = Utc
            .with_ymd_and_hms(2026, 12, 2, 2, 0, 0)
            .single()
            .expect("a valid date");
        assert_eq!(
            new_york.local_day(evening),
            NaiveDate::from_ymd_opt(2026, 12, 1).expect("a valid date")
        );
    }

    #[test]
    fn a_stored_list_reads_back_and_an_empty_one_does_not() {
        let zone =
            UtcOffsets::from_changes(vec![(100, 270), (0, 210), (50, 210)]).expect("a valid date");
        assert_eq!(zone.changes(), &[(i64::MIN, 210), (100, 270)]);
        assert_eq!(UtcOffsets::from_changes(Vec::new()), None);
    }

    #[test]
    fn zone_names_are_checked_for_shape_and_teams_default_by_calendar() {
        assert!(plausible_zone_name("Asia/Tehran"));
        assert!(plausible_zone_name("America/Argentina/Buenos_Aires"));
        assert!(plausible_zone_name("Etc/GMT+3"));
        assert!(!plausible_zone_name(""));
        assert!(!plausible_zone_name("../../etc/passwd"));
        assert!(!plausible_zone_name("Asia/Tehran; DROP"));
        assert_eq!(default_zone(Some(Calendar::Jalali)), "Asia/Tehran");
        assert_eq!(default_zone(None), "UTC");
        assert!(COMMON_ZONES.iter().all(|zone| plausible_zone_name(zone)));
    }
}

//! When a rep can take leads: the days they are away (leave, training,
//! sickness) and how many open leads they can carry. A manager keeps both
//! for the reps of their team (an admin for anyone's); lead distribution
//! reads them, skipping a rep who is away on the team's today and filling
//! reps in proportion to their capacity. Pure, so the rules are unit-tested.

use super::validation::{
    FieldErrors, FieldProblem, optional_text, period_is_ordered, required_date, whole_number,
};
use super::{AbsenceId, UserId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The capacity of a rep whose manager has not set one: reps with no
/// capacity count as equals, and a rep set to 200 takes twice their share.
pub const USUAL_CAPACITY: u32 = 100;
/// The most open leads a capacity may name.
pub const MAX_CAPACITY: u32 = 10_000;
/// The longest absence in one entry (a longer leave is several entries,
/// or the rep is deactivated).
pub const MAX_ABSENCE_DAYS: i64 = 366;
/// The longest reason kept with an absence.
pub const MAX_REASON_CHARS: usize = 200;

/// Days a rep is away, both ends included, in the team's calendar days.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Absence {
    pub id: AbsenceId,
    pub user_id: UserId,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::store::columns::StoredDay"))]
    #[serde(with = "crate::domain::wire_time::day")]
    pub starts_on: NaiveDate,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::store::columns::StoredDay"))]
    #[serde(with = "crate::domain::wire_time::day")]
    pub ends_on: NaiveDate,
    pub reason: String,
}

impl Absence {
    /// Whether the rep is away on `day`.
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.starts_on <= day && day <= self.ends_on
    }
}

/// An absence as typed into the manager's form (dates as `YYYY-MM-DD`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AbsenceDraft {
    pub id: AbsenceId,
    pub user_id: UserId,
    pub starts_on: String,
    pub ends_on: String,
    pub reason: String,
}

impl AbsenceDraft {
    /// The absence, or a problem per field: both dates required, the end
    /// not before the start, at most a year, a short reason.
    pub fn validate(&self) -> Result<Absence, FieldErrors> {
        let mut errors = FieldErrors::default();
        let starts_on = errors.check("starts_on", required_date(&self.starts_on));
        let ends_on = errors.check("ends_on", required_date(&self.ends_on));
        let reason = errors.check("reason", optional_text(&self.reason, MAX_REASON_CHARS));
        if let (Some(start), Some(end)) = (starts_on, ends_on) {
            if let Err(problem) = period_is_ordered(start, end) {
                errors.add("ends_on", problem);
            } else if (end - start).num_days() >= MAX_ABSENCE_DAYS {
                errors.add("ends_on", FieldProblem::TooLarge);
            }
        }
        errors.into_result(|| {
            Some(Absence {
                id: self.id,
                user_id: self.user_id,
                starts_on: starts_on?,
                ends_on: ends_on?,
                reason: reason?,
            })
        })
    }
}

/// A capacity as typed: empty means the usual one; otherwise a whole
/// number from 1 to `MAX_CAPACITY` (Persian digits accepted).
pub fn parse_capacity(text: &str) -> Result<Option<u32>, FieldProblem> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let number = whole_number(text, i64::from(MAX_CAPACITY))?;
    if number < 1 {
        return Err(FieldProblem::TooSmall { min: 1 });
    }
    u32::try_from(number)
        .map(Some)
        .map_err(|_| FieldProblem::TooLarge)
}

/// The last day of the absence that covers `day`, following on through
/// absences that touch or overlap it: when the rep is back is the day after.
pub fn away_until(absences: &[Absence], day: NaiveDate) -> Option<NaiveDate> {
    let mut until = absences
        .iter()
        .filter(|absence| absence.covers(day))
        .map(|absence| absence.ends_on)
        .max()?;
    // Chained absences (leave, then training) keep the rep away.
    loop {
        let next = absences
            .iter()
            .filter(|absence| absence.starts_on <= until.succ_opt().unwrap_or(until))
            .map(|absence| absence.ends_on)
            .filter(|end| *end > until)
            .max();
        match next {
            Some(later) => until = later,
            None => return Some(until),
        }
    }
}

/// A rep as their manager sees them on the team's people screen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamRep {
    pub user_id: UserId,
    pub display_name: String,
    pub email: String,
    /// Signs in and receives leads; a deactivated rep's work stays.
    pub active: bool,
    pub open_leads: u64,
    /// `None`: the usual capacity.
    pub capacity: Option<u32>,
    /// Absences that have not ended before the team's today, soonest first.
    pub absences: Vec<Absence>,
}

impl TeamRep {
    /// The last day of the absence that keeps them away today.
    pub fn away_until(&self, today: NaiveDate) -> Option<NaiveDate> {
        away_until(&self.absences, today)
    }

    /// The next absence that has not started yet.
    pub fn next_absence(&self, today: NaiveDate) -> Option<&Absence> {
        self.absences
            .iter()
            .filter(|absence| absence.starts_on > today)
            .min_by_key(|absence| absence.starts_on)
    }
}

/// The reps of one team, for the manager's people screen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamRepsView {
    pub team_id: Option<super::TeamId>,
    pub team_name: String,
    /// The team's today (its time zone), which "away" is judged on.
    #[serde(with = "crate::domain::wire_time::day")]
    pub today: NaiveDate,
    pub reps: Vec<TeamRep>,
    /// The teams an admin may switch to (empty for a manager).
    pub teams: Vec<super::team_dashboard::TeamChoice>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("a test date")
    }

    fn absence(start: &str, end: &str) -> Absence {
        Absence {
            id: AbsenceId::new(),
            user_id: UserId::new(),
            starts_on: day(start),
            ends_on: day(end),
            reason: String::new(),
        }
    }

    fn draft(start: &str, end: &str, reason: &str) -> AbsenceDraft {
        AbsenceDraft {
            starts_on: start.into(),
            ends_on: end.into(),
            reason: reason.into(),
            ..AbsenceDraft::default()
        }
    }

    #[test]
    fn an_absence_needs_ordered_dates_within_a_year_and_a_short_reason() {
        let fine = draft("2026-12-01", "2026-12-05", "  Leave ")
            .validate()
            .expect("valid");
        assert_eq!(fine.starts_on, day("2026-12-01"));
        assert_eq!(fine.reason, "Leave");
        let one_day = draft("۲۰۲۶-۱۲-۰۱", "2026-12-01", "")
            .validate()
            .expect("Persian digits");
        assert_eq!(one_day.ends_on, day("2026-12-01"));

        let errors = draft("", "2026-13-01", "")
            .validate()
            .expect_err("bad dates");
        assert_eq!(errors.for_field("starts_on"), Some(&FieldProblem::Required));
        assert_eq!(
            errors.for_field("ends_on"),
            Some(&FieldProblem::InvalidDate)
        );

        let backwards = draft("2026-12-05", "2026-12-01", "")
            .validate()
            .expect_err("backwards");
        assert_eq!(
            backwards.for_field("ends_on"),
            Some(&FieldProblem::EndBeforeStart)
        );

        let a_leap_year = draft("2026-01-01", "2027-01-01", "").validate();
        assert!(a_leap_year.is_ok(), "366 days fit");
        let too_long = draft("2026-01-01", "2027-01-02", "")
            .validate()
            .expect_err("367 days");
        assert_eq!(too_long.for_field("ends_on"), Some(&FieldProblem::TooLarge));

        let chatty = draft("2026-12-01", "2026-12-01", &"x".repeat(201))
            .validate()
            .expect_err("long");
        assert_eq!(
            chatty.for_field("reason"),
            Some(&FieldProblem::TooLong { max: 200 })
        );
    }

    #[test]
    fn capacity_is_empty_or_one_to_ten_thousand() {
        assert_eq!(parse_capacity(""), Ok(None));
        assert_eq!(parse_capacity(" 40 "), Ok(Some(40)));
        assert_eq!(parse_capacity("۲۰۰"), Ok(Some(200)));
        assert_eq!(parse_capacity("10000"), Ok(Some(10_000)));
        assert_eq!(parse_capacity("0"), Err(FieldProblem::TooSmall { min: 1 }));
        assert_eq!(parse_capacity("-3"), Err(FieldProblem::Negative));
        assert_eq!(parse_capacity("10001"), Err(FieldProblem::TooLarge));
        assert_eq!(parse_capacity("many"), Err(FieldProblem::NotANumber));
    }

    #[test]
    fn away_covers_both_ends_and_follows_chained_absences() {
        let leave = absence("2026-12-01", "2026-12-05");
        let training = absence("2026-12-06", "2026-12-08");
        let later = absence("2026-12-20", "2026-12-21");
        let all = [later.clone(), training, leave];
        assert_eq!(away_until(&all, day("2026-11-30")), None);
        assert_eq!(away_until(&all, day("2026-12-01")), Some(day("2026-12-08")));
        assert_eq!(away_until(&all, day("2026-12-05")), Some(day("2026-12-08")));
        assert_eq!(away_until(&all, day("2026-12-08")), Some(day("2026-12-08")));
        assert_eq!(away_until(&all, day("2026-12-09")), None);
        assert_eq!(away_until(&all, day("2026-12-21")), Some(day("2026-12-21")));

        let rep = TeamRep {
            user_id: UserId::new(),
            display_name: "Sara".into(),
            email: "sara@example.com".into(),
            active: true,
            open_leads: 3,
            capacity: None,
            absences: all.to_vec(),
        };
        assert_eq!(rep.next_absence(day("2026-12-09")), Some(&later));
        assert_eq!(rep.next_absence(day("2026-12-21")), None);
    }
}

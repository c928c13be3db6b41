//! Headcount: how many reps a team plans to have in a period, against how
//! many it has now. Pure: the plan a manager types, and the gap.

use super::validation::{
    FieldErrors, FieldProblem, MAX_NOTES, optional_text, required_date, whole_number,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The most reps one plan may name.
pub const MAX_PLANNED: i64 = 10_000;

/// A period's planned headcount.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct HeadcountPlan {
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::store::columns::StoredUuid"))]
    pub id: uuid::Uuid,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::store::columns::StoredDay"))]
    #[serde(with = "crate::domain::wire_time::day")]
    pub period_start: NaiveDate,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::store::columns::StoredDay"))]
    #[serde(with = "crate::domain::wire_time::day")]
    pub period_end: NaiveDate,
    pub planned: i64,
    pub note: String,
}

/// What the manager types.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeadcountDraft {
    pub period_start: String,
    pub period_end: String,
    pub planned: String,
    pub note: String,
}

impl HeadcountDraft {
    /// Checks every field; a new plan gets a fresh id.
    pub fn validate(&self) -> Result<HeadcountPlan, FieldErrors> {
        let mut errors = FieldErrors::default();
        let start = errors.check("period_start", required_date(&self.period_start));
        let end = errors.check("period_end", required_date(&self.period_end));
        let planned = errors.check("planned", whole_number(&self.planned, MAX_PLANNED));
        let note = errors.check("note", optional_text(&self.note, MAX_NOTES));
        if let (Some(start), Some(end)) = (start, end)
            && end < start
        {
            errors.add("period_end", FieldProblem::EndBeforeStart);
        }
        errors.into_result(|| {
            Some(HeadcountPlan {
                id: uuid::Uuid::now_v7(),
                period_start: start?,
                period_end: end?,
                planned: planned?,
                note: note?,
            })
        })
    }
}

/// Reps still to hire (positive) or over the plan (negative).
pub fn gap(planned: i64, actual: u64) -> i64 {
    planned.saturating_sub(i64::try_from(actual).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_needs_its_period_and_a_count_and_says_the_gap() {
        let draft = HeadcountDraft {
            period_start: "2027-01-01".into(),
            period_end: "2027-03-31".into(),
            planned: "۸".into(),
            note: "Two for the north".into(),
        };
        let plan = draft.validate().expect("valid");
        assert_eq!(plan.planned, 8);
        assert_eq!((gap(8, 5), gap(3, 5)), (3, -2));
        let bad = HeadcountDraft {
            period_start: "2027-03-31".into(),
            period_end: "2027-01-01".into(),
            planned: "-1".into(),
            note: String::new(),
        };
        let problems = bad.validate().expect_err("refused");
        assert_eq!(
            problems.for_field("period_end"),
            Some(&FieldProblem::EndBeforeStart)
        );
        assert_eq!(problems.for_field("planned"), Some(&FieldProblem::Negative));
    }
}

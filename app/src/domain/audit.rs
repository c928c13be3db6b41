//! The audit history: who changed which field of a record, a goal, a pay
//! plan, a person or a team, when, from what to what. The rows are written
//! by database triggers (migration 0027); this module is what a reader asks
//! for and gets back. Pure.

use super::choice_enum;
use super::validation::{FieldErrors, FieldProblem};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

choice_enum!(
    /// The kinds of item whose changes are kept.
    AuditSubject {
        Record => "record",
        Goal => "goal",
        Plan => "plan",
        Person => "person",
        Team => "team",
    }
);

/// One changed field (or one item made: `field == "created"`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AuditEntry {
    pub id: i64,
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    #[serde(with = "crate::domain::wire_time::instant")]
    pub at: DateTime<Utc>,
    /// `None`: Pishro itself (demo data, a sign-up through an invitation).
    pub actor_name: Option<String>,
    #[cfg_attr(feature = "ssr", sqlx(rename = "subject_kind"))]
    pub subject: AuditSubject,
    pub subject_id: String,
    pub subject_name: String,
    pub field: String,
    /// Ids of people and teams come back as their names.
    #[cfg_attr(feature = "ssr", sqlx(rename = "old_value"))]
    pub before: Option<String>,
    #[cfg_attr(feature = "ssr", sqlx(rename = "new_value"))]
    pub after: Option<String>,
}

/// What a reader narrows the history to.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditQuery {
    pub subject: Option<AuditSubject>,
    /// Days, inclusive, in UTC.
    #[serde(default, with = "crate::domain::wire_time::optional_day")]
    pub from: Option<NaiveDate>,
    #[serde(default, with = "crate::domain::wire_time::optional_day")]
    pub to: Option<NaiveDate>,
}

/// The most entries one page of the history shows (newest first).
pub const AUDIT_PAGE: usize = 200;

impl AuditQuery {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        if let (Some(from), Some(to)) = (self.from, self.to)
            && to < from
        {
            errors.add("to", FieldProblem::EndBeforeStart);
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backwards_range_is_refused_on_its_end() {
        let day = |text: &str| text.parse::<NaiveDate>().ok();
        let backwards = AuditQuery {
            subject: None,
            from: day("2026-12-02"),
            to: day("2026-12-01"),
        };
        let problems = backwards.validate().expect_err("refused");
        assert_eq!(
            problems.for_field("to"),
            Some(&FieldProblem::EndBeforeStart)
        );
        let open = AuditQuery {
            from: day("2026-12-01"),
            ..AuditQuery::default()
        };
        assert!(open.validate().is_ok());
    }
}

//! Activities: calls, meetings, e-mails, tasks and notes a rep logs, usually
//! against a lead. Tasks have a due time and are done later; the rest happened
//! at a time.

use super::choice_enum;
use super::ids::{ActivityId, LeadId, UserId};
use super::validation::{
    FieldErrors, MAX_NOTES, choice, optional_text, required_instant, whole_number,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

choice_enum!(
    /// What kind of work this was.
    ActivityKind {
        Call => "call",
        Meeting => "meeting",
        Email => "email",
        Task => "task",
        Note => "note",
    }
);

choice_enum!(
    /// The tactic or channel used; reports compare which ones convert.
    Tactic {
        ColdCall => "cold_call",
        WarmCall => "warm_call",
        PersonalisedEmail => "personalised_email",
        Referral => "referral",
        Event => "event",
        Visit => "visit",
        Social => "social",
        Other => "other",
    }
);

choice_enum!(
    /// How it went.
    Outcome {
        Reached => "reached",
        NoAnswer => "no_answer",
        Interested => "interested",
        NotInterested => "not_interested",
        MeetingBooked => "meeting_booked",
        Completed => "completed",
    }
);

/// An activity as stored and shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Activity {
    pub id: ActivityId,
    pub lead_id: Option<LeadId>,
    pub lead_name: Option<String>,
    pub owner_id: UserId,
    pub owner_name: String,
    pub kind: ActivityKind,
    pub tactic: Tactic,
    pub outcome: Option<Outcome>,
    /// When it happened (everything but tasks).
    #[cfg_attr(
        feature = "ssr",
        sqlx(try_from = "crate::store::columns::OptionalInstant")
    )]
    #[serde(default, with = "crate::domain::wire_time::optional_instant")]
    pub occurred_at: Option<DateTime<Utc>>,
    /// When it is due (tasks).
    #[cfg_attr(
        feature = "ssr",
        sqlx(try_from = "crate::store::columns::OptionalInstant")
    )]
    #[serde(default, with = "crate::domain::wire_time::optional_instant")]
    pub due_at: Option<DateTime<Utc>>,
    #[cfg_attr(
        feature = "ssr",
        sqlx(try_from = "crate::store::columns::OptionalInstant")
    )]
    #[serde(default, with = "crate::domain::wire_time::optional_instant")]
    pub done_at: Option<DateTime<Utc>>,
    pub duration_minutes: Option<i64>,
    pub notes: String,
    #[cfg_attr(
        feature = "ssr",
        sqlx(try_from = "crate::store::columns::StoredInstant")
    )]
    #[serde(with = "crate::domain::wire_time::instant")]
    pub created_at: DateTime<Utc>,
    #[cfg_attr(
        feature = "ssr",
        sqlx(try_from = "crate::store::columns::StoredInstant")
    )]
    #[serde(with = "crate::domain::wire_time::instant")]
    pub updated_at: DateTime<Utc>,
    pub version: i64,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::store::columns::StoredFlag"))]
    pub deleted: bool,
}

impl Activity {
    /// The time the list sorts and shows by: when it happened, or is due.
    pub fn when(&self) -> Option<DateTime<Utc>> {
        self.occurred_at.or(self.due_at)
    }
}

/// An activity as typed into the form. `when` is RFC 3339: the browser turns
/// the local time the rep picked into an instant.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityDraft {
    pub id: ActivityId,
    pub lead_id: Option<LeadId>,
    pub kind: String,
    pub tactic: String,
    /// Empty when there is no outcome yet (a task not done, a note).
    pub outcome: String,
    pub notes: String,
    pub when: String,
    /// Minutes, optional.
    pub duration_minutes: String,
    /// For tasks: whether it is done.
    pub done: bool,
}

/// A checked activity draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidActivity {
    pub id: ActivityId,
    pub lead_id: Option<LeadId>,
    pub kind: ActivityKind,
    pub tactic: Tactic,
    pub outcome: Option<Outcome>,
    pub notes: String,
    pub occurred_at: Option<DateTime<Utc>>,
    pub due_at: Option<DateTime<Utc>>,
    pub done: bool,
    pub duration_minutes: Option<i64>,
}

/// Longest duration accepted: a full day, in minutes.
pub const MAX_DURATION_MINUTES: i64 = 24 * 60;

impl ActivityDraft {
    pub fn validate(&self) -> Result<ValidActivity, FieldErrors> {
        let mut errors = FieldErrors::default();
        let kind = errors.check("kind", choice::<ActivityKind>(&self.kind));
        let tactic = errors.check("tactic", choice::<Tactic>(&self.tactic));
        let outcome = if self.outcome.trim().is_empty() {
            Some(None)
        } else {
            errors.check("outcome", choice::<Outcome>(&self.outcome).map(Some))
        };
        let notes = errors.check("notes", optional_text(&self.notes, MAX_NOTES));
        let when = errors.check("when", required_instant(&self.when));
        let duration_minutes = if self.duration_minutes.trim().is_empty() {
            Some(None)
        } else {
            errors.check(
                "duration_minutes",
                whole_number(&self.duration_minutes, MAX_DURATION_MINUTES).map(Some),
            )
        };
        errors.into_result(|| {
            let kind = kind?;
            let when = when?;
            let is_task = kind == ActivityKind::Task;
            Some(ValidActivity {
                id: self.id,
                lead_id: self.lead_id,
                kind,
                tactic: tactic?,
                outcome: outcome?,
                notes: notes?,
                occurred_at: (!is_task).then_some(when),
                due_at: is_task.then_some(when),
                done: is_task && self.done,
                duration_minutes: duration_minutes?,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Choice;
    use crate::domain::FieldProblem;

    fn good_draft() -> ActivityDraft {
        ActivityDraft {
            kind: "call".into(),
            tactic: "cold_call".into(),
            outcome: "reached".into(),
            notes: "Wants a quote by Sunday".into(),
            when: "2026-11-20T09:30:00Z".into(),
            duration_minutes: "۱۵".into(),
            ..ActivityDraft::default()
        }
    }

    #[test]
    fn a_call_happened_at_its_time() {
        let activity = good_draft().validate().expect("valid");
        assert!(activity.occurred_at.is_some() && activity.due_at.is_none());
        assert_eq!(activity.duration_minutes, Some(15));
        assert!(!activity.done);
    }

    #[test]
    fn a_task_is_due_at_its_time() {
        let task = ActivityDraft {
            kind: "task".into(),
            outcome: "".into(),
            done: true,
            ..good_draft()
        };
        let task = task.validate().expect("valid");
        assert!(task.due_at.is_some() && task.occurred_at.is_none() && task.done);
        assert_eq!(task.outcome, None);
    }

    #[test]
    fn bad_fields_are_reported() {
        let draft = ActivityDraft {
            kind: "fax".into(),
            tactic: "".into(),
            outcome: "maybe".into(),
            notes: "x".repeat(MAX_NOTES + 1),
            when: "".into(),
            duration_minutes: "2000".into(),
            ..ActivityDraft::default()
        };
        let errors = draft.validate().expect_err("invalid");
        assert_eq!(errors.for_field("kind"), Some(&FieldProblem::UnknownChoice));
        assert_eq!(
            errors.for_field("tactic"),
            Some(&FieldProblem::UnknownChoice)
        );
        assert_eq!(
            errors.for_field("outcome"),
            Some(&FieldProblem::UnknownChoice)
        );
        assert_eq!(
            errors.for_field("notes"),
            Some(&FieldProblem::TooLong { max: MAX_NOTES })
        );
        assert_eq!(errors.for_field("when"), Some(&FieldProblem::Required));
        assert_eq!(
            errors.for_field("duration_minutes"),
            Some(&FieldProblem::TooLarge)
        );
        assert_eq!(errors.0.len(), 6);
    }

    #[test]
    fn every_choice_list_round_trips() {
        for kind in ActivityKind::ALL {
            assert_eq!(ActivityKind::parse(kind.as_str()), Some(*kind));
        }
        for tactic in Tactic::ALL {
            assert_eq!(Tactic::parse(tactic.as_str()), Some(*tactic));
        }
        for outcome in Outcome::ALL {
            assert_eq!(Outcome::parse(outcome.as_str()), Some(*outcome));
        }
    }
}

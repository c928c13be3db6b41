//! Goals and quotas: a target on one metric for a rep or a whole team over a
//! period. Managers set them; reps read their own and their team's.

use super::choice_enum;
use super::ids::{GoalId, TeamId, UserId};
use super::money::{Currency, parse_amount, parse_currency};
use super::validation::{FieldErrors, FieldProblem, choice, required_period, whole_number};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

choice_enum!(
    /// Whose numbers a goal counts.
    GoalScope {
        Rep => "rep",
        Team => "team",
    }
);

choice_enum!(
    /// What a goal measures.
    GoalMetric {
        RevenueWon => "revenue_won",
        DealsWon => "deals_won",
        NewCustomers => "new_customers",
        Calls => "calls",
        Meetings => "meetings",
        Activities => "activities",
        ConversionRate => "conversion_rate",
        TrainingCompleted => "training_completed",
    }
);

impl GoalMetric {
    /// Revenue targets are money; conversion is a percentage; the rest are counts.
    pub fn is_money(self) -> bool {
        self == GoalMetric::RevenueWon
    }
    pub fn is_percentage(self) -> bool {
        self == GoalMetric::ConversionRate
    }
}

/// Largest count target accepted.
pub const MAX_COUNT_TARGET: i64 = 10_000_000;

/// A goal as stored and shown. `subject_id` is a user id for rep goals and a
/// team id for team goals.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Goal {
    pub id: GoalId,
    pub team_id: TeamId,
    pub scope: GoalScope,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::store::columns::StoredUuid"))]
    pub subject_id: Uuid,
    pub subject_name: String,
    pub metric: GoalMetric,
    /// Minor units for revenue, a percentage for conversion, else a count.
    pub target: i64,
    pub currency: Option<Currency>,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::store::columns::StoredDay"))]
    #[serde(with = "crate::domain::wire_time::day")]
    pub period_start: NaiveDate,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::store::columns::StoredDay"))]
    #[serde(with = "crate::domain::wire_time::day")]
    pub period_end: NaiveDate,
    pub created_by: UserId,
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

/// A goal as typed into the manager's form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalDraft {
    pub id: GoalId,
    pub scope: String,
    /// The rep's user id or the team's id, as text.
    pub subject_id: String,
    pub metric: String,
    pub target: String,
    /// Only read for revenue goals.
    pub currency: String,
    pub period_start: String,
    pub period_end: String,
}

/// A checked goal draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidGoal {
    pub id: GoalId,
    pub scope: GoalScope,
    pub subject_id: Uuid,
    pub metric: GoalMetric,
    pub target: i64,
    pub currency: Option<Currency>,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
}

impl GoalDraft {
    pub fn validate(&self) -> Result<ValidGoal, FieldErrors> {
        let mut errors = FieldErrors::default();
        let scope = errors.check("scope", choice::<GoalScope>(&self.scope));
        let subject_id = errors.check(
            "subject_id",
            if self.subject_id.trim().is_empty() {
                Err(FieldProblem::Required)
            } else {
                Uuid::parse_str(self.subject_id.trim()).map_err(|_| FieldProblem::UnknownChoice)
            },
        );
        let metric = errors.check("metric", choice::<GoalMetric>(&self.metric));
        let currency = match metric {
            Some(metric) if metric.is_money() => errors
                .check("currency", parse_currency(&self.currency))
                .map(Some),
            _ => Some(None),
        };
        let target = match (metric, currency) {
            (Some(metric), Some(Some(currency))) if metric.is_money() => {
                errors.check("target", parse_amount(&self.target, currency))
            }
            (Some(metric), _) if metric.is_percentage() => {
                errors.check("target", whole_number(&self.target, 100))
            }
            (Some(metric), _) if !metric.is_money() => {
                errors.check("target", whole_number(&self.target, MAX_COUNT_TARGET))
            }
            _ => None,
        };
        let period = required_period(&mut errors, &self.period_start, &self.period_end);
        errors.into_result(|| {
            Some(ValidGoal {
                id: self.id,
                scope: scope?,
                subject_id: subject_id?,
                metric: metric?,
                target: target?,
                currency: currency?,
                period_start: period?.start,
                period_end: period?.end,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good_draft() -> GoalDraft {
        GoalDraft {
            scope: "rep".into(),
            subject_id: Uuid::now_v7().to_string(),
            metric: "revenue_won".into(),
            target: "50,000".into(),
            currency: "USD".into(),
            period_start: "2026-11-01".into(),
            period_end: "2026-11-30".into(),
            ..GoalDraft::default()
        }
    }

    #[test]
    fn revenue_targets_are_money_and_counts_are_counts() {
        let goal = good_draft().validate().expect("valid");
        assert_eq!(goal.target, 5_000_000);
        assert_eq!(goal.currency, Some(Currency::Usd));
        let calls = GoalDraft {
            metric: "calls".into(),
            target: "۱۲۰".into(),
            currency: "".into(),
            ..good_draft()
        };
        let calls = calls.validate().expect("valid");
        assert_eq!((calls.target, calls.currency), (120, None));
    }

    #[test]
    fn conversion_is_a_percentage() {
        let rate = GoalDraft {
            metric: "conversion_rate".into(),
            target: "130".into(),
            ..good_draft()
        };
        assert_eq!(
            rate.validate().expect_err("too big").for_field("target"),
            Some(&FieldProblem::TooLarge)
        );
    }

    #[test]
    fn the_period_must_end_after_it_starts() {
        let draft = GoalDraft {
            period_end: "2026-10-01".into(),
            ..good_draft()
        };
        assert_eq!(
            draft.validate().expect_err("bad").for_field("period_end"),
            Some(&FieldProblem::EndBeforeStart)
        );
    }

    #[test]
    fn unknown_values_are_reported() {
        let draft = GoalDraft {
            scope: "galaxy".into(),
            subject_id: "bob".into(),
            metric: "vibes".into(),
            ..good_draft()
        };
        let errors = draft.validate().expect_err("bad");
        assert_eq!(
            errors.for_field("scope"),
            Some(&FieldProblem::UnknownChoice)
        );
        assert_eq!(
            errors.for_field("subject_id"),
            Some(&FieldProblem::UnknownChoice)
        );
        assert_eq!(
            errors.for_field("metric"),
            Some(&FieldProblem::UnknownChoice)
        );
    }
}

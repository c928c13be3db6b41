//! Manager's records: budgets, staff notes, training and anything else a
//! manager keeps for their team.

use super::choice_enum;
use super::ids::{RecordId, TeamId, UserId};
use super::money::{Currency, parse_amount, parse_currency};
use super::validation::{
    FieldErrors, FieldProblem, MAX_NAME, MAX_NOTES, choice, optional_text, period_is_ordered,
    required_date, required_text,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

choice_enum!(
    /// What a record is about.
    RecordKind {
        Budget => "budget",
        Staff => "staff",
        Training => "training",
        Other => "other",
    }
);

/// A record as stored and shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagerRecord {
    pub id: RecordId,
    pub team_id: TeamId,
    pub owner_id: UserId,
    pub kind: RecordKind,
    pub title: String,
    pub amount: Option<i64>,
    pub currency: Option<Currency>,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub body: String,
    /// The team member the record is about (a training they completed);
    /// `None` for the team as a whole.
    #[serde(default)]
    pub person_id: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
    pub deleted: bool,
}

/// A record as typed into the form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordDraft {
    pub id: RecordId,
    pub kind: String,
    pub title: String,
    /// Optional, but required for budgets.
    pub amount: String,
    pub currency: String,
    pub period_start: String,
    pub period_end: String,
    pub body: String,
    /// A team member's id from the picker, or empty for the whole team.
    #[serde(default)]
    pub person_id: String,
}

/// A checked record draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidRecord {
    pub id: RecordId,
    pub kind: RecordKind,
    pub title: String,
    pub amount: Option<i64>,
    pub currency: Option<Currency>,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub body: String,
    /// Checked to be on the record's team by the server.
    pub person_id: Option<UserId>,
}

fn optional_date(value: &str) -> Result<Option<NaiveDate>, FieldProblem> {
    if value.trim().is_empty() {
        Ok(None)
    } else {
        required_date(value).map(Some)
    }
}

impl RecordDraft {
    pub fn validate(&self) -> Result<ValidRecord, FieldErrors> {
        let mut errors = FieldErrors::default();
        let kind = errors.check("kind", choice::<RecordKind>(&self.kind));
        let title = errors.check("title", required_text(&self.title, MAX_NAME));
        let body = errors.check("body", optional_text(&self.body, MAX_NOTES));
        let wants_amount = kind == Some(RecordKind::Budget) || !self.amount.trim().is_empty();
        let (amount, currency) = if wants_amount {
            match errors.check("currency", parse_currency(&self.currency)) {
                Some(currency) => (
                    errors
                        .check("amount", parse_amount(&self.amount, currency))
                        .map(Some),
                    Some(Some(currency)),
                ),
                None => (None, None),
            }
        } else {
            (Some(None), Some(None))
        };
        let period_start = errors.check("period_start", optional_date(&self.period_start));
        let period_end = errors.check("period_end", optional_date(&self.period_end));
        if let (Some(Some(start)), Some(Some(end))) = (period_start, period_end) {
            errors.check("period_end", period_is_ordered(start, end));
        }
        let person_id = errors.check(
            "person_id",
            match self.person_id.trim() {
                "" => Ok(None),
                text => text
                    .parse::<UserId>()
                    .map(Some)
                    .map_err(|_| FieldProblem::UnknownChoice),
            },
        );
        errors.into_result(|| {
            Some(ValidRecord {
                id: self.id,
                kind: kind?,
                title: title?,
                amount: amount?,
                currency: currency?,
                period_start: period_start?,
                period_end: period_end?,
                body: body?,
                person_id: person_id?,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_budget_needs_an_amount() {
        let draft = RecordDraft {
            kind: "budget".into(),
            title: "Q4 events".into(),
            currency: "IRR".into(),
            ..RecordDraft::default()
        };
        assert_eq!(
            draft.validate().expect_err("no amount").for_field("amount"),
            Some(&FieldProblem::Required)
        );
        let draft = RecordDraft {
            amount: "۲۵۰۰۰۰۰۰".into(),
            ..draft
        };
        let record = draft.validate().expect("valid");
        assert_eq!(
            (record.amount, record.currency),
            (Some(25_000_000), Some(Currency::Irr))
        );
    }

    #[test]
    fn a_training_note_needs_no_money() {
        let draft = RecordDraft {
            kind: "training".into(),
            title: "Objection handling".into(),
            ..RecordDraft::default()
        };
        let record = draft.validate().expect("valid");
        assert_eq!((record.amount, record.currency), (None, None));
    }

    #[test]
    fn bad_fields_are_reported() {
        let draft = RecordDraft {
            kind: "gossip".into(),
            title: "".into(),
            period_start: "2026-05-01".into(),
            period_end: "2026-04-01".into(),
            ..RecordDraft::default()
        };
        let errors = draft.validate().expect_err("bad");
        assert_eq!(errors.for_field("kind"), Some(&FieldProblem::UnknownChoice));
        assert_eq!(errors.for_field("title"), Some(&FieldProblem::Required));
        assert_eq!(
            errors.for_field("period_end"),
            Some(&FieldProblem::EndBeforeStart)
        );
    }
}

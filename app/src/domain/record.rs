//! Manager's records: budgets, staff notes, training and anything else a
//! manager keeps for their team.

use super::choice_enum;
use super::ids::{RecordId, TeamId, UserId};
use super::letter_case::lower_case;
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
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ManagerRecord {
    pub id: RecordId,
    pub team_id: TeamId,
    pub owner_id: UserId,
    pub kind: RecordKind,
    pub title: String,
    pub amount: Option<i64>,
    pub currency: Option<Currency>,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::store::columns::OptionalDay"))]
    #[serde(default, with = "crate::domain::wire_time::optional_day")]
    pub period_start: Option<NaiveDate>,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::store::columns::OptionalDay"))]
    #[serde(default, with = "crate::domain::wire_time::optional_day")]
    pub period_end: Option<NaiveDate>,
    pub body: String,
    /// The team member the record is about (a training they completed);
    /// `None` for the team as a whole.
    #[serde(default)]
    pub person_id: Option<UserId>,
    /// Words the manager files it under ("fair", "Q4"), in their order.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::store::columns::Lines"))]
    pub tags: Vec<String>,
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
    /// Tags as typed, separated by commas (Latin or Persian).
    #[serde(default)]
    pub tags: String,
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
    pub tags: Vec<String>,
}

fn optional_date(value: &str) -> Result<Option<NaiveDate>, FieldProblem> {
    if value.trim().is_empty() {
        Ok(None)
    } else {
        required_date(value).map(Some)
    }
}

/// The most tags one record carries, and the longest tag.
pub const MAX_TAGS: usize = 10;
pub const MAX_TAG: usize = 40;

/// Tags from what the manager typed: split on commas (`,` or `،`), trimmed,
/// empty ones dropped, a repeat (in any letter case) kept once.
pub fn parse_tags(text: &str) -> Result<Vec<String>, FieldProblem> {
    let mut tags: Vec<String> = Vec::new();
    for tag in text
        .split([',', '،'])
        .map(str::trim)
        .filter(|tag| !tag.is_empty())
    {
        if tag.chars().count() > MAX_TAG {
            return Err(FieldProblem::TooLong { max: MAX_TAG });
        }
        if !tags.iter().any(|kept| lower_case(kept) == lower_case(tag)) {
            tags.push(tag.to_string());
        }
    }
    if tags.len() > MAX_TAGS {
        return Err(FieldProblem::TooMany { max: MAX_TAGS });
    }
    Ok(tags)
}

/// What the records list is narrowed to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecordFilter {
    pub kind: Option<RecordKind>,
    /// Records whose period (or, without one, the day they were made)
    /// touches these days.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub tag: Option<String>,
}

impl RecordFilter {
    pub fn matches(&self, record: &ManagerRecord) -> bool {
        let made = record.created_at.date_naive();
        let start = record.period_start.or(record.period_end).unwrap_or(made);
        let end = record.period_end.or(record.period_start).unwrap_or(made);
        self.kind.is_none_or(|kind| record.kind == kind)
            && self.from.is_none_or(|from| end >= from)
            && self.to.is_none_or(|to| start <= to)
            && self.tag.as_ref().is_none_or(|wanted| {
                record
                    .tags
                    .iter()
                    .any(|tag| lower_case(tag) == lower_case(wanted))
            })
    }
}

/// Every tag used on `records`, each once, in alphabetical order.
pub fn tags_in_use(records: &[ManagerRecord]) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in records.iter().flat_map(|record| &record.tags) {
        if !tags.iter().any(|kept| lower_case(kept) == lower_case(tag)) {
            tags.push(tag.clone());
        }
    }
    crate::domain::sorting::sort_by_key(&mut tags, |tag| lower_case(tag));
    tags
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
        let tags = errors.check("tags", parse_tags(&self.tags));
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
                tags: tags?,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_split_on_either_comma_trimmed_and_kept_once() {
        assert_eq!(
            parse_tags(" fair، Q4 ,, Fair ,نمایشگاه "),
            Ok(vec!["fair".to_string(), "Q4".into(), "نمایشگاه".into()])
        );
        assert_eq!(
            parse_tags(&"x".repeat(MAX_TAG + 1)),
            Err(FieldProblem::TooLong { max: MAX_TAG })
        );
        let many: Vec<String> = (0..=MAX_TAGS).map(|n| format!("t{n}")).collect();
        assert_eq!(
            parse_tags(&many.join(",")),
            Err(FieldProblem::TooMany { max: MAX_TAGS })
        );
    }

    #[test]
    fn the_filter_narrows_by_kind_touching_period_and_tag() {
        let day = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
        let made = DateTime::parse_from_rfc3339("2026-10-05T10:00:00Z")
            .map(|at| at.with_timezone(&Utc))
            .unwrap_or_default();
        let record = |kind, start: &str, end: &str, tags: &[&str]| ManagerRecord {
            id: RecordId::new(),
            team_id: TeamId::new(),
            owner_id: UserId::new(),
            kind,
            title: "t".into(),
            amount: None,
            currency: None,
            period_start: day(start),
            period_end: day(end),
            body: String::new(),
            person_id: None,
            tags: tags.iter().map(|tag| tag.to_string()).collect(),
            created_at: made,
            updated_at: made,
            version: 1,
            deleted: false,
        };
        let fair = record(
            RecordKind::Other,
            "2026-11-10",
            "2026-11-13",
            &["Fair", "Q4"],
        );
        let undated = record(RecordKind::Staff, "", "", &[]);
        let november = RecordFilter {
            from: day("2026-11-01"),
            to: day("2026-11-30"),
            ..RecordFilter::default()
        };
        assert!(november.matches(&fair));
        assert!(!november.matches(&undated), "made in October");
        let october = RecordFilter {
            from: day("2026-10-01"),
            to: day("2026-10-31"),
            ..RecordFilter::default()
        };
        assert!(october.matches(&undated) && !october.matches(&fair));
        let tagged = RecordFilter {
            tag: Some("fair".into()),
            kind: Some(RecordKind::Other),
            ..RecordFilter::default()
        };
        assert!(tagged.matches(&fair) && !tagged.matches(&undated));
        assert_eq!(tags_in_use(&[undated, fair]), vec!["Fair", "Q4"]);
    }

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

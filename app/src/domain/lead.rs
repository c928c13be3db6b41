//! Leads: the person or company being sold to and the deal, in one record.

use super::choice_enum;
use super::ids::{EventId, LeadId, UserId};
use super::money::{Currency, parse_amount, parse_currency};
use super::validation::{
    FieldErrors, FieldProblem, MAX_NAME, choice, optional_email, optional_phone, optional_text,
    required_date, required_text,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

choice_enum!(
    /// Where a lead came from; decides which tactics pay off.
    LeadSource {
        Referral => "referral",
        Event => "event",
        Website => "website",
        ColdList => "cold_list",
        Social => "social",
        Other => "other",
    }
);

choice_enum!(
    /// How far the deal has come. The order is the pipeline's order.
    LeadStage {
        New => "new",
        Contacted => "contacted",
        Qualified => "qualified",
        Proposal => "proposal",
        Negotiation => "negotiation",
        Won => "won",
        Lost => "lost",
    }
);

impl LeadStage {
    /// Won and lost deals are closed; everything else is still open.
    pub fn is_closed(self) -> bool {
        matches!(self, LeadStage::Won | LeadStage::Lost)
    }
}

choice_enum!(
    /// New or existing customer: commission rates differ between them.
    CustomerKind {
        New => "new",
        Existing => "existing",
    }
);

/// A lead as stored and shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Lead {
    pub id: LeadId,
    pub owner_id: UserId,
    pub owner_name: String,
    pub name: String,
    pub company: String,
    pub phone: String,
    pub email: String,
    pub source: LeadSource,
    pub stage: LeadStage,
    pub estimated_value: i64,
    pub currency: Currency,
    pub customer_kind: CustomerKind,
    pub won_amount: Option<i64>,
    #[cfg_attr(
        feature = "ssr",
        sqlx(try_from = "crate::store::columns::OptionalInstant")
    )]
    #[serde(default, with = "crate::domain::wire_time::optional_instant")]
    pub closed_at: Option<DateTime<Utc>>,
    pub lost_reason: String,
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
    /// The fair, conference or webinar where the lead was met (source
    /// "event"); left out of the wire form when none (protocol 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_id: Option<EventId>,
}

/// A lead as typed into the form: raw text, so that every field can be
/// checked and reported on its own. The id is minted by the client.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadDraft {
    pub id: LeadId,
    /// The rep who owns the lead; `None` means the person saving it.
    pub owner_id: Option<UserId>,
    pub name: String,
    pub company: String,
    pub phone: String,
    pub email: String,
    pub source: String,
    pub stage: String,
    pub estimated_value: String,
    pub currency: String,
    pub customer_kind: String,
    pub won_amount: String,
    pub lost_reason: String,
    /// The day a won or lost deal closed (`YYYY-MM-DD`, any digit script);
    /// empty means "today" when it closes, or "keep the day" when it stays
    /// closed. Left out of the wire form when empty, so messages from
    /// clients that predate it read the same.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub closed_on: String,
    /// The team's event the lead was met at (an id from the event picker,
    /// which the form offers with the source "event"), or empty. Left out
    /// of the wire form when empty (protocol 4).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub event_id: String,
}

/// A draft that passed validation: typed values, ready to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidLead {
    pub id: LeadId,
    pub owner_id: Option<UserId>,
    pub name: String,
    pub company: String,
    pub phone: String,
    pub email: String,
    pub source: LeadSource,
    pub stage: LeadStage,
    pub estimated_value: i64,
    pub currency: Currency,
    pub customer_kind: CustomerKind,
    pub won_amount: Option<i64>,
    pub lost_reason: String,
    /// Only for a closed deal, and only when the rep named the day.
    pub closed_on: Option<NaiveDate>,
    /// The server checks it is a live event of the owner's team.
    pub event_id: Option<EventId>,
}

impl LeadDraft {
    /// Checks every field and reports each problem against its field.
    pub fn validate(&self) -> Result<ValidLead, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = errors.check("name", required_text(&self.name, MAX_NAME));
        let company = errors.check("company", optional_text(&self.company, MAX_NAME));
        let phone = errors.check("phone", optional_phone(&self.phone));
        let email = errors.check("email", optional_email(&self.email));
        let source = errors.check("source", choice::<LeadSource>(&self.source));
        let stage = errors.check("stage", choice::<LeadStage>(&self.stage));
        let currency = errors.check("currency", parse_currency(&self.currency));
        let customer_kind =
            errors.check("customer_kind", choice::<CustomerKind>(&self.customer_kind));
        let estimated_value = match (self.estimated_value.trim().is_empty(), currency) {
            (true, _) => Some(0),
            (false, Some(currency)) => errors.check(
                "estimated_value",
                parse_amount(&self.estimated_value, currency),
            ),
            (false, None) => None,
        };
        let won_amount = match (self.won_amount.trim().is_empty(), currency) {
            (true, _) => Some(None),
            (false, Some(currency)) => errors.check(
                "won_amount",
                parse_amount(&self.won_amount, currency).map(Some),
            ),
            (false, None) => None,
        };
        let lost_reason = errors.check(
            "lost_reason",
            optional_text(&self.lost_reason, MAX_NAME * 4),
        );
        let closed_on = if self.closed_on.trim().is_empty() {
            Some(None)
        } else {
            errors.check("closed_on", required_date(&self.closed_on).map(Some))
        };
        let event_id = if self.event_id.trim().is_empty() {
            Some(None)
        } else {
            match self.event_id.trim().parse::<EventId>() {
                Ok(id) => Some(Some(id)),
                Err(_) => {
                    errors.add("event_id", FieldProblem::UnknownChoice);
                    None
                }
            }
        };
        if stage == Some(LeadStage::Won) && won_amount == Some(None) {
            errors.add("won_amount", FieldProblem::WonAmountRequired);
        }
        if stage == Some(LeadStage::Lost) && lost_reason.as_deref() == Some("") {
            errors.add("lost_reason", FieldProblem::LostReasonRequired);
        }
        errors.into_result(|| {
            let stage = stage?;
            Some(ValidLead {
                id: self.id,
                owner_id: self.owner_id,
                name: name?,
                company: company?,
                phone: phone?,
                email: email?,
                source: source?,
                stage,
                estimated_value: estimated_value?,
                currency: currency?,
                customer_kind: customer_kind?,
                // Only a won deal carries a won amount; only a lost one a reason.
                won_amount: if stage == LeadStage::Won {
                    won_amount?
                } else {
                    None
                },
                lost_reason: if stage == LeadStage::Lost {
                    lost_reason?
                } else {
                    String::new()
                },
                closed_on: if stage.is_closed() { closed_on? } else { None },
                event_id: event_id?,
            })
        })
    }
}

/// One recorded change to a lead's field: who changed it, from what to
/// what, and whether it overwrote someone else's newer value (a conflict).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct LeadChange {
    pub field: String,
    pub old_value: String,
    pub new_value: String,
    pub changed_by: UserId,
    pub changed_by_name: String,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::store::columns::StoredFlag"))]
    pub conflict: bool,
    /// Whose value was overwritten, for a conflict.
    pub overwritten_user_id: Option<UserId>,
    #[cfg_attr(
        feature = "ssr",
        sqlx(
            rename = "created_at",
            try_from = "crate::store::columns::StoredInstant"
        )
    )]
    #[serde(with = "crate::domain::wire_time::instant")]
    pub at: DateTime<Utc>,
    /// For `field == "assigned"` (the lead was handed to `new_value`, from
    /// `old_value` or from an import): the rule that chose the rep, `None`
    /// when the manager chose. Left out of the wire form otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub rule: Option<super::distribution::DistributionRule>,
}

/// The `LeadChange::field` of an entry saying who was given the lead.
pub const ASSIGNED_FIELD: &str = "assigned";
/// The `LeadChange::field` of the entry saying the lead came in through a
/// web form: `old_value` is the form's title, `new_value` the message left.
pub const WEB_FORM_FIELD: &str = "web_form";
/// The `LeadChange::field` of the entry saying a duplicate was merged into
/// the lead: `old_value` is the merged lead's name.
pub const MERGED_FIELD: &str = "merged";

/// When a deal closed, after a save that moves it to `new_stage`: closing
/// stamps `now`, staying closed keeps the first stamp, reopening clears it.
/// `previous` is the stage and close time before the save (`None` if new).
/// A day the rep named (`closed_on`) wins: the earlier stamp if it falls on
/// that day, `now` if the day is today, else noon UTC of that day (the same
/// calendar day in every time zone from UTC-11 to UTC+11).
pub fn closed_at_after(
    previous: Option<(LeadStage, Option<DateTime<Utc>>)>,
    new_stage: LeadStage,
    closed_on: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    if !new_stage.is_closed() {
        return None;
    }
    let earlier = match previous {
        Some((stage, Some(closed_at))) if stage.is_closed() => Some((stage, closed_at)),
        _ => None,
    };
    match (closed_on, earlier) {
        (Some(day), Some((_, closed_at))) if closed_at.date_naive() == day => Some(closed_at),
        (Some(day), _) if now.date_naive() == day => Some(now),
        (Some(day), _) => day.and_hms_opt(12, 0, 0).map(|noon| noon.and_utc()),
        (None, Some((stage, closed_at))) if stage == new_stage => Some(closed_at),
        (None, _) => Some(now),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Choice;

    pub(crate) fn good_draft() -> LeadDraft {
        LeadDraft {
            name: "Sara Ahmadi".into(),
            company: "Pars Tile".into(),
            phone: "0912 345 6789".into(),
            email: "sara@parstile.ir".into(),
            source: "referral".into(),
            stage: "new".into(),
            estimated_value: "1,500.00".into(),
            currency: "USD".into(),
            customer_kind: "new".into(),
            ..LeadDraft::default()
        }
    }

    #[test]
    fn an_event_is_an_id_or_nothing() {
        let mut draft = good_draft();
        draft.source = "event".into();
        draft.event_id = "not an id".into();
        let problems = draft.validate().expect_err("refused");
        assert_eq!(
            problems.for_field("event_id"),
            Some(&FieldProblem::UnknownChoice)
        );
        let event = EventId::new();
        draft.event_id = format!(" {event} ");
        assert_eq!(draft.validate().expect("valid").event_id, Some(event));
        draft.event_id = String::new();
        assert_eq!(draft.validate().expect("valid").event_id, None);
    }

    #[test]
    fn a_good_draft_is_accepted_with_normalised_values() {
        let lead = good_draft().validate().expect("valid");
        assert_eq!(lead.phone, "09123456789");
        assert_eq!(lead.estimated_value, 150_000);
        assert_eq!(lead.stage, LeadStage::New);
        assert_eq!(lead.won_amount, None);
    }

    #[test]
    fn every_bad_field_is_reported_on_its_own() {
        let draft = LeadDraft {
            name: "".into(),
            company: "x".repeat(MAX_NAME + 1),
            phone: "12".into(),
            email: "nope".into(),
            source: "carrier pigeon".into(),
            stage: "done".into(),
            estimated_value: "-1".into(),
            currency: "USD".into(),
            customer_kind: "vip".into(),
            ..LeadDraft::default()
        };
        let errors = draft.validate().expect_err("invalid");
        assert_eq!(errors.for_field("name"), Some(&FieldProblem::Required));
        assert_eq!(
            errors.for_field("company"),
            Some(&FieldProblem::TooLong { max: MAX_NAME })
        );
        assert_eq!(errors.for_field("phone"), Some(&FieldProblem::InvalidPhone));
        assert_eq!(errors.for_field("email"), Some(&FieldProblem::InvalidEmail));
        assert_eq!(
            errors.for_field("source"),
            Some(&FieldProblem::UnknownChoice)
        );
        assert_eq!(
            errors.for_field("stage"),
            Some(&FieldProblem::UnknownChoice)
        );
        assert_eq!(
            errors.for_field("estimated_value"),
            Some(&FieldProblem::Negative)
        );
        assert_eq!(
            errors.for_field("customer_kind"),
            Some(&FieldProblem::UnknownChoice)
        );
    }

    #[test]
    fn won_needs_an_amount_and_lost_needs_a_reason() {
        let won = LeadDraft {
            stage: "won".into(),
            ..good_draft()
        };
        assert_eq!(
            won.validate()
                .expect_err("no amount")
                .for_field("won_amount"),
            Some(&FieldProblem::WonAmountRequired)
        );
        let won = LeadDraft {
            stage: "won".into(),
            won_amount: "1200".into(),
            ..good_draft()
        };
        assert_eq!(
            won.validate().map(|lead| lead.won_amount),
            Ok(Some(120_000))
        );
        let lost = LeadDraft {
            stage: "lost".into(),
            ..good_draft()
        };
        assert_eq!(
            lost.validate()
                .expect_err("no reason")
                .for_field("lost_reason"),
            Some(&FieldProblem::LostReasonRequired)
        );
    }

    #[test]
    fn closing_stamps_once_and_reopening_clears() {
        let earlier = Utc::now() - chrono::Duration::days(3);
        let now = Utc::now();
        assert_eq!(closed_at_after(None, LeadStage::New, None, now), None);
        assert_eq!(closed_at_after(None, LeadStage::Won, None, now), Some(now));
        assert_eq!(
            closed_at_after(
                Some((LeadStage::Proposal, None)),
                LeadStage::Lost,
                None,
                now
            ),
            Some(now)
        );
        assert_eq!(
            closed_at_after(
                Some((LeadStage::Won, Some(earlier))),
                LeadStage::Won,
                None,
                now
            ),
            Some(earlier)
        );
        assert_eq!(
            closed_at_after(
                Some((LeadStage::Lost, Some(earlier))),
                LeadStage::Won,
                None,
                now
            ),
            Some(now)
        );
        assert_eq!(
            closed_at_after(
                Some((LeadStage::Won, Some(earlier))),
                LeadStage::Negotiation,
                None,
                now
            ),
            None
        );
    }

    #[test]
    fn a_named_close_day_is_kept_exactly() {
        use chrono::TimeZone;
        let now = Utc
            .with_ymd_and_hms(2026, 11, 20, 15, 30, 0)
            .single()
            .unwrap_or_default();
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d);
        let earlier = Utc
            .with_ymd_and_hms(2026, 11, 12, 8, 0, 0)
            .single()
            .unwrap_or_default();
        // Today: the moment of the save.
        assert_eq!(
            closed_at_after(None, LeadStage::Won, day(20), now),
            Some(now)
        );
        // Another day: noon UTC of that day.
        assert_eq!(
            closed_at_after(
                Some((LeadStage::Proposal, None)),
                LeadStage::Won,
                day(18),
                now
            ),
            Some(
                Utc.with_ymd_and_hms(2026, 11, 18, 12, 0, 0)
                    .single()
                    .unwrap_or_default()
            )
        );
        // The same day as before keeps the earlier stamp, even lost -> won.
        assert_eq!(
            closed_at_after(
                Some((LeadStage::Lost, Some(earlier))),
                LeadStage::Won,
                day(12),
                now
            ),
            Some(earlier)
        );
        // Reopening ignores any day.
        assert_eq!(
            closed_at_after(
                Some((LeadStage::Won, Some(earlier))),
                LeadStage::Proposal,
                day(12),
                now
            ),
            None
        );
    }

    #[test]
    fn the_close_day_is_checked_and_only_kept_for_closed_deals() {
        let won = LeadDraft {
            stage: "won".into(),
            won_amount: "1200".into(),
            closed_on: "۲۰۲۶-۱۱-۱۸".into(),
            ..good_draft()
        };
        assert_eq!(
            won.validate().map(|lead| lead.closed_on),
            Ok(NaiveDate::from_ymd_opt(2026, 11, 18))
        );
        let open = LeadDraft {
            closed_on: "2026-11-18".into(),
            ..good_draft()
        };
        assert_eq!(open.validate().map(|lead| lead.closed_on), Ok(None));
        let bad = LeadDraft {
            closed_on: "2026-02-30".into(),
            ..won
        };
        assert_eq!(
            bad.validate().expect_err("bad day").for_field("closed_on"),
            Some(&FieldProblem::InvalidDate)
        );
    }

    #[test]
    fn stages_are_ordered_like_the_pipeline() {
        assert!(LeadStage::New < LeadStage::Contacted && LeadStage::Negotiation < LeadStage::Won);
        assert!(LeadStage::Won.is_closed() && !LeadStage::Proposal.is_closed());
        assert_eq!(LeadStage::ALL.len(), 7);
    }
}

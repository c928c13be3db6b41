//! Events a team goes to for leads (an industry fair, a conference, a
//! webinar): their dates, place and cost, the leads captured there, and
//! whether they paid for themselves. Pure: the event form's checks and the
//! per-event figures (cost per lead, per won deal, return on cost) live
//! here and are unit-tested.

use super::choice_enum;
use super::money::{Currency, MoneySum, parse_amount, parse_currency};
use super::validation::{
    FieldErrors, MAX_NAME, choice, optional_text, period_is_ordered, required_date, required_text,
};
use super::{EventId, TeamId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

choice_enum!(
    /// What kind of event it was.
    EventKind {
        Fair => "fair",
        Conference => "conference",
        Webinar => "webinar",
        Other => "other",
    }
);

/// The longest place kept with an event.
pub const MAX_PLACE_CHARS: usize = 200;

/// An event as stored and shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct SalesEvent {
    pub id: EventId,
    pub team_id: TeamId,
    pub name: String,
    pub kind: EventKind,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::store::columns::StoredDay"))]
    #[serde(with = "crate::domain::wire_time::day")]
    pub starts_on: NaiveDate,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::store::columns::StoredDay"))]
    #[serde(with = "crate::domain::wire_time::day")]
    pub ends_on: NaiveDate,
    pub place: String,
    /// What it cost, in minor units of `currency`.
    pub cost: i64,
    pub currency: Currency,
}

/// An event as the lead form offers it (kept on the device, so a rep can
/// pick it offline).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventChoice {
    pub id: EventId,
    pub team_id: TeamId,
    pub name: String,
    #[serde(with = "crate::domain::wire_time::day")]
    pub starts_on: NaiveDate,
}

/// An event as typed into the manager's form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDraft {
    pub id: EventId,
    pub name: String,
    pub kind: String,
    pub starts_on: String,
    pub ends_on: String,
    pub place: String,
    pub cost: String,
    pub currency: String,
}

impl EventDraft {
    /// The event for `team_id`, or a problem per field. A free event costs 0.
    pub fn validate(&self, team_id: TeamId) -> Result<SalesEvent, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = errors.check("name", required_text(&self.name, MAX_NAME));
        let kind = errors.check("kind", choice::<EventKind>(&self.kind));
        let starts_on = errors.check("starts_on", required_date(&self.starts_on));
        let ends_on = errors.check("ends_on", required_date(&self.ends_on));
        if let (Some(start), Some(end)) = (starts_on, ends_on)
            && let Err(problem) = period_is_ordered(start, end)
        {
            errors.add("ends_on", problem);
        }
        let place = errors.check("place", optional_text(&self.place, MAX_PLACE_CHARS));
        let currency = errors.check("currency", parse_currency(&self.currency));
        let cost = currency.and_then(|currency| {
            let typed = if self.cost.trim().is_empty() {
                "0"
            } else {
                self.cost.as_str()
            };
            errors.check("cost", parse_amount(typed, currency))
        });
        errors.into_result(|| {
            Some(SalesEvent {
                id: self.id,
                team_id,
                name: name?,
                kind: kind?,
                starts_on: starts_on?,
                ends_on: ends_on?,
                place: place?,
                cost: cost?,
                currency: currency?,
            })
        })
    }
}

/// What came of an event: the leads captured there, the deals won from
/// them and their revenue per currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventResults {
    pub event: SalesEvent,
    pub leads: u64,
    pub won: u64,
    /// Won revenue per currency, largest first; 128-bit sums.
    pub revenue: Vec<(Currency, MoneySum)>,
}

/// A team's leads from one source: how many, won, and won revenue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceResults {
    pub source: super::LeadSource,
    pub leads: u64,
    pub won: u64,
    /// Won revenue per currency, largest first; 128-bit sums.
    pub revenue: Vec<(Currency, MoneySum)>,
}

/// Whether an event paid for itself, in its cost's currency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventReturn {
    /// Cost divided by leads, rounded to the nearest minor unit; `None`
    /// without leads.
    pub cost_per_lead: Option<MoneySum>,
    /// Cost divided by won deals; `None` before the first win.
    pub cost_per_won_deal: Option<MoneySum>,
    /// Revenue in the cost's currency, in whole percent of the cost (150:
    /// it brought back one and a half times its cost); `None` for a free event.
    pub return_percent: Option<i64>,
}

fn rounded_share(total: MoneySum, parts: u64) -> Option<MoneySum> {
    if parts == 0 {
        return None;
    }
    let parts = MoneySum::from(parts);
    Some((total + parts / 2) / parts)
}

impl EventResults {
    /// Cost per lead, per won deal, and revenue against cost (only revenue
    /// in the cost's own currency counts: no exchange rates are guessed).
    pub fn returns(&self) -> EventReturn {
        let cost = MoneySum::from(self.event.cost);
        let revenue = self
            .revenue
            .iter()
            .find(|(currency, _)| *currency == self.event.currency)
            .map_or(0, |(_, amount)| *amount);
        EventReturn {
            cost_per_lead: rounded_share(cost, self.leads),
            cost_per_won_deal: rounded_share(cost, self.won),
            return_percent: (cost > 0).then(|| {
                let percent = (revenue.saturating_mul(100) + cost / 2) / cost;
                i64::try_from(percent).unwrap_or(i64::MAX)
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validation::FieldProblem;

    fn draft() -> EventDraft {
        EventDraft {
            id: EventId::new(),
            name: "Iran Build Expo".into(),
            kind: "fair".into(),
            starts_on: "2026-11-10".into(),
            ends_on: "2026-11-13".into(),
            place: "Tehran International Fairground".into(),
            cost: "۱٬۲۰۰٫۵۰".into(),
            currency: "USD".into(),
        }
    }

    #[test]
    fn an_event_needs_a_name_a_kind_ordered_dates_and_a_real_cost() {
        let team = TeamId::new();
        let event = draft().validate(team).expect("valid");
        assert_eq!(event.cost, 120_050);
        assert_eq!(event.kind, EventKind::Fair);
        let free = EventDraft {
            cost: String::new(),
            kind: "webinar".into(),
            ..draft()
        }
        .validate(team)
        .expect("a free webinar");
        assert_eq!(free.cost, 0);
        let errors = EventDraft {
            name: " ".into(),
            kind: "party".into(),
            starts_on: "2026-11-13".into(),
            ends_on: "2026-11-10".into(),
            cost: "-5".into(),
            place: "x".repeat(201),
            ..draft()
        }
        .validate(team)
        .expect_err("five problems");
        assert_eq!(errors.for_field("name"), Some(&FieldProblem::Required));
        assert_eq!(errors.for_field("kind"), Some(&FieldProblem::UnknownChoice));
        assert_eq!(
            errors.for_field("ends_on"),
            Some(&FieldProblem::EndBeforeStart)
        );
        assert_eq!(errors.for_field("cost"), Some(&FieldProblem::Negative));
        assert_eq!(
            errors.for_field("place"),
            Some(&FieldProblem::TooLong { max: 200 })
        );
    }

    #[test]
    fn returns_divide_the_cost_and_compare_revenue_in_the_same_currency() {
        let event = draft().validate(TeamId::new()).expect("valid");
        let results = EventResults {
            event: SalesEvent {
                cost: 100_000,
                ..event
            },
            leads: 3,
            won: 2,
            revenue: vec![(Currency::Irr, 9_000_000_000), (Currency::Usd, 150_000)],
        };
        assert_eq!(
            results.returns(),
            EventReturn {
                cost_per_lead: Some(33_333),
                cost_per_won_deal: Some(50_000),
                return_percent: Some(150),
            }
        );
        let nothing_yet = EventResults {
            leads: 0,
            won: 0,
            revenue: Vec::new(),
            ..results.clone()
        };
        assert_eq!(
            nothing_yet.returns(),
            EventReturn {
                cost_per_lead: None,
                cost_per_won_deal: None,
                return_percent: Some(0),
            }
        );
        let free = EventResults {
            event: SalesEvent {
                cost: 0,
                ..results.event.clone()
            },
            ..results
        };
        assert_eq!(free.returns().return_percent, None);
        assert_eq!(free.returns().cost_per_lead, Some(0));
    }
}

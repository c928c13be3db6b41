//! A team's budget: planned amounts per category and period, the spending
//! against them (an event's cost counts as spending on "events" in the
//! period it starts), what remains, and a warning at 90% and at 100%.
//! Pure: the forms' checks and the standing of a line are unit-tested here.

use super::choice_enum;
use super::money::{Currency, MoneySum, parse_amount, parse_currency};
use super::validation::{FieldErrors, choice, optional_text, period_is_ordered, required_date};
use super::{BudgetLineId, SpendingId, TeamId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

choice_enum!(
    /// What a budget line pays for.
    BudgetCategory {
        Events => "events",
        Travel => "travel",
        Incentives => "incentives",
        Tools => "tools",
        Other => "other",
    }
);

/// The longest note kept with a spending entry.
pub const MAX_NOTE_CHARS: usize = 200;

/// A planned amount for one category over one period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct BudgetLine {
    pub id: BudgetLineId,
    pub team_id: TeamId,
    pub category: BudgetCategory,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::store::columns::StoredDay"))]
    #[serde(with = "crate::domain::wire_time::day")]
    pub period_start: NaiveDate,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::store::columns::StoredDay"))]
    #[serde(with = "crate::domain::wire_time::day")]
    pub period_end: NaiveDate,
    /// Minor units of `currency`.
    pub planned: i64,
    pub currency: Currency,
}

/// A budget line as typed into the manager's form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetLineDraft {
    pub id: BudgetLineId,
    pub category: String,
    pub period_start: String,
    pub period_end: String,
    pub planned: String,
    pub currency: String,
}

impl BudgetLineDraft {
    pub fn validate(&self, team_id: TeamId) -> Result<BudgetLine, FieldErrors> {
        let mut errors = FieldErrors::default();
        let category = errors.check("category", choice::<BudgetCategory>(&self.category));
        let start = errors.check("period_start", required_date(&self.period_start));
        let end = errors.check("period_end", required_date(&self.period_end));
        if let (Some(start), Some(end)) = (start, end)
            && let Err(problem) = period_is_ordered(start, end)
        {
            errors.add("period_end", problem);
        }
        let currency = errors.check("currency", parse_currency(&self.currency));
        let planned = currency
            .and_then(|currency| errors.check("planned", parse_amount(&self.planned, currency)));
        errors.into_result(|| {
            Some(BudgetLine {
                id: self.id,
                team_id,
                category: category?,
                period_start: start?,
                period_end: end?,
                planned: planned?,
                currency: currency?,
            })
        })
    }
}

/// Money spent against a line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Spending {
    pub id: SpendingId,
    pub line_id: BudgetLineId,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::store::columns::StoredDay"))]
    #[serde(with = "crate::domain::wire_time::day")]
    pub spent_on: NaiveDate,
    /// Minor units of the line's currency.
    pub amount: i64,
    pub note: String,
}

/// A spending entry as typed; its amount is in the line's currency.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpendingDraft {
    pub id: SpendingId,
    pub line_id: BudgetLineId,
    pub spent_on: String,
    pub amount: String,
    pub note: String,
}

impl SpendingDraft {
    pub fn validate(&self, currency: Currency) -> Result<Spending, FieldErrors> {
        let mut errors = FieldErrors::default();
        let spent_on = errors.check("spent_on", required_date(&self.spent_on));
        let amount = errors.check("amount", parse_amount(&self.amount, currency));
        let note = errors.check("note", optional_text(&self.note, MAX_NOTE_CHARS));
        errors.into_result(|| {
            Some(Spending {
                id: self.id,
                line_id: self.line_id,
                spent_on: spent_on?,
                amount: amount?,
                note: note?,
            })
        })
    }
}

/// How close a line is to its plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BudgetAlert {
    Under,
    /// 90% or more of the plan is spent.
    Nearly,
    /// The whole plan is spent (or more).
    Spent,
}

/// A line with what has been spent against it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetStanding {
    pub line: BudgetLine,
    /// The entries against the line, latest first.
    pub entries: Vec<Spending>,
    /// The costs of the team's events that start in the period, in the
    /// line's currency (only for the "events" category).
    pub event_costs: MoneySum,
}

impl BudgetStanding {
    pub fn spent(&self) -> MoneySum {
        self.entries
            .iter()
            .map(|entry| MoneySum::from(entry.amount))
            .sum::<MoneySum>()
            + self.event_costs
    }

    /// Planned minus spent: negative when overspent.
    pub fn remaining(&self) -> MoneySum {
        MoneySum::from(self.line.planned) - self.spent()
    }

    /// Whole percent of the plan spent (`None` for a plan of 0).
    pub fn percent_spent(&self) -> Option<i64> {
        let planned = MoneySum::from(self.line.planned);
        (planned > 0).then(|| i64::try_from(self.spent() * 100 / planned).unwrap_or(i64::MAX))
    }

    pub fn alert(&self) -> BudgetAlert {
        let planned = MoneySum::from(self.line.planned);
        let spent = self.spent();
        if spent >= planned && (planned > 0 || spent > 0) {
            BudgetAlert::Spent
        } else if spent * 10 >= planned * 9 && planned > 0 {
            BudgetAlert::Nearly
        } else {
            BudgetAlert::Under
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validation::FieldProblem;

    fn line_draft() -> BudgetLineDraft {
        BudgetLineDraft {
            id: BudgetLineId::new(),
            category: "events".into(),
            period_start: "2026-12-01".into(),
            period_end: "2026-12-31".into(),
            planned: "1,000".into(),
            currency: "USD".into(),
        }
    }

    fn standing(planned: i64, spent: &[i64], events: MoneySum) -> BudgetStanding {
        let line = BudgetLine {
            planned,
            ..line_draft().validate(TeamId::new()).expect("valid")
        };
        BudgetStanding {
            entries: spent
                .iter()
                .map(|amount| Spending {
                    id: SpendingId::new(),
                    line_id: line.id,
                    spent_on: line.period_start,
                    amount: *amount,
                    note: String::new(),
                })
                .collect(),
            line,
            event_costs: events,
        }
    }

    #[test]
    fn a_line_needs_a_category_an_ordered_period_and_an_amount() {
        let line = line_draft().validate(TeamId::new()).expect("valid");
        assert_eq!(line.planned, 100_000);
        let errors = BudgetLineDraft {
            category: "parties".into(),
            period_end: "2026-11-30".into(),
            planned: "-1".into(),
            ..line_draft()
        }
        .validate(TeamId::new())
        .expect_err("three problems");
        assert_eq!(
            errors.for_field("category"),
            Some(&FieldProblem::UnknownChoice)
        );
        assert_eq!(
            errors.for_field("period_end"),
            Some(&FieldProblem::EndBeforeStart)
        );
        assert_eq!(errors.for_field("planned"), Some(&FieldProblem::Negative));
        let spending = SpendingDraft {
            spent_on: "2026-12-05".into(),
            amount: "".into(),
            note: "x".repeat(201),
            ..SpendingDraft::default()
        }
        .validate(Currency::Usd)
        .expect_err("two problems");
        assert_eq!(spending.for_field("amount"), Some(&FieldProblem::Required));
        assert_eq!(
            spending.for_field("note"),
            Some(&FieldProblem::TooLong { max: 200 })
        );
    }

    #[test]
    fn spending_warns_at_ninety_and_a_hundred_percent_and_counts_event_costs() {
        let under = standing(100_000, &[50_000], 39_999);
        assert_eq!((under.spent(), under.remaining()), (89_999, 10_001));
        assert_eq!(under.alert(), BudgetAlert::Under);
        assert_eq!(under.percent_spent(), Some(89));
        let nearly = standing(100_000, &[50_000], 40_000);
        assert_eq!(nearly.alert(), BudgetAlert::Nearly);
        let spent = standing(100_000, &[100_000], 0);
        assert_eq!((spent.alert(), spent.remaining()), (BudgetAlert::Spent, 0));
        let over = standing(100_000, &[80_000, 30_000], 0);
        assert_eq!(
            (over.alert(), over.remaining()),
            (BudgetAlert::Spent, -10_000)
        );
        let nothing_planned = standing(0, &[], 0);
        assert_eq!(
            (nothing_planned.alert(), nothing_planned.percent_spent()),
            (BudgetAlert::Under, None)
        );
        // Sums stay exact far past i64.
        let huge = standing(i64::MAX, &[i64::MAX, i64::MAX], 0);
        assert_eq!(huge.remaining(), -MoneySum::from(i64::MAX));
    }
}

//! A compensation plan as a manager types it (rates in percent, Persian
//! digits too, tiers, bonuses) and its checking into the basis points and
//! minor units the commission rules compute with.

use super::{BASIS_POINTS, TierRates};
use crate::domain::ids::PlanId;
use crate::domain::money::{Currency, parse_amount, parse_currency};
use crate::domain::validation::{
    FieldErrors, FieldProblem, period_is_ordered, required_date, whole_number,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A tier as typed: percent of quota, and two rates in percent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierDraft {
    pub from_percent_of_quota: String,
    pub new_customer_rate: String,
    pub existing_customer_rate: String,
}

/// A plan as typed into the manager's form: rates in percent ("5", "2.5",
/// Persian digits too), money in the bonus currency.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanDraft {
    pub id: PlanId,
    pub effective_from: String,
    /// Empty for open-ended.
    pub effective_to: String,
    pub new_customer_rate: String,
    pub existing_customer_rate: String,
    pub tiers: Vec<TierDraft>,
    pub rep_bonus: String,
    pub team_bonus: String,
    pub bonus_currency: String,
}

/// A checked plan draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidPlan {
    pub id: PlanId,
    pub effective_from: NaiveDate,
    pub effective_to: Option<NaiveDate>,
    pub new_customer_rate: i64,
    pub existing_customer_rate: i64,
    pub tiers: Vec<TierRates>,
    pub rep_bonus: i64,
    pub team_bonus: i64,
    pub bonus_currency: Option<Currency>,
}

/// Most tiers a plan may have.
pub const MAX_TIERS: usize = 5;
/// Highest tier threshold accepted, in percent of quota.
pub const MAX_TIER_PERCENT: i64 = 1_000;

/// A rate typed in percent with up to two decimals, as basis points.
pub fn parse_rate_percent(text: &str) -> Result<i64, FieldProblem> {
    // Two decimals of a percent are exactly the minor units of a
    // two-decimal currency: "5.25" → 525.
    let basis_points = parse_amount(text, Currency::Usd)?;
    if basis_points > BASIS_POINTS {
        Err(FieldProblem::TooLarge)
    } else {
        Ok(basis_points)
    }
}

/// Basis points shown as the percent a manager typed ("5.25", "8").
pub fn rate_for_input(basis_points: i64) -> String {
    let whole = basis_points / 100;
    let fraction = basis_points % 100;
    if fraction == 0 {
        whole.to_string()
    } else if fraction % 10 == 0 {
        format!("{whole}.{}", fraction / 10)
    } else {
        format!("{whole}.{fraction:02}")
    }
}

impl PlanDraft {
    pub fn validate(&self) -> Result<ValidPlan, FieldErrors> {
        let mut errors = FieldErrors::default();
        let effective_from = errors.check("effective_from", required_date(&self.effective_from));
        let effective_to = if self.effective_to.trim().is_empty() {
            Some(None)
        } else {
            errors
                .check("effective_to", required_date(&self.effective_to))
                .map(Some)
        };
        if let (Some(from), Some(Some(to))) = (effective_from, effective_to) {
            errors.check("effective_to", period_is_ordered(from, to));
        }
        let new_customer_rate = errors.check(
            "new_customer_rate",
            parse_rate_percent(&self.new_customer_rate),
        );
        let existing_customer_rate = errors.check(
            "existing_customer_rate",
            parse_rate_percent(&self.existing_customer_rate),
        );
        if self.tiers.len() > MAX_TIERS {
            errors.add("tiers", FieldProblem::TooLong { max: MAX_TIERS });
        }
        let mut tiers = Vec::new();
        for (index, tier) in self.tiers.iter().enumerate() {
            let field = |name: &str| format!("tiers.{index}.{name}");
            let from = errors.check(
                &field("from_percent_of_quota"),
                whole_number(&tier.from_percent_of_quota, MAX_TIER_PERCENT),
            );
            let new_customer = errors.check(
                &field("new_customer_rate"),
                parse_rate_percent(&tier.new_customer_rate),
            );
            let existing_customer = errors.check(
                &field("existing_customer_rate"),
                parse_rate_percent(&tier.existing_customer_rate),
            );
            if let (Some(from_percent_of_quota), Some(new_customer), Some(existing_customer)) =
                (from, new_customer, existing_customer)
            {
                tiers.push(TierRates {
                    from_percent_of_quota,
                    new_customer,
                    existing_customer,
                });
            }
        }
        crate::domain::sorting::sort_by_key(&mut tiers, |tier| tier.from_percent_of_quota);
        let has_bonus = !self.rep_bonus.trim().is_empty() || !self.team_bonus.trim().is_empty();
        let bonus_currency = if has_bonus {
            errors
                .check("bonus_currency", parse_currency(&self.bonus_currency))
                .map(Some)
        } else {
            Some(None)
        };
        let bonus = |errors: &mut FieldErrors, field: &str, text: &str| match bonus_currency {
            _ if text.trim().is_empty() => Some(0),
            Some(Some(currency)) => errors.check(field, parse_amount(text, currency)),
            _ => None,
        };
        let rep_bonus = bonus(&mut errors, "rep_bonus", &self.rep_bonus);
        let team_bonus = bonus(&mut errors, "team_bonus", &self.team_bonus);
        errors.into_result(|| {
            Some(ValidPlan {
                id: self.id,
                effective_from: effective_from?,
                effective_to: effective_to?,
                new_customer_rate: new_customer_rate?,
                existing_customer_rate: existing_customer_rate?,
                tiers,
                rep_bonus: rep_bonus?,
                team_bonus: team_bonus?,
                bonus_currency: bonus_currency?,
            })
        })
    }
}

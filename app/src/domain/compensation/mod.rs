//! Commission: what a rep's won deals pay under their team's plan, in whole
//! minor units of the deal's currency (no floating point anywhere). Rates
//! are basis points (1 bp = 0.01%), different for new and existing
//! customers, with optional tiers that pay a higher rate on the revenue
//! above a share of quota. Pure and property-tested: commission never goes
//! down when revenue goes up, and tier boundaries are exact.

use super::Choice;
use super::goal::{Goal, GoalMetric, GoalScope};
use super::ids::{PlanId, TeamId, UserId};
use super::lead::{CustomerKind, Lead, LeadStage};
use super::money::{Currency, MoneySum, amount_for_input};
use super::period::Period;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

mod plan_draft;

pub use plan_draft::{
    MAX_TIER_PERCENT, MAX_TIERS, PlanDraft, TierDraft, ValidPlan, parse_rate_percent,
    rate_for_input,
};

/// Basis points in 100%.
pub const BASIS_POINTS: i64 = 10_000;

/// A commission rate for each kind of customer, in basis points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rates {
    pub new_customer: i64,
    pub existing_customer: i64,
}

impl Rates {
    fn for_customer(self, customer: CustomerKind) -> i64 {
        match customer {
            CustomerKind::New => self.new_customer,
            CustomerKind::Existing => self.existing_customer,
        }
    }
}

/// Revenue from `from_percent_of_quota` of the quota upward earns `rates`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tier {
    pub from_percent_of_quota: i64,
    pub rates: Rates,
}

/// A team's plan: base rates, and tiers (any order; the highest threshold
/// reached applies).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub base: Rates,
    pub tiers: Vec<Tier>,
}

/// One won deal, in the order deals closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WonDeal {
    pub amount: i64,
    pub customer: CustomerKind,
}

/// `amount × rate / 10,000`, rounded down, without overflow.
fn share(amount: MoneySum, rate: i64) -> MoneySum {
    amount.saturating_mul(MoneySum::from(rate)) / MoneySum::from(BASIS_POINTS)
}

/// The commission on `deals` (in closing order) against `quota`, in minor
/// units. Each deal's revenue is split at the tier boundaries it crosses,
/// each piece paid at the rate in force where it starts. A quota of zero
/// or less leaves only the base rates (tiers are shares of a quota).
/// Sums are 128-bit (`MoneySum`): a period's revenue may pass `i64::MAX`.
pub fn commission(plan: &Plan, quota: i64, deals: &[WonDeal]) -> MoneySum {
    // Boundaries in revenue, ascending, with the rates from there on.
    let mut boundaries: Vec<(MoneySum, Rates)> = if quota > 0 {
        plan.tiers
            .iter()
            .map(|tier| {
                let at =
                    MoneySum::from(quota) * MoneySum::from(tier.from_percent_of_quota.max(0)) / 100;
                (at, tier.rates)
            })
            .collect()
    } else {
        Vec::new()
    };
    crate::domain::sorting::sort_by_key(&mut boundaries, |(at, _)| *at);
    let rates_at = |revenue: MoneySum| {
        boundaries
            .iter()
            .rev()
            .find(|(at, _)| *at <= revenue)
            .map_or(plan.base, |(_, rates)| *rates)
    };
    let mut revenue: MoneySum = 0;
    let mut total: MoneySum = 0;
    for deal in deals {
        let mut left = MoneySum::from(deal.amount.max(0));
        while left > 0 {
            // The piece up to the next boundary, or the rest of the deal.
            let next = boundaries
                .iter()
                .map(|(at, _)| *at)
                .find(|at| *at > revenue)
                .map_or(left, |at| (at - revenue).min(left));
            let rate = rates_at(revenue).for_customer(deal.customer);
            total = total.saturating_add(share(next, rate));
            revenue = revenue.saturating_add(next);
            left -= next;
        }
    }
    total
}

/// What closing one more deal would add ("closing this at its estimated
/// value pays X"), given what is already won this period.
pub fn commission_if_won(plan: &Plan, quota: i64, won: &[WonDeal], candidate: WonDeal) -> MoneySum {
    let mut with = won.to_vec();
    with.push(candidate);
    commission(plan, quota, &with) - commission(plan, quota, won)
}

/// A tier as stored and sent: from this share of quota upward, these rates
/// (basis points).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierRates {
    pub from_percent_of_quota: i64,
    pub new_customer: i64,
    pub existing_customer: i64,
}

/// A team's compensation plan as stored, synced and shown. Managers edit
/// it; the team's reps read it (and compute their pay from it offline).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CompensationPlan {
    pub id: PlanId,
    pub team_id: TeamId,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::store::columns::StoredDay"))]
    #[serde(with = "crate::domain::wire_time::day")]
    pub effective_from: NaiveDate,
    /// Open-ended when `None`.
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::store::columns::OptionalDay"))]
    #[serde(default, with = "crate::domain::wire_time::optional_day")]
    pub effective_to: Option<NaiveDate>,
    /// Basis points on deals with new customers.
    pub new_customer_rate: i64,
    /// Basis points on deals with existing customers.
    pub existing_customer_rate: i64,
    #[cfg_attr(
        feature = "ssr",
        sqlx(try_from = "crate::store::columns::JsonText<Vec<TierRates>>")
    )]
    pub tiers: Vec<TierRates>,
    /// Paid once to a rep who reaches their monthly revenue target.
    pub rep_bonus: i64,
    /// Paid to every rep of the team when the team's revenue goal is reached.
    pub team_bonus: i64,
    /// The currency of both bonuses (none when there are no bonuses).
    pub bonus_currency: Option<Currency>,
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

impl CompensationPlan {
    /// The rates and tiers as the commission functions take them.
    pub fn plan(&self) -> Plan {
        Plan {
            base: Rates {
                new_customer: self.new_customer_rate,
                existing_customer: self.existing_customer_rate,
            },
            tiers: self
                .tiers
                .iter()
                .map(|tier| Tier {
                    from_percent_of_quota: tier.from_percent_of_quota,
                    rates: Rates {
                        new_customer: tier.new_customer,
                        existing_customer: tier.existing_customer,
                    },
                })
                .collect(),
        }
    }

    pub fn in_force_on(&self, day: NaiveDate) -> bool {
        !self.deleted && self.effective_from <= day && self.effective_to.is_none_or(|to| day <= to)
    }
}

/// The plan of `team` in force on `day`: the one that started last, if
/// several overlap (a new plan replaces the old from its first day).
pub fn plan_in_force(
    plans: &[CompensationPlan],
    team: TeamId,
    day: NaiveDate,
) -> Option<&CompensationPlan> {
    plans
        .iter()
        .filter(|plan| plan.team_id == team && plan.in_force_on(day))
        .max_by_key(|plan| (plan.effective_from, plan.created_at))
}

/// The plan that pays for `period`: of the team's plans in force on any day
/// of it, the one that started last (a new plan covers the whole period it
/// starts in, so a period is never paid under two plans).
pub fn plan_for_period(
    plans: &[CompensationPlan],
    team: TeamId,
    period: Period,
) -> Option<&CompensationPlan> {
    plans
        .iter()
        .filter(|plan| {
            plan.team_id == team
                && !plan.deleted
                && plan.effective_from <= period.end
                && plan.effective_to.is_none_or(|to| to >= period.start)
        })
        .max_by_key(|plan| (plan.effective_from, plan.created_at))
}

/// A rep's quota for a period: their revenue goal for exactly that period,
/// else one running on its first day. Tier thresholds are shares of it.
pub fn quota_for(goals: &[Goal], rep: UserId, period: Period) -> Option<(Currency, i64)> {
    let revenue_goals = || {
        goals.iter().filter(move |goal| {
            !goal.deleted
                && goal.scope == GoalScope::Rep
                && goal.subject_id == rep.0
                && goal.metric == GoalMetric::RevenueWon
        })
    };
    revenue_goals()
        .find(|goal| goal.period_start == period.start && goal.period_end == period.end)
        .or_else(|| {
            revenue_goals()
                .find(|goal| goal.period_start <= period.start && period.start <= goal.period_end)
        })
        .and_then(|goal| goal.currency.map(|currency| (currency, goal.target)))
}

/// The team's revenue goal for the period (exact period first), the one
/// whose reaching pays the team bonus.
pub fn team_revenue_goal(goals: &[Goal], team: TeamId, period: Period) -> Option<&Goal> {
    let team_goals = || {
        goals.iter().filter(move |goal| {
            !goal.deleted
                && goal.scope == GoalScope::Team
                && goal.subject_id == team.0
                && goal.metric == GoalMetric::RevenueWon
        })
    };
    team_goals()
        .find(|goal| goal.period_start == period.start && goal.period_end == period.end)
        .or_else(|| {
            team_goals()
                .find(|goal| goal.period_start <= period.start && period.start <= goal.period_end)
        })
}

/// The team's revenue toward `goal` as far as a rep's device knows: the
/// server's last count (`server_actual`, teammates included), or the rep's
/// own won deals in the goal's currency when those alone are more (a win
/// not synced yet).
pub fn team_revenue_known(
    goal: &Goal,
    server_actual: Option<MoneySum>,
    own_deals: &[(Currency, WonDeal)],
) -> MoneySum {
    let own: MoneySum = own_deals
        .iter()
        .filter(|(currency, _)| Some(*currency) == goal.currency)
        .map(|(_, deal)| MoneySum::from(deal.amount))
        .sum();
    server_actual.unwrap_or(0).max(own)
}

/// What a rep earns in a period: commission per currency, and the bonuses
/// (in the plan's bonus currency) with whether each is reached yet.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Earnings {
    pub commission: BTreeMap<Currency, MoneySum>,
    pub bonus_currency: Option<Currency>,
    pub rep_bonus: i64,
    pub rep_bonus_reached: bool,
    pub team_bonus: i64,
    pub team_bonus_reached: bool,
}

impl Earnings {
    /// Commission plus the bonuses reached, per currency.
    pub fn total(&self) -> BTreeMap<Currency, MoneySum> {
        let mut total = self.commission.clone();
        if let Some(currency) = self.bonus_currency {
            let reached = if self.rep_bonus_reached {
                self.rep_bonus
            } else {
                0
            } + if self.team_bonus_reached {
                self.team_bonus
            } else {
                0
            };
            if reached > 0 {
                *total.entry(currency).or_insert(0) += MoneySum::from(reached);
            }
        }
        total
    }
}

/// A rep's earnings: commission on `deals` (closing order) under `plan`,
/// the rep bonus when their revenue in the quota's currency reaches the
/// quota, the team bonus when `team_reached`.
pub fn earnings(
    plan: &CompensationPlan,
    quota: Option<(Currency, i64)>,
    deals: &[(Currency, WonDeal)],
    team_reached: bool,
) -> Earnings {
    let rep_reached = quota.is_some_and(|(currency, target)| {
        let revenue: MoneySum = deals
            .iter()
            .filter(|(code, _)| *code == currency)
            .map(|(_, deal)| MoneySum::from(deal.amount))
            .sum();
        target > 0 && revenue >= MoneySum::from(target)
    });
    Earnings {
        commission: commission_by_currency(&plan.plan(), quota, deals),
        bonus_currency: plan.bonus_currency,
        rep_bonus: plan.rep_bonus,
        rep_bonus_reached: rep_reached && plan.rep_bonus > 0,
        team_bonus: plan.team_bonus,
        team_bonus_reached: team_reached && plan.team_bonus > 0,
    }
}

/// A rep's won deals closed inside `period`, in closing order, with their
/// currency: the input of every commission figure.
pub fn won_deals_in(
    leads: &[Lead],
    owner: UserId,
    period: Period,
    zone: &crate::domain::time_zone::UtcOffsets,
) -> Vec<(Currency, WonDeal)> {
    let mut won: Vec<&Lead> = leads
        .iter()
        .filter(|lead| {
            lead.owner_id == owner
                && !lead.deleted
                && lead.stage == LeadStage::Won
                && lead
                    .closed_at
                    .is_some_and(|at| period.contains(zone.local_day(at)))
        })
        .collect();
    crate::domain::sorting::sort_by_key(&mut won, |lead| (lead.closed_at, lead.id));
    won.into_iter()
        .map(|lead| {
            (
                lead.currency,
                WonDeal {
                    amount: lead.won_amount.unwrap_or(0),
                    customer: lead.customer_kind,
                },
            )
        })
        .collect()
}

/// Commission per currency. The quota (the rep's revenue target, in its
/// currency) sets the tier boundaries for deals in that currency; deals in
/// other currencies earn the base rates.
pub fn commission_by_currency(
    plan: &Plan,
    quota: Option<(Currency, i64)>,
    deals: &[(Currency, WonDeal)],
) -> BTreeMap<Currency, MoneySum> {
    let mut by_currency: BTreeMap<Currency, Vec<WonDeal>> = BTreeMap::new();
    for (currency, deal) in deals {
        by_currency.entry(*currency).or_default().push(*deal);
    }
    by_currency
        .into_iter()
        .map(|(currency, deals)| {
            let quota = quota
                .filter(|(code, _)| *code == currency)
                .map_or(0, |(_, amount)| amount);
            (currency, commission(plan, quota, &deals))
        })
        .collect()
}

/// What closing `candidate` (a lead at its estimated value) would add to
/// the rep's commission this period.
pub fn payout_if_won(
    plan: &Plan,
    quota: Option<(Currency, i64)>,
    won: &[(Currency, WonDeal)],
    currency: Currency,
    candidate: WonDeal,
) -> MoneySum {
    let same: Vec<WonDeal> = won
        .iter()
        .filter(|(code, _)| *code == currency)
        .map(|(_, deal)| *deal)
        .collect();
    let quota = quota
        .filter(|(code, _)| *code == currency)
        .map_or(0, |(_, amount)| amount);
    commission_if_won(plan, quota, &same, candidate)
}

/// One line of the manager's commission report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommissionLine {
    pub user_id: UserId,
    pub name: String,
    pub currency: Currency,
    /// Won revenue in the period, minor units (128 bits: `MoneySum`).
    pub revenue: MoneySum,
    pub deals: i64,
    pub commission: MoneySum,
    /// Bonuses earned in this currency (rep and team), minor units.
    pub bonus: MoneySum,
}

/// The report as CSV (RFC 4180: comma separated, quoted where needed,
/// CRLF line ends), amounts as plain decimals in the currency's units.
pub fn commission_csv(period: Period, lines: &[CommissionLine]) -> String {
    let quote = super::csv::field;
    let mut csv = String::from(
        "rep,period_start,period_end,currency,deals_won,revenue_won,commission,bonus,total\r\n",
    );
    for line in lines {
        let money = |minor: MoneySum| amount_for_input(minor, line.currency);
        csv.push_str(&format!(
            "{},{},{},{},{},{},{},{},{}\r\n",
            quote(&line.name),
            period.start.format("%Y-%m-%d"),
            period.end.format("%Y-%m-%d"),
            line.currency.as_str(),
            line.deals,
            money(line.revenue),
            money(line.commission),
            money(line.bonus),
            money(line.commission.saturating_add(line.bonus)),
        ));
    }
    csv
}

#[cfg(test)]
mod tests;

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
use super::money::{Currency, MoneySum, amount_for_input, parse_amount, parse_currency};
use super::period::Period;
use super::validation::{
    FieldErrors, FieldProblem, period_is_ordered, required_date, whole_number,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
mod tests {
    use super::*;

    #[test]
    fn commission_on_ten_thousand_deals_at_the_cap_is_exact() {
        use crate::domain::money::MAX_MINOR_UNITS;
        let deals = vec![
            WonDeal {
                amount: MAX_MINOR_UNITS,
                customer: CustomerKind::New,
            };
            10_000
        ];
        // Quota at 10^18: the first thousand deals at 5%, the rest at 8%.
        let quota = 1_000 * MAX_MINOR_UNITS;
        let cap = MoneySum::from(MAX_MINOR_UNITS);
        assert_eq!(
            commission(&plan(), quota, &deals),
            1_000 * cap * 5 / 100 + 9_000 * cap * 8 / 100
        );
        let now = Utc::now();
        let bonus_plan = CompensationPlan {
            id: PlanId::new(),
            team_id: TeamId::new(),
            effective_from: now.date_naive(),
            effective_to: None,
            new_customer_rate: 500,
            existing_customer_rate: 200,
            tiers: Vec::new(),
            rep_bonus: 1,
            team_bonus: 0,
            bonus_currency: Some(Currency::Usd),
            created_by: UserId::new(),
            created_at: now,
            updated_at: now,
            version: 1,
            deleted: false,
        };
        let with_currency: Vec<_> = deals.iter().map(|deal| (Currency::Usd, *deal)).collect();
        // The rep's revenue (10^19) passes i64::MAX and still reaches a quota near it.
        let reached = earnings(
            &bonus_plan,
            Some((Currency::Usd, i64::MAX)),
            &with_currency,
            false,
        );
        assert!(reached.rep_bonus_reached);
    }

    fn plan() -> Plan {
        Plan {
            // 5% on new customers, 2% on existing ones...
            base: Rates {
                new_customer: 500,
                existing_customer: 200,
            },
            // ...8% / 3% on revenue above 100% of quota.
            tiers: vec![Tier {
                from_percent_of_quota: 100,
                rates: Rates {
                    new_customer: 800,
                    existing_customer: 300,
                },
            }],
        }
    }

    fn deal(amount: i64, customer: CustomerKind) -> WonDeal {
        WonDeal { amount, customer }
    }

    #[test]
    fn a_reps_device_knows_the_team_revenue_from_the_server_or_its_own_wins() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default();
        let goal = Goal {
            id: crate::domain::GoalId::new(),
            team_id: TeamId(uuid::Uuid::now_v7()),
            scope: GoalScope::Team,
            subject_id: uuid::Uuid::now_v7(),
            subject_name: "Team".into(),
            metric: GoalMetric::RevenueWon,
            target: 1_000_000,
            currency: Some(Currency::Usd),
            period_start: day,
            period_end: day,
            created_by: crate::domain::UserId::new(),
            created_at: chrono::Utc::now(),
            updated_at: chrono::Utc::now(),
            version: 1,
            deleted: false,
        };
        let own = [
            (Currency::Usd, deal(300_000, CustomerKind::New)),
            (Currency::Eur, deal(900_000, CustomerKind::New)),
        ];
        // The server counted teammates too: its number wins.
        assert_eq!(team_revenue_known(&goal, Some(800_000), &own), 800_000);
        // A win not synced yet: the rep's own deals (goal currency only).
        assert_eq!(team_revenue_known(&goal, Some(100_000), &own), 300_000);
        assert_eq!(team_revenue_known(&goal, None, &own), 300_000);
        assert_eq!(team_revenue_known(&goal, None, &[]), 0);
    }

    #[test]
    fn base_rates_differ_for_new_and_existing_customers() {
        let deals = [
            deal(100_000, CustomerKind::New),
            deal(100_000, CustomerKind::Existing),
        ];
        assert_eq!(commission(&plan(), 1_000_000, &deals), 5_000 + 2_000);
    }

    #[test]
    fn the_tier_boundary_is_exact() {
        let quota = 1_000_000;
        // Exactly at quota: all at the base rate.
        assert_eq!(
            commission(&plan(), quota, &[deal(quota, CustomerKind::New)]),
            50_000
        );
        // One minor unit more: that unit is at the tier rate (8% of 100 units
        // shows it: 100 units above quota pay 8, not 5).
        assert_eq!(
            commission(&plan(), quota, &[deal(quota + 100, CustomerKind::New)]),
            50_000 + 8
        );
        // A deal that straddles the boundary is split at it.
        let deals = [
            deal(900_000, CustomerKind::New),
            deal(200_000, CustomerKind::Existing),
        ];
        assert_eq!(
            commission(&plan(), quota, &deals),
            45_000 + 100_000 * 200 / 10_000 + 100_000 * 300 / 10_000
        );
    }

    #[test]
    fn tiers_in_any_order_and_without_a_quota() {
        let mut shuffled = plan();
        shuffled.tiers.push(Tier {
            from_percent_of_quota: 50,
            rates: Rates {
                new_customer: 600,
                existing_customer: 250,
            },
        });
        shuffled.tiers.reverse();
        // 0-50%: 5%, 50-100%: 6%, above: 8%.
        assert_eq!(
            commission(&shuffled, 1_000, &[deal(1_500, CustomerKind::New)]),
            25 + 30 + 40
        );
        // No quota: base rates only.
        assert_eq!(
            commission(&shuffled, 0, &[deal(1_500, CustomerKind::New)]),
            75
        );
    }

    #[test]
    fn what_one_more_deal_pays() {
        let won = [deal(950_000, CustomerKind::New)];
        // 50,000 to quota at 5% = 2,500, then 50,000 above at 8% = 4,000.
        assert_eq!(
            commission_if_won(&plan(), 1_000_000, &won, deal(100_000, CustomerKind::New)),
            6_500
        );
    }

    /// A small deterministic generator, so the property runs the same
    /// cases everywhere and a failure can be replayed.
    struct Dice(u64);
    impl Dice {
        fn below(&mut self, bound: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (self.0 >> 33) % bound.max(1)
        }
    }

    #[test]
    fn commission_never_goes_down_when_revenue_goes_up() {
        let mut dice = Dice(7);
        for case in 0..2_000 {
            let mut plan = plan();
            for _ in 0..dice.below(3) {
                plan.tiers.push(Tier {
                    from_percent_of_quota: dice.below(200) as i64,
                    rates: Rates {
                        // Tiers pay at least the base rate, as plans do.
                        new_customer: 500 + dice.below(1_000) as i64,
                        existing_customer: 200 + dice.below(1_000) as i64,
                    },
                });
            }
            let quota = dice.below(10_000_000) as i64;
            let customer = |dice: &mut Dice| {
                if dice.below(2) == 0 {
                    CustomerKind::New
                } else {
                    CustomerKind::Existing
                }
            };
            let mut deals: Vec<WonDeal> = (0..dice.below(6))
                .map(|_| deal(dice.below(5_000_000) as i64, customer(&mut dice)))
                .collect();
            let before = commission(&plan, quota, &deals);
            assert!(before >= 0, "case {case}");
            // A bigger last deal, or one more deal, never pays less.
            if let Some(last) = deals.last_mut() {
                last.amount += dice.below(1_000_000) as i64;
                assert!(commission(&plan, quota, &deals) >= before, "case {case}");
            }
            let bigger = commission(&plan, quota, &deals);
            deals.push(deal(dice.below(1_000_000) as i64, customer(&mut dice)));
            assert!(commission(&plan, quota, &deals) >= bigger, "case {case}");
        }
    }

    fn plan_draft() -> PlanDraft {
        PlanDraft {
            effective_from: "2026-11-01".into(),
            new_customer_rate: "5".into(),
            existing_customer_rate: "۲٫۵".into(),
            tiers: vec![TierDraft {
                from_percent_of_quota: "100".into(),
                new_customer_rate: "8".into(),
                existing_customer_rate: "3.25".into(),
            }],
            rep_bonus: "500".into(),
            bonus_currency: "USD".into(),
            ..PlanDraft::default()
        }
    }

    #[test]
    fn a_plan_is_typed_in_percent_and_kept_in_basis_points() {
        let plan = plan_draft().validate().expect("valid");
        assert_eq!(
            (plan.new_customer_rate, plan.existing_customer_rate),
            (500, 250)
        );
        assert_eq!(
            plan.tiers[0],
            TierRates {
                from_percent_of_quota: 100,
                new_customer: 800,
                existing_customer: 325
            }
        );
        assert_eq!(
            (plan.rep_bonus, plan.team_bonus, plan.bonus_currency),
            (50_000, 0, Some(Currency::Usd))
        );
        assert_eq!(plan.effective_to, None);
        assert_eq!(rate_for_input(325), "3.25");
        assert_eq!(rate_for_input(250), "2.5");
        assert_eq!(rate_for_input(800), "8");
    }

    #[test]
    fn a_bad_plan_names_every_bad_field() {
        let draft = PlanDraft {
            effective_from: "2026-11-01".into(),
            effective_to: "2026-10-01".into(),
            new_customer_rate: "120".into(),
            existing_customer_rate: "".into(),
            tiers: vec![TierDraft {
                from_percent_of_quota: "lots".into(),
                new_customer_rate: "8.125".into(),
                existing_customer_rate: "3".into(),
            }],
            rep_bonus: "500".into(),
            bonus_currency: "".into(),
            ..PlanDraft::default()
        };
        let errors = draft.validate().expect_err("bad");
        for (field, problem) in [
            ("effective_to", FieldProblem::EndBeforeStart),
            ("new_customer_rate", FieldProblem::TooLarge),
            ("existing_customer_rate", FieldProblem::Required),
            ("tiers.0.from_percent_of_quota", FieldProblem::NotANumber),
            ("tiers.0.new_customer_rate", FieldProblem::NotANumber),
            ("bonus_currency", FieldProblem::UnknownChoice),
        ] {
            assert_eq!(errors.for_field(field), Some(&problem), "{field}");
        }
    }

    #[test]
    fn tiers_use_the_quota_of_their_currency_only() {
        let plan = plan();
        let deals = [
            (Currency::Usd, deal(100_000, CustomerKind::New)),
            (Currency::Irr, deal(10_000_000, CustomerKind::New)),
            (Currency::Usd, deal(100_000, CustomerKind::New)),
        ];
        // Quota 100,000 USD: the first deal at 5%, the second above quota at 8%.
        let paid = commission_by_currency(&plan, Some((Currency::Usd, 100_000)), &deals);
        assert_eq!(paid.get(&Currency::Usd), Some(&(5_000 + 8_000)));
        // Rials have no quota here: base 5% only.
        assert_eq!(paid.get(&Currency::Irr), Some(&500_000));
        // One more 50,000 USD deal would pay 8% of it; the same in rials 5%.
        let won = &deals[..];
        assert_eq!(
            payout_if_won(
                &plan,
                Some((Currency::Usd, 100_000)),
                won,
                Currency::Usd,
                deal(50_000, CustomerKind::New)
            ),
            4_000
        );
        assert_eq!(
            payout_if_won(
                &plan,
                Some((Currency::Usd, 100_000)),
                won,
                Currency::Irr,
                deal(50_000, CustomerKind::New)
            ),
            2_500
        );
    }

    #[test]
    fn the_csv_quotes_names_and_defuses_formulas() {
        let period = Period {
            start: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default(),
            end: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap_or_default(),
        };
        let line = |name: &str| CommissionLine {
            user_id: UserId::new(),
            name: name.into(),
            currency: Currency::Usd,
            revenue: 140_000,
            deals: 1,
            commission: 7_000,
            bonus: 50_000,
        };
        let csv = commission_csv(
            period,
            &[line("Sara, \"the closer\""), line("=HYPERLINK(1)")],
        );
        let rows: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            rows[0],
            "rep,period_start,period_end,currency,deals_won,revenue_won,commission,bonus,total"
        );
        assert_eq!(
            rows[1],
            "\"Sara, \"\"the closer\"\"\",2026-11-01,2026-11-30,USD,1,1400,70,500,570"
        );
        assert!(rows[2].starts_with("'=HYPERLINK(1),"), "{}", rows[2]);
    }
}

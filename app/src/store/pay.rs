//! Compensation plans, kudos, and the commission report in SQL. Plans and
//! kudos are synced rows (versions from `sync_state`, tombstones); the
//! report reads won deals in closing order and pays them with the same pure
//! functions the rep's device uses.

use super::{Store, StoreResult, date_text, instant_text, next_version};
use crate::domain::CustomerKind;
use crate::domain::compensation::{
    CommissionLine, CompensationPlan, ValidPlan, WonDeal, earnings, plan_for_period, quota_for,
    team_revenue_goal,
};
use crate::domain::ids::{PlanId, TeamId, UserId};
use crate::domain::period::Period;
use crate::domain::recognition::{Kudos, ValidKudos};
use crate::domain::{Currency, GoalMetric, Role};
use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use std::collections::BTreeMap;

pub(crate) const PLAN_SELECT: &str = "SELECT p.* FROM compensation_plans p";

pub(crate) fn plan_from_row(row: &AnyRow) -> StoreResult<CompensationPlan> {
    sqlx::FromRow::from_row(row)
}

pub(crate) const KUDOS_SELECT: &str = "SELECT k.*, f.display_name AS from_name, t.display_name AS to_name FROM kudos k \
     JOIN users f ON f.id = k.from_user_id JOIN users t ON t.id = k.to_user_id";

pub(crate) fn kudos_from_row(row: &AnyRow) -> StoreResult<Kudos> {
    sqlx::FromRow::from_row(row)
}

impl Store {
    /// A team's plans, deleted ones included (the caller filters).
    pub async fn team_plans(&self, team_id: TeamId) -> StoreResult<Vec<CompensationPlan>> {
        let rows = sqlx::query(self.backend().assembled(format!(
            "{PLAN_SELECT} WHERE p.team_id = ? ORDER BY p.effective_from, p.id"
        )))
        .bind(team_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(plan_from_row).collect()
    }

    pub async fn plan(&self, id: PlanId) -> StoreResult<Option<CompensationPlan>> {
        let mut connection = self.pool().acquire().await?;
        plan_in(&mut connection, id).await
    }

    /// Commission and bonuses per rep (and currency) of a team over a
    /// period, from the canonical data, paid under the plan for the period.
    /// Reps with nothing earned still get a line, so the report lists the
    /// whole team.
    pub async fn commission_report(
        &self,
        team_id: TeamId,
        period: Period,
        zone: &crate::domain::time_zone::UtcOffsets,
    ) -> StoreResult<Vec<CommissionLine>> {
        let (from, until) = zone.span(period);
        let plans = self.team_plans(team_id).await?;
        let goals = self.list_goals(Some(team_id)).await?;
        let reps: Vec<_> = self
            .team_members(team_id)
            .await?
            .into_iter()
            .filter(|member| member.role == Role::Rep)
            .collect();
        let rows: Vec<(UserId, Currency, Option<i64>, CustomerKind)> = sqlx::query_as(
            "SELECT owner_id, currency, won_amount, customer_kind FROM leads \
             WHERE owner_id IN (SELECT id FROM users WHERE team_id = $1) AND stage = 'won' AND deleted = 0 \
               AND closed_at >= $2 AND closed_at < $3 \
             ORDER BY closed_at, id",
        )
        .bind(team_id)
        .bind(instant_text(from))
        .bind(instant_text(until))
        .fetch_all(self.pool())
        .await?;
        let mut deals: BTreeMap<UserId, Vec<(Currency, WonDeal)>> = BTreeMap::new();
        for (owner, currency, amount, customer) in rows {
            deals.entry(owner).or_default().push((
                currency,
                WonDeal {
                    amount: amount.unwrap_or(0),
                    customer,
                },
            ));
        }
        let team_reached = match team_revenue_goal(&goals, team_id, period) {
            Some(goal) => {
                let totals = self.team_totals(team_id, period).await?.team();
                goal.target > 0
                    && totals.value(GoalMetric::RevenueWon, goal.currency)
                        >= i128::from(goal.target)
            }
            None => false,
        };
        let plan = plan_for_period(&plans, team_id, period);
        let mut lines = Vec::new();
        for rep in reps {
            let rep_deals = deals.remove(&rep.id).unwrap_or_default();
            let mut revenue: BTreeMap<Currency, (i128, i64)> = BTreeMap::new();
            for (currency, deal) in &rep_deals {
                let entry = revenue.entry(*currency).or_insert((0, 0));
                entry.0 += i128::from(deal.amount);
                entry.1 += 1;
            }
            let earned = plan
                .map(|plan| {
                    earnings(
                        plan,
                        quota_for(&goals, rep.id, period),
                        &rep_deals,
                        team_reached,
                    )
                })
                .unwrap_or_default();
            let mut currencies: Vec<Currency> = revenue.keys().copied().collect();
            if let Some(currency) = earned.bonus_currency
                && !currencies.contains(&currency)
            {
                currencies.push(currency);
            }
            if currencies.is_empty() {
                currencies.push(
                    quota_for(&goals, rep.id, period)
                        .map_or(Currency::Usd, |(currency, _)| currency),
                );
            }
            let total = earned.total();
            for currency in currencies {
                let (amount, count) = revenue.get(&currency).copied().unwrap_or((0, 0));
                let commission = earned.commission.get(&currency).copied().unwrap_or(0);
                lines.push(CommissionLine {
                    user_id: rep.id,
                    name: rep.display_name.clone(),
                    currency,
                    revenue: amount,
                    deals: count,
                    commission,
                    bonus: total.get(&currency).copied().unwrap_or(0) - commission,
                });
            }
        }
        Ok(lines)
    }
}

/// Stores a kudos post inside the caller's transaction and reads it back.
/// A retried post (same id) changes nothing; the row read back may then be
/// someone else's, which the caller checks.
pub(crate) async fn insert_kudos_in(
    connection: &mut sqlx::AnyConnection,
    kudos: &ValidKudos,
    team_id: TeamId,
    from: UserId,
    now: DateTime<Utc>,
) -> StoreResult<Option<Kudos>> {
    let version = next_version(&mut *connection).await?;
    let now = instant_text(now);
    sqlx::query(
        "INSERT INTO kudos (id, team_id, from_user_id, to_user_id, message, created_at, updated_at, version) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING",
    )
    .bind(kudos.id)
    .bind(team_id)
    .bind(from.to_string())
    .bind(kudos.to_user_id)
    .bind(&kudos.message)
    .bind(&now)
    .bind(&now)
    .bind(version)
    .execute(&mut *connection)
    .await?;
    let row = sqlx::query(
        crate::store::Backend::of_connection(connection)
            .assembled(format!("{KUDOS_SELECT} WHERE k.id = ?")),
    )
    .bind(kudos.id)
    .fetch_optional(&mut *connection)
    .await?;
    row.as_ref().map(kudos_from_row).transpose()
}

/// Like `Store::plan`, inside a caller's transaction.
pub(super) async fn plan_in(
    connection: &mut sqlx::AnyConnection,
    id: PlanId,
) -> StoreResult<Option<CompensationPlan>> {
    let row = sqlx::query(
        crate::store::Backend::of_connection(connection)
            .assembled(format!("{PLAN_SELECT} WHERE p.id = ?")),
    )
    .bind(id)
    .fetch_optional(&mut *connection)
    .await?;
    row.as_ref().map(plan_from_row).transpose()
}

/// Inserts or replaces a plan with a new sync version, inside the caller's
/// write transaction.
pub(super) async fn upsert_plan_in(
    connection: &mut sqlx::AnyConnection,
    plan: &ValidPlan,
    team_id: TeamId,
    created_by: UserId,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let tiers =
        serde_json::to_string(&plan.tiers).map_err(|error| sqlx::Error::Encode(Box::new(error)))?;
    let version = next_version(connection).await?;
    let now = instant_text(now);
    sqlx::query(
            "INSERT INTO compensation_plans (id, team_id, effective_from, effective_to, new_customer_rate, \
                 existing_customer_rate, tiers, rep_bonus, team_bonus, bonus_currency, created_by, created_at, \
                 updated_at, version) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) \
             ON CONFLICT (id) DO UPDATE SET effective_from = excluded.effective_from, \
                 effective_to = excluded.effective_to, new_customer_rate = excluded.new_customer_rate, \
                 existing_customer_rate = excluded.existing_customer_rate, tiers = excluded.tiers, \
                 rep_bonus = excluded.rep_bonus, team_bonus = excluded.team_bonus, \
                 bonus_currency = excluded.bonus_currency, updated_at = excluded.updated_at, \
                 version = excluded.version",
        )
        .bind(plan.id)
        .bind(team_id)
        .bind(date_text(plan.effective_from))
        .bind(plan.effective_to.map(date_text))
        .bind(plan.new_customer_rate)
        .bind(plan.existing_customer_rate)
        .bind(tiers)
        .bind(plan.rep_bonus)
        .bind(plan.team_bonus)
        .bind(plan.bonus_currency)
        .bind(created_by)
        .bind(&now)
        .bind(&now)
        .bind(version)
        .execute(&mut *connection)
        .await?;
    Ok(())
}

/// Marks a plan deleted with a new sync version, inside the caller's write
/// transaction.
pub(super) async fn delete_plan_in(
    connection: &mut sqlx::AnyConnection,
    id: PlanId,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let version = next_version(connection).await?;
    sqlx::query(
        "UPDATE compensation_plans SET deleted = 1, updated_at = $1, version = $2 WHERE id = $3",
    )
    .bind(instant_text(now))
    .bind(version)
    .bind(id)
    .execute(&mut *connection)
    .await?;
    Ok(())
}

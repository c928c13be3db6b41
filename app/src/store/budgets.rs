//! A team's budget in SQL: lines (category, period, planned amount) and
//! spending entries against them, plus the team's event costs counted on
//! its "events" lines. Callers check the manager's right to the team first.

use super::columns::StoredDay;
use super::{Store, StoreResult, date_text, instant_text};
use crate::domain::budget::{BudgetCategory, BudgetLine, BudgetStanding, Spending};
use crate::domain::money::MoneySum;
use crate::domain::{BudgetLineId, Currency, SpendingId, TeamId, UserId};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;

impl Store {
    /// Creates or changes a line of `line.team_id`; an id of another
    /// team's (or a deleted) line changes nothing (`false`).
    pub async fn save_budget_line(
        &self,
        line: &BudgetLine,
        by: UserId,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        let at = instant_text(now);
        let saved = sqlx::query(
            "INSERT INTO budget_lines (id, team_id, category, period_start, period_end, planned, currency, \
                 created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
             ON CONFLICT (id) DO UPDATE SET category = excluded.category, period_start = excluded.period_start, \
                 period_end = excluded.period_end, planned = excluded.planned, currency = excluded.currency, \
                 updated_at = excluded.updated_at \
             WHERE budget_lines.team_id = excluded.team_id AND budget_lines.deleted = 0",
        )
        .bind(line.id)
        .bind(line.team_id)
        .bind(line.category)
        .bind(date_text(line.period_start))
        .bind(date_text(line.period_end))
        .bind(line.planned)
        .bind(line.currency)
        .bind(by)
        .bind(&at)
        .bind(&at)
        .execute(self.pool())
        .await?;
        Ok(saved.rows_affected() > 0)
    }

    /// The team and currency of a live line, `None` for an unknown one.
    pub async fn budget_line_owner(
        &self,
        line_id: BudgetLineId,
    ) -> StoreResult<Option<(TeamId, crate::domain::Currency)>> {
        sqlx::query_as("SELECT team_id, currency FROM budget_lines WHERE id = $1 AND deleted = 0")
            .bind(line_id)
            .fetch_optional(self.pool())
            .await
    }

    pub async fn delete_budget_line(
        &self,
        line_id: BudgetLineId,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        sqlx::query("UPDATE budget_lines SET deleted = 1, updated_at = $1 WHERE id = $2")
            .bind(instant_text(now))
            .bind(line_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Keeps a spending entry (a second save of the same id changes nothing).
    pub async fn add_spending(
        &self,
        spending: &Spending,
        by: UserId,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO budget_spending (id, line_id, spent_on, amount, note, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING",
        )
        .bind(spending.id)
        .bind(spending.line_id)
        .bind(date_text(spending.spent_on))
        .bind(spending.amount)
        .bind(&spending.note)
        .bind(by)
        .bind(instant_text(now))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The line a spending entry is against, `None` for an unknown one.
    pub async fn spending_line(
        &self,
        spending_id: SpendingId,
    ) -> StoreResult<Option<BudgetLineId>> {
        sqlx::query_scalar("SELECT line_id FROM budget_spending WHERE id = $1")
            .bind(spending_id)
            .fetch_optional(self.pool())
            .await
    }

    pub async fn remove_spending(&self, spending_id: SpendingId) -> StoreResult<()> {
        sqlx::query("DELETE FROM budget_spending WHERE id = $1")
            .bind(spending_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Every live line of the team (latest period first) with its entries
    /// and, on "events" lines, the costs of the team's events that start
    /// in the line's period and are in its currency.
    pub async fn team_budget(&self, team_id: TeamId) -> StoreResult<Vec<BudgetStanding>> {
        let lines: Vec<BudgetLine> = sqlx::query_as(
            "SELECT id, team_id, category, period_start, period_end, planned, currency FROM budget_lines \
             WHERE team_id = $1 AND deleted = 0 ORDER BY period_start DESC, category, id",
        )
        .bind(team_id)
        .fetch_all(self.pool())
        .await?;
        let entries: Vec<Spending> = sqlx::query_as(
            "SELECT s.id, s.line_id, s.spent_on, s.amount, s.note FROM budget_spending s \
             JOIN budget_lines b ON b.id = s.line_id WHERE b.team_id = $1 AND b.deleted = 0 \
             ORDER BY s.spent_on DESC, s.id",
        )
        .bind(team_id)
        .fetch_all(self.pool())
        .await?;
        let event_costs: Vec<(StoredDay, i64, Currency)> = sqlx::query_as(
            "SELECT starts_on, cost, currency FROM sales_events WHERE team_id = $1 AND deleted = 0",
        )
        .bind(team_id)
        .fetch_all(self.pool())
        .await?;
        let mut by_line: HashMap<BudgetLineId, Vec<Spending>> = HashMap::new();
        for entry in entries {
            by_line.entry(entry.line_id).or_default().push(entry);
        }
        let event_costs: Vec<(NaiveDate, i64, Currency)> = event_costs
            .into_iter()
            .map(|(start, cost, currency)| (start.into(), cost, currency))
            .collect();
        Ok(lines
            .into_iter()
            .map(|line| {
                let costs: MoneySum = if line.category == BudgetCategory::Events {
                    event_costs
                        .iter()
                        .filter(|(start, _, currency)| {
                            *currency == line.currency
                                && line.period_start <= *start
                                && *start <= line.period_end
                        })
                        .map(|(_, cost, _)| MoneySum::from(*cost))
                        .sum()
                } else {
                    0
                };
                BudgetStanding {
                    entries: by_line.remove(&line.id).unwrap_or_default(),
                    line,
                    event_costs: costs,
                }
            })
            .collect())
    }
}

//! Events in SQL: a team's fairs, conferences and webinars, which leads
//! were captured at each (tagged when a manager imports the list brought
//! back), and the figures that say whether each paid for itself. Callers
//! check the manager's right to the team first.

use super::columns::StoredDay;
use super::{Store, StoreResult, date_text, instant_text, money_sum_sql, whole_sum};
use crate::domain::event::{EventResults, SalesEvent, SourceResults};
use crate::domain::money::MoneySum;
use crate::domain::{Choice, Currency, EventId, LeadSource, TeamId, UserId};
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;
use std::collections::HashMap;

const EVENT_COLUMNS: &str =
    "e.id, e.team_id, e.name, e.kind, e.starts_on, e.ends_on, e.place, e.cost, e.currency";

impl Store {
    /// Creates or changes an event of `event.team_id`. An id that belongs
    /// to another team's event changes nothing (`false`).
    pub async fn save_event(
        &self,
        event: &SalesEvent,
        by: UserId,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        let at = instant_text(now);
        let saved = sqlx::query(
            "INSERT INTO sales_events (id, team_id, name, kind, starts_on, ends_on, place, cost, currency, \
                 created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, \
                 starts_on = excluded.starts_on, ends_on = excluded.ends_on, place = excluded.place, \
                 cost = excluded.cost, currency = excluded.currency, updated_at = excluded.updated_at \
             WHERE sales_events.team_id = excluded.team_id AND sales_events.deleted = 0",
        )
        .bind(event.id)
        .bind(event.team_id)
        .bind(&event.name)
        .bind(event.kind)
        .bind(date_text(event.starts_on))
        .bind(date_text(event.ends_on))
        .bind(&event.place)
        .bind(event.cost)
        .bind(event.currency)
        .bind(by)
        .bind(&at)
        .bind(&at)
        .execute(self.pool())
        .await?;
        Ok(saved.rows_affected() > 0)
    }

    /// The team of a live event, `None` for an unknown or deleted one.
    /// The live events of `team` (every team's with `None`), newest
    /// first, as the lead form offers them.
    pub async fn event_choices(
        &self,
        team: Option<TeamId>,
    ) -> StoreResult<Vec<crate::domain::event::EventChoice>> {
        let rows: Vec<(EventId, TeamId, String, StoredDay)> = sqlx::query_as(
            "SELECT id, team_id, name, starts_on FROM sales_events \
             WHERE deleted = 0 AND ($1 IS NULL OR team_id = $2) ORDER BY starts_on DESC, id LIMIT 200",
        )
        .bind(team)
        .bind(team)
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(
                |(id, team_id, name, starts_on)| crate::domain::event::EventChoice {
                    id,
                    team_id,
                    name,
                    starts_on: starts_on.into(),
                },
            )
            .collect())
    }

    pub async fn event_team(&self, event_id: EventId) -> StoreResult<Option<TeamId>> {
        let mut connection = self.pool().acquire().await?;
        event_team_in(&mut connection, event_id).await
    }

    /// Takes an event off the list; its leads keep their source.
    pub async fn delete_event(&self, event_id: EventId, now: DateTime<Utc>) -> StoreResult<()> {
        sqlx::query("UPDATE sales_events SET deleted = 1, updated_at = $1 WHERE id = $2")
            .bind(instant_text(now))
            .bind(event_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Every live event of the team, latest first, with its leads, won
    /// deals and won revenue per currency.
    pub async fn team_event_results(&self, team_id: TeamId) -> StoreResult<Vec<EventResults>> {
        /// An event with its counts.
        #[derive(sqlx::FromRow)]
        struct Counted {
            #[sqlx(flatten)]
            event: SalesEvent,
            leads: i64,
            won: i64,
        }
        let rows: Vec<Counted> = sqlx::query_as(self.backend().assembled(format!(
            "SELECT {EVENT_COLUMNS}, COUNT(l.id) AS leads, \
                 COALESCE(CAST(SUM(CASE WHEN l.stage = 'won' THEN 1 ELSE 0 END) AS BIGINT), 0) AS won \
             FROM sales_events e \
             LEFT JOIN event_leads el ON el.event_id = e.id \
             LEFT JOIN leads l ON l.id = el.lead_id AND l.deleted = 0 \
             WHERE e.team_id = ? AND e.deleted = 0 \
             GROUP BY e.id ORDER BY e.starts_on DESC, e.name"
        )))
        .bind(team_id)
        .fetch_all(self.pool())
        .await?;
        let revenue_rows: Vec<(EventId, Currency, i64, i64)> =
            sqlx::query_as(self.backend().assembled(format!(
                "SELECT el.event_id, l.currency, {} \
             FROM event_leads el JOIN leads l ON l.id = el.lead_id \
             JOIN sales_events e ON e.id = el.event_id \
             WHERE e.team_id = ? AND e.deleted = 0 AND l.deleted = 0 AND l.stage = 'won' \
             GROUP BY el.event_id, l.currency",
                money_sum_sql("COALESCE(l.won_amount, 0)", "revenue")
            )))
            .bind(team_id)
            .fetch_all(self.pool())
            .await?;
        let mut revenue: HashMap<EventId, Vec<(Currency, MoneySum)>> = HashMap::new();
        for (event, currency, low, high) in revenue_rows {
            revenue
                .entry(event)
                .or_default()
                .push((currency, whole_sum(low, high)));
        }
        Ok(rows
            .into_iter()
            .map(|Counted { event, leads, won }| {
                let mut lines = revenue.remove(&event.id).unwrap_or_default();
                lines.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.as_str().cmp(b.0.as_str())));
                EventResults {
                    event,
                    leads: u64::try_from(leads).unwrap_or(0),
                    won: u64::try_from(won).unwrap_or(0),
                    revenue: lines,
                }
            })
            .collect())
    }

    /// The team's live leads per source: count, won and won revenue.
    pub async fn team_source_results(&self, team_id: TeamId) -> StoreResult<Vec<SourceResults>> {
        let rows: Vec<(LeadSource, Currency, i64, i64, i64, i64)> =
            sqlx::query_as(self.backend().assembled(format!(
                "SELECT l.source, l.currency, COUNT(*) AS leads, \
                 CAST(SUM(CASE WHEN l.stage = 'won' THEN 1 ELSE 0 END) AS BIGINT) AS won, {} \
             FROM leads l JOIN users u ON u.id = l.owner_id \
             WHERE u.team_id = ? AND l.deleted = 0 GROUP BY l.source, l.currency",
                money_sum_sql(
                    "CASE WHEN l.stage = 'won' THEN COALESCE(l.won_amount, 0) ELSE 0 END",
                    "revenue"
                )
            )))
            .bind(team_id)
            .fetch_all(self.pool())
            .await?;
        let mut by_source: Vec<SourceResults> = Vec::new();
        for (source, currency, leads, won, low, high) in rows {
            let amount = whole_sum(low, high);
            let leads = u64::try_from(leads).unwrap_or(0);
            let won = u64::try_from(won).unwrap_or(0);
            let index = match by_source.iter().position(|found| found.source == source) {
                Some(index) => index,
                None => {
                    by_source.push(SourceResults {
                        source,
                        leads: 0,
                        won: 0,
                        revenue: Vec::new(),
                    });
                    by_source.len() - 1
                }
            };
            let entry = &mut by_source[index];
            entry.leads += leads;
            entry.won += won;
            if amount > 0 {
                entry.revenue.push((currency, amount));
            }
        }
        for entry in &mut by_source {
            entry
                .revenue
                .sort_by(|a, b| b.1.cmp(&a.1).then(a.0.as_str().cmp(b.0.as_str())));
        }
        by_source.sort_by(|a, b| {
            b.leads
                .cmp(&a.leads)
                .then(a.source.as_str().cmp(b.source.as_str()))
        });
        Ok(by_source)
    }
}

/// Like `Store::event_team`, inside a caller's transaction.
pub(crate) async fn event_team_in(
    connection: &mut AnyConnection,
    event_id: EventId,
) -> StoreResult<Option<TeamId>> {
    sqlx::query_scalar("SELECT team_id FROM sales_events WHERE id = $1 AND deleted = 0")
        .bind(event_id)
        .fetch_optional(&mut *connection)
        .await
}

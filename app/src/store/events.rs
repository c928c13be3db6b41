//! Events in SQL: a team's fairs, conferences and webinars, which leads
//! were captured at each (tagged when a manager imports the list brought
//! back), and the figures that say whether each paid for itself. Callers
//! check the manager's right to the team first.

use super::{
    Store, StoreResult, date_text, instant_text, money_sum, money_sum_sql, parse_date, parse_uuid,
};
use crate::domain::event::{EventResults, SalesEvent, SourceResults};
use crate::domain::money::MoneySum;
use crate::domain::{Choice, Currency, EventId, TeamId, UserId};
use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use std::collections::HashMap;

const EVENT_COLUMNS: &str =
    "e.id, e.team_id, e.name, e.kind, e.starts_on, e.ends_on, e.place, e.cost, e.currency";

fn event_from_row(row: &AnyRow) -> StoreResult<SalesEvent> {
    sqlx::FromRow::from_row(row)
}

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
        .bind(event.id.to_string())
        .bind(event.team_id.to_string())
        .bind(&event.name)
        .bind(event.kind.as_str())
        .bind(date_text(event.starts_on))
        .bind(date_text(event.ends_on))
        .bind(&event.place)
        .bind(event.cost)
        .bind(event.currency.as_str())
        .bind(by.to_string())
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
        let rows = sqlx::query(
            "SELECT id, team_id, name, starts_on FROM sales_events \
             WHERE deleted = 0 AND ($1 IS NULL OR team_id = $2) ORDER BY starts_on DESC, id LIMIT 200",
        )
        .bind(team.map(|team| team.to_string()))
        .bind(team.map(|team| team.to_string()))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(crate::domain::event::EventChoice {
                    id: row.try_get::<EventId, _>("id")?,
                    team_id: row.try_get::<TeamId, _>("team_id")?,
                    name: row.try_get("name")?,
                    starts_on: parse_date(row.try_get("starts_on")?)?,
                })
            })
            .collect()
    }

    pub async fn event_team(&self, event_id: EventId) -> StoreResult<Option<TeamId>> {
        let mut connection = self.pool().acquire().await?;
        event_team_in(&mut connection, event_id).await
    }

    /// Takes an event off the list; its leads keep their source.
    pub async fn delete_event(&self, event_id: EventId, now: DateTime<Utc>) -> StoreResult<()> {
        sqlx::query("UPDATE sales_events SET deleted = 1, updated_at = $1 WHERE id = $2")
            .bind(instant_text(now))
            .bind(event_id.to_string())
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Every live event of the team, latest first, with its leads, won
    /// deals and won revenue per currency.
    pub async fn team_event_results(&self, team_id: TeamId) -> StoreResult<Vec<EventResults>> {
        let rows = sqlx::query(self.backend().assembled(format!(
            "SELECT {EVENT_COLUMNS}, COUNT(l.id) AS leads, \
                 COALESCE(CAST(SUM(CASE WHEN l.stage = 'won' THEN 1 ELSE 0 END) AS BIGINT), 0) AS won \
             FROM sales_events e \
             LEFT JOIN event_leads el ON el.event_id = e.id \
             LEFT JOIN leads l ON l.id = el.lead_id AND l.deleted = 0 \
             WHERE e.team_id = ? AND e.deleted = 0 \
             GROUP BY e.id ORDER BY e.starts_on DESC, e.name"
        )))
        .bind(team_id.to_string())
        .fetch_all(self.pool())
        .await?;
        let revenue_rows = sqlx::query(self.backend().assembled(format!(
            "SELECT el.event_id, l.currency, {} \
             FROM event_leads el JOIN leads l ON l.id = el.lead_id \
             JOIN sales_events e ON e.id = el.event_id \
             WHERE e.team_id = ? AND e.deleted = 0 AND l.deleted = 0 AND l.stage = 'won' \
             GROUP BY el.event_id, l.currency",
            money_sum_sql("COALESCE(l.won_amount, 0)", "revenue")
        )))
        .bind(team_id.to_string())
        .fetch_all(self.pool())
        .await?;
        let mut revenue: HashMap<String, Vec<(Currency, MoneySum)>> = HashMap::new();
        for row in &revenue_rows {
            revenue
                .entry(row.try_get("event_id")?)
                .or_default()
                .push((row.try_get("currency")?, money_sum(row, "revenue")?));
        }
        rows.iter()
            .map(|row| {
                let event = event_from_row(row)?;
                let mut lines = revenue.remove(&event.id.to_string()).unwrap_or_default();
                lines.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.as_str().cmp(b.0.as_str())));
                Ok(EventResults {
                    event,
                    leads: u64::try_from(row.try_get::<i64, _>("leads")?).unwrap_or(0),
                    won: u64::try_from(row.try_get::<i64, _>("won")?).unwrap_or(0),
                    revenue: lines,
                })
            })
            .collect()
    }

    /// The team's live leads per source: count, won and won revenue.
    pub async fn team_source_results(&self, team_id: TeamId) -> StoreResult<Vec<SourceResults>> {
        let rows = sqlx::query(self.backend().assembled(format!(
            "SELECT l.source, l.currency, COUNT(*) AS leads, \
                 CAST(SUM(CASE WHEN l.stage = 'won' THEN 1 ELSE 0 END) AS BIGINT) AS won, {} \
             FROM leads l JOIN users u ON u.id = l.owner_id \
             WHERE u.team_id = ? AND l.deleted = 0 GROUP BY l.source, l.currency",
            money_sum_sql(
                "CASE WHEN l.stage = 'won' THEN COALESCE(l.won_amount, 0) ELSE 0 END",
                "revenue"
            )
        )))
        .bind(team_id.to_string())
        .fetch_all(self.pool())
        .await?;
        let mut by_source: Vec<SourceResults> = Vec::new();
        for row in &rows {
            let source = row.try_get("source")?;
            let currency: Currency = row.try_get("currency")?;
            let amount = money_sum(row, "revenue")?;
            let leads = u64::try_from(row.try_get::<i64, _>("leads")?).unwrap_or(0);
            let won = u64::try_from(row.try_get::<i64, _>("won")?).unwrap_or(0);
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
    let team: Option<String> =
        sqlx::query_scalar("SELECT team_id FROM sales_events WHERE id = $1 AND deleted = 0")
            .bind(event_id.to_string())
            .fetch_optional(&mut *connection)
            .await?;
    team.as_deref()
        .map(parse_uuid)
        .transpose()
        .map(|id| id.map(TeamId))
}

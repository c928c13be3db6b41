//! Counts for the tactic report (`domain::effectiveness`): the period's
//! activities grouped by tactic, type or the touched lead's source, with
//! how many distinct leads they touched and how many of those moved
//! forward or were won within the window after the first touch (from the
//! `stage_moves` of migration 0010). One statement reads the period's
//! activities by the owner-and-time index, each tactic-type-lead's
//! outcome looked up by index once, then summed per grouping in SQL.

use super::{Store, StoreResult, parse_choice};
use crate::domain::Currency;
use crate::domain::access::ReadScope;
use crate::domain::effectiveness::{Approach, ApproachLine};
use crate::domain::team_dashboard::add_money;
use crate::domain::{ActivityKind, LeadSource, Tactic};
use sqlx::Row;

/// The one statement. `touches`: per tactic, type and lead, the period's
/// activities and the first of them; `outcomes` (computed once): whether
/// the lead moved forward or was won within the window after that first
/// activity; then per grouping (tactic, type, source) and lead, and per
/// grouping, line and currency, the sums. Parameters: scope, period start,
/// the day after its end, then the window as an SQLite modifier twice.
fn effectiveness_sql(filter: &str) -> String {
    let per_lead = |grouping: &str, column: &str, only: &str| {
        format!(
            "SELECT '{grouping}' AS grouping, {column} AS approach, lead_id, SUM(activities) AS activities, \
                    MAX(moved) AS moved, MAX(won) AS won, MAX(currency) AS currency, MAX(won_amount) AS won_amount \
             FROM outcomes {only} GROUP BY {column}, lead_id"
        )
    };
    format!(
        "WITH touches AS ( \
             SELECT a.tactic, a.kind, a.lead_id, COUNT(*) AS activities, MIN(a.occurred_at) AS first_at \
             FROM activities a \
             WHERE {filter} AND a.deleted = 0 AND a.kind <> 'task' \
               AND a.occurred_at >= ? AND a.occurred_at < ? \
             GROUP BY a.tactic, a.kind, a.lead_id \
         ), outcomes AS MATERIALIZED ( \
             SELECT t.tactic, t.kind, t.lead_id, t.activities, l.source, l.currency, l.won_amount, \
                    l.id IS NOT NULL AND l.deleted = 0 AND EXISTS ( \
                        SELECT 1 FROM stage_moves m WHERE m.lead_id = t.lead_id \
                          AND (m.forward = 1 OR m.to_stage = 'won') AND m.moved_at >= t.first_at \
                          AND m.moved_at < strftime('%Y-%m-%dT%H:%M:%fZ', t.first_at, ?)) AS moved, \
                    l.id IS NOT NULL AND l.deleted = 0 AND l.stage = 'won' AND EXISTS ( \
                        SELECT 1 FROM stage_moves m WHERE m.lead_id = t.lead_id AND m.to_stage = 'won' \
                          AND m.moved_at >= t.first_at \
                          AND m.moved_at < strftime('%Y-%m-%dT%H:%M:%fZ', t.first_at, ?)) AS won \
             FROM touches t LEFT JOIN leads l ON l.id = t.lead_id \
         ), per_lead AS ({} UNION ALL {} UNION ALL {}) \
         SELECT grouping, approach, currency, SUM(activities) AS activities, COUNT(lead_id) AS leads_touched, \
                SUM(moved) AS moved_forward, SUM(won) AS won, \
                {} \
         FROM per_lead GROUP BY grouping, approach, currency",
        per_lead("tactic", "tactic", ""),
        per_lead("kind", "kind", ""),
        per_lead("source", "source", "WHERE source IS NOT NULL"),
        super::money_sum_sql(
            "CASE WHEN won THEN COALESCE(won_amount, 0) ELSE 0 END",
            "revenue"
        ),
    )
}

impl Store {
    /// The lines by tactic, by activity type and by lead source for the
    /// owners in `scope` over `period`, a move or win counting when it came
    /// within `window_days` of the first activity of that tactic and type on
    /// the lead in the period. Unordered: `domain::effectiveness::rank`.
    pub async fn approach_lines(
        &self,
        scope: ReadScope,
        span: (chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>),
        window_days: u32,
    ) -> StoreResult<[Vec<ApproachLine>; 3]> {
        let (filter, parameter) = super::scope_filter(scope, "a.owner_id");
        let window = format!("+{window_days} days");
        let rows = sqlx::query(sqlx::AssertSqlSafe(effectiveness_sql(&filter)))
            .bind(parameter)
            .bind(super::instant_text(span.0))
            .bind(super::instant_text(span.1))
            .bind(&window)
            .bind(&window)
            .fetch_all(self.pool())
            .await?;
        let mut groupings: [Vec<ApproachLine>; 3] = Default::default();
        for row in rows {
            let grouping: String = row.try_get("grouping")?;
            let value: String = row.try_get("approach")?;
            let (index, approach) = match grouping.as_str() {
                "tactic" => (0, Approach::Tactic(parse_choice::<Tactic>(&value)?)),
                "kind" => (1, Approach::Kind(parse_choice::<ActivityKind>(&value)?)),
                _ => (2, Approach::Source(parse_choice::<LeadSource>(&value)?)),
            };
            let lines = &mut groupings[index];
            let position = match lines.iter().position(|line| line.approach == approach) {
                Some(position) => position,
                None => {
                    lines.push(ApproachLine {
                        approach,
                        activities: 0,
                        leads_touched: 0,
                        moved_forward: 0,
                        won: 0,
                        revenue: Default::default(),
                    });
                    lines.len() - 1
                }
            };
            let line = &mut lines[position];
            line.activities = line
                .activities
                .saturating_add(row.try_get::<i64, _>("activities")?);
            line.leads_touched += row.try_get::<i64, _>("leads_touched")?;
            line.moved_forward += row.try_get::<Option<i64>, _>("moved_forward")?.unwrap_or(0);
            line.won += row.try_get::<Option<i64>, _>("won")?.unwrap_or(0);
            let revenue = super::money_sum(&row, "revenue")?;
            if let Some(currency) = row.try_get::<Option<String>, _>("currency")?
                && revenue > 0
            {
                add_money(
                    &mut line.revenue,
                    parse_choice::<Currency>(&currency)?,
                    revenue,
                );
            }
        }
        Ok(groupings)
    }

    /// SQLite's plan for the statement (see `dashboard_query_plans`).
    pub async fn effectiveness_query_plans(&self, scope: ReadScope) -> StoreResult<Vec<String>> {
        let (filter, _) = super::scope_filter(scope, "a.owner_id");
        self.query_plans(&[effectiveness_sql(&filter)]).await
    }
}

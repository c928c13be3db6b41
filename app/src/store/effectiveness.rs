//! Counts for the tactic report (`domain::effectiveness`): the period's
//! activities grouped by tactic, type or the touched lead's source, with
//! how many distinct leads they touched and how many of those moved
//! forward or were won within the window after their first touch (from
//! the `stage_moves` of migration 0010). One statement per grouping; each
//! reads the period's activities by the owner-and-time index and looks
//! each touched lead's moves up by its own index.

use super::{Store, StoreResult, date_text, parse_choice};
use crate::domain::Currency;
use crate::domain::access::ReadScope;
use crate::domain::effectiveness::{Approach, ApproachLine};
use crate::domain::period::Period;
use crate::domain::team_dashboard::add_money;
use crate::domain::{ActivityKind, LeadSource, Tactic};
use chrono::Duration;
use sqlx::Row;

/// What a statement groups by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grouping {
    Tactic,
    Kind,
    Source,
}

impl Grouping {
    pub const ALL: [Grouping; 3] = [Grouping::Tactic, Grouping::Kind, Grouping::Source];

    fn column(self) -> &'static str {
        match self {
            Grouping::Tactic => "a.tactic",
            Grouping::Kind => "a.kind",
            Grouping::Source => "touched.source",
        }
    }
}

/// The statement for one grouping. Parameters: scope, period start, the
/// day after its end, then the window as an SQLite modifier twice.
fn effectiveness_sql(filter: &str, grouping: Grouping) -> String {
    let key = grouping.column();
    // Activities without a lead count as activities only; by source, only
    // activities on a lead have a source to group by.
    let source_join = if grouping == Grouping::Source {
        "JOIN leads touched ON touched.id = a.lead_id"
    } else {
        ""
    };
    format!(
        "WITH touches AS ( \
             SELECT {key} AS approach, a.lead_id, COUNT(*) AS activities, MIN(a.occurred_at) AS first_at \
             FROM activities a {source_join} \
             WHERE {filter} AND a.deleted = 0 AND a.kind <> 'task' \
               AND a.occurred_at >= ? AND a.occurred_at < ? \
             GROUP BY {key}, a.lead_id \
         ), outcomes AS ( \
             SELECT t.approach, t.lead_id, t.activities, l.currency, l.won_amount, \
                    l.id IS NOT NULL AND l.deleted = 0 AND EXISTS ( \
                        SELECT 1 FROM stage_moves m WHERE m.lead_id = t.lead_id AND (m.forward = 1 OR m.to_stage = 'won') \
                          AND m.moved_at >= t.first_at \
                          AND m.moved_at < strftime('%Y-%m-%dT%H:%M:%fZ', t.first_at, ?)) AS moved, \
                    l.id IS NOT NULL AND l.deleted = 0 AND l.stage = 'won' AND EXISTS ( \
                        SELECT 1 FROM stage_moves m WHERE m.lead_id = t.lead_id AND m.to_stage = 'won' \
                          AND m.moved_at >= t.first_at \
                          AND m.moved_at < strftime('%Y-%m-%dT%H:%M:%fZ', t.first_at, ?)) AS won \
             FROM touches t LEFT JOIN leads l ON l.id = t.lead_id \
         ) \
         SELECT approach, currency, SUM(activities) AS activities, \
                COUNT(lead_id) AS leads_touched, SUM(moved) AS moved_forward, SUM(won) AS won, \
                SUM(CASE WHEN won THEN COALESCE(won_amount, 0) ELSE 0 END) AS revenue \
         FROM outcomes GROUP BY approach, currency"
    )
}

fn approach_of(grouping: Grouping, value: &str) -> StoreResult<Approach> {
    Ok(match grouping {
        Grouping::Tactic => Approach::Tactic(parse_choice::<Tactic>(value)?),
        Grouping::Kind => Approach::Kind(parse_choice::<ActivityKind>(value)?),
        Grouping::Source => Approach::Source(parse_choice::<LeadSource>(value)?),
    })
}

impl Store {
    /// The lines of one grouping for the owners in `scope` over `period`,
    /// with a move or win counting when it came within `window_days` of the
    /// lead's first touch in the period. Unordered: `domain::effectiveness::rank`.
    pub async fn approach_lines(
        &self,
        scope: ReadScope,
        period: Period,
        window_days: u32,
        grouping: Grouping,
    ) -> StoreResult<Vec<ApproachLine>> {
        let (filter, parameter) = super::scope_filter(scope, "a.owner_id");
        let window = format!("+{window_days} days");
        let rows = sqlx::query(sqlx::AssertSqlSafe(effectiveness_sql(&filter, grouping)))
            .bind(parameter)
            .bind(date_text(period.start))
            .bind(date_text(period.end + Duration::days(1)))
            .bind(&window)
            .bind(&window)
            .fetch_all(self.pool())
            .await?;
        let mut lines: Vec<ApproachLine> = Vec::new();
        for row in rows {
            let approach = approach_of(grouping, row.try_get("approach")?)?;
            let index = match lines.iter().position(|line| line.approach == approach) {
                Some(index) => index,
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
            let line = &mut lines[index];
            line.activities += row.try_get::<i64, _>("activities")?;
            line.leads_touched += row.try_get::<i64, _>("leads_touched")?;
            line.moved_forward += row.try_get::<Option<i64>, _>("moved_forward")?.unwrap_or(0);
            line.won += row.try_get::<Option<i64>, _>("won")?.unwrap_or(0);
            let revenue: i64 = row.try_get::<Option<i64>, _>("revenue")?.unwrap_or(0);
            if let Some(currency) = row.try_get::<Option<String>, _>("currency")?
                && revenue > 0
            {
                add_money(&mut line.revenue, parse_choice::<Currency>(&currency)?, revenue);
            }
        }
        Ok(lines)
    }

    /// SQLite's plan for each grouping's statement (see `dashboard_query_plans`).
    pub async fn effectiveness_query_plans(&self, scope: ReadScope) -> StoreResult<Vec<String>> {
        let (filter, _) = super::scope_filter(scope, "a.owner_id");
        let mut plans = Vec::new();
        for grouping in Grouping::ALL {
            let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
                "EXPLAIN QUERY PLAN {}",
                effectiveness_sql(&filter, grouping)
            )))
            .fetch_all(self.pool())
            .await?;
            for row in rows {
                plans.push(row.try_get::<String, _>("detail")?);
            }
        }
        Ok(plans)
    }
}

//! Counts for the tactic report (`domain::effectiveness`): the period's
//! activities grouped by tactic, type or the touched lead's source, with
//! how many distinct leads they touched and how many of those moved
//! forward or were won within the window after the first touch (from the
//! `stage_moves` of migration 0010). One statement reads the period's
//! activities by the owner-and-time index, one row per tactic, type and
//! lead with that lead's outcome looked up by index; the three groupings
//! are added up here.

use super::{Store, StoreResult, date_text, parse_choice};
use crate::domain::Currency;
use crate::domain::access::ReadScope;
use crate::domain::effectiveness::{Approach, ApproachLine};
use crate::domain::period::Period;
use crate::domain::team_dashboard::add_money;
use crate::domain::{ActivityKind, LeadSource, Tactic};
use chrono::Duration;
use sqlx::Row;
use std::collections::HashMap;

/// The one statement: per tactic, type and touched lead in the period, the
/// activities, the lead's source, currency and won amount, and whether it
/// moved forward or was won within the window after the first of those
/// activities. Parameters: scope, period start, the day after its end,
/// then the window as an SQLite modifier twice.
fn effectiveness_sql(filter: &str) -> String {
    format!(
        "WITH touches AS ( \
             SELECT a.tactic, a.kind, a.lead_id, COUNT(*) AS activities, MIN(a.occurred_at) AS first_at \
             FROM activities a \
             WHERE {filter} AND a.deleted = 0 AND a.kind <> 'task' \
               AND a.occurred_at >= ? AND a.occurred_at < ? \
             GROUP BY a.tactic, a.kind, a.lead_id \
         ) \
         SELECT t.tactic, t.kind, t.lead_id, t.activities, l.source, l.currency, l.won_amount, \
                l.id IS NOT NULL AND l.deleted = 0 AND EXISTS ( \
                    SELECT 1 FROM stage_moves m WHERE m.lead_id = t.lead_id \
                      AND (m.forward = 1 OR m.to_stage = 'won') AND m.moved_at >= t.first_at \
                      AND m.moved_at < strftime('%Y-%m-%dT%H:%M:%fZ', t.first_at, ?)) AS moved, \
                l.id IS NOT NULL AND l.deleted = 0 AND l.stage = 'won' AND EXISTS ( \
                    SELECT 1 FROM stage_moves m WHERE m.lead_id = t.lead_id AND m.to_stage = 'won' \
                      AND m.moved_at >= t.first_at \
                      AND m.moved_at < strftime('%Y-%m-%dT%H:%M:%fZ', t.first_at, ?)) AS won \
         FROM touches t LEFT JOIN leads l ON l.id = t.lead_id"
    )
}

/// One touch as counted: a lead (if any) touched by one tactic and type.
struct Touch {
    tactic: Tactic,
    kind: ActivityKind,
    source: Option<LeadSource>,
    lead_id: Option<String>,
    activities: i64,
    moved: bool,
    won: bool,
    revenue: Option<(Currency, i64)>,
}

/// Adds touches to the lines of one grouping, a lead counting once per
/// line (moved or won if any of its touches for that line was).
fn lines_of(touches: &[Touch], approach_of: impl Fn(&Touch) -> Option<Approach>) -> Vec<ApproachLine> {
    let mut lines: Vec<ApproachLine> = Vec::new();
    let mut leads: HashMap<(Approach, &str), (bool, bool)> = HashMap::new();
    for touch in touches {
        let Some(approach) = approach_of(touch) else {
            continue;
        };
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
        line.activities = line.activities.saturating_add(touch.activities);
        let Some(lead) = touch.lead_id.as_deref() else {
            continue;
        };
        let seen = leads.entry((approach, lead)).or_insert_with(|| {
            line.leads_touched += 1;
            (false, false)
        });
        if touch.moved && !seen.0 {
            seen.0 = true;
            line.moved_forward += 1;
        }
        if touch.won && !seen.1 {
            seen.1 = true;
            line.won += 1;
            if let Some((currency, amount)) = touch.revenue {
                add_money(&mut line.revenue, currency, amount);
            }
        }
    }
    lines
}

impl Store {
    /// The lines by tactic, by activity type and by lead source for the
    /// owners in `scope` over `period`, a move or win counting when it came
    /// within `window_days` of the first activity of that tactic and type on
    /// the lead in the period. Unordered: `domain::effectiveness::rank`.
    pub async fn approach_lines(
        &self,
        scope: ReadScope,
        period: Period,
        window_days: u32,
    ) -> StoreResult<[Vec<ApproachLine>; 3]> {
        let (filter, parameter) = super::scope_filter(scope, "a.owner_id");
        let window = format!("+{window_days} days");
        let rows = sqlx::query(sqlx::AssertSqlSafe(effectiveness_sql(&filter)))
            .bind(parameter)
            .bind(date_text(period.start))
            .bind(date_text(period.end + Duration::days(1)))
            .bind(&window)
            .bind(&window)
            .fetch_all(self.pool())
            .await?;
        let mut touches = Vec::with_capacity(rows.len());
        for row in rows {
            let won = row.try_get::<Option<bool>, _>("won")?.unwrap_or(false);
            let currency = row
                .try_get::<Option<String>, _>("currency")?
                .map(|text| parse_choice::<Currency>(&text))
                .transpose()?;
            let amount = row.try_get::<Option<i64>, _>("won_amount")?.unwrap_or(0);
            touches.push(Touch {
                tactic: parse_choice(row.try_get("tactic")?)?,
                kind: parse_choice(row.try_get("kind")?)?,
                source: row
                    .try_get::<Option<String>, _>("source")?
                    .map(|text| parse_choice::<LeadSource>(&text))
                    .transpose()?,
                lead_id: row.try_get("lead_id")?,
                activities: row.try_get("activities")?,
                moved: row.try_get::<Option<bool>, _>("moved")?.unwrap_or(false),
                won,
                revenue: currency.filter(|_| won && amount > 0).map(|currency| (currency, amount)),
            });
        }
        Ok([
            lines_of(&touches, |touch| Some(Approach::Tactic(touch.tactic))),
            lines_of(&touches, |touch| Some(Approach::Kind(touch.kind))),
            lines_of(&touches, |touch| touch.source.map(Approach::Source)),
        ])
    }

    /// SQLite's plan for the statement (see `dashboard_query_plans`).
    pub async fn effectiveness_query_plans(&self, scope: ReadScope) -> StoreResult<Vec<String>> {
        let (filter, _) = super::scope_filter(scope, "a.owner_id");
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "EXPLAIN QUERY PLAN {}",
            effectiveness_sql(&filter)
        )))
        .fetch_all(self.pool())
        .await?;
        let mut plans = Vec::new();
        for row in rows {
            plans.push(row.try_get::<String, _>("detail")?);
        }
        Ok(plans)
    }
}

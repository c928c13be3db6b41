//! Counts for the tactic report (`domain::effectiveness`) from the day
//! roll-ups of migration 0035: per owner, team-local day and approach
//! (tactic, activity type, lead source), the activities, the leads first
//! reached that day, and of those, how many moved forward or were won
//! within each window the report offers, with the revenue of the won ones
//! by currency. Triggers keep them exact, so a period is a sum over a few
//! thousand small rows whatever the size of the history.

use super::{Store, StoreResult, date_text, parse_choice};
use crate::domain::Currency;
use crate::domain::access::ReadScope;
use crate::domain::effectiveness::{Approach, ApproachLine, WINDOW_CHOICES};
use crate::domain::period::Period;
use crate::domain::team_dashboard::add_money;
use crate::domain::{ActivityKind, LeadSource, Tactic};

/// The one statement, in three parts that each sum one roll-up over the
/// owners in `filter` and the period's days: activities (`a`), leads first
/// reached with the moves and wins of `window_days` (`r`), and that
/// window's revenue by currency (`m`). Parameters: scope, first day, last
/// day. `window_days` must be one of `WINDOW_CHOICES` (it names columns).
fn effectiveness_sql(filter: &str, window_days: u32) -> String {
    let days = "day >= ?2 AND day <= ?3";
    format!(
        "SELECT 'a' AS part, grouping, approach, '' AS currency, CAST(SUM(activities) AS BIGINT) AS count, \
                0 AS moved, 0 AS won, 0 AS revenue, 0 AS revenue_high \
         FROM approach_activity_days WHERE {filter} AND {days} GROUP BY grouping, approach \
         UNION ALL \
         SELECT 'r', grouping, approach, '', CAST(SUM(reached) AS BIGINT), CAST(SUM(moved_{window_days}) AS BIGINT), CAST(SUM(won_{window_days}) AS BIGINT), 0, 0 \
         FROM approach_reach_days WHERE {filter} AND {days} GROUP BY grouping, approach \
         UNION ALL \
         SELECT 'm', grouping, approach, currency, 0, 0, 0, \
                CAST(SUM(revenue_{window_days}) AS BIGINT), CAST(SUM(revenue_{window_days}_high) AS BIGINT) \
         FROM approach_revenue_days WHERE {filter} AND {days} GROUP BY grouping, approach, currency"
    )
}

/// One line of `effectiveness_sql`: which part, which approach, and the
/// sums that part fills (the others are zero).
#[derive(sqlx::FromRow)]
struct PartRow {
    part: String,
    grouping: String,
    approach: String,
    currency: String,
    count: Option<i64>,
    moved: Option<i64>,
    won: Option<i64>,
    revenue: Option<i64>,
    revenue_high: Option<i64>,
}

impl Store {
    /// The lines by tactic, by activity type and by lead source for the
    /// owners in `scope` over `period` (the team's local days): a lead
    /// counts in the period where the approach first reached it, a move or
    /// win when it came within `window_days` (one of `WINDOW_CHOICES`,
    /// else the nearest longer one) of that first activity. Unordered:
    /// `domain::effectiveness::rank`.
    pub async fn approach_lines(
        &self,
        scope: ReadScope,
        period: Period,
        window_days: u32,
    ) -> StoreResult<[Vec<ApproachLine>; 3]> {
        let window_days = WINDOW_CHOICES
            .into_iter()
            .find(|choice| *choice >= window_days)
            .unwrap_or(WINDOW_CHOICES[WINDOW_CHOICES.len() - 1]);
        let (filter, parameter) = super::scope_filter(scope, "owner_id");
        // Numbered parameters: the scope's is ?1 (none when every owner is read).
        let filter = filter.replace('?', "?1");
        let rows: Vec<PartRow> = sqlx::query_as(
            self.backend()
                .assembled(effectiveness_sql(&filter, window_days)),
        )
        .bind(parameter)
        .bind(date_text(period.start))
        .bind(date_text(period.end))
        .fetch_all(self.pool())
        .await?;
        let mut groupings: [Vec<ApproachLine>; 3] = Default::default();
        for row in rows {
            let value = &row.approach;
            let (index, approach) = match row.grouping.as_str() {
                "tactic" => (0, Approach::Tactic(parse_choice::<Tactic>(value)?)),
                "kind" => (1, Approach::Kind(parse_choice::<ActivityKind>(value)?)),
                _ => (2, Approach::Source(parse_choice::<LeadSource>(value)?)),
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
            let count = row.count.unwrap_or(0);
            match row.part.as_str() {
                "a" => line.activities = line.activities.saturating_add(count),
                "r" => {
                    line.leads_touched = line.leads_touched.saturating_add(count);
                    line.moved_forward = line.moved_forward.saturating_add(row.moved.unwrap_or(0));
                    line.won = line.won.saturating_add(row.won.unwrap_or(0));
                }
                _ => {
                    let revenue =
                        super::whole_sum(row.revenue.unwrap_or(0), row.revenue_high.unwrap_or(0));
                    if revenue > 0 {
                        add_money(
                            &mut line.revenue,
                            parse_choice::<Currency>(&row.currency)?,
                            revenue,
                        );
                    }
                }
            }
        }
        // An approach with nothing in the period is not a line.
        for lines in &mut groupings {
            lines.retain(|line| line.activities > 0 || line.leads_touched > 0);
        }
        Ok(groupings)
    }

    /// SQLite's plan for the statement (see `dashboard_query_plans`).
    pub async fn effectiveness_query_plans(&self, scope: ReadScope) -> StoreResult<Vec<String>> {
        let (filter, _) = super::scope_filter(scope, "owner_id");
        let filter = filter.replace('?', "?1");
        let statements: Vec<String> = WINDOW_CHOICES
            .into_iter()
            .map(|window_days| effectiveness_sql(&filter, window_days))
            .collect();
        self.query_plans(&statements).await
    }
}

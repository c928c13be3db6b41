//! The team dashboard's figures from the canonical data: activities by type
//! today and this week, open pipeline by stage, deals closed in the period,
//! the won-revenue trend (from the `closed_days` roll-up), the open pipeline
//! (from the `open_pipeline` roll-up) and when each person's devices last
//! synced. Every query is a range scan on an index or roll-up of migrations
//! 0006, 0008 and 0009, whatever the size of the tables.

use super::columns::{StoredDay, StoredInstant};
use super::{Store, StoreResult, date_text, instant_text};
use crate::domain::access::ReadScope;
use crate::domain::ids::UserId;
use crate::domain::lead::LeadStage;
use crate::domain::money::MoneySum;
use crate::domain::period::Period;
use crate::domain::team_dashboard::{
    ActivityCounts, RepFigures, StageFigures, TrendPoint, WonOnDay, add_money, pipeline_by_stage,
    trend,
};
use crate::domain::{ActivityKind, Currency};
use chrono::NaiveDate;
use std::collections::HashMap;

/// What the dashboard asks for: whose figures, and over which days.
#[derive(Clone, Debug)]
pub struct DashboardQuery<'a> {
    /// The owners counted: one rep, or a team's members.
    pub scope: ReadScope,
    /// The people shown, in order, with their names.
    pub people: &'a [(UserId, String)],
    pub period: Period,
    pub week: Period,
    pub today: NaiveDate,
    /// The team's zone: "today" and "this week" are its local days.
    pub zone: &'a crate::domain::time_zone::UtcOffsets,
    /// The trend's periods, oldest first.
    pub trend_periods: &'a [Period],
}

/// The dashboard's figures, before the goal standings are added.
#[derive(Clone, Debug, Default)]
pub struct DashboardFigures {
    pub reps: Vec<RepFigures>,
    pub pipeline: Vec<StageFigures>,
    pub trend: Vec<TrendPoint>,
}

/// The instants of a period's local days in `zone`, as stored times compare.
fn span_text(zone: &crate::domain::time_zone::UtcOffsets, period: Period) -> (String, String) {
    let (from, until) = zone.span(period);
    (instant_text(from), instant_text(until))
}

// The dashboard's statements, written once for `dashboard_figures` and for
// `dashboard_query_plans` (the test that no statement scans a table).

/// Activities (not tasks) this week and today by owner and type, from the
/// per-day counts of migration 0035 (team-local days), so the figure costs
/// the same however many calls a team logs in a day.
fn activity_days_sql(filter: &str) -> String {
    format!(
        "SELECT owner_id, approach AS kind, CAST(SUM(activities) AS BIGINT) AS week, \
                CAST(SUM(CASE WHEN day = ? THEN activities ELSE 0 END) AS BIGINT) AS today \
         FROM approach_activity_days WHERE {filter} AND grouping = 'kind' \
           AND day >= ? AND day <= ? GROUP BY owner_id, approach"
    )
}

fn activities_sql(filter: &str, time_column: &str, kinds: &str) -> String {
    format!(
        "SELECT owner_id, kind, COUNT(*) AS week, \
                CAST(SUM(CASE WHEN {time_column} >= ? AND {time_column} < ? THEN 1 ELSE 0 END) AS BIGINT) AS today \
         FROM activities WHERE {filter} AND deleted = 0 AND {kinds} \
           AND {time_column} >= ? AND {time_column} < ? GROUP BY owner_id, kind"
    )
}

fn open_pipeline_sql(filter: &str) -> String {
    format!(
        "SELECT owner_id, stage, currency, CAST(SUM(deals) AS BIGINT) AS deals, {} \
         FROM open_pipeline WHERE {filter} AND deals > 0 GROUP BY owner_id, stage, currency",
        super::split_sum_sql("value")
    )
}

fn closed_sql(filter: &str) -> String {
    format!(
        "SELECT owner_id, currency, CAST(SUM(won) AS BIGINT) AS won, CAST(SUM(lost) AS BIGINT) AS lost, {} \
         FROM closed_days WHERE {filter} AND day >= ? AND day <= ? GROUP BY owner_id, currency",
        super::split_sum_sql("revenue")
    )
}

fn trend_sql(filter: &str) -> String {
    format!(
        "SELECT day, currency, CAST(SUM(won) AS BIGINT) AS won, {} \
         FROM closed_days WHERE {filter} AND day >= ? AND day <= ? AND won > 0 \
         GROUP BY day, currency",
        super::split_sum_sql("revenue")
    )
}

fn freshness_sql(user_filter: &str) -> String {
    format!(
        "SELECT user_id, MAX(MAX(updated_at, COALESCE(last_pulled_at, ''))) AS last_synced_at, \
                MAX(last_push_left_pending) AS pending \
         FROM sync_clients WHERE {user_filter} GROUP BY user_id"
    )
}

impl Store {
    /// SQLite's plan for every statement of the dashboard in `scope`, one
    /// line per step ("SEARCH closed_days USING PRIMARY KEY ...") so a test
    /// can prove none reads a whole table.
    pub async fn dashboard_query_plans(&self, scope: ReadScope) -> StoreResult<Vec<String>> {
        let (filter, _) = super::scope_filter(scope, "owner_id");
        let (user_filter, _) = super::scope_filter(scope, "user_id");
        let statements = [
            activity_days_sql(&filter),
            activities_sql(&filter, "done_at", "kind = 'task'"),
            open_pipeline_sql(&filter),
            closed_sql(&filter),
            trend_sql(&filter),
            freshness_sql(&user_filter),
        ];
        self.query_plans(&statements).await
    }

    /// Every figure of the dashboard for the people in `query`, read in
    /// one transaction so they agree with each other.
    pub async fn dashboard_figures(
        &self,
        query: &DashboardQuery<'_>,
    ) -> StoreResult<DashboardFigures> {
        let (filter, parameter) = super::scope_filter(query.scope, "owner_id");
        // Every query below starts with the scope's parameter, if it has one.
        macro_rules! scoped {
            ($row:ty, $sql:expr) => {{
                let statement = sqlx::query_as::<_, $row>(self.backend().assembled($sql));
                match &parameter {
                    Some(parameter) => statement.bind(parameter.clone()),
                    None => statement,
                }
            }};
        }
        // Pulls not yet written, taken before the transaction's snapshot: a
        // note the background writer drops after this moment was committed
        // before the snapshot, so every pull that has answered is counted.
        let unwritten_pulls = self.unwritten_pulls();
        let mut transaction = self.read().await?;
        let mut reps: HashMap<UserId, RepFigures> = query
            .people
            .iter()
            .map(|(user_id, name)| {
                (
                    *user_id,
                    RepFigures {
                        user_id: *user_id,
                        name: name.clone(),
                        today: ActivityCounts::default(),
                        this_week: ActivityCounts::default(),
                        open_deals: 0,
                        open_pipeline: Default::default(),
                        won_deals: 0,
                        lost_deals: 0,
                        won_revenue: Default::default(),
                        last_synced_at: None,
                        work_pending: false,
                    },
                )
            })
            .collect();
        let (today, tomorrow) = span_text(
            query.zone,
            Period {
                start: query.today,
                end: query.today,
            },
        );
        let (week_start, week_after) = span_text(query.zone, query.week);

        // Activities that happened this week (from the day counts) and tasks
        // done this week (from the tasks themselves), by type. The "today"
        // bound sits before the scope's parameter in the SQL.
        // Owner, type, this week, today.
        type Counted = (UserId, ActivityKind, i64, Option<i64>);
        let activity_days =
            sqlx::query_as::<_, Counted>(self.backend().assembled(activity_days_sql(&filter)))
                .bind(query.today.to_string());
        let activity_days = match &parameter {
            Some(parameter) => activity_days.bind(parameter.clone()),
            None => activity_days,
        }
        .bind(query.week.start.to_string())
        .bind(query.week.end.to_string())
        .fetch_all(&mut *transaction)
        .await?;
        let tasks_done = sqlx::query_as::<_, Counted>(self.backend().assembled(activities_sql(
            &filter,
            "done_at",
            "kind = 'task'",
        )))
        .bind(&today)
        .bind(&tomorrow);
        let tasks_done = match &parameter {
            Some(parameter) => tasks_done.bind(parameter.clone()),
            None => tasks_done,
        }
        .bind(&week_start)
        .bind(&week_after)
        .fetch_all(&mut *transaction)
        .await?;
        for rows in [activity_days, tasks_done] {
            for (owner, kind, week, today) in rows {
                if let Some(figures) = reps.get_mut(&owner) {
                    figures.this_week.add(kind, week);
                    figures.today.add(kind, today.unwrap_or(0));
                }
            }
        }

        // Open deals by stage, from the roll-up of migration 0009.
        let open = scoped!(
            (UserId, LeadStage, Currency, i64, i64, i64),
            open_pipeline_sql(&filter)
        )
        .fetch_all(&mut *transaction)
        .await?;
        let mut by_stage: Vec<(LeadStage, Currency, i64, MoneySum)> =
            Vec::with_capacity(open.len());
        for (owner, stage, currency, deals, low, high) in open {
            let value = super::whole_sum(low, high);
            if let Some(figures) = reps.get_mut(&owner) {
                figures.open_deals = figures.open_deals.saturating_add(deals);
                add_money(&mut figures.open_pipeline, currency, value);
            }
            by_stage.push((stage, currency, deals, value));
        }

        // Deals closed in the period, per person (the daily roll-up).
        let closed = scoped!((UserId, Currency, i64, i64, i64, i64), closed_sql(&filter))
            .bind(date_text(query.period.start))
            .bind(date_text(query.period.end))
            .fetch_all(&mut *transaction)
            .await?;
        for (owner, currency, won, lost, low, high) in closed {
            if let Some(figures) = reps.get_mut(&owner) {
                figures.won_deals = figures.won_deals.saturating_add(won);
                figures.lost_deals = figures.lost_deals.saturating_add(lost);
                let revenue = super::whole_sum(low, high);
                if revenue != 0 {
                    add_money(&mut figures.won_revenue, currency, revenue);
                }
            }
        }

        // The trend: wins per day over all its periods, bucketed in Rust.
        let mut trend_points = Vec::new();
        if let (Some(first), Some(last)) = (query.trend_periods.first(), query.trend_periods.last())
        {
            let rows = scoped!((StoredDay, Currency, i64, i64, i64), trend_sql(&filter))
                .bind(date_text(first.start))
                .bind(date_text(last.end))
                .fetch_all(&mut *transaction)
                .await?;
            let mut days: Vec<WonOnDay> = rows
                .into_iter()
                .map(|(day, currency, deals_won, low, high)| WonOnDay {
                    day: day.into(),
                    currency,
                    deals_won,
                    revenue: super::whole_sum(low, high),
                })
                .collect();
            days.sort_by_key(|won| won.day);
            trend_points = trend(query.trend_periods, &days);
        }

        // Freshness: the latest push or pull of any of each person's devices.
        let (user_filter, _) = super::scope_filter(query.scope, "user_id");
        let devices = scoped!((UserId, StoredInstant, i64), freshness_sql(&user_filter))
            .fetch_all(&mut *transaction)
            .await?;
        for (user, last_synced_at, pending) in devices {
            if let Some(figures) = reps.get_mut(&user) {
                figures.last_synced_at = Some(last_synced_at.into());
                figures.work_pending = pending != 0;
            }
        }
        // Pulls that have answered but are not written yet count too.
        for (user, at) in unwritten_pulls {
            if let Some(figures) = reps.get_mut(&user) {
                figures.last_synced_at =
                    Some(figures.last_synced_at.map_or(at, |seen| seen.max(at)));
            }
        }
        transaction.commit().await?;

        let reps = query
            .people
            .iter()
            .filter_map(|(user_id, _)| reps.remove(user_id))
            .collect();
        Ok(DashboardFigures {
            reps,
            pipeline: pipeline_by_stage(&by_stage),
            trend: trend_points,
        })
    }
}

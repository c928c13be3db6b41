//! Counts for the pipeline report (`domain::pipeline_health`): stage
//! entries and times in stage from `stage_moves` (migration 0010, with the
//! lead's liveness and whether it went on kept by migration 0034), the
//! stale deals (from `open_lead_attention`, migration 0012), each stage's
//! win rate from the team's closed deals (`closed_stage_days`, 0034), the
//! open pipeline per owner (`open_pipeline`, migration 0009) and the days
//! deals took to close. Every statement reads an index range of its
//! roll-up: none grows with the team's whole history.

use super::{Store, StoreResult, date_text, instant_text};
use crate::domain::Currency;
use crate::domain::access::ReadScope;
use crate::domain::ids::UserId;
use crate::domain::lead::LeadStage;
use crate::domain::pipeline_health::{OPEN_STAGES, OpenDeal, StageWinRate};
use crate::domain::team_dashboard::{MoneyByCurrency, add_money};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::FromRow;
use std::collections::{BTreeMap, HashMap};

/// The stored-time bounds of a span of instants (a period's local days in
/// the team's zone, `UtcOffsets::span`).
fn span_bounds((from, until): (DateTime<Utc>, DateTime<Utc>)) -> (String, String) {
    (super::instant_text(from), super::instant_text(until))
}

fn funnel_sql(filter: &str) -> String {
    // `lead_live` and `went_on` are kept by the triggers of migration 0034.
    format!(
        "SELECT m.to_stage AS stage, COUNT(*) AS entered, CAST(SUM(m.went_on) AS BIGINT) AS went_on \
         FROM stage_moves m \
         WHERE {filter} AND m.moved_at >= ? AND m.moved_at < ? AND m.lead_live = 1 \
         GROUP BY m.to_stage"
    )
}

fn durations_sql(filter: &str, backend: super::Backend) -> String {
    let seconds =
        backend.whole_part("(julianday(m.moved_at) - julianday(m.entered_from_at)) * 86400");
    format!(
        "SELECT m.from_stage AS stage, {seconds} AS seconds \
         FROM stage_moves m \
         WHERE {filter} AND m.moved_at >= ? AND m.moved_at < ? AND m.lead_live = 1 \
           AND m.from_stage IS NOT NULL"
    )
}

/// The stale condition on `open_lead_attention` rows named `alias`: quiet
/// since before the first parameter, or in its stage since before its
/// stage's cutoff (one parameter per open stage, in pipeline order; empty:
/// never stuck).
fn stale_condition(alias: &str) -> String {
    format!(
        "({alias}.quiet_since < ? OR {alias}.stage_since < CASE {alias}.stage \
         WHEN 'new' THEN ? WHEN 'contacted' THEN ? WHEN 'qualified' THEN ? WHEN 'proposal' THEN ? \
         WHEN 'negotiation' THEN ? ELSE '' END)"
    )
}

/// The quietest stale deals of each owner in `filter` (on `u.id`), one
/// statement: per owner a short walk of the covering index of migration
/// 0034. Parameters: the condition's, the number per owner, the scope's.
/// PostgreSQL cannot turn SQLite's `IN (… LIMIT)` into a per-owner walk
/// (it ran the subquery for every pair of owner and open lead: 10 s on the
/// benchmark's team), so there the same walk is a `LATERAL` join.
fn stale_list_sql(filter: &str, backend: super::Backend) -> String {
    let quietest = format!(
        "SELECT s.lead_id FROM open_lead_attention s WHERE s.owner_id = u.id AND {} \
         ORDER BY s.quiet_since LIMIT ?",
        stale_condition("s")
    );
    let owners_deals = match backend {
        super::Backend::Sqlite => {
            format!("JOIN open_lead_attention a ON a.lead_id IN ({quietest})")
        }
        super::Backend::Postgres => format!(
            "CROSS JOIN LATERAL ({quietest}) AS quietest \
             JOIN open_lead_attention a ON a.lead_id = quietest.lead_id"
        ),
    };
    format!(
        "SELECT a.lead_id, l.name, a.owner_id, u.display_name AS owner_name, a.stage, a.value, a.currency, \
                a.last_touched_at, a.stage_since \
         FROM users u {owners_deals} \
         JOIN leads l ON l.id = a.lead_id \
         WHERE {filter}"
    )
}

fn stale_totals_sql(filter: &str) -> String {
    format!(
        "SELECT a.currency, COUNT(*) AS deals, CAST(SUM(a.value) AS BIGINT) AS value FROM open_lead_attention a \
         WHERE {filter} AND {} GROUP BY a.currency",
        stale_condition("a")
    )
}

fn win_rates_sql(filter: &str) -> String {
    format!(
        "SELECT stage, CAST(SUM(closed) AS BIGINT) AS closed, CAST(SUM(won) AS BIGINT) AS won FROM closed_stage_days \
         WHERE {filter} AND day >= ? GROUP BY stage"
    )
}

fn days_to_close_sql(filter: &str, backend: super::Backend) -> String {
    let tenths = backend.whole_part("(julianday(l.closed_at) - julianday(l.created_at)) * 10");
    format!(
        "SELECT l.owner_id, CAST(SUM({tenths}) AS BIGINT) AS tenths \
         FROM leads l WHERE {filter} AND l.deleted = 0 AND l.closed_at IS NOT NULL AND l.stage = 'won' \
           AND l.closed_at >= ? AND l.closed_at < ? AND l.closed_at >= l.created_at \
         GROUP BY l.owner_id"
    )
}

impl Store {
    /// Per stage: leads that entered it in `period`, and how many of them
    /// have moved further along since.
    pub async fn stage_entries(
        &self,
        scope: ReadScope,
        span: (DateTime<Utc>, DateTime<Utc>),
    ) -> StoreResult<Vec<(LeadStage, i64, i64)>> {
        let (filter, parameter) = super::scope_filter(scope, "m.owner_id");
        let (from, until) = span_bounds(span);
        let rows: Vec<(LeadStage, i64, Option<i64>)> =
            sqlx::query_as(self.backend().assembled(funnel_sql(&filter)))
                .bind(parameter)
                .bind(from)
                .bind(until)
                .fetch_all(self.pool())
                .await?;
        Ok(rows
            .into_iter()
            .map(|(stage, entered, went_on)| (stage, entered, went_on.unwrap_or(0)))
            .collect())
    }

    /// For each move out of a stage in `period`: the stage and the seconds
    /// the lead had spent in it.
    pub async fn stage_durations(
        &self,
        scope: ReadScope,
        span: (DateTime<Utc>, DateTime<Utc>),
    ) -> StoreResult<Vec<(LeadStage, i64)>> {
        let (filter, parameter) = super::scope_filter(scope, "m.owner_id");
        let (from, until) = span_bounds(span);
        let rows: Vec<(LeadStage, Option<i64>)> = sqlx::query_as(
            self.backend()
                .assembled(durations_sql(&filter, self.backend())),
        )
        .bind(parameter)
        .bind(from)
        .bind(until)
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(stage, seconds)| (stage, seconds.unwrap_or(0)))
            .collect())
    }

    /// The stale deals in `scope`: quiet since before `idle_before`, or in
    /// their stage since before that stage's cutoff in `stuck_before`.
    /// Returns the quietest `limit` of each owner (the screen keeps the
    /// quietest of all), and how many there are and their value.
    pub async fn stale_deals(
        &self,
        scope: ReadScope,
        idle_before: DateTime<Utc>,
        stuck_before: &BTreeMap<LeadStage, DateTime<Utc>>,
        limit: usize,
    ) -> StoreResult<(Vec<OpenDeal>, i64, MoneyByCurrency)> {
        let cutoffs: Vec<String> = OPEN_STAGES
            .iter()
            .map(|stage| {
                stuck_before
                    .get(stage)
                    .map(|at| instant_text(*at))
                    .unwrap_or_default()
            })
            .collect();
        let bind_condition =
            |mut query: sqlx::query::Query<'static, sqlx::Any, sqlx::any::AnyArguments>| {
                query = query.bind(instant_text(idle_before));
                for cutoff in &cutoffs {
                    query = query.bind(cutoff.clone());
                }
                query
            };
        let (owners, owner_parameter) = super::scope_filter(scope, "u.id");
        let query = sqlx::query(
            self.backend()
                .assembled(stale_list_sql(&owners, self.backend())),
        );
        let query = bind_condition(query).bind(i64::try_from(limit).unwrap_or(i64::MAX));
        // The scope's parameter comes last (none when every owner is read).
        let query = match owner_parameter {
            Some(parameter) => query.bind(parameter),
            None => query,
        };
        let (filter, parameter) = super::scope_filter(scope, "a.owner_id");
        let totals = bind_condition(
            sqlx::query(self.backend().assembled(stale_totals_sql(&filter))).bind(parameter),
        );
        // The list and the totals read side by side.
        let (rows, totals) =
            tokio::try_join!(query.fetch_all(self.pool()), totals.fetch_all(self.pool()))?;
        let deals = rows
            .iter()
            .map(OpenDeal::from_row)
            .collect::<Result<Vec<_>, _>>()?;
        let mut count = 0i64;
        let mut value = MoneyByCurrency::new();
        for row in &totals {
            let (currency, deals, sum) = <(Currency, i64, Option<i64>)>::from_row(row)?;
            count = count.saturating_add(deals);
            add_money(&mut value, currency, sum.unwrap_or(0));
        }
        Ok((deals, count, value))
    }

    /// Each stage's win rate: of the deals in `scope` closed since `since`,
    /// how many passed through the stage and how many of those were won.
    pub async fn stage_win_rates(
        &self,
        scope: ReadScope,
        since: NaiveDate,
    ) -> StoreResult<Vec<StageWinRate>> {
        // From the per-day counts of `closed_lead_paths` (migrations 0014, 0034).
        let (filter, parameter) = super::scope_filter(scope, "owner_id");
        let rows: Vec<(LeadStage, i64, Option<i64>)> =
            sqlx::query_as(self.backend().assembled(win_rates_sql(&filter)))
                .bind(parameter)
                .bind(date_text(since))
                .fetch_all(self.pool())
                .await?;
        Ok(rows
            .into_iter()
            .map(|(stage, closed, won)| StageWinRate {
                stage,
                closed,
                won: won.unwrap_or(0),
            })
            .collect())
    }

    /// The open pipeline per owner, stage and currency (from the roll-up).
    pub async fn open_pipeline_by_owner(
        &self,
        scope: ReadScope,
    ) -> StoreResult<Vec<(UserId, LeadStage, Currency, crate::domain::money::MoneySum)>> {
        let (filter, parameter) = super::scope_filter(scope, "owner_id");
        let rows: Vec<(UserId, LeadStage, Currency, i64, i64)> = sqlx::query_as(self.backend().assembled(format!(
            "SELECT owner_id, stage, currency, value, value_high FROM open_pipeline WHERE {filter} AND deals > 0"
        )))
        .bind(parameter)
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(owner, stage, currency, low, high)| {
                (owner, stage, currency, super::whole_sum(low, high))
            })
            .collect())
    }

    /// Per owner: the days from creation to close of the deals won in
    /// `period`, added up in tenths of a day.
    pub async fn days_to_close(
        &self,
        scope: ReadScope,
        span: (DateTime<Utc>, DateTime<Utc>),
    ) -> StoreResult<HashMap<UserId, i64>> {
        let (filter, parameter) = super::scope_filter(scope, "l.owner_id");
        let (from, until) = span_bounds(span);
        let rows: Vec<(UserId, Option<i64>)> = sqlx::query_as(
            self.backend()
                .assembled(days_to_close_sql(&filter, self.backend())),
        )
        .bind(parameter)
        .bind(from)
        .bind(until)
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(owner, tenths)| (owner, tenths.unwrap_or(0)))
            .collect())
    }

    /// SQLite's plan for every statement of the pipeline report in `scope`.
    pub async fn pipeline_health_query_plans(&self, scope: ReadScope) -> StoreResult<Vec<String>> {
        let (moves, _) = super::scope_filter(scope, "m.owner_id");
        let (leads, _) = super::scope_filter(scope, "l.owner_id");
        let statements = [
            funnel_sql(&moves),
            durations_sql(&moves, self.backend()),
            stale_list_sql(&super::scope_filter(scope, "u.id").0, self.backend()),
            stale_totals_sql(&super::scope_filter(scope, "a.owner_id").0),
            win_rates_sql(&super::scope_filter(scope, "owner_id").0),
            days_to_close_sql(&leads, self.backend()),
        ];
        self.query_plans(&statements).await
    }
}

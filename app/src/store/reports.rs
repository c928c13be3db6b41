//! Aggregates for the dashboard, computed in SQL over the canonical data.

use super::{Store, StoreResult, instant_text, scope_filter};
use crate::domain::Currency;
use crate::domain::access::ReadScope;
pub use crate::domain::report::DashboardCounts;
use chrono::{DateTime, Utc};

impl Store {
    /// Counts over the owned rows in `scope`; "this month" starts at `month_start`.
    pub async fn dashboard_counts(
        &self,
        scope: ReadScope,
        month_start: DateTime<Utc>,
    ) -> StoreResult<DashboardCounts> {
        let (lead_filter, lead_parameter) = scope_filter(scope, "owner_id");
        let (open_leads, deals_won): (i64, i64) = sqlx::query_as(self.backend().assembled(format!(
            "SELECT COALESCE(CAST(SUM(CASE WHEN stage NOT IN ('won', 'lost') THEN 1 ELSE 0 END) AS BIGINT), 0) AS open_leads, \
                    COALESCE(CAST(SUM(CASE WHEN stage = 'won' THEN 1 ELSE 0 END) AS BIGINT), 0) AS deals_won \
             FROM leads WHERE {lead_filter} AND deleted = 0"
        )))
        .bind(lead_parameter.clone())
        .fetch_one(self.pool())
        .await?;

        // Currency, then the won and open sums (each a low and a high part).
        let money_rows: Vec<(Currency, i64, i64, i64, i64)> =
            sqlx::query_as(self.backend().assembled(format!(
                "SELECT currency, {}, {} \
             FROM leads WHERE {lead_filter} AND deleted = 0 GROUP BY currency ORDER BY currency",
                super::money_sum_sql(
                    "CASE WHEN stage = 'won' THEN COALESCE(won_amount, 0) ELSE 0 END",
                    "won"
                ),
                super::money_sum_sql(
                    "CASE WHEN stage NOT IN ('won', 'lost') THEN estimated_value ELSE 0 END",
                    "open"
                ),
            )))
            .bind(lead_parameter)
            .fetch_all(self.pool())
            .await?;
        let mut revenue_won = Vec::new();
        let mut pipeline_value = Vec::new();
        for (currency, won_low, won_high, open_low, open_high) in money_rows {
            let won = super::whole_sum(won_low, won_high);
            let open = super::whole_sum(open_low, open_high);
            if won > 0 {
                revenue_won.push((currency, won));
            }
            if open > 0 {
                pipeline_value.push((currency, open));
            }
        }

        let (activity_filter, activity_parameter) = scope_filter(scope, "owner_id");
        let (activities_this_month, calls_this_month): (i64, i64) = sqlx::query_as(self.backend().assembled(format!(
            "SELECT COUNT(*) AS activities, COALESCE(CAST(SUM(CASE WHEN kind = 'call' THEN 1 ELSE 0 END) AS BIGINT), 0) AS calls \
             FROM activities WHERE {activity_filter} AND deleted = 0 \
               AND COALESCE(occurred_at, done_at) >= ?"
        )))
        .bind(activity_parameter)
        .bind(instant_text(month_start))
        .fetch_one(self.pool())
        .await?;

        Ok(DashboardCounts {
            scope: Default::default(),
            open_leads,
            deals_won,
            revenue_won,
            pipeline_value,
            activities_this_month,
            calls_this_month,
            active_goals: 0,
        })
    }
}

//! Headcount plans in SQL, and how many active reps a team has now.
//! Callers check the manager's right to the team first.

use super::{Store, StoreResult, date_text, instant_text};
use crate::domain::headcount::HeadcountPlan;
use crate::domain::{TeamId, UserId};
use chrono::{DateTime, Utc};

impl Store {
    /// The team's plans, latest period first.
    pub async fn headcount_plans(&self, team_id: TeamId) -> StoreResult<Vec<HeadcountPlan>> {
        sqlx::query_as(
            "SELECT id, period_start, period_end, planned, note FROM headcount_plans \
             WHERE team_id = $1 ORDER BY period_start DESC, id",
        )
        .bind(team_id)
        .fetch_all(self.pool())
        .await
    }

    /// The team's reps who can sign in now.
    pub async fn active_reps(&self, team_id: TeamId) -> StoreResult<u64> {
        let count: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM users WHERE team_id = $1 AND role = 'rep' AND active = 1 AND deleted = 0",
        )
        .bind(team_id)
        .fetch_one(self.pool())
        .await?;
        Ok(u64::try_from(count).unwrap_or(0))
    }

    pub async fn add_headcount_plan(
        &self,
        team_id: TeamId,
        plan: &HeadcountPlan,
        by: UserId,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut transaction = self.write().await?;
        sqlx::query(
            "INSERT INTO headcount_plans (id, team_id, period_start, period_end, planned, note, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(plan.id.to_string())
        .bind(team_id)
        .bind(date_text(plan.period_start))
        .bind(date_text(plan.period_end))
        .bind(plan.planned)
        .bind(&plan.note)
        .bind(by)
        .bind(instant_text(now))
        .execute(&mut *transaction)
        .await?;
        transaction.commit().await
    }

    /// Removes a plan of the team; `false` when it is not one of the team's.
    pub async fn delete_headcount_plan(
        &self,
        team_id: TeamId,
        id: uuid::Uuid,
    ) -> StoreResult<bool> {
        let mut transaction = self.write().await?;
        let done = sqlx::query("DELETE FROM headcount_plans WHERE id = $1 AND team_id = $2")
            .bind(id.to_string())
            .bind(team_id)
            .execute(&mut *transaction)
            .await?;
        transaction.commit().await?;
        Ok(done.rows_affected() == 1)
    }
}

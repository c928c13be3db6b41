//! Goals in SQL.

use super::{Store, StoreResult, date_text, instant_text, next_version};
use crate::domain::goal::ValidGoal;
use crate::domain::{Goal, GoalId, TeamId, UserId};
use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;

pub(crate) const GOAL_SELECT: &str = "SELECT g.*, COALESCE(u.display_name, t.name, '') AS subject_name FROM goals g \
     LEFT JOIN users u ON g.scope = 'rep' AND u.id = g.subject_id \
     LEFT JOIN teams t ON g.scope = 'team' AND t.id = g.subject_id";

pub(crate) fn goal_from_row(row: &AnyRow) -> StoreResult<Goal> {
    sqlx::FromRow::from_row(row)
}

impl Store {
    /// Live goals of one team, or of every team when `team_id` is `None`;
    /// the caller filters them further by who may read each.
    pub async fn list_goals(&self, team_id: Option<TeamId>) -> StoreResult<Vec<Goal>> {
        let filter = if team_id.is_some() {
            "g.team_id = ?"
        } else {
            "1 = 1"
        };
        let sql = format!(
            "{GOAL_SELECT} WHERE {filter} AND g.deleted = 0 ORDER BY g.period_start DESC, g.metric, g.id"
        );
        let rows = sqlx::query(self.backend().assembled(sql))
            .bind(team_id)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(goal_from_row).collect()
    }

    pub async fn goal(&self, id: GoalId) -> StoreResult<Option<Goal>> {
        let mut connection = self.pool().acquire().await?;
        goal_in(&mut connection, id).await
    }

    pub async fn save_goal(
        &self,
        goal: &ValidGoal,
        team_id: TeamId,
        created_by: UserId,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut transaction = self.write().await?;
        upsert_goal_in(&mut transaction, goal, team_id, created_by, now).await?;
        transaction.commit().await
    }

    /// Sets several goals of one team in one transaction, so a failure
    /// writes none of them and a retry cannot double them: a goal whose
    /// subject already has a live goal with the same metric, currency and
    /// period is kept as it is (`SameGoalSet::Keep`) or given the new
    /// target (`SameGoalSet::TakeNewTarget`). Answers how many goals were
    /// added or changed.
    pub async fn save_goals_once(
        &self,
        goals: &[ValidGoal],
        team_id: TeamId,
        created_by: UserId,
        when_set: SameGoalSet,
        now: DateTime<Utc>,
    ) -> StoreResult<usize> {
        let mut transaction = self.write().await?;
        let mut changed = 0;
        for goal in goals {
            let existing: Option<(String, i64)> = sqlx::query_as(
                "SELECT id, target FROM goals WHERE team_id = $1 AND scope = $2 AND subject_id = $3 \
                   AND metric = $4 AND currency IS NOT DISTINCT FROM $5 AND period_start = $6 AND period_end = $7 \
                   AND deleted = 0 ORDER BY created_at, id LIMIT 1",
            )
            .bind(team_id)
            .bind(goal.scope)
            .bind(goal.subject_id.to_string())
            .bind(goal.metric)
            .bind(goal.currency)
            .bind(date_text(goal.period_start))
            .bind(date_text(goal.period_end))
            .fetch_optional(&mut *transaction)
            .await?;
            match (existing, when_set) {
                (None, _) => {
                    upsert_goal_in(&mut transaction, goal, team_id, created_by, now).await?;
                    changed += 1;
                }
                (Some(_), SameGoalSet::Keep) => {}
                (Some((_, target)), SameGoalSet::TakeNewTarget) if target == goal.target => {}
                (Some((id, _)), SameGoalSet::TakeNewTarget) => {
                    let version = next_version(&mut transaction).await?;
                    sqlx::query(
                        "UPDATE goals SET target = $1, updated_at = $2, version = $3 WHERE id = $4",
                    )
                    .bind(goal.target)
                    .bind(instant_text(now))
                    .bind(version)
                    .bind(id)
                    .execute(&mut *transaction)
                    .await?;
                    changed += 1;
                }
            }
        }
        transaction.commit().await?;
        Ok(changed)
    }
}

/// What `Store::save_goals_once` does with a goal the subject already has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SameGoalSet {
    /// Copying last period: a goal already set this period stays as it is.
    Keep,
    /// "Same goal for every rep": the rep's goal takes the new target.
    TakeNewTarget,
}

/// Inserts or replaces one goal with a new sync version, inside the
/// caller's write transaction.
pub(super) async fn upsert_goal_in(
    connection: &mut sqlx::AnyConnection,
    goal: &ValidGoal,
    team_id: TeamId,
    created_by: UserId,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let version = next_version(connection).await?;
    let now = instant_text(now);
    sqlx::query(
        "INSERT INTO goals (id, team_id, scope, subject_id, metric, target, currency, period_start, period_end, \
             created_by, created_at, updated_at, version) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
         ON CONFLICT (id) DO UPDATE SET scope = excluded.scope, subject_id = excluded.subject_id, \
             metric = excluded.metric, target = excluded.target, currency = excluded.currency, \
             period_start = excluded.period_start, period_end = excluded.period_end, \
             updated_at = excluded.updated_at, version = excluded.version",
    )
    .bind(goal.id)
    .bind(team_id)
    .bind(goal.scope)
    .bind(goal.subject_id.to_string())
    .bind(goal.metric)
    .bind(goal.target)
    .bind(goal.currency)
    .bind(date_text(goal.period_start))
    .bind(date_text(goal.period_end))
    .bind(created_by)
    .bind(&now)
    .bind(&now)
    .bind(version)
    .execute(&mut *connection)
    .await?;
    Ok(())
}

/// Like `Store::goal`, inside a caller's transaction.
pub(crate) async fn goal_in(
    connection: &mut sqlx::AnyConnection,
    id: GoalId,
) -> StoreResult<Option<Goal>> {
    let row = sqlx::query(
        crate::store::Backend::of_connection(connection)
            .assembled(format!("{GOAL_SELECT} WHERE g.id = ?")),
    )
    .bind(id)
    .fetch_optional(&mut *connection)
    .await?;
    row.as_ref().map(goal_from_row).transpose()
}

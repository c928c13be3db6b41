//! Activities in SQL.

use super::leads::owner_from_row;
use super::{Store, StoreResult, instant_text, scope_filter};
use crate::domain::access::{Owner, ReadScope};
use crate::domain::activity::ValidActivity;
use crate::domain::{Activity, ActivityId, LeadId, UserId};
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

pub(crate) const ACTIVITY_SELECT: &str = "SELECT a.*, u.display_name AS owner_name, u.team_id AS owner_team_id, \
         l.name AS lead_name \
     FROM activities a JOIN users u ON u.id = a.owner_id LEFT JOIN leads l ON l.id = a.lead_id";

pub(crate) fn activity_from_row(row: &AnyRow) -> StoreResult<Activity> {
    sqlx::FromRow::from_row(row)
}

impl Store {
    /// Live activities in a scope (optionally of one lead), newest first.
    pub async fn list_activities(
        &self,
        scope: ReadScope,
        lead_id: Option<LeadId>,
    ) -> StoreResult<Vec<Activity>> {
        let (filter, parameter) = scope_filter(scope, "a.owner_id");
        let lead_filter = if lead_id.is_some() {
            "AND a.lead_id = ?"
        } else {
            ""
        };
        let sql = format!(
            "{ACTIVITY_SELECT} WHERE {filter} AND a.deleted = 0 {lead_filter} \
             ORDER BY COALESCE(a.occurred_at, a.due_at) DESC, a.id"
        );
        let mut query = sqlx::query(self.backend().assembled(sql)).bind(parameter);
        if let Some(lead_id) = lead_id {
            query = query.bind(lead_id);
        }
        let rows = query.fetch_all(self.pool()).await?;
        rows.iter().map(activity_from_row).collect()
    }

    pub async fn activity(&self, id: ActivityId) -> StoreResult<Option<(Activity, Owner)>> {
        let mut connection = self.pool().acquire().await?;
        activity_in(&mut connection, id).await
    }

    pub async fn save_activity(
        &self,
        activity: &ValidActivity,
        owner_id: UserId,
        done_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut transaction = self.write().await?;
        save_activity_in(&mut transaction, activity, owner_id, done_at, now).await?;
        transaction.commit().await
    }
}

/// Like `Store::activity`, inside a caller's transaction.
pub(crate) async fn activity_in(
    connection: &mut AnyConnection,
    id: ActivityId,
) -> StoreResult<Option<(Activity, Owner)>> {
    let row = sqlx::query(
        crate::store::Backend::of_connection(connection)
            .assembled(format!("{ACTIVITY_SELECT} WHERE a.id = ?")),
    )
    .bind(id)
    .fetch_optional(&mut *connection)
    .await?;
    row.map(|row| Ok((activity_from_row(&row)?, owner_from_row(&row)?)))
        .transpose()
}

/// Like `Store::save_activity`, inside a caller's transaction.
pub(crate) async fn save_activity_in(
    connection: &mut AnyConnection,
    activity: &ValidActivity,
    owner_id: UserId,
    done_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    write_activity_in(connection, activity, owner_id, done_at, now, false).await?;
    Ok(())
}

/// Logs a new activity of `owner_id`'s in one statement, only if its id is
/// new and its lead (if any) is theirs and not deleted; `false` when nothing
/// was written (then the full checks decide).
pub(crate) async fn insert_new_own_activity_in(
    connection: &mut AnyConnection,
    activity: &ValidActivity,
    owner_id: UserId,
    done_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    write_activity_in(connection, activity, owner_id, done_at, now, true).await
}

/// The columns every write of an activity row sets, the version last.
const ACTIVITY_COLUMNS: &str = "id, lead_id, owner_id, kind, tactic, outcome, occurred_at, due_at, done_at, \
     duration_minutes, notes, created_at, updated_at, version";

/// Like `insert_new_own_activity_in` for many activities at once: one
/// reservation of versions and one multi-row insert per few hundred, which
/// writes only the rows whose id is new and whose lead (if any) is the
/// owner's and not deleted. Returns the ids written; the rest need the full
/// checks. A skipped row leaves its reserved version unused (versions only
/// need to grow).
pub(crate) async fn insert_new_own_activities_in(
    connection: &mut AnyConnection,
    activities: &[(ValidActivity, Option<DateTime<Utc>>)],
    owner_id: UserId,
    now: DateTime<Utc>,
) -> StoreResult<std::collections::HashSet<ActivityId>> {
    let mut written = std::collections::HashSet::new();
    let owner = owner_id.to_string();
    let now = instant_text(now);
    // 14 parameters a row, well under SQLite's 32,766.
    for chunk in activities.chunks(500) {
        let first_version = super::reserve_versions(connection, chunk.len()).await?;
        let rows = vec!["(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"; chunk.len()].join(", ");
        let sql = format!(
            "INSERT INTO activities ({ACTIVITY_COLUMNS}) \
             SELECT * FROM (VALUES {rows}) AS new \
             WHERE new.column2 IS NULL OR EXISTS (SELECT 1 FROM leads \
                 WHERE leads.id = new.column2 AND leads.owner_id = new.column3 AND leads.deleted = 0) \
             ON CONFLICT (id) DO NOTHING RETURNING id"
        );
        let mut query = sqlx::query_scalar::<_, ActivityId>(
            crate::store::Backend::of_connection(connection).assembled(sql),
        );
        for (offset, (activity, done_at)) in chunk.iter().enumerate() {
            query = query
                .bind(activity.id)
                .bind(activity.lead_id)
                .bind(owner.clone())
                .bind(activity.kind)
                .bind(activity.tactic)
                .bind(activity.outcome)
                .bind(activity.occurred_at.map(instant_text))
                .bind(activity.due_at.map(instant_text))
                .bind(done_at.map(instant_text))
                .bind(activity.duration_minutes)
                .bind(activity.notes.clone())
                .bind(now.clone())
                .bind(now.clone())
                .bind(first_version + i64::try_from(offset).unwrap_or(0));
        }
        for id in query.fetch_all(&mut *connection).await? {
            written.insert(id);
        }
    }
    Ok(written)
}

/// The row takes the next version in the same statement (migration 0003).
async fn write_activity_in(
    connection: &mut AnyConnection,
    activity: &ValidActivity,
    owner_id: UserId,
    done_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    only_new_and_own_lead: bool,
) -> StoreResult<bool> {
    let insert = format!(
        "INSERT INTO activities ({ACTIVITY_COLUMNS}) \
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, (SELECT last_version + 1 FROM sync_state WHERE id = 1) "
    );
    const REPLACE: &str = "WHERE true ON CONFLICT (id) DO UPDATE SET lead_id = excluded.lead_id, kind = excluded.kind, \
             tactic = excluded.tactic, outcome = excluded.outcome, occurred_at = excluded.occurred_at, \
             due_at = excluded.due_at, done_at = excluded.done_at, duration_minutes = excluded.duration_minutes, \
             notes = excluded.notes, updated_at = excluded.updated_at, version = excluded.version";
    const ONLY_NEW: &str = "WHERE (?2 IS NULL OR EXISTS (SELECT 1 FROM leads WHERE id = ?2 AND owner_id = ?3 AND deleted = 0)) \
         ON CONFLICT (id) DO NOTHING";
    let sql = if only_new_and_own_lead {
        [insert.as_str(), ONLY_NEW].concat()
    } else {
        [insert.as_str(), REPLACE].concat()
    };
    let result = sqlx::query(crate::store::Backend::of_connection(connection).assembled(sql))
        .bind(activity.id)
        .bind(activity.lead_id)
        .bind(owner_id)
        .bind(activity.kind)
        .bind(activity.tactic)
        .bind(activity.outcome)
        .bind(activity.occurred_at.map(instant_text))
        .bind(activity.due_at.map(instant_text))
        .bind(done_at.map(instant_text))
        .bind(activity.duration_minutes)
        .bind(&activity.notes)
        .bind(instant_text(now))
        .execute(&mut *connection)
        .await?;
    Ok(result.rows_affected() > 0)
}

/// Marks an activity deleted (a tombstone), inside a caller's transaction.
pub(crate) async fn delete_activity_in(
    connection: &mut AnyConnection,
    id: ActivityId,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    super::mark_deleted(
        connection,
        super::SyncedTable::Activities,
        &id.to_string(),
        now,
    )
    .await
}

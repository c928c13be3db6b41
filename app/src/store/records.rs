//! Manager's records in SQL.

use super::{Store, StoreResult, date_text, instant_text, next_version};
use crate::domain::record::ValidRecord;
use crate::domain::{ManagerRecord, RecordId, TeamId, UserId};
use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;

fn record_from_row(row: &AnyRow) -> StoreResult<ManagerRecord> {
    sqlx::FromRow::from_row(row)
}

impl Store {
    /// Live records of one team, or of all teams when `team_id` is `None`.
    pub async fn list_records(&self, team_id: Option<TeamId>) -> StoreResult<Vec<ManagerRecord>> {
        let filter = if team_id.is_some() {
            "team_id = ?"
        } else {
            "1 = 1"
        };
        let sql = format!(
            "SELECT * FROM records WHERE {filter} AND deleted = 0 ORDER BY updated_at DESC, id"
        );
        let rows = sqlx::query(self.backend().assembled(sql))
            .bind(team_id)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(record_from_row).collect()
    }

    pub async fn record(&self, id: RecordId) -> StoreResult<Option<ManagerRecord>> {
        let mut connection = self.pool().acquire().await?;
        record_in(&mut connection, id).await
    }

    /// Saves a record in its own write transaction (the demo data); the
    /// server functions go through `checked::save_record`.
    pub async fn save_record(
        &self,
        record: &ValidRecord,
        team_id: TeamId,
        owner_id: UserId,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut transaction = self.write().await?;
        upsert_record_in(&mut transaction, record, team_id, owner_id, now).await?;
        transaction.commit().await
    }
}

/// Like `Store::record`, inside a caller's transaction.
pub(super) async fn record_in(
    connection: &mut sqlx::AnyConnection,
    id: RecordId,
) -> StoreResult<Option<ManagerRecord>> {
    let row = sqlx::query("SELECT * FROM records WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *connection)
        .await?;
    row.as_ref().map(record_from_row).transpose()
}

/// Inserts or replaces one record with a new sync version, inside the
/// caller's write transaction.
pub(super) async fn upsert_record_in(
    connection: &mut sqlx::AnyConnection,
    record: &ValidRecord,
    team_id: TeamId,
    owner_id: UserId,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let version = next_version(connection).await?;
    let now = instant_text(now);
    sqlx::query(
            "INSERT INTO records (id, team_id, owner_id, kind, title, amount, currency, period_start, period_end, body, \
                 person_id, tags, created_at, updated_at, version) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) \
             ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, title = excluded.title, amount = excluded.amount, \
                 currency = excluded.currency, period_start = excluded.period_start, period_end = excluded.period_end, \
                 body = excluded.body, person_id = excluded.person_id, tags = excluded.tags, \
                 updated_at = excluded.updated_at, \
                 version = excluded.version",
        )
        .bind(record.id)
        .bind(team_id)
        .bind(owner_id)
        .bind(record.kind)
        .bind(&record.title)
        .bind(record.amount)
        .bind(record.currency)
        .bind(record.period_start.map(date_text))
        .bind(record.period_end.map(date_text))
        .bind(&record.body)
        .bind(record.person_id)
        .bind(record.tags.join("\n"))
        .bind(&now)
        .bind(&now)
        .bind(version)
        .execute(&mut *connection)
        .await?;
    Ok(())
}

//! Copying a whole Pishro database into a new, empty PostgreSQL one
//! (`pishro migrate-data`), for a team that outgrows the embedded SQLite
//! file. Rows go over exactly as they are: sync versions, devices' client
//! ids and cursors, sessions and the audit history included, so people stay
//! signed in and devices keep pulling from where they were, with no full
//! re-pull. The roll-up tables are copied, not recounted: the target's
//! triggers are off while the rows arrive, and on again before the commit.

use super::{Backend, Store, StoreResult};
use sqlx::Row;
use sqlx::any::AnyRow;

/// Every table of the schema, each after the tables its foreign keys name.
/// `copy_everything_to` refuses a source with a table missing from here, so
/// a new table cannot be left behind silently.
pub const COPIED_TABLES: &[&str] = &[
    "sync_state",
    "teams",
    "users",
    "sessions",
    "sales_events",
    "leads",
    "activities",
    "goals",
    "records",
    "sync_clients",
    "rejected_mutations",
    "lead_history",
    "scope_exits",
    "activity_days",
    "closed_days",
    "compensation_plans",
    "kudos",
    "open_pipeline",
    "stage_moves",
    "period_notes",
    "open_lead_attention",
    "closed_lead_paths",
    "zone_offsets",
    "team_holidays",
    "lead_assignments",
    "absences",
    "invites",
    "event_leads",
    "budget_lines",
    "budget_spending",
    "web_forms",
    "pool_leads",
    "team_pool_settings",
    "audit_actor",
    "audit_log",
    "headcount_plans",
    "training_programmes",
    "training_sessions",
    "training_attendance",
    "training_completions",
    "staff_records",
    "closed_stage_days",
    "approach_activity_days",
    "lead_first_touches",
    "sign_in_strikes",
    "recent_submissions",
    "approach_reach_days",
    "approach_revenue_days",
];

/// Tables whose `id` the database numbers (SQLite's rowid, PostgreSQL's
/// identity): after the copy, PostgreSQL's counter continues past the
/// copied ids.
const NUMBERED_TABLES: &[&str] = &["scope_exits", "audit_log"];

/// Why a copy did not happen; nothing was written to the target.
#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    #[error("the target database already holds data ({0} people); copy into a new, empty database")]
    TargetNotEmpty(i64),
    #[error("copy from a SQLite database (sqlite:…) into a PostgreSQL one (postgres://…)")]
    WrongDirection,
    #[error(
        "the source has a table this Pishro does not know how to copy ({0}); use the Pishro that wrote it"
    )]
    UnknownTable(String),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
}

/// What a finished copy moved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CopySummary {
    pub tables: usize,
    pub rows: u64,
    pub last_version: i64,
}

/// One stored value as it crosses between databases: the schema keeps only
/// 64-bit integers and text.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum StoredValue {
    Null,
    Integer(i64),
    Text(String),
}

fn value_at(row: &AnyRow, index: usize) -> StoreResult<StoredValue> {
    if let Ok(number) = row.try_get::<Option<i64>, _>(index) {
        return Ok(number.map_or(StoredValue::Null, StoredValue::Integer));
    }
    Ok(row
        .try_get::<Option<String>, _>(index)?
        .map_or(StoredValue::Null, StoredValue::Text))
}

/// The values of a PostgreSQL statement take at most 65,535 parameters.
const PARAMETERS_PER_STATEMENT: usize = 30_000;

impl Store {
    /// Copies every row of this (SQLite) database into `target`, a new
    /// PostgreSQL database, in one transaction there.
    pub async fn copy_everything_to(&self, target: &Store) -> Result<CopySummary, CopyError> {
        if self.backend() != Backend::Sqlite || target.backend() != Backend::Postgres {
            return Err(CopyError::WrongDirection);
        }
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations'",
        )
        .fetch_all(self.pool())
        .await?;
        if let Some(unknown) = tables
            .iter()
            .find(|table| !COPIED_TABLES.contains(&table.as_str()))
        {
            return Err(CopyError::UnknownTable(unknown.clone()));
        }
        let people: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
            .fetch_one(target.pool())
            .await?;
        if people > 0 {
            return Err(CopyError::TargetNotEmpty(people));
        }

        let mut source = self.read().await?;
        let mut writing = target.write().await?;
        for table in COPIED_TABLES {
            sqlx::query(
                Backend::Postgres.assembled(format!("ALTER TABLE {table} DISABLE TRIGGER USER")),
            )
            .execute(&mut *writing)
            .await?;
        }
        // The rows the target's migrations seeded come from the source.
        for table in ["sync_state", "audit_actor"] {
            sqlx::query(Backend::Postgres.assembled(format!("DELETE FROM {table}")))
                .execute(&mut *writing)
                .await?;
        }
        let mut rows_copied = 0_u64;
        for table in COPIED_TABLES {
            let rows = sqlx::query(Backend::Postgres.assembled(format!("SELECT * FROM {table}")))
                .fetch_all(&mut *source)
                .await?;
            let Some(first) = rows.first() else {
                continue;
            };
            let columns: Vec<String> = first
                .columns()
                .iter()
                .map(|column| sqlx::Column::name(column).to_string())
                .collect();
            let per_statement = (PARAMETERS_PER_STATEMENT / columns.len().max(1)).max(1);
            for chunk in rows.chunks(per_statement) {
                let mut values = Vec::with_capacity(chunk.len() * columns.len());
                let mut tuples = Vec::with_capacity(chunk.len());
                for row in chunk {
                    let mut marks = Vec::with_capacity(columns.len());
                    for index in 0..columns.len() {
                        // NULL is written in place: a bound NULL would need
                        // the column's type.
                        match value_at(row, index)? {
                            StoredValue::Null => marks.push("NULL".to_string()),
                            value => {
                                values.push(value);
                                marks.push(format!("${}", values.len()));
                            }
                        }
                    }
                    tuples.push(format!("({})", marks.join(", ")));
                }
                let statement = format!(
                    "INSERT INTO {table} ({}) VALUES {}",
                    columns.join(", "),
                    tuples.join(", ")
                );
                let mut query = sqlx::query(sqlx::AssertSqlSafe(statement));
                for value in values {
                    query = match value {
                        StoredValue::Integer(number) => query.bind(number),
                        StoredValue::Text(text) => query.bind(text),
                        StoredValue::Null => query,
                    };
                }
                query.execute(&mut *writing).await?;
            }
            rows_copied += rows.len() as u64;
        }
        for table in NUMBERED_TABLES {
            sqlx::query(Backend::Postgres.assembled(format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                 (SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)"
            )))
            .execute(&mut *writing)
            .await?;
        }
        for table in COPIED_TABLES {
            sqlx::query(
                Backend::Postgres.assembled(format!("ALTER TABLE {table} ENABLE TRIGGER USER")),
            )
            .execute(&mut *writing)
            .await?;
        }
        let last_version: i64 =
            sqlx::query_scalar("SELECT last_version FROM sync_state WHERE id = 1")
                .fetch_one(&mut *writing)
                .await?;
        writing.commit().await?;
        Ok(CopySummary {
            tables: COPIED_TABLES.len(),
            rows: rows_copied,
            last_version,
        })
    }

    /// Every row of `table` (one of `COPIED_TABLES`), each as its columns'
    /// names and values, in a stable order: what a test compares between
    /// a database and its copy.
    pub async fn table_contents(
        &self,
        table: &str,
    ) -> StoreResult<Vec<Vec<(String, StoredValue)>>> {
        let Some(table) = COPIED_TABLES.iter().find(|known| **known == table) else {
            return Err(sqlx::Error::Configuration(
                format!("{table} is not a Pishro table").into(),
            ));
        };
        let rows = sqlx::query(Backend::Postgres.assembled(format!("SELECT * FROM {table}")))
            .fetch_all(self.pool())
            .await?;
        let mut contents = Vec::with_capacity(rows.len());
        for row in &rows {
            let mut values = Vec::with_capacity(row.len());
            for (index, column) in row.columns().iter().enumerate() {
                values.push((
                    sqlx::Column::name(column).to_string(),
                    value_at(row, index)?,
                ));
            }
            contents.push(values);
        }
        contents.sort();
        Ok(contents)
    }
}

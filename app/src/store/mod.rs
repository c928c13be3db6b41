//! The store: the only place that knows SQL. Server functions call it
//! after they have checked the session, access and input. One body of SQL
//! runs on SQLite and PostgreSQL through sqlx's `Any` driver (`backend.rs`
//! holds the few spellings that differ); nothing above the store names
//! either database.
//!
//! Where a query is assembled with `format!` (and wrapped in `AssertSqlSafe`),
//! only constant fragments of this module are joined; every value a client
//! sent is a bind parameter.

mod activities;
mod audit;
mod availability;
mod backend;
pub mod backup;
mod budgets;
pub mod checked;
pub mod columns;
pub mod copy;
pub mod demo;
mod effectiveness;
pub(crate) mod events;
mod generate;
mod goals;
mod headcount;
mod invites;
pub(crate) mod lead_import;
pub(crate) mod lead_merge;
mod leads;
pub mod limits;
mod pay;
mod people;
mod period_notes;
mod pipeline_health;
pub(crate) mod pool;
mod progress;
mod pull_notes;
mod records;
mod reports;
mod staff;
pub mod sync;
mod team_dashboard;
mod team_days;
mod time_zones;
mod training;
mod users;

pub use backend::{Backend, LIVE_CHANNEL, new_postgres_database};
pub use generate::{GenerateOptions, Generated};
pub use goals::SameGoalSet;
pub use invites::{JoiningPerson, NewInvite};
pub use progress::TeamTotals;
pub use reports::DashboardCounts;
pub use team_dashboard::{DashboardFigures, DashboardQuery};
pub use team_days::KeptDays;
pub use time_zones::{zone_name_of, zone_offsets_of};
pub use users::{Credentials, NewUser};

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use sqlx::{AnyConnection, AnyPool};
use std::time::Duration;

/// Handle to the database; cheap to clone (it is a pool).
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// Where the database is (for a PostgreSQL listener of its own).
    url: std::sync::Arc<str>,
    /// Whose turn it is to write (see `Store::write`).
    writer: std::sync::Arc<tokio::sync::Mutex<()>>,
    /// Finished pulls waiting to be noted (see `pull_notes`).
    pull_notes: pull_notes::PullNotes,
    /// Who the writes of this handle are made by, for the audit history
    /// (`None`: Pishro itself). Set per request by `acting_as`.
    actor: Option<crate::domain::UserId>,
}

/// A write transaction and this process's turn to write: derefs to the
/// connection like `sqlx::Transaction`; `commit` ends both; dropping it
/// rolls back and passes the turn on.
pub struct WriteTransaction {
    transaction: sqlx::Transaction<'static, sqlx::Any>,
    _turn: tokio::sync::OwnedMutexGuard<()>,
}

impl WriteTransaction {
    pub async fn commit(self) -> StoreResult<()> {
        self.transaction.commit().await
    }
}

impl std::ops::Deref for WriteTransaction {
    type Target = AnyConnection;

    fn deref(&self) -> &AnyConnection {
        &self.transaction
    }
}

impl std::ops::DerefMut for WriteTransaction {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.transaction
    }
}

/// Errors from the store are database errors; server functions turn them
/// into `AppError::Internal` after logging.
pub type StoreResult<T> = Result<T, sqlx::Error>;

impl Store {
    /// Opens (creating if missing) the database at `url` and brings its schema
    /// up to date. The URL chooses the backend: `sqlite:<file>` (the embedded
    /// default; `sqlite::memory:` gives a private in-memory database) or
    /// `postgres://…` (several Pishro servers sharing one database).
    pub async fn connect(url: &str) -> StoreResult<Self> {
        sqlx::any::install_default_drivers();
        let backend = Backend::of_url(url)?;
        let pool = match backend {
            Backend::Sqlite => backend::connect_sqlite(url).await?,
            Backend::Postgres => backend::connect_postgres(url).await?,
        };
        let store = Self {
            pool,
            backend,
            url: url.into(),
            writer: Default::default(),
            pull_notes: Default::default(),
            actor: None,
        };
        store.settle_time_zones().await?;
        store.settle_holidays().await?;
        Ok(store)
    }

    /// The database URL this store was opened with.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Tells every Pishro server on this PostgreSQL database (this one
    /// included) about a committed change, through `LISTEN`/`NOTIFY` on
    /// `LIVE_CHANNEL`; delivered only once the surrounding transaction, if
    /// any, commits. Nothing to do on SQLite, where one server holds the
    /// database.
    pub async fn notify_every_server(&self, payload: &str) -> StoreResult<()> {
        if self.backend == Backend::Postgres {
            sqlx::query("SELECT pg_notify($1, $2)")
                .bind(LIVE_CHANNEL)
                .bind(payload)
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    /// Whether other Pishro servers may share this database (PostgreSQL),
    /// so that what one server announces must reach the others through it
    /// (`notify_every_server`); on SQLite one server holds the database.
    /// The code above the store asks this, not which database it is.
    pub fn shared_by_several_servers(&self) -> bool {
        self.backend == Backend::Postgres
    }

    /// Which database this store runs on, for the few steps that differ
    /// (write transactions, log upkeep, backups).
    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Opens a read transaction: several queries over one consistent
    /// snapshot (WAL readers never wait for the writer). It must not write:
    /// a deferred transaction that writes may fail with SQLITE_BUSY; use
    /// `write()` for that.
    pub async fn read(&self) -> StoreResult<sqlx::Transaction<'static, sqlx::Any>> {
        match self.backend {
            Backend::Sqlite => self.pool.begin().await,
            // PostgreSQL's default gives each statement its own snapshot;
            // a read transaction must see one.
            Backend::Postgres => {
                self.pool
                    .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                    .await
            }
        }
    }

    /// Opens a write transaction. SQLite has one writer at a time, so the
    /// writers of this process first queue for their turn on an async lock
    /// (woken in order the moment the previous one ends, holding no
    /// connection while they wait), then take SQLite's write lock at
    /// `BEGIN` (`BEGIN IMMEDIATE`, so a transaction that reads first can
    /// never fail with SQLITE_BUSY on its first write; another process,
    /// e.g. `pishro backup`, is waited for up to the busy timeout). Without
    /// the queue, waiting writers poll SQLite's lock with sleeps of up to
    /// 100 ms while holding pooled connections that reads then lack. Every
    /// transaction that may write starts here; reads use `pool()`.
    pub async fn write(&self) -> StoreResult<WriteTransaction> {
        // This process's writers take turns (see above); on PostgreSQL,
        // several servers' writers then also take turns on the version
        // counter's row (below).
        let turn = self.writer.clone().lock_owned().await;
        let actor = self.actor.map(|user| user.to_string());
        let transaction = match self.backend {
            Backend::Sqlite => {
                let mut transaction = self.pool.begin_with("BEGIN IMMEDIATE").await?;
                // The audit history's triggers read who is writing (migration
                // 0027): set in every write transaction, so one never
                // inherits another's.
                sqlx::query("UPDATE audit_actor SET user_id = $1 WHERE id = 1")
                    .bind(actor)
                    .execute(&mut *transaction)
                    .await?;
                transaction
            }
            Backend::Postgres => {
                let mut transaction = self.pool.begin().await?;
                // Sync versions must commit in the order they are handed out,
                // or a pull could move its cursor past a version still being
                // written and skip that row for ever. Writers of every server
                // take the counter's row lock first and keep it to their
                // commit, so they commit one at a time, in version order
                // (like SQLite's one writer); reads never wait for it.
                sqlx::query("SELECT last_version FROM sync_state WHERE id = 1 FOR UPDATE")
                    .execute(&mut *transaction)
                    .await?;
                // Who is writing, for the audit triggers, in a setting that
                // ends with the transaction.
                sqlx::query("SELECT set_config('pishro.actor', $1, true)")
                    .bind(actor.unwrap_or_default())
                    .execute(&mut *transaction)
                    .await?;
                transaction
            }
        };
        Ok(WriteTransaction {
            transaction,
            _turn: turn,
        })
    }

    /// The same store, its writes noted in the audit history as `user`'s.
    pub fn acting_as(&self, user: crate::domain::UserId) -> Self {
        Self {
            actor: Some(user),
            ..self.clone()
        }
    }

    /// Moves everything in the write-ahead log into the database file and
    /// empties the log: the last step of a clean shutdown, so the file on
    /// disk is complete by itself (a copy of it alone is a whole database).
    pub async fn checkpoint(&self) -> StoreResult<()> {
        if self.backend != Backend::Sqlite {
            return Ok(());
        }
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Keeps the write-ahead log short while the server runs. SQLite starts
    /// the log from the top only when no reader is on it, and with readers
    /// that always overlap (a busy server) that moment never comes: the log
    /// grows without end (`server/tests/log_checkpoints.rs`), taking disk
    /// and slowing reads. Every `every`, in the writers' queue (so no writer
    /// polls SQLite's lock meanwhile), a TRUNCATE checkpoint copies the log
    /// into the database, waits for the readers still on the log (a few
    /// milliseconds each) and empties it.
    pub fn keep_the_log_short(&self, every: Duration) -> tokio::task::JoinHandle<()> {
        let store = self.clone();
        tokio::spawn(async move {
            let mut ticks = tokio::time::interval(every);
            ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                ticks.tick().await;
                if let Err(error) = store.restart_the_log().await {
                    tracing::warn!(%error, "could not checkpoint the write-ahead log");
                }
            }
        })
    }

    /// One TRUNCATE checkpoint in the writers' turn; returns the log's
    /// frames and how many were copied into the database.
    pub async fn restart_the_log(&self) -> StoreResult<(i64, i64)> {
        if self.backend != Backend::Sqlite {
            return Ok((0, 0));
        }
        let _turn = self.writer.clone().lock_owned().await;
        let (_busy, frames, copied): (i64, i64, i64) =
            sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)")
                .fetch_one(&self.pool)
                .await?;
        Ok((frames, copied))
    }

    /// The newest sync version handed out (what a live event carries).
    pub async fn last_version(&self) -> StoreResult<i64> {
        sqlx::query_scalar("SELECT last_version FROM sync_state WHERE id = 1")
            .fetch_one(&self.pool)
            .await
    }
}

/// Takes the next global sync version inside the writing transaction, so a
/// row's version and its content commit together.
pub(crate) async fn next_version(connection: &mut AnyConnection) -> StoreResult<i64> {
    sqlx::query_scalar(
        "UPDATE sync_state SET last_version = last_version + 1 WHERE id = 1 RETURNING last_version",
    )
    .fetch_one(&mut *connection)
    .await
}

/// Takes `count` consecutive versions at once for a multi-row write and
/// returns the first; the rows take first, first + 1, and so on.
pub(crate) async fn reserve_versions(
    connection: &mut AnyConnection,
    count: usize,
) -> StoreResult<i64> {
    let count = i64::try_from(count).unwrap_or(i64::MAX);
    let last: i64 = sqlx::query_scalar(
        "UPDATE sync_state SET last_version = last_version + $1 WHERE id = 1 RETURNING last_version",
    )
    .bind(count)
    .fetch_one(&mut *connection)
    .await?;
    Ok(last - count + 1)
}

/// The synced tables whose rows are deleted as tombstones.
#[derive(Clone, Copy, Debug)]
pub(crate) enum SyncedTable {
    Leads,
    Activities,
    Goals,
    Records,
}

/// Marks a row deleted with a new version, so every device's next pull
/// learns of it; the row itself stays (a tombstone).
pub(crate) async fn mark_deleted(
    connection: &mut AnyConnection,
    table: SyncedTable,
    id: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let statement = match table {
        SyncedTable::Leads => {
            "UPDATE leads SET deleted = 1, updated_at = $1, version = $2 WHERE id = $3"
        }
        SyncedTable::Activities => {
            "UPDATE activities SET deleted = 1, updated_at = $1, version = $2 WHERE id = $3"
        }
        SyncedTable::Goals => {
            "UPDATE goals SET deleted = 1, updated_at = $1, version = $2 WHERE id = $3"
        }
        SyncedTable::Records => {
            "UPDATE records SET deleted = 1, updated_at = $1, version = $2 WHERE id = $3"
        }
    };
    let version = next_version(&mut *connection).await?;
    sqlx::query(statement)
        .bind(instant_text(now))
        .bind(version)
        .bind(id)
        .execute(&mut *connection)
        .await?;
    Ok(())
}

/// Timestamps are stored as RFC 3339 UTC text with milliseconds, which sorts
/// in time order as plain text.
/// Where migration 0018 splits an amount: the low part is `amount % 10^9`,
/// the high part `amount / 10^9`.
pub(crate) const MONEY_SPLIT: i64 = 1_000_000_000;

/// SQL for an exact sum of the amounts `expression` yields, as two columns
/// `{name}` (low parts) and `{name}_high` (high parts): SQLite's 64-bit
/// `SUM` of whole amounts overflows after about 9,300 capped amounts, the
/// sums of the parts never do. Read it back with `money_sum`.
pub(crate) fn money_sum_sql(expression: &str, name: &str) -> String {
    format!(
        "COALESCE(CAST(SUM(({expression}) % {MONEY_SPLIT}) AS BIGINT), 0) AS {name}, \
         COALESCE(CAST(SUM(({expression}) / {MONEY_SPLIT}) AS BIGINT), 0) AS {name}_high"
    )
}

/// SQL for the exact sum of a split roll-up column pair (`{column}`,
/// `{column}_high`, migration 0018), named like the column.
pub(crate) fn split_sum_sql(column: &str) -> String {
    format!(
        "COALESCE(CAST(SUM({column}) AS BIGINT), 0) AS {column}, COALESCE(CAST(SUM({column}_high) AS BIGINT), 0) AS {column}_high"
    )
}

/// The exact sum that `money_sum_sql` or `split_sum_sql` reads as two
/// columns, `{name}` (the low part) and `{name}_high`.
pub(crate) fn whole_sum(low: i64, high: i64) -> crate::domain::money::MoneySum {
    i128::from(high) * i128::from(MONEY_SPLIT) + i128::from(low)
}

pub(crate) fn instant_text(instant: DateTime<Utc>) -> String {
    instant.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub(crate) fn parse_instant(text: &str) -> StoreResult<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|instant| instant.with_timezone(&Utc))
        .map_err(|error| sqlx::Error::Decode(Box::new(error)))
}

pub(crate) fn date_text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Reads a stored choice value back; an unknown value is a decode error
/// (it can only come from outside the app), never a panic.
pub(crate) fn parse_choice<T: crate::domain::Choice>(text: &str) -> StoreResult<T> {
    T::parse(text)
        .ok_or_else(|| sqlx::Error::Decode(format!("unknown stored value {text:?}").into()))
}

impl Store {
    /// SQLite's plan for each statement, one line per step ("SEARCH
    /// closed_days USING PRIMARY KEY ..."), so tests can prove a screen's
    /// statements never read a whole table.
    pub(crate) async fn query_plans(&self, statements: &[String]) -> StoreResult<Vec<String>> {
        let mut plans = Vec::new();
        for statement in statements {
            // SQLite's columns: id, parent, notused, detail.
            let rows: Vec<(i64, i64, i64, String)> = sqlx::query_as(
                self.backend()
                    .assembled(format!("EXPLAIN QUERY PLAN {statement}")),
            )
            .fetch_all(self.pool())
            .await?;
            plans.extend(rows.into_iter().map(|(_, _, _, detail)| detail));
        }
        Ok(plans)
    }
}

/// Builds the `WHERE` clause that limits owned rows (leads, activities) to a
/// read scope; `owner_column` names the owner column in the query.
pub(crate) fn scope_filter(
    scope: crate::domain::access::ReadScope,
    owner_column: &str,
) -> (String, Option<String>) {
    use crate::domain::access::ReadScope;
    match scope {
        ReadScope::Everything => ("1 = 1".to_string(), None),
        ReadScope::Own(user_id) => (format!("{owner_column} = ?"), Some(user_id.to_string())),
        ReadScope::Team(team_id) => (
            format!("{owner_column} IN (SELECT id FROM users WHERE team_id = ?)"),
            Some(team_id.to_string()),
        ),
    }
}

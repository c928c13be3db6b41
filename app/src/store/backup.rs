//! Backups of the SQLite database (issue 14, "Faults"): a consistent copy
//! of a live database while it keeps serving (`VACUUM INTO`, which reads
//! one snapshot and writes a compact file), a check that a file is a whole
//! Pishro database, and a restore that puts a checked copy in place. The
//! `pishro backup` and `pishro restore` commands, and the backup taken
//! before migrations change a database, all go through here.

use super::{Store, StoreResult};
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{ConnectOptions, Connection};
use std::path::{Path, PathBuf};

/// Why a backup or a restore could not be done, in words for the person
/// running the command.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0} already exists; choose a new file name so no backup is overwritten")]
    TargetExists(PathBuf),
    #[error("{0} is not there")]
    Missing(PathBuf),
    #[error("{path} is damaged (SQLite's integrity check says: {report})")]
    Damaged { path: PathBuf, report: String },
    #[error("{0} is not a Pishro database (no migration history)")]
    NotPishro(PathBuf),
    #[error(
        "{path} was written by a newer Pishro (migration {found}, this one knows up to {known}); restore it with that version"
    )]
    Newer {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("only a database in a file can be backed up or restored, not {0}")]
    NotAFile(String),
    #[error("this copy is for SQLite; back up a PostgreSQL database with pg_dump")]
    NotSqlite,
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("file: {0}")]
    File(#[from] std::io::Error),
}

/// What a checked backup holds, printed after a backup or a restore.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupSummary {
    /// The newest migration applied in it.
    pub migration: i64,
    pub people: i64,
    pub leads: i64,
    pub activities: i64,
    /// The newest sync version in it (devices pull from there on).
    pub last_version: i64,
}

/// The file behind a `sqlite:` database URL, if it is a file.
pub fn database_file(url: &str) -> Result<PathBuf, BackupError> {
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    let path = path.split('?').next().unwrap_or(path);
    if path.is_empty() || path.contains(":memory:") {
        return Err(BackupError::NotAFile(url.to_string()));
    }
    Ok(PathBuf::from(path))
}

/// The newest migration this build knows.
pub fn known_migration() -> i64 {
    sqlx::migrate!("../server/migrations")
        .iter()
        .map(|migration| migration.version)
        .max()
        .unwrap_or(0)
}

async fn open_read_only(path: &Path) -> Result<SqliteConnection, BackupError> {
    if !path.exists() {
        return Err(BackupError::Missing(path.to_path_buf()));
    }
    Ok(SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .connect()
        .await?)
}

/// Checks that `path` is a whole Pishro database this build can run:
/// SQLite's integrity check passes and its migrations are ones we know.
pub async fn check_backup(path: &Path) -> Result<BackupSummary, BackupError> {
    let mut connection = open_read_only(path).await?;
    let report: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut connection)
        .await?;
    if report != "ok" {
        return Err(BackupError::Damaged {
            path: path.to_path_buf(),
            report,
        });
    }
    let migration: Option<i64> =
        sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success = 1")
            .fetch_one(&mut connection)
            .await
            .map_err(|_| BackupError::NotPishro(path.to_path_buf()))?;
    let migration = migration.ok_or_else(|| BackupError::NotPishro(path.to_path_buf()))?;
    let known = known_migration();
    if migration > known {
        return Err(BackupError::Newer {
            path: path.to_path_buf(),
            found: migration,
            known,
        });
    }
    let count = |table: &'static str| sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}"));
    let people: i64 = sqlx::query_scalar(count("users"))
        .fetch_one(&mut connection)
        .await?;
    let leads: i64 = sqlx::query_scalar(count("leads"))
        .fetch_one(&mut connection)
        .await?;
    let activities: i64 = sqlx::query_scalar(count("activities"))
        .fetch_one(&mut connection)
        .await?;
    let last_version: i64 = sqlx::query_scalar("SELECT last_version FROM sync_state WHERE id = 1")
        .fetch_one(&mut connection)
        .await?;
    connection.close().await?;
    Ok(BackupSummary {
        migration,
        people,
        leads,
        activities,
        last_version,
    })
}

/// Copies the database at `url` (which another process may be serving) to
/// a new file `target`, without stopping it.
pub async fn backup_file(url: &str, target: &Path) -> Result<BackupSummary, BackupError> {
    let source = database_file(url)?;
    let mut connection = SqliteConnectOptions::new()
        .filename(&source)
        .busy_timeout(std::time::Duration::from_secs(30))
        .connect()
        .await?;
    vacuum_into(&mut connection, target).await?;
    connection.close().await?;
    check_backup(target).await
}

/// Where `VACUUM INTO` may write: a file that does not exist yet.
fn vacuum_target(target: &Path) -> Result<String, BackupError> {
    if target.exists() {
        return Err(BackupError::TargetExists(target.to_path_buf()));
    }
    Ok(target.to_string_lossy().into_owned())
}

async fn vacuum_into(connection: &mut SqliteConnection, target: &Path) -> Result<(), BackupError> {
    sqlx::query("VACUUM INTO $1")
        .bind(vacuum_target(target)?)
        .execute(&mut *connection)
        .await?;
    Ok(())
}

/// Puts the checked backup `source` in place of the database at `url`.
/// The server must be stopped: the old file, with its write-ahead log, is
/// replaced, and kept beside it as `<name>.before-restore-<time>`.
pub async fn restore_file(source: &Path, url: &str) -> Result<BackupSummary, BackupError> {
    let summary = check_backup(source).await?;
    let target = database_file(url)?;
    let staging = target.with_extension("restoring");
    std::fs::copy(source, &staging)?;
    std::fs::File::open(&staging)?.sync_all()?;
    if target.exists() {
        // Fold the old log in, then keep the old file for a change of mind.
        let old = SqliteConnectOptions::new()
            .filename(&target)
            .connect()
            .await;
        if let Ok(mut old) = old {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&mut old)
                .await?;
            old.close().await?;
        }
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
        let mut kept = target.clone().into_os_string();
        kept.push(format!(".before-restore-{stamp}"));
        std::fs::rename(&target, PathBuf::from(kept))?;
    }
    for suffix in ["-wal", "-shm"] {
        let mut side = target.clone().into_os_string();
        side.push(suffix);
        let side = PathBuf::from(side);
        if side.exists() {
            std::fs::remove_file(side)?;
        }
    }
    std::fs::rename(&staging, &target)?;
    Ok(summary)
}

impl Store {
    /// A consistent copy of this (live) database in the new file `target`.
    pub async fn backup_to(&self, target: &Path) -> Result<(), BackupError> {
        if self.backend() != super::Backend::Sqlite {
            return Err(BackupError::NotSqlite);
        }
        let target = vacuum_target(target)?;
        sqlx::query("VACUUM INTO $1")
            .bind(target)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}

/// Before migrations change an existing database file, a copy of it as it
/// was: `<name>.before-migration-<newest known>`. Nothing for a new or
/// up-to-date database. Returns where the copy went.
pub(crate) async fn backup_before_migrating(url: &str) -> StoreResult<Option<PathBuf>> {
    let Ok(path) = database_file(url) else {
        return Ok(None);
    };
    if !path.exists() || std::fs::metadata(&path).map_or(0, |metadata| metadata.len()) == 0 {
        return Ok(None);
    }
    let mut connection = SqliteConnectOptions::new()
        .filename(&path)
        .busy_timeout(std::time::Duration::from_secs(30))
        .connect()
        .await?;
    let applied: Option<i64> =
        sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success = 1")
            .fetch_one(&mut connection)
            .await
            .unwrap_or(None);
    let known = known_migration();
    let result = match applied {
        Some(applied) if applied < known => {
            let mut target = path.clone().into_os_string();
            target.push(format!(".before-migration-{known:04}"));
            let target = PathBuf::from(target);
            if target.exists() {
                Ok(Some(target))
            } else {
                match vacuum_into(&mut connection, &target).await {
                    Ok(()) => Ok(Some(target)),
                    Err(BackupError::Database(error)) => Err(error),
                    Err(error) => Err(sqlx::Error::Io(std::io::Error::other(error.to_string()))),
                }
            }
        }
        _ => Ok(None),
    };
    connection.close().await?;
    result
}

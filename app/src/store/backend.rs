//! Which database the store runs on: the backend a URL names, opening a
//! pool on each (SQLite's pragmas, the migrations of each), and the few
//! spellings of SQL that differ between them. Everything else in `store/`
//! is one body of SQL for both.

use super::{StoreResult, backup};
use sqlx::any::AnyPoolOptions;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{AnyConnection, AnyPool};
use std::str::FromStr;

/// Creates a new, empty database with a random name on the PostgreSQL
/// server at `server` (`postgres://USER@HOST:PORT`) and returns its URL:
/// for tests and benchmarks that each need a database of their own.
pub async fn new_postgres_database(server: &str) -> StoreResult<String> {
    use sqlx::Connection;
    let name = format!("pishro_{}", uuid::Uuid::new_v4().simple());
    let mut admin = sqlx::postgres::PgConnection::connect(&format!("{server}/postgres")).await?;
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await?;
    admin.close().await?;
    Ok(format!("{server}/{name}"))
}

/// The PostgreSQL notification channel that carries live events between
/// Pishro servers.
pub const LIVE_CHANNEL: &str = "pishro_live";

/// The databases Pishro can keep its data in. Everything above the store
/// is the same for both; the store's SQL is written once, in the dialect
/// both understand (numbered `$1` parameters, `ON CONFLICT`, `RETURNING`,
/// text ids and timestamps, 64-bit integers).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// One file next to the server: the embedded default.
    Sqlite,
    /// A PostgreSQL server shared by several Pishro servers.
    Postgres,
}

impl Backend {
    /// The backend a database URL names; anything else is a configuration
    /// error the operator sees at start-up.
    pub fn of_url(url: &str) -> StoreResult<Self> {
        if url.starts_with("sqlite:") {
            Ok(Self::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Self::Postgres)
        } else {
            Err(sqlx::Error::Configuration(
                "the database URL must start with sqlite: or postgres://".into(),
            ))
        }
    }
}

impl Backend {
    /// SQL for the whole part of a number (toward zero), where the two
    /// dialects differ: SQLite's `CAST(x AS INTEGER)` truncates, the same
    /// cast in PostgreSQL rounds.
    pub(crate) fn whole_part(self, expression: &str) -> String {
        match self {
            Self::Sqlite => format!("CAST({expression} AS INTEGER)"),
            Self::Postgres => format!("CAST(trunc({expression}) AS BIGINT)"),
        }
    }
}

pub(super) async fn connect_sqlite(url: &str) -> StoreResult<AnyPool> {
    let in_memory = url.contains(":memory:");
    // A copy of the database as it was, before migrations change it.
    if let Some(copy) = backup::backup_before_migrating(url).await? {
        tracing::info!(copy = %copy.display(), "copied the database before migrating it");
    }
    // Create the file if it is missing (the same as `mode=rwc` in the URL).
    if !in_memory {
        let options = SqliteConnectOptions::from_str(url)?.create_if_missing(true);
        sqlx::Connection::close(sqlx::ConnectOptions::connect(&options).await?).await?;
    }
    let pragmas = [
        "PRAGMA foreign_keys = ON",
        "PRAGMA busy_timeout = 5000",
        // FULL: a commit (and so an acknowledged push) is on disk before
        // the answer goes out, surviving a crash of the process and, on
        // a disk that honours fsync, a power cut. NORMAL would survive
        // the crash but could lose the last commits to a power cut.
        "PRAGMA synchronous = FULL",
        if in_memory {
            "PRAGMA journal_mode = MEMORY"
        } else {
            "PRAGMA journal_mode = WAL"
        },
    ];
    // One connection for in-memory databases: each connection would
    // otherwise see its own empty database.
    let pool = AnyPoolOptions::new()
        .max_connections(if in_memory { 1 } else { 8 })
        .idle_timeout(None)
        .max_lifetime(None)
        .after_connect(move |connection, _| {
            Box::pin(async move {
                for pragma in pragmas {
                    sqlx::query(pragma).execute(&mut *connection).await?;
                }
                Ok(())
            })
        })
        .connect(url)
        .await?;
    sqlx::migrate!("../server/migrations").run(&pool).await?;
    Ok(pool)
}

pub(super) async fn connect_postgres(url: &str) -> StoreResult<AnyPool> {
    let pool = AnyPoolOptions::new()
        .max_connections(16)
        // The store's queries are short index walks; PostgreSQL's JIT
        // starts on cost estimates alone and then only adds compile time
        // (a misestimated plan of the stale-deal list, estimated at 236
        // million, compiled 29 functions before it ran).
        .after_connect(|connection, _| {
            Box::pin(async move {
                sqlx::query("SET jit = off")
                    .execute(&mut *connection)
                    .await?;
                Ok(())
            })
        })
        .connect(url)
        .await?;
    sqlx::migrate!("../server/migrations_postgres")
        .run(&pool)
        .await?;
    Ok(pool)
}

impl Backend {
    /// A query assembled at run time from this module's constant fragments
    /// (every value a client sent is a bind parameter, which is what makes
    /// it safe), its `?` placeholders as this database reads them best.
    /// SQLite: as written (numbered `$N` placeholders make SQLite look up a
    /// parameter's name for each value bound, a cost that grows with the
    /// parameters: a 9,000-value insert spent half its time there).
    /// PostgreSQL: numbered `$1`, `$2`, … in order, `?N` becoming `$N`, as
    /// SQLite numbers them.
    pub(crate) fn assembled(self, sql: impl Into<String>) -> sqlx::AssertSqlSafe<String> {
        let sql = sql.into();
        match self {
            Self::Sqlite => sqlx::AssertSqlSafe(sql),
            Self::Postgres => sqlx::AssertSqlSafe(numbered_placeholders(&sql)),
        }
    }

    /// The backend a connection of the store's pool talks to.
    pub(crate) fn of_connection(connection: &AnyConnection) -> Self {
        if connection.backend_name() == <sqlx::Postgres as sqlx::Database>::NAME {
            Self::Postgres
        } else {
            Self::Sqlite
        }
    }
}

fn numbered_placeholders(sql: &str) -> String {
    let mut numbered = String::with_capacity(sql.len() + 16);
    let mut highest = 0_u32;
    let mut in_text = false;
    let mut characters = sql.chars().peekable();
    while let Some(character) = characters.next() {
        if character == '\'' {
            in_text = !in_text;
        }
        if character != '?' || in_text {
            numbered.push(character);
            continue;
        }
        let mut digits = String::new();
        while let Some(digit) = characters.peek().filter(|next| next.is_ascii_digit()) {
            digits.push(*digit);
            characters.next();
        }
        let number = digits.parse::<u32>().unwrap_or(highest + 1);
        highest = highest.max(number);
        numbered.push('$');
        numbered.push_str(&number.to_string());
    }
    numbered
}

#[cfg(test)]
mod tests {
    use super::Backend;

    #[test]
    fn assembled_queries_number_their_placeholders_as_sqlite_does() {
        let numbered = |sql: &str| Backend::Postgres.assembled(sql).0;
        // SQLite reads them as written (see `Backend::assembled`).
        assert_eq!(
            Backend::Sqlite.assembled("WHERE a = ? AND b = ?2").0,
            "WHERE a = ? AND b = ?2"
        );
        assert_eq!(
            numbered("SELECT a FROM t WHERE b = ? AND c IN (?, ?)"),
            "SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)"
        );
        // `?N` keeps its number; a bare `?` after it takes the next one.
        assert_eq!(
            numbered("WHERE day >= ?2 AND day <= ?3 AND x = ?1 AND y = ?"),
            "WHERE day >= $2 AND day <= $3 AND x = $1 AND y = $4"
        );
        // A question mark inside quoted text is text, not a parameter.
        assert_eq!(
            numbered("SELECT 'why?' WHERE a = ?"),
            "SELECT 'why?' WHERE a = $1"
        );
        assert_eq!(numbered("SELECT 1"), "SELECT 1");
    }

    #[test]
    fn the_database_url_chooses_the_backend() {
        assert_eq!(
            Backend::of_url("sqlite::memory:").ok(),
            Some(Backend::Sqlite)
        );
        assert_eq!(
            Backend::of_url("sqlite:pishro.db").ok(),
            Some(Backend::Sqlite)
        );
        assert_eq!(
            Backend::of_url("postgres://pishro@127.0.0.1/pishro").ok(),
            Some(Backend::Postgres)
        );
        assert!(Backend::of_url("mysql://localhost/pishro").is_err());
    }
}

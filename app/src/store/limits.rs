//! Where the sign-in throttle and the web forms' submission limits keep
//! their counts (migration 0036): in the database, so every server behind
//! a load balancer counts the same attempts, and a restart forgets nothing.
//!
//! Each check reads its keys' rows under their row locks, lets the caller's
//! pure decision (`api::sign_in_throttle`, `api::submission_limits`) say
//! what to write back, and commits: two attempts at once, on one server or
//! two, are counted one after the other, never both against the same
//! count. The rows are created if missing and locked by one upsert each, in
//! key order (so two checks never wait on each other's rows); on SQLite the
//! transaction holds the one write lock instead. On PostgreSQL these
//! transactions take no version lock: they write no synced rows, so a
//! sign-in never waits behind a long push.

use super::{Backend, Store, StoreResult};

/// Rows untouched for this long are deleted: longer than any lock-out
/// (15 minutes) and any submission window (an hour).
const FORGOTTEN_AFTER_MS: i64 = 24 * 60 * 60 * 1000;

/// The counted failures of one sign-in throttle key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Strikes {
    /// Attempts counted as failed (each attempt counts until it succeeds).
    pub failures: u32,
    /// Unix milliseconds until which the key must wait, once over its
    /// free attempts.
    pub locked_until_ms: i64,
    /// Unix milliseconds of its last attempt.
    pub last_attempt_ms: i64,
}

/// One transaction that counts attempts: SQLite's write lock, or a plain
/// PostgreSQL transaction whose row locks do the ordering.
enum Counting {
    Sqlite(super::WriteTransaction),
    Postgres(sqlx::Transaction<'static, sqlx::Any>),
}

impl Counting {
    fn connection(&mut self) -> &mut sqlx::AnyConnection {
        match self {
            Counting::Sqlite(transaction) => transaction,
            Counting::Postgres(transaction) => transaction,
        }
    }

    async fn commit(self) -> StoreResult<()> {
        match self {
            Counting::Sqlite(transaction) => transaction.commit().await,
            Counting::Postgres(transaction) => transaction.commit().await,
        }
    }
}

impl Store {
    async fn counting(&self) -> StoreResult<Counting> {
        Ok(match self.backend() {
            Backend::Sqlite => Counting::Sqlite(self.write().await?),
            Backend::Postgres => Counting::Postgres(self.pool().begin().await?),
        })
    }

    /// Reads the strikes of `keys` (none yet: all zero) under their locks,
    /// and writes back what `decide` returns beside its answer: the new
    /// strikes of each key, in `keys`' order, or `None` to leave them as
    /// they are.
    pub async fn change_strikes<Answer>(
        &self,
        keys: &[&str],
        now_ms: i64,
        decide: impl FnOnce(&[Strikes]) -> (Answer, Option<Vec<Strikes>>),
    ) -> StoreResult<Answer> {
        let mut order: Vec<usize> = (0..keys.len()).collect();
        order.sort_by_key(|index| keys[*index]);
        let mut current = vec![Strikes::default(); keys.len()];
        let mut transaction = self.counting().await?;
        for index in order {
            let (failures, locked_until_ms, last_attempt_ms): (i64, i64, i64) = sqlx::query_as(
                "INSERT INTO sign_in_strikes (key, failures, locked_until_ms, last_attempt_ms) \
                 VALUES ($1, 0, 0, $2) \
                 ON CONFLICT (key) DO UPDATE SET failures = sign_in_strikes.failures \
                 RETURNING failures, locked_until_ms, last_attempt_ms",
            )
            .bind(keys[index])
            .bind(now_ms)
            .fetch_one(transaction.connection())
            .await?;
            current[index] = Strikes {
                failures: u32::try_from(failures).unwrap_or(u32::MAX),
                locked_until_ms,
                last_attempt_ms,
            };
        }
        let (answer, changed) = decide(&current);
        for (key, strikes) in keys.iter().zip(changed.unwrap_or_default()) {
            sqlx::query(
                "UPDATE sign_in_strikes SET failures = $2, locked_until_ms = $3, \
                 last_attempt_ms = $4 WHERE key = $1",
            )
            .bind(*key)
            .bind(i64::from(strikes.failures))
            .bind(strikes.locked_until_ms)
            .bind(strikes.last_attempt_ms)
            .execute(transaction.connection())
            .await?;
        }
        transaction.commit().await?;
        self.forget_unused("sign_in_strikes", "last_attempt_ms", now_ms)
            .await?;
        Ok(answer)
    }

    /// Reads the recent submission times of `keys` (Unix milliseconds,
    /// oldest first) under their locks, and writes back the times `decide`
    /// leaves in them (it may drop the old and add `now_ms`).
    pub async fn change_recent_submissions<Answer>(
        &self,
        keys: &[&str],
        now_ms: i64,
        decide: impl FnOnce(&mut [Vec<i64>]) -> Answer,
    ) -> StoreResult<Answer> {
        let mut order: Vec<usize> = (0..keys.len()).collect();
        order.sort_by_key(|index| keys[*index]);
        let mut times = vec![Vec::new(); keys.len()];
        let mut transaction = self.counting().await?;
        for index in order {
            let stored: String = sqlx::query_scalar(
                "INSERT INTO recent_submissions (key, times_ms, last_ms) VALUES ($1, '', $2) \
                 ON CONFLICT (key) DO UPDATE SET times_ms = recent_submissions.times_ms \
                 RETURNING times_ms",
            )
            .bind(keys[index])
            .bind(now_ms)
            .fetch_one(transaction.connection())
            .await?;
            // Only this module writes the list; anything unreadable is
            // dropped rather than trusted.
            times[index] = stored
                .split(',')
                .filter_map(|time| time.parse::<i64>().ok())
                .collect();
        }
        let answer = decide(&mut times);
        for (key, kept) in keys.iter().zip(&times) {
            let list = kept
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(",");
            sqlx::query("UPDATE recent_submissions SET times_ms = $2, last_ms = $3 WHERE key = $1")
                .bind(*key)
                .bind(list)
                .bind(kept.last().copied().unwrap_or(now_ms))
                .execute(transaction.connection())
                .await?;
        }
        transaction.commit().await?;
        self.forget_unused("recent_submissions", "last_ms", now_ms)
            .await?;
        Ok(answer)
    }

    /// Deletes the rows of `table` unused for `FORGOTTEN_AFTER_MS`. Its own
    /// statement after the commit; on PostgreSQL it skips rows another
    /// check holds, so it never waits on (or deadlocks with) one.
    async fn forget_unused(&self, table: &str, last_column: &str, now_ms: i64) -> StoreResult<()> {
        // Both names are this module's constants.
        let sql = match self.backend() {
            Backend::Sqlite => format!("DELETE FROM {table} WHERE {last_column} < $1"),
            Backend::Postgres => format!(
                "DELETE FROM {table} WHERE key IN \
                 (SELECT key FROM {table} WHERE {last_column} < $1 FOR UPDATE SKIP LOCKED)"
            ),
        };
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(now_ms - FORGOTTEN_AFTER_MS)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}

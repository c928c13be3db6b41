//! Slows password guessing down without letting a guesser lock the real
//! person out (issue 14, item 3). Every attempt is counted *before* its
//! password is checked, so parallel guesses cannot all slip through; it is
//! counted per (address, client) pair, so guesses from one machine lock
//! that machine out of that account (30 s after `FREE_ATTEMPTS`, doubling
//! up to 15 minutes) while the person signing in from elsewhere still
//! can; and per client across addresses, so one machine trying many
//! accounts is slowed too. At most `HASHES_AT_ONCE` password checks run at
//! once on each server (argon2 takes 19 MiB each): the rest wait their
//! turn, briefly.
//!
//! The counts live in the database (`store::limits`, issue 16), so every
//! server counts the same attempts and a restart forgets none; what to do
//! with them is decided here, by pure functions of the counts and the time.

use crate::error::AppError;
use crate::store::Store;
use crate::store::limits::Strikes;
use std::sync::Arc;
use std::time::Duration;

#[derive(Clone, Debug)]
pub struct SignInThrottle {
    hashing: Arc<tokio::sync::Semaphore>,
}

impl Default for SignInThrottle {
    fn default() -> Self {
        Self {
            hashing: Arc::new(tokio::sync::Semaphore::new(Self::HASHES_AT_ONCE)),
        }
    }
}

/// The throttle's keys for an attempt on `email` from `client`: the pair,
/// then the client alone.
fn keys(email: &str, client: &str) -> [String; 2] {
    [
        format!("account-from:{email} {client}"),
        format!("from:{client}"),
    ]
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

impl SignInThrottle {
    /// Attempts on one account from one client before it waits.
    pub const FREE_ATTEMPTS: u32 = 5;
    /// Failed attempts from one client, on any accounts, before it waits.
    pub const FREE_ATTEMPTS_PER_CLIENT: u32 = 30;
    /// Password checks running at once.
    pub const HASHES_AT_ONCE: usize = 2;
    /// How long an attempt waits for its turn to be checked.
    const LONGEST_QUEUE: Duration = Duration::from_secs(10);
    const LONGEST_WAIT_MS: i64 = 15 * 60 * 1000;

    /// Seconds `strikes` must still wait, if it is over `free` and locked.
    fn wait_of(strikes: &Strikes, free: u32, now_ms: i64) -> Option<u64> {
        (strikes.failures >= free && strikes.locked_until_ms > now_ms).then(|| {
            let seconds = (strikes.locked_until_ms - now_ms).div_euclid(1000);
            u64::try_from(seconds).unwrap_or(0).max(1)
        })
    }

    /// One more attempt counted (as failed, until it succeeds).
    fn strike(strikes: Strikes, free: u32, now_ms: i64) -> Strikes {
        let failures = strikes.failures.saturating_add(1);
        let locked_until_ms = if failures >= free {
            let doublings = (failures - free).min(10);
            now_ms + (30_000_i64 << doublings).min(Self::LONGEST_WAIT_MS)
        } else {
            strikes.locked_until_ms
        };
        Strikes {
            failures,
            locked_until_ms,
            last_attempt_ms: now_ms,
        }
    }

    /// The pure rule: an attempt with the pair's and the client's strikes
    /// as they stand either waits `Err(seconds)`, counting nothing, or is
    /// counted under both.
    pub fn judge_attempt(pair: Strikes, client: Strikes, now_ms: i64) -> Result<[Strikes; 2], u64> {
        if let Some(wait) = Self::wait_of(&pair, Self::FREE_ATTEMPTS, now_ms)
            .or_else(|| Self::wait_of(&client, Self::FREE_ATTEMPTS_PER_CLIENT, now_ms))
        {
            return Err(wait);
        }
        Ok([
            Self::strike(pair, Self::FREE_ATTEMPTS, now_ms),
            Self::strike(client, Self::FREE_ATTEMPTS_PER_CLIENT, now_ms),
        ])
    }

    /// The pure rule for the right password: the pair starts afresh and
    /// the client's count gives back this attempt.
    pub fn judge_success(client: Strikes, now_ms: i64) -> [Strikes; 2] {
        let failures = client.failures.saturating_sub(1);
        let locked_until_ms = if failures < Self::FREE_ATTEMPTS_PER_CLIENT {
            now_ms.min(client.locked_until_ms)
        } else {
            client.locked_until_ms
        };
        [
            Strikes {
                last_attempt_ms: now_ms,
                ..Strikes::default()
            },
            Strikes {
                failures,
                locked_until_ms,
                last_attempt_ms: now_ms,
            },
        ]
    }

    /// Counts an attempt on `email` from `client` before its password is
    /// checked: `Err(AppError::TooManyAttempts)` when it must wait
    /// instead. The attempt is counted as failed until `succeeded` says
    /// otherwise.
    pub async fn attempt(&self, store: &Store, email: &str, client: &str) -> Result<(), AppError> {
        let [pair, alone] = keys(email, client);
        let now = now_ms();
        store
            .change_strikes(&[&pair, &alone], now, |current| {
                match Self::judge_attempt(current[0], current[1], now) {
                    Ok(counted) => (Ok(()), Some(counted.to_vec())),
                    Err(retry_after_seconds) => (
                        Err(AppError::TooManyAttempts {
                            retry_after_seconds,
                        }),
                        None,
                    ),
                }
            })
            .await?
    }

    /// The right password: see `judge_success`.
    pub async fn succeeded(
        &self,
        store: &Store,
        email: &str,
        client: &str,
    ) -> Result<(), AppError> {
        let [pair, alone] = keys(email, client);
        let now = now_ms();
        store
            .change_strikes(&[&pair, &alone], now, |current| {
                ((), Some(Self::judge_success(current[1], now).to_vec()))
            })
            .await?;
        Ok(())
    }

    /// A turn to check a password (at most `HASHES_AT_ONCE` at once on this
    /// server); `Err(seconds)` when the queue is too long to wait in.
    pub async fn hashing_turn(&self) -> Result<tokio::sync::OwnedSemaphorePermit, u64> {
        match tokio::time::timeout(Self::LONGEST_QUEUE, self.hashing.clone().acquire_owned()).await
        {
            Ok(Ok(permit)) => Ok(permit),
            _ => Err(1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Plays attempts through the pure rules over an in-memory copy of the
    /// rows, as the store would keep them.
    #[derive(Default)]
    struct Rows(std::collections::HashMap<String, Strikes>);

    impl Rows {
        fn attempt(&mut self, email: &str, client: &str, now_ms: i64) -> Result<(), u64> {
            let [pair, alone] = keys(email, client);
            let counted = SignInThrottle::judge_attempt(
                self.0.get(&pair).copied().unwrap_or_default(),
                self.0.get(&alone).copied().unwrap_or_default(),
                now_ms,
            )?;
            self.0.insert(pair, counted[0]);
            self.0.insert(alone, counted[1]);
            Ok(())
        }

        fn succeeded(&mut self, email: &str, client: &str, now_ms: i64) {
            let [pair, alone] = keys(email, client);
            let after = SignInThrottle::judge_success(
                self.0.get(&alone).copied().unwrap_or_default(),
                now_ms,
            );
            self.0.insert(pair, after[0]);
            self.0.insert(alone, after[1]);
        }
    }

    #[test]
    fn attempts_are_counted_before_checking_so_the_sixth_waits() {
        let mut rows = Rows::default();
        for _ in 0..SignInThrottle::FREE_ATTEMPTS {
            assert_eq!(rows.attempt("sara@pishro.local", "10.0.0.9", 1_000), Ok(()));
        }
        assert_eq!(
            rows.attempt("sara@pishro.local", "10.0.0.9", 1_000),
            Err(30)
        );
        // The person from another machine still gets in.
        assert_eq!(rows.attempt("sara@pishro.local", "10.0.0.1", 1_000), Ok(()));
        rows.succeeded("sara@pishro.local", "10.0.0.1", 1_000);
        assert_eq!(rows.attempt("sara@pishro.local", "10.0.0.1", 1_000), Ok(()));
    }

    #[test]
    fn the_wait_ends_and_doubles_with_each_further_failure() {
        let mut rows = Rows::default();
        for _ in 0..SignInThrottle::FREE_ATTEMPTS {
            assert_eq!(rows.attempt("a@b.c", "x", 0), Ok(()));
        }
        assert_eq!(rows.attempt("a@b.c", "x", 29_000), Err(1));
        assert_eq!(rows.attempt("a@b.c", "x", 30_000), Ok(()));
        assert_eq!(rows.attempt("a@b.c", "x", 30_000), Err(60));
        assert_eq!(rows.attempt("a@b.c", "x", 90_000), Ok(()));
        assert_eq!(rows.attempt("a@b.c", "x", 90_000), Err(120));
    }

    #[test]
    fn a_right_password_clears_the_pair() {
        let mut rows = Rows::default();
        for _ in 0..4 {
            assert_eq!(rows.attempt("a@b.c", "x", 0), Ok(()));
        }
        rows.succeeded("a@b.c", "x", 0);
        for _ in 0..SignInThrottle::FREE_ATTEMPTS {
            assert_eq!(rows.attempt("a@b.c", "x", 0), Ok(()));
        }
        assert!(rows.attempt("a@b.c", "x", 0).is_err());
    }

    #[test]
    fn one_client_trying_many_accounts_waits_too() {
        let mut rows = Rows::default();
        for account in 0..SignInThrottle::FREE_ATTEMPTS_PER_CLIENT {
            assert_eq!(rows.attempt(&format!("{account}@b.c"), "botnet", 0), Ok(()));
        }
        assert!(rows.attempt("fresh@b.c", "botnet", 0).is_err());
        assert_eq!(rows.attempt("fresh@b.c", "office", 0), Ok(()));
    }

    #[tokio::test]
    async fn only_a_few_passwords_are_checked_at_once() {
        let throttle = SignInThrottle::default();
        let first = throttle.hashing_turn().await;
        let second = throttle.hashing_turn().await;
        assert!(first.is_ok() && second.is_ok());
        let third = tokio::time::timeout(Duration::from_millis(50), throttle.hashing_turn()).await;
        assert!(third.is_err(), "a third check waits while two run");
        drop(first);
        let third = tokio::time::timeout(Duration::from_millis(50), throttle.hashing_turn()).await;
        assert!(matches!(third, Ok(Ok(_))));
    }
}

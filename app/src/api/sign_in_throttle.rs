//! Slows password guessing down without letting a guesser lock the real
//! person out (issue 14, item 3). Every attempt is counted *before* its
//! password is checked, so parallel guesses cannot all slip through; it is
//! counted per (address, client) pair, so guesses from one machine lock
//! that machine out of that account (30 s after `FREE_ATTEMPTS`, doubling
//! up to 15 minutes) while the person signing in from elsewhere still
//! can; and per client across addresses, so one machine trying many
//! accounts is slowed too. At most `HASHES_AT_ONCE` password checks run at
//! once (argon2 takes 19 MiB each): the rest wait their turn, briefly.
//! Kept in memory: a restart forgets it, which only helps a guesser once.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Failures counted for one key.
#[derive(Clone, Copy, Debug)]
struct Strikes {
    count: u32,
    locked_until: Instant,
    last: Instant,
}

#[derive(Debug, Default)]
struct Counts {
    by_pair: HashMap<(String, String), Strikes>,
    by_client: HashMap<String, Strikes>,
}

#[derive(Clone, Debug)]
pub struct SignInThrottle {
    counts: Arc<Mutex<Counts>>,
    hashing: Arc<tokio::sync::Semaphore>,
}

impl Default for SignInThrottle {
    fn default() -> Self {
        Self {
            counts: Arc::default(),
            hashing: Arc::new(tokio::sync::Semaphore::new(Self::HASHES_AT_ONCE)),
        }
    }
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
    const LONGEST_WAIT_SECONDS: u64 = 15 * 60;
    /// Keys remembered at most per kind; the oldest are forgotten beyond it.
    const REMEMBERED: usize = 10_000;

    fn wait_of(strikes: Option<&Strikes>, free: u32, now: Instant) -> Option<u64> {
        let strikes = strikes?;
        (strikes.count >= free && strikes.locked_until > now)
            .then(|| (strikes.locked_until - now).as_secs().max(1))
    }

    fn strike(strikes: &mut Strikes, free: u32, now: Instant) {
        strikes.count += 1;
        strikes.last = now;
        if strikes.count >= free {
            let doublings = (strikes.count - free).min(10);
            let wait = (30_u64 << doublings).min(Self::LONGEST_WAIT_SECONDS);
            strikes.locked_until = now + Duration::from_secs(wait);
        }
    }

    fn forget_oldest<K: Clone + Eq + std::hash::Hash>(map: &mut HashMap<K, Strikes>) {
        if map.len() >= Self::REMEMBERED
            && let Some(oldest) = map
                .iter()
                .min_by_key(|(_, strikes)| strikes.last)
                .map(|(key, _)| key.clone())
        {
            map.remove(&oldest);
        }
    }

    /// Counts an attempt on `email` from `client` before its password is
    /// checked: `Err(seconds)` when it must wait instead. The attempt is
    /// counted as failed until `succeeded` says otherwise.
    pub fn attempt(&self, email: &str, client: &str) -> Result<(), u64> {
        let Ok(mut counts) = self.counts.lock() else {
            return Err(1);
        };
        let now = Instant::now();
        let pair = (email.to_string(), client.to_string());
        if let Some(wait) = Self::wait_of(counts.by_pair.get(&pair), Self::FREE_ATTEMPTS, now)
            .or_else(|| {
                Self::wait_of(
                    counts.by_client.get(client),
                    Self::FREE_ATTEMPTS_PER_CLIENT,
                    now,
                )
            })
        {
            return Err(wait);
        }
        Self::forget_oldest(&mut counts.by_pair);
        Self::forget_oldest(&mut counts.by_client);
        let fresh = Strikes {
            count: 0,
            locked_until: now,
            last: now,
        };
        Self::strike(
            counts.by_pair.entry(pair).or_insert(fresh),
            Self::FREE_ATTEMPTS,
            now,
        );
        Self::strike(
            counts.by_client.entry(client.to_string()).or_insert(fresh),
            Self::FREE_ATTEMPTS_PER_CLIENT,
            now,
        );
        Ok(())
    }

    /// The right password: the pair starts afresh and the client's count
    /// gives back this attempt.
    pub fn succeeded(&self, email: &str, client: &str) {
        if let Ok(mut counts) = self.counts.lock() {
            counts
                .by_pair
                .remove(&(email.to_string(), client.to_string()));
            if let Some(strikes) = counts.by_client.get_mut(client) {
                strikes.count = strikes.count.saturating_sub(1);
                if strikes.count < Self::FREE_ATTEMPTS_PER_CLIENT {
                    strikes.locked_until = Instant::now();
                }
            }
        }
    }

    /// A turn to check a password (at most `HASHES_AT_ONCE` at once);
    /// `Err(seconds)` when the queue is too long to wait in.
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

    #[test]
    fn attempts_are_counted_before_checking_so_the_sixth_waits() {
        let throttle = SignInThrottle::default();
        for _ in 0..SignInThrottle::FREE_ATTEMPTS {
            assert_eq!(throttle.attempt("sara@pishro.local", "10.0.0.9"), Ok(()));
        }
        assert!(throttle.attempt("sara@pishro.local", "10.0.0.9").is_err());
        // The person from another machine still gets in.
        assert_eq!(throttle.attempt("sara@pishro.local", "10.0.0.1"), Ok(()));
        throttle.succeeded("sara@pishro.local", "10.0.0.1");
        assert_eq!(throttle.attempt("sara@pishro.local", "10.0.0.1"), Ok(()));
    }

    #[test]
    fn a_right_password_clears_the_pair() {
        let throttle = SignInThrottle::default();
        for _ in 0..4 {
            assert_eq!(throttle.attempt("a@b.c", "x"), Ok(()));
        }
        throttle.succeeded("a@b.c", "x");
        for _ in 0..SignInThrottle::FREE_ATTEMPTS {
            assert_eq!(throttle.attempt("a@b.c", "x"), Ok(()));
        }
        assert!(throttle.attempt("a@b.c", "x").is_err());
    }

    #[test]
    fn one_client_trying_many_accounts_waits_too() {
        let throttle = SignInThrottle::default();
        for account in 0..SignInThrottle::FREE_ATTEMPTS_PER_CLIENT {
            assert_eq!(
                throttle.attempt(&format!("{account}@b.c"), "botnet"),
                Ok(())
            );
        }
        assert!(throttle.attempt("fresh@b.c", "botnet").is_err());
        assert_eq!(throttle.attempt("fresh@b.c", "office"), Ok(()));
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

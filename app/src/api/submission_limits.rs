//! Rate limits for the public web forms (issue 15): anyone may post to a
//! form, so each network address may send only a few submissions in a
//! while (to any forms), and each form takes only so many in an hour (so a
//! spammer with many addresses floods one team's pool at most that much).
//! Counted in sliding windows, in memory, like the sign-in throttle: a
//! restart forgets them, which helps a spammer once.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How many submissions a key may make within `window`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    pub count: usize,
    pub window: Duration,
}

/// Submissions from one network address, to any forms.
pub const PER_ADDRESS: Limit = Limit {
    count: 5,
    window: Duration::from_secs(10 * 60),
};
/// Submissions to one form, from anyone.
pub const PER_FORM: Limit = Limit {
    count: 100,
    window: Duration::from_secs(60 * 60),
};
/// Keys remembered at most; the quietest are forgotten beyond it.
const REMEMBERED: usize = 20_000;

/// The recent submission times of each key, and the limit per address.
#[derive(Clone, Debug)]
pub struct SubmissionLimits {
    recent: Arc<Mutex<HashMap<String, VecDeque<Instant>>>>,
    per_address: Limit,
}

impl Default for SubmissionLimits {
    fn default() -> Self {
        Self {
            recent: Arc::default(),
            per_address: PER_ADDRESS,
        }
    }
}

impl SubmissionLimits {
    /// Allows `count` submissions per address in `PER_ADDRESS`'s window
    /// (the server's `PISHRO_WEB_FORM_SUBMISSIONS_PER_ADDRESS`: browser
    /// tests send many from one machine).
    pub fn with_per_address(count: usize) -> Self {
        Self {
            per_address: Limit {
                count: count.max(1),
                window: PER_ADDRESS.window,
            },
            ..Self::default()
        }
    }

    /// The limit for one network address.
    pub fn per_address(&self) -> Limit {
        self.per_address
    }

    /// Counts one submission under every key if none is over its limit;
    /// otherwise counts nothing and says how many seconds until the
    /// fullest key has room again.
    pub fn try_submit(&self, keys: &[(&str, Limit)], now: Instant) -> Result<(), u64> {
        let Ok(mut recent) = self.recent.lock() else {
            // A panicked holder: refuse rather than let everything through.
            return Err(60);
        };
        let mut wait = None;
        for (key, limit) in keys {
            if let Some(times) = recent.get_mut(*key) {
                while times
                    .front()
                    .is_some_and(|at| now.saturating_duration_since(*at) >= limit.window)
                {
                    times.pop_front();
                }
                if times.len() >= limit.count
                    && let Some(oldest) = times.front()
                {
                    let free_at = *oldest + limit.window;
                    let seconds = free_at.saturating_duration_since(now).as_secs().max(1);
                    wait = Some(wait.map_or(seconds, |longest: u64| longest.max(seconds)));
                }
            }
        }
        if let Some(seconds) = wait {
            return Err(seconds);
        }
        if recent.len() + keys.len() > REMEMBERED {
            // Forget the keys whose last submission is oldest.
            let mut by_last: Vec<(String, Instant)> = recent
                .iter()
                .map(|(key, times)| (key.clone(), times.back().copied().unwrap_or(now)))
                .collect();
            by_last.sort_by_key(|(_, last)| *last);
            for (key, _) in by_last.into_iter().take(REMEMBERED / 10) {
                recent.remove(&key);
            }
        }
        for (key, _) in keys {
            recent.entry((*key).to_string()).or_default().push_back(now);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO_A_MINUTE: Limit = Limit {
        count: 2,
        window: Duration::from_secs(60),
    };

    #[test]
    fn a_key_over_its_limit_waits_until_its_oldest_submission_leaves_the_window() {
        let limits = SubmissionLimits::default();
        let start = Instant::now();
        let keys = [("address:1", TWO_A_MINUTE)];
        assert_eq!(limits.try_submit(&keys, start), Ok(()));
        assert_eq!(
            limits.try_submit(&keys, start + Duration::from_secs(10)),
            Ok(())
        );
        assert_eq!(
            limits.try_submit(&keys, start + Duration::from_secs(20)),
            Err(40)
        );
        // Another address is not held up.
        assert_eq!(
            limits.try_submit(&[("address:2", TWO_A_MINUTE)], start),
            Ok(())
        );
        assert_eq!(
            limits.try_submit(&keys, start + Duration::from_secs(60)),
            Ok(())
        );
    }

    #[test]
    fn a_refused_submission_counts_under_none_of_its_keys() {
        let limits = SubmissionLimits::default();
        let now = Instant::now();
        let one = Limit {
            count: 1,
            window: Duration::from_secs(60),
        };
        assert_eq!(limits.try_submit(&[("form:a", one)], now), Ok(()));
        // The form is full: this address's attempt is not counted...
        assert!(
            limits
                .try_submit(&[("address:1", one), ("form:a", one)], now)
                .is_err()
        );
        // ...so it may still send to another form.
        assert_eq!(
            limits.try_submit(&[("address:1", one), ("form:b", one)], now),
            Ok(())
        );
    }
}

//! Rate limits for the public web forms (issue 15): anyone may post to a
//! form, so each network address may send only a few submissions in a
//! while (to any forms), and each form takes only so many in an hour (so a
//! spammer with many addresses floods one team's pool at most that much).
//! Counted in sliding windows kept in the database (`store::limits`, issue
//! 16), so every server counts the same submissions and a restart forgets
//! none; the rule itself is the pure `admit`.

use crate::error::AppError;
use crate::store::Store;
use std::time::Duration;

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

/// The limit per address this server applies.
#[derive(Clone, Debug)]
pub struct SubmissionLimits {
    per_address: Limit,
}

impl Default for SubmissionLimits {
    fn default() -> Self {
        Self {
            per_address: PER_ADDRESS,
        }
    }
}

/// The pure rule: with each key's recent submission times (Unix
/// milliseconds, oldest first) and its limit, drops the times that left
/// their window and, when no key is full, adds `now_ms` to every key;
/// otherwise adds nothing and says how many seconds until the fullest key
/// has room again.
pub fn admit(times: &mut [Vec<i64>], limits: &[Limit], now_ms: i64) -> Result<(), u64> {
    let mut wait: Option<u64> = None;
    for (recent, limit) in times.iter_mut().zip(limits) {
        let window_ms = i64::try_from(limit.window.as_millis()).unwrap_or(i64::MAX);
        recent.retain(|at| now_ms.saturating_sub(*at) < window_ms);
        if recent.len() >= limit.count
            && let Some(oldest) = recent.first()
        {
            let free_in_ms = oldest.saturating_add(window_ms).saturating_sub(now_ms);
            let seconds = u64::try_from(free_in_ms.div_euclid(1000))
                .unwrap_or(0)
                .max(1);
            wait = Some(wait.map_or(seconds, |longest| longest.max(seconds)));
        }
    }
    if let Some(seconds) = wait {
        return Err(seconds);
    }
    for recent in times.iter_mut() {
        recent.push(now_ms);
    }
    Ok(())
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
        }
    }

    /// The limit for one network address.
    pub fn per_address(&self) -> Limit {
        self.per_address
    }

    /// Counts one submission under every key if none is over its limit;
    /// otherwise counts nothing and answers `TooManySubmissions`.
    pub async fn try_submit(&self, store: &Store, keys: &[(&str, Limit)]) -> Result<(), AppError> {
        let names: Vec<&str> = keys.iter().map(|(key, _)| *key).collect();
        let limits: Vec<Limit> = keys.iter().map(|(_, limit)| *limit).collect();
        let now_ms = chrono::Utc::now().timestamp_millis();
        store
            .change_recent_submissions(&names, now_ms, |times| admit(times, &limits, now_ms))
            .await?
            .map_err(|retry_after_seconds| AppError::TooManySubmissions {
                retry_after_seconds,
            })
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
        let mut address = vec![Vec::new()];
        assert_eq!(admit(&mut address, &[TWO_A_MINUTE], 0), Ok(()));
        assert_eq!(admit(&mut address, &[TWO_A_MINUTE], 10_000), Ok(()));
        assert_eq!(admit(&mut address, &[TWO_A_MINUTE], 20_000), Err(40));
        assert_eq!(address[0], vec![0, 10_000], "a refused one is not kept");
        // Another address is not held up.
        assert_eq!(admit(&mut [Vec::new()], &[TWO_A_MINUTE], 20_000), Ok(()));
        assert_eq!(admit(&mut address, &[TWO_A_MINUTE], 60_000), Ok(()));
        assert_eq!(address[0], vec![10_000, 60_000], "the old one left");
    }

    #[test]
    fn a_refused_submission_counts_under_none_of_its_keys() {
        let one = Limit {
            count: 1,
            window: Duration::from_secs(60),
        };
        let mut form_a = vec![Vec::new()];
        assert_eq!(admit(&mut form_a, &[one], 0), Ok(()));
        // The form is full: this address's attempt is not counted...
        let mut address_and_form_a = vec![Vec::new(), form_a[0].clone()];
        assert!(admit(&mut address_and_form_a, &[one, one], 0).is_err());
        assert!(address_and_form_a[0].is_empty());
        // ...so it may still send to another form.
        let mut address_and_form_b = vec![address_and_form_a[0].clone(), Vec::new()];
        assert_eq!(admit(&mut address_and_form_b, &[one, one], 0), Ok(()));
    }
}

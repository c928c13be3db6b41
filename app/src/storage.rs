//! The browser's local storage behind a small interface, so the offline
//! cache can move to IndexedDB later without touching what uses it. In the
//! browser it is gloo-storage (localStorage, JSON values); elsewhere (server
//! builds, unit tests) it is a no-op.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Keys of everything Pishro keeps in the browser.
pub mod keys {
    /// The last signed-in person's profile: lets the app start offline.
    pub const PROFILE: &str = "pishro.profile";
    /// The reader's chosen language, also used before sign-in.
    pub const LOCALE: &str = "pishro.locale";
    /// Set when a sign-out could not reach the server: the next start ends
    /// that server session instead of signing the person back in.
    pub const SIGN_OUT_PENDING: &str = "pishro.sign_out_pending";

    /// Where one person's sync slot keeps its outbox (small, always written).
    pub fn sync_outbox(user: &str, slot: u32) -> String {
        format!("{}{slot}.outbox", sync_prefix(user))
    }

    /// Where one person's sync slot keeps the pulled rows (large, evictable).
    pub fn sync_cache(user: &str, slot: u32) -> String {
        format!("{}{slot}.cache", sync_prefix(user))
    }

    /// Every sync key of one person starts with this.
    pub fn sync_prefix(user: &str) -> String {
        format!("pishro.sync.{user}.")
    }

    /// The goal milestones (50, 90, 100 percent) a person has been told of,
    /// so each notice shows once per device.
    pub fn milestones(user: &str) -> String {
        format!("pishro.milestones.{user}")
    }

    /// A person's teammates as last fetched, so kudos can be written offline.
    pub fn teammates(user: &str) -> String {
        format!("pishro.teammates.{user}")
    }

    /// The team events a person's leads may name, as last fetched, so the
    /// lead form offers them offline.
    pub fn event_choices(user: &str) -> String {
        format!("pishro.events.{user}")
    }

    /// The last leaderboard answer a person read for one choice of metric,
    /// currency and period length.
    pub fn leaderboard(user: &str, choice: &str) -> String {
        format!("pishro.leaderboard.{user}.{choice}")
    }

    /// The last team dashboard a person read, per team (or `own`), so it
    /// reads offline with its time.
    pub fn dashboard(user: &str, team: &str) -> String {
        format!("pishro.dashboard.{user}.{team}")
    }

    /// The last answer of a report a person read, per choice of filters.
    pub fn report(user: &str, choice: &str) -> String {
        format!("pishro.report.{user}.{choice}")
    }

    /// Every sync key of anyone starts with this.
    pub const SYNC_ANYONE: &str = "pishro.sync.";

    /// Whether a key holds only what the server can give again (pulled
    /// rows, remembered report, dashboard, leaderboard and teammate
    /// answers): when storage is full these go before an outbox write fails.
    pub fn can_be_fetched_again(key: &str) -> bool {
        (key.starts_with(SYNC_ANYONE) && key.ends_with(".cache"))
            || [
                "pishro.report.",
                "pishro.dashboard.",
                "pishro.leaderboard.",
                "pishro.teammates.",
                "pishro.events.",
            ]
            .iter()
            .any(|prefix| key.starts_with(prefix))
    }
}

/// A server answer kept for reading offline: a fresh answer is stored under
/// `key` and returned (`false`: not from memory); a failed one falls back to
/// the last stored answer (`true`), else the error stands.
pub fn remember_or_recall<T: Serialize + DeserializeOwned, E>(
    key: Option<&str>,
    answer: Result<T, E>,
) -> Result<(T, bool), E> {
    match answer {
        Ok(fresh) => {
            if let Some(key) = key {
                save(key, &fresh);
            }
            Ok((fresh, false))
        }
        Err(error) => key
            .and_then(load::<T>)
            .map(|remembered| (remembered, true))
            .ok_or(error),
    }
}

/// Reads a stored value; `None` when missing or unreadable.
pub fn load<T: DeserializeOwned>(key: &str) -> Option<T> {
    #[cfg(feature = "csr")]
    {
        // Decoded from bytes, like every server function's answer: one
        // copy of each type's decoder in the app instead of two.
        use gloo_storage::Storage;
        let text = gloo_storage::LocalStorage::raw().get_item(key).ok()??;
        serde_json::from_slice(text.as_bytes()).ok()
    }
    #[cfg(not(feature = "csr"))]
    {
        let _ = key;
        None
    }
}

/// Stores a value; returns whether it was written (storage may be full or off).
pub fn save<T: Serialize>(key: &str, value: &T) -> bool {
    #[cfg(feature = "csr")]
    {
        use gloo_storage::Storage;
        gloo_storage::LocalStorage::set(key, value).is_ok()
    }
    #[cfg(not(feature = "csr"))]
    {
        let _ = (key, value);
        false
    }
}

pub fn remove(key: &str) {
    #[cfg(feature = "csr")]
    {
        use gloo_storage::Storage;
        gloo_storage::LocalStorage::delete(key);
    }
    #[cfg(not(feature = "csr"))]
    {
        let _ = key;
    }
}

/// Every stored key that starts with `prefix` (to find other tabs' sync slots).
pub fn keys_with_prefix(prefix: &str) -> Vec<String> {
    #[cfg(feature = "csr")]
    {
        let Some(storage) =
            web_sys::window().and_then(|window| window.local_storage().ok().flatten())
        else {
            return Vec::new();
        };
        let count = storage.length().unwrap_or(0);
        (0..count)
            .filter_map(|index| storage.key(index).ok().flatten())
            .filter(|key| key.starts_with(prefix))
            .collect()
    }
    #[cfg(not(feature = "csr"))]
    {
        let _ = prefix;
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::keys;

    #[test]
    fn only_answers_the_server_can_give_again_are_dropped_for_room() {
        let user = "u1";
        for key in [
            keys::sync_cache(user, 0),
            keys::sync_cache("someone else", 3),
            keys::report(user, "tactics"),
            keys::dashboard(user, "own"),
            keys::leaderboard(user, "x"),
            keys::teammates(user),
            keys::event_choices(user),
        ] {
            assert!(keys::can_be_fetched_again(&key), "{key}");
        }
        for key in [
            keys::sync_outbox(user, 0),
            keys::PROFILE.to_string(),
            keys::LOCALE.to_string(),
            keys::SIGN_OUT_PENDING.to_string(),
            keys::milestones(user),
            "other.app.data".to_string(),
        ] {
            assert!(!keys::can_be_fetched_again(&key), "{key}");
        }
    }
}

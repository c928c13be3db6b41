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
    /// Whose language choice has not reached the server yet (a switch made
    /// offline, or cut off by leaving the page): the next start sends it.
    pub const LOCALE_UNSENT: &str = "pishro.locale_unsent";

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

/// A store of text values by key: the browser's local storage in the app
/// (`BrowserStorage`), a map in memory in unit tests (`MemoryStorage`), so
/// what the sync engine keeps on a device is tested without a browser.
pub trait KeyValueStore {
    fn get_text(&self, key: &str) -> Option<String>;
    /// Returns whether it was written (storage may be full or off).
    fn set_text(&self, key: &str, text: &str) -> bool;
    fn remove(&self, key: &str);
    /// Every stored key that starts with `prefix`.
    fn keys_with_prefix(&self, prefix: &str) -> Vec<String>;

    /// Reads a stored value; `None` when missing or unreadable.
    fn load<T: DeserializeOwned>(&self, key: &str) -> Option<T> {
        // Decoded from bytes, like every server function's answer: one
        // copy of each type's decoder in the app instead of two.
        crate::sync::objects_only::from_slice(self.get_text(key)?.as_bytes()).ok()
    }

    /// Stores a value as JSON; returns whether it was written.
    fn save<T: Serialize>(&self, key: &str, value: &T) -> bool {
        serde_json::to_string(value).is_ok_and(|text| self.set_text(key, &text))
    }
}

/// The browser's local storage (nothing is kept outside the browser).
#[derive(Clone, Copy, Default)]
pub struct BrowserStorage;

impl KeyValueStore for BrowserStorage {
    fn get_text(&self, key: &str) -> Option<String> {
        #[cfg(feature = "csr")]
        {
            use gloo_storage::Storage;
            gloo_storage::LocalStorage::raw().get_item(key).ok()?
        }
        #[cfg(not(feature = "csr"))]
        {
            let _ = key;
            None
        }
    }

    fn set_text(&self, key: &str, text: &str) -> bool {
        #[cfg(feature = "csr")]
        {
            use gloo_storage::Storage;
            gloo_storage::LocalStorage::raw()
                .set_item(key, text)
                .is_ok()
        }
        #[cfg(not(feature = "csr"))]
        {
            let _ = (key, text);
            false
        }
    }

    fn remove(&self, key: &str) {
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

    fn keys_with_prefix(&self, prefix: &str) -> Vec<String> {
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
}

/// Local storage in memory, with a size limit like a browser's, so tests
/// can fill it up.
#[cfg(test)]
pub struct MemoryStorage {
    values: std::cell::RefCell<std::collections::BTreeMap<String, String>>,
    /// Keys and values together may take at most this many bytes.
    capacity: std::cell::Cell<usize>,
}

#[cfg(test)]
impl Default for MemoryStorage {
    fn default() -> Self {
        Self::with_capacity(usize::MAX)
    }
}

#[cfg(test)]
impl MemoryStorage {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_capacity(bytes: usize) -> Self {
        Self {
            values: Default::default(),
            capacity: std::cell::Cell::new(bytes),
        }
    }

    pub fn set_capacity(&self, bytes: usize) {
        self.capacity.set(bytes);
    }

    /// Bytes taken by keys and values.
    pub fn used(&self) -> usize {
        self.values
            .borrow()
            .iter()
            .map(|(key, value)| key.len() + value.len())
            .sum()
    }

    pub fn keys(&self) -> Vec<String> {
        self.values.borrow().keys().cloned().collect()
    }
}

#[cfg(test)]
impl KeyValueStore for MemoryStorage {
    fn get_text(&self, key: &str) -> Option<String> {
        self.values.borrow().get(key).cloned()
    }

    fn set_text(&self, key: &str, text: &str) -> bool {
        let replaced = self
            .values
            .borrow()
            .get(key)
            .map_or(0, |old| key.len() + old.len());
        if self.used() - replaced + key.len() + text.len() > self.capacity.get() {
            return false;
        }
        self.values
            .borrow_mut()
            .insert(key.to_string(), text.to_string());
        true
    }

    fn remove(&self, key: &str) {
        self.values.borrow_mut().remove(key);
    }

    fn keys_with_prefix(&self, prefix: &str) -> Vec<String> {
        self.values
            .borrow()
            .keys()
            .filter(|key| key.starts_with(prefix))
            .cloned()
            .collect()
    }
}

/// Reads a value from the browser's local storage.
pub fn load<T: DeserializeOwned>(key: &str) -> Option<T> {
    BrowserStorage.load(key)
}

/// Stores a value in the browser's local storage; returns whether it was written.
pub fn save<T: Serialize>(key: &str, value: &T) -> bool {
    BrowserStorage.save(key, value)
}

pub fn remove(key: &str) {
    BrowserStorage.remove(key);
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
            keys::LOCALE_UNSENT.to_string(),
            keys::milestones(user),
            "other.app.data".to_string(),
        ] {
            assert!(!keys::can_be_fetched_again(&key), "{key}");
        }
    }
}

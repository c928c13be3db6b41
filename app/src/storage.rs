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
}

/// Reads a stored value; `None` when missing or unreadable.
pub fn load<T: DeserializeOwned>(key: &str) -> Option<T> {
    #[cfg(feature = "csr")]
    {
        use gloo_storage::Storage;
        gloo_storage::LocalStorage::get(key).ok()
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

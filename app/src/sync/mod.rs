//! Offline-first sync as the server and the device share it: the versioned
//! wire protocol (`protocol`), the pure logic a device uses to keep its cache
//! and outbox straight (`plan`, `client`; the sync simulation drives it
//! against the real server), the live-event names (`live`) and the JSON
//! reading both use for answers and stored rows (`objects_only`). The browser's
//! side (storage, the engine, one round) is in `crate::client`; the server's
//! side of push and pull in `api/sync.rs` and `store/sync/`.

pub mod client;
pub mod live;
pub mod objects_only;
pub mod plan;
pub mod protocol;

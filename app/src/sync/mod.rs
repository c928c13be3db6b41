//! Offline-first sync: the versioned wire protocol (`protocol`), and the
//! pure logic a client uses to keep its cache and outbox straight (`plan`,
//! `client`), and the browser engine that stores and runs it (`engine`).
//! The server side of push and pull is in `api/sync.rs` and `store/sync.rs`.

mod browser;
pub mod client;
mod device_store;
pub mod engine;
pub mod live;
pub mod plan;
pub mod protocol;

//! What runs only on the device (compiled into the server build too, where
//! storage is a no-op): local storage behind `KeyValueStore` (`storage`), the
//! signed-in person and their language (`session`), what a device keeps of
//! each person's sync per tab slot (`device_store`), one sync round over
//! small traits (`round`, unit-tested with fakes), the browser's Web Locks,
//! network state and early first pull (`browser`), the engine that runs
//! rounds with the real parts (`engine`), and where every goal the person
//! reads stands (`standings`). The pure state a device syncs
//! (`sync::client::ClientState`) and the protocol live in `crate::sync`,
//! shared with the server.

pub(crate) mod browser;
mod device_store;
pub mod engine;
mod round;
pub mod session;
pub mod standings;
pub mod storage;

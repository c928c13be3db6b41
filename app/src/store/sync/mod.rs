//! The server side of sync: apply a push exactly once (`push.rs`), page
//! through changes for a pull (`pull.rs`), and the conflicts that replaced
//! a person's values (`conflicts.rs`). Each runs in one transaction.

mod conflicts;
mod pull;
mod push;

//! The server side of sync: apply a push exactly once (`push_plan.rs`
//! decides the steps, `push.rs` carries them out), page
//! through changes for a pull (`pull.rs`), and the conflicts that replaced
//! a person's values (`conflicts.rs`). Each runs in one transaction.

mod conflicts;
mod pull;
mod push;
mod push_plan;

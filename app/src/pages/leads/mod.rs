//! Leads: the list, and the page to create or edit one (with its activities).
//! Both read the device's cache and save through the outbox, so they work the
//! same with no network; the sync engine sends the changes later.

mod edit;
mod list;
mod merge;
mod share;
mod timeline;

pub(crate) use edit::CallLink;
pub use edit::LeadEditPage;
pub use list::LeadsPage;

//! Server functions, one concern per file. Each is thin: check the session,
//! check access to every record it touches, validate, then call the store.
//! Endpoints are pinned (`/api/<area>/<action>`) because an offline client
//! running an older cached build must still find them; inputs are JSON.

pub mod activities;
pub mod audit;
pub mod auth;
pub mod availability;
pub mod budgets;
#[cfg(feature = "ssr")]
pub mod context;
pub mod dashboard;
pub mod events;
pub mod goals;
pub mod headcount;
pub mod insights;
pub mod invites;
pub mod lead_import;
pub mod lead_share;
pub mod leads;
pub mod pay;
pub mod people;
pub mod pool;
pub mod records;
pub mod reports;
#[cfg(feature = "ssr")]
pub mod sign_in_throttle;
pub mod staff;
#[cfg(feature = "ssr")]
pub mod submission_limits;
pub mod sync;
pub mod team;
pub mod team_days;
pub mod training;

pub use activities::*;
pub use audit::*;
pub use auth::*;
pub use availability::*;
pub use budgets::*;
pub use dashboard::*;
pub use events::*;
pub use goals::*;
pub use headcount::*;
pub use insights::*;
pub use invites::*;
pub use lead_import::*;
pub use lead_share::*;
pub use leads::*;
pub use pay::*;
pub use people::*;
pub use pool::*;
pub use records::*;
pub use reports::*;
pub use sync::*;
pub use team::*;
pub use team_days::*;

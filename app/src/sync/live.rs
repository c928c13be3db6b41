//! Live events: the server tells open dashboards that a team's data changed,
//! so they pull and re-read at once instead of waiting for the 30-second
//! poll. Server-sent events on `LIVE_EVENTS_PATH`, behind the session; each
//! event names what changed (kind, team, whose work, the newest version),
//! never the data itself: the device still reads through the access-checked
//! pull and server functions.
//!
//! DO NOT MODIFY the path or the JSON shape: cached clients in the field
//! listen to them (`server/tests/wire_format.rs` freezes both). Add a new
//! kind or a new path instead.

use crate::domain::ids::{TeamId, UserId};
use serde::{Deserialize, Serialize};

/// Where a signed-in browser listens (GET, `text/event-stream`).
pub const LIVE_EVENTS_PATH: &str = "/api/live/events";

/// The SSE event name every live event is sent under.
pub const LIVE_EVENT_NAME: &str = "change";

/// What kind of change happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LiveEventKind {
    /// Leads, activities or kudos were written (a push or a form save).
    Work,
    /// Goals, plans or records were written.
    Settings,
}

/// One change, as every allowed listener receives it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveEvent {
    pub kind: LiveEventKind,
    /// The team whose data changed (`None` for a person without a team).
    pub team_id: Option<TeamId>,
    /// Whose work it was.
    pub owner_id: UserId,
    /// The newest sync version when it committed: a device whose cursor is
    /// at or past it has nothing to pull.
    pub version: i64,
}

impl LiveEvent {
    /// Whether `actor` may hear of this change: the same rule as reading
    /// the owner's rows (a manager hears their team, a rep their own work,
    /// an admin everything).
    pub fn audible_to(&self, actor: &crate::domain::Actor) -> bool {
        actor.can_read(&crate::domain::access::Owner {
            user_id: self.owner_id,
            team_id: self.team_id,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Actor, Role};

    #[test]
    fn a_change_is_heard_by_its_team_manager_its_owner_and_admins_only() {
        let team = TeamId::new();
        let other_team = TeamId::new();
        let rep = UserId::new();
        let event = LiveEvent {
            kind: LiveEventKind::Work,
            team_id: Some(team),
            owner_id: rep,
            version: 7,
        };
        let actor = |role, user_id, team_id| Actor {
            user_id,
            role,
            team_id,
        };
        assert!(event.audible_to(&actor(Role::Manager, UserId::new(), Some(team))));
        assert!(event.audible_to(&actor(Role::Rep, rep, Some(team))));
        assert!(event.audible_to(&actor(Role::Admin, UserId::new(), None)));
        assert!(!event.audible_to(&actor(Role::Manager, UserId::new(), Some(other_team))));
        assert!(!event.audible_to(&actor(Role::Rep, UserId::new(), Some(team))));
    }
}

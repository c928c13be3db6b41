//! The audit history: an admin reads every team's changes (or one team's),
//! a manager their own team's; reps are refused. One item's history (a
//! record, a person) is read the same way, limited to the reader's teams.

use crate::domain::TeamId;
use crate::domain::audit::{AuditEntry, AuditQuery, AuditSubject};
use crate::domain::team_dashboard::TeamChoice;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// The history screen: the entries and, for an admin, the teams to pick.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditView {
    pub entries: Vec<AuditEntry>,
    /// The teams an admin may narrow to (empty for a manager).
    pub teams: Vec<TeamChoice>,
}

/// Changes, newest first: an admin's of all teams or of `team_id`, a
/// manager's of their own team only.
#[server(endpoint = "audit/list", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn list_audit(team_id: Option<TeamId>, query: AuditQuery) -> Result<AuditView, AppError> {
    use crate::api::context::signed_in;
    let (state, profile) = signed_in().await?;
    let team = server::readable_team(&profile, team_id)?;
    query.validate()?;
    let entries = state.store.audit_entries(team, &query, None).await?;
    let teams = if crate::api::context::actor(&profile).can_manage_users() {
        state
            .store
            .list_teams()
            .await?
            .into_iter()
            .map(|team| TeamChoice {
                id: team.id,
                name: team.name,
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(AuditView { entries, teams })
}

/// One item's changes, newest first, as far as the reader's teams go.
#[server(endpoint = "audit/item", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn item_audit(subject: AuditSubject, id: String) -> Result<Vec<AuditEntry>, AppError> {
    use crate::api::context::signed_in;
    let (state, profile) = signed_in().await?;
    let team = server::readable_team(&profile, None)?;
    if id.len() > 64 {
        return Err(AppError::NotFound);
    }
    Ok(state
        .store
        .audit_entries(team, &AuditQuery::default(), Some((subject, &id)))
        .await?)
}

#[cfg(feature = "ssr")]
mod server {
    use crate::domain::{Role, TeamId, UserProfile};
    use crate::error::AppError;

    /// Whose changes the reader sees: `None` for an admin reading every
    /// team, their chosen team, or a manager's own team; reps none.
    pub fn readable_team(
        profile: &UserProfile,
        team_id: Option<TeamId>,
    ) -> Result<Option<TeamId>, AppError> {
        match profile.role {
            Role::Admin => Ok(team_id),
            Role::Manager => {
                let own = profile.team_id.ok_or(AppError::Forbidden)?;
                if team_id.is_some_and(|chosen| chosen != own) {
                    return Err(AppError::Forbidden);
                }
                Ok(Some(own))
            }
            Role::Rep => Err(AppError::Forbidden),
        }
    }
}

//! Events a team goes to for leads, and what each brought: the manager of
//! the team (or an admin, for any team) keeps them and reads their figures;
//! leads are tagged with an event when the list brought back is imported.

use crate::domain::event::{EventDraft, EventResults, SalesEvent, SourceResults};
use crate::domain::team_dashboard::TeamChoice;
use crate::domain::{EventId, TeamId};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// The events screen: each event's results and the team's leads per source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventsView {
    pub team_id: TeamId,
    pub team_name: String,
    pub events: Vec<EventResults>,
    pub sources: Vec<SourceResults>,
    /// The teams an admin may switch to (empty for a manager).
    pub teams: Vec<TeamChoice>,
}

/// The team's events with what each brought, and its leads per source.
#[server(endpoint = "events/list", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn list_events(team_id: Option<TeamId>) -> Result<EventsView, AppError> {
    let (state, team_id, team_name, teams) = server::events_team(team_id).await?;
    Ok(EventsView {
        team_id,
        team_name,
        events: state.store.team_event_results(team_id).await?,
        sources: state.store.team_source_results(team_id).await?,
        teams,
    })
}

/// The events a lead may name: the caller's team's (every team's for an
/// admin). Every member may read them, reps included: the lead form offers
/// them, and the device keeps them for offline use.
#[server(endpoint = "events/choices", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn event_choices() -> Result<Vec<crate::domain::event::EventChoice>, AppError> {
    let (state, profile) = crate::api::context::signed_in().await?;
    let teams = crate::api::context::actor(&profile).member_teams().filter();
    Ok(state
        .store
        .event_choices(teams.ok_or(AppError::Forbidden)?)
        .await?)
}

/// Creates or changes an event of the team.
#[server(endpoint = "events/save", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn save_event(
    team_id: Option<TeamId>,
    draft: EventDraft,
) -> Result<SalesEvent, AppError> {
    use crate::api::context::signed_in;
    let (state, team_id, _, _) = server::events_team(team_id).await?;
    let event = draft.validate(team_id)?;
    let (_, profile) = signed_in().await?;
    if !state
        .store
        .save_event(&event, profile.id, chrono::Utc::now())
        .await?
    {
        // The id names another team's (or a deleted) event.
        return Err(AppError::Forbidden);
    }
    Ok(event)
}

/// Takes an event off the list (its leads stay).
#[server(endpoint = "events/delete", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn delete_event(event_id: EventId) -> Result<(), AppError> {
    use crate::api::context::{actor, signed_in};
    let (state, profile) = signed_in().await?;
    let team_id = state
        .store
        .event_team(event_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !actor(&profile).can_manage_team(team_id) {
        return Err(AppError::Forbidden);
    }
    Ok(state
        .store
        .delete_event(event_id, chrono::Utc::now())
        .await?)
}

#[cfg(feature = "ssr")]
mod server {
    use crate::api::context::{ServerState, actor, report_subject, signed_in};
    use crate::domain::TeamId;
    use crate::domain::team_dashboard::TeamChoice;
    use crate::error::AppError;

    /// The team whose events the caller keeps: a manager's own, an admin's
    /// choice; reps and other teams' managers are refused.
    pub async fn events_team(
        team_id: Option<TeamId>,
    ) -> Result<(ServerState, TeamId, String, Vec<TeamChoice>), AppError> {
        let (state, profile) = signed_in().await?;
        let subject = report_subject(&state, &profile, team_id).await?;
        let (team_id, team_name) = subject.team.ok_or(AppError::Forbidden)?;
        if !actor(&profile).can_manage_team(team_id) {
            return Err(AppError::Forbidden);
        }
        Ok((state, team_id, team_name, subject.teams))
    }
}

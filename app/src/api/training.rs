//! Training: the team's manager (or an admin, for any team) runs programmes,
//! plans their sessions, notes who came and who completed; completions
//! count toward "training completed" goals. Reps and other teams' managers
//! are refused, and every person named must be on the programme's team.

use crate::domain::team_dashboard::TeamChoice;
use crate::domain::training::{ProgrammeDraft, SessionDraft, TrainingProgramme};
use crate::domain::{TeamId, TeamMember, TrainingProgrammeId, TrainingSessionId, UserId};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// The training screen: the team's people and programmes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingView {
    pub team_id: TeamId,
    pub team_name: String,
    /// Everyone on the team who can sign in, reps first by name.
    pub people: Vec<TeamMember>,
    pub programmes: Vec<TrainingProgramme>,
    /// The teams an admin may switch to (empty for a manager).
    pub teams: Vec<TeamChoice>,
}

#[server(endpoint = "training/list", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn read_training(team_id: Option<TeamId>) -> Result<TrainingView, AppError> {
    let (state, _, team_id, team_name, teams) =
        crate::api::budgets::server::budget_team(team_id).await?;
    let mut people = state.store.team_members(team_id).await?;
    people.sort_by_key(|person| person.role != crate::domain::Role::Rep);
    Ok(TrainingView {
        team_id,
        team_name,
        people,
        programmes: state.store.team_training(team_id).await?,
        teams,
    })
}

/// Creates a programme (no id) or changes one of the caller's team.
#[server(endpoint = "training/save_programme", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn save_training_programme(
    team_id: Option<TeamId>,
    draft: ProgrammeDraft,
) -> Result<TrainingProgrammeId, AppError> {
    let (state, by, team_id, _, _) = crate::api::budgets::server::budget_team(team_id).await?;
    let programme = draft.validate()?;
    if draft.id.is_some() {
        // Changing one: it must be a live programme of this team.
        server::managed_programme(programme.id).await?;
    }
    if !state
        .store
        .save_training_programme(team_id, &programme, by, chrono::Utc::now())
        .await?
    {
        return Err(AppError::Forbidden);
    }
    Ok(programme.id)
}

#[server(endpoint = "training/delete_programme", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn delete_training_programme(programme_id: TrainingProgrammeId) -> Result<(), AppError> {
    let (state, _, _) = server::managed_programme(programme_id).await?;
    Ok(state
        .store
        .delete_training_programme(programme_id, chrono::Utc::now())
        .await?)
}

#[server(endpoint = "training/add_session", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn add_training_session(draft: SessionDraft) -> Result<(), AppError> {
    let session = draft.validate()?;
    let (state, _, _) = server::managed_programme(session.programme_id).await?;
    Ok(state
        .store
        .add_training_session(&session, chrono::Utc::now())
        .await?)
}

#[server(endpoint = "training/delete_session", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn delete_training_session(session_id: TrainingSessionId) -> Result<(), AppError> {
    let (state, _, _) = server::managed_session(session_id).await?;
    Ok(state.store.delete_training_session(session_id).await?)
}

/// Notes that a person of the team came to a session (or did not).
#[server(endpoint = "training/set_attendance", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn set_training_attendance(
    session_id: TrainingSessionId,
    person_id: UserId,
    attended: bool,
) -> Result<(), AppError> {
    let (state, _, team_id) = server::managed_session(session_id).await?;
    server::on_team(&state, person_id, team_id).await?;
    Ok(state
        .store
        .set_training_attendance(session_id, person_id, attended)
        .await?)
}

/// Marks a person of the team complete on `completed_on` (an ISO day), or
/// takes the completion back when it is empty.
#[server(endpoint = "training/set_completion", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn set_training_completion(
    programme_id: TrainingProgrammeId,
    person_id: UserId,
    completed_on: String,
) -> Result<(), AppError> {
    use crate::domain::{FieldErrors, FieldProblem};
    let (state, by, team_id) = server::managed_programme(programme_id).await?;
    let day = if completed_on.trim().is_empty() {
        None
    } else {
        let mut errors = FieldErrors::default();
        let today = state
            .store
            .team_zone(Some(team_id))
            .await?
            .local_day(chrono::Utc::now());
        let day = errors.check(
            "training_completed_on",
            crate::domain::validation::required_date(&completed_on).and_then(|day| {
                if day > today {
                    Err(FieldProblem::InFuture)
                } else {
                    Ok(day)
                }
            }),
        );
        errors.into_result(|| day.map(Some))?
    };
    server::on_team(&state, person_id, team_id).await?;
    Ok(state
        .store
        .set_training_completion(programme_id, person_id, day, by)
        .await?)
}

#[cfg(feature = "ssr")]
mod server {
    use crate::api::context::{ServerState, actor, signed_in};
    use crate::domain::{TeamId, TrainingProgrammeId, TrainingSessionId, UserId};
    use crate::error::AppError;

    /// A live programme of a team the caller manages.
    pub async fn managed_programme(
        programme_id: TrainingProgrammeId,
    ) -> Result<(ServerState, UserId, TeamId), AppError> {
        let (state, profile) = signed_in().await?;
        let team_id = state
            .store
            .training_programme_team(programme_id)
            .await?
            .ok_or(AppError::NotFound)?;
        if !actor(&profile).can_manage_team(team_id) {
            return Err(AppError::Forbidden);
        }
        Ok((state, profile.id, team_id))
    }

    /// A session of a live programme of a team the caller manages.
    pub async fn managed_session(
        session_id: TrainingSessionId,
    ) -> Result<(ServerState, UserId, TeamId), AppError> {
        let (state, profile) = signed_in().await?;
        let (_, team_id) = state
            .store
            .training_session_owner(session_id)
            .await?
            .ok_or(AppError::NotFound)?;
        if !actor(&profile).can_manage_team(team_id) {
            return Err(AppError::Forbidden);
        }
        Ok((state, profile.id, team_id))
    }

    /// Refuses a person who is not an active member of `team_id`.
    pub async fn on_team(
        state: &ServerState,
        person_id: UserId,
        team_id: TeamId,
    ) -> Result<(), AppError> {
        match state.store.owner(person_id).await? {
            Some(owner) if owner.team_id == Some(team_id) => Ok(()),
            _ => Err(AppError::NotFound),
        }
    }
}

//! Goals: everyone reads the goals that concern them; only the team's
//! manager (or an admin) creates, changes or deletes them.

use crate::domain::{Goal, GoalDraft, GoalId};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(endpoint = "goals/list", input = Json)]
pub async fn list_goals() -> Result<Vec<Goal>, AppError> {
    use crate::api::context::{actor, signed_in};
    use crate::domain::Role;
    let (state, profile) = signed_in().await?;
    let actor = actor(&profile);
    let team_filter = match (profile.role, profile.team_id) {
        (Role::Admin, _) => None,
        (_, Some(team_id)) => Some(team_id),
        (_, None) => return Ok(Vec::new()),
    };
    let goals = state.store.list_goals(team_filter).await?;
    Ok(goals
        .into_iter()
        .filter(|goal| actor.can_read_goal(goal.team_id, goal.scope, goal.subject_id))
        .collect())
}

#[server(endpoint = "goals/get", input = Json)]
pub async fn get_goal(id: GoalId) -> Result<Goal, AppError> {
    use crate::api::context::{actor, signed_in};
    let (state, profile) = signed_in().await?;
    let goal = state.store.goal(id).await?.ok_or(AppError::NotFound)?;
    if !actor(&profile).can_read_goal(goal.team_id, goal.scope, goal.subject_id) {
        return Err(AppError::Forbidden);
    }
    if goal.deleted {
        return Err(AppError::NotFound);
    }
    Ok(goal)
}

/// Creates or updates a goal. The subject (a rep or a team) must be in a
/// team the caller manages.
#[server(endpoint = "goals/save", input = Json)]
pub async fn save_goal(draft: GoalDraft) -> Result<Goal, AppError> {
    use crate::api::context::{actor, signed_in};
    use crate::domain::validation::{FieldErrors, FieldProblem};
    use crate::domain::{GoalScope, Role, TeamId, UserId};

    let (state, profile) = signed_in().await?;
    let actor = actor(&profile);
    if profile.role == Role::Rep {
        return Err(AppError::Forbidden);
    }
    let existing = state.store.goal(draft.id).await?;
    if let Some(goal) = &existing {
        if !actor.can_manage_team(goal.team_id) {
            return Err(AppError::Forbidden);
        }
        if goal.deleted {
            return Err(AppError::NotFound);
        }
    }
    let valid = draft.validate()?;
    let subject_team = match valid.scope {
        GoalScope::Rep => state
            .store
            .owner(UserId(valid.subject_id))
            .await?
            .and_then(|owner| owner.team_id),
        GoalScope::Team => {
            let team_id = TeamId(valid.subject_id);
            state.store.team_name(team_id).await?.map(|_| team_id)
        }
    };
    let team_id = match subject_team {
        Some(team_id) if actor.can_manage_team(team_id) => team_id,
        _ => {
            let mut errors = FieldErrors::default();
            errors.add("subject_id", FieldProblem::NotAllowed);
            return Err(AppError::Invalid(errors));
        }
    };
    let created_by = existing.as_ref().map_or(profile.id, |goal| goal.created_by);
    state
        .store
        .save_goal(&valid, team_id, created_by, chrono::Utc::now())
        .await?;
    state.store.goal(valid.id).await?.ok_or(AppError::Internal)
}

#[server(endpoint = "goals/delete", input = Json)]
pub async fn delete_goal(id: GoalId) -> Result<(), AppError> {
    use crate::api::context::{actor, signed_in};
    let (state, profile) = signed_in().await?;
    let goal = state.store.goal(id).await?.ok_or(AppError::NotFound)?;
    if !actor(&profile).can_manage_team(goal.team_id) {
        return Err(AppError::Forbidden);
    }
    if !goal.deleted {
        state.store.delete_goal(id, chrono::Utc::now()).await?;
    }
    Ok(())
}

//! Activities: list, read, log or update, delete.

use crate::domain::{Activity, ActivityDraft, ActivityId, LeadId};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Activities the signed-in person may see, optionally of one lead.
#[server(endpoint = "activities/list", input = Json)]
pub async fn list_activities(lead_id: Option<LeadId>) -> Result<Vec<Activity>, AppError> {
    use crate::api::context::{actor, signed_in};
    let (state, profile) = signed_in().await?;
    let actor = actor(&profile);
    if let Some(lead_id) = lead_id {
        let (_, owner) = state.store.lead(lead_id).await?.ok_or(AppError::NotFound)?;
        if !actor.can_read(&owner) {
            return Err(AppError::Forbidden);
        }
    }
    Ok(state
        .store
        .list_activities(actor.read_scope(), lead_id)
        .await?)
}

#[server(endpoint = "activities/get", input = Json)]
pub async fn get_activity(id: ActivityId) -> Result<Activity, AppError> {
    use crate::api::context::{actor, signed_in};
    let (state, profile) = signed_in().await?;
    let (activity, owner) = state.store.activity(id).await?.ok_or(AppError::NotFound)?;
    if !actor(&profile).can_read(&owner) {
        return Err(AppError::Forbidden);
    }
    if activity.deleted {
        return Err(AppError::NotFound);
    }
    Ok(activity)
}

/// Logs an activity with the draft's client-minted id, or updates it.
#[server(endpoint = "activities/save", input = Json)]
pub async fn save_activity(draft: ActivityDraft) -> Result<Activity, AppError> {
    use crate::api::context::{actor, signed_in};
    use crate::domain::validation::{FieldErrors, FieldProblem};

    let (state, profile) = signed_in().await?;
    let actor = actor(&profile);
    let existing = state.store.activity(draft.id).await?;
    if let Some((activity, owner)) = &existing {
        if !actor.can_write(owner) {
            return Err(AppError::Forbidden);
        }
        if activity.deleted {
            return Err(AppError::NotFound);
        }
    }
    let valid = draft.validate()?;
    if let Some(lead_id) = valid.lead_id {
        let lead = state.store.lead(lead_id).await?;
        if !lead.is_some_and(|(lead, owner)| !lead.deleted && actor.can_write(&owner)) {
            let mut errors = FieldErrors::default();
            errors.add("lead_id", FieldProblem::NotAllowed);
            return Err(AppError::Invalid(errors));
        }
    }
    let owner_id = existing
        .as_ref()
        .map_or(profile.id, |(activity, _)| activity.owner_id);
    let now = chrono::Utc::now();
    let done_at = match (
        valid.done,
        existing.as_ref().and_then(|(activity, _)| activity.done_at),
    ) {
        (true, Some(already)) => Some(already),
        (true, None) => Some(now),
        (false, _) => None,
    };
    state
        .store
        .save_activity(&valid, owner_id, done_at, now)
        .await?;
    state
        .store
        .activity(valid.id)
        .await?
        .map(|(activity, _)| activity)
        .ok_or(AppError::Internal)
}

#[server(endpoint = "activities/delete", input = Json)]
pub async fn delete_activity(id: ActivityId) -> Result<(), AppError> {
    use crate::api::context::{actor, signed_in};
    let (state, profile) = signed_in().await?;
    let (activity, owner) = state.store.activity(id).await?.ok_or(AppError::NotFound)?;
    if !actor(&profile).can_write(&owner) {
        return Err(AppError::Forbidden);
    }
    if !activity.deleted {
        state.store.delete_activity(id, chrono::Utc::now()).await?;
    }
    Ok(())
}

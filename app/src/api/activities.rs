//! Activities: list, read, log or update, delete.

use crate::domain::{Activity, ActivityDraft, ActivityId, LeadId};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Activities the signed-in person may see, optionally of one lead.
#[server(endpoint = "activities/list", input = Json, output = crate::sync::objects_only::ObjectsJson)]
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

#[server(endpoint = "activities/get", input = Json, output = crate::sync::objects_only::ObjectsJson)]
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
#[server(endpoint = "activities/save", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn save_activity(draft: ActivityDraft) -> Result<Activity, AppError> {
    use crate::api::context::{actor, signed_in};
    let (state, profile) = signed_in().await?;
    let mut transaction = state.store.write().await?;
    crate::store::checked::save_activity(
        &mut transaction,
        &actor(&profile),
        &draft,
        chrono::Utc::now(),
    )
    .await?;
    transaction.commit().await?;
    let (activity, owner) = state
        .store
        .activity(draft.id)
        .await?
        .ok_or(AppError::Internal)?;
    crate::api::context::announce(&state, crate::sync::live::LiveEventKind::Work, owner).await;
    Ok(activity)
}

#[server(endpoint = "activities/delete", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn delete_activity(id: ActivityId) -> Result<(), AppError> {
    use crate::api::context::{actor, signed_in};
    let (state, profile) = signed_in().await?;
    let mut transaction = state.store.write().await?;
    crate::store::checked::delete_activity(
        &mut transaction,
        &actor(&profile),
        id,
        chrono::Utc::now(),
    )
    .await?;
    transaction.commit().await?;
    crate::api::context::announce(
        &state,
        crate::sync::live::LiveEventKind::Work,
        crate::api::context::owner_of(&profile),
    )
    .await;
    Ok(())
}

//! Leads: list, read, create or update, delete.

use crate::domain::{Lead, LeadDraft, LeadId};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// The leads the signed-in person may see: their own, or their team's.
#[server(endpoint = "leads/list", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn list_leads() -> Result<Vec<Lead>, AppError> {
    use crate::api::context::{actor, signed_in};
    let (state, profile) = signed_in().await?;
    Ok(state.store.list_leads(actor(&profile).read_scope()).await?)
}

/// One lead, if the signed-in person may see it.
#[server(endpoint = "leads/get", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn get_lead(id: LeadId) -> Result<Lead, AppError> {
    use crate::api::context::{actor, signed_in};
    let (state, profile) = signed_in().await?;
    let (lead, owner) = state.store.lead(id).await?.ok_or(AppError::NotFound)?;
    if !actor(&profile).can_read(&owner) {
        return Err(AppError::Forbidden);
    }
    if lead.deleted {
        return Err(AppError::NotFound);
    }
    Ok(lead)
}

/// Creates the lead with the draft's client-minted id, or updates it.
#[server(endpoint = "leads/save", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn save_lead(draft: LeadDraft) -> Result<Lead, AppError> {
    use crate::api::context::{actor, signed_in};
    let (state, profile) = signed_in().await?;
    let mut transaction = state.store.write().await?;
    crate::store::checked::save_lead(
        &mut transaction,
        &actor(&profile),
        &draft,
        chrono::Utc::now(),
    )
    .await?;
    transaction.commit().await?;
    let (lead, owner) = state
        .store
        .lead(draft.id)
        .await?
        .ok_or(AppError::Internal)?;
    crate::api::context::announce(&state, crate::sync::live::LiveEventKind::Work, owner).await;
    Ok(lead)
}

/// Deletes a lead (kept as a tombstone so other devices learn of it).
#[server(endpoint = "leads/delete", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn delete_lead(id: LeadId) -> Result<(), AppError> {
    use crate::api::context::{actor, signed_in};
    let (state, profile) = signed_in().await?;
    let mut transaction = state.store.write().await?;
    crate::store::checked::delete_lead(&mut transaction, &actor(&profile), id, chrono::Utc::now())
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

/// Merges the duplicate `merged` into `survivor` (the same customer entered
/// twice): the survivor takes what it lacks, the other's activities and
/// history move to it, and the other is removed everywhere on the next
/// sync. The caller must be allowed to write both.
#[server(endpoint = "leads/merge", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn merge_leads(survivor: LeadId, merged: LeadId) -> Result<Lead, AppError> {
    use crate::api::context::{actor, announce, signed_in};
    use crate::sync::live::LiveEventKind;
    let (state, profile) = signed_in().await?;
    let merged_owner = state.store.lead(merged).await?.map(|(_, owner)| owner);
    let mut transaction = state.store.write().await?;
    crate::store::lead_merge::merge_leads(
        &mut transaction,
        &actor(&profile),
        survivor,
        merged,
        chrono::Utc::now(),
    )
    .await?;
    transaction.commit().await?;
    let (lead, owner) = state
        .store
        .lead(survivor)
        .await?
        .ok_or(AppError::Internal)?;
    announce(&state, LiveEventKind::Work, owner).await;
    if let Some(merged_owner) = merged_owner.filter(|other| other.user_id != owner.user_id) {
        announce(&state, LiveEventKind::Work, merged_owner).await;
    }
    Ok(lead)
}

/// A lead's change history (including values overwritten by sync conflicts),
/// if the signed-in person may see the lead.
#[server(endpoint = "leads/history", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn lead_history(id: LeadId) -> Result<Vec<crate::domain::lead::LeadChange>, AppError> {
    use crate::api::context::{actor, signed_in};
    let (state, profile) = signed_in().await?;
    let (_, owner) = state.store.lead(id).await?.ok_or(AppError::NotFound)?;
    if !actor(&profile).can_read(&owner) {
        return Err(AppError::Forbidden);
    }
    Ok(state.store.lead_history(id).await?)
}

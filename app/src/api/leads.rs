//! Leads: list, read, create or update, delete.

use crate::domain::{Lead, LeadDraft, LeadId};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// The leads the signed-in person may see: their own, or their team's.
#[server(endpoint = "leads/list", input = Json)]
pub async fn list_leads() -> Result<Vec<Lead>, AppError> {
    use crate::api::context::{actor, signed_in};
    let (state, profile) = signed_in().await?;
    Ok(state.store.list_leads(actor(&profile).read_scope()).await?)
}

/// One lead, if the signed-in person may see it.
#[server(endpoint = "leads/get", input = Json)]
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
#[server(endpoint = "leads/save", input = Json)]
pub async fn save_lead(draft: LeadDraft) -> Result<Lead, AppError> {
    use crate::api::context::{actor, signed_in};
    use crate::domain::lead::closed_at_after;
    use crate::domain::validation::{FieldErrors, FieldProblem};

    let (state, profile) = signed_in().await?;
    let actor = actor(&profile);
    let existing = state.store.lead(draft.id).await?;
    if let Some((lead, owner)) = &existing {
        if !actor.can_write(owner) {
            return Err(AppError::Forbidden);
        }
        if lead.deleted {
            return Err(AppError::NotFound);
        }
    }
    let mut valid = draft.validate()?;
    let owner_id = valid
        .owner_id
        .or(existing.as_ref().map(|(lead, _)| lead.owner_id))
        .unwrap_or(profile.id);
    let new_owner = state.store.owner(owner_id).await?;
    if !new_owner.is_some_and(|owner| actor.can_write(&owner)) {
        let mut errors = FieldErrors::default();
        errors.add("owner_id", FieldProblem::NotAllowed);
        return Err(AppError::Invalid(errors));
    }
    valid.owner_id = Some(owner_id);
    let now = chrono::Utc::now();
    let previous = existing
        .as_ref()
        .map(|(lead, _)| (lead.stage, lead.closed_at));
    let closed_at = closed_at_after(previous, valid.stage, now);
    state
        .store
        .save_lead(&valid, owner_id, closed_at, now)
        .await?;
    state
        .store
        .lead(valid.id)
        .await?
        .map(|(lead, _)| lead)
        .ok_or(AppError::Internal)
}

/// Deletes a lead (kept as a tombstone so other devices learn of it).
#[server(endpoint = "leads/delete", input = Json)]
pub async fn delete_lead(id: LeadId) -> Result<(), AppError> {
    use crate::api::context::{actor, signed_in};
    let (state, profile) = signed_in().await?;
    let (lead, owner) = state.store.lead(id).await?.ok_or(AppError::NotFound)?;
    if !actor(&profile).can_write(&owner) {
        return Err(AppError::Forbidden);
    }
    if !lead.deleted {
        state.store.delete_lead(id, chrono::Utc::now()).await?;
    }
    Ok(())
}

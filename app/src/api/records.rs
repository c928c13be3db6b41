//! Manager's records: only a team's manager (or an admin) reads or writes them.

use crate::domain::{ManagerRecord, RecordDraft, RecordId};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(endpoint = "records/list", input = Json)]
pub async fn list_records() -> Result<Vec<ManagerRecord>, AppError> {
    use crate::api::context::{actor, signed_in};
    let (state, profile) = signed_in().await?;
    let teams = actor(&profile).managed_teams().filter();
    Ok(state
        .store
        .list_records(teams.ok_or(AppError::Forbidden)?)
        .await?)
}

#[server(endpoint = "records/get", input = Json)]
pub async fn get_record(id: RecordId) -> Result<ManagerRecord, AppError> {
    use crate::api::context::{actor, signed_in};
    let (state, profile) = signed_in().await?;
    let record = state.store.record(id).await?.ok_or(AppError::NotFound)?;
    if !actor(&profile).can_manage_team(record.team_id) {
        return Err(AppError::Forbidden);
    }
    if record.deleted {
        return Err(AppError::NotFound);
    }
    Ok(record)
}

/// Creates a record for the manager's team, or updates one they manage.
#[server(endpoint = "records/save", input = Json)]
pub async fn save_record(draft: RecordDraft) -> Result<ManagerRecord, AppError> {
    use crate::api::context::{actor, signed_in};
    let (state, profile) = signed_in().await?;
    let actor = actor(&profile);
    let existing = state.store.record(draft.id).await?;
    let (team_id, owner_id) = match &existing {
        Some(record) if record.deleted => return Err(AppError::NotFound),
        Some(record) => (record.team_id, record.owner_id),
        None => (profile.team_id.ok_or(AppError::Forbidden)?, profile.id),
    };
    if !actor.can_manage_team(team_id) {
        return Err(AppError::Forbidden);
    }
    let valid = draft.validate()?;
    if let Some(person) = valid.person_id {
        let person_team = state
            .store
            .owner(person)
            .await?
            .and_then(|owner| owner.team_id);
        if person_team != Some(team_id) {
            let mut errors = crate::domain::validation::FieldErrors::default();
            errors.add(
                "person_id",
                crate::domain::validation::FieldProblem::NotAllowed,
            );
            return Err(AppError::Invalid(errors));
        }
    }
    state
        .store
        .save_record(&valid, team_id, owner_id, chrono::Utc::now())
        .await?;
    state
        .store
        .record(valid.id)
        .await?
        .ok_or(AppError::Internal)
}

#[server(endpoint = "records/delete", input = Json)]
pub async fn delete_record(id: RecordId) -> Result<(), AppError> {
    use crate::api::context::{actor, signed_in};
    let (state, profile) = signed_in().await?;
    let record = state.store.record(id).await?.ok_or(AppError::NotFound)?;
    if !actor(&profile).can_manage_team(record.team_id) {
        return Err(AppError::Forbidden);
    }
    if !record.deleted {
        state.store.delete_record(id, chrono::Utc::now()).await?;
    }
    Ok(())
}

//! Manager's records: only a team's manager (or an admin) reads or writes them.

use crate::domain::{ManagerRecord, RecordDraft, RecordId};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(endpoint = "records/list", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn list_records() -> Result<Vec<ManagerRecord>, AppError> {
    use crate::api::context::signed_in;
    let (state, profile) = signed_in().await?;
    records_of(&state, &profile).await
}

/// The records of the teams `profile` manages; also drawn by the server
/// into a manager's first visit to `/records` (`server::first_screen`).
#[cfg(feature = "ssr")]
pub async fn records_of(
    state: &crate::api::context::ServerState,
    profile: &crate::domain::UserProfile,
) -> Result<Vec<ManagerRecord>, AppError> {
    let teams = crate::api::context::actor(profile).managed_teams().filter();
    Ok(state
        .store
        .list_records(teams.ok_or(AppError::Forbidden)?)
        .await?)
}

#[server(endpoint = "records/get", input = Json, output = crate::sync::objects_only::ObjectsJson)]
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
#[server(endpoint = "records/save", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn save_record(draft: RecordDraft) -> Result<ManagerRecord, AppError> {
    use crate::api::context::{actor, signed_in};
    let (state, profile) = signed_in().await?;
    let mut transaction = state.store.write().await?;
    let record = crate::store::checked::save_record(
        &mut transaction,
        &actor(&profile),
        &draft,
        chrono::Utc::now(),
    )
    .await?;
    transaction.commit().await?;
    Ok(record)
}

#[server(endpoint = "records/delete", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn delete_record(id: RecordId) -> Result<(), AppError> {
    use crate::api::context::{actor, signed_in};
    let (state, profile) = signed_in().await?;
    let mut transaction = state.store.write().await?;
    crate::store::checked::delete_record(
        &mut transaction,
        &actor(&profile),
        id,
        chrono::Utc::now(),
    )
    .await?;
    transaction.commit().await?;
    Ok(())
}

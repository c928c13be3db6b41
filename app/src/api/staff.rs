//! Staff records: a person's start day and their manager's notes, with the
//! role history kept by the audit history. Read and written by the
//! person's manager or an admin; a rep (even about themselves) and other
//! teams' managers are refused.

use crate::domain::UserId;
use crate::domain::staff::{StaffDraft, StaffRecord};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(endpoint = "people/staff/read", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn read_staff_record(person_id: UserId) -> Result<StaffRecord, AppError> {
    let (state, _, team_id) = crate::api::availability::server::managed_person(person_id).await?;
    let mut record = state.store.staff_record(person_id).await?;
    record.today = Some(
        state
            .store
            .team_zone(team_id)
            .await?
            .local_day(chrono::Utc::now()),
    );
    Ok(record)
}

#[server(endpoint = "people/staff/save", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn save_staff_record(
    person_id: UserId,
    draft: StaffDraft,
) -> Result<StaffRecord, AppError> {
    let (state, _, team_id) = crate::api::availability::server::managed_person(person_id).await?;
    let now = chrono::Utc::now();
    let today = state.store.team_zone(team_id).await?.local_day(now);
    let staff = draft.validate(today)?;
    state
        .store
        .save_staff_record(person_id, &staff, now)
        .await?;
    let mut record = state.store.staff_record(person_id).await?;
    record.today = Some(today);
    Ok(record)
}

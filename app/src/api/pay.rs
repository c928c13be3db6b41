//! Compensation plans, the commission report and kudos. A team's manager
//! (or an admin) sets the plan and reads the report; everyone on the team
//! reads the plan (it syncs to their devices) and may thank a teammate.

use crate::domain::PlanId;
use crate::domain::compensation::{CommissionLine, CompensationPlan, PlanDraft};
use crate::domain::recognition::{Kudos, KudosDraft};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Creates or changes the caller's team's plan. Reps are refused before
/// anything is written.
#[server(endpoint = "pay/save_plan", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn save_plan(draft: PlanDraft) -> Result<CompensationPlan, AppError> {
    use crate::api::context::{actor, signed_in};
    let (state, profile) = signed_in().await?;
    let mut transaction = state.store.write().await?;
    let plan = crate::store::checked::save_plan(
        &mut transaction,
        &actor(&profile),
        &draft,
        chrono::Utc::now(),
    )
    .await?;
    transaction.commit().await?;
    Ok(plan)
}

#[server(endpoint = "pay/delete_plan", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn delete_plan(id: PlanId) -> Result<(), AppError> {
    use crate::api::context::{actor, signed_in};
    let (state, profile) = signed_in().await?;
    let mut transaction = state.store.write().await?;
    crate::store::checked::delete_plan(&mut transaction, &actor(&profile), id, chrono::Utc::now())
        .await?;
    transaction.commit().await?;
    Ok(())
}

/// Commission and bonuses per rep of the caller's team over a period, from
/// the canonical data. Managers and admins only (an admin names the team).
#[server(endpoint = "pay/commission_report", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn commission_report(
    team_id: Option<crate::domain::TeamId>,
    period_start: String,
    period_end: String,
) -> Result<Vec<CommissionLine>, AppError> {
    use crate::api::context::{actor, signed_in};
    use crate::domain::validation::{FieldErrors, required_period};
    let (state, profile) = signed_in().await?;
    let actor = actor(&profile);
    let team_id = actor.team_in_view(team_id).ok_or(AppError::Forbidden)?;
    if !actor.can_manage_team(team_id) {
        return Err(AppError::Forbidden);
    }
    let mut errors = FieldErrors::default();
    let Some(period) = required_period(&mut errors, &period_start, &period_end) else {
        return Err(AppError::Invalid(errors));
    };
    let zone = state.store.team_zone(Some(team_id)).await?;
    Ok(state
        .store
        .commission_report(team_id, period, &zone)
        .await?)
}

/// Thanks a teammate on the team feed. The recipient must be an active
/// member of the sender's team; a retried post (same id) is stored once.
#[server(endpoint = "kudos/give", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn give_kudos(draft: KudosDraft) -> Result<Kudos, AppError> {
    use crate::api::context::{actor, signed_in};
    let (state, profile) = signed_in().await?;
    let mut transaction = state.store.write().await?;
    let kudos = crate::store::checked::give_kudos(
        &mut transaction,
        &actor(&profile),
        &draft,
        chrono::Utc::now(),
    )
    .await?;
    transaction.commit().await?;
    Ok(kudos)
}

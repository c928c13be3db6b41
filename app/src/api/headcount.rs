//! Headcount plans: the team's manager (or an admin, for any team) plans
//! how many reps the team should have per period and sees the gap to the
//! reps it has now; reps and other teams' managers are refused.

use crate::domain::TeamId;
use crate::domain::headcount::{HeadcountDraft, HeadcountPlan};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// The team's plans beside its reps now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeadcountView {
    pub team_id: TeamId,
    pub reps_now: u64,
    pub plans: Vec<HeadcountPlan>,
}

#[server(endpoint = "headcount/list", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn list_headcount(team_id: Option<TeamId>) -> Result<HeadcountView, AppError> {
    let (state, _, team_id) = crate::api::invites::server::invites_team(team_id).await?;
    Ok(HeadcountView {
        team_id,
        reps_now: state.store.active_reps(team_id).await?,
        plans: state.store.headcount_plans(team_id).await?,
    })
}

#[server(endpoint = "headcount/add", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn add_headcount(
    team_id: Option<TeamId>,
    draft: HeadcountDraft,
) -> Result<HeadcountView, AppError> {
    let (state, profile, team_id) = crate::api::invites::server::invites_team(team_id).await?;
    let plan = draft.validate()?;
    state
        .store
        .add_headcount_plan(team_id, &plan, profile.id, chrono::Utc::now())
        .await?;
    Ok(HeadcountView {
        team_id,
        reps_now: state.store.active_reps(team_id).await?,
        plans: state.store.headcount_plans(team_id).await?,
    })
}

#[server(endpoint = "headcount/delete", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn delete_headcount(team_id: Option<TeamId>, id: uuid::Uuid) -> Result<(), AppError> {
    let (state, _, team_id) = crate::api::invites::server::invites_team(team_id).await?;
    if state.store.delete_headcount_plan(team_id, id).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

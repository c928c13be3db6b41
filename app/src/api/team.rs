//! The signed-in person's team, for choosing whom a lead or goal is for.

use crate::domain::TeamMember;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Members of the caller's team; a rep gets only themselves.
#[server(endpoint = "team/members", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn team_members() -> Result<Vec<TeamMember>, AppError> {
    use crate::api::context::signed_in;
    use crate::domain::Role;
    let (state, profile) = signed_in().await?;
    match (profile.role, profile.team_id) {
        (Role::Manager | Role::Admin, Some(team_id)) => {
            Ok(state.store.team_members(team_id).await?)
        }
        _ => Ok(vec![TeamMember {
            id: profile.id,
            display_name: profile.display_name,
            role: profile.role,
        }]),
    }
}

/// Everyone active on the caller's team (names only), for thanking a
/// teammate: a rep may name their teammates, not assign them work.
#[server(endpoint = "team/teammates", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn teammates() -> Result<Vec<TeamMember>, AppError> {
    use crate::api::context::signed_in;
    let (state, profile) = signed_in().await?;
    match profile.team_id {
        Some(team_id) => Ok(state.store.team_members(team_id).await?),
        None => Ok(Vec::new()),
    }
}

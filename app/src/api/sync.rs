//! Push and pull: the two endpoints an offline client syncs through. Their
//! paths and shapes are frozen (see `sync::protocol`); a client on another
//! protocol version is told to reload, and its outbox is kept.

use crate::error::AppError;
use crate::sync::protocol::{
    ConflictNotice, ConflictsRequest, PullRequest, PullResponse, PushRequest, PushResponse,
};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(endpoint = "sync/push", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn push(request: PushRequest) -> Result<PushResponse, AppError> {
    use crate::api::context::{actor, signed_in};
    use crate::sync::protocol::{MAX_BATCH, PROTOCOL_VERSION};
    if !crate::sync::protocol::protocol_supported(request.protocol_version) {
        return Err(AppError::UnsupportedProtocol {
            server_version: PROTOCOL_VERSION,
        });
    }
    let (state, profile) = signed_in().await?;
    if request.mutations.len() > MAX_BATCH
        || request
            .mutations
            .iter()
            .any(|mutation| mutation.operation.since_version() > request.protocol_version)
    {
        return Err(AppError::BadRequest);
    }
    let answer = state
        .store
        .apply_push(&actor(&profile), request.client_id, &request.mutations)
        .await?;
    if !request.mutations.is_empty() {
        crate::api::context::announce(
            &state,
            crate::sync::live::LiveEventKind::Work,
            crate::api::context::owner_of(&profile),
        )
        .await;
    }
    Ok(answer)
}

#[server(endpoint = "sync/pull", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn pull(request: PullRequest) -> Result<PullResponse, AppError> {
    use crate::api::context::{actor, signed_in};
    use crate::sync::protocol::{MAX_BATCH, PROTOCOL_VERSION};
    if !crate::sync::protocol::protocol_supported(request.protocol_version) {
        return Err(AppError::UnsupportedProtocol {
            server_version: PROTOCOL_VERSION,
        });
    }
    let (state, profile) = signed_in().await?;
    let limit = usize::try_from(request.limit)
        .unwrap_or(MAX_BATCH)
        .clamp(1, MAX_BATCH);
    let mut page = state
        .store
        .pull(
            &actor(&profile),
            request.client_id,
            request.cursor,
            request.scope,
            limit,
        )
        .await?;
    page.changes
        .retain(|change| change.known_to(request.protocol_version));
    Ok(page)
}

/// This person's values that someone else's later change replaced, so the
/// device can show both and offer a restore.
#[server(endpoint = "sync/conflicts", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn conflicts(request: ConflictsRequest) -> Result<Vec<ConflictNotice>, AppError> {
    use crate::api::context::{actor, signed_in};
    use crate::sync::protocol::PROTOCOL_VERSION;
    if !crate::sync::protocol::protocol_supported(request.protocol_version) {
        return Err(AppError::UnsupportedProtocol {
            server_version: PROTOCOL_VERSION,
        });
    }
    let (state, profile) = signed_in().await?;
    Ok(state
        .store
        .conflicts_for(&actor(&profile), request.after_version)
        .await?)
}

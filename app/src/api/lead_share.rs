//! Sharing leads already in Pishro (managers): the open leads a filter
//! shows, or every open lead of a rep who left, handed to one rep or shared
//! among the team's reps by the same rules as an import. Each move goes
//! through the checked reassignment (the previous owner's devices drop the
//! lead) and is logged on the lead's timeline.

use super::lead_import::ImportOwners;
use crate::domain::UserId;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// Which existing leads to share out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "which", rename_all = "snake_case")]
pub enum LeadsToShare {
    /// These leads (e.g. what the manager's filter shows); closed ones are left as they are.
    Chosen { ids: Vec<crate::domain::LeadId> },
    /// Every open lead of this member of the team (a rep who left).
    OpenLeadsOf { user_id: UserId },
}

/// The most leads one share action moves.
pub const MAX_SHARED_LEADS: usize = 10_000;

/// What sharing did: how many leads changed hands, and to whom.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareOutcome {
    pub assigned: usize,
    pub per_rep: Vec<(String, usize)>,
}

/// The reps of the manager's team who can receive leads, with their open leads.
#[server(endpoint = "leads/reps", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn team_reps() -> Result<Vec<crate::domain::distribution::RepLoad>, AppError> {
    use crate::api::context::{managed_team, signed_in};
    let (state, profile) = signed_in().await?;
    let team_id = managed_team(&profile)?;
    Ok(state.store.rep_loads(team_id).await?)
}

/// Hands existing open leads of the manager's team to one rep, or shares
/// them among the chosen reps by a rule; each move is logged and the
/// previous owner's devices drop the lead on their next pull. Every lead
/// and rep is checked before the first write.
#[server(endpoint = "leads/share", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn share_leads(
    leads: LeadsToShare,
    owners: ImportOwners,
) -> Result<ShareOutcome, AppError> {
    use crate::api::context::{managed_team, signed_in};
    use crate::domain::validation::{FieldErrors, FieldProblem};
    use crate::store::lead_import::{
        Assignment, Move, is_team_member_in, last_round_robin_turn_in, log_assignments_in,
        open_team_leads_in, reassign_team_leads_in, rep_loads_in,
    };
    let (state, profile) = signed_in().await?;
    let team_id = managed_team(&profile)?;
    let refuse = |field: &str, problem: FieldProblem| {
        let mut errors = FieldErrors::default();
        errors.add(field, problem);
        AppError::Invalid(errors)
    };
    let now = chrono::Utc::now();
    let mut transaction = state.store.write().await?;
    let found = match &leads {
        LeadsToShare::Chosen { ids } => {
            if ids.len() > MAX_SHARED_LEADS {
                return Err(refuse(
                    "leads",
                    FieldProblem::TooMany {
                        max: MAX_SHARED_LEADS,
                    },
                ));
            }
            open_team_leads_in(&mut transaction, team_id, Some(ids), None).await?
        }
        LeadsToShare::OpenLeadsOf { user_id } => {
            if !is_team_member_in(&mut transaction, team_id, *user_id).await? {
                return Err(AppError::Forbidden);
            }
            open_team_leads_in(&mut transaction, team_id, None, Some(*user_id)).await?
        }
    };
    let Some(found) = found else {
        return Err(AppError::Forbidden);
    };
    // Each lead once, however often its id was sent.
    let mut seen = std::collections::HashSet::new();
    let open: Vec<_> = found
        .into_iter()
        .filter(|(lead, _)| !lead.stage.is_closed() && seen.insert(lead.id))
        .collect();
    if open.len() > MAX_SHARED_LEADS {
        return Err(refuse(
            "leads",
            FieldProblem::TooMany {
                max: MAX_SHARED_LEADS,
            },
        ));
    }
    let reps = rep_loads_in(&mut transaction, team_id).await?;
    let last_turn = last_round_robin_turn_in(&mut transaction, team_id).await?;
    let owned = crate::api::lead_import::server::owners_for(&owners, &reps, open.len(), last_turn)?;
    let mut log = Vec::with_capacity(open.len());
    let mut moves = Vec::with_capacity(open.len());
    let mut touched = Vec::new();
    for ((lead, _), (to_user, rule)) in open.into_iter().zip(owned.iter().copied()) {
        if lead.owner_id == to_user {
            continue;
        }
        log.push(Assignment {
            lead_id: lead.id,
            from_user: Some(lead.owner_id),
            to_user,
            rule,
        });
        moves.push(Move {
            lead_id: lead.id,
            from_user: lead.owner_id,
            to_user,
        });
        touched.push(lead.owner_id);
        touched.push(to_user);
    }
    // Every lead is an open lead of the team (read above with the team's
    // filter) and every new owner one of its reps (`owners_for`): the
    // manager may write them all, so they move together.
    reassign_team_leads_in(&mut transaction, &moves, now).await?;
    log_assignments_in(&mut transaction, team_id, &log, profile.id, now).await?;
    transaction.commit().await?;
    crate::api::lead_import::server::announce_work(&state, team_id, touched).await;
    Ok(ShareOutcome {
        assigned: log.len(),
        per_rep: crate::api::lead_import::server::per_rep(
            &reps,
            log.iter().map(|moved| moved.to_user),
        ),
    })
}

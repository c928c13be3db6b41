//! A manager runs their own team's people: who is away and when, how many
//! open leads each rep can carry, and who may sign in. A manager reaches the
//! reps of their own team only; an admin anyone's. Every call checks the
//! caller's right to the person before it reads or writes.

use crate::domain::availability::{AbsenceDraft, TeamRep, TeamRepsView};
use crate::domain::{AbsenceId, TeamId, UserId};
use crate::error::AppError;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// One person's availability, for their page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepAvailabilityView {
    pub rep: TeamRep,
    /// Their team's today, which "away" is judged on.
    #[serde(with = "crate::domain::wire_time::day")]
    pub today: NaiveDate,
}

/// The reps of the manager's team (an admin: the team named, else their
/// own, else the first) with their load, capacity and absences.
#[server(endpoint = "people/team", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn team_people(team_id: Option<TeamId>) -> Result<TeamRepsView, AppError> {
    use crate::api::context::{ReportSubject, actor, report_subject, signed_in};
    let (state, profile) = signed_in().await?;
    let ReportSubject {
        team, zone, teams, ..
    } = report_subject(&state, &profile, team_id).await?;
    let Some((team_id, team_name)) = team else {
        return Err(AppError::NotFound);
    };
    if !actor(&profile).can_manage_team(team_id) {
        return Err(AppError::Forbidden);
    }
    let today = zone.local_day(chrono::Utc::now());
    Ok(TeamRepsView {
        team_id: Some(team_id),
        team_name,
        today,
        reps: state.store.team_reps(team_id, today).await?,
        teams,
    })
}

/// One person's availability: refused unless the caller manages them.
#[server(endpoint = "people/availability", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn person_availability(user_id: UserId) -> Result<RepAvailabilityView, AppError> {
    let (state, _, team_id) = server::managed_person(user_id).await?;
    let today = state
        .store
        .team_zone(team_id)
        .await?
        .local_day(chrono::Utc::now());
    let rep = state
        .store
        .team_rep(user_id, today)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(RepAvailabilityView { rep, today })
}

/// Sets how many open leads a rep can carry; empty text: the usual.
#[server(endpoint = "people/capacity", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn save_lead_capacity(user_id: UserId, capacity: String) -> Result<(), AppError> {
    use crate::domain::availability::parse_capacity;
    use crate::domain::validation::FieldErrors;
    let (state, _, _) = server::managed_person(user_id).await?;
    let capacity = parse_capacity(&capacity).map_err(|problem| {
        let mut errors = FieldErrors::default();
        errors.add("capacity", problem);
        AppError::Invalid(errors)
    })?;
    Ok(state.store.set_lead_capacity(user_id, capacity).await?)
}

/// Marks days a rep is away; leads shared on those days skip them.
#[server(endpoint = "people/absences/add", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn add_absence(draft: AbsenceDraft) -> Result<(), AppError> {
    let (state, profile, _) = server::managed_person(draft.user_id).await?;
    let absence = draft.validate()?;
    state
        .store
        .add_absence(&absence, profile.id, chrono::Utc::now())
        .await?;
    Ok(())
}

/// Takes an absence off (the rep came back early, or it was a mistake).
#[server(endpoint = "people/absences/remove", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn remove_absence(absence_id: AbsenceId) -> Result<(), AppError> {
    let state = crate::api::context::state()?;
    let user_id = state
        .store
        .absence_person(absence_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (state, _, _) = server::managed_person(user_id).await?;
    state.store.remove_absence(absence_id).await?;
    Ok(())
}

/// Stops a person signing in (their sessions end at once; their leads and
/// work stay and can be shared out) or lets them back in.
#[server(endpoint = "people/active", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn set_person_active(user_id: UserId, active: bool) -> Result<(), AppError> {
    use crate::domain::validation::{FieldErrors, FieldProblem};
    let (state, profile, _) = server::managed_person(user_id).await?;
    if profile.id == user_id && !active {
        // Nobody locks themselves out.
        let mut errors = FieldErrors::default();
        errors.add("active", FieldProblem::NotAllowed);
        return Err(AppError::Invalid(errors));
    }
    state.store.set_active(user_id, active).await?;
    Ok(())
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use crate::api::context::{ServerState, actor, signed_in};
    use crate::domain::{TeamId, UserId, UserProfile};
    use crate::error::AppError;

    /// The signed-in caller's state and the person's team, when the caller
    /// manages that person; `Forbidden` otherwise (unknown ids too, so ids
    /// cannot be probed).
    pub async fn managed_person(
        user_id: UserId,
    ) -> Result<(ServerState, UserProfile, Option<TeamId>), AppError> {
        let (state, profile) = signed_in().await?;
        let standing = state
            .store
            .person_standing(user_id)
            .await?
            .ok_or(AppError::Forbidden)?;
        if !actor(&profile).can_manage_person(standing.team_id, standing.role) {
            return Err(AppError::Forbidden);
        }
        Ok((state, profile, standing.team_id))
    }
}

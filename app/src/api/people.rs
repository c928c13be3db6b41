//! People and teams: only an admin lists, creates or changes them.

use crate::domain::{Person, PersonDraft, Team, TeamDraft};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(endpoint = "people/list", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn list_people() -> Result<Vec<Person>, AppError> {
    let (state, _) = crate::api::context::signed_in_admin().await?;
    Ok(state.store.list_people().await?)
}

#[server(endpoint = "teams/list", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn list_teams() -> Result<Vec<Team>, AppError> {
    let (state, _) = crate::api::context::signed_in_admin().await?;
    Ok(state.store.list_teams().await?)
}

/// Creates or updates an account; the password is hashed with argon2id.
#[server(endpoint = "people/save", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn save_person(draft: PersonDraft) -> Result<Person, AppError> {
    use crate::domain::validation::{FieldErrors, FieldProblem};
    let (state, admin) = crate::api::context::signed_in_admin().await?;
    let is_new = !state.store.user_exists(draft.id).await?;
    let person = draft.validate(is_new)?;
    let mut errors = FieldErrors::default();
    if state.store.email_taken(&person.email, person.id).await? {
        errors.add("email", FieldProblem::EmailTaken);
    }
    if let Some(team_id) = person.team_id
        && state.store.team_name(team_id).await?.is_none()
    {
        errors.add("team_id", FieldProblem::UnknownChoice);
    }
    if person.id == admin.id && (!person.active || person.role != crate::domain::Role::Admin) {
        // An admin cannot lock themselves out.
        errors.add("role", FieldProblem::NotAllowed);
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let password_hash = match person.password.clone() {
        Some(password) => Some(
            crate::auth::on_hashing_thread(move || crate::auth::hash_password(&password))
                .await
                .ok_or(AppError::Internal)?
                .map_err(|error| {
                    tracing::error!(%error, "could not hash a password");
                    AppError::Internal
                })?,
        ),
        None => None,
    };
    // A new password ends the person's other sessions; an admin changing
    // their own keeps the session they are using.
    let own_session = (person.id == admin.id)
        .then(crate::api::context::session_token)
        .flatten()
        .map(|token| crate::auth::token_hash(&token));
    state
        .store
        .save_person(&person, password_hash.as_deref(), own_session.as_deref())
        .await?;
    let people = state.store.list_people().await?;
    people
        .into_iter()
        .find(|saved| saved.id == person.id)
        .ok_or(AppError::Internal)
}

/// Creates or renames a team and sets its manager (who must be a manager).
#[server(endpoint = "teams/save", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn save_team(draft: TeamDraft) -> Result<Team, AppError> {
    use crate::domain::validation::{FieldErrors, FieldProblem};
    let (state, _) = crate::api::context::signed_in_admin().await?;
    let team = draft.validate()?;
    if let Some(zone) = &team.time_zone
        && crate::store::zone_offsets_of(zone).is_none()
    {
        let mut errors = FieldErrors::default();
        errors.add("time_zone", FieldProblem::UnknownChoice);
        return Err(AppError::Invalid(errors));
    }
    if let Some(manager_id) = team.manager_id {
        let people = state.store.list_people().await?;
        if !people
            .iter()
            .any(|person| person.id == manager_id && person.role == crate::domain::Role::Manager)
        {
            let mut errors = FieldErrors::default();
            errors.add("manager_id", FieldProblem::NotAllowed);
            return Err(AppError::Invalid(errors));
        }
    }
    state.store.save_team(&team).await?;
    let teams = state.store.list_teams().await?;
    teams
        .into_iter()
        .find(|saved| saved.id == team.id)
        .ok_or(AppError::Internal)
}

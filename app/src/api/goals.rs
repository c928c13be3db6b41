//! Goals: everyone reads the goals that concern them; only the team's
//! manager (or an admin) creates, changes or deletes them.

use crate::domain::{Goal, GoalDraft, GoalId};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(endpoint = "goals/list", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn list_goals() -> Result<Vec<Goal>, AppError> {
    use crate::api::context::{actor, signed_in};
    let (state, profile) = signed_in().await?;
    let actor = actor(&profile);
    let Some(team_filter) = actor.member_teams().filter() else {
        return Ok(Vec::new());
    };
    let goals = state.store.list_goals(team_filter).await?;
    Ok(goals
        .into_iter()
        .filter(|goal| actor.can_read_goal(goal.team_id, goal.scope, goal.subject_id))
        .collect())
}

#[server(endpoint = "goals/get", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn get_goal(id: GoalId) -> Result<Goal, AppError> {
    use crate::api::context::{actor, signed_in};
    let (state, profile) = signed_in().await?;
    let goal = state.store.goal(id).await?.ok_or(AppError::NotFound)?;
    if !actor(&profile).can_read_goal(goal.team_id, goal.scope, goal.subject_id) {
        return Err(AppError::Forbidden);
    }
    if goal.deleted {
        return Err(AppError::NotFound);
    }
    Ok(goal)
}

/// Creates or updates a goal. The subject (a rep or a team) must be in a
/// team the caller manages.
#[server(endpoint = "goals/save", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn save_goal(draft: GoalDraft) -> Result<Goal, AppError> {
    use crate::api::context::{actor, signed_in};
    let (state, profile) = signed_in().await?;
    let mut transaction = state.store.write().await?;
    let goal = crate::store::checked::save_goal(
        &mut transaction,
        &actor(&profile),
        &draft,
        chrono::Utc::now(),
    )
    .await?;
    transaction.commit().await?;
    crate::api::context::announce(
        &state,
        crate::sync::live::LiveEventKind::Settings,
        crate::domain::access::Owner {
            user_id: profile.id,
            team_id: Some(goal.team_id),
        },
    )
    .await;
    Ok(goal)
}

#[server(endpoint = "goals/delete", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn delete_goal(id: GoalId) -> Result<(), AppError> {
    use crate::api::context::{actor, signed_in};
    let (state, profile) = signed_in().await?;
    let mut transaction = state.store.write().await?;
    crate::store::checked::delete_goal(&mut transaction, &actor(&profile), id, chrono::Utc::now())
        .await?;
    transaction.commit().await?;
    Ok(())
}

/// Where every goal the caller may read stands on `day` (the caller's
/// today, so the period edges match their calendar day), from the canonical
/// data: a rep's goal counts only their records, a team goal its reps'.
/// Goals whose period contains `day` only.
#[server(endpoint = "goals/standings", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn goal_standings(
    day: chrono::NaiveDate,
) -> Result<Vec<crate::domain::progress::GoalStanding>, AppError> {
    let (state, profile) = crate::api::context::signed_in().await?;
    goal_standings_of(&state, &profile, day).await
}

/// Where the goals `profile` may read stand on `day`; also drawn by the
/// server into a first screen (`server::first_screen`).
#[cfg(feature = "ssr")]
pub async fn goal_standings_of(
    state: &crate::api::context::ServerState,
    profile: &crate::domain::UserProfile,
    day: chrono::NaiveDate,
) -> Result<Vec<crate::domain::progress::GoalStanding>, AppError> {
    let actor = crate::api::context::actor(profile);
    let Some(team_filter) = actor.member_teams().filter() else {
        return Ok(Vec::new());
    };
    let goals: Vec<Goal> = state
        .store
        .list_goals(team_filter)
        .await?
        .into_iter()
        .filter(|goal| goal.period_start <= day && day <= goal.period_end)
        .filter(|goal| actor.can_read_goal(goal.team_id, goal.scope, goal.subject_id))
        .collect();
    Ok(state.store.goal_standings(&goals, day).await?)
}

/// Ranks the reps of the caller's own team (an admin names the team) on one
/// metric over one period: everyone on a team may read its leaderboard, and
/// no one another team's.
#[server(endpoint = "goals/leaderboard", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn leaderboard(
    team_id: Option<crate::domain::TeamId>,
    metric: String,
    currency: String,
    period_start: String,
    period_end: String,
) -> Result<Vec<crate::domain::progress::LeaderboardRow>, AppError> {
    use crate::api::context::signed_in;
    use crate::domain::GoalMetric;
    use crate::domain::money::parse_currency;
    use crate::domain::validation::{FieldErrors, choice, required_period};
    let (state, profile) = signed_in().await?;
    let Some(team_id) = crate::api::context::actor(&profile).team_in_view(team_id) else {
        return Ok(Vec::new());
    };
    let mut errors = FieldErrors::default();
    let metric = errors.check("metric", choice::<GoalMetric>(&metric));
    let currency = match metric {
        Some(metric) if metric.is_money() => errors
            .check("currency", parse_currency(&currency))
            .map(Some),
        _ => Some(None),
    };
    let period = required_period(&mut errors, &period_start, &period_end);
    let (Some(metric), Some(currency), Some(period)) = (metric, currency, period) else {
        return Err(AppError::Invalid(errors));
    };
    Ok(state
        .store
        .leaderboard(team_id, metric, currency, period)
        .await?)
}

/// Copies the goals of the period before `period_start..=period_end` into
/// that period (same subjects, metrics and targets), skipping any goal
/// already set there; answers how many were added. The caller's team only.
#[server(endpoint = "goals/copy_previous", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn copy_previous_goals(
    period_start: String,
    period_end: String,
) -> Result<usize, AppError> {
    use crate::api::context::{managed_team, signed_in};
    use crate::domain::validation::{FieldErrors, required_period};
    let (state, profile) = signed_in().await?;
    let team_id = managed_team(&profile)?;
    let mut errors = FieldErrors::default();
    let Some(period) = required_period(&mut errors, &period_start, &period_end) else {
        return Err(AppError::Invalid(errors));
    };
    let (start, end) = (period.start, period.end);
    let Some(previous) = crate::domain::period::previous_of(period) else {
        return Ok(0);
    };
    let copies: Vec<_> = state
        .store
        .list_goals(Some(team_id))
        .await?
        .into_iter()
        .filter(|goal| goal.period_start == previous.start && goal.period_end == previous.end)
        .map(|goal| crate::domain::goal::ValidGoal {
            id: GoalId::new(),
            scope: goal.scope,
            subject_id: goal.subject_id,
            metric: goal.metric,
            target: goal.target,
            currency: goal.currency,
            period_start: start,
            period_end: end,
        })
        .collect();
    Ok(state
        .store
        .save_goals_once(
            &copies,
            team_id,
            profile.id,
            crate::store::SameGoalSet::Keep,
            chrono::Utc::now(),
        )
        .await?)
}

/// Sets the same goal for every rep of the caller's team (one goal each,
/// counting only their own records); answers how many reps have it. All in
/// one transaction: a rep who already has that goal for the period gets the
/// new target, so a retried or repeated request never doubles a goal.
#[server(endpoint = "goals/save_for_every_rep", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn save_goal_for_every_rep(draft: GoalDraft) -> Result<usize, AppError> {
    use crate::api::context::{managed_team, signed_in};
    use crate::domain::{GoalScope, Role};
    let (state, profile) = signed_in().await?;
    let team_id = managed_team(&profile)?;
    // The subject is filled per rep; validate the rest with the team as a
    // stand-in subject.
    let template = GoalDraft {
        scope: "rep".into(),
        subject_id: team_id.to_string(),
        ..draft
    };
    let valid = template.validate()?;
    let reps: Vec<_> = state
        .store
        .team_members(team_id)
        .await?
        .into_iter()
        .filter(|member| member.role == Role::Rep)
        .collect();
    let goals: Vec<_> = reps
        .iter()
        .map(|rep| crate::domain::goal::ValidGoal {
            id: GoalId::new(),
            scope: GoalScope::Rep,
            subject_id: rep.id.0,
            ..valid.clone()
        })
        .collect();
    state
        .store
        .save_goals_once(
            &goals,
            team_id,
            profile.id,
            crate::store::SameGoalSet::TakeNewTarget,
            chrono::Utc::now(),
        )
        .await?;
    // Every rep now has the goal, whether it was added, changed or already so.
    Ok(reps.len())
}

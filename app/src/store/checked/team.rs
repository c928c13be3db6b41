//! Checked writes of a team's shared rows: goals, compensation plans,
//! manager's records and kudos. Each reads what it checks in the caller's
//! write transaction and writes there, so a row or a person that changes
//! team meanwhile cannot slip through.

use super::{WriteError, refuse_field};
use crate::domain::UserId;
use crate::domain::access::Actor;
use crate::domain::validation::FieldProblem;
use crate::error::AppError;
use crate::store::users::owner_in;
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

/// Thanks a teammate: the recipient must be an active member of the
/// sender's team, and not the sender. A retried post (same id) is stored
/// once; an id already used by someone else's kudos is refused.
pub async fn give_kudos(
    connection: &mut AnyConnection,
    actor: &Actor,
    draft: &crate::domain::recognition::KudosDraft,
    now: DateTime<Utc>,
) -> Result<crate::domain::recognition::Kudos, WriteError> {
    let Some(team_id) = actor.team_id else {
        return Err(WriteError::Refused(AppError::Forbidden));
    };
    let valid = draft.validate(actor.user_id)?;
    let recipient_team = owner_in(connection, valid.to_user_id)
        .await?
        .and_then(|owner| owner.team_id);
    if recipient_team != Some(team_id) {
        return Err(refuse_field("to_user_id", FieldProblem::NotAllowed));
    }
    let kudos = crate::store::pay::insert_kudos_in(connection, &valid, team_id, actor.user_id, now)
        .await?
        .ok_or(WriteError::Refused(AppError::Internal))?;
    if kudos.from_user_id != actor.user_id {
        return Err(WriteError::Refused(AppError::Forbidden));
    }
    Ok(kudos)
}

/// Sets a goal: only a manager of the goal's team (or an admin) may, for a
/// rep of that team or the team itself, and never change another team's
/// goal. The checks read the rows in the caller's write transaction, so a
/// goal or a rep that moves team meanwhile cannot slip through.
pub async fn save_goal(
    connection: &mut AnyConnection,
    actor: &Actor,
    draft: &crate::domain::GoalDraft,
    now: DateTime<Utc>,
) -> Result<crate::domain::Goal, WriteError> {
    use crate::domain::access::TeamScope;
    use crate::domain::{GoalScope, TeamId};
    if actor.managed_teams() == TeamScope::NoTeam {
        return Err(WriteError::Refused(AppError::Forbidden));
    }
    let existing = crate::store::goals::goal_in(connection, draft.id).await?;
    if let Some(goal) = &existing {
        if !actor.can_manage_team(goal.team_id) {
            return Err(WriteError::Refused(AppError::Forbidden));
        }
        if goal.deleted {
            return Err(WriteError::Refused(AppError::NotFound));
        }
    }
    let valid = draft.validate()?;
    let subject_team = match valid.scope {
        GoalScope::Rep => owner_in(connection, UserId(valid.subject_id))
            .await?
            .and_then(|owner| owner.team_id),
        GoalScope::Team => {
            let team_id = TeamId(valid.subject_id);
            crate::store::users::team_exists_in(connection, team_id)
                .await?
                .then_some(team_id)
        }
    };
    let team_id = match subject_team {
        Some(team_id) if actor.can_manage_team(team_id) => team_id,
        _ => return Err(refuse_field("subject_id", FieldProblem::NotAllowed)),
    };
    let created_by = existing
        .as_ref()
        .map_or(actor.user_id, |goal| goal.created_by);
    crate::store::goals::upsert_goal_in(connection, &valid, team_id, created_by, now).await?;
    crate::store::goals::goal_in(connection, valid.id)
        .await?
        .ok_or(WriteError::Refused(AppError::Internal))
}

/// Deletes a goal (a tombstone other devices learn of) if the actor
/// manages its team; deleting it again changes nothing.
pub async fn delete_goal(
    connection: &mut AnyConnection,
    actor: &Actor,
    id: crate::domain::GoalId,
    now: DateTime<Utc>,
) -> Result<crate::domain::Goal, WriteError> {
    let goal = crate::store::goals::goal_in(connection, id)
        .await?
        .ok_or(WriteError::Refused(AppError::NotFound))?;
    if !actor.can_manage_team(goal.team_id) {
        return Err(WriteError::Refused(AppError::Forbidden));
    }
    if !goal.deleted {
        crate::store::mark_deleted(
            connection,
            crate::store::SyncedTable::Goals,
            &id.to_string(),
            now,
        )
        .await?;
    }
    Ok(goal)
}

/// Keeps a manager's record: a new one belongs to the actor's team, an
/// existing one stays with its team and author; only a manager of that
/// team (or an admin) writes it, and the person it is about must be on
/// that team. Checked in the caller's write transaction, before writing.
pub async fn save_record(
    connection: &mut AnyConnection,
    actor: &Actor,
    draft: &crate::domain::RecordDraft,
    now: DateTime<Utc>,
) -> Result<crate::domain::ManagerRecord, WriteError> {
    let existing = crate::store::records::record_in(connection, draft.id).await?;
    let (team_id, owner_id) = match &existing {
        Some(record) => (record.team_id, record.owner_id),
        None => (
            actor
                .team_id
                .ok_or(WriteError::Refused(AppError::Forbidden))?,
            actor.user_id,
        ),
    };
    if !actor.can_manage_team(team_id) {
        return Err(WriteError::Refused(AppError::Forbidden));
    }
    if existing.as_ref().is_some_and(|record| record.deleted) {
        return Err(WriteError::Refused(AppError::NotFound));
    }
    let valid = draft.validate()?;
    if let Some(person) = valid.person_id {
        let person_team = owner_in(connection, person)
            .await?
            .and_then(|owner| owner.team_id);
        if person_team != Some(team_id) {
            return Err(refuse_field("person_id", FieldProblem::NotAllowed));
        }
    }
    crate::store::records::upsert_record_in(connection, &valid, team_id, owner_id, now).await?;
    crate::store::records::record_in(connection, valid.id)
        .await?
        .ok_or(WriteError::Refused(AppError::Internal))
}

/// Deletes a record (a tombstone) if the actor manages its team; deleting
/// it again changes nothing.
pub async fn delete_record(
    connection: &mut AnyConnection,
    actor: &Actor,
    id: crate::domain::RecordId,
    now: DateTime<Utc>,
) -> Result<(), WriteError> {
    let record = crate::store::records::record_in(connection, id)
        .await?
        .ok_or(WriteError::Refused(AppError::NotFound))?;
    if !actor.can_manage_team(record.team_id) {
        return Err(WriteError::Refused(AppError::Forbidden));
    }
    if !record.deleted {
        crate::store::mark_deleted(
            connection,
            crate::store::SyncedTable::Records,
            &id.to_string(),
            now,
        )
        .await?;
    }
    Ok(())
}

/// Sets a team's compensation plan: a new plan belongs to the actor's own
/// team, which they must manage; an existing one only to a manager of its
/// team (an admin too). Checked in the caller's write transaction.
pub async fn save_plan(
    connection: &mut AnyConnection,
    actor: &Actor,
    draft: &crate::domain::compensation::PlanDraft,
    now: DateTime<Utc>,
) -> Result<crate::domain::compensation::CompensationPlan, WriteError> {
    let existing = crate::store::pay::plan_in(connection, draft.id).await?;
    let team_id = match &existing {
        Some(plan) => plan.team_id,
        None => actor
            .team_id
            .ok_or(WriteError::Refused(AppError::Forbidden))?,
    };
    if !actor.can_manage_team(team_id) {
        return Err(WriteError::Refused(AppError::Forbidden));
    }
    if existing.as_ref().is_some_and(|plan| plan.deleted) {
        return Err(WriteError::Refused(AppError::NotFound));
    }
    let valid = draft.validate()?;
    let created_by = existing
        .as_ref()
        .map_or(actor.user_id, |plan| plan.created_by);
    crate::store::pay::upsert_plan_in(connection, &valid, team_id, created_by, now).await?;
    crate::store::pay::plan_in(connection, valid.id)
        .await?
        .ok_or(WriteError::Refused(AppError::Internal))
}

/// Deletes a plan if the actor manages its team; deleting it again
/// changes nothing.
pub async fn delete_plan(
    connection: &mut AnyConnection,
    actor: &Actor,
    id: crate::domain::PlanId,
    now: DateTime<Utc>,
) -> Result<(), WriteError> {
    let plan = crate::store::pay::plan_in(connection, id)
        .await?
        .ok_or(WriteError::Refused(AppError::NotFound))?;
    if !actor.can_manage_team(plan.team_id) {
        return Err(WriteError::Refused(AppError::Forbidden));
    }
    if !plan.deleted {
        crate::store::pay::delete_plan_in(connection, id, now).await?;
    }
    Ok(())
}

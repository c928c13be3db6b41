//! Writes with their access checks and validation, inside a caller's
//! transaction. Both the per-record server functions and sync push use
//! these, so a change is judged the same way whichever road it took.
//! Every check runs before the first write of an operation, so a refused
//! operation leaves nothing behind. This file holds a rep's work (leads and
//! activities); `team.rs` the team's shared rows (goals, plans, records,
//! kudos).

mod team;

pub use team::{
    delete_goal, delete_plan, delete_record, give_kudos, save_goal, save_plan, save_record,
};

use super::activities::{
    activity_in, delete_activity_in, insert_new_own_activity_in, save_activity_in,
};
use super::instant_text;
use super::leads::{HistoryRow, delete_lead_in, insert_new_lead_in, lead_in, save_lead_in};
use super::users::owner_in;
use crate::domain::access::Actor;
use crate::domain::lead::closed_at_after;
use crate::domain::validation::{FieldErrors, FieldProblem};
use crate::domain::{ActivityDraft, ActivityId, LeadDraft, LeadId, UserId};
use crate::error::AppError;
use crate::sync::plan::{ChangeProblem, Overwrite, apply_changes, lead_as_draft};
use crate::sync::protocol::FieldChange;
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

/// Why a checked write did not happen: refused (the person can fix or be
/// told), or the database failed (the whole request fails and is retried).
#[derive(Debug)]
pub enum WriteError {
    Refused(AppError),
    Database(sqlx::Error),
}

impl From<sqlx::Error> for WriteError {
    fn from(error: sqlx::Error) -> Self {
        WriteError::Database(error)
    }
}

impl From<FieldErrors> for WriteError {
    fn from(errors: FieldErrors) -> Self {
        WriteError::Refused(AppError::Invalid(errors))
    }
}

impl From<WriteError> for AppError {
    fn from(error: WriteError) -> Self {
        match error {
            WriteError::Refused(error) => error,
            WriteError::Database(error) => error.into(),
        }
    }
}

pub(crate) fn refuse_field(field: &str, problem: FieldProblem) -> WriteError {
    let mut errors = FieldErrors::default();
    errors.add(field, problem);
    WriteError::Refused(AppError::Invalid(errors))
}

/// A lead the person may create as their own, if the draft is valid and
/// names no other owner: the only checks a lead whose id is new needs. The
/// caller still makes sure the id is new (the insert writes nothing if not).
pub(crate) fn own_new_lead(
    actor: &Actor,
    draft: &LeadDraft,
    now: DateTime<Utc>,
) -> Option<NewLead> {
    let own = crate::domain::access::Owner {
        user_id: actor.user_id,
        team_id: actor.team_id,
    };
    if draft.owner_id.is_some_and(|owner| owner != actor.user_id) || !actor.can_write(&own) {
        return None;
    }
    let mut lead = draft.validate().ok()?;
    // An event is checked against the owner's team on the full path.
    if lead.event_id.is_some() {
        return None;
    }
    lead.owner_id = Some(actor.user_id);
    let closed_at = closed_at_after(None, lead.stage, lead.closed_on, now);
    Some(NewLead { lead, closed_at })
}

/// A checked new lead, ready to insert.
pub(crate) struct NewLead {
    pub lead: crate::domain::lead::ValidLead,
    pub closed_at: Option<DateTime<Utc>>,
}

/// Creates the lead with the draft's id, or replaces an existing one's fields.
pub async fn save_lead(
    connection: &mut AnyConnection,
    actor: &Actor,
    draft: &LeadDraft,
    now: DateTime<Utc>,
) -> Result<(), WriteError> {
    // Most pushed leads are new and the person's own: one statement, which
    // writes nothing if the id exists (then the full checks below decide).
    if let Some(new_lead) = own_new_lead(actor, draft, now)
        && insert_new_lead_in(connection, &new_lead, actor.user_id, now).await?
    {
        return Ok(());
    }
    let existing = lead_in(connection, draft.id).await?;
    // A whole draft without an event (from a build that predates events on
    // leads, protocol 3 and older) keeps the lead's event; a rep clears it
    // with a field change, which names the field.
    if draft.event_id.is_empty()
        && let Some(event_id) = existing.as_ref().and_then(|(lead, _)| lead.event_id)
    {
        let mut kept = draft.clone();
        kept.event_id = event_id.to_string();
        return save_lead_over(connection, actor, &kept, existing, now, &[], None).await;
    }
    save_lead_over(connection, actor, draft, existing, now, &[], None).await
}

/// Saves a draft over the lead read just before (`None`: none with that
/// id): checks access to it and to the new owner, validates, writes.
async fn save_lead_over(
    connection: &mut AnyConnection,
    actor: &Actor,
    draft: &LeadDraft,
    existing: Option<(crate::domain::Lead, crate::domain::access::Owner)>,
    now: DateTime<Utc>,
    history: &[HistoryRow],
    later: Option<&mut super::leads::LeadWrites>,
) -> Result<(), WriteError> {
    let own = crate::domain::access::Owner {
        user_id: actor.user_id,
        team_id: actor.team_id,
    };
    if let Some((lead, owner)) = &existing {
        if !actor.can_write(owner) {
            return Err(WriteError::Refused(AppError::Forbidden));
        }
        if lead.deleted {
            return Err(WriteError::Refused(AppError::NotFound));
        }
    }
    let mut valid = draft.validate()?;
    let owner_id = valid
        .owner_id
        .or(existing.as_ref().map(|(lead, _)| lead.owner_id))
        .unwrap_or(actor.user_id);
    // The person's own id needs no lookup: the actor already knows their team.
    let new_owner = if owner_id == actor.user_id {
        Some(own)
    } else {
        owner_in(connection, owner_id).await?
    };
    if !new_owner.is_some_and(|owner| actor.can_write(&owner)) {
        return Err(refuse_field("owner_id", FieldProblem::NotAllowed));
    }
    // A newly named event must be a live one of the owner's team; one the
    // lead already names stays (its history, even once handed to another
    // team or the event removed).
    if let Some(event_id) = valid.event_id {
        let event_team = crate::store::events::event_team_in(connection, event_id).await?;
        let kept = existing
            .as_ref()
            .is_some_and(|(lead, _)| lead.event_id == Some(event_id));
        match (event_team, new_owner.and_then(|owner| owner.team_id)) {
            (Some(event_team), Some(owner_team)) if event_team == owner_team => {}
            _ if kept => {}
            _ => return Err(refuse_field("event_id", FieldProblem::NotAllowed)),
        }
    }
    valid.owner_id = Some(owner_id);
    let previous = existing
        .as_ref()
        .map(|(lead, _)| (lead.stage, lead.closed_at));
    let closed_at = closed_at_after(previous, valid.stage, valid.closed_on, now);
    // Held back only when the owner stays (a reassignment also records a
    // scope exit, written at once).
    let later = later.filter(|_| {
        existing
            .as_ref()
            .is_some_and(|(lead, _)| lead.owner_id == owner_id)
    });
    save_lead_in(connection, &valid, owner_id, closed_at, now, history, later).await?;
    if let (Some((lead, old_owner)), Some(new_owner)) = (&existing, new_owner)
        && lead.owner_id != owner_id
    {
        record_scope_exit(connection, lead.id, old_owner, &new_owner, now).await?;
    }
    Ok(())
}

/// Notes that a reassigned lead left its previous owner's read scope (and
/// their team's, if the team changed), so pull removes it from their devices.
async fn record_scope_exit(
    connection: &mut AnyConnection,
    lead_id: LeadId,
    old_owner: &crate::domain::access::Owner,
    new_owner: &crate::domain::access::Owner,
    now: DateTime<Utc>,
) -> Result<(), WriteError> {
    let left_team = old_owner
        .team_id
        .filter(|team| new_owner.team_id != Some(*team));
    sqlx::query(
        "INSERT INTO scope_exits (lead_id, user_id, team_id, version, created_at) \
         VALUES ($1, $2, $3, (SELECT last_version + 1 FROM sync_state WHERE id = 1), $4)",
    )
    .bind(lead_id)
    .bind(old_owner.user_id)
    .bind(left_team)
    .bind(instant_text(now))
    .execute(&mut *connection)
    .await?;
    sqlx::query("UPDATE sync_state SET last_version = last_version + 1 WHERE id = 1")
        .execute(&mut *connection)
        .await?;
    Ok(())
}

/// Applies field-level changes to a lead: fields changed on two devices both
/// land; when two change the same field the later wins and the overwritten
/// value is kept in the lead's history. Returns what was overwritten.
pub(crate) async fn update_lead_fields(
    connection: &mut AnyConnection,
    actor: &Actor,
    id: LeadId,
    changes: &[FieldChange],
    now: DateTime<Utc>,
    known: Option<(crate::domain::Lead, crate::domain::access::Owner)>,
    later: Option<&mut super::leads::LeadWrites>,
) -> Result<Vec<Overwrite>, WriteError> {
    // `known`: the lead as read earlier in this transaction (a push reads
    // all the leads it updates at once), if nothing has written it since.
    let found = match known {
        Some(row) => Some(row),
        None => lead_in(connection, id).await?,
    };
    let Some((lead, owner)) = found else {
        return Err(WriteError::Refused(AppError::NotFound));
    };
    if !actor.can_write(&owner) {
        return Err(WriteError::Refused(AppError::Forbidden));
    }
    if lead.deleted {
        return Err(WriteError::Refused(AppError::NotFound));
    }
    let current = lead_as_draft(&lead);
    let (next, overwrites) = apply_changes(&current, changes).map_err(|problem| match problem {
        ChangeProblem::UnknownField(field) => refuse_field(&field, FieldProblem::UnknownChoice),
        ChangeProblem::RepeatedField(field) => refuse_field(&field, FieldProblem::Repeated),
        ChangeProblem::TooMany => refuse_field(
            "changes",
            FieldProblem::TooMany {
                max: crate::sync::plan::LEAD_FIELDS.len(),
            },
        ),
    })?;
    let mut history = Vec::new();
    for change in changes {
        let Some(old_value) = crate::sync::plan::draft_field(&current, &change.field) else {
            continue;
        };
        if old_value == change.value {
            continue;
        }
        let conflict = overwrites
            .iter()
            .any(|overwrite| overwrite.field == change.field);
        let overwritten_user: Option<String> = if conflict {
            sqlx::query_scalar(
                "SELECT changed_by FROM lead_history WHERE lead_id = $1 AND field = $2 ORDER BY version DESC, created_at DESC LIMIT 1",
            )
            .bind(id)
            .bind(&change.field)
            .fetch_optional(&mut *connection)
            .await?
        } else {
            None
        };
        history.push(HistoryRow {
            field: change.field.clone(),
            old_value,
            new_value: change.value.clone(),
            changed_by: actor.user_id,
            overwritten_user,
            conflict,
        });
    }
    // The lead and its history rows go in one round trip.
    save_lead_over(
        connection,
        actor,
        &next,
        Some((lead, owner)),
        now,
        &history,
        later,
    )
    .await?;
    Ok(overwrites)
}

pub async fn delete_lead(
    connection: &mut AnyConnection,
    actor: &Actor,
    id: LeadId,
    now: DateTime<Utc>,
) -> Result<(), WriteError> {
    let Some((lead, owner)) = lead_in(connection, id).await? else {
        return Err(WriteError::Refused(AppError::NotFound));
    };
    if !actor.can_write(&owner) {
        return Err(WriteError::Refused(AppError::Forbidden));
    }
    if !lead.deleted {
        delete_lead_in(connection, id, now).await?;
    }
    Ok(())
}

/// Logs an activity with the draft's id, or updates an existing one.
pub async fn save_activity(
    connection: &mut AnyConnection,
    actor: &Actor,
    draft: &ActivityDraft,
    now: DateTime<Utc>,
) -> Result<(), WriteError> {
    // Most pushed activities are new and logged on the person's own lead:
    // one statement, which writes nothing otherwise (then the checks below).
    let own = crate::domain::access::Owner {
        user_id: actor.user_id,
        team_id: actor.team_id,
    };
    if actor.can_write(&own)
        && let Ok(valid) = draft.validate()
    {
        let done_at = valid.done.then_some(now);
        if insert_new_own_activity_in(connection, &valid, actor.user_id, done_at, now).await? {
            return Ok(());
        }
    }
    let existing = activity_in(connection, draft.id).await?;
    if let Some((activity, owner)) = &existing {
        if !actor.can_write(owner) {
            return Err(WriteError::Refused(AppError::Forbidden));
        }
        if activity.deleted {
            return Err(WriteError::Refused(AppError::NotFound));
        }
    }
    let valid = draft.validate()?;
    if let Some(lead_id) = valid.lead_id {
        let lead = lead_in(connection, lead_id).await?;
        if !lead.is_some_and(|(lead, owner)| !lead.deleted && actor.can_write(&owner)) {
            return Err(refuse_field("lead_id", FieldProblem::NotAllowed));
        }
    }
    let owner_id: UserId = existing
        .as_ref()
        .map_or(actor.user_id, |(activity, _)| activity.owner_id);
    let done_at = match (
        valid.done,
        existing.as_ref().and_then(|(activity, _)| activity.done_at),
    ) {
        (true, Some(already)) => Some(already),
        (true, None) => Some(now),
        (false, _) => None,
    };
    save_activity_in(connection, &valid, owner_id, done_at, now).await?;
    Ok(())
}

/// Marks a task done (or not done again), keeping everything else.
pub async fn complete_task(
    connection: &mut AnyConnection,
    actor: &Actor,
    id: ActivityId,
    done: bool,
    now: DateTime<Utc>,
) -> Result<(), WriteError> {
    let Some((activity, _)) = activity_in(connection, id).await? else {
        return Err(WriteError::Refused(AppError::NotFound));
    };
    let draft = ActivityDraft {
        done,
        ..crate::sync::plan::activity_as_draft(&activity)
    };
    save_activity(connection, actor, &draft, now).await
}

pub async fn delete_activity(
    connection: &mut AnyConnection,
    actor: &Actor,
    id: ActivityId,
    now: DateTime<Utc>,
) -> Result<(), WriteError> {
    let Some((activity, owner)) = activity_in(connection, id).await? else {
        return Err(WriteError::Refused(AppError::NotFound));
    };
    if !actor.can_write(&owner) {
        return Err(WriteError::Refused(AppError::Forbidden));
    }
    if !activity.deleted {
        delete_activity_in(connection, id, now).await?;
    }
    Ok(())
}

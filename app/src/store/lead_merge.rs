//! Merging two leads that are the same customer, with the same access
//! checks as every other checked write: the caller must be allowed to
//! write both leads, checked before anything is written.

use super::checked::{WriteError, refuse_field, update_lead_fields};
use super::instant_text;
use super::leads::{delete_lead_in, lead_in};
use crate::domain::LeadId;
use crate::domain::access::Actor;
use crate::domain::validation::FieldProblem;
use crate::error::AppError;
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

/// Merges lead `merged` into lead `survivor` (the same customer, entered
/// twice): the survivor keeps what it says and takes the company, phone and
/// e-mail it lacks; the other's activities, history, assignments, event and
/// pool entry move to it; the other becomes a tombstone that syncs away; a
/// "merged" entry on the survivor's history says who merged what. The actor
/// must be allowed to write both leads, checked before any write.
pub(crate) async fn merge_leads(
    connection: &mut AnyConnection,
    actor: &Actor,
    survivor_id: LeadId,
    merged_id: LeadId,
    now: DateTime<Utc>,
) -> Result<(), WriteError> {
    let (Some(survivor), Some(merged)) = (
        lead_in(connection, survivor_id).await?,
        lead_in(connection, merged_id).await?,
    ) else {
        return Err(WriteError::Refused(AppError::NotFound));
    };
    if !actor.can_write(&survivor.1) || !actor.can_write(&merged.1) {
        return Err(WriteError::Refused(AppError::Forbidden));
    }
    if survivor.0.deleted || merged.0.deleted {
        return Err(WriteError::Refused(AppError::NotFound));
    }
    if survivor_id == merged_id {
        return Err(refuse_field("merged", FieldProblem::NotAllowed));
    }
    let changes = crate::sync::plan::fill_from_duplicate(&survivor.0, &merged.0);
    let merged_name = merged.0.name.clone();
    let survivor_name = survivor.0.name.clone();
    if !changes.is_empty() {
        update_lead_fields(
            connection,
            actor,
            survivor_id,
            &changes,
            now,
            Some(survivor),
            None,
        )
        .await?;
    }
    let at = instant_text(now);
    let (survivor_text, merged_text) = (survivor_id.to_string(), merged_id.to_string());
    // The other's activities move, each with a new version so every device
    // that holds one learns its new lead.
    let activities: Vec<String> =
        sqlx::query_scalar("SELECT id FROM activities WHERE lead_id = $1 AND deleted = 0")
            .bind(&merged_text)
            .fetch_all(&mut *connection)
            .await?;
    for activity in &activities {
        sqlx::query(
            "UPDATE activities SET lead_id = $1, updated_at = $2, \
                 version = (SELECT last_version + 1 FROM sync_state WHERE id = 1) WHERE id = $3",
        )
        .bind(&survivor_text)
        .bind(&at)
        .bind(activity)
        .execute(&mut *connection)
        .await?;
    }
    for statement in [
        "UPDATE lead_history SET lead_id = $1 WHERE lead_id = $2",
        "UPDATE lead_assignments SET lead_id = $1 WHERE lead_id = $2",
        "UPDATE pool_leads SET lead_id = $1 WHERE lead_id = $2",
    ] {
        sqlx::query(statement)
            .bind(&survivor_text)
            .bind(&merged_text)
            .execute(&mut *connection)
            .await?;
    }
    sqlx::query("DELETE FROM event_leads WHERE lead_id = $1")
        .bind(&merged_text)
        .execute(&mut *connection)
        .await?;
    let history = format!(
        "INSERT INTO lead_history ({}) \
         VALUES ($1, $2, $3, $4, $5, $6, 0, NULL, $7, (SELECT version FROM leads WHERE id = $8))",
        super::leads::HISTORY_COLUMNS
    );
    sqlx::query(crate::store::Backend::of_connection(connection).assembled(history))
        .bind(uuid::Uuid::now_v7().to_string())
        .bind(&survivor_text)
        .bind(crate::domain::lead::MERGED_FIELD)
        .bind(&merged_name)
        .bind(&survivor_name)
        .bind(actor.user_id)
        .bind(&at)
        .bind(&survivor_text)
        .execute(&mut *connection)
        .await?;
    delete_lead_in(connection, merged_id, now).await?;
    Ok(())
}

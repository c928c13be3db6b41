//! Leads in SQL.

use super::{
    Store, StoreResult, instant_text, next_version, parse_choice, parse_instant,
    parse_optional_instant, parse_uuid, scope_filter,
};
use crate::domain::access::{Owner, ReadScope};
use crate::domain::lead::ValidLead;
use crate::domain::{Choice, Lead, LeadId, TeamId, UserId};
use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};

pub(crate) const LEAD_SELECT: &str = "SELECT l.*, u.display_name AS owner_name, u.team_id AS owner_team_id \
     FROM leads l JOIN users u ON u.id = l.owner_id";

pub(crate) fn lead_from_row(row: &SqliteRow) -> StoreResult<Lead> {
    Ok(Lead {
        id: LeadId(parse_uuid(row.try_get("id")?)?),
        owner_id: UserId(parse_uuid(row.try_get("owner_id")?)?),
        owner_name: row.try_get("owner_name")?,
        name: row.try_get("name")?,
        company: row.try_get("company")?,
        phone: row.try_get("phone")?,
        email: row.try_get("email")?,
        source: parse_choice(row.try_get("source")?)?,
        stage: parse_choice(row.try_get("stage")?)?,
        estimated_value: row.try_get("estimated_value")?,
        currency: parse_choice(row.try_get("currency")?)?,
        customer_kind: parse_choice(row.try_get("customer_kind")?)?,
        won_amount: row.try_get("won_amount")?,
        closed_at: parse_optional_instant(row.try_get("closed_at")?)?,
        lost_reason: row.try_get("lost_reason")?,
        created_at: parse_instant(row.try_get("created_at")?)?,
        updated_at: parse_instant(row.try_get("updated_at")?)?,
        version: row.try_get("version")?,
        deleted: row.try_get::<i64, _>("deleted")? != 0,
    })
}

pub(crate) fn owner_from_row(row: &SqliteRow) -> StoreResult<Owner> {
    let team: Option<String> = row.try_get("owner_team_id")?;
    Ok(Owner {
        user_id: UserId(parse_uuid(row.try_get("owner_id")?)?),
        team_id: team.as_deref().map(parse_uuid).transpose()?.map(TeamId),
    })
}

impl Store {
    /// Live leads in a scope, most recently changed first.
    pub async fn list_leads(&self, scope: ReadScope) -> StoreResult<Vec<Lead>> {
        let (filter, parameter) = scope_filter(scope, "l.owner_id");
        let sql = format!(
            "{LEAD_SELECT} WHERE {filter} AND l.deleted = 0 ORDER BY l.updated_at DESC, l.id"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(parameter)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(lead_from_row).collect()
    }

    /// A lead's recorded field changes, newest first.
    pub async fn lead_history(
        &self,
        id: LeadId,
    ) -> StoreResult<Vec<crate::domain::lead::LeadChange>> {
        let rows = sqlx::query(
            "SELECT h.field, h.old_value, h.new_value, h.changed_by, u.display_name AS changed_by_name, h.conflict, \
                    h.overwritten_user_id, h.created_at \
             FROM lead_history h JOIN users u ON u.id = h.changed_by \
             WHERE h.lead_id = ? ORDER BY h.version DESC, h.created_at DESC",
        )
        .bind(id.to_string())
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let overwritten: Option<String> = row.try_get("overwritten_user_id")?;
                Ok(crate::domain::lead::LeadChange {
                    field: row.try_get("field")?,
                    old_value: row.try_get("old_value")?,
                    new_value: row.try_get("new_value")?,
                    changed_by: UserId(parse_uuid(row.try_get("changed_by")?)?),
                    changed_by_name: row.try_get("changed_by_name")?,
                    conflict: row.try_get::<i64, _>("conflict")? != 0,
                    overwritten_user_id: overwritten
                        .as_deref()
                        .map(parse_uuid)
                        .transpose()?
                        .map(UserId),
                    at: parse_instant(row.try_get("created_at")?)?,
                })
            })
            .collect()
    }

    /// A lead with its owner (for access checks), deleted ones included.
    pub async fn lead(&self, id: LeadId) -> StoreResult<Option<(Lead, Owner)>> {
        let mut connection = self.pool().acquire().await?;
        lead_in(&mut connection, id).await
    }

    /// Inserts a new lead or replaces a live one's fields, with a new version.
    pub async fn save_lead(
        &self,
        lead: &ValidLead,
        owner_id: UserId,
        closed_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut transaction = self.pool().begin().await?;
        save_lead_in(&mut transaction, lead, owner_id, closed_at, now).await?;
        transaction.commit().await
    }
}

/// Like `Store::lead`, inside a caller's transaction.
pub(crate) async fn lead_in(
    connection: &mut SqliteConnection,
    id: LeadId,
) -> StoreResult<Option<(Lead, Owner)>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{LEAD_SELECT} WHERE l.id = ?")))
        .bind(id.to_string())
        .fetch_optional(&mut *connection)
        .await?;
    row.map(|row| Ok((lead_from_row(&row)?, owner_from_row(&row)?)))
        .transpose()
}

/// Like `Store::save_lead`, inside a caller's transaction.
pub(crate) async fn save_lead_in(
    connection: &mut SqliteConnection,
    lead: &ValidLead,
    owner_id: UserId,
    closed_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let version = next_version(&mut *connection).await?;
    let now = instant_text(now);
    sqlx::query(
        "INSERT INTO leads (id, owner_id, name, company, phone, email, source, stage, estimated_value, currency, \
             customer_kind, won_amount, closed_at, lost_reason, created_at, updated_at, version) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (id) DO UPDATE SET owner_id = excluded.owner_id, name = excluded.name, \
             company = excluded.company, phone = excluded.phone, email = excluded.email, source = excluded.source, \
             stage = excluded.stage, estimated_value = excluded.estimated_value, currency = excluded.currency, \
             customer_kind = excluded.customer_kind, won_amount = excluded.won_amount, \
             closed_at = excluded.closed_at, lost_reason = excluded.lost_reason, \
             updated_at = excluded.updated_at, version = excluded.version",
    )
    .bind(lead.id.to_string())
    .bind(owner_id.to_string())
    .bind(&lead.name)
    .bind(&lead.company)
    .bind(&lead.phone)
    .bind(&lead.email)
    .bind(lead.source.as_str())
    .bind(lead.stage.as_str())
    .bind(lead.estimated_value)
    .bind(lead.currency.as_str())
    .bind(lead.customer_kind.as_str())
    .bind(lead.won_amount)
    .bind(closed_at.map(instant_text))
    .bind(&lead.lost_reason)
    .bind(&now)
    .bind(&now)
    .bind(version)
    .execute(&mut *connection)
    .await?;
    Ok(())
}

/// Marks a lead deleted (a tombstone, so other devices learn of it), inside a caller's transaction.
pub(crate) async fn delete_lead_in(
    connection: &mut SqliteConnection,
    id: LeadId,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    super::mark_deleted(connection, super::SyncedTable::Leads, &id.to_string(), now).await
}

//! Leads in SQL.

use super::{Store, StoreResult, instant_text, scope_filter};
use crate::domain::access::{Owner, ReadScope};
use crate::domain::lead::ValidLead;
use crate::domain::{Choice, Lead, LeadId, UserId};
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

pub(crate) const LEAD_SELECT: &str = "SELECT l.*, u.display_name AS owner_name, u.team_id AS owner_team_id \
     FROM leads l JOIN users u ON u.id = l.owner_id";

pub(crate) fn lead_from_row(row: &AnyRow) -> StoreResult<Lead> {
    sqlx::FromRow::from_row(row)
}

/// The owner a `LEAD_SELECT` row names (`owner_id`, `owner_team_id`).
pub(crate) fn owner_from_row(row: &AnyRow) -> StoreResult<Owner> {
    sqlx::FromRow::from_row(row)
}

impl Store {
    /// Live leads in a scope, most recently changed first.
    pub async fn list_leads(&self, scope: ReadScope) -> StoreResult<Vec<Lead>> {
        let (filter, parameter) = scope_filter(scope, "l.owner_id");
        let sql = format!(
            "{LEAD_SELECT} WHERE {filter} AND l.deleted = 0 ORDER BY l.updated_at DESC, l.id"
        );
        let rows = sqlx::query(self.backend().assembled(sql))
            .bind(parameter)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(lead_from_row).collect()
    }

    /// A lead's recorded field changes and the times it was handed to a
    /// rep (import, distribution), newest first.
    pub async fn lead_history(
        &self,
        id: LeadId,
    ) -> StoreResult<Vec<crate::domain::lead::LeadChange>> {
        use crate::domain::lead::{ASSIGNED_FIELD, LeadChange, WEB_FORM_FIELD};
        /// A change as stored; a rule this version does not know is left out.
        #[derive(sqlx::FromRow)]
        struct ChangeRow {
            #[sqlx(flatten)]
            change: LeadChange,
            rule: Option<String>,
        }
        let rows: Vec<ChangeRow> = sqlx::query_as(
            "SELECT h.field, h.old_value, h.new_value, h.changed_by, u.display_name AS changed_by_name, h.conflict, \
                    h.overwritten_user_id, h.created_at AS created_at, NULL AS rule, h.version AS sort_version \
             FROM lead_history h JOIN users u ON u.id = h.changed_by \
             WHERE h.lead_id = $1 \
             UNION ALL \
             SELECT $2, COALESCE(f.display_name, ''), t.display_name, a.assigned_by, b.display_name, 0, \
                    NULL, a.assigned_at, a.rule, NULL \
             FROM lead_assignments a JOIN users t ON t.id = a.to_user_id \
                 JOIN users b ON b.id = a.assigned_by LEFT JOIN users f ON f.id = a.from_user_id \
             WHERE a.lead_id = $3 \
             UNION ALL \
             SELECT $4, COALESCE(f.title, ''), p.message, p.taken_by, b.display_name, 0, \
                    NULL, p.received_at, NULL, NULL \
             FROM pool_leads p JOIN users b ON b.id = p.taken_by \
                 LEFT JOIN web_forms f ON f.id = p.web_form_id \
             WHERE p.lead_id = $5 \
             ORDER BY created_at DESC, sort_version DESC",
        )
        .bind(id)
        .bind(ASSIGNED_FIELD)
        .bind(id)
        .bind(WEB_FORM_FIELD)
        .bind(id)
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|ChangeRow { mut change, rule }| {
                change.rule = rule
                    .as_deref()
                    .and_then(crate::domain::distribution::DistributionRule::parse);
                change
            })
            .collect())
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
        let mut transaction = self.write().await?;
        save_lead_in(&mut transaction, lead, owner_id, closed_at, now, &[], None).await?;
        transaction.commit().await
    }
}

/// Like `Store::lead`, inside a caller's transaction.
pub(crate) async fn lead_in(
    connection: &mut AnyConnection,
    id: LeadId,
) -> StoreResult<Option<(Lead, Owner)>> {
    let row = sqlx::query(
        crate::store::Backend::of_connection(connection)
            .assembled(format!("{LEAD_SELECT} WHERE l.id = ?")),
    )
    .bind(id)
    .fetch_optional(&mut *connection)
    .await?;
    row.map(|row| Ok((lead_from_row(&row)?, owner_from_row(&row)?)))
        .transpose()
}

/// Several leads with their owners in one query (those that exist).
pub(crate) async fn leads_in(
    connection: &mut AnyConnection,
    ids: &[LeadId],
) -> StoreResult<std::collections::HashMap<LeadId, (Lead, Owner)>> {
    let mut found = std::collections::HashMap::new();
    if ids.is_empty() {
        return Ok(found);
    }
    let placeholders = vec!["?"; ids.len()].join(", ");
    let mut query = sqlx::query(
        crate::store::Backend::of_connection(connection)
            .assembled(format!("{LEAD_SELECT} WHERE l.id IN ({placeholders})")),
    );
    for id in ids {
        query = query.bind(id);
    }
    for row in query.fetch_all(&mut *connection).await? {
        let lead = lead_from_row(&row)?;
        found.insert(lead.id, (lead, owner_from_row(&row)?));
    }
    Ok(found)
}

/// Like `Store::save_lead`, inside a caller's transaction.
pub(crate) async fn save_lead_in(
    connection: &mut AnyConnection,
    lead: &ValidLead,
    owner_id: UserId,
    closed_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    history: &[HistoryRow],
    later: Option<&mut LeadWrites>,
) -> StoreResult<()> {
    if let Some(later) = later {
        let (_, values) = lead_write_statements(
            lead,
            owner_id,
            closed_at,
            now,
            LeadWrite::CreateOrReplace,
            history,
        );
        later.push(values, history.len());
        return Ok(());
    }
    write_lead_in(
        connection,
        lead,
        owner_id,
        closed_at,
        now,
        LeadWrite::CreateOrReplace,
        history,
    )
    .await?;
    Ok(())
}

/// One field change to record in `lead_history` with the lead's write (in
/// the same statement batch, taking the lead's new version).
pub(crate) struct HistoryRow {
    pub field: String,
    pub old_value: String,
    pub new_value: String,
    pub changed_by: UserId,
    /// Whose newer value this change overwrote, for a conflict.
    pub overwritten_user: Option<String>,
    pub conflict: bool,
}

/// Inserts a lead only if its id is new; `false` when a row with that id
/// exists (nothing is written then). One statement: the sync fast path.
pub(crate) async fn insert_new_lead_in(
    connection: &mut AnyConnection,
    new_lead: &super::checked::NewLead,
    owner_id: UserId,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    write_lead_in(
        connection,
        &new_lead.lead,
        owner_id,
        new_lead.closed_at,
        now,
        LeadWrite::OnlyIfNew,
        &[],
    )
    .await
}

/// Inserts many new leads of one owner in three statements: which ids exist
/// already (those are returned and left alone, for the full checks), one
/// reservation of versions, one multi-row insert. For long pushes of
/// creates, where a round trip per row would dominate.
pub(crate) async fn insert_new_leads_in(
    connection: &mut AnyConnection,
    new_leads: &[super::checked::NewLead],
    owner_id: UserId,
    now: DateTime<Utc>,
) -> StoreResult<std::collections::HashSet<crate::domain::LeadId>> {
    use crate::domain::LeadId;
    let placeholders = vec!["?"; new_leads.len()].join(", ");
    let mut existing_query = sqlx::query_scalar::<_, LeadId>(
        crate::store::Backend::of_connection(connection)
            .assembled(format!("SELECT id FROM leads WHERE id IN ({placeholders})")),
    );
    for new_lead in new_leads {
        existing_query = existing_query.bind(new_lead.lead.id);
    }
    let existing: std::collections::HashSet<LeadId> = existing_query
        .fetch_all(&mut *connection)
        .await?
        .into_iter()
        .collect();
    let fresh: Vec<&super::checked::NewLead> = new_leads
        .iter()
        .filter(|new_lead| !existing.contains(&new_lead.lead.id))
        .collect();
    if fresh.is_empty() {
        return Ok(existing);
    }
    let first_version = super::reserve_versions(connection, fresh.len()).await?;
    let rows = vec![LEAD_ROW; fresh.len()].join(", ");
    let now = instant_text(now);
    let mut values = Vec::with_capacity(fresh.len() * (LEAD_VALUES + 1));
    for (offset, new_lead) in fresh.iter().enumerate() {
        values.extend(lead_values(
            &new_lead.lead,
            owner_id,
            new_lead.closed_at,
            &now,
        ));
        values.push(SqlValue::Integer(Some(
            first_version + i64::try_from(offset).unwrap_or(0),
        )));
    }
    bind_values(
        sqlx::query(
            crate::store::Backend::of_connection(connection)
                .assembled(format!("INSERT INTO leads ({LEAD_COLUMNS}) VALUES {rows}")),
        ),
        values,
    )
    .execute(&mut *connection)
    .await?;
    Ok(existing)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum LeadWrite {
    CreateOrReplace,
    OnlyIfNew,
}

/// One value to bind, so statements can be built now and sent later.
pub(crate) enum SqlValue {
    Text(Option<String>),
    Integer(Option<i64>),
}

fn bind_values<'q>(
    mut query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    values: Vec<SqlValue>,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    for value in values {
        query = match value {
            SqlValue::Text(text) => query.bind(text),
            SqlValue::Integer(number) => query.bind(number),
        };
    }
    query
}

/// Lead updates (with their history rows) held back by a push and written
/// together: one reservation of versions, one multi-row upsert of the leads
/// and one multi-row insert of the history per few hundred, so a long push
/// of edits costs a few statements instead of one per edit. `flush` before
/// anything reads.
#[derive(Default)]
pub(crate) struct LeadWrites {
    /// Per lead: its 17 values (as `lead_write_statements` orders them)
    /// followed by 10 per history row.
    leads: Vec<(Vec<SqlValue>, usize)>,
}

/// The columns every write of a lead row sets, in the order of
/// `lead_values` with the version last.
const LEAD_COLUMNS: &str = "id, owner_id, name, company, phone, email, source, stage, estimated_value, currency, \
     customer_kind, won_amount, closed_at, lost_reason, event_id, created_at, updated_at, version";
/// The columns of a lead history row (a changed field, or a merge), the
/// version last.
pub(crate) const HISTORY_COLUMNS: &str = "id, lead_id, field, old_value, new_value, changed_by, conflict, \
     overwritten_user_id, created_at, version";
/// One row of `LEAD_COLUMNS`' placeholders.
const LEAD_ROW: &str = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
/// What a write of an existing lead replaces (all but its creation time).
const LEAD_REPLACE: &str = "ON CONFLICT (id) DO UPDATE SET owner_id = excluded.owner_id, name = excluded.name, \
     company = excluded.company, phone = excluded.phone, email = excluded.email, source = excluded.source, \
     stage = excluded.stage, estimated_value = excluded.estimated_value, currency = excluded.currency, \
     customer_kind = excluded.customer_kind, won_amount = excluded.won_amount, \
     closed_at = excluded.closed_at, lost_reason = excluded.lost_reason, event_id = excluded.event_id, \
     updated_at = excluded.updated_at, version = excluded.version";

/// A lead row's values in `LEAD_COLUMNS` order, all but the version
/// (which each statement gives its own way).
fn lead_values(
    lead: &ValidLead,
    owner_id: UserId,
    closed_at: Option<DateTime<Utc>>,
    now: &str,
) -> Vec<SqlValue> {
    let text = |value: &str| SqlValue::Text(Some(value.to_string()));
    vec![
        text(&lead.id.to_string()),
        text(&owner_id.to_string()),
        text(&lead.name),
        text(&lead.company),
        text(&lead.phone),
        text(&lead.email),
        text(lead.source.as_str()),
        text(lead.stage.as_str()),
        SqlValue::Integer(Some(lead.estimated_value)),
        text(lead.currency.as_str()),
        text(lead.customer_kind.as_str()),
        SqlValue::Integer(lead.won_amount),
        SqlValue::Text(closed_at.map(instant_text)),
        text(&lead.lost_reason),
        SqlValue::Text(lead.event_id.map(|id| id.to_string())),
        text(now),
        text(now),
    ]
}

/// Values per lead row before the version, and per history row before its version.
const LEAD_VALUES: usize = 17;
const HISTORY_VALUES: usize = 9;

impl LeadWrites {
    fn push(&mut self, values: Vec<SqlValue>, history_rows: usize) {
        self.leads.push((values, history_rows));
    }

    pub(crate) async fn flush(&mut self, connection: &mut AnyConnection) -> StoreResult<()> {
        while !self.leads.is_empty() {
            let take = self.leads.len().min(200);
            let chunk: Vec<(Vec<SqlValue>, usize)> = self.leads.drain(..take).collect();
            let first_version = super::reserve_versions(connection, chunk.len()).await?;
            let lead_rows = vec![LEAD_ROW; chunk.len()].join(", ");
            let history_count: usize = chunk.iter().map(|(_, rows)| rows).sum();
            let mut lead_values = Vec::with_capacity(chunk.len() * (LEAD_VALUES + 1));
            let mut history_values = Vec::with_capacity(history_count * (HISTORY_VALUES + 1));
            for (offset, (values, rows)) in chunk.into_iter().enumerate() {
                let version = first_version + i64::try_from(offset).unwrap_or(0);
                let mut values = values.into_iter();
                lead_values.extend(values.by_ref().take(LEAD_VALUES));
                lead_values.push(SqlValue::Integer(Some(version)));
                for _ in 0..rows {
                    // Each history row's values end with the lead id used to
                    // look the version up; here the version is known.
                    history_values.extend(values.by_ref().take(HISTORY_VALUES));
                    values.next();
                    history_values.push(SqlValue::Integer(Some(version)));
                }
            }
            let upsert =
                format!("INSERT INTO leads ({LEAD_COLUMNS}) VALUES {lead_rows} {LEAD_REPLACE}");
            bind_values(
                sqlx::query(crate::store::Backend::of_connection(connection).assembled(upsert)),
                lead_values,
            )
            .execute(&mut *connection)
            .await?;
            if history_count > 0 {
                let history_rows = vec!["(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"; history_count].join(", ");
                let insert =
                    format!("INSERT INTO lead_history ({HISTORY_COLUMNS}) VALUES {history_rows}");
                bind_values(
                    sqlx::query(crate::store::Backend::of_connection(connection).assembled(insert)),
                    history_values,
                )
                .execute(&mut *connection)
                .await?;
            }
        }
        Ok(())
    }
}

/// The SQL and values that write a lead and its history rows. The row
/// takes the next version in the same statement (see migration 0003: a
/// trigger moves the counter), so a write is one round trip.
fn lead_write_statements(
    lead: &ValidLead,
    owner_id: UserId,
    closed_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    mode: LeadWrite,
    history: &[HistoryRow],
) -> (String, Vec<SqlValue>) {
    let insert = format!(
        "INSERT INTO leads ({LEAD_COLUMNS}) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT last_version + 1 FROM sync_state WHERE id = 1)) "
    );
    const KEEP: &str = "ON CONFLICT (id) DO NOTHING";
    let history_insert = format!(
        "; INSERT INTO lead_history ({HISTORY_COLUMNS}) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT version FROM leads WHERE id = ?))"
    );
    let mut sql = match mode {
        LeadWrite::CreateOrReplace => [insert.as_str(), LEAD_REPLACE].concat(),
        LeadWrite::OnlyIfNew => [insert.as_str(), KEEP].concat(),
    };
    for _ in history {
        sql.push_str(&history_insert);
    }
    let now = instant_text(now);
    let text = |value: &str| SqlValue::Text(Some(value.to_string()));
    let mut values = lead_values(lead, owner_id, closed_at, &now);
    for row in history {
        values.extend([
            text(&uuid::Uuid::now_v7().to_string()),
            text(&lead.id.to_string()),
            text(&row.field),
            text(&row.old_value),
            text(&row.new_value),
            text(&row.changed_by.to_string()),
            SqlValue::Integer(Some(i64::from(row.conflict))),
            SqlValue::Text(row.overwritten_user.clone()),
            text(&now),
            text(&lead.id.to_string()),
        ]);
    }
    (sql, values)
}

async fn write_lead_in(
    connection: &mut AnyConnection,
    lead: &ValidLead,
    owner_id: UserId,
    closed_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    mode: LeadWrite,
    history: &[HistoryRow],
) -> StoreResult<bool> {
    let (sql, values) = lead_write_statements(lead, owner_id, closed_at, now, mode, history);
    // One statement per query (PostgreSQL prepares no more): the lead, then
    // each history row, with their own values in order.
    let mut values = values.into_iter();
    let mut affected = 0;
    for (index, statement) in sql.split("; ").enumerate() {
        let count = if index == 0 {
            LEAD_VALUES
        } else {
            HISTORY_VALUES + 1
        };
        let statement_values = values.by_ref().take(count).collect();
        affected += bind_values(
            sqlx::query(crate::store::Backend::of_connection(connection).assembled(statement)),
            statement_values,
        )
        .execute(&mut *connection)
        .await?
        .rows_affected();
    }
    Ok(affected > 0)
}

/// Marks a lead deleted (a tombstone, so other devices learn of it), inside a caller's transaction.
pub(crate) async fn delete_lead_in(
    connection: &mut AnyConnection,
    id: LeadId,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    super::mark_deleted(connection, super::SyncedTable::Leads, &id.to_string(), now).await
}

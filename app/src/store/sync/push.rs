//! Applying a push exactly once, in one write transaction: the steps
//! `push_plan.rs` decided (mutations already applied skipped, a gap stops
//! the push, runs of new leads and held writes together) are carried out,
//! each operation checked for access and validity, and possible duplicates
//! are reported.

use super::push_plan::{Step, plan_push};
use crate::domain::access::Actor;
use crate::domain::access::Owner;
use crate::domain::{Lead, LeadId, UserId};
use crate::error::AppError;
use crate::store::checked::{self, WriteError};
use crate::store::leads::LeadWrites;
use crate::store::{Store, instant_text};
use crate::sync::protocol::{
    ClientId, Mutation, Operation, PossibleDuplicate, PushResponse, RejectedMutation,
};
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;
use std::collections::HashMap;

/// Finds (or registers) the client and returns its last applied mutation id.
async fn client_last_mutation(
    connection: &mut AnyConnection,
    client_id: ClientId,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<u64, WriteError> {
    let row: Option<(UserId, i64)> =
        sqlx::query_as("SELECT user_id, last_mutation_id FROM sync_clients WHERE client_id = $1")
            .bind(client_id.0.to_string())
            .fetch_optional(&mut *connection)
            .await?;
    match row {
        Some((user_id, last)) => {
            if user_id != actor.user_id {
                return Err(WriteError::Refused(AppError::Forbidden));
            }
            Ok(u64::try_from(last).unwrap_or(0))
        }
        None => {
            sqlx::query(
                "INSERT INTO sync_clients (client_id, user_id, last_mutation_id, created_at, updated_at) VALUES ($1, $2, 0, $3, $4)",
            )
            .bind(client_id.0.to_string())
            .bind(actor.user_id)
            .bind(instant_text(now))
            .bind(instant_text(now))
            .execute(&mut *connection)
            .await?;
            Ok(0)
        }
    }
}

/// Leads a push will update, read once at its start; an entry is taken out
/// when it is used or when another operation of the push writes that lead,
/// so nothing is ever judged on a stale copy.
type KnownLeads = HashMap<LeadId, (Lead, Owner)>;

async fn apply_operation(
    connection: &mut AnyConnection,
    actor: &Actor,
    operation: &Operation,
    now: DateTime<Utc>,
    known_leads: &mut KnownLeads,
    later: Option<&mut LeadWrites>,
) -> Result<(), WriteError> {
    match operation {
        Operation::CreateLead { draft } => {
            known_leads.remove(&draft.id);
            checked::save_lead(connection, actor, draft, now).await
        }
        Operation::UpdateLead { id, changes } => {
            let known = known_leads.remove(id);
            checked::update_lead_fields(connection, actor, *id, changes, now, known, later)
                .await
                .map(|_| ())
        }
        Operation::DeleteLead { id } => {
            known_leads.remove(id);
            checked::delete_lead(connection, actor, *id, now).await
        }
        Operation::LogActivity { draft } | Operation::UpdateActivity { draft } => {
            checked::save_activity(connection, actor, draft, now).await
        }
        Operation::CompleteTask { id, done } => {
            checked::complete_task(connection, actor, *id, *done, now).await
        }
        Operation::DeleteActivity { id } => {
            checked::delete_activity(connection, actor, *id, now).await
        }
        Operation::GiveKudos { draft } => checked::give_kudos(connection, actor, draft, now)
            .await
            .map(|_| ()),
    }
}

/// Applies one mutation with its checks; a refusal is recorded (and
/// returned to the client) instead of failing the push.
async fn apply_one(
    connection: &mut AnyConnection,
    actor: &Actor,
    client_id: ClientId,
    mutation: &Mutation,
    now: DateTime<Utc>,
    push: &mut PushProgress,
    later: Option<&mut LeadWrites>,
) -> Result<(), AppError> {
    let PushProgress {
        rejected,
        known_leads,
    } = push;
    match apply_operation(
        connection,
        actor,
        &mutation.operation,
        now,
        known_leads,
        later,
    )
    .await
    {
        Ok(()) => Ok(()),
        Err(WriteError::Refused(error)) => {
            let reason = serde_json::to_string(&error).unwrap_or_default();
            sqlx::query("INSERT INTO rejected_mutations (client_id, mutation_id, reason, created_at) VALUES ($1, $2, $3, $4)")
                .bind(client_id.0.to_string())
                .bind(i64::try_from(mutation.id).unwrap_or(i64::MAX))
                .bind(reason)
                .bind(instant_text(now))
                .execute(&mut *connection)
                .await?;
            rejected.push(RejectedMutation {
                mutation_id: mutation.id,
                error,
            });
            Ok(())
        }
        Err(WriteError::Database(error)) => Err(error.into()),
    }
}

/// What applying a push has gathered so far: the refusals to answer with,
/// and the leads read at its start that nothing has written since.
struct PushProgress {
    rejected: Vec<RejectedMutation>,
    known_leads: KnownLeads,
}

/// Writes everything a push held back, before anything else reads: the lead
/// updates, then the new activities of the person's own in one round trip,
/// then each of the other activities through the full checks, in their
/// original order.
async fn send_held_writes(
    connection: &mut AnyConnection,
    actor: &Actor,
    client_id: ClientId,
    lead_writes: &mut LeadWrites,
    waiting: &mut Vec<&Mutation>,
    now: DateTime<Utc>,
    push: &mut PushProgress,
) -> Result<(), AppError> {
    lead_writes.flush(connection).await?;
    if waiting.is_empty() {
        return Ok(());
    }
    let own = Owner {
        user_id: actor.user_id,
        team_id: actor.team_id,
    };
    let mut fast = Vec::new();
    if actor.can_write(&own) {
        let mut ids = std::collections::HashSet::new();
        for mutation in waiting.iter() {
            if let Operation::LogActivity { draft } = &mutation.operation
                && let Ok(valid) = draft.validate()
                && ids.insert(valid.id)
            {
                let done_at = valid.done.then_some(now);
                fast.push((valid, done_at));
            }
        }
    }
    let written = crate::store::activities::insert_new_own_activities_in(
        connection,
        &fast,
        actor.user_id,
        now,
    )
    .await?;
    for mutation in waiting.drain(..) {
        let done = match &mutation.operation {
            Operation::LogActivity { draft } => written.contains(&draft.id),
            _ => false,
        };
        if !done {
            apply_one(connection, actor, client_id, mutation, now, push, None).await?;
        }
    }
    Ok(())
}

/// The leads among `created` whose phone or e-mail matches another live
/// lead of the person's team (or their own, without a team), in one query.
/// Leads created in the same push are not compared with each other: the
/// device already warned about those while they were typed.
async fn possible_duplicates_in(
    connection: &mut AnyConnection,
    actor: &Actor,
    created: &[LeadId],
) -> Result<Vec<PossibleDuplicate>, AppError> {
    if created.is_empty() {
        return Ok(Vec::new());
    }
    let mut found = Vec::new();
    // SQLite allows 32,766 parameters; each id appears three times. For
    // each new lead only the oldest match by phone and the oldest by e-mail
    // are looked up (index `leads_phone_created` / `leads_email_created`),
    // so a push of many leads sharing a switchboard number costs one index
    // step per lead, not one row per pair of leads.
    for chunk in created.chunks(10_000) {
        let placeholders = vec!["?"; chunk.len()].join(", ");
        let oldest_match = |column: &str| {
            format!(
                "SELECT k.id FROM leads AS k JOIN users AS o ON o.id = k.owner_id \
                 WHERE k.{column} = f.{column} AND k.deleted = 0 AND k.id NOT IN ({placeholders}) \
                   AND (o.team_id = ? OR k.owner_id = ?) \
                 ORDER BY k.created_at LIMIT 1"
            )
        };
        let sql = format!(
            "WITH fresh AS (SELECT id, name, phone, email FROM leads WHERE id IN ({placeholders})), \
             matches AS ( \
                 SELECT f.id AS fresh_id, 0 AS on_email, ({by_phone}) AS known_id FROM fresh AS f WHERE f.phone != '' \
                 UNION ALL \
                 SELECT f.id, 1, ({by_email}) FROM fresh AS f WHERE f.email != '') \
             SELECT f.id, f.name, known.id, known.name, owner.display_name, \
                    CASE WHEN m.on_email = 1 THEN 'email' ELSE 'phone' END \
             FROM matches AS m JOIN fresh AS f ON f.id = m.fresh_id \
             JOIN leads AS known ON known.id = m.known_id \
             JOIN users AS owner ON owner.id = known.owner_id \
             ORDER BY f.id, known.created_at, m.on_email",
            by_phone = oldest_match("phone"),
            by_email = oldest_match("email"),
        );
        let mut query = sqlx::query_as::<_, (String, String, String, String, String, String)>(
            crate::store::Backend::of_connection(connection).assembled(sql),
        );
        // In the order of the text: the ids of `fresh`, then for the phone
        // and the e-mail lookup the ids again, the team and the person.
        for id in chunk {
            query = query.bind(id);
        }
        for _ in 0..2 {
            for id in chunk {
                query = query.bind(id);
            }
            query = query.bind(actor.team_id).bind(actor.user_id);
        }
        let rows = query.fetch_all(&mut *connection).await?;
        for (lead_id, lead_name, existing_id, existing_name, owner_name, matched_on) in rows {
            let (Ok(lead_id), Ok(existing_lead_id)) = (lead_id.parse(), existing_id.parse()) else {
                continue;
            };
            // One notice per new lead: the oldest match is the one to open.
            if found
                .iter()
                .any(|known: &PossibleDuplicate| known.lead_id == lead_id)
            {
                continue;
            }
            found.push(PossibleDuplicate {
                lead_id,
                lead_name,
                existing_lead_id,
                existing_lead_name: existing_name,
                existing_owner_name: owner_name,
                matched_on,
            });
        }
    }
    Ok(found)
}

impl Store {
    /// Applies a push in one transaction: mutations already applied are
    /// skipped, a gap stops the push, each operation is checked for access
    /// and validity, a refused one is recorded as rejected and still counts as
    /// applied, and the client's last mutation id moves with the writes.
    pub async fn apply_push(
        &self,
        actor: &Actor,
        client_id: ClientId,
        mutations: &[Mutation],
    ) -> Result<PushResponse, AppError> {
        let now = Utc::now();
        let mut transaction = self.write().await?;
        let last = client_last_mutation(&mut transaction, client_id, actor, now).await?;
        let rejected = Vec::new();
        // Every lead this push updates, in one query instead of one per update.
        let updated: Vec<LeadId> = mutations
            .iter()
            .filter(|mutation| mutation.id > last)
            .filter_map(|mutation| match &mutation.operation {
                Operation::UpdateLead { id, .. } => Some(*id),
                _ => None,
            })
            .collect();
        let known_leads = crate::store::leads::leads_in(&mut transaction, &updated).await?;
        let read_at_start = known_leads.keys().copied().collect();
        let plan = plan_push(mutations, last, &read_at_start, actor, now);
        let mut push = PushProgress {
            rejected,
            known_leads,
        };
        // What waits for the next `SendHeld`.
        let mut waiting: Vec<&Mutation> = Vec::new();
        let mut lead_writes = LeadWrites::default();
        for step in plan.steps {
            match step {
                Step::HoldActivity(index) => waiting.push(&mutations[index]),
                Step::HoldLeadUpdate(index) => {
                    apply_one(
                        &mut transaction,
                        actor,
                        client_id,
                        &mutations[index],
                        now,
                        &mut push,
                        Some(&mut lead_writes),
                    )
                    .await?;
                }
                Step::SendHeld => {
                    send_held_writes(
                        &mut transaction,
                        actor,
                        client_id,
                        &mut lead_writes,
                        &mut waiting,
                        now,
                        &mut push,
                    )
                    .await?;
                }
                Step::InsertNewLeads { first, leads } => {
                    let existing = crate::store::leads::insert_new_leads_in(
                        &mut transaction,
                        &leads,
                        actor.user_id,
                        now,
                    )
                    .await?;
                    for (offset, new_lead) in leads.iter().enumerate() {
                        push.known_leads.remove(&new_lead.lead.id);
                        if existing.contains(&new_lead.lead.id) {
                            // Not new after all: the full checks decide.
                            apply_one(
                                &mut transaction,
                                actor,
                                client_id,
                                &mutations[first + offset],
                                now,
                                &mut push,
                                None,
                            )
                            .await?;
                        }
                    }
                }
                Step::Apply(index) => {
                    apply_one(
                        &mut transaction,
                        actor,
                        client_id,
                        &mutations[index],
                        now,
                        &mut push,
                        None,
                    )
                    .await?;
                }
            }
        }
        let (last, stopped_at_gap) = (plan.last_applied, plan.stopped_at_gap);
        let created: Vec<LeadId> = mutations
            .iter()
            .filter(|mutation| mutation.id <= last)
            .filter(|mutation| {
                !push
                    .rejected
                    .iter()
                    .any(|refused| refused.mutation_id == mutation.id)
            })
            .filter_map(|mutation| match &mutation.operation {
                Operation::CreateLead { draft } => Some(draft.id),
                _ => None,
            })
            .collect();
        let possible_duplicates = possible_duplicates_in(&mut transaction, actor, &created).await?;
        sqlx::query(
            "UPDATE sync_clients SET last_mutation_id = $1, updated_at = $2, last_push_left_pending = $3 \
             WHERE client_id = $4",
        )
        .bind(i64::try_from(last).unwrap_or(i64::MAX))
        .bind(instant_text(now))
        // A gap, or a full batch: the device has more waiting.
        .bind(i64::from(
            stopped_at_gap || mutations.len() >= crate::sync::protocol::MAX_BATCH,
        ))
        .bind(client_id.0.to_string())
        .execute(&mut *transaction)
        .await?;
        transaction.commit().await?;
        Ok(PushResponse {
            last_mutation_id: last,
            rejected: push.rejected,
            stopped_at_gap,
            possible_duplicates,
        })
    }
}

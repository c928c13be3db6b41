//! Imported leads in SQL: which phones and e-mails a team's leads already
//! use, each rep's open-lead count for the distribution rules, whose turn
//! the round robin is, and the import itself (leads and their assignment
//! log in the caller's one transaction).

use super::checked::NewLead;
use super::leads::insert_new_leads_in;
use super::{Store, StoreResult, instant_text};
use crate::domain::availability::{USUAL_CAPACITY, away_until};
use crate::domain::distribution::{Candidate, DistributionRule, RepLoad};
use crate::domain::lead_import::IdentityKey;
use crate::domain::{Choice, LeadId, TeamId, UserId};
use crate::store::columns::StoredCount;
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;
use std::collections::{HashMap, HashSet};

/// Keys looked up per statement (two lists of this many placeholders).
const KEYS_PER_QUERY: usize = 400;
/// Leads inserted per statement (17 values each).
const LEADS_PER_INSERT: usize = 500;

/// One lead handed to a rep, for the assignment log.
pub struct Assignment {
    pub lead_id: LeadId,
    pub from_user: Option<UserId>,
    pub to_user: UserId,
    /// `None`: the manager chose the rep.
    pub rule: Option<DistributionRule>,
}

impl Store {
    /// The team's active reps with their open leads, by name.
    pub async fn rep_loads(&self, team_id: TeamId) -> StoreResult<Vec<RepLoad>> {
        let mut connection = self.pool().acquire().await?;
        rep_loads_in(&mut connection, team_id).await
    }

    /// Which of `keys` a live lead of the team already has.
    pub async fn taken_identities(
        &self,
        team_id: TeamId,
        keys: &[IdentityKey],
    ) -> StoreResult<HashSet<IdentityKey>> {
        let mut connection = self.pool().acquire().await?;
        taken_identities_in(&mut connection, team_id, keys).await
    }
}

/// Like `Store::rep_loads`, inside a caller's transaction.
pub(crate) async fn rep_loads_in(
    connection: &mut AnyConnection,
    team_id: TeamId,
) -> StoreResult<Vec<RepLoad>> {
    let rows: Vec<(UserId, String, Option<i64>, StoredCount)> = sqlx::query_as(
        "SELECT u.id, u.display_name, u.lead_capacity, \
             (SELECT COUNT(*) FROM leads l WHERE l.owner_id = u.id AND l.deleted = 0 \
                 AND l.stage NOT IN ('won', 'lost')) AS open_leads \
         FROM users u WHERE u.team_id = $1 AND u.role = 'rep' AND u.active = 1 AND u.deleted = 0 \
         ORDER BY u.display_name, u.id",
    )
    .bind(team_id)
    .fetch_all(&mut *connection)
    .await?;
    let mut loads: Vec<RepLoad> = rows
        .into_iter()
        .map(|(user_id, display_name, capacity, open_leads)| RepLoad {
            user_id,
            display_name,
            open_leads: open_leads.into(),
            capacity: capacity.and_then(|capacity| u32::try_from(capacity).ok()),
            away_until: None,
        })
        .collect();
    // Away is judged on the team's today, in its time zone.
    let today = super::time_zones::stored_zone(connection, team_id)
        .await?
        .unwrap_or_default()
        .local_day(Utc::now());
    let ids: Vec<UserId> = loads.iter().map(|rep| rep.user_id).collect();
    let absences = super::availability::absences_from(connection, &ids, today).await?;
    for rep in &mut loads {
        rep.away_until = absences
            .get(&rep.user_id)
            .and_then(|theirs| away_until(theirs, today));
    }
    Ok(loads)
}

/// Like `Store::taken_identities`, inside a caller's transaction.
pub(crate) async fn taken_identities_in(
    connection: &mut AnyConnection,
    team_id: TeamId,
    keys: &[IdentityKey],
) -> StoreResult<HashSet<IdentityKey>> {
    let phones: Vec<&str> = keys
        .iter()
        .filter_map(|key| match key {
            IdentityKey::Phone(phone) => Some(phone.as_str()),
            IdentityKey::Email(_) => None,
        })
        .collect();
    let emails: Vec<&str> = keys
        .iter()
        .filter_map(|key| match key {
            IdentityKey::Email(email) => Some(email.as_str()),
            IdentityKey::Phone(_) => None,
        })
        .collect();
    let mut taken = HashSet::new();
    for (column, values, make) in [
        (
            "phone",
            phones,
            IdentityKey::Phone as fn(String) -> IdentityKey,
        ),
        (
            "email",
            emails,
            IdentityKey::Email as fn(String) -> IdentityKey,
        ),
    ] {
        for chunk in values.chunks(KEYS_PER_QUERY) {
            let placeholders = vec!["?"; chunk.len()].join(", ");
            // Uses the (phone, created_at) and (email, created_at) indexes.
            let mut query = sqlx::query_scalar::<_, String>(
                crate::store::Backend::of_connection(connection).assembled(format!(
                    "SELECT DISTINCT l.{column} FROM leads l JOIN users u ON u.id = l.owner_id \
                 WHERE l.{column} IN ({placeholders}) AND l.deleted = 0 AND u.team_id = ?"
                )),
            );
            for value in chunk {
                query = query.bind(value.to_string());
            }
            for found in query.bind(team_id).fetch_all(&mut *connection).await? {
                taken.insert(make(found));
            }
        }
    }
    Ok(taken)
}

/// Who received the team's last round-robin lead, so the next batch
/// continues the round. Assignments of one batch share their time; their
/// ids (UUIDv7, increasing within a process) keep the order they were made in.
pub(crate) async fn last_round_robin_turn_in(
    connection: &mut AnyConnection,
    team_id: TeamId,
) -> StoreResult<Option<UserId>> {
    sqlx::query_scalar(
        "SELECT to_user_id FROM lead_assignments WHERE team_id = $1 AND rule = 'round_robin' \
         ORDER BY assigned_at DESC, id DESC LIMIT 1",
    )
    .bind(team_id)
    .fetch_optional(&mut *connection)
    .await
}

/// The team's live open leads among `ids`, or all open leads of `owner`,
/// with their owners; `None` when an id is not a live lead of the team (the
/// caller refuses the whole request).
pub(crate) async fn open_team_leads_in(
    connection: &mut AnyConnection,
    team_id: TeamId,
    ids: Option<&[LeadId]>,
    owner: Option<UserId>,
) -> StoreResult<Option<Vec<(crate::domain::Lead, crate::domain::access::Owner)>>> {
    use super::leads::{LEAD_SELECT, lead_from_row, owner_from_row};
    let mut found = Vec::new();
    if let Some(owner) = owner {
        let rows = sqlx::query(crate::store::Backend::of_connection(connection).assembled(
            format!(
                "{LEAD_SELECT} WHERE l.owner_id = ? AND u.team_id = ? AND l.deleted = 0 \
             AND l.stage NOT IN ('won', 'lost') ORDER BY l.created_at, l.id"
            ),
        ))
        .bind(owner)
        .bind(team_id)
        .fetch_all(&mut *connection)
        .await?;
        for row in rows {
            found.push((lead_from_row(&row)?, owner_from_row(&row)?));
        }
    }
    for chunk in ids.unwrap_or_default().chunks(KEYS_PER_QUERY) {
        let placeholders = vec!["?"; chunk.len()].join(", ");
        let mut query = sqlx::query(crate::store::Backend::of_connection(connection).assembled(
            format!(
                "{LEAD_SELECT} WHERE l.id IN ({placeholders}) AND u.team_id = ? AND l.deleted = 0"
            ),
        ));
        for id in chunk {
            query = query.bind(id);
        }
        let rows = query.bind(team_id).fetch_all(&mut *connection).await?;
        if rows.len() != chunk.iter().collect::<HashSet<_>>().len() {
            return Ok(None);
        }
        for row in rows {
            found.push((lead_from_row(&row)?, owner_from_row(&row)?));
        }
    }
    Ok(Some(found))
}

/// Whether `user` belongs to the team (active or not: a departed rep's
/// leads are handed over after they are deactivated).
pub(crate) async fn is_team_member_in(
    connection: &mut AnyConnection,
    team_id: TeamId,
    user: UserId,
) -> StoreResult<bool> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM users WHERE id = $1 AND team_id = $2 AND deleted = 0")
            .bind(user)
            .bind(team_id)
            .fetch_optional(&mut *connection)
            .await?;
    Ok(found.is_some())
}

/// Logs assignments of existing leads (their owners already changed).
pub(crate) async fn log_assignments_in(
    connection: &mut AnyConnection,
    team_id: TeamId,
    log: &[Assignment],
    assigned_by: UserId,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let batch = uuid::Uuid::now_v7().to_string();
    let at = instant_text(now);
    for chunk in log.chunks(LEADS_PER_INSERT) {
        let rows = vec!["(?, ?, ?, ?, ?, ?, ?, ?, ?)"; chunk.len()].join(", ");
        let mut insert = sqlx::query(crate::store::Backend::of_connection(connection).assembled(format!(
            "INSERT INTO lead_assignments (id, lead_id, team_id, from_user_id, to_user_id, rule, batch, \
                 assigned_by, assigned_at) VALUES {rows}"
        )));
        for assignment in chunk {
            insert = insert
                .bind(uuid::Uuid::now_v7().to_string())
                .bind(assignment.lead_id)
                .bind(team_id)
                .bind(assignment.from_user)
                .bind(assignment.to_user)
                .bind(assignment.rule.map_or("chosen", DistributionRule::as_str))
                .bind(batch.clone())
                .bind(assigned_by)
                .bind(at.clone());
        }
        insert.execute(&mut *connection).await?;
    }
    Ok(())
}

/// One open lead of a team handed to another rep of the same team.
pub(crate) struct Move {
    pub lead_id: LeadId,
    pub from_user: UserId,
    pub to_user: UserId,
}

/// Hands open leads of one team to other reps of the same team in a few
/// statements per 500 leads, in the caller's transaction: each lead gets
/// its new owner and a new version, and a scope exit (with a version after
/// it) tells the previous owner's devices to drop it, as a reassignment
/// one by one does. The caller has checked that every lead is a live open
/// lead of the team, every new owner one of its reps, and that it manages
/// the team: a manager may write every lead of their team.
pub(crate) async fn reassign_team_leads_in(
    connection: &mut AnyConnection,
    moves: &[Move],
    now: DateTime<Utc>,
) -> StoreResult<()> {
    if moves.is_empty() {
        return Ok(());
    }
    // Two versions per lead, reserved in one step: the lead's, then its exit's.
    let count = i64::try_from(moves.len()).unwrap_or(i64::MAX / 4);
    let last: i64 = sqlx::query_scalar(
        "UPDATE sync_state SET last_version = last_version + $1 WHERE id = 1 RETURNING last_version",
    )
    .bind(2 * count)
    .fetch_one(&mut *connection)
    .await?;
    let first = last - 2 * count + 1;
    let at = instant_text(now);
    let mut offset = 0_i64;
    for chunk in moves.chunks(LEADS_PER_INSERT) {
        let rows = vec!["(?, ?, ?)"; chunk.len()].join(", ");
        let mut update = sqlx::query(crate::store::Backend::of_connection(connection).assembled(format!(
            "UPDATE leads SET owner_id = moves.column2, version = moves.column3, updated_at = ? \
             FROM (VALUES {rows}) AS moves WHERE leads.id = moves.column1"
        )))
        .bind(at.clone());
        let exits = vec!["(?, ?, NULL, ?, ?)"; chunk.len()].join(", ");
        let mut insert_exits = sqlx::query(crate::store::Backend::of_connection(connection).assembled(format!(
            "INSERT INTO scope_exits (lead_id, user_id, team_id, version, created_at) VALUES {exits}"
        )));
        for (index, moved) in chunk.iter().enumerate() {
            let version = first + 2 * (offset + i64::try_from(index).unwrap_or(0));
            update = update.bind(moved.lead_id).bind(moved.to_user).bind(version);
            insert_exits = insert_exits
                .bind(moved.lead_id)
                .bind(moved.from_user)
                .bind(version + 1)
                .bind(at.clone());
        }
        update.execute(&mut *connection).await?;
        insert_exits.execute(&mut *connection).await?;
        offset += i64::try_from(chunk.len()).unwrap_or(0);
    }
    Ok(())
}

/// The candidates for a distribution: the chosen reps of the team with
/// their open leads (reps not chosen count as away).
pub(crate) fn candidates(loads: &[RepLoad], chosen: &[UserId]) -> Vec<Candidate> {
    loads
        .iter()
        .map(|rep| Candidate {
            user_id: rep.user_id,
            open_leads: rep.open_leads,
            capacity: u64::from(rep.capacity.unwrap_or(USUAL_CAPACITY)),
            absent: !chosen.contains(&rep.user_id) || rep.away_until.is_some(),
        })
        .collect()
}

/// Inserts imported leads (already checked: valid, new ids, owners in the
/// team) and logs who received each, in the caller's transaction.
pub(crate) async fn insert_imported_leads_in(
    connection: &mut AnyConnection,
    team_id: TeamId,
    leads: Vec<(NewLead, Assignment)>,
    assigned_by: UserId,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let mut by_owner: HashMap<UserId, Vec<NewLead>> = HashMap::new();
    let mut log = Vec::with_capacity(leads.len());
    for (lead, assignment) in leads {
        by_owner.entry(assignment.to_user).or_default().push(lead);
        log.push(assignment);
    }
    let mut owners: Vec<UserId> = by_owner.keys().copied().collect();
    owners.sort();
    for owner in owners {
        let owned = by_owner.remove(&owner).unwrap_or_default();
        for chunk in owned.chunks(LEADS_PER_INSERT) {
            insert_new_leads_in(connection, chunk, owner, now).await?;
        }
    }
    log_assignments_in(connection, team_id, &log, assigned_by, now).await?;
    Ok(())
}

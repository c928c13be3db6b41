//! Paging through the changes a reader may see, in one read transaction:
//! leads and activities in scope, the team's goals, plans and kudos,
//! tombstones for rows that left the reader's scope, and resets when the
//! device's rows follow an older scope.

use crate::domain::access::Actor;
use crate::store::{Store, StoreResult};
use crate::sync::protocol::{Change, ClientId, PullResponse};
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

/// A team-scoped synced table as a pull reads it: its select and the
/// alias its columns go by.
struct TeamRows {
    select: &'static str,
    alias: &'static str,
}

const GOAL_ROWS: TeamRows = TeamRows {
    select: crate::store::goals::GOAL_SELECT,
    alias: "g",
};
const PLAN_ROWS: TeamRows = TeamRows {
    select: crate::store::pay::PLAN_SELECT,
    alias: "p",
};
const KUDOS_ROWS: TeamRows = TeamRows {
    select: crate::store::pay::KUDOS_SELECT,
    alias: "k",
};

/// Rows of a team-scoped table changed after `after`, oldest first: one
/// team's (`team_filter`), or every team's for an admin (`None`).
async fn team_rows_after(
    connection: &mut AnyConnection,
    table: TeamRows,
    team_filter: Option<&str>,
    after: i64,
    fetch: i64,
) -> StoreResult<Vec<sqlx::any::AnyRow>> {
    let TeamRows { select, alias } = table;
    let sql = format!(
        "{select} WHERE {alias}.version > ? AND (? IS NULL OR {alias}.team_id = ?) \
         ORDER BY {alias}.version LIMIT ?"
    );
    sqlx::query(crate::store::Backend::of_connection(connection).assembled(sql))
        .bind(after)
        .bind(team_filter)
        .bind(team_filter)
        .bind(fetch)
        .fetch_all(&mut *connection)
        .await
}

/// A tombstone for a lead that left the reader's scope: only the id and
/// version mean anything; the content is blank on purpose.
fn left_scope(id: crate::domain::LeadId, version: i64) -> crate::domain::Lead {
    use crate::domain::{Currency, CustomerKind, LeadSource, LeadStage, UserId};
    crate::domain::Lead {
        event_id: None,
        id,
        owner_id: UserId(uuid::Uuid::nil()),
        owner_name: String::new(),
        name: String::new(),
        company: String::new(),
        phone: String::new(),
        email: String::new(),
        source: LeadSource::Other,
        stage: LeadStage::New,
        estimated_value: 0,
        currency: Currency::Usd,
        customer_kind: CustomerKind::New,
        won_amount: None,
        closed_at: None,
        lost_reason: String::new(),
        created_at: DateTime::<Utc>::UNIX_EPOCH,
        updated_at: DateTime::<Utc>::UNIX_EPOCH,
        version,
        deleted: true,
    }
}

impl Store {
    /// Up to `limit` changes after `cursor` that the actor may see, in
    /// version order, tombstones included, with the client's last applied
    /// mutation id read in the same transaction. An unknown cursor (ahead of
    /// the server) is answered with a reset: a snapshot from version 0. So
    /// is a device whose rows follow an older scope stamp (`held_scope`)
    /// than the reader's: its person moved team or changed role, or their
    /// team's members changed (migration 0020), so rows it holds may be out
    /// of scope and rows now in scope may be older than its cursor.
    pub async fn pull(
        &self,
        actor: &Actor,
        client_id: ClientId,
        cursor: i64,
        held_scope: Option<i64>,
        limit: usize,
    ) -> StoreResult<PullResponse> {
        let mut transaction = self.read().await?;
        // The newest version and the reader's scope stamp in one statement:
        // pulls are the most frequent request, and each statement costs a
        // round trip to SQLite's worker thread.
        let (newest, scope_stamp): (i64, i64) = sqlx::query_as(
            "SELECT last_version, COALESCE((SELECT MAX(u.scope_version, COALESCE(t.scope_version, 0)) \
             FROM users u LEFT JOIN teams t ON t.id = u.team_id WHERE u.id = $1), 0) \
             FROM sync_state WHERE id = 1",
        )
        .bind(actor.user_id)
        .fetch_one(&mut *transaction)
        .await?;
        let scope_changed = held_scope.is_some_and(|held| held < scope_stamp);
        let reset = cursor < 0 || cursor > newest || scope_changed;
        let after = if reset { 0 } else { cursor };
        let last_mutation_id: i64 = sqlx::query_scalar(
            "SELECT last_mutation_id FROM sync_clients WHERE client_id = $1 AND user_id = $2",
        )
        .bind(client_id.0.to_string())
        .bind(actor.user_id)
        .fetch_optional(&mut *transaction)
        .await?
        .unwrap_or(0);

        let scope = actor.read_scope();
        let fetch = i64::try_from(limit + 1).unwrap_or(i64::MAX);
        // (version, visible change): rows the actor may not see still count
        // for paging, so the cursor never skips a row.
        let mut found: Vec<(i64, Option<Change>)> = Vec::new();
        let (filter, parameter) = crate::store::scope_filter(scope, "l.owner_id");
        let sql = format!(
            "{} WHERE {filter} AND l.version > ? ORDER BY l.version LIMIT ?",
            crate::store::leads::LEAD_SELECT
        );
        let mut query = sqlx::query(self.backend().assembled(sql));
        if let Some(parameter) = parameter {
            query = query.bind(parameter);
        }
        for row in query
            .bind(after)
            .bind(fetch)
            .fetch_all(&mut *transaction)
            .await?
        {
            let lead = crate::store::leads::lead_from_row(&row)?;
            found.push((lead.version, Some(Change::Lead(lead))));
        }
        let (filter, parameter) = crate::store::scope_filter(scope, "a.owner_id");
        let sql = format!(
            "{} WHERE {filter} AND a.version > ? ORDER BY a.version LIMIT ?",
            crate::store::activities::ACTIVITY_SELECT
        );
        let mut query = sqlx::query(self.backend().assembled(sql));
        if let Some(parameter) = parameter {
            query = query.bind(parameter);
        }
        for row in query
            .bind(after)
            .bind(fetch)
            .fetch_all(&mut *transaction)
            .await?
        {
            let activity = crate::store::activities::activity_from_row(&row)?;
            found.push((activity.version, Some(Change::Activity(activity))));
        }
        // No team: an empty id, which no goal has.
        let team_filter = match actor.member_teams().filter() {
            Some(teams) => teams.map(|team_id| team_id.to_string()),
            None => Some(String::new()),
        };
        let team_filter = team_filter.as_deref();
        for row in team_rows_after(&mut transaction, GOAL_ROWS, team_filter, after, fetch).await? {
            let goal = crate::store::goals::goal_from_row(&row)?;
            let visible = actor.can_read_goal(goal.team_id, goal.scope, goal.subject_id);
            found.push((goal.version, visible.then_some(Change::Goal(goal))));
        }
        // Plans and kudos: everyone on the team reads them (protocol 2).
        for row in team_rows_after(&mut transaction, PLAN_ROWS, team_filter, after, fetch).await? {
            let plan = crate::store::pay::plan_from_row(&row)?;
            found.push((plan.version, Some(Change::Plan(plan))));
        }
        for row in team_rows_after(&mut transaction, KUDOS_ROWS, team_filter, after, fetch).await? {
            let kudos = crate::store::pay::kudos_from_row(&row)?;
            found.push((kudos.version, Some(Change::Kudos(kudos))));
        }
        // Leads that left the actor's scope since the cursor: tombstones
        // with no content (the actor may no longer read it).
        let exits = match scope {
            crate::domain::access::ReadScope::Own(user) => Some(("user_id", user.to_string())),
            crate::domain::access::ReadScope::Team(team) => Some(("team_id", team.to_string())),
            crate::domain::access::ReadScope::Everything => None,
        };
        if let Some((column, subject)) = exits {
            let rows: Vec<(crate::domain::LeadId, i64)> = sqlx::query_as(self.backend().assembled(format!(
                "SELECT lead_id, version FROM scope_exits WHERE {column} = ? AND version > ? ORDER BY version LIMIT ?"
            )))
            .bind(subject)
            .bind(after)
            .bind(fetch)
            .fetch_all(&mut *transaction)
            .await?;
            for (lead_id, version) in rows {
                found.push((version, Some(Change::Lead(left_scope(lead_id, version)))));
            }
        }
        transaction.commit().await?;

        found.sort_by_key(|(version, _)| *version);
        let more = found.len() > limit;
        found.truncate(limit);
        let cursor = if more {
            found.last().map_or(after, |(version, _)| *version)
        } else {
            newest
        };
        let changes = found.into_iter().filter_map(|(_, change)| change).collect();
        if !more {
            self.note_pull(client_id, actor.user_id);
        }
        Ok(PullResponse {
            reset,
            changes,
            cursor,
            last_mutation_id: u64::try_from(last_mutation_id).unwrap_or(0),
            more,
            scope: scope_stamp,
        })
    }
}

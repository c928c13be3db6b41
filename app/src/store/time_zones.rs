//! Team time zones in the database: the offsets each team's zone has had
//! (`zone_offsets`, read by the day roll-up triggers of migration 0015) and
//! the recount of a team's day roll-ups when its zone changes, so every row
//! is keyed by the team's local day. The rules come from the IANA database
//! (`chrono-tz`), learned into `domain::time_zone::UtcOffsets`.

use super::{Store, StoreResult, instant_text};
use crate::domain::period::Calendar;
use crate::domain::time_zone::{UtcOffsets, default_zone};
use crate::domain::{TeamId, UserId};
use chrono::{DateTime, Offset, TimeZone, Utc};
use sqlx::AnyConnection;

/// How `zone_offsets.from_utc` spells "from the beginning".
const FAR_PAST: &str = "0000-01-01T00:00:00.000Z";

/// The team's local day of `{row}.{column}`, as the triggers compute it.
fn local_day_sql(row: &str, column: &str) -> String {
    format!(
        "date({row}.{column}, COALESCE((SELECT z.offset_minutes FROM users u \
         JOIN zone_offsets z ON z.team_id = u.team_id WHERE u.id = {row}.owner_id \
         AND z.from_utc <= {row}.{column} ORDER BY z.from_utc DESC LIMIT 1), 0) || ' minutes')"
    )
}

/// The offsets of an IANA zone from 2000 to 2050 (beyond, the nearest
/// known offset applies); `None` for a name the database does not know.
pub fn zone_offsets_of(name: &str) -> Option<UtcOffsets> {
    // Learning a zone asks its rules ~18,000 times: once per zone and
    // process is enough (every store opened in a test run shares it).
    static LEARNED: std::sync::OnceLock<
        std::sync::Mutex<std::collections::HashMap<String, Option<UtcOffsets>>>,
    > = std::sync::OnceLock::new();
    let learned = LEARNED.get_or_init(Default::default);
    if let Some(known) = learned.lock().ok()?.get(name) {
        return known.clone();
    }
    let offsets = learn_zone(name);
    if let Ok(mut learned) = learned.lock() {
        learned.insert(name.to_string(), offsets.clone());
    }
    offsets
}

fn learn_zone(name: &str) -> Option<UtcOffsets> {
    let zone: chrono_tz::Tz = name.parse().ok()?;
    let from = Utc.with_ymd_and_hms(2000, 1, 1, 0, 0, 0).single()?;
    let until = Utc.with_ymd_and_hms(2050, 1, 1, 0, 0, 0).single()?;
    Some(UtcOffsets::learn(from, until, |seconds| {
        DateTime::from_timestamp(seconds, 0)
            .map(|instant| {
                zone.offset_from_utc_datetime(&instant.naive_utc())
                    .fix()
                    .local_minus_utc()
                    / 60
            })
            .unwrap_or(0)
    }))
}

/// The zone a team counts its days in: the one chosen, else its calendar's.
pub fn zone_name_of(chosen: Option<&str>, calendar: Option<Calendar>) -> String {
    chosen
        .filter(|name| !name.is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| default_zone(calendar).to_string())
}

impl Store {
    /// The offsets a team's days are counted with (UTC for no team).
    pub async fn team_zone(&self, team_id: Option<TeamId>) -> StoreResult<UtcOffsets> {
        let Some(team_id) = team_id else {
            return Ok(UtcOffsets::default());
        };
        let mut connection = self.pool().acquire().await?;
        Ok(stored_zone(&mut connection, team_id)
            .await?
            .unwrap_or_default())
    }

    /// Brings every team's stored offsets up to its zone's rules (at start:
    /// a new migration, a new rules database, or a team saved before zones
    /// existed), recounting the day roll-ups of each team that changed.
    pub async fn settle_time_zones(&self) -> StoreResult<()> {
        let teams: Vec<(TeamId, Option<Calendar>, Option<String>)> =
            sqlx::query_as("SELECT id, calendar, time_zone FROM teams WHERE deleted = 0")
                .fetch_all(self.pool())
                .await?;
        for (team_id, calendar, chosen) in teams {
            let wanted =
                zone_offsets_of(&zone_name_of(chosen.as_deref(), calendar)).unwrap_or_default();
            let mut transaction = self.write().await?;
            settle_team_zone(&mut transaction, team_id, &wanted).await?;
            transaction.commit().await?;
        }
        Ok(())
    }
}

/// The offsets stored for a team, if any.
pub(crate) async fn stored_zone(
    connection: &mut AnyConnection,
    team_id: TeamId,
) -> StoreResult<Option<UtcOffsets>> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT from_utc, offset_minutes FROM zone_offsets WHERE team_id = $1 ORDER BY from_utc",
    )
    .bind(team_id)
    .fetch_all(&mut *connection)
    .await?;
    let changes = rows
        .into_iter()
        .map(|(from, minutes)| {
            let seconds = if from == FAR_PAST {
                i64::MIN
            } else {
                super::parse_instant(&from)?.timestamp()
            };
            Ok((seconds, i32::try_from(minutes).unwrap_or(0)))
        })
        .collect::<StoreResult<Vec<_>>>()?;
    Ok(UtcOffsets::from_changes(changes))
}

/// Makes a team count its days in `zone`, inside the caller's transaction:
/// when the stored offsets differ, stores the new ones and recounts the
/// team's day roll-ups (a rename leaves them alone).
pub(crate) async fn settle_team_zone(
    connection: &mut AnyConnection,
    team_id: TeamId,
    zone: &UtcOffsets,
) -> StoreResult<()> {
    if stored_zone(&mut *connection, team_id).await?.as_ref() == Some(zone) {
        return Ok(());
    }
    apply_team_zone(connection, team_id, zone).await
}

/// Stores a team's offsets and recounts its members' day roll-ups.
async fn apply_team_zone(
    connection: &mut AnyConnection,
    team_id: TeamId,
    zone: &UtcOffsets,
) -> StoreResult<()> {
    sqlx::query("DELETE FROM zone_offsets WHERE team_id = $1")
        .bind(team_id)
        .execute(&mut *connection)
        .await?;
    for (from, minutes) in zone.changes() {
        let from = match DateTime::from_timestamp(*from, 0) {
            Some(instant) if *from != i64::MIN => instant_text(instant),
            _ => FAR_PAST.to_string(),
        };
        sqlx::query(
            "INSERT INTO zone_offsets (team_id, from_utc, offset_minutes) VALUES ($1, $2, $3)",
        )
        .bind(team_id)
        .bind(from)
        .bind(i64::from(*minutes))
        .execute(&mut *connection)
        .await?;
    }
    recount_day_roll_ups(
        connection,
        "IN (SELECT id FROM users WHERE team_id = ?)",
        &team_id.to_string(),
    )
    .await
}

/// Recounts one person's day roll-ups (after they moved to another team,
/// whose days may start at another hour).
pub(crate) async fn recount_person_days(
    connection: &mut AnyConnection,
    person: UserId,
) -> StoreResult<()> {
    recount_day_roll_ups(connection, "= ?", &person.to_string()).await
}

/// Rebuilds `activity_days`, `closed_days`, the days of
/// `closed_lead_paths` and the tactic report's day roll-ups for the owners
/// matched by `owners` (a constant SQL condition with one bind parameter).
async fn recount_day_roll_ups(
    connection: &mut AnyConnection,
    owners: &str,
    parameter: &str,
) -> StoreResult<()> {
    let activity_day = local_day_sql("a", "occurred_at");
    let closed_day = local_day_sql("l", "closed_at");
    // Revenue in the two exact parts of migration 0018.
    let split = super::MONEY_SPLIT;
    let statements = [
        format!("DELETE FROM activity_days WHERE owner_id {owners}"),
        format!(
            "INSERT INTO activity_days (owner_id, day, calls, meetings, activities) \
             SELECT a.owner_id, {activity_day} AS local_day, CAST(SUM(CASE WHEN a.kind = 'call' THEN 1 ELSE 0 END) AS BIGINT), CAST(SUM(CASE WHEN a.kind = 'meeting' THEN 1 ELSE 0 END) AS BIGINT), COUNT(*) \
             FROM activities a WHERE a.owner_id {owners} AND a.deleted = 0 AND a.occurred_at IS NOT NULL \
               AND a.kind <> 'task' GROUP BY a.owner_id, local_day"
        ),
        format!("DELETE FROM closed_days WHERE owner_id {owners}"),
        format!(
            "INSERT INTO closed_days (owner_id, day, currency, won, lost, new_customers, revenue, revenue_high) \
             SELECT l.owner_id, {closed_day} AS local_day, l.currency, CAST(SUM(CASE WHEN l.stage = 'won' THEN 1 ELSE 0 END) AS BIGINT), CAST(SUM(CASE WHEN l.stage = 'lost' THEN 1 ELSE 0 END) AS BIGINT), \
                    CAST(SUM(CASE WHEN l.stage = 'won' AND l.customer_kind = 'new' THEN 1 ELSE 0 END) AS BIGINT), \
                    CAST(SUM((CASE WHEN l.stage = 'won' THEN COALESCE(l.won_amount, 0) ELSE 0 END) % {split}) AS BIGINT), \
                    CAST(SUM((CASE WHEN l.stage = 'won' THEN COALESCE(l.won_amount, 0) ELSE 0 END) / {split}) AS BIGINT) \
             FROM leads l WHERE l.owner_id {owners} AND l.deleted = 0 AND l.closed_at IS NOT NULL \
               AND l.stage IN ('won', 'lost') GROUP BY l.owner_id, local_day, l.currency"
        ),
        format!(
            "UPDATE closed_lead_paths SET day = (SELECT {closed_day} FROM leads l \
             WHERE l.id = closed_lead_paths.lead_id) WHERE owner_id {owners}"
        ),
        // The tactic report's roll-ups (migration 0035): activities are
        // counted again; first touches take their new day, and their
        // triggers move their share of the reach and revenue days.
        format!("DELETE FROM approach_activity_days WHERE owner_id {owners}"),
        format!(
            "INSERT INTO approach_activity_days (owner_id, day, grouping, approach, activities) \
             SELECT owner_id, local_day, grouping, approach, COUNT(*) FROM ( \
                 SELECT a.owner_id, {activity_day} AS local_day, g.grouping, \
                        CASE g.grouping WHEN 'tactic' THEN a.tactic WHEN 'kind' THEN a.kind \
                             ELSE (SELECT source FROM leads WHERE id = a.lead_id) END AS approach \
                 FROM activities a \
                 CROSS JOIN (SELECT 'tactic' AS grouping UNION ALL SELECT 'kind' UNION ALL SELECT 'source') g \
                 WHERE a.owner_id {owners} AND a.deleted = 0 AND a.occurred_at IS NOT NULL AND a.kind <> 'task') AS touches \
             WHERE approach IS NOT NULL GROUP BY owner_id, local_day, grouping, approach"
        ),
        format!(
            "UPDATE lead_first_touches SET day = {} WHERE owner_id {owners}",
            local_day_sql("lead_first_touches", "occurred_at")
        ),
    ];
    for statement in statements {
        sqlx::query(crate::store::Backend::of_connection(connection).assembled(statement))
            .bind(parameter)
            .execute(&mut *connection)
            .await?;
    }
    Ok(())
}

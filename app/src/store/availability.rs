//! Reps' availability as their manager keeps it: capacities, absences and
//! whether an account is active. Callers check the manager's right to the
//! person first (`Actor::can_manage_person` on `person_standing`).

use super::columns::{StoredCount, StoredFlag};
use super::{Store, StoreResult, date_text, instant_text, next_version};
use crate::domain::availability::{Absence, TeamRep};
use crate::domain::{AbsenceId, Role, TeamId, UserId};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::AnyConnection;
use std::collections::HashMap;

/// A person's team and role: what decides who may manage them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct PersonStanding {
    pub team_id: Option<TeamId>,
    pub role: Role,
}

impl Store {
    /// The team and role of a live account, `None` for an unknown id.
    pub async fn person_standing(&self, user_id: UserId) -> StoreResult<Option<PersonStanding>> {
        sqlx::query_as("SELECT team_id, role FROM users WHERE id = $1 AND deleted = 0")
            .bind(user_id)
            .fetch_optional(self.pool())
            .await
    }

    /// The reps of a team (deactivated ones too, so they can be brought
    /// back and their leads shared) with their open leads, capacity and
    /// the absences not over before `today`.
    pub async fn team_reps(&self, team_id: TeamId, today: NaiveDate) -> StoreResult<Vec<TeamRep>> {
        let mut connection = self.pool().acquire().await?;
        reps_where(&mut connection, RepsOf::Team(team_id), today).await
    }

    /// One rep (any role, for an admin) as the people screen shows them.
    pub async fn team_rep(
        &self,
        user_id: UserId,
        today: NaiveDate,
    ) -> StoreResult<Option<TeamRep>> {
        let mut connection = self.pool().acquire().await?;
        Ok(reps_where(&mut connection, RepsOf::One(user_id), today)
            .await?
            .into_iter()
            .next())
    }

    /// Sets how many open leads a rep can carry (`None`: the usual).
    pub async fn set_lead_capacity(
        &self,
        user_id: UserId,
        capacity: Option<u32>,
    ) -> StoreResult<()> {
        // In a write transaction, so the audit history knows who set it.
        let mut transaction = self.write().await?;
        sqlx::query(
            "UPDATE users SET lead_capacity = $1, updated_at = $2 WHERE id = $3 AND deleted = 0",
        )
        .bind(capacity.map(i64::from))
        .bind(super::instant_text(chrono::Utc::now()))
        .bind(user_id)
        .execute(&mut *transaction)
        .await?;
        transaction.commit().await
    }

    /// Keeps an absence (a second save of the same id changes nothing).
    pub async fn add_absence(
        &self,
        absence: &Absence,
        created_by: UserId,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO absences (id, user_id, starts_on, ends_on, reason, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING",
        )
        .bind(absence.id)
        .bind(absence.user_id)
        .bind(date_text(absence.starts_on))
        .bind(date_text(absence.ends_on))
        .bind(&absence.reason)
        .bind(created_by)
        .bind(instant_text(now))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Whose absence this is, `None` for an unknown id.
    pub async fn absence_person(&self, absence_id: AbsenceId) -> StoreResult<Option<UserId>> {
        sqlx::query_scalar("SELECT user_id FROM absences WHERE id = $1")
            .bind(absence_id)
            .fetch_optional(self.pool())
            .await
    }

    pub async fn remove_absence(&self, absence_id: AbsenceId) -> StoreResult<()> {
        sqlx::query("DELETE FROM absences WHERE id = $1")
            .bind(absence_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Lets a person sign in again, or stops them: a deactivated account's
    /// sessions end at once and its work stays where it is.
    pub async fn set_active(&self, user_id: UserId, active: bool) -> StoreResult<()> {
        let mut transaction = self.write().await?;
        let version = next_version(&mut transaction).await?;
        sqlx::query(
            "UPDATE users SET active = $1, updated_at = $2, version = $3 WHERE id = $4 AND deleted = 0",
        )
        .bind(i64::from(active))
        .bind(instant_text(Utc::now()))
        .bind(version)
        .bind(user_id)
        .execute(&mut *transaction)
        .await?;
        if !active {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(user_id)
                .execute(&mut *transaction)
                .await?;
        }
        transaction.commit().await
    }
}

enum RepsOf {
    Team(TeamId),
    One(UserId),
}

async fn reps_where(
    connection: &mut AnyConnection,
    which: RepsOf,
    today: NaiveDate,
) -> StoreResult<Vec<TeamRep>> {
    let (filter, bound) = match which {
        RepsOf::Team(team_id) => ("u.team_id = ? AND u.role = 'rep'", team_id.to_string()),
        RepsOf::One(user_id) => ("u.id = ?", user_id.to_string()),
    };
    // Id, name, e-mail, active, capacity, open leads.
    type RepRow = (UserId, String, String, StoredFlag, Option<i64>, StoredCount);
    let rows: Vec<RepRow> = sqlx::query_as(
        crate::store::Backend::of_connection(connection).assembled(format!(
            "SELECT u.id, u.display_name, u.email, u.active, u.lead_capacity, \
             (SELECT COUNT(*) FROM leads l WHERE l.owner_id = u.id AND l.deleted = 0 \
                 AND l.stage NOT IN ('won', 'lost')) AS open_leads \
         FROM users u WHERE {filter} AND u.deleted = 0 ORDER BY u.display_name, u.id"
        )),
    )
    .bind(bound)
    .fetch_all(&mut *connection)
    .await?;
    let mut reps: Vec<TeamRep> = rows
        .into_iter()
        .map(
            |(user_id, display_name, email, active, capacity, open_leads)| TeamRep {
                user_id,
                display_name,
                email,
                active: active.into(),
                open_leads: open_leads.into(),
                capacity: capacity.and_then(|capacity| u32::try_from(capacity).ok()),
                absences: Vec::new(),
            },
        )
        .collect();
    let ids: Vec<UserId> = reps.iter().map(|rep| rep.user_id).collect();
    let mut absences = absences_from(connection, &ids, today).await?;
    for rep in &mut reps {
        rep.absences = absences.remove(&rep.user_id).unwrap_or_default();
    }
    Ok(reps)
}

/// The absences of these people that have not ended before `from`,
/// soonest first.
pub(crate) async fn absences_from(
    connection: &mut AnyConnection,
    people: &[UserId],
    from: NaiveDate,
) -> StoreResult<HashMap<UserId, Vec<Absence>>> {
    let mut found: HashMap<UserId, Vec<Absence>> = HashMap::new();
    for chunk in people.chunks(500) {
        if chunk.is_empty() {
            continue;
        }
        let marks = vec!["?"; chunk.len()].join(", ");
        let mut query = sqlx::query_as::<_, Absence>(
            crate::store::Backend::of_connection(connection).assembled(format!(
                "SELECT id, user_id, starts_on, ends_on, reason FROM absences \
             WHERE ends_on >= ? AND user_id IN ({marks}) ORDER BY starts_on, id"
            )),
        )
        .bind(date_text(from));
        for person in chunk {
            query = query.bind(*person);
        }
        for absence in query.fetch_all(&mut *connection).await? {
            found.entry(absence.user_id).or_default().push(absence);
        }
    }
    Ok(found)
}

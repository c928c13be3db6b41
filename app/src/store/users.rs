//! People, teams and sign-in sessions.

use super::{Store, StoreResult, instant_text, next_version};
use crate::domain::access::Owner;
use crate::domain::period::Calendar;
use crate::domain::{Locale, Role, TeamId, TeamMember, UserId, UserProfile};
use chrono::{DateTime, Utc};

/// What sign-in needs to check a password.
#[derive(Debug, sqlx::FromRow)]
pub struct Credentials {
    #[sqlx(rename = "id")]
    pub user_id: UserId,
    pub password_hash: String,
    #[sqlx(try_from = "super::columns::StoredFlag")]
    pub active: bool,
}

/// A person to create (demo data, admin screens).
#[derive(Debug)]
pub struct NewUser<'a> {
    pub id: UserId,
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub team_id: Option<TeamId>,
    pub locale: Locale,
}

const PROFILE_SELECT: &str = "SELECT u.id, u.email, u.display_name, u.role, u.team_id, u.locale, t.name AS team_name, t.calendar AS team_calendar, t.time_zone AS team_time_zone \
     FROM users u LEFT JOIN teams t ON t.id = u.team_id";

/// A row of `PROFILE_SELECT`: the person and their team's settings as
/// stored. The profile derives the team's zone from the last two.
#[derive(sqlx::FromRow)]
struct ProfileRow {
    id: UserId,
    email: String,
    display_name: String,
    role: Role,
    team_id: Option<TeamId>,
    team_name: Option<String>,
    locale: Locale,
    team_calendar: Option<Calendar>,
    team_time_zone: Option<String>,
}

impl From<ProfileRow> for UserProfile {
    fn from(row: ProfileRow) -> Self {
        let team_time_zone = row
            .team_id
            .map(|_| super::zone_name_of(row.team_time_zone.as_deref(), row.team_calendar));
        UserProfile {
            id: row.id,
            email: row.email,
            display_name: row.display_name,
            role: row.role,
            team_id: row.team_id,
            team_name: row.team_name,
            locale: row.locale,
            team_calendar: row.team_calendar,
            team_time_zone,
            team_days: None,
        }
    }
}

impl Store {
    pub async fn has_users(&self) -> StoreResult<bool> {
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
            .fetch_one(self.pool())
            .await?;
        Ok(count > 0)
    }

    pub async fn credentials_by_email(&self, email: &str) -> StoreResult<Option<Credentials>> {
        sqlx::query_as(
            "SELECT id, password_hash, active FROM users WHERE email = $1 AND deleted = 0",
        )
        .bind(email)
        .fetch_optional(self.pool())
        .await
    }

    pub async fn insert_team(
        &self,
        id: TeamId,
        name: &str,
        manager_id: Option<UserId>,
    ) -> StoreResult<()> {
        let mut transaction = self.write().await?;
        let version = next_version(&mut transaction).await?;
        let now = instant_text(Utc::now());
        sqlx::query(
            "INSERT INTO teams (id, name, manager_id, created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(name)
        .bind(manager_id)
        .bind(&now)
        .bind(&now)
        .bind(version)
        .execute(&mut *transaction)
        .await?;
        transaction.commit().await
    }

    pub async fn set_team_manager(&self, team_id: TeamId, manager_id: UserId) -> StoreResult<()> {
        let mut transaction = self.write().await?;
        let version = next_version(&mut transaction).await?;
        sqlx::query(
            "UPDATE teams SET manager_id = $1, updated_at = $2, version = $3 WHERE id = $4",
        )
        .bind(manager_id)
        .bind(instant_text(Utc::now()))
        .bind(version)
        .bind(team_id)
        .execute(&mut *transaction)
        .await?;
        transaction.commit().await
    }

    pub async fn insert_user(&self, user: NewUser<'_>) -> StoreResult<()> {
        let mut transaction = self.write().await?;
        insert_user_in(&mut transaction, &user, &instant_text(Utc::now())).await?;
        transaction.commit().await
    }

    pub async fn profile(&self, user_id: UserId) -> StoreResult<Option<UserProfile>> {
        let row: Option<ProfileRow> = sqlx::query_as(self.backend().assembled(format!(
            "{PROFILE_SELECT} WHERE u.id = ? AND u.deleted = 0 AND u.active = 1"
        )))
        .bind(user_id)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(UserProfile::from))
    }

    pub async fn create_session(
        &self,
        token_hash: &str,
        user_id: UserId,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<()> {
        // Expired sessions are of no use to anyone: clear them out as new ones start.
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(instant_text(Utc::now()))
            .execute(self.pool())
            .await?;
        sqlx::query("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(token_hash)
            .bind(user_id)
            .bind(instant_text(Utc::now()))
            .bind(instant_text(expires_at))
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// The active person behind an unexpired session, if any.
    pub async fn session_profile(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<UserProfile>> {
        let idle_since = now - chrono::Duration::days(crate::auth::SESSION_IDLE_DAYS);
        let row: Option<ProfileRow> = sqlx::query_as(self.backend().assembled(format!(
            "{PROFILE_SELECT} JOIN sessions s ON s.user_id = u.id \
             WHERE s.token_hash = ? AND s.expires_at > ? AND COALESCE(s.last_seen_at, s.created_at) > ? \
               AND u.deleted = 0 AND u.active = 1"
        )))
        .bind(token_hash)
        .bind(instant_text(now))
        .bind(instant_text(idle_since))
        .fetch_optional(self.pool())
        .await?;
        if row.is_some() {
            // Noted at most once an hour, and only then written: a plain
            // read must not take the database's write lock.
            let seen: Option<String> = sqlx::query_scalar(
                "SELECT COALESCE(last_seen_at, created_at) FROM sessions WHERE token_hash = $1",
            )
            .bind(token_hash)
            .fetch_optional(self.pool())
            .await?;
            let stale = seen
                .as_deref()
                .map(super::parse_instant)
                .transpose()?
                .is_none_or(|seen| seen < now - chrono::Duration::hours(1));
            if stale {
                sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
                    .bind(instant_text(now))
                    .bind(token_hash)
                    .execute(self.pool())
                    .await?;
            }
        }
        Ok(row.map(UserProfile::from))
    }

    pub async fn delete_session(&self, token_hash: &str) -> StoreResult<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// A person's new password: every other session of theirs ends (a
    /// stolen cookie stops working), the one in `keep_session` stays.
    pub async fn set_own_password(
        &self,
        user_id: UserId,
        password_hash: &str,
        keep_session: &str,
    ) -> StoreResult<()> {
        let mut transaction = self.write().await?;
        sqlx::query(
            "UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3 AND deleted = 0",
        )
        .bind(password_hash)
        .bind(instant_text(Utc::now()))
        .bind(user_id)
        .execute(&mut *transaction)
        .await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
            .bind(user_id)
            .bind(keep_session)
            .execute(&mut *transaction)
            .await?;
        transaction.commit().await
    }

    pub async fn set_locale(&self, user_id: UserId, locale: Locale) -> StoreResult<()> {
        let mut transaction = self.write().await?;
        let version = next_version(&mut transaction).await?;
        sqlx::query("UPDATE users SET locale = $1, updated_at = $2, version = $3 WHERE id = $4")
            .bind(locale)
            .bind(instant_text(Utc::now()))
            .bind(version)
            .bind(user_id)
            .execute(&mut *transaction)
            .await?;
        transaction.commit().await
    }

    /// The active people of a team, for assigning leads and goals.
    pub async fn team_members(&self, team_id: TeamId) -> StoreResult<Vec<TeamMember>> {
        sqlx::query_as(
            "SELECT id, display_name, role FROM users WHERE team_id = $1 AND deleted = 0 AND active = 1 ORDER BY display_name",
        )
        .bind(team_id)
        .fetch_all(self.pool())
        .await
    }

    /// A person as an owner of records: their id and team. `None` if unknown.
    pub async fn owner(&self, user_id: UserId) -> StoreResult<Option<Owner>> {
        let mut connection = self.pool().acquire().await?;
        owner_in(&mut connection, user_id).await
    }

    /// The name of a team, if it exists.
    pub async fn team_name(&self, team_id: TeamId) -> StoreResult<Option<String>> {
        sqlx::query_scalar("SELECT name FROM teams WHERE id = $1 AND deleted = 0")
            .bind(team_id)
            .fetch_optional(self.pool())
            .await
    }
}

/// Whether a live team has this id, inside a caller's transaction.
pub(crate) async fn team_exists_in(
    connection: &mut sqlx::AnyConnection,
    team_id: TeamId,
) -> StoreResult<bool> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM teams WHERE id = $1 AND deleted = 0")
            .bind(team_id)
            .fetch_optional(&mut *connection)
            .await?;
    Ok(found.is_some())
}

/// Creates an account in the caller's write transaction, at `at` (stored
/// instant text), with the next version.
pub(crate) async fn insert_user_in(
    connection: &mut sqlx::AnyConnection,
    user: &NewUser<'_>,
    at: &str,
) -> StoreResult<()> {
    let version = next_version(&mut *connection).await?;
    sqlx::query(
        "INSERT INTO users (id, email, display_name, password_hash, role, team_id, locale, created_at, updated_at, version) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(user.id)
    .bind(user.email)
    .bind(user.display_name)
    .bind(user.password_hash)
    .bind(user.role)
    .bind(user.team_id)
    .bind(user.locale)
    .bind(at)
    .bind(at)
    .bind(version)
    .execute(&mut *connection)
    .await?;
    Ok(())
}

/// Like `Store::owner`, inside a caller's transaction.
pub(crate) async fn owner_in(
    connection: &mut sqlx::AnyConnection,
    user_id: UserId,
) -> StoreResult<Option<Owner>> {
    let team: Option<Option<TeamId>> = sqlx::query_scalar(
        "SELECT team_id FROM users WHERE id = $1 AND deleted = 0 AND active = 1",
    )
    .bind(user_id)
    .fetch_optional(&mut *connection)
    .await?;
    Ok(team.map(|team_id| Owner { user_id, team_id }))
}

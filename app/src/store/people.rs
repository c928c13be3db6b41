//! People and teams as an admin manages them.

use super::{Store, StoreResult, instant_text, next_version};
use crate::domain::user::{ValidPerson, ValidTeam};
use crate::domain::{Person, Team, UserId};
use chrono::Utc;

impl Store {
    pub async fn list_people(&self) -> StoreResult<Vec<Person>> {
        sqlx::query_as(
            "SELECT u.id, u.email, u.display_name, u.role, u.team_id, u.locale, u.active, t.name AS team_name \
             FROM users u LEFT JOIN teams t ON t.id = u.team_id WHERE u.deleted = 0 ORDER BY u.display_name, u.email",
        )
        .fetch_all(self.pool())
        .await
    }

    pub async fn list_teams(&self) -> StoreResult<Vec<Team>> {
        sqlx::query_as(
            "SELECT t.id, t.name, t.manager_id, t.calendar, t.time_zone, u.display_name AS manager_name \
             FROM teams t LEFT JOIN users u ON u.id = t.manager_id WHERE t.deleted = 0 ORDER BY t.name",
        )
        .fetch_all(self.pool())
        .await
    }

    /// Whether another account already uses `email`.
    pub async fn email_taken(&self, email: &str, except: UserId) -> StoreResult<bool> {
        let count: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email = $1 AND id <> $2")
                .bind(email)
                .bind(except)
                .fetch_one(self.pool())
                .await?;
        Ok(count > 0)
    }

    pub async fn user_exists(&self, id: UserId) -> StoreResult<bool> {
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE id = $1")
            .bind(id)
            .fetch_one(self.pool())
            .await?;
        Ok(count > 0)
    }

    /// Creates or updates an account. `password_hash` of `None` keeps the
    /// stored hash; a new password ends every session of the person but
    /// `keep_session` (the one changing it, when it is their own); and
    /// deactivating an account ends all its sessions.
    pub async fn save_person(
        &self,
        person: &ValidPerson,
        password_hash: Option<&str>,
        keep_session: Option<&str>,
    ) -> StoreResult<()> {
        let mut transaction = self.write().await?;
        let team_before: Option<Option<String>> =
            sqlx::query_scalar("SELECT team_id FROM users WHERE id = $1")
                .bind(person.id)
                .fetch_optional(&mut *transaction)
                .await?;
        let version = next_version(&mut transaction).await?;
        let now = instant_text(Utc::now());
        sqlx::query(
            "INSERT INTO users (id, email, display_name, password_hash, role, team_id, locale, active, created_at, updated_at, version) \
             VALUES ($1, $2, $3, COALESCE($4, ''), $5, $6, $7, $8, $9, $10, $11) \
             ON CONFLICT (id) DO UPDATE SET email = excluded.email, display_name = excluded.display_name, \
                 password_hash = COALESCE($12, users.password_hash), role = excluded.role, team_id = excluded.team_id, \
                 locale = excluded.locale, active = excluded.active, updated_at = excluded.updated_at, \
                 version = excluded.version",
        )
        .bind(person.id)
        .bind(&person.email)
        .bind(&person.display_name)
        .bind(password_hash)
        .bind(person.role)
        .bind(person.team_id)
        .bind(person.locale)
        .bind(i64::from(person.active))
        .bind(&now)
        .bind(&now)
        .bind(version)
        .bind(password_hash)
        .execute(&mut *transaction)
        .await?;
        // Moving to another team moves the person's day boundaries.
        if team_before.is_some_and(|before| before != person.team_id.map(|id| id.to_string())) {
            super::time_zones::recount_person_days(&mut transaction, person.id).await?;
        }
        if password_hash.is_some() {
            sqlx::query(
                "DELETE FROM sessions WHERE user_id = $1 AND token_hash <> COALESCE($2, '')",
            )
            .bind(person.id)
            .bind(keep_session)
            .execute(&mut *transaction)
            .await?;
        }
        if !person.active {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(person.id)
                .execute(&mut *transaction)
                .await?;
        }
        transaction.commit().await
    }

    /// Creates or renames a team, sets its manager and its calendar.
    pub async fn save_team(&self, team: &ValidTeam) -> StoreResult<()> {
        let mut transaction = self.write().await?;
        let version = next_version(&mut transaction).await?;
        let now = instant_text(Utc::now());
        sqlx::query(
            "INSERT INTO teams (id, name, manager_id, calendar, time_zone, created_at, updated_at, version) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, manager_id = excluded.manager_id, \
                 calendar = excluded.calendar, time_zone = excluded.time_zone, \
                 updated_at = excluded.updated_at, version = excluded.version",
        )
        .bind(team.id)
        .bind(&team.name)
        .bind(team.manager_id)
        .bind(team.calendar)
        .bind(team.time_zone.as_deref())
        .bind(&now)
        .bind(&now)
        .bind(version)
        .execute(&mut *transaction)
        .await?;
        // A new zone (or a calendar whose default zone differs) moves the
        // team's day boundaries: its roll-ups are recounted in this write.
        let zone_name = super::zone_name_of(team.time_zone.as_deref(), team.calendar);
        let zone = super::zone_offsets_of(&zone_name).unwrap_or_default();
        super::time_zones::settle_team_zone(&mut transaction, team.id, &zone).await?;
        if team.calendar == Some(crate::domain::period::Calendar::Jalali) {
            super::team_days::fill_jalali_years(&mut transaction, team.id).await?;
        }
        transaction.commit().await
    }
}

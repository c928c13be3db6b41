//! Invitations in SQL: created by a team's manager, listed and revoked by
//! them, and taken up once by the person invited (their account and the
//! invite's use in one transaction, so a link never makes two accounts).

use super::{Store, StoreResult, instant_text, next_version};
use crate::domain::invite::{Invite, InviteWelcome};
use crate::domain::{InviteId, Locale, Role, TeamId, UserId};
use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;

/// An invitation to store: only the hash of the link's secret.
pub struct NewInvite<'a> {
    pub id: InviteId,
    pub token_hash: &'a str,
    pub team_id: TeamId,
    pub role: Role,
    pub email: &'a str,
    pub created_by: UserId,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// The account a person makes on their sign-up link.
pub struct JoiningPerson<'a> {
    pub id: UserId,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub locale: Locale,
}

fn invite_from_row(row: &AnyRow) -> StoreResult<Invite> {
    sqlx::FromRow::from_row(row)
}

impl Store {
    /// Keeps a new invitation; waiting ones for the same e-mail in the
    /// team are revoked (the newest link is the one that works).
    pub async fn create_invite(&self, invite: NewInvite<'_>) -> StoreResult<()> {
        let mut transaction = self.write().await?;
        sqlx::query(
            "UPDATE invites SET revoked_at = $1 WHERE team_id = $2 AND email = $3 \
             AND used_at IS NULL AND revoked_at IS NULL",
        )
        .bind(instant_text(invite.created_at))
        .bind(invite.team_id)
        .bind(invite.email)
        .execute(&mut *transaction)
        .await?;
        sqlx::query(
            "INSERT INTO invites (id, token_hash, team_id, role, email, created_by, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(invite.id)
        .bind(invite.token_hash)
        .bind(invite.team_id)
        .bind(invite.role)
        .bind(invite.email)
        .bind(invite.created_by)
        .bind(instant_text(invite.created_at))
        .bind(instant_text(invite.expires_at))
        .execute(&mut *transaction)
        .await?;
        transaction.commit().await
    }

    /// A team's invitations of the last 30 days, newest first.
    pub async fn team_invites(
        &self,
        team_id: TeamId,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<Invite>> {
        let rows = sqlx::query(
            "SELECT id, email, role, created_at, expires_at, used_at, revoked_at FROM invites \
             WHERE team_id = $1 AND created_at >= $2 ORDER BY created_at DESC, id LIMIT 200",
        )
        .bind(team_id)
        .bind(instant_text(now - chrono::Duration::days(30)))
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(invite_from_row).collect()
    }

    /// The team an invitation belongs to, `None` for an unknown id.
    pub async fn invite_team(&self, invite_id: InviteId) -> StoreResult<Option<TeamId>> {
        sqlx::query_scalar("SELECT team_id FROM invites WHERE id = $1")
            .bind(invite_id)
            .fetch_optional(self.pool())
            .await
    }

    /// Stops a waiting link working (used ones stay as they are).
    pub async fn revoke_invite(&self, invite_id: InviteId, now: DateTime<Utc>) -> StoreResult<()> {
        sqlx::query("UPDATE invites SET revoked_at = $1 WHERE id = $2 AND used_at IS NULL AND revoked_at IS NULL")
            .bind(instant_text(now))
            .bind(invite_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// What a link that still works shows; `None` when it is unknown,
    /// used, revoked or expired (all the same to whoever holds it).
    pub async fn invite_welcome(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<InviteWelcome>> {
        sqlx::query_as(
            "SELECT i.email, i.role, i.expires_at, t.name AS team_name, u.display_name AS inviter_name \
             FROM invites i JOIN teams t ON t.id = i.team_id JOIN users u ON u.id = i.created_by \
             WHERE i.token_hash = $1 AND i.used_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > $2",
        )
        .bind(token_hash)
        .bind(instant_text(now))
        .fetch_optional(self.pool())
        .await
    }

    /// Takes up a link: marks it used and creates the account in its team
    /// with its role and e-mail, in one transaction. `None` (and nothing
    /// written) when the link no longer works or the e-mail has an account.
    pub async fn accept_invite(
        &self,
        token_hash: &str,
        person: JoiningPerson<'_>,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<UserId>> {
        let mut transaction = self.write().await?;
        let at = instant_text(now);
        let taken: Option<(InviteId, String, Role, TeamId)> = sqlx::query_as(
            "SELECT id, email, role, team_id FROM invites WHERE token_hash = $1 AND used_at IS NULL \
             AND revoked_at IS NULL AND expires_at > $2",
        )
        .bind(token_hash)
        .bind(&at)
        .fetch_optional(&mut *transaction)
        .await?;
        let Some((invite_id, email, role, team_id)) = taken else {
            return Ok(None);
        };
        let exists: Option<i64> = sqlx::query_scalar("SELECT 1 FROM users WHERE email = $1")
            .bind(&email)
            .fetch_optional(&mut *transaction)
            .await?;
        if exists.is_some() {
            return Ok(None);
        }
        let joining = super::users::NewUser {
            id: person.id,
            email: &email,
            display_name: person.display_name,
            password_hash: person.password_hash,
            role,
            team_id: Some(team_id),
            locale: person.locale,
        };
        super::users::insert_user_in(&mut transaction, &joining, &at).await?;
        // A manager invited to a team that has none becomes its manager
        // (named on the teams list); a second one joins beside them.
        if role == Role::Manager {
            let version = next_version(&mut transaction).await?;
            sqlx::query(
                "UPDATE teams SET manager_id = $1, updated_at = $2, version = $3 WHERE id = $4 AND manager_id IS NULL",
            )
            .bind(person.id)
            .bind(&at)
            .bind(version)
            .bind(team_id)
            .execute(&mut *transaction)
            .await?;
        }
        // The write transaction holds the database: nobody else took the
        // link between the read above and this.
        sqlx::query("UPDATE invites SET used_at = $1, used_by = $2 WHERE id = $3")
            .bind(&at)
            .bind(person.id)
            .bind(invite_id)
            .execute(&mut *transaction)
            .await?;
        transaction.commit().await?;
        Ok(Some(person.id))
    }
}

//! The lead pool and web forms in SQL: a team's public forms, the contacts
//! they bring in (waiting, then taken or discarded), whether the team's reps
//! may claim, and the step that turns waiting contacts into leads of their
//! new owners (in the caller's transaction, with the assignment log).
//! Callers check the person's right to the team first.

use super::lead_import::{Assignment, insert_imported_leads_in};
use super::{Store, StoreResult, instant_text};
use crate::domain::pool::{PoolLead, PublicWebForm, ValidSubmission, WebForm, lead_from_pool};
use crate::domain::{Currency, LeadId, PoolLeadId, TeamId, UserId, WebFormId};
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

/// The most waiting contacts one list shows (oldest first).
pub const POOL_PAGE: i64 = 500;

const POOL_SELECT: &str = "SELECT p.id, p.name, p.company, p.phone, p.email, p.message, \
         f.title AS form_title, p.received_at, \
         (SELECT l.name FROM leads l JOIN users u ON u.id = l.owner_id \
          WHERE u.team_id = p.team_id AND l.deleted = 0 \
            AND ((p.phone <> '' AND l.phone = p.phone) OR (p.email <> '' AND l.email = p.email)) \
          LIMIT 1) AS same_as \
     FROM pool_leads p LEFT JOIN web_forms f ON f.id = p.web_form_id";

fn pool_lead_from_row(row: &AnyRow) -> StoreResult<PoolLead> {
    sqlx::FromRow::from_row(row)
}

impl Store {
    /// The team's forms, newest first, with what each brought in.
    pub async fn web_forms(&self, team_id: TeamId) -> StoreResult<Vec<WebForm>> {
        sqlx::query_as(
            "SELECT f.id, f.title, f.token, f.created_at, f.revoked_at, \
                 (SELECT COUNT(*) FROM pool_leads p WHERE p.web_form_id = f.id) AS received, \
                 (SELECT COUNT(*) FROM pool_leads p WHERE p.web_form_id = f.id \
                     AND p.lead_id IS NULL AND p.discarded_at IS NULL) AS waiting \
             FROM web_forms f WHERE f.team_id = $1 ORDER BY f.created_at DESC, f.id",
        )
        .bind(team_id)
        .fetch_all(self.pool())
        .await
    }

    pub async fn create_web_form(
        &self,
        team_id: TeamId,
        title: &str,
        token: &str,
        by: UserId,
        now: DateTime<Utc>,
    ) -> StoreResult<WebFormId> {
        let id = WebFormId::new();
        sqlx::query(
            "INSERT INTO web_forms (id, token, team_id, title, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(token)
        .bind(team_id)
        .bind(title)
        .bind(by)
        .bind(instant_text(now))
        .execute(self.pool())
        .await?;
        Ok(id)
    }

    /// Stops a form of the team taking submissions; `false` when it is not
    /// one of the team's live forms.
    pub async fn revoke_web_form(
        &self,
        team_id: TeamId,
        id: WebFormId,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE web_forms SET revoked_at = $1 WHERE id = $2 AND team_id = $3 AND revoked_at IS NULL",
        )
        .bind(instant_text(now))
        .bind(id)
        .bind(team_id)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// A live form by its address's token: its id, team, and what visitors see.
    pub async fn public_web_form(
        &self,
        token: &str,
    ) -> StoreResult<Option<(WebFormId, TeamId, PublicWebForm)>> {
        let row: Option<(WebFormId, TeamId, String, String)> = sqlx::query_as(
            "SELECT f.id, f.team_id, f.title, t.name AS team_name FROM web_forms f \
             JOIN teams t ON t.id = f.team_id \
             WHERE f.token = $1 AND f.revoked_at IS NULL AND t.deleted = 0",
        )
        .bind(token)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|(id, team_id, title, team_name)| {
            (id, team_id, PublicWebForm { title, team_name })
        }))
    }

    /// Puts a form's submission into its team's pool.
    pub async fn add_to_pool(
        &self,
        team_id: TeamId,
        form: WebFormId,
        contact: &ValidSubmission,
        now: DateTime<Utc>,
    ) -> StoreResult<PoolLeadId> {
        let id = PoolLeadId::new();
        sqlx::query(
            "INSERT INTO pool_leads (id, team_id, name, company, phone, email, message, web_form_id, received_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(id)
        .bind(team_id)
        .bind(&contact.name)
        .bind(&contact.company)
        .bind(&contact.phone)
        .bind(&contact.email)
        .bind(&contact.message)
        .bind(form)
        .bind(instant_text(now))
        .execute(self.pool())
        .await?;
        Ok(id)
    }

    /// The team's waiting contacts, oldest first (at most `POOL_PAGE`), and
    /// how many wait in all.
    pub async fn waiting_pool(&self, team_id: TeamId) -> StoreResult<(Vec<PoolLead>, u64)> {
        let rows = sqlx::query(self.backend().assembled(format!(
            "{POOL_SELECT} WHERE p.team_id = ? AND p.lead_id IS NULL AND p.discarded_at IS NULL \
             ORDER BY p.received_at, p.id LIMIT ?"
        )))
        .bind(team_id)
        .bind(POOL_PAGE)
        .fetch_all(self.pool())
        .await?;
        let waiting: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM pool_leads WHERE team_id = $1 AND lead_id IS NULL AND discarded_at IS NULL",
        )
        .bind(team_id)
        .fetch_one(self.pool())
        .await?;
        Ok((
            rows.iter()
                .map(pool_lead_from_row)
                .collect::<StoreResult<_>>()?,
            u64::try_from(waiting).unwrap_or(0),
        ))
    }

    /// Whether the team's reps may take pool contacts themselves.
    pub async fn reps_may_claim(&self, team_id: TeamId) -> StoreResult<bool> {
        let mut connection = self.pool().acquire().await?;
        reps_may_claim_in(&mut connection, team_id).await
    }

    pub async fn set_reps_may_claim(&self, team_id: TeamId, allowed: bool) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO team_pool_settings (team_id, reps_may_claim) VALUES ($1, $2) \
             ON CONFLICT (team_id) DO UPDATE SET reps_may_claim = excluded.reps_may_claim",
        )
        .bind(team_id)
        .bind(i64::from(allowed))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// How new web form contacts of the team are shared as they arrive,
    /// and the manager who chose it; `None`: they wait in the pool.
    pub async fn web_form_auto_share(
        &self,
        team_id: TeamId,
    ) -> StoreResult<Option<(crate::domain::distribution::DistributionRule, UserId)>> {
        sqlx::query_as(
            "SELECT web_form_rule, web_form_rule_by FROM team_pool_settings \
             WHERE team_id = $1 AND web_form_rule IS NOT NULL AND web_form_rule_by IS NOT NULL",
        )
        .bind(team_id)
        .fetch_optional(self.pool())
        .await
    }

    /// Chooses (or, with `None`, stops) sharing new web form contacts.
    pub async fn set_web_form_auto_share(
        &self,
        team_id: TeamId,
        rule: Option<crate::domain::distribution::DistributionRule>,
        by: UserId,
    ) -> StoreResult<()> {
        let mut transaction = self.write().await?;
        sqlx::query(
            "INSERT INTO team_pool_settings (team_id, web_form_rule, web_form_rule_by) VALUES ($1, $2, $3) \
             ON CONFLICT (team_id) DO UPDATE SET web_form_rule = excluded.web_form_rule, \
                 web_form_rule_by = excluded.web_form_rule_by",
        )
        .bind(team_id)
        .bind(rule.map(crate::domain::Choice::as_str))
        .bind(by)
        .execute(&mut *transaction)
        .await?;
        transaction.commit().await
    }

    /// Sets waiting contacts of the team aside (spam, a customer already
    /// known); the count discarded, or `None` when an id is not a waiting
    /// contact of the team (nothing changes).
    pub async fn discard_pool_leads(
        &self,
        team_id: TeamId,
        ids: &[PoolLeadId],
        by: UserId,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<usize>> {
        let mut transaction = self.write().await?;
        let Some(found) = waiting_pool_leads_in(&mut transaction, team_id, ids).await? else {
            return Ok(None);
        };
        for contact in &found {
            sqlx::query("UPDATE pool_leads SET discarded_at = $1, taken_by = $2 WHERE id = $3")
                .bind(instant_text(now))
                .bind(by)
                .bind(contact.id)
                .execute(&mut *transaction)
                .await?;
        }
        transaction.commit().await?;
        Ok(Some(found.len()))
    }
}

pub(crate) async fn reps_may_claim_in(
    connection: &mut AnyConnection,
    team_id: TeamId,
) -> StoreResult<bool> {
    let allowed: Option<i64> =
        sqlx::query_scalar("SELECT reps_may_claim FROM team_pool_settings WHERE team_id = $1")
            .bind(team_id)
            .fetch_optional(&mut *connection)
            .await?;
    Ok(allowed == Some(1))
}

/// The waiting contacts of the team among `ids` (each once), or `None` when
/// one is not (another team's, already taken, discarded, made up).
pub(crate) async fn waiting_pool_leads_in(
    connection: &mut AnyConnection,
    team_id: TeamId,
    ids: &[PoolLeadId],
) -> StoreResult<Option<Vec<PoolLead>>> {
    let mut unique: Vec<PoolLeadId> = ids.to_vec();
    unique.sort();
    unique.dedup();
    let mut found = Vec::with_capacity(unique.len());
    for chunk in unique.chunks(400) {
        let placeholders = vec!["?"; chunk.len()].join(", ");
        let mut query = sqlx::query(crate::store::Backend::of_connection(connection).assembled(
            format!(
                "{POOL_SELECT} WHERE p.id IN ({placeholders}) AND p.team_id = ? \
             AND p.lead_id IS NULL AND p.discarded_at IS NULL ORDER BY p.received_at, p.id"
            ),
        ));
        for id in chunk {
            query = query.bind(id);
        }
        let rows = query.bind(team_id).fetch_all(&mut *connection).await?;
        if rows.len() != chunk.len() {
            return Ok(None);
        }
        for row in &rows {
            found.push(pool_lead_from_row(row)?);
        }
    }
    Ok(Some(found))
}

/// The currency new leads of the team are most often in (USD when it has
/// none yet): a pool contact's lead starts at no value, in that currency.
async fn usual_currency_in(
    connection: &mut AnyConnection,
    team_id: TeamId,
) -> StoreResult<Currency> {
    let usual: Option<Currency> = sqlx::query_scalar(
        "SELECT l.currency FROM leads l JOIN users u ON u.id = l.owner_id \
         WHERE u.team_id = $1 AND l.deleted = 0 GROUP BY l.currency ORDER BY COUNT(*) DESC, l.currency LIMIT 1",
    )
    .bind(team_id)
    .fetch_optional(&mut *connection)
    .await?;
    Ok(usual.unwrap_or(Currency::Usd))
}

/// Turns waiting contacts into leads of the given owners (one owner per
/// contact, in order), logs each assignment and marks the contacts taken,
/// in the caller's transaction. The leads' ids, in order.
pub(crate) async fn give_pool_leads_in(
    connection: &mut AnyConnection,
    team_id: TeamId,
    handed: Vec<(PoolLead, Assignment)>,
    taken_by: UserId,
    now: DateTime<Utc>,
) -> StoreResult<Vec<LeadId>> {
    let currency = usual_currency_in(connection, team_id).await?;
    let mut leads = Vec::with_capacity(handed.len());
    let mut taken = Vec::with_capacity(handed.len());
    for (contact, mut assignment) in handed {
        let lead = lead_from_pool(&contact, assignment.to_user, currency);
        assignment.lead_id = lead.id;
        taken.push((contact.id, lead.id));
        leads.push((
            super::checked::NewLead {
                lead,
                closed_at: None,
            },
            assignment,
        ));
    }
    insert_imported_leads_in(connection, team_id, leads, taken_by, now).await?;
    let at = instant_text(now);
    for (pool_id, lead_id) in &taken {
        sqlx::query(
            "UPDATE pool_leads SET lead_id = $1, taken_by = $2, taken_at = $3 WHERE id = $4",
        )
        .bind(lead_id)
        .bind(taken_by)
        .bind(&at)
        .bind(pool_id)
        .execute(&mut *connection)
        .await?;
    }
    Ok(taken.into_iter().map(|(_, lead)| lead).collect())
}

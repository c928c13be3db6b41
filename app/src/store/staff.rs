//! Staff records in SQL (migration 0030): a person's start day and notes,
//! and their role history read from the audit history. Callers check the
//! right to manage the person first.

use super::columns::OptionalDay;
use super::{Store, StoreResult, date_text, instant_text};
use crate::domain::UserId;
use crate::domain::audit::{AuditQuery, AuditSubject};
use crate::domain::staff::{ROLE_HISTORY_FIELDS, StaffRecord, ValidStaff};
use chrono::{DateTime, Utc};

impl Store {
    /// The person's record (empty when nothing was written yet), with the
    /// changes of role, team and sign-in, oldest first.
    pub async fn staff_record(&self, person: UserId) -> StoreResult<StaffRecord> {
        let row: Option<(OptionalDay, String)> =
            sqlx::query_as("SELECT started_on, notes FROM staff_records WHERE user_id = $1")
                .bind(person)
                .fetch_optional(self.pool())
                .await?;
        let (started_on, notes) = match row {
            Some((started_on, notes)) => (started_on.into(), notes),
            None => (None, String::new()),
        };
        let id = person.to_string();
        let mut role_history: Vec<_> = self
            .audit_entries(
                None,
                &AuditQuery::default(),
                Some((AuditSubject::Person, &id)),
            )
            .await?
            .into_iter()
            .filter(|entry| ROLE_HISTORY_FIELDS.contains(&entry.field.as_str()))
            .collect();
        role_history.reverse();
        Ok(StaffRecord {
            started_on,
            notes,
            role_history,
            today: None,
        })
    }

    pub async fn save_staff_record(
        &self,
        person: UserId,
        staff: &ValidStaff,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut transaction = self.write().await?;
        sqlx::query(
            "INSERT INTO staff_records (user_id, started_on, notes, updated_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (user_id) DO UPDATE SET started_on = excluded.started_on, notes = excluded.notes, \
                 updated_at = excluded.updated_at",
        )
        .bind(person)
        .bind(staff.started_on.map(date_text))
        .bind(&staff.notes)
        .bind(instant_text(now))
        .execute(&mut *transaction)
        .await?;
        transaction.commit().await
    }
}

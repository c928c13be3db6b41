//! The values of a person's that someone else's later change replaced,
//! for the device to show both and offer a restore.

use crate::domain::access::Actor;
use crate::store::{Store, StoreResult};
use crate::sync::protocol::ConflictNotice;
use sqlx::Row;

impl Store {
    /// The values of this person's that a later change by someone else
    /// replaced (newest last), on leads they may still read.
    pub async fn conflicts_for(
        &self,
        actor: &Actor,
        after_version: i64,
    ) -> StoreResult<Vec<ConflictNotice>> {
        let (filter, parameter) = crate::store::scope_filter(actor.read_scope(), "l.owner_id");
        let sql = format!(
            "SELECT h.version, h.lead_id, l.name AS lead_name, h.field, h.old_value, h.new_value, \
                    u.display_name AS changed_by_name, h.created_at \
             FROM lead_history h JOIN leads l ON l.id = h.lead_id JOIN users u ON u.id = h.changed_by \
             WHERE h.conflict = 1 AND h.overwritten_user_id = ? AND h.version > ? AND l.deleted = 0 AND {filter} \
             ORDER BY h.version, h.field LIMIT 200"
        );
        let mut query = sqlx::query(self.backend().assembled(sql))
            .bind(actor.user_id.to_string())
            .bind(after_version);
        if let Some(parameter) = parameter {
            query = query.bind(parameter);
        }
        query
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|row| {
                Ok(ConflictNotice {
                    version: row.try_get("version")?,
                    lead_id: row.try_get("lead_id")?,
                    lead_name: row.try_get("lead_name")?,
                    field: row.try_get("field")?,
                    your_value: row.try_get("old_value")?,
                    their_value: row.try_get("new_value")?,
                    changed_by_name: row.try_get("changed_by_name")?,
                    at: crate::store::parse_instant(row.try_get("created_at")?)?,
                })
            })
            .collect()
    }
}

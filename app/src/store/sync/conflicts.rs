//! The values of a person's that someone else's later change replaced,
//! for the device to show both and offer a restore.

use crate::domain::access::Actor;
use crate::store::{Store, StoreResult};
use crate::sync::protocol::ConflictNotice;

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
            "SELECT h.version, h.lead_id, l.name AS lead_name, h.field, h.old_value AS your_value, \
                    h.new_value AS their_value, u.display_name AS changed_by_name, h.created_at AS at \
             FROM lead_history h JOIN leads l ON l.id = h.lead_id JOIN users u ON u.id = h.changed_by \
             WHERE h.conflict = 1 AND h.overwritten_user_id = ? AND h.version > ? AND l.deleted = 0 AND {filter} \
             ORDER BY h.version, h.field LIMIT 200"
        );
        let mut query = sqlx::query_as(self.backend().assembled(sql))
            .bind(actor.user_id)
            .bind(after_version);
        if let Some(parameter) = parameter {
            query = query.bind(parameter);
        }
        query.fetch_all(self.pool()).await
    }
}

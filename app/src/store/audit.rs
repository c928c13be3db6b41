//! Reading the audit history (written by migration 0027's triggers):
//! newest first, narrowed to a team, a kind of item, an item, or days;
//! ids of people and teams in before/after come back as their names.

use super::{Store, StoreResult, parse_instant};
use crate::domain::Choice;
use crate::domain::TeamId;
use crate::domain::audit::{AUDIT_PAGE, AuditEntry, AuditQuery, AuditSubject};

/// A value as a reader should see it: a person's or team's id as its name.
fn named(column: &str) -> String {
    format!(
        "COALESCE((SELECT display_name FROM users WHERE id = a.{column}), \
                  (SELECT name FROM teams WHERE id = a.{column}), a.{column}) AS {column}"
    )
}

impl Store {
    /// History entries, newest first (at most `AUDIT_PAGE`): of one team's
    /// items when `team` is given, of everything otherwise; of one item
    /// when `item` is given.
    pub async fn audit_entries(
        &self,
        team: Option<TeamId>,
        query: &AuditQuery,
        item: Option<(AuditSubject, &str)>,
    ) -> StoreResult<Vec<AuditEntry>> {
        let mut sql = format!(
            "SELECT a.id, a.at, u.display_name AS actor_name, a.subject_kind, a.subject_id, a.subject_name, \
                 a.field, {}, {} FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id WHERE 1 = 1",
            named("old_value"),
            named("new_value")
        );
        let mut binds: Vec<String> = Vec::new();
        if let Some(team) = team {
            sql.push_str(" AND a.team_id = ?");
            binds.push(team.to_string());
        }
        if let Some(subject) = query.subject {
            sql.push_str(" AND a.subject_kind = ?");
            binds.push(subject.as_str().to_string());
        }
        if let Some((subject, id)) = item {
            sql.push_str(" AND a.subject_kind = ? AND a.subject_id = ?");
            binds.push(subject.as_str().to_string());
            binds.push(id.to_string());
        }
        if let Some(from) = query.from {
            sql.push_str(" AND a.at >= ?");
            binds.push(from.to_string());
        }
        if let Some(to) = query.to.and_then(|to| to.succ_opt()) {
            sql.push_str(" AND a.at < ?");
            binds.push(to.to_string());
        }
        sql.push_str(" ORDER BY a.id DESC LIMIT ?");
        /// An entry and its time as stored.
        #[derive(sqlx::FromRow)]
        struct EntryRow {
            #[sqlx(flatten)]
            entry: AuditEntry,
            at: String,
        }
        let mut statement = sqlx::query_as::<_, EntryRow>(self.backend().assembled(sql));
        for value in binds {
            statement = statement.bind(value);
        }
        let rows = statement
            .bind(i64::try_from(AUDIT_PAGE).unwrap_or(200))
            .fetch_all(self.pool())
            .await?;
        Ok(rows
            .into_iter()
            .map(|EntryRow { mut entry, at }| {
                // A malformed time never hides the rest of the history.
                entry.at = parse_instant(&at).unwrap_or_default();
                entry
            })
            .collect())
    }
}

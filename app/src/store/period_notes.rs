//! The manager's note on a period (migration 0011), read with the
//! leadership summary and written from it.

use super::{Store, StoreResult, date_text, instant_text};
use crate::domain::TeamId;
use crate::domain::ids::UserId;
use crate::domain::period::Period;
use crate::domain::summary::PeriodNote;
use chrono::{DateTime, Utc};

impl Store {
    pub async fn period_note(
        &self,
        team_id: TeamId,
        period: Period,
    ) -> StoreResult<Option<PeriodNote>> {
        sqlx::query_as(
            "SELECT n.note, n.updated_at, u.display_name FROM period_notes n JOIN users u ON u.id = n.updated_by \
             WHERE n.team_id = $1 AND n.period_start = $2 AND n.period_end = $3",
        )
        .bind(team_id)
        .bind(date_text(period.start))
        .bind(date_text(period.end))
        .fetch_optional(self.pool())
        .await
    }

    /// Keeps `note` for the team's period; an empty note removes it.
    pub async fn save_period_note(
        &self,
        team_id: TeamId,
        period: Period,
        note: &str,
        author: UserId,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        if note.is_empty() {
            sqlx::query("DELETE FROM period_notes WHERE team_id = $1 AND period_start = $2 AND period_end = $3")
                .bind(team_id)
                .bind(date_text(period.start))
                .bind(date_text(period.end))
                .execute(self.pool())
                .await?;
            return Ok(());
        }
        sqlx::query(
            "INSERT INTO period_notes (team_id, period_start, period_end, note, updated_by, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (team_id, period_start, period_end) \
             DO UPDATE SET note = excluded.note, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
        )
        .bind(team_id)
        .bind(date_text(period.start))
        .bind(date_text(period.end))
        .bind(note)
        .bind(author)
        .bind(instant_text(now))
        .execute(self.pool())
        .await?;
        Ok(())
    }
}

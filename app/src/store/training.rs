//! Training programmes, sessions, attendance and completions in SQL. Every
//! write runs in a write transaction, so the audit history (migration 0029)
//! names who made it. Callers check the manager's right to the team, and
//! that a person belongs to it, first.

use super::columns::StoredDay;
use super::{Store, StoreResult, date_text, instant_text};
use crate::domain::training::TrainingKind;
use crate::domain::training::{
    TrainingCompletion, TrainingProgramme, TrainingSession, ValidProgramme, ValidSession,
};
use crate::domain::{TeamId, TrainingProgrammeId, TrainingSessionId, UserId};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;

impl Store {
    /// The team's live programmes, newest first, each with its sessions
    /// (earliest first, with who came) and completions.
    pub async fn team_training(&self, team_id: TeamId) -> StoreResult<Vec<TrainingProgramme>> {
        let mut programmes = Vec::new();
        let mut position = HashMap::new();
        let rows: Vec<(TrainingProgrammeId, TrainingKind, String, String)> = sqlx::query_as(
            "SELECT id, kind, title, description FROM training_programmes \
             WHERE team_id = $1 AND deleted = 0 ORDER BY created_at DESC, id",
        )
        .bind(team_id)
        .fetch_all(self.pool())
        .await?;
        for (id, kind, title, description) in rows {
            position.insert(id, programmes.len());
            programmes.push(TrainingProgramme {
                id,
                kind,
                title,
                description,
                sessions: Vec::new(),
                completions: Vec::new(),
            });
        }
        let mut sessions: HashMap<TrainingSessionId, (usize, usize)> = HashMap::new();
        let rows: Vec<(TrainingSessionId, TrainingProgrammeId, StoredDay, String)> =
            sqlx::query_as(
                "SELECT s.id, s.programme_id, s.day, s.topic FROM training_sessions s \
             JOIN training_programmes p ON p.id = s.programme_id \
             WHERE p.team_id = $1 AND p.deleted = 0 ORDER BY s.day, s.created_at, s.id",
            )
            .bind(team_id)
            .fetch_all(self.pool())
            .await?;
        for (id, programme, day, topic) in rows {
            let Some(&at) = position.get(&programme) else {
                continue;
            };
            sessions.insert(id, (at, programmes[at].sessions.len()));
            programmes[at].sessions.push(TrainingSession {
                id,
                day: day.into(),
                topic,
                attended: Vec::new(),
            });
        }
        let rows: Vec<(TrainingSessionId, UserId)> = sqlx::query_as(
            "SELECT a.session_id, a.person_id FROM training_attendance a \
             JOIN training_sessions s ON s.id = a.session_id \
             JOIN training_programmes p ON p.id = s.programme_id \
             WHERE p.team_id = $1 AND p.deleted = 0",
        )
        .bind(team_id)
        .fetch_all(self.pool())
        .await?;
        for (session, person) in rows {
            if let Some(&(programme, index)) = sessions.get(&session) {
                programmes[programme].sessions[index].attended.push(person);
            }
        }
        let rows: Vec<(TrainingProgrammeId, UserId, StoredDay)> = sqlx::query_as(
            "SELECT c.programme_id, c.person_id, c.completed_on FROM training_completions c \
             JOIN training_programmes p ON p.id = c.programme_id \
             WHERE p.team_id = $1 AND p.deleted = 0 ORDER BY c.completed_on",
        )
        .bind(team_id)
        .fetch_all(self.pool())
        .await?;
        for (programme, person_id, completed_on) in rows {
            if let Some(&at) = position.get(&programme) {
                programmes[at].completions.push(TrainingCompletion {
                    person_id,
                    completed_on: completed_on.into(),
                });
            }
        }
        Ok(programmes)
    }

    /// Creates or changes a programme of `team_id`; an id of another team's
    /// (or a deleted) programme changes nothing (`false`).
    pub async fn save_training_programme(
        &self,
        team_id: TeamId,
        programme: &ValidProgramme,
        by: UserId,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        let at = instant_text(now);
        let mut transaction = self.write().await?;
        let saved = sqlx::query(
            "INSERT INTO training_programmes (id, team_id, kind, title, description, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, title = excluded.title, \
                 description = excluded.description, updated_at = excluded.updated_at \
             WHERE training_programmes.team_id = excluded.team_id AND training_programmes.deleted = 0",
        )
        .bind(programme.id)
        .bind(team_id)
        .bind(programme.kind)
        .bind(&programme.title)
        .bind(&programme.description)
        .bind(by)
        .bind(&at)
        .bind(&at)
        .execute(&mut *transaction)
        .await?;
        transaction.commit().await?;
        Ok(saved.rows_affected() > 0)
    }

    /// The team of a live programme, `None` for an unknown one.
    pub async fn training_programme_team(
        &self,
        programme_id: TrainingProgrammeId,
    ) -> StoreResult<Option<TeamId>> {
        sqlx::query_scalar("SELECT team_id FROM training_programmes WHERE id = $1 AND deleted = 0")
            .bind(programme_id)
            .fetch_optional(self.pool())
            .await
    }

    /// The programme and team of a session of a live programme.
    pub async fn training_session_owner(
        &self,
        session_id: TrainingSessionId,
    ) -> StoreResult<Option<(TrainingProgrammeId, TeamId)>> {
        sqlx::query_as(
            "SELECT p.id, p.team_id FROM training_sessions s \
             JOIN training_programmes p ON p.id = s.programme_id \
             WHERE s.id = $1 AND p.deleted = 0",
        )
        .bind(session_id)
        .fetch_optional(self.pool())
        .await
    }

    /// Retires a programme: it leaves the screen and its completions stop
    /// counting toward goals (kept, with its history, in the database).
    pub async fn delete_training_programme(
        &self,
        programme_id: TrainingProgrammeId,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut transaction = self.write().await?;
        sqlx::query(
            "UPDATE training_programmes SET deleted = 1, updated_at = $1 WHERE id = $2 AND deleted = 0",
        )
        .bind(instant_text(now))
        .bind(programme_id)
        .execute(&mut *transaction)
        .await?;
        transaction.commit().await
    }

    pub async fn add_training_session(
        &self,
        session: &ValidSession,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut transaction = self.write().await?;
        sqlx::query(
            "INSERT INTO training_sessions (id, programme_id, day, topic, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(session.id)
        .bind(session.programme_id)
        .bind(date_text(session.day))
        .bind(&session.topic)
        .bind(instant_text(now))
        .execute(&mut *transaction)
        .await?;
        transaction.commit().await
    }

    /// Removes a session and its attendance.
    pub async fn delete_training_session(&self, session_id: TrainingSessionId) -> StoreResult<()> {
        let mut transaction = self.write().await?;
        sqlx::query("DELETE FROM training_attendance WHERE session_id = $1")
            .bind(session_id)
            .execute(&mut *transaction)
            .await?;
        sqlx::query("DELETE FROM training_sessions WHERE id = $1")
            .bind(session_id)
            .execute(&mut *transaction)
            .await?;
        transaction.commit().await
    }

    /// Notes that `person_id` came to the session, or takes it back.
    pub async fn set_training_attendance(
        &self,
        session_id: TrainingSessionId,
        person_id: UserId,
        attended: bool,
    ) -> StoreResult<()> {
        let mut transaction = self.write().await?;
        let statement = if attended {
            "INSERT INTO training_attendance (session_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"
        } else {
            "DELETE FROM training_attendance WHERE session_id = $1 AND person_id = $2"
        };
        sqlx::query(statement)
            .bind(session_id)
            .bind(person_id)
            .execute(&mut *transaction)
            .await?;
        transaction.commit().await
    }

    /// Marks `person_id` as having completed the programme on `day`, or
    /// (with `None`) takes the completion back.
    pub async fn set_training_completion(
        &self,
        programme_id: TrainingProgrammeId,
        person_id: UserId,
        day: Option<NaiveDate>,
        by: UserId,
    ) -> StoreResult<()> {
        let mut transaction = self.write().await?;
        // A changed day is a take-back and a new completion in the history.
        sqlx::query("DELETE FROM training_completions WHERE programme_id = $1 AND person_id = $2")
            .bind(programme_id)
            .bind(person_id)
            .execute(&mut *transaction)
            .await?;
        if let Some(day) = day {
            sqlx::query(
                "INSERT INTO training_completions (programme_id, person_id, completed_on, recorded_by) VALUES ($1, $2, $3, $4)",
            )
            .bind(programme_id)
            .bind(person_id)
            .bind(date_text(day))
            .bind(by)
            .execute(&mut *transaction)
            .await?;
        }
        transaction.commit().await
    }
}

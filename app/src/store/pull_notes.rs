//! When each device last finished a pull: its data freshness on the
//! manager's dashboard. Every device pulls every few seconds, and writing
//! that moment in the pull itself made every pull wait for SQLite's single
//! writer (behind a long push, say) and for a commit of its own: the load
//! bench's tail. So a pull only leaves its note here and answers; one
//! background writer writes every note left meanwhile in one transaction.
//! A note stays here until it is committed, and the dashboard reads the
//! notes still here beside the table (`Store::unwritten_pulls`), so it
//! never shows an older moment than a pull that has answered, and never
//! waits for the writer. A note lost to a crash costs only that moment, as
//! a failed write did before.

use super::{Store, instant_text};
use crate::domain::UserId;
use crate::sync::protocol::ClientId;
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// Rows per statement: 5 parameters each, well under SQLite's limit.
const NOTES_PER_STATEMENT: usize = 400;

/// The notes not yet committed, and whether a background writer is on
/// its way.
#[derive(Clone, Debug, Default)]
pub(super) struct PullNotes {
    waiting: Arc<Mutex<WaitingNotes>>,
}

#[derive(Debug, Default)]
struct WaitingNotes {
    /// Per device: who pulled and when (the newest pull wins).
    notes: HashMap<ClientId, (UserId, DateTime<Utc>)>,
    writer_started: bool,
}

/// One device's note: which device, whose, and when it finished a pull.
type PullNote = (ClientId, UserId, DateTime<Utc>);

impl PullNotes {
    fn waiting(&self) -> std::sync::MutexGuard<'_, WaitingNotes> {
        self.waiting.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Leaves a note; true when the caller must start the background writer.
    fn leave(&self, client_id: ClientId, user_id: UserId, at: DateTime<Utc>) -> bool {
        let mut waiting = self.waiting();
        waiting.notes.insert(client_id, (user_id, at));
        !std::mem::replace(&mut waiting.writer_started, true)
    }

    /// Every note not yet committed (they stay until `forget_written`).
    fn unwritten(&self) -> Vec<PullNote> {
        let waiting = self.waiting();
        waiting
            .notes
            .iter()
            .map(|(client_id, (user_id, at))| (*client_id, *user_id, *at))
            .collect()
    }

    /// Drops the notes just committed (or given up on), keeping any newer
    /// pull of the same device that came in meanwhile.
    fn forget_written(&self, written: &[PullNote]) {
        let mut waiting = self.waiting();
        for (client_id, user_id, at) in written {
            if waiting.notes.get(client_id) == Some(&(*user_id, *at)) {
                waiting.notes.remove(client_id);
            }
        }
    }

    /// Whether anything waits to be written.
    fn busy(&self) -> bool {
        !self.waiting().notes.is_empty()
    }

    /// The background writer stops when nothing came in while it wrote;
    /// false means there is more to write.
    fn finish_writer(&self) -> bool {
        let mut waiting = self.waiting();
        if waiting.notes.is_empty() {
            waiting.writer_started = false;
            true
        } else {
            false
        }
    }
}

impl Store {
    /// Notes that `client_id` of `user_id` finished a pull now, without
    /// waiting for the write.
    pub(super) fn note_pull(&self, client_id: ClientId, user_id: UserId) {
        if self.pull_notes.leave(client_id, user_id, Utc::now()) {
            let store = self.clone();
            tokio::spawn(async move {
                loop {
                    store.write_waiting_pull_notes().await;
                    if store.pull_notes.finish_writer() {
                        break;
                    }
                }
            });
        }
    }

    /// Each person's latest pull not yet in the table, for readers of the
    /// freshness to take beside it.
    pub(super) fn unwritten_pulls(&self) -> HashMap<UserId, DateTime<Utc>> {
        let mut latest: HashMap<UserId, DateTime<Utc>> = HashMap::new();
        for (_, user_id, at) in self.pull_notes.unwritten() {
            let entry = latest.entry(user_id).or_insert(at);
            *entry = (*entry).max(at);
        }
        latest
    }

    /// Writes every pull note still waiting (at shutdown, and in tests that
    /// read the table itself). Free when none is.
    pub async fn settle_pull_notes(&self) {
        if self.pull_notes.busy() {
            self.write_waiting_pull_notes().await;
        }
    }

    /// Takes the writer's turn, then the waiting notes, and writes them. A
    /// failure is logged and the notes are dropped: it only costs them.
    async fn write_waiting_pull_notes(&self) {
        let mut transaction = match self.write().await {
            Ok(transaction) => transaction,
            Err(error) => {
                tracing::warn!(%error, "could not note finished pulls");
                return self.pull_notes.forget_written(&self.pull_notes.unwritten());
            }
        };
        let notes = self.pull_notes.unwritten();
        if notes.is_empty() {
            return;
        }
        let written = async {
            for chunk in notes.chunks(NOTES_PER_STATEMENT) {
                let rows = vec!["(?, ?, 0, ?, ?, ?)"; chunk.len()].join(", ");
                let sql = format!(
                    "INSERT INTO sync_clients (client_id, user_id, last_mutation_id, created_at, updated_at, last_pulled_at) \
                     VALUES {rows} \
                     ON CONFLICT (client_id) DO UPDATE SET last_pulled_at = excluded.last_pulled_at \
                     WHERE sync_clients.user_id = excluded.user_id"
                );
                let mut query = sqlx::query(self.backend().assembled(sql));
                for (client_id, user_id, at) in chunk {
                    let at = instant_text(*at);
                    query = query
                        .bind(client_id.0.to_string())
                        .bind(user_id)
                        .bind(at.clone())
                        .bind(at.clone())
                        .bind(at);
                }
                query.execute(&mut *transaction).await?;
            }
            transaction.commit().await
        }
        .await;
        if let Err(error) = written {
            tracing::warn!(%error, "could not note finished pulls");
        }
        self.pull_notes.forget_written(&notes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_writer_is_started_for_any_number_of_notes_and_stops_only_when_none_wait() {
        let notes = PullNotes::default();
        let (device, person) = (ClientId::new(), UserId::new());
        assert!(!notes.busy());
        assert!(
            notes.leave(device, person, Utc::now()),
            "the first note starts the writer"
        );
        assert!(
            !notes.leave(ClientId::new(), person, Utc::now()),
            "one writer at a time"
        );
        let written = notes.unwritten();
        assert_eq!(written.len(), 2);
        assert!(!notes.leave(device, person, Utc::now() + chrono::Duration::seconds(1)));
        notes.forget_written(&written);
        assert_eq!(
            notes.unwritten().len(),
            1,
            "the newer pull of a written device stays"
        );
        assert!(
            !notes.finish_writer(),
            "a note came in while it wrote: go on"
        );
        notes.forget_written(&notes.unwritten());
        assert!(notes.finish_writer());
        assert!(!notes.busy());
        assert!(
            notes.leave(device, person, Utc::now()),
            "the next note starts a new writer"
        );
    }

    #[test]
    fn a_device_keeps_only_its_newest_pull() {
        let notes = PullNotes::default();
        let (device, person) = (ClientId::new(), UserId::new());
        let earlier = Utc::now() - chrono::Duration::seconds(5);
        notes.leave(device, person, earlier);
        let later = Utc::now();
        notes.leave(device, person, later);
        assert_eq!(notes.unwritten(), vec![(device, person, later)]);
    }
}

//! One sync round and the wait before the next, written against three
//! small traits: the server (`SyncServer`), the tab slots other tabs hold
//! (`TabSlots`) and where the state lives between awaits (`StateCell`),
//! with the device's storage behind `KeyValueStore`. The browser's engine
//! (`engine.rs`) passes the server functions, Web Locks, a signal and local
//! storage; the unit tests below pass fakes in memory, so pushing in
//! batches, stopping at a gap, paging pulls, conflicts, closed tabs, a
//! sign-out in the middle of a round and the backoff are tested without a
//! browser.

use super::browser::yield_to_browser;
use super::device_store::{remove_slot, stored_slots, write_cache, write_outbox};
use crate::client::storage::{KeyValueStore, keys};
use crate::domain::UserId;
use crate::error::AppError;
use crate::sync::client::ClientState;
use crate::sync::protocol::{
    ConflictNotice, ConflictsRequest, MAX_BATCH, PROTOCOL_VERSION, PullRequest, PullResponse,
    PushRequest, PushResponse,
};
use chrono::Utc;
use std::time::Duration;

/// Seconds between background syncs while all is well.
const SYNC_EVERY_SECONDS: u64 = 30;
/// Longest wait between retries after failures.
const LONGEST_BACKOFF_SECONDS: u64 = 300;

/// The three sync endpoints (server functions in the app).
pub(crate) trait SyncServer {
    async fn push(&self, request: PushRequest) -> Result<PushResponse, AppError>;
    async fn pull(&self, request: PullRequest) -> Result<PullResponse, AppError>;
    async fn conflicts(&self, request: ConflictsRequest) -> Result<Vec<ConflictNotice>, AppError>;
}

/// The slots of other tabs: a slot can be borrowed only when no open tab
/// holds it (Web Locks in the browser).
pub(crate) trait TabSlots {
    type Lease;
    async fn borrow(&self, user: UserId, slot: u32) -> Option<Self::Lease>;
    fn give_back(&self, lease: Self::Lease);
}

/// Where the open state lives while a round awaits the network: it may be
/// replaced meanwhile (sign-out, another person signs in).
pub(crate) trait StateCell {
    fn read<R>(&self, read: impl FnOnce(Option<&ClientState>) -> R) -> R;
    /// Changes the state without redrawing the screens.
    fn update_quietly(&self, change: impl FnOnce(&mut ClientState));
    /// Changes the state and redraws the screens that read it.
    fn update(&self, change: impl FnOnce(&mut ClientState));
}

/// The wait before the next round: every 30 s while all is well; after
/// failures 5 s, doubling, at most 5 minutes.
pub(crate) fn wait_before_next(failures_in_row: u32) -> Duration {
    let seconds = if failures_in_row == 0 {
        SYNC_EVERY_SECONDS
    } else {
        (5u64 << failures_in_row.min(7).saturating_sub(1)).min(LONGEST_BACKOFF_SECONDS)
    };
    Duration::from_secs(seconds)
}

/// Everything one round reads and writes.
pub(crate) struct Round<'a, Server, Slots, Store, State> {
    pub(crate) server: &'a Server,
    pub(crate) slots: &'a Slots,
    pub(crate) store: &'a Store,
    pub(crate) state: &'a State,
    /// This tab's slot.
    pub(crate) slot: u32,
}

impl<Server, Slots, Store, State> Round<'_, Server, Slots, Store, State>
where
    Server: SyncServer,
    Slots: TabSlots,
    Store: KeyValueStore,
    State: StateCell,
{
    /// Changes the state, redraws, and stores its small part.
    pub(crate) fn change(&self, apply: impl FnOnce(&mut ClientState)) {
        self.state.update(|state| {
            apply(state);
            let _ = write_outbox(self.store, state, self.slot);
        });
    }

    /// One round: push the whole outbox, pull every page, fetch conflicts,
    /// then finish the outboxes of closed tabs. Returns whether closed tabs
    /// had work that is now on the server (pull again to see it). On an
    /// error the outbox keeps everything not yet acknowledged.
    pub(crate) async fn run(&self) -> Result<bool, AppError> {
        let Some(client_id) = self.state.read(|state| state.map(|state| state.client_id)) else {
            return Ok(false);
        };
        // After each await: the state may belong to someone else by now.
        let still_ours = || {
            self.state
                .read(|state| state.is_some_and(|state| state.client_id == client_id))
        };
        loop {
            let batch = self.state.read(|state| {
                state
                    .map(|state| state.outbox.batch(MAX_BATCH).to_vec())
                    .unwrap_or_default()
            });
            if batch.is_empty() {
                break;
            }
            let answer = self
                .server
                .push(PushRequest {
                    protocol_version: PROTOCOL_VERSION,
                    client_id,
                    mutations: batch,
                })
                .await?;
            if !still_ours() {
                return Ok(false);
            }
            self.change(|state| state.push_answered(&answer));
            if answer.stopped_at_gap {
                break;
            }
        }
        // Waiting to be sent, and sent but not yet pulled: either changing
        // means the views (and the stored outbox) change.
        let pending = || {
            self.state.read(|state| {
                state.map_or((0, 0), |state| {
                    (state.pending_count(), state.outbox.sent.len())
                })
            })
        };
        let pending_before = pending();
        let mut landed = false;
        loop {
            let Some((cursor, scope)) = self
                .state
                .read(|state| state.map(|state| (state.pull_cursor(), state.cache.scope_version)))
            else {
                return Ok(false);
            };
            let page = self
                .server
                .pull(PullRequest {
                    protocol_version: PROTOCOL_VERSION,
                    client_id,
                    cursor,
                    limit: MAX_BATCH as u32,
                    scope: Some(scope),
                })
                .await?;
            if !still_ours() {
                return Ok(false);
            }
            let more = page.more;
            landed |= page.reset || !page.changes.is_empty();
            // Pages land quietly; the screens update once at the end.
            self.state
                .update_quietly(|state| state.pulled(page, Utc::now()));
            if !more {
                break;
            }
        }
        // Nothing new: no screen recomputes and the (large) cache is not
        // rewritten.
        if landed || pending() != pending_before {
            // Taking the pages in, storing them and redrawing are a task
            // each (stored before the screens show them): together they
            // held a slow phone for 50-70 ms at 4x CPU (issue 13).
            yield_to_browser().await;
            if !still_ours() {
                return Ok(false);
            }
            self.state.update_quietly(|state| {
                write_cache(self.store, state, self.slot);
                let _ = write_outbox(self.store, state, self.slot);
            });
            yield_to_browser().await;
            if !still_ours() {
                return Ok(false);
            }
            self.state.update(|_| ());
        }
        let after_version = self
            .state
            .read(|state| state.map_or(0, |state| state.conflict_cursor));
        let notices = self
            .server
            .conflicts(ConflictsRequest {
                protocol_version: PROTOCOL_VERSION,
                after_version,
            })
            .await?;
        if !notices.is_empty() && still_ours() {
            self.change(|state| state.conflicts_received(notices));
        }
        self.finish_closed_tabs().await
    }

    /// Pushes the outboxes other tabs left behind when they closed (each as
    /// its own client id, so nothing applies twice), then removes them.
    async fn finish_closed_tabs(&self) -> Result<bool, AppError> {
        let Some(user) = self.state.read(|state| state.map(|state| state.user_id)) else {
            return Ok(false);
        };
        let mut finished_any = false;
        for slot in stored_slots(self.store, user) {
            if slot == self.slot {
                continue;
            }
            let Some(lease) = self.slots.borrow(user, slot).await else {
                continue;
            };
            let outcome = self.push_closed_tab(user, slot).await;
            self.slots.give_back(lease);
            finished_any |= outcome?;
        }
        Ok(finished_any)
    }

    /// Returns whether the slot had work that is now on the server.
    async fn push_closed_tab(&self, user: UserId, slot: u32) -> Result<bool, AppError> {
        let outbox_key = keys::sync_outbox(&user.to_string(), slot);
        let Some(mut other) = self.store.load::<ClientState>(&outbox_key) else {
            remove_slot(self.store, user, slot);
            return Ok(false);
        };
        let had_work = other.pending_count() > 0;
        while other.pending_count() > 0 {
            let answer = self
                .server
                .push(PushRequest {
                    protocol_version: PROTOCOL_VERSION,
                    client_id: other.client_id,
                    mutations: other.outbox.batch(MAX_BATCH).to_vec(),
                })
                .await?;
            other.push_answered(&answer);
            self.store.save(&outbox_key, &other);
            if answer.stopped_at_gap {
                return Ok(had_work);
            }
        }
        let handed_over = std::mem::take(&mut other.rejected);
        if !handed_over.is_empty() {
            self.change(|state| state.rejected.extend(handed_over));
        }
        remove_slot(self.store, user, slot);
        Ok(had_work)
    }
}

#[cfg(test)]
mod tests;

//! The browser's sync engine: keeps the signed-in person's `ClientState` in
//! local storage, records every save in the outbox before the screen says
//! "saved", and pushes and pulls when there is a network (on start, on
//! reconnect, after each save, and every 30 seconds, backing off after
//! failures). Screens read their lists from here, never from the network.
//!
//! Each open tab holds its own sync slot (a client id with its own outbox),
//! claimed with a Web Lock for as long as the tab lives, so two tabs never
//! write one outbox. A slot whose tab has closed is picked up by the next tab
//! that starts, or its outbox is pushed (as its own client id) by a running
//! tab and the slot removed.
//!
//! All decisions are in `sync::client` (pure, tested) and one round of
//! push, pull and conflicts is in `client::round` (tested with fakes); this
//! module gives them the server functions, Web Locks, local storage and the
//! reactive state, and runs them on start, on reconnect, after each save and
//! on a timer. What screens read from it is in `views`.

mod views;

use super::browser::{
    BorrowedSlot, borrow_slot, browser_is_online, claim_slot, early_first_pull, yield_to_browser,
};
pub use super::device_store::{forget_synced_rows, unsynced_elsewhere, unsynced_of};
use super::device_store::{open_slot, write_cache, write_outbox};
use super::round::{Round, StateCell, SyncServer, TabSlots, wait_before_next};
use crate::client::session::Session;
use crate::client::storage::BrowserStorage;
use crate::domain::{Activity, Lead, UserId, UserProfile};
use crate::error::AppError;
use crate::sync::client::ClientState;
use crate::sync::protocol::{
    ConflictNotice, ConflictsRequest, Operation, PullRequest, PullResponse, PushRequest,
    PushResponse,
};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The server functions of the sync protocol.
struct ServerFunctions;

impl SyncServer for ServerFunctions {
    async fn push(&self, request: PushRequest) -> Result<PushResponse, AppError> {
        crate::api::push(request).await
    }

    async fn pull(&self, request: PullRequest) -> Result<PullResponse, AppError> {
        crate::api::pull(request).await
    }

    async fn conflicts(&self, request: ConflictsRequest) -> Result<Vec<ConflictNotice>, AppError> {
        crate::api::conflicts(request).await
    }
}

/// Other tabs' slots, held with Web Locks (`window.pishroSlots`).
struct WebLockSlots;

impl TabSlots for WebLockSlots {
    type Lease = BorrowedSlot;

    async fn borrow(&self, user: UserId, slot: u32) -> Option<BorrowedSlot> {
        borrow_slot(user, slot).await
    }

    fn give_back(&self, lease: BorrowedSlot) {
        lease.give_back();
    }
}

/// The open state in a signal: screens redraw when it changes loudly.
struct SignalCell(RwSignal<Option<ClientState>>);

impl StateCell for SignalCell {
    fn read<R>(&self, read: impl FnOnce(Option<&ClientState>) -> R) -> R {
        self.0.with_untracked(|state| read(state.as_ref()))
    }

    fn update_quietly(&self, change: impl FnOnce(&mut ClientState)) {
        self.0.update_untracked(|state| {
            if let Some(state) = state {
                change(state);
            }
        });
    }

    fn update(&self, change: impl FnOnce(&mut ClientState)) {
        Update::update(&self.0, |state| {
            if let Some(state) = state {
                change(state);
            }
        });
    }
}

/// The engine, shared by every screen through context; `Copy` handles.
#[derive(Clone, Copy)]
pub struct SyncEngine {
    session: Session,
    state: RwSignal<Option<ClientState>>,
    slot: StoredValue<u32>,
    /// Whom the engine should be running for (guards slow starts).
    wanted: StoredValue<Option<UserId>>,
    /// Whether the browser says it has a network.
    pub online: RwSignal<bool>,
    pub syncing: RwSignal<bool>,
    /// Why the last sync failed; `None` after a good one.
    pub failure: RwSignal<Option<AppError>>,
    /// When the last full sync finished (shown in the sync bar).
    last_synced: RwSignal<Option<DateTime<Utc>>>,
    run_again: StoredValue<bool>,
    /// Whose team events were fetched since the app started (once per
    /// person and start: the lead form keeps offering them offline).
    events_fetched_for: StoredValue<Option<UserId>>,
    failures_in_row: StoredValue<u32>,
    timer_generation: StoredValue<u64>,
    /// The leads view, computed once per change of the state and shared
    /// by every screen (read with `.with` to avoid copying it).
    pub leads_view: Memo<Option<Vec<Lead>>>,
    /// The activities view, likewise.
    pub activities_view: Memo<Option<Vec<Activity>>>,
}

impl SyncEngine {
    pub fn new(session: Session) -> Self {
        let state: RwSignal<Option<ClientState>> = RwSignal::new(None);
        let leads_view = Memo::new(move |_| {
            state.with(|state| state.as_ref().map(|state| state.leads_view(Utc::now())))
        });
        let activities_view = Memo::new(move |_| {
            leads_view.with(|leads| {
                let leads = leads.as_ref()?;
                state.with(|state| {
                    state
                        .as_ref()
                        .map(|state| state.activities_view(leads, Utc::now()))
                })
            })
        });
        Self {
            session,
            leads_view,
            activities_view,
            state,
            slot: StoredValue::new(0),
            wanted: StoredValue::new(None),
            online: RwSignal::new(browser_is_online()),
            syncing: RwSignal::new(false),
            failure: RwSignal::new(None),
            last_synced: RwSignal::new(None),
            run_again: StoredValue::new(false),
            events_fetched_for: StoredValue::new(None),
            failures_in_row: StoredValue::new(0),
            timer_generation: StoredValue::new(0),
        }
    }

    /// Opens the person's local state (works offline) and starts syncing.
    pub fn start(self, profile: &UserProfile) {
        let user = profile.id;
        if self.wanted.get_value() == Some(user) {
            return;
        }
        self.wanted.set_value(Some(user));
        self.state.set(None);
        let name = profile.display_name.clone();
        spawn_local(async move {
            let slot = claim_slot(user).await;
            if self.wanted.get_value() != Some(user) {
                return;
            }
            let stored = open_slot(&BrowserStorage, user, slot);
            let mut early_rows = false;
            let mut state = match stored {
                Some(state) => state,
                None => {
                    let mut state = ClientState::new(user, &name);
                    // Not in the task that mounted the app.
                    yield_to_browser().await;
                    // A first page index.html already asked for, if it is this person's.
                    if let Some(first) = early_first_pull().await
                        && first.me.id == user
                    {
                        // Decoding the page and taking it in are separate
                        // tasks, so neither holds up input for long.
                        yield_to_browser().await;
                        state.client_id = first.client_id;
                        state.pulled(first.page, Utc::now());
                        early_rows = true;
                        yield_to_browser().await;
                    }
                    state
                }
            };
            if self.wanted.get_value() != Some(user) {
                return;
            }
            state.owner_name = name;
            let _ = write_outbox(&BrowserStorage, &state, slot);
            self.slot.set_value(slot);
            self.last_synced.set(state.cache.last_synced_at);
            self.state.set(Some(state));
            // The early page's rows are stored now, in a task after the one
            // that draws them: the pull that follows rewrites the cache only
            // when something new lands, and without this a device that got
            // everything in that first page kept it in memory only (a reload
            // offline found no leads).
            if early_rows {
                yield_to_browser().await;
                if self.wanted.get_value() != Some(user) {
                    return;
                }
                // Redrawn only if storing had to evict rows (a full device).
                let evicted = self.state.try_update_untracked(|state| {
                    state.as_mut().is_some_and(|state| {
                        let before = state.cache.evicted;
                        write_cache(&BrowserStorage, state, slot);
                        state.cache.evicted != before
                    })
                });
                if evicted == Some(true) {
                    self.state.update(|_| ());
                }
            }
            self.sync_now();
        });
    }

    /// Shows rows the server drew a first screen from (`first_screen`);
    /// nothing syncs or is stored.
    pub fn show_drawn(self, state: ClientState) {
        self.last_synced.set(state.cache.last_synced_at);
        self.state.set(Some(state));
    }

    /// Forgets the signed-out person's state in memory; it stays stored,
    /// with its outbox, until they sign in again.
    pub fn stop(self) {
        self.wanted.set_value(None);
        self.state.set(None);
        self.last_synced.set(None);
        self.timer_generation
            .update_value(|generation| *generation += 1);
    }

    /// The browser went online or offline.
    pub fn set_online(self, online: bool) {
        self.online.set(online);
        if online {
            self.failures_in_row.set_value(0);
            self.sync_now();
        }
    }

    /// Whether the local state is open (false only for a moment at start).
    pub fn ready(self) -> bool {
        self.state.with(Option::is_some)
    }

    /// Queues a change and stores it before returning: when this says
    /// `Ok`, the change survives a reload, a crash and a lost network.
    pub fn record(self, operation: Operation) -> Result<(), AppError> {
        let slot = self.slot.get_value();
        let mut outcome = Err(AppError::Unauthenticated);
        self.state.update(|state| {
            if let Some(state) = state {
                let undo_id = state.outbox.next_id;
                state.record(operation);
                outcome = write_outbox(&BrowserStorage, state, slot);
                if outcome.is_err() {
                    state.outbox.pending.pop();
                    state.outbox.next_id = undo_id;
                }
            }
        });
        if outcome.is_ok() && self.online.get_untracked() {
            self.sync_now();
        }
        outcome
    }

    /// Puts the person's overwritten value back (queued like any edit).
    pub fn restore_conflict(self, notice: &ConflictNotice) -> Result<(), AppError> {
        let slot = self.slot.get_value();
        let mut outcome = Err(AppError::NotFound);
        self.state.update(|state| {
            if let Some(state) = state
                && state
                    .restore_conflict(notice.lead_id, &notice.field, notice.version, Utc::now())
                    .is_some()
            {
                outcome = write_outbox(&BrowserStorage, state, slot);
            }
        });
        if outcome.is_ok() && self.online.get_untracked() {
            self.sync_now();
        }
        outcome
    }

    /// Changes the state and stores its small part.
    fn change(self, apply: impl FnOnce(&mut ClientState)) {
        self.round(|round| round.change(apply));
    }

    /// Lends a round over this engine's parts to `work`.
    fn round<R>(
        self,
        work: impl FnOnce(&Round<'_, ServerFunctions, WebLockSlots, BrowserStorage, SignalCell>) -> R,
    ) -> R {
        work(&Round {
            server: &ServerFunctions,
            slots: &WebLockSlots,
            store: &BrowserStorage,
            state: &SignalCell(self.state),
            slot: self.slot.get_value(),
        })
    }

    /// Pushes and pulls now (or right after the sync already running).
    pub fn sync_now(self) {
        // Not before `start` (nor ever in a screen the server draws).
        if self.state.with_untracked(Option::is_none)
            || self.wanted.get_value().is_none()
            || !self.online.get_untracked()
        {
            return;
        }
        if self.syncing.get_untracked() {
            self.run_again.set_value(true);
            return;
        }
        self.syncing.set(true);
        spawn_local(async move {
            loop {
                self.run_again.set_value(false);
                match self.sync_once().await {
                    Ok(()) => {
                        self.failure.set(None);
                        self.failures_in_row.set_value(0);
                        self.remember_event_choices();
                    }
                    Err(error) => {
                        self.failures_in_row.update_value(|failures| *failures += 1);
                        if error == AppError::Unauthenticated {
                            // The outbox stays stored for when they sign in again.
                            self.session.note_error(&error);
                        }
                        self.failure.set(Some(error));
                        break;
                    }
                }
                if !self.run_again.get_value() {
                    break;
                }
            }
            self.syncing.set(false);
            self.schedule_next();
        });
    }

    /// Keeps the team's events on the device after the first good sync of
    /// a start, so a rep at a fair with no network can still pick one.
    fn remember_event_choices(self) {
        let Some(user) = self
            .state
            .with_untracked(|state| state.as_ref().map(|state| state.user_id))
        else {
            return;
        };
        if self.events_fetched_for.get_value() == Some(user) {
            return;
        }
        self.events_fetched_for.set_value(Some(user));
        spawn_local(async move {
            if let Ok(choices) = crate::api::events::event_choices().await {
                crate::client::storage::save(
                    &crate::client::storage::keys::event_choices(&user.to_string()),
                    &choices,
                );
            }
        });
    }

    fn schedule_next(self) {
        self.timer_generation
            .update_value(|generation| *generation += 1);
        let generation = self.timer_generation.get_value();
        let wait = wait_before_next(self.failures_in_row.get_value());
        set_timeout(
            move || {
                if self.timer_generation.get_value() == generation {
                    self.sync_now();
                }
            },
            wait,
        );
    }

    /// One round (`client::round`), then the time of the last sync.
    async fn sync_once(self) -> Result<(), AppError> {
        let round = Round {
            server: &ServerFunctions,
            slots: &WebLockSlots,
            store: &BrowserStorage,
            state: &SignalCell(self.state),
            slot: self.slot.get_value(),
        };
        let outcome = round.run().await;
        self.last_synced.set(
            self.state.with_untracked(|state| {
                state.as_ref().and_then(|state| state.cache.last_synced_at)
            }),
        );
        if outcome? {
            // Closed tabs' changes are on the server now: pull them here.
            self.run_again.set_value(true);
        }
        Ok(())
    }
}

pub fn use_sync() -> SyncEngine {
    expect_context::<SyncEngine>()
}

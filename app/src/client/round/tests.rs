//! A round against a small server in memory (it applies lead creations in
//! order, answers pulls in pages, and can fail, refuse, report a gap or hand
//! out conflict notices), a state cell that counts redraws, and local
//! storage in memory with a size limit.

use super::*;
use crate::client::device_store::{load_slot, open_slot};
use crate::client::storage::MemoryStorage;
use crate::domain::{Lead, LeadDraft, LeadId};
use crate::sync::client::ClientState;
use crate::sync::protocol::{ClientId, Operation, RejectedMutation};
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// Runs a future whose fakes never wait (each is ready when first polled).
fn finish<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("a fake waited"),
    }
}

fn draft(name: &str) -> LeadDraft {
    LeadDraft {
        id: LeadId::new(),
        name: name.into(),
        source: "referral".into(),
        stage: "new".into(),
        estimated_value: "100".into(),
        currency: "USD".into(),
        customer_kind: "new".into(),
        ..LeadDraft::default()
    }
}

fn create(name: &str) -> Operation {
    Operation::CreateLead { draft: draft(name) }
}

/// What can go wrong at the server, one call at a time.
#[derive(Clone, Copy, PartialEq)]
enum Endpoint {
    Push,
    Pull,
    Conflicts,
}

type SharedState = Rc<RefCell<Option<ClientState>>>;

struct FakeServer {
    user: UserId,
    /// The lead rows, in version order (version = position + 1).
    rows: RefCell<Vec<Lead>>,
    applied: RefCell<HashMap<ClientId, u64>>,
    /// Each call, in order: "push <client> <first>..<last>", "pull <cursor>", "conflicts <after>".
    calls: RefCell<Vec<String>>,
    page_size: usize,
    failing: Cell<Option<Endpoint>>,
    refused: RefCell<HashSet<u64>>,
    /// Answer the next push with a gap (as if a mutation were missing).
    gap_once: Cell<bool>,
    notices: RefCell<Vec<ConflictNotice>>,
    /// Replaces the open state during the next push (a sign-out mid-round).
    swap_state_on_push: RefCell<Option<(SharedState, Option<ClientState>)>>,
}

impl FakeServer {
    fn new(user: UserId) -> Self {
        Self {
            user,
            rows: RefCell::default(),
            applied: RefCell::default(),
            calls: RefCell::default(),
            page_size: 3,
            failing: Cell::new(None),
            refused: RefCell::default(),
            gap_once: Cell::new(false),
            notices: RefCell::default(),
            swap_state_on_push: RefCell::default(),
        }
    }

    fn calls(&self) -> Vec<String> {
        self.calls.borrow().clone()
    }

    fn refuse_if_failing(&self, endpoint: Endpoint) -> Result<(), AppError> {
        if self.failing.get() == Some(endpoint) {
            return Err(AppError::Network("offline".into()));
        }
        Ok(())
    }
}

impl SyncServer for FakeServer {
    async fn push(&self, request: PushRequest) -> Result<PushResponse, AppError> {
        let (first, last) = (
            request.mutations.first().map_or(0, |mutation| mutation.id),
            request.mutations.last().map_or(0, |mutation| mutation.id),
        );
        self.calls
            .borrow_mut()
            .push(format!("push {} {first}..{last}", request.client_id.0));
        if let Some((cell, next)) = self.swap_state_on_push.borrow_mut().take() {
            *cell.borrow_mut() = next;
        }
        self.refuse_if_failing(Endpoint::Push)?;
        let mut applied = self.applied.borrow_mut();
        let last_applied = applied.entry(request.client_id).or_insert(0);
        if self.gap_once.replace(false) {
            return Ok(PushResponse {
                last_mutation_id: *last_applied,
                rejected: vec![],
                stopped_at_gap: true,
                possible_duplicates: vec![],
            });
        }
        let mut rejected = Vec::new();
        for mutation in request.mutations {
            if mutation.id <= *last_applied {
                continue;
            }
            *last_applied = mutation.id;
            if self.refused.borrow().contains(&mutation.id) {
                rejected.push(RejectedMutation {
                    mutation_id: mutation.id,
                    error: AppError::Forbidden,
                });
                continue;
            }
            if let Operation::CreateLead { .. } = mutation.operation {
                // The row the server makes of it: the client's own view of it.
                let mut maker = ClientState::new(self.user, "Sara");
                maker.record(mutation.operation);
                let mut rows = self.rows.borrow_mut();
                for mut lead in maker.leads_view(Utc::now()) {
                    lead.version = rows.len() as i64 + 1;
                    rows.push(lead);
                }
            }
        }
        Ok(PushResponse {
            last_mutation_id: *last_applied,
            rejected,
            stopped_at_gap: false,
            possible_duplicates: vec![],
        })
    }

    async fn pull(&self, request: PullRequest) -> Result<PullResponse, AppError> {
        self.calls
            .borrow_mut()
            .push(format!("pull {}", request.cursor));
        self.refuse_if_failing(Endpoint::Pull)?;
        let reset = request.cursor < 0;
        let after = request.cursor.max(0);
        let rows = self.rows.borrow();
        let newer: Vec<&Lead> = rows.iter().filter(|lead| lead.version > after).collect();
        let page: Vec<Change> = newer
            .iter()
            .take(self.page_size)
            .map(|lead| Change::Lead((*lead).clone()))
            .collect();
        Ok(PullResponse {
            reset,
            cursor: page.last().map_or(after, Change::version),
            more: newer.len() > self.page_size,
            changes: page,
            last_mutation_id: self
                .applied
                .borrow()
                .get(&request.client_id)
                .copied()
                .unwrap_or(0),
            scope: 0,
        })
    }

    async fn conflicts(&self, request: ConflictsRequest) -> Result<Vec<ConflictNotice>, AppError> {
        self.calls
            .borrow_mut()
            .push(format!("conflicts {}", request.after_version));
        self.refuse_if_failing(Endpoint::Conflicts)?;
        Ok(self
            .notices
            .borrow()
            .iter()
            .filter(|notice| notice.version > request.after_version)
            .cloned()
            .collect())
    }
}

use crate::sync::protocol::Change;

/// Tabs still open hold their slots; the rest can be borrowed.
#[derive(Default)]
struct FakeSlots {
    held_by_open_tabs: HashSet<u32>,
    lent: RefCell<Vec<u32>>,
    given_back: RefCell<Vec<u32>>,
}

impl TabSlots for FakeSlots {
    type Lease = u32;

    async fn borrow(&self, _user: UserId, slot: u32) -> Option<u32> {
        if self.held_by_open_tabs.contains(&slot) {
            return None;
        }
        self.lent.borrow_mut().push(slot);
        Some(slot)
    }

    fn give_back(&self, lease: u32) {
        self.given_back.borrow_mut().push(lease);
    }
}

struct MemoryCell {
    state: SharedState,
    redraws: Cell<usize>,
}

impl MemoryCell {
    fn holding(state: ClientState) -> Self {
        Self {
            state: Rc::new(RefCell::new(Some(state))),
            redraws: Cell::new(0),
        }
    }

    fn get(&self) -> ClientState {
        match self.state.borrow().clone() {
            Some(state) => state,
            None => panic!("the state is open"),
        }
    }
}

impl StateCell for MemoryCell {
    fn read<R>(&self, read: impl FnOnce(Option<&ClientState>) -> R) -> R {
        read(self.state.borrow().as_ref())
    }

    fn update_quietly(&self, change: impl FnOnce(&mut ClientState)) {
        if let Some(state) = self.state.borrow_mut().as_mut() {
            change(state);
        }
    }

    fn update(&self, change: impl FnOnce(&mut ClientState)) {
        if let Some(state) = self.state.borrow_mut().as_mut() {
            change(state);
            self.redraws.set(self.redraws.get() + 1);
        }
    }
}

/// One device: its storage, its open tab (slot 0) and the other tabs' slots.
struct Device {
    server: FakeServer,
    slots: FakeSlots,
    store: MemoryStorage,
    cell: MemoryCell,
}

impl Device {
    fn new() -> Self {
        let user = UserId::new();
        Self {
            server: FakeServer::new(user),
            slots: FakeSlots::default(),
            store: MemoryStorage::new(),
            cell: MemoryCell::holding(ClientState::new(user, "Sara")),
        }
    }

    fn user(&self) -> UserId {
        self.server.user
    }

    fn round(&self) -> Round<'_, FakeServer, FakeSlots, MemoryStorage, MemoryCell> {
        Round {
            server: &self.server,
            slots: &self.slots,
            store: &self.store,
            state: &self.cell,
            slot: 0,
        }
    }

    /// Saves a change as the engine does: queued, then stored.
    fn save(&self, operation: Operation) {
        self.round().change(|state| {
            state.record(operation);
        });
    }

    fn sync(&self) -> Result<bool, AppError> {
        finish(self.round().run())
    }

    fn stored(&self) -> ClientState {
        match load_slot(&self.store, self.user(), 0) {
            Some(state) => state,
            None => panic!("slot 0 is stored"),
        }
    }
}

#[test]
fn an_outbox_longer_than_a_batch_is_pushed_in_batches_then_pulled_back() {
    let device = Device::new();
    for number in 0..MAX_BATCH + 2 {
        device.save(create(&format!("Lead {number}")));
    }
    assert_eq!(device.sync(), Ok(false));
    let client = device.cell.get().client_id.0;
    let calls = device.server.calls();
    assert_eq!(calls[0], format!("push {client} 1..{MAX_BATCH}"));
    assert_eq!(
        calls[1],
        format!("push {client} {}..{}", MAX_BATCH + 1, MAX_BATCH + 2)
    );
    let state = device.cell.get();
    assert_eq!(state.pending_count(), 0);
    assert!(state.outbox.sent.is_empty(), "the pull acknowledged them");
    assert_eq!(state.cache.leads.len(), MAX_BATCH + 2);
    // Stored: the outbox is empty and the rows are there after a reload.
    let stored = device.stored();
    assert_eq!(stored.pending_count(), 0);
    assert_eq!(stored.cache.leads.len(), MAX_BATCH + 2);
}

#[test]
fn pulls_page_until_no_more_and_redraw_once_at_the_end() {
    let device = Device::new();
    for number in 0..7 {
        device.save(create(&format!("Lead {number}")));
    }
    device.cell.redraws.set(0);
    assert_eq!(device.sync(), Ok(false));
    let pulls: Vec<String> = device
        .server
        .calls()
        .into_iter()
        .filter(|call| call.starts_with("pull"))
        .collect();
    // A first pull (an old cache asks for a fresh snapshot), then by cursor.
    assert_eq!(pulls, ["pull -1", "pull 3", "pull 6"]);
    assert_eq!(device.cell.get().cache.cursor, 7);
    // One redraw for the push answer, one for everything the pulls brought.
    assert_eq!(device.cell.redraws.get(), 2);
}

#[test]
fn a_round_with_nothing_new_neither_redraws_nor_rewrites_the_rows() {
    let device = Device::new();
    device.save(create("Only lead"));
    assert_eq!(device.sync(), Ok(false));
    let cache_key = keys::sync_cache(&device.user().to_string(), 0);
    assert!(device.store.get_text(&cache_key).is_some());
    device.store.remove(&cache_key);
    device.cell.redraws.set(0);
    assert_eq!(device.sync(), Ok(false));
    assert_eq!(device.cell.redraws.get(), 0);
    assert!(
        device.store.get_text(&cache_key).is_none(),
        "an unchanged cache is not written again"
    );
}

#[test]
fn a_failed_push_keeps_every_change_in_memory_and_stored() {
    let device = Device::new();
    device.save(create("Typed on the train"));
    device.save(create("And another"));
    device.server.failing.set(Some(Endpoint::Push));
    assert_eq!(device.sync(), Err(AppError::Network("offline".into())));
    assert_eq!(device.cell.get().pending_count(), 2);
    assert_eq!(device.stored().pending_count(), 2);
    assert!(
        !device
            .server
            .calls()
            .iter()
            .any(|call| call.starts_with("pull")),
        "no pull after a failed push"
    );
    // The network comes back: the same changes go, once.
    device.server.failing.set(None);
    assert_eq!(device.sync(), Ok(false));
    assert_eq!(device.server.rows.borrow().len(), 2);
    assert_eq!(device.stored().pending_count(), 0);
}

#[test]
fn a_failed_pull_leaves_the_pushed_changes_in_view_until_the_next_round() {
    let device = Device::new();
    device.save(create("Pushed"));
    device.server.failing.set(Some(Endpoint::Pull));
    assert!(device.sync().is_err());
    let state = device.cell.get();
    assert_eq!(state.pending_count(), 0);
    assert_eq!(state.outbox.sent.len(), 1, "sent, not yet pulled back");
    assert_eq!(state.leads_view(Utc::now()).len(), 1);
    assert_eq!(device.stored().outbox.sent.len(), 1);
    device.server.failing.set(None);
    assert_eq!(device.sync(), Ok(false));
    assert!(device.cell.get().outbox.sent.is_empty());
    assert_eq!(device.server.rows.borrow().len(), 1, "not applied twice");
}

#[test]
fn a_refused_change_is_kept_with_its_reason_and_the_rest_go_on() {
    let device = Device::new();
    device.save(create("Fine"));
    device.save(create("Refused"));
    device.save(create("Also fine"));
    device.server.refused.borrow_mut().insert(2);
    assert_eq!(device.sync(), Ok(false));
    let state = device.cell.get();
    assert_eq!(state.pending_count(), 0);
    assert_eq!(state.rejected.len(), 1);
    assert_eq!(state.rejected[0].mutation_id, 2);
    assert_eq!(state.rejected[0].error, AppError::Forbidden);
    assert!(
        matches!(&state.rejected[0].operation, Some(Operation::CreateLead { draft }) if draft.name == "Refused"),
        "what was typed is kept"
    );
    assert_eq!(device.stored().rejected.len(), 1);
    assert_eq!(state.cache.leads.len(), 2);
}

#[test]
fn a_gap_stops_the_pushing_and_the_round_goes_on_to_pull() {
    let device = Device::new();
    device.save(create("Waiting"));
    device.server.gap_once.set(true);
    assert_eq!(device.sync(), Ok(false));
    let calls = device.server.calls();
    assert_eq!(
        calls.iter().filter(|call| call.starts_with("push")).count(),
        1,
        "{calls:?}"
    );
    assert!(calls.iter().any(|call| call.starts_with("pull")));
    assert_eq!(
        device.cell.get().pending_count(),
        1,
        "sent again next round"
    );
    assert_eq!(device.sync(), Ok(false));
    assert_eq!(device.cell.get().pending_count(), 0);
}

#[test]
fn a_sign_out_during_a_push_touches_nothing_of_the_next_person() {
    let device = Device::new();
    device.save(create("Sara's lead"));
    let next_person = ClientState::new(UserId::new(), "Omid");
    *device.server.swap_state_on_push.borrow_mut() =
        Some((device.cell.state.clone(), Some(next_person.clone())));
    assert_eq!(device.sync(), Ok(false));
    assert_eq!(
        device.cell.get(),
        next_person,
        "the answer was not applied to Omid"
    );
    assert!(
        !device
            .server
            .calls()
            .iter()
            .any(|call| call.starts_with("pull")),
        "no pull for someone else's client id"
    );
    // Sara's change is still stored in her slot, for her next sign-in.
    assert_eq!(device.stored().pending_count(), 1);
}

#[test]
fn conflict_notices_are_fetched_after_the_last_one_seen_and_stored() {
    let device = Device::new();
    let notice = |version| ConflictNotice {
        version,
        lead_id: LeadId::new(),
        lead_name: "Acme".into(),
        field: "phone".into(),
        your_value: "1".into(),
        their_value: "2".into(),
        changed_by_name: "Omid".into(),
        at: Utc::now(),
    };
    device.server.notices.borrow_mut().push(notice(4));
    assert_eq!(device.sync(), Ok(false));
    assert_eq!(device.cell.get().conflicts.len(), 1);
    assert_eq!(device.stored().conflicts.len(), 1);
    device.server.notices.borrow_mut().push(notice(9));
    assert_eq!(device.sync(), Ok(false));
    assert!(device.server.calls().contains(&"conflicts 4".to_string()));
    assert_eq!(device.cell.get().conflicts.len(), 2);
}

#[test]
fn a_closed_tabs_outbox_is_pushed_as_its_own_client_and_its_slot_removed() {
    let mut device = Device::new();
    let user = device.user();
    // Slot 1: a tab that closed with two changes; slot 2: a tab still open.
    let mut closed = ClientState::new(user, "Sara");
    closed.record(create("From the closed tab"));
    closed.record(create("Also from it"));
    device.server.refused.borrow_mut().insert(2);
    let mut open = ClientState::new(user, "Sara");
    open.record(create("From the open tab"));
    for (slot, state) in [(1, &closed), (2, &open)] {
        assert!(
            device
                .store
                .save(&keys::sync_outbox(&user.to_string(), slot), state)
        );
    }
    device.slots.held_by_open_tabs.insert(2);
    assert_eq!(device.sync(), Ok(true), "pull again to see their work");
    assert!(
        device
            .server
            .calls()
            .contains(&format!("push {} 1..2", closed.client_id.0))
    );
    assert_eq!(*device.slots.lent.borrow(), [1]);
    assert_eq!(
        *device.slots.given_back.borrow(),
        [1],
        "the lock is released"
    );
    assert_eq!(stored_slots(&device.store, user), [0, 2]);
    // Its refusal now shows in this tab.
    assert_eq!(device.cell.get().rejected.len(), 1);
    // The open tab's slot is untouched.
    assert_eq!(
        load_slot(&device.store, user, 2).map(|state| state.pending_count()),
        Some(1)
    );
    // Nothing twice: a second round finds nothing more to finish.
    device.slots.held_by_open_tabs.clear();
    device.server.failing.set(Some(Endpoint::Push));
    let _ = device.sync();
    assert_eq!(
        device.server.rows.borrow().len(),
        1,
        "slot 2's push failed; slot 1's one applied change is there once"
    );
    assert_eq!(
        load_slot(&device.store, user, 2).map(|state| state.pending_count()),
        Some(1),
        "a failed push keeps the closed tab's outbox"
    );
}

#[test]
fn the_wait_between_rounds_backs_off_to_five_minutes() {
    let seconds: Vec<u64> = [0, 1, 2, 3, 4, 5, 6, 7, 8, 1000]
        .into_iter()
        .map(|failures| wait_before_next(failures).as_secs())
        .collect();
    assert_eq!(seconds, [30, 5, 10, 20, 40, 80, 160, 300, 300, 300]);
}

#[test]
fn a_new_tab_opens_with_the_freshest_rows_under_its_own_client_and_outbox() {
    let device = Device::new();
    device.save(create("Synced"));
    assert_eq!(device.sync(), Ok(false));
    device.save(create("Not yet synced"));
    let user = device.user();
    let first_tab = device.cell.get();
    // Slot 3 has never been used: a sibling of slot 0.
    let Some(new_tab) = open_slot(&device.store, user, 3) else {
        panic!("opens with slot 0's rows");
    };
    assert_ne!(new_tab.client_id, first_tab.client_id);
    assert_eq!(
        new_tab.pending_count(),
        0,
        "never pushes the other tab's work"
    );
    assert_eq!(new_tab.cache.leads.len(), 1);
    // Its own slot, once stored, is what it opens next time.
    assert_eq!(
        open_slot(&device.store, user, 0).map(|state| state.client_id),
        Some(first_tab.client_id)
    );
    // Someone else's slots are never opened.
    assert_eq!(open_slot(&device.store, UserId::new(), 0), None);
}

#[test]
fn a_full_device_drops_pulled_rows_never_the_outbox() {
    let device = Device::new();
    for number in 0..40 {
        device.save(create(&format!("Lead number {number} with a longer name")));
    }
    assert_eq!(device.sync(), Ok(false));
    let user = device.user().to_string();
    let whole = device.store.used();
    // Someone else's remembered report and an outbox of another person.
    assert!(
        device
            .store
            .set_text("pishro.report.x.tactics", &"r".repeat(500))
    );
    let other_outbox = keys::sync_outbox("someone-else", 0);
    assert!(device.store.set_text(&other_outbox, "{\"kept\":true}"));
    // Less room than the rows take: the cache is written with fewer rows.
    device.store.set_capacity(whole * 2 / 3);
    let mut state = device.cell.get();
    device.store.remove(&keys::sync_cache(&user, 0));
    write_cache(&device.store, &mut state, 0);
    assert!(state.cache.evicted > 0);
    assert!(state.cache.leads.len() < 40);
    assert!(device.store.get_text(&keys::sync_cache(&user, 0)).is_some());
    // A save that does not fit: the pulled rows make room first.
    device.store.set_capacity(device.store.used() + 300);
    device.save(create(&"x".repeat(400)));
    assert_eq!(device.stored().pending_count(), 1, "the change is stored");
    assert!(device.store.get_text(&keys::sync_cache(&user, 0)).is_none());
    assert!(device.store.get_text("pishro.report.x.tactics").is_some());
    // Still no room: remembered answers go too, never another outbox.
    device.store.set_capacity(device.store.used() + 300);
    device.save(create(&"z".repeat(400)));
    assert_eq!(device.stored().pending_count(), 2, "the change is stored");
    assert!(device.store.get_text("pishro.report.x.tactics").is_none());
    assert!(
        device.store.get_text(&other_outbox).is_some(),
        "another person's outbox is never dropped"
    );
    // No room at all: the save is refused and the stored outbox is as before.
    device.store.set_capacity(device.store.used());
    let mut state = device.cell.get();
    state.record(create(&"y".repeat(400)));
    assert_eq!(
        write_outbox(&device.store, &state, 0),
        Err(AppError::StorageFull)
    );
    assert_eq!(device.stored().pending_count(), 2);
}

#[test]
fn the_sign_in_screen_and_sign_out_see_every_slots_unsynced_work() {
    use crate::client::device_store::{
        forget_synced_rows_in, unsynced_elsewhere_in, unsynced_of_in,
    };
    let store = MemoryStorage::new();
    let sara = UserId::new();
    let omid = UserId::new();
    for (user, name, slot, changes) in [
        (sara, "Sara", 0, 2),
        (sara, "Sara", 4, 1),
        (omid, "Omid", 0, 0),
    ] {
        let mut state = ClientState::new(user, name);
        for number in 0..changes {
            state.record(create(&format!("{number}")));
        }
        assert_eq!(write_outbox(&store, &state, slot), Ok(()));
        assert!(store.save(&keys::sync_cache(&user.to_string(), slot), &state.cache));
    }
    assert_eq!(unsynced_of_in(&store, sara), 3);
    assert_eq!(
        unsynced_elsewhere_in(&store, Some(omid)),
        [("Sara".to_string(), 3)]
    );
    assert!(unsynced_elsewhere_in(&store, Some(sara)).is_empty());
    forget_synced_rows_in(&store, sara);
    assert!(
        store
            .get_text(&keys::sync_cache(&sara.to_string(), 0))
            .is_none()
    );
    assert!(
        store
            .get_text(&keys::sync_cache(&sara.to_string(), 4))
            .is_none()
    );
    assert!(
        store
            .get_text(&keys::sync_cache(&omid.to_string(), 0))
            .is_some()
    );
    assert_eq!(unsynced_of_in(&store, sara), 3, "the outboxes stay");
}

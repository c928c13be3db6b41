//! What this device keeps of each person's sync, per tab slot: the outbox
//! (never dropped) and the pulled rows (dropped oldest-first when storage is
//! full, since they can be pulled again), read back on start, and what the
//! sign-in screen and sign-out ask about unsynced work. Written against
//! `KeyValueStore`, so it is tested with a full store in memory.

use crate::client::storage::{BrowserStorage, KeyValueStore, keys};
use crate::domain::UserId;
use crate::error::AppError;
use crate::sync::client::{ClientState, SyncedCache};

/// Writes the small part (identity, outbox, notices). If storage is full,
/// the pulled rows make room first: they can be pulled again, the outbox
/// cannot; then every other answer the server can give again (other tabs'
/// rows, remembered reports and dashboards), before a save is refused.
pub(super) fn write_outbox(
    store: &impl KeyValueStore,
    state: &ClientState,
    slot: u32,
) -> Result<(), AppError> {
    let user = state.user_id.to_string();
    let key = keys::sync_outbox(&user, slot);
    if store.save(&key, state) {
        return Ok(());
    }
    store.remove(&keys::sync_cache(&user, slot));
    if store.save(&key, state) {
        return Ok(());
    }
    for fetchable in store
        .keys_with_prefix("pishro.")
        .into_iter()
        .filter(|stored| keys::can_be_fetched_again(stored))
    {
        store.remove(&fetchable);
    }
    if store.save(&key, state) {
        return Ok(());
    }
    Err(AppError::StorageFull)
}

/// Writes the pulled rows; when they do not fit, drops synced rows (oldest
/// and done first) until they do. The outbox is never dropped.
pub(super) fn write_cache(store: &impl KeyValueStore, state: &mut ClientState, slot: u32) {
    let key = keys::sync_cache(&state.user_id.to_string(), slot);
    for _ in 0..12 {
        if store.save(&key, &state.cache) {
            return;
        }
        let rows = state.cache.leads.len() + state.cache.activities.len();
        if rows == 0 {
            break;
        }
        state.evict_synced((rows / 5).max(1));
    }
    store.remove(&key);
}

/// One slot's outbox with its pulled rows (none if they were dropped).
pub(super) fn load_slot(
    store: &impl KeyValueStore,
    user: UserId,
    slot: u32,
) -> Option<ClientState> {
    let owner = user.to_string();
    let mut state: ClientState = store.load(&keys::sync_outbox(&owner, slot))?;
    if state.user_id != user {
        return None;
    }
    state.cache = store
        .load::<SyncedCache>(&keys::sync_cache(&owner, slot))
        .unwrap_or_default();
    Some(state)
}

/// What a tab opens with: its own slot as stored, else a sibling of the
/// freshest other slot (that slot's rows under a new client id and an empty
/// outbox, so a new tab has data offline), else nothing (a first start).
pub(super) fn open_slot(
    store: &impl KeyValueStore,
    user: UserId,
    slot: u32,
) -> Option<ClientState> {
    load_slot(store, user, slot).or_else(|| {
        freshest_other_slot(store, user, slot).map(|other| ClientState::sibling_of(&other))
    })
}

/// The slot numbers this person has stored.
pub(super) fn stored_slots(store: &impl KeyValueStore, user: UserId) -> Vec<u32> {
    let prefix = keys::sync_prefix(&user.to_string());
    let mut slots: Vec<u32> = store
        .keys_with_prefix(&prefix)
        .iter()
        .filter_map(|key| {
            key.strip_prefix(&prefix)?
                .strip_suffix(".outbox")?
                .parse()
                .ok()
        })
        .collect();
    crate::domain::sorting::sort(&mut slots);
    slots.dedup();
    slots
}

/// Another slot's pulled rows, to open a new tab with data even offline.
fn freshest_other_slot(store: &impl KeyValueStore, user: UserId, own: u32) -> Option<ClientState> {
    stored_slots(store, user)
        .into_iter()
        .filter(|slot| *slot != own)
        .filter_map(|slot| load_slot(store, user, slot))
        .max_by_key(|state| state.cache.cursor)
}

/// Removes a slot whose work is on the server (a closed tab's).
pub(super) fn remove_slot(store: &impl KeyValueStore, user: UserId, slot: u32) {
    let owner = user.to_string();
    store.remove(&keys::sync_outbox(&owner, slot));
    store.remove(&keys::sync_cache(&owner, slot));
}

/// Whose unsynced changes this device holds, other than `except`'s: the
/// sign-in screen names them so nobody wonders where their work went.
pub fn unsynced_elsewhere(except: Option<UserId>) -> Vec<(String, usize)> {
    unsynced_elsewhere_in(&BrowserStorage, except)
}

pub(super) fn unsynced_elsewhere_in(
    store: &impl KeyValueStore,
    except: Option<UserId>,
) -> Vec<(String, usize)> {
    let mut found: Vec<(UserId, String, usize)> = Vec::new();
    for key in store.keys_with_prefix(keys::SYNC_ANYONE) {
        if !key.ends_with(".outbox") {
            continue;
        }
        let Some(state) = store.load::<ClientState>(&key) else {
            continue;
        };
        if Some(state.user_id) == except || state.pending_count() == 0 {
            continue;
        }
        match found.iter_mut().find(|(user, _, _)| *user == state.user_id) {
            Some(entry) => entry.2 += state.pending_count(),
            None => found.push((
                state.user_id,
                state.owner_name.clone(),
                state.pending_count(),
            )),
        }
    }
    found
        .into_iter()
        .map(|(_, name, count)| (name, count))
        .collect()
}

/// Removes the person's synced rows from this device (on sign-out, so the
/// next person on a shared phone cannot read them); their outbox stays.
pub fn forget_synced_rows(user: UserId) {
    forget_synced_rows_in(&BrowserStorage, user);
}

pub(super) fn forget_synced_rows_in(store: &impl KeyValueStore, user: UserId) {
    let owner = user.to_string();
    for slot in stored_slots(store, user) {
        store.remove(&keys::sync_cache(&owner, slot));
    }
}

/// The pending count of one person on this device, across all their slots
/// (asked before signing out).
pub fn unsynced_of(user: UserId) -> usize {
    unsynced_of_in(&BrowserStorage, user)
}

pub(super) fn unsynced_of_in(store: &impl KeyValueStore, user: UserId) -> usize {
    stored_slots(store, user)
        .into_iter()
        .filter_map(|slot| store.load::<ClientState>(&keys::sync_outbox(&user.to_string(), slot)))
        .map(|state| state.pending_count())
        .sum()
}

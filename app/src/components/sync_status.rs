//! Sync state in three parts: a compact indicator in the top bar (online
//! or offline, how many changes wait) that opens the full panel (when the
//! last sync finished, a `Sync now` button), and the notices in a tray at
//! the foot of the screen: a sync failure, any change the server refused,
//! or any value of the person's that someone else replaced (with both
//! values and a one-click restore). The page's scroll padding keeps a
//! focused field clear of the tray.

use crate::client::engine::use_sync;
use crate::client::session::use_session;
use crate::i18n::shell::{ENGLISH as SHELL_ENGLISH, PERSIAN as SHELL_PERSIAN, shell_texts};
use crate::i18n::{
    conflict_message, error_message, format_date_time, localize_digits, refused_change_message,
};
use crate::screens::ScreenNotStored;
use leptos::prelude::*;
use leptos::wasm_split::wasm_split;
use send_wrapper::SendWrapper;

/// The top bar's sync state; a tap opens (or closes) the panel.
#[component]
pub fn SyncIndicator(open: RwSignal<bool>) -> impl IntoView {
    let session = use_session();
    let engine = use_sync();
    let locale = move || session.locale.get();
    let pending = move || engine.pending_count();
    let state = move || {
        let words = shell_texts(locale());
        if !engine.online.get() {
            words.offline_short
        } else if engine.syncing.get() {
            words.syncing_short
        } else if engine.last_synced_at().is_none() {
            words.not_synced_yet
        } else {
            words.synced
        }
    };
    view! {
        <button type="button" class="sync-indicator" class:sync-offline=move || !engine.online.get()
            class:sync-waiting=move || { pending() > 0 }
            aria-controls="sync-panel" aria-expanded=move || open.get().to_string()
            on:click=move |_| open.update(|open| *open = !*open)>
            <span class="visually-hidden">{move || shell_texts(locale()).sync_indicator}" "</span>
            // Every word the state can say lies unseen in the same place
            // (drawn by the stylesheet from `data-en` or `data-fa`, by the
            // page's language, so it is not in the button's text or name):
            // the indicator keeps the widest one's width, and nothing beside
            // it moves as it turns from syncing to synced (CLS 0). The word
            // starts where the cell does, so it does not move either.
            <span class="sync-state">
                <span class="sync-now"><span class="sync-dot" aria-hidden="true"></span>{state}</span>
                <span class="sync-state-room" aria-hidden="true">
                    <span data-en=SHELL_ENGLISH.offline_short data-fa=SHELL_PERSIAN.offline_short></span>
                    <span data-en=SHELL_ENGLISH.syncing_short data-fa=SHELL_PERSIAN.syncing_short></span>
                    <span data-en=SHELL_ENGLISH.not_synced_yet data-fa=SHELL_PERSIAN.not_synced_yet></span>
                    <span data-en=SHELL_ENGLISH.synced data-fa=SHELL_PERSIAN.synced></span>
                </span>
            </span>
            <span class="sync-count" class:visually-hidden=move || { pending() == 0 }>
                " "<strong data-testid="pending-count">{move || localize_digits(locale(), &pending().to_string())}</strong>
                <span class="visually-hidden">" "{move || shell_texts(locale()).changes_waiting}</span>
            </span>
        </button>
    }
}

/// Everything about sync on one card, under the top bar while it is open.
#[component]
pub fn SyncPanel(open: RwSignal<bool>) -> impl IntoView {
    let session = use_session();
    let engine = use_sync();
    let locale = move || session.locale.get();
    let pending = move || localize_digits(locale(), &engine.pending_count().to_string());
    let screens_stored = expect_context::<crate::ScreensStored>();
    let last_sync = move || match engine.last_synced_at() {
        Some(at) => format_date_time(locale(), at),
        None => session.texts().never_synced.to_string(),
    };
    view! {
        <section id="sync-panel" class="sync-panel" hidden=move || !open.get()
            aria-label=move || session.texts().sync_status>
            <p class="sync-facts">
                <span class="sync-connection" class:sync-offline=move || !engine.online.get()>
                    {move || if engine.online.get() { session.texts().online } else { session.texts().offline }}
                </span>
                <span>{move || session.texts().pending_changes}": "<strong>{pending}</strong></span>
                <span>{move || session.texts().last_sync}": "{last_sync}</span>
            </p>
            <p class="hint">{move || {
                let words = shell_texts(locale());
                match screens_stored.0.get() {
                    Some(true) => words.screens_stored,
                    Some(false) => words.screens_not_all_stored,
                    None => words.screens_storing,
                }
            }}</p>
            <div class="sync-actions">
                <button
                    type="button"
                    class="button-primary"
                    disabled=move || !engine.online.get() || engine.syncing.get()
                    on:click=move |_| engine.sync_now()
                >
                    {move || if engine.syncing.get() { session.texts().syncing } else { session.texts().sync_now }}
                </button>
                <button type="button" class="button-quiet" on:click=move |_| open.set(false)>
                    {move || shell_texts(locale()).close}
                </button>
            </div>
        </section>
    }
}

/// What sync needs the person to know or decide, in a tray after the page
/// that stays at the foot of the screen (`.notice-tray`): these arrive with
/// a sync round, after the screen is drawn, and above the page they pushed
/// everything being read down (a 90 px layout shift on a desktop first
/// visit that had a conflict waiting). The notices that ask for a decision
/// are drawn by code fetched the first time one is shown (or with the
/// screens, [`crate::screens::keep_screens_ready`]): rare, and about 5 KB
/// of the first load.
#[component]
pub fn SyncNotices() -> impl IntoView {
    let session = use_session();
    let engine = use_sync();
    let locale = move || session.locale.get();
    let asks_for_decision = Memo::new(move |_| {
        !engine.rejected().is_empty()
            || !engine.arrived_leads().is_empty()
            || !engine.duplicates().is_empty()
            || !engine.conflicts().is_empty()
    });
    view! {
        <div class="notice-tray" data-testid="notice-tray">
        {move || {
            let failure = engine.failure.get().filter(|_| engine.online.get())?;
            Some(view! {
                <p class="notice notice-error sync-notice" role="alert">
                    {move || session.texts().sync_failed}": "{move || error_message(locale(), &failure)}
                </p>
            })
        }}
        {move || (engine.evicted() > 0).then(|| view! {
            <p class="notice sync-notice" role="status">{move || session.texts().storage_evicted}</p>
        })}
        {move || asks_for_decision.get().then(|| {
            // The split loader's future holds browser values (not `Send`);
            // the browser polls it on its one thread.
            let list = async move {
                draw_notice_list().await.unwrap_or_else(|_| view! {
                    <p class="notice notice-error sync-notice" role="alert">
                        <span>{move || shell_texts(locale()).notices_not_stored}</span>
                        <button type="button" class="button-quiet" on:click=move |_| crate::screens::reload_page()>
                            {move || shell_texts(locale()).try_again}
                        </button>
                    </p>
                }.into_any())
            };
            view! { <Suspense fallback=|| ()>{Suspend::new(SendWrapper::new(list))}</Suspense> }
        })}
        </div>
    }
}

/// Fetches the notices' code if this device does not have it yet; `false`
/// when it cannot (offline before it was stored).
pub async fn load_notice_list() -> bool {
    preload_notice_list().await.is_ok()
}

#[wasm_split(sync_notices, wasm_split_path = ::leptos::wasm_split, preload(preload_notice_list), fallible)]
fn draw_notice_list() -> Result<AnyView, ScreenNotStored> {
    Ok(view! { <NoticeList/> }.into_any())
}

/// The changes the server refused, leads that arrived for the person,
/// duplicates their new leads may be, and values someone else replaced.
#[component]
fn NoticeList() -> impl IntoView {
    let session = use_session();
    let engine = use_sync();
    let locale = move || session.locale.get();
    view! {
        <ul class="sync-notices">
            {move || engine.rejected().into_iter().map(|refused| {
                let mutation_id = refused.mutation_id;
                let message = refused_change_message(locale(), refused.operation.as_ref(), &refused.error);
                view! {
                    <li class="notice notice-error" role="alert">
                        <span>{message}</span>
                        <button type="button" class="button-quiet" on:click=move |_| engine.dismiss_rejection(mutation_id)>
                            {move || session.texts().dismiss}
                        </button>
                    </li>
                }
            }).collect_view()}
            {move || {
                let arrived = engine.arrived_leads();
                (!arrived.is_empty()).then(|| {
                    let message = crate::i18n::pool::arrived_leads_message(locale(), &arrived);
                    let href = match arrived.as_slice() {
                        [(only, _)] => format!("/leads/{only}"),
                        _ => "/leads".to_string(),
                    };
                    view! {
                        <li class="notice" role="status" data-testid="arrived-leads">
                            <span>{message}</span>
                            <a class="button-link" href=href on:click=move |_| engine.dismiss_arrived_leads()>
                                {move || crate::i18n::pool::pool_texts(locale()).open_arrived}
                            </a>
                            <button type="button" class="button-quiet" on:click=move |_| engine.dismiss_arrived_leads()>
                                {move || session.texts().dismiss}
                            </button>
                        </li>
                    }
                })
            }}
            {move || engine.duplicates().into_iter().map(|notice| {
                let lead_id = notice.lead_id;
                // The existing lead opens only if it is one this person may see.
                let visible = engine.leads_view.with(|leads| {
                    leads.as_deref().is_some_and(|leads| leads.iter().any(|lead| lead.id == notice.existing_lead_id))
                });
                let message = crate::i18n::duplicate_message(locale(), &notice);
                view! {
                    <li class="notice notice-conflict" role="alert">
                        <span>{message}</span>
                        {visible.then(|| view! {
                            <a class="button-link" href=format!("/leads/{}", notice.existing_lead_id)>{move || session.texts().open_existing}</a>
                        })}
                        <a class="button-link" href=format!("/leads/{lead_id}")>{move || session.texts().open_new}</a>
                        <button type="button" class="button-quiet" on:click=move |_| engine.dismiss_duplicate(lead_id)>
                            {move || session.texts().dismiss}
                        </button>
                    </li>
                }
            }).collect_view()}
            {move || engine.conflicts().into_iter().map(|notice| {
                let message = conflict_message(locale(), &notice);
                let restore = notice.clone();
                let keep = notice.clone();
                let failure = RwSignal::new(None);
                view! {
                    <li class="notice notice-conflict" role="alert">
                        <span>{message}</span>
                        <button type="button" class="button-primary" on:click=move |_| {
                            if let Err(error) = engine.restore_conflict(&restore) {
                                failure.set(Some(error));
                            }
                        }>
                            {move || session.texts().restore_mine}
                        </button>
                        <button type="button" class="button-quiet" on:click=move |_| engine.dismiss_conflict(&keep)>
                            {move || session.texts().keep_theirs}
                        </button>
                        {move || failure.get().map(|error| view! { <span>{error_message(locale(), &error)}</span> })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

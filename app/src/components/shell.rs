//! The frame around every signed-in screen: the top bar (brand, sync
//! indicator, language switch; on a wide screen also the navigation and
//! sign-out), the phone's bottom tab bar (`navigation`), the sync panel and
//! notices. Sign-out warns when changes are not synced yet. Signed-out
//! visitors are sent to the sign-in page.

use crate::client::session::use_session;
use crate::components::later::Later;
use crate::components::navigation::MainNavigation;
use crate::components::sync_status::{SyncIndicator, SyncNotices, SyncPanel};
use crate::domain::Locale;
use crate::routing::Redirect;
use crate::routing::use_navigate;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Switches between English and Persian, remembering the choice.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let session = use_session();
    let switch = move |_| {
        let next = match session.locale.get_untracked() {
            Locale::En => Locale::Fa,
            Locale::Fa => Locale::En,
        };
        session.set_locale(next);
        if let Some(user) = session.signed_in_id() {
            spawn_local(crate::client::session::send_locale(user, next));
        }
    };
    view! {
        <button
            type="button"
            class="button-quiet"
            lang=move || match session.locale.get() { Locale::En => "fa", Locale::Fa => "en" }
            on:click=switch
        >
            {move || session.texts().switch_language}
        </button>
    }
}

#[component]
pub fn Shell(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let sign_out_now = move |()| {
        // Unsynced work stays stored for its owner; still, say so first.
        let signed_in = session.signed_in_id();
        let unsynced = signed_in.map_or(0, crate::client::engine::unsynced_of);
        if unsynced > 0
            && !crate::components::delete_button::confirmed(
                &crate::i18n::sign_out_unsynced_question(session.locale.get_untracked(), unsynced),
            )
        {
            return;
        }
        // Signed out on this device at once, and the server's session marked
        // to end: now, or at the next start if the page is left (or the
        // network is gone) before the server has answered. Waiting for the
        // answer first left a person who closed the tab signed in.
        use crate::client::session::{end_server_session, note_signing_out};
        note_signing_out();
        session.signed_out();
        if let Some(user) = signed_in {
            crate::client::engine::forget_synced_rows(user);
        }
        navigate("/signin", Default::default());
        spawn_local(end_server_session());
    };
    let children = StoredValue::new(children);
    let sync_panel_open = RwSignal::new(false);
    move || match session.user.get() {
        None if session.checking.get() => {
            view! { <main id="main"><crate::components::Loading/></main> }.into_any()
        }
        None => view! { <Redirect path="/signin"/> }.into_any(),
        Some(profile) => {
            let sign_out_now = sign_out_now.clone();
            let sign_out_from_sheet = {
                let sign_out_now = sign_out_now.clone();
                Callback::new(move |()| sign_out_now(()))
            };
            let navigation_name = profile.display_name.clone();
            view! {
                <header class="top-bar">
                    <a class="brand" href="/">{move || session.texts().app_name}</a>
                    // The tabs a task after the rest of the bar on a first
                    // visit (`Later`): the bar arrives with who is signed in,
                    // in the task that also opens their stored work.
                    <Later>
                        <MainNavigation role=profile.role display_name=navigation_name
                            sign_out=sign_out_from_sheet/>
                    </Later>
                    <div class="top-bar-end">
                        <SyncIndicator open=sync_panel_open/>
                        <a class="who wide-only" href="/account">{profile.display_name.clone()}</a>
                        <LanguageSwitch/>
                        <button type="button" class="button-quiet wide-only" on:click=move |_| sign_out_now(())>
                            {move || session.texts().sign_out}
                        </button>
                    </div>
                </header>
                // On a first visit the sync panel and notices, and the
                // milestone notices, are each drawn a task after the bar
                // (`Later`): with them the shell held a slow phone's main
                // thread for 110-160 ms.
                <Later>
                    <SyncPanel open=sync_panel_open/>
                </Later>
                // Milestone notices close the page: arriving late, they must
                // not push what the person is reading (or tapping) down.
                // The screen comes a task after the bar on a first visit:
                // together they held a slow phone's main thread for 140 ms.
                <main id="main">
                    <Later>{children.with_value(|children| children())}</Later>
                    <Later>
                        <crate::components::MilestoneNotices/>
                    </Later>
                </main>
                // Sync's notices come after the page for the same reason,
                // held at the foot of the screen (`SyncNotices`).
                <Later>
                    <SyncNotices/>
                </Later>
            }
            .into_any()
        }
    }
}

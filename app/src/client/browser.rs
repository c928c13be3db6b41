//! The browser's side of the sync engine: whether the browser says it is
//! online, the tab slots held with Web Locks (`window.pishroSlots` in
//! index.html), the first pull index.html asked for while the app
//! downloaded, and yielding to the browser between long steps.

use crate::domain::{UserId, UserProfile};

pub(super) fn browser_is_online() -> bool {
    #[cfg(feature = "csr")]
    {
        web_sys::window().is_none_or(|window| window.navigator().on_line())
    }
    #[cfg(not(feature = "csr"))]
    {
        true
    }
}

/// The first pull page index.html asked for on a device with no synced
/// data, with the client id it used and whose session it was.
#[derive(serde::Deserialize)]
pub(super) struct EarlyFirstPull {
    pub(super) client_id: crate::sync::protocol::ClientId,
    pub(super) me: UserProfile,
    pub(super) page: crate::sync::protocol::PullResponse,
}

/// Lets the browser paint and answer input before the next step: the
/// rest runs in a new task (a zero-delay timer).
pub(crate) async fn yield_to_browser() {
    pause(0).await;
}

/// Waits `milliseconds` (a timer), letting the browser run meanwhile.
pub(crate) async fn pause(milliseconds: i32) {
    #[cfg(feature = "csr")]
    {
        let promise = js_sys::Promise::new(&mut |resolve, _reject| {
            if let Some(window) = web_sys::window() {
                let _ = window
                    .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, milliseconds);
            }
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
    #[cfg(not(feature = "csr"))]
    let _ = milliseconds;
}

/// Takes `window.pishroFirstPull` (once), if it succeeded.
pub(super) async fn early_first_pull() -> Option<EarlyFirstPull> {
    #[cfg(feature = "csr")]
    {
        crate::sync::objects_only::from_slice(
            crate::client::session::take_early_answer("pishroFirstPull")
                .await?
                .as_bytes(),
        )
        .ok()
    }
    #[cfg(not(feature = "csr"))]
    {
        None
    }
}

/// A borrowed slot lock; `give_back` releases it.
pub(super) struct BorrowedSlot {
    #[cfg(feature = "csr")]
    release: js_sys::Function,
}

impl BorrowedSlot {
    pub(super) fn give_back(self) {
        #[cfg(feature = "csr")]
        {
            let _ = self.release.call0(&wasm_bindgen::JsValue::NULL);
        }
    }
}

/// Claims this tab's slot for the person (`window.pishroSlots` in
/// index.html holds a Web Lock per slot for the tab's lifetime).
pub(super) async fn claim_slot(user: UserId) -> u32 {
    #[cfg(feature = "csr")]
    {
        let Some(promise) = call_slots("claim", &user.to_string(), None) else {
            return 0;
        };
        wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .ok()
            .and_then(|value| value.as_f64())
            .map_or(0, |slot| slot as u32)
    }
    #[cfg(not(feature = "csr"))]
    {
        let _ = user;
        0
    }
}

/// How long a borrowed slot is held before its outbox is read. Each tab
/// reads its own copy of local storage, which Chromium brings up to date
/// with other tabs' writes a moment later (a probe of 300 writes in one tab
/// and reads in another at once saw 4 old values, session 45); a tab's lock
/// can be free before its last save has reached this tab's copy. Reading
/// then would push an old outbox and remove the slot, losing that save.
#[cfg(feature = "csr")]
const SETTLE_MILLISECONDS: i32 = 1_000;

/// Takes another slot's lock if no tab holds it, and gives it only once
/// the closed tab's last writes have had time to reach this tab's storage.
pub(super) async fn borrow_slot(user: UserId, slot: u32) -> Option<BorrowedSlot> {
    #[cfg(feature = "csr")]
    {
        use wasm_bindgen::JsCast;
        let promise = call_slots("borrow", &user.to_string(), Some(slot))?;
        let release = wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()?;
        let borrowed = BorrowedSlot { release };
        pause(SETTLE_MILLISECONDS).await;
        Some(borrowed)
    }
    #[cfg(not(feature = "csr"))]
    {
        let _ = (user, slot);
        None
    }
}

#[cfg(feature = "csr")]
pub(super) fn call_slots(method: &str, user: &str, slot: Option<u32>) -> Option<js_sys::Promise> {
    use wasm_bindgen::{JsCast, JsValue};
    let window = web_sys::window()?;
    let slots = js_sys::Reflect::get(&window, &JsValue::from_str("pishroSlots")).ok()?;
    let function = js_sys::Reflect::get(&slots, &JsValue::from_str(method))
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let answer = match slot {
        Some(slot) => function.call2(&slots, &JsValue::from_str(user), &JsValue::from(slot)),
        None => function.call1(&slots, &JsValue::from_str(user)),
    };
    answer.ok()?.dyn_into::<js_sys::Promise>().ok()
}

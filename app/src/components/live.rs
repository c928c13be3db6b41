//! The browser's end of the live-event stream (`sync::live`): an
//! `EventSource` on the pinned path, opened while a screen that wants live
//! figures is open. Each change event calls the screen back (which pulls
//! and re-reads); a dropped stream reconnects by itself, and one the server
//! closed (signed out, restarted) is reopened after a growing wait of 1 s,
//! 2 s, 4 s … up to 30 s.

use leptos::prelude::*;

/// Where the stream stands, so a screen says what is true: still
/// connecting is not the same as cut off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LiveState {
    /// Opened, not answered yet (every screen starts here).
    Connecting,
    /// The server said it is listening: changes arrive as they happen.
    Live,
    /// The stream dropped or was refused; it is being reopened.
    Paused,
}

/// Opens the stream for as long as the calling component lives; calls
/// `on_change` for every change event (and after a reconnection, when
/// something may have been missed). Returns where the stream stands.
pub fn use_live_events(on_change: impl Fn() + Clone + 'static) -> ReadSignal<LiveState> {
    let (connected, set_connected) = signal(LiveState::Connecting);
    #[cfg(feature = "csr")]
    browser::open(on_change, set_connected);
    #[cfg(not(feature = "csr"))]
    {
        let _ = (on_change, set_connected);
    }
    connected
}

#[cfg(feature = "csr")]
mod browser {
    use super::LiveState;
    use crate::sync::live::{LIVE_EVENT_NAME, LIVE_EVENTS_PATH};
    use leptos::prelude::*;
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;

    const LONGEST_WAIT_MS: u32 = 30_000;

    /// One open `EventSource` and the callbacks it holds.
    struct Connection {
        source: web_sys::EventSource,
        _listeners: Vec<Closure<dyn FnMut(web_sys::Event)>>,
    }

    impl Drop for Connection {
        fn drop(&mut self) {
            self.source.close();
        }
    }

    struct Live {
        connection: Option<Connection>,
        failures_in_row: u32,
        /// Bumped when the component goes away: pending reconnects give up.
        generation: u32,
        /// Whether a change may have been missed since the last event.
        missed: bool,
    }

    pub(super) fn open(
        on_change: impl Fn() + Clone + 'static,
        set_connected: WriteSignal<LiveState>,
    ) {
        let live = Rc::new(RefCell::new(Live {
            connection: None,
            failures_in_row: 0,
            generation: 0,
            missed: false,
        }));
        let generation = live.borrow().generation;
        connect(live.clone(), generation, Rc::new(on_change), set_connected);
        let on_leave = send_wrapper::SendWrapper::new(live);
        on_cleanup(move || {
            let live = on_leave.take();
            let mut live = live.borrow_mut();
            live.generation += 1;
            live.connection = None;
        });
    }

    fn connect(
        live: Rc<RefCell<Live>>,
        generation: u32,
        on_change: Rc<dyn Fn()>,
        set_connected: WriteSignal<LiveState>,
    ) {
        if live.borrow().generation != generation {
            return;
        }
        let Ok(source) = web_sys::EventSource::new(LIVE_EVENTS_PATH) else {
            return;
        };
        let mut listeners: Vec<Closure<dyn FnMut(web_sys::Event)>> = Vec::new();
        {
            let (live, on_change) = (live.clone(), on_change.clone());
            listeners.push(Closure::new(move |_: web_sys::Event| {
                let missed = {
                    let mut live = live.borrow_mut();
                    live.failures_in_row = 0;
                    std::mem::take(&mut live.missed)
                };
                set_connected.try_set(LiveState::Live);
                if missed {
                    on_change();
                }
            }));
        }
        {
            let on_change = on_change.clone();
            listeners.push(Closure::new(move |_: web_sys::Event| on_change()));
        }
        {
            let (live, on_change) = (live.clone(), on_change.clone());
            listeners.push(Closure::new(move |_: web_sys::Event| {
                set_connected.try_set(LiveState::Paused);
                let closed = {
                    let mut live = live.borrow_mut();
                    live.missed = true;
                    live.connection.as_ref().is_some_and(|connection| {
                        connection.source.ready_state() == web_sys::EventSource::CLOSED
                    })
                };
                // The browser retries a dropped stream itself; one the
                // server refused is closed for good, so reopen it later.
                if closed {
                    let wait = {
                        let mut live = live.borrow_mut();
                        live.connection = None;
                        live.failures_in_row = live.failures_in_row.saturating_add(1);
                        1000u32
                            .saturating_mul(1 << live.failures_in_row.min(5).saturating_sub(1))
                            .min(LONGEST_WAIT_MS)
                    };
                    let (live, on_change) = (live.clone(), on_change.clone());
                    set_timeout(
                        move || connect(live, generation, on_change, set_connected),
                        std::time::Duration::from_millis(u64::from(wait)),
                    );
                }
            }));
        }
        for (name, listener) in ["ready", LIVE_EVENT_NAME, "error"].iter().zip(&listeners) {
            let _ =
                source.add_event_listener_with_callback(name, listener.as_ref().unchecked_ref());
        }
        // A listener that fell behind is told to re-read everything.
        let reset = {
            let on_change = on_change.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| on_change())
        };
        let _ = source.add_event_listener_with_callback("reset", reset.as_ref().unchecked_ref());
        listeners.push(reset);
        live.borrow_mut().connection = Some(Connection {
            source,
            _listeners: listeners,
        });
    }
}

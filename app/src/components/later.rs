//! Parts of a screen drawn one task after the rest while the app starts
//! under a screen the server drew (issue 13): a slow phone's main thread is
//! then never held for a whole screen at once (blocking time), and the
//! person sees nothing of it, since the app's copy is still out of sight.

use leptos::prelude::*;

/// Draws `children` in a task after the rest of the screen while the app
/// starts under a drawn screen, at once otherwise (later screens, repeat
/// visits, the server's own drawing). Until then it leaves a `<template
/// data-pending>` (allowed anywhere, even in a list, and never shown), and
/// the swap (`pishroShowApp` in index.html) waits for none to be left, so
/// the drawn screen is only ever replaced by a whole one.
#[component]
pub fn Later(children: Children) -> impl IntoView {
    #[cfg(feature = "csr")]
    if crate::first_screen::drawn_by_server() {
        let children = StoredValue::new_local(Some(children));
        let shown = RwSignal::new(false);
        set_timeout(
            move || {
                let _ = shown.try_set(true);
            },
            std::time::Duration::ZERO,
        );
        return (move || {
            match shown.get() {
                true => children
                    .try_update_value(Option::take)
                    .flatten()
                    .map(|children| children()),
                false => None,
            }
            .unwrap_or_else(|| view! { <template data-pending=""></template> }.into_any())
        })
        .into_any();
    }
    children()
}

/// Lets the browser run a task first while the app starts under a drawn
/// screen, at once otherwise. An on-demand screen's code arrives while the
/// app is still being mounted, and its screen was drawn in the same task
/// (the module's future wakes in the same microtask drain): one long task.
pub async fn a_task_later_while_drawn() {
    #[cfg(feature = "csr")]
    if crate::first_screen::drawn_by_server() {
        crate::client::browser::yield_to_browser().await;
    }
}

/// The loading line of a part counted on the device from its own rows. It
/// always ends once the rows are open, so it carries `Later`'s mark too: a
/// first visit's swap waits for what it stands for instead of showing it
/// in place of what the server drew.
#[component]
pub fn LoadingFromDevice() -> impl IntoView {
    view! { <template data-pending=""></template><super::Loading/> }
}

/// A mark, never shown, where a part will appear once its answer comes when
/// the part shows nothing until then (no loading line of its own). The goal
/// milestones at the foot of the page stay hidden while one is left, as
/// they do while a loading line is (style/main.css): the part arriving
/// above them would otherwise push them down (a layout shift).
#[component]
pub fn Awaiting() -> impl IntoView {
    view! { <template class="awaiting"></template> }
}

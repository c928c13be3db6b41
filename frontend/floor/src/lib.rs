//! The framework floor: a bare Leptos 0.8 app with what every first
//! screen of Pishro needs from the framework, to weigh the framework
//! apart from the app (see Cargo.toml).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::wasm_bindgen;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
struct Lead {
    id: String,
    name: String,
    value: i64,
    stage: String,
}

#[component]
fn Home() -> impl IntoView {
    let (count, set_count) = signal(0);
    let text = RwSignal::new(String::new());
    let leads: Vec<Lead> =
        serde_json::from_str(r#"[{"id":"a","name":"b","value":1,"stage":"new"}]"#)
            .unwrap_or_default();
    let leads = RwSignal::new(leads);
    view! {
        <h1>"My day"</h1>
        <label>"Name" <input bind:value=text/></label>
        <button on:click=move |_| set_count.update(|n| *n += 1)>"Add " {count}</button>
        <ul>
            <For each=move || leads.get() key=|lead| lead.id.clone() let:lead>
                <li>{lead.name} " " {lead.value}</li>
            </For>
        </ul>
        <p>{move || serde_json::to_string(&leads.get()).unwrap_or_default()}</p>
    }
}

#[component]
fn Other() -> impl IntoView {
    view! { <h1>"Other"</h1> }
}

/// Routes as the app has them since session 34 (`app/src/routing.rs`): the
/// path as a signal, links followed with the History API, `popstate`.
#[component]
fn App() -> impl IntoView {
    let here = || window().location().pathname().unwrap_or_default();
    let path = RwSignal::new(here());
    let _ = window_event_listener(leptos::ev::popstate, move |_| path.set(here()));
    let go = move |to: &'static str| {
        move |event: leptos::ev::MouseEvent| {
            event.prevent_default();
            if let Ok(history) = window().history() {
                let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(to));
            }
            path.set(to.to_string());
        }
    };
    view! {
        <nav><a href="/" on:click=go("/")>"Home"</a><a href="/other" on:click=go("/other")>"Other"</a></nav>
        <main>
            {move || match path.get().as_str() {
                "/" => view! { <Home/> }.into_any(),
                "/other" => view! { <Other/> }.into_any(),
                _ => "Not found".into_any(),
            }}
        </main>
    }
}

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

//! The framework floor: a bare Leptos 0.8 app with what every first
//! screen of Pishro needs from the framework, to weigh the framework
//! apart from the app (see Cargo.toml).

use leptos::prelude::*;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::path;
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

#[component]
fn App() -> impl IntoView {
    view! {
        <Router>
            <nav><A href="/">"Home"</A><A href="/other">"Other"</A></nav>
            <main>
                <Routes fallback=|| "Not found">
                    <Route path=path!("/") view=Home/>
                    <Route path=path!("/other") view=Other/>
                </Routes>
            </main>
        </Router>
    }
}

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

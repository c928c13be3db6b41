//! Importing leads (managers): choose a CSV file, check which column fills
//! which field and which rows have problems, choose who gets the leads,
//! import. Every step before "Import" writes nothing; the file is read on
//! the server, so this screen carries no parser.

use crate::api::{ImportOutcome, ImportPreview, LeadImport};
use crate::api::{import_leads, preview_lead_import};
use crate::client::session::use_session;
use crate::components::{ErrorNotice, choice_options};
use crate::domain::distribution::DistributionRule;
use crate::domain::lead_import::LeadColumn;
use crate::domain::{Choice, Currency, FieldErrors, Locale, UserId};
use crate::error::AppError;
use crate::i18n::lead_import::{import_texts, imported_message};
use leptos::prelude::*;
use std::collections::HashMap;

pub(crate) mod owners;
mod preview;

use owners::ChoiceSelect;
pub(crate) use owners::{OwnersChoice, owners_chosen};
use preview::PreviewSections;

/// Where the columns a manager mapped are remembered, by header.
const MAPPING_KEY: &str = "pishro.import_mapping";

/// A header reduced so that the same column in the next file is recognised.
fn header_memory_key(header: &str) -> String {
    crate::domain::search::fold_for_search(header)
}

/// The mapping remembered for these headers, when it says anything about them.
fn remembered_mapping(headers: &[String]) -> Option<Vec<Option<LeadColumn>>> {
    let remembered: HashMap<String, Option<LeadColumn>> =
        crate::client::storage::load(MAPPING_KEY)?;
    headers
        .iter()
        .any(|header| remembered.contains_key(&header_memory_key(header)))
        .then(|| {
            headers
                .iter()
                .map(|header| {
                    remembered
                        .get(&header_memory_key(header))
                        .copied()
                        .flatten()
                })
                .collect()
        })
}

fn remember_mapping(headers: &[String], mapping: &[Option<LeadColumn>]) {
    let mut remembered: HashMap<String, Option<LeadColumn>> =
        crate::client::storage::load(MAPPING_KEY).unwrap_or_default();
    for (header, column) in headers.iter().zip(mapping) {
        remembered.insert(header_memory_key(header), *column);
    }
    crate::client::storage::save(MAPPING_KEY, &remembered);
}

/// The chosen file as base64, read by the browser.
#[cfg(feature = "csr")]
async fn file_as_base64(file: web_sys::File) -> Option<String> {
    use wasm_bindgen::JsCast;
    let reader = web_sys::FileReader::new().ok()?;
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let done = reader.clone();
        reader.set_onload(Some(
            wasm_bindgen::closure::Closure::once_into_js(move || {
                let _ = resolve.call1(
                    &wasm_bindgen::JsValue::NULL,
                    &done.result().unwrap_or(wasm_bindgen::JsValue::NULL),
                );
            })
            .unchecked_ref(),
        ));
        reader.set_onerror(Some(
            wasm_bindgen::closure::Closure::once_into_js(move || {
                let _ = reject.call0(&wasm_bindgen::JsValue::NULL);
            })
            .unchecked_ref(),
        ));
    });
    reader.read_as_data_url(&file).ok()?;
    let url = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()?
        .as_string()?;
    url.split_once("base64,").map(|(_, data)| data.to_string())
}

#[cfg(feature = "csr")]
fn file_problem(problem: crate::domain::lead_import::FileProblem) -> FieldErrors {
    let mut errors = FieldErrors::default();
    errors.add(
        "file",
        crate::domain::FieldProblem::BadFile { file: problem },
    );
    errors
}

#[component]
pub fn LeadImportPage() -> impl IntoView {
    let session = use_session();
    let manages = session
        .user
        .get_untracked()
        .is_some_and(|profile| profile.manages());
    let file = RwSignal::new(None::<String>);
    let currency = RwSignal::new(
        if session.locale.get_untracked() == Locale::Fa {
            Currency::Irr
        } else {
            Currency::Usd
        }
        .as_str()
        .to_string(),
    );
    let errors = RwSignal::new(FieldErrors::default());
    let failure = RwSignal::new(None::<AppError>);
    let preview = RwSignal::new(None::<ImportPreview>);
    let busy = RwSignal::new(false);
    let outcome = RwSignal::new(None::<ImportOutcome>);
    let give = RwSignal::new(DistributionRule::RoundRobin.as_str().to_string());
    let chosen = RwSignal::new(Vec::<UserId>::new());
    // The team's events, to tag leads brought back from one.
    let event = RwSignal::new(String::new());
    let events = LocalResource::new(move || crate::api::events::list_events(None));
    let engine = use_context::<crate::client::engine::SyncEngine>();

    // Asks the server what importing the file would do. With no mapping
    // the server guesses; a remembered one for these headers then wins.
    let check = move |mapping: Option<Vec<Option<LeadColumn>>>| {
        let Some(data) = file.get_untracked() else {
            return;
        };
        let Some(currency) = Currency::parse(&currency.get_untracked()) else {
            return;
        };
        busy.set(true);
        failure.set(None);
        leptos::task::spawn_local(async move {
            let guessed = mapping.is_none();
            let request = LeadImport {
                file: data,
                mapping,
                currency,
                event_id: event.get_untracked().parse().ok(),
            };
            let mut answer = preview_lead_import(request.clone()).await;
            if guessed
                && let Ok(first) = &answer
                && let Some(remembered) = remembered_mapping(&first.headers)
                && remembered != first.mapping
                && remembered.contains(&Some(LeadColumn::Name))
            {
                answer = preview_lead_import(LeadImport {
                    mapping: Some(remembered),
                    ..request
                })
                .await;
            }
            busy.set(false);
            match answer {
                Ok(answer) => {
                    errors.set(FieldErrors::default());
                    if chosen.with_untracked(Vec::is_empty) {
                        chosen.set(owners::present_reps(&answer.reps));
                    }
                    preview.set(Some(answer));
                }
                Err(AppError::Invalid(problems)) => {
                    errors.set(problems);
                    preview.set(None);
                }
                Err(error) => failure.set(Some(error)),
            }
        });
    };

    let choose_file = move |event: leptos::ev::Event| {
        preview.set(None);
        outcome.set(None);
        file.set(None);
        #[cfg(feature = "csr")]
        {
            use wasm_bindgen::JsCast;
            let Some(input) = event
                .target()
                .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(chosen_file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            use crate::domain::lead_import::{FileProblem, MAX_IMPORT_FILE_BYTES};
            if chosen_file.size() > MAX_IMPORT_FILE_BYTES as f64 {
                errors.set(file_problem(FileProblem::TooLarge {
                    max_bytes: MAX_IMPORT_FILE_BYTES,
                }));
                return;
            }
            busy.set(true);
            leptos::task::spawn_local(async move {
                let data = file_as_base64(chosen_file).await;
                busy.set(false);
                match data {
                    Some(data) => {
                        file.set(Some(data));
                        check(None);
                    }
                    None => errors.set(file_problem(FileProblem::Unreadable)),
                }
            });
        }
        #[cfg(not(feature = "csr"))]
        let _ = (event, check);
    };

    let remap = move |index: usize, column: Option<LeadColumn>| {
        let Some(current) = preview.get_untracked() else {
            return;
        };
        let mut mapping = current.mapping.clone();
        for other in mapping.iter_mut() {
            if column.is_some() && *other == column {
                *other = None;
            }
        }
        if let Some(slot) = mapping.get_mut(index) {
            *slot = column;
        }
        remember_mapping(&current.headers, &mapping);
        check(Some(mapping));
    };

    let import = move |_| {
        let (Some(data), Some(current), Some(currency)) = (
            file.get_untracked(),
            preview.get_untracked(),
            Currency::parse(&currency.get_untracked()),
        ) else {
            return;
        };
        let Some(owners) = owners_chosen(&give.get_untracked(), chosen.get_untracked()) else {
            return;
        };
        busy.set(true);
        failure.set(None);
        let request = LeadImport {
            file: data,
            mapping: Some(current.mapping.clone()),
            currency,
            event_id: event.get_untracked().parse().ok(),
        };
        leptos::task::spawn_local(async move {
            let answer = import_leads(request, owners).await;
            busy.set(false);
            match answer {
                Ok(done) => {
                    remember_mapping(&current.headers, &current.mapping);
                    preview.set(None);
                    file.set(None);
                    outcome.set(Some(done));
                    if let Some(engine) = engine {
                        engine.sync_now();
                    }
                }
                Err(AppError::Invalid(problems)) => errors.set(problems),
                Err(error) => failure.set(Some(error)),
            }
        });
    };

    let file_problem_text = move || {
        errors.with(|errors| {
            errors
                .for_field("file")
                .map(|problem| crate::i18n::field_problem_message(session.locale.get(), problem))
        })
    };

    // Each part is drawn for one language at a time: a change of language
    // draws it again (one closure per part keeps this screen small).
    move || {
        let locale = session.locale.get();
        let texts = import_texts(locale);
        if !manages {
            return view! { <h1>{texts.title}</h1><p class="hint">{texts.for_managers}</p> }
                .into_any();
        }
        view! {
            <h1>{texts.title}</h1>
            {move || outcome.get().map(|done| view! { <ImportDone outcome=done reset=outcome locale=locale/> })}
            <Show when=move || outcome.with(Option::is_none)>
                <p class="hint">{texts.intro}</p>
                <form class="form" on:submit=|event| event.prevent_default() novalidate>
                    <div class="field">
                        <label for="import-file">{texts.file}</label>
                        <input id="import-file" type="file" accept=".csv,.tsv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                            aria-invalid=move || if file_problem_text().is_some() { "true" } else { "false" }
                            aria-describedby=move || file_problem_text().map(|_| "field-file-problem")
                            on:change=choose_file/>
                        {move || file_problem_text().map(|text| view! {
                            <p class="field-problem" id="field-file-problem" role="alert">{text}</p>
                        })}
                    </div>
                    <ChoiceSelect id="import-currency" label=texts.currency value=currency
                        on_change=move || check(preview.with_untracked(|preview| preview.as_ref().map(|preview| preview.mapping.clone())))
                        options={choice_options::<Currency>(locale)}/>
                    {move || match events.get() {
                        Some(Ok(found)) if !found.events.is_empty() => {
                            let mut options = vec![(String::new(), texts.no_event.to_string())];
                            options.extend(found.events.iter().map(|results| {
                                let event = &results.event;
                                (
                                    event.id.to_string(),
                                    format!("{} ({})", event.name, crate::i18n::format::format_date(locale, event.starts_on)),
                                )
                            }));
                            view! { <ChoiceSelect id="import-event" label=texts.event value=event on_change=|| () options=options/> }.into_any()
                        }
                        _ => ().into_any(),
                    }}
                </form>
                <p class="hint" role="status">{move || busy.get().then_some(texts.checking)}</p>
                {move || failure.get().map(|error| view! { <ErrorNotice error=error/> })}
                {move || preview.get().map(|current| {
                    let accepted = current.accepted;
                    view! {
                        <PreviewSections preview=current errors=errors remap=remap give=give chosen=chosen locale=locale/>
                        <div class="form-actions">
                            <button type="button" class="button-primary" on:click=import
                                disabled=move || busy.get() || accepted == 0>
                                {crate::i18n::lead_import::import_button_label(locale, accepted)}
                            </button>
                        </div>
                    }
                })}
            </Show>
        }
        .into_any()
    }
}

/// The result of an import: how many leads went to whom, and the refused rows to fix.
#[component]
fn ImportDone(
    outcome: ImportOutcome,
    reset: RwSignal<Option<ImportOutcome>>,
    locale: Locale,
) -> impl IntoView {
    let texts = import_texts(locale);
    let ImportOutcome {
        imported,
        per_rep,
        refused,
        refused_csv,
    } = outcome;
    view! {
        <div class="notice notice-success" role="status" data-testid="import-done">
            <p>{imported_message(locale, imported, &per_rep)}</p>
            {(refused > 0).then(|| view! {
                <p>
                    <a href=crate::domain::csv::data_url(&refused_csv) download="rows-with-problems.csv">{texts.download_problems}</a>
                </p>
            })}
        </div>
        <div class="form-actions">
            <a class="button-primary" href="/leads">{texts.go_to_leads}</a>
            <button type="button" class="button-quiet" on:click=move |_| reset.set(None)>{texts.import_another}</button>
        </div>
    }
}

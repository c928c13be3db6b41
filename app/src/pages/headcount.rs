//! The headcount plan on "My team": per period, how many reps the team
//! means to have, beside how many it has now and the gap; a form to add a
//! plan; plans removable.

use crate::api::headcount::{HeadcountView, add_headcount, delete_headcount, list_headcount};
use crate::client::session::use_session;
use crate::components::fields::{DateField, TextField};
use crate::components::form::{FormStatus, SubmitRow};
use crate::domain::headcount::{HeadcountDraft, gap};
use crate::error::AppError;
use crate::i18n::error_message;
use crate::i18n::format::format_date;
use crate::i18n::localize_digits;
use crate::i18n::people::{headcount_gap, people_texts};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Drawn once the plan's first answer is in (`first`, asked for by the page
/// beside the reps), so the form below never moves when the plan arrives.
#[component]
pub fn HeadcountSection(first: Result<HeadcountView, AppError>) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || people_texts(locale());
    let shown = RwSignal::new(first);
    let start = RwSignal::new(String::new());
    let end = RwSignal::new(String::new());
    let planned = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let status = FormStatus::new();
    let errors = status.errors;
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let draft = HeadcountDraft {
            period_start: start.get_untracked(),
            period_end: end.get_untracked(),
            planned: planned.get_untracked(),
            note: note.get_untracked(),
        };
        status.submit(add_headcount(None, draft), move |view| {
            planned.set(String::new());
            note.set(String::new());
            shown.set(Ok(view));
        });
    };
    let remove = move |id: uuid::Uuid| {
        spawn_local(async move {
            let answer = delete_headcount(None, id).await;
            let refreshed = match answer {
                Ok(()) => list_headcount(None).await,
                Err(error) => Err(error),
            };
            shown.set(refreshed);
        });
    };
    view! {
        <section class="people-section" aria-labelledby="headcount-heading">
            <h2 id="headcount-heading">{move || words().headcount_heading}</h2>
            <p class="hint">{move || words().headcount_explained}</p>
            {move || match shown.get() {
                Err(error) => view! {
                    <p class="notice notice-error" role="alert">{move || error_message(locale(), &error)}</p>
                }.into_any(),
                Ok(view) => {
                    let reps_now = view.reps_now;
                    view! {
                        <p data-testid="reps-now">{move || format!("{}: {}", words().reps_now, localize_digits(locale(), &reps_now.to_string()))}</p>
                        {if view.plans.is_empty() {
                            view! { <p class="empty">{move || words().no_headcount}</p> }.into_any()
                        } else {
                            view! {
                                <div class="table-scroll">
                                    <table class="data-table" aria-labelledby="headcount-heading">
                                        <thead><tr>
                                            <th scope="col">{move || words().period}</th>
                                            <th scope="col" class="number">{move || words().planned}</th>
                                            <th scope="col">{move || words().gap}</th>
                                            <th scope="col"><span class="visually-hidden">{move || words().remove}</span></th>
                                        </tr></thead>
                                        <tbody>
                                            {view.plans.into_iter().map(|plan| {
                                                let id = plan.id;
                                                let period = move || format!("{} – {}", format_date(locale(), plan.period_start), format_date(locale(), plan.period_end));
                                                let missing = gap(plan.planned, reps_now);
                                                let note = plan.note.clone();
                                                view! {
                                                    <tr>
                                                        <th scope="row">{period}<p class="card-sub">{note}</p></th>
                                                        <td class="number">{move || localize_digits(locale(), &plan.planned.to_string())}</td>
                                                        <td>{move || headcount_gap(locale(), missing)}</td>
                                                        <td class="row-action">
                                                            <button type="button" class="button-quiet"
                                                                aria-label=move || format!("{} {}", words().remove, period())
                                                                on:click=move |_| remove(id)>{move || words().remove}</button>
                                                        </td>
                                                    </tr>
                                                }
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            }.into_any()
                        }}
                    }.into_any()
                }
            }}
            <form class="form" on:submit=submit novalidate>
                <DateField label=|t| t.period_start name="period_start" value=start errors=errors required=true/>
                <DateField label=|t| t.period_end name="period_end" value=end errors=errors required=true/>
                <TextField label=|t| t.screens().headcount_planned name="planned" value=planned errors=errors inputmode="numeric" required=true/>
                <TextField label=|t| t.screens().headcount_note name="note" value=note errors=errors/>
                <SubmitRow status=status label=Signal::derive(move || words().add_headcount)/>
            </form>
        </section>
    }
}

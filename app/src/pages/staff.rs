//! A person's staff record on their page (a manager's rep, an admin's
//! person): the day they started and for how long, the manager's notes,
//! and their role history from the audit history. What is typed lives
//! outside the part redrawn after a save.

use crate::api::staff::{read_staff_record, save_staff_record};
use crate::client::session::use_session;
use crate::components::fields::{DateField, TextAreaField};
use crate::components::form::{FormStatus, SubmitRow};
use crate::domain::UserId;
use crate::domain::staff::{StaffDraft, StaffRecord, months_with_company};
use crate::i18n::audit::entry_line;
use crate::i18n::people::{people_texts, tenure_text};
use leptos::prelude::*;

#[component]
pub fn StaffSection(user_id: UserId) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || people_texts(locale());
    let shown = RwSignal::new(None::<StaffRecord>);
    let started_on = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());
    let status = FormStatus::new();
    let errors = status.errors;
    let saved = RwSignal::new(false);
    let fill = move |record: StaffRecord| {
        started_on.set(
            record
                .started_on
                .map(|day| day.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
        );
        notes.set(record.notes.clone());
        shown.set(Some(record));
    };
    leptos::task::spawn_local(async move {
        match read_staff_record(user_id).await {
            Ok(record) => fill(record),
            Err(error) => status.failure.set(Some(error)),
        }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        saved.set(false);
        let draft = StaffDraft {
            started_on: started_on.get_untracked(),
            notes: notes.get_untracked(),
        };
        status.submit(save_staff_record(user_id, draft), move |record| {
            fill(record);
            saved.set(true);
        });
    };
    view! {
        <section class="people-section" aria-labelledby="staff-heading">
            <h2 id="staff-heading">{move || words().staff_heading}</h2>
            <p class="hint">{move || words().staff_explained}</p>
            {move || shown.get().and_then(|record| {
                let started = record.started_on?;
                let months = record.today.and_then(|today| months_with_company(started, today));
                Some(view! { <p data-testid="tenure">{move || tenure_text(locale(), started, months)}</p> })
            })}
            <form class="form" on:submit=submit novalidate>
                <DateField label=|t| t.started_on name="started_on" value=started_on errors=errors/>
                <TextAreaField label=|t| t.screens().staff_notes name="staff_notes" value=notes errors=errors/>
                <SubmitRow status=status label=Signal::derive(move || words().save_staff)>
                    <Show when=move || saved.get()>
                        <p class="hint" role="status">{move || words().staff_saved}</p>
                    </Show>
                </SubmitRow>
            </form>
            <h3>{move || words().role_history}</h3>
            {move || shown.get().map(|record| if record.role_history.is_empty() {
                view! { <p class="empty">{move || words().no_role_history}</p> }.into_any()
            } else {
                view! {
                    <ul class="timeline" aria-label=move || words().role_history>
                        {record.role_history.into_iter().map(|entry| view! {
                            <li class="change" dir="auto">{move || entry_line(locale(), &entry)}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </section>
    }
}

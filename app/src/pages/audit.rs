//! The change history (`/audit`): who changed what in records, goals, pay
//! plans, people and teams, newest first, narrowed by kind, days and (for
//! an admin) team. Managers read their own team's. Online only.

use crate::api::audit::list_audit;
use crate::client::session::use_session;
use crate::components::fields::DateField;
use crate::components::{ErrorNotice, Loading};
use crate::domain::audit::{AuditQuery, AuditSubject};
use crate::domain::{Choice, TeamId};
use crate::i18n::audit::{audit_texts, change_text, subject_label};
use crate::i18n::format_date_time;
use leptos::prelude::*;

#[component]
pub fn AuditPage() -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let texts = move || audit_texts(locale());
    let team = RwSignal::new(String::new());
    let subject = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let date_errors = RwSignal::new(crate::domain::FieldErrors::default());
    // What was asked last: the list follows "Show", not every keystroke.
    let asked = RwSignal::new((None::<TeamId>, AuditQuery::default()));
    let history = LocalResource::new(move || {
        let (team, query) = asked.get();
        list_audit(team, query)
    });
    let show = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        asked.set((
            team.get_untracked().parse().ok(),
            AuditQuery {
                subject: AuditSubject::parse(&subject.get_untracked()),
                from: from.get_untracked().parse().ok(),
                to: to.get_untracked().parse().ok(),
            },
        ));
    };
    view! {
        <h1>{move || texts().title}</h1>
        <p class="hint">{move || texts().explained}</p>
        <form class="form audit-filters" on:submit=show novalidate>
            {move || history.get().and_then(Result::ok).filter(|view| !view.teams.is_empty()).map(|view| view! {
                <div class="field">
                    <label for="audit-team">{move || texts().team}</label>
                    <select id="audit-team" on:change=move |event| team.set(event_target_value(&event))>
                        <option value="" selected=move || team.get().is_empty()>{move || texts().all_teams}</option>
                        {view.teams.into_iter().map(|choice| {
                            let value = choice.id.to_string();
                            let selected = value.clone();
                            view! { <option value=value prop:selected=move || team.get() == selected>{choice.name}</option> }
                        }).collect_view()}
                    </select>
                </div>
            })}
            <div class="field">
                <label for="audit-what">{move || texts().what}</label>
                <select id="audit-what" on:change=move |event| subject.set(event_target_value(&event))>
                    <option value="">{move || texts().everything}</option>
                    {AuditSubject::ALL.iter().map(|choice| {
                        let choice = *choice;
                        view! { <option value=choice.as_str()>{move || subject_label(locale(), choice)}</option> }
                    }).collect_view()}
                </select>
            </div>
            // The shared date field: Persian readers type Jalali dates.
            <DateField label=|t| t.period_start name="from" value=from errors=date_errors/>
            <DateField label=|t| t.period_end name="to" value=to errors=date_errors/>
            <div class="form-actions">
                <button type="submit" class="button-primary">{move || texts().show}</button>
            </div>
        </form>
        {move || match history.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error=error/> }.into_any(),
            Some(Ok(view)) if view.entries.is_empty() => view! { <p class="empty">{move || texts().none}</p> }.into_any(),
            Some(Ok(view)) => view! {
                <div class="table-scroll">
                    <table class="data-table" aria-label=move || texts().title>
                        <thead><tr>
                            <th scope="col">{move || texts().item}</th>
                            <th scope="col">{move || texts().change}</th>
                            <th scope="col">{move || texts().who}</th>
                            <th scope="col">{move || texts().when}</th>
                        </tr></thead>
                        <tbody>
                            {view.entries.into_iter().map(|entry| {
                                let kind = entry.subject;
                                let who = entry.actor_name.clone();
                                let at = entry.at;
                                let named = entry.clone();
                                let name = move || crate::i18n::audit::subject_name_text(locale(), &named);
                                let change = entry.clone();
                                view! {
                                    <tr>
                                        <th scope="row" class="wrapping">{name}<p class="card-sub">{move || subject_label(locale(), kind)}</p></th>
                                        <td class="long-text" dir="auto">{move || change_text(locale(), &change)}</td>
                                        <td>{move || who.clone().unwrap_or_else(|| texts().pishro.to_string())}</td>
                                        <td>{move || format_date_time(locale(), at)}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any(),
        }}
    }
}

/// One item's history under its form (a record, a person): each change in
/// one line, newest first. Shown to the managers who may read it.
#[component]
pub fn ItemHistory(subject: AuditSubject, id: String) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    // Reps read no history: they are not asked (a refusal would only be noise).
    let may_read = session.user.with_untracked(|user| {
        user.as_ref()
            .is_some_and(|user| user.role != crate::domain::Role::Rep)
    });
    let history = LocalResource::new(move || {
        let id = id.clone();
        async move {
            if may_read {
                crate::api::audit::item_audit(subject, id).await
            } else {
                Ok(Vec::new())
            }
        }
    });
    view! {
        {move || match history.get() {
            Some(Ok(entries)) if !entries.is_empty() => Some(view! {
                <section class="item-history" aria-labelledby="item-history">
                    <h2 id="item-history">{move || audit_texts(locale()).item_heading}</h2>
                    <ul class="timeline">
                        {entries.into_iter().map(|entry| view! {
                            <li class="change" dir="auto">{move || crate::i18n::audit::entry_line(locale(), &entry)}</li>
                        }).collect_view()}
                    </ul>
                </section>
            }),
            _ => None,
        }}
    }
}

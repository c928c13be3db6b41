//! The training screen (`/training`, managers): each programme with its
//! sessions (who came, ticked per person), each person's attendance and
//! completion, and forms to start a programme and plan a session. Typed
//! values live outside the part redrawn after each change.

use crate::api::training::{
    TrainingView, add_training_session, delete_training_programme, delete_training_session,
    read_training, save_training_programme, set_training_attendance, set_training_completion,
};
use crate::client::session::use_session;
use crate::components::delete_button::confirmed;
use crate::components::fields::{
    DateField, SelectField, TextAreaField, TextField, choice_options, keep_a_choice,
};
use crate::components::form::{FormStatus, SubmitRow, run_and_reload};
use crate::components::team_switch::TeamSwitch;
use crate::components::{ErrorNotice, Loading};
use crate::domain::training::{
    ProgrammeDraft, SessionDraft, TrainingKind, TrainingProgramme, trainee_standings,
};
use crate::domain::{Choice, TeamId, TeamMember, TrainingProgrammeId};
use crate::error::AppError;
use crate::i18n::format::format_date;
use crate::i18n::training::{attendance_text, session_name, training_texts};
use crate::i18n::{Label, error_message};
use leptos::prelude::*;

#[component]
pub fn TrainingPage() -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || training_texts(locale());
    let team = RwSignal::new(None::<TeamId>);
    let reload = RwSignal::new(0_u32);
    let answer = LocalResource::new(move || {
        reload.track();
        read_training(team.get())
    });
    // The forms appear once the programmes have, below them: drawn before,
    // they would be pushed down the page as the list arrives.
    let loaded_once = crate::components::notices::arrived_once(answer);
    let completion_day = RwSignal::new(session.today().format("%Y-%m-%d").to_string());
    let completion_errors = RwSignal::new(crate::domain::FieldErrors::default());
    view! {
        <h1>{move || words().title}</h1>
        <p class="hint">{move || words().explained}</p>
        {move || match answer.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error=error/> }.into_any(),
            Some(Ok(view)) => {
                let TrainingView { team_id, people, programmes, teams, .. } = view;
                view! {
                    <TeamSwitch id="training-team" label=|locale| training_texts(locale).team
                        teams=teams shown=team_id team=team/>
                    {if programmes.is_empty() {
                        view! { <p class="empty">{move || words().no_programmes}</p> }.into_any()
                    } else {
                        view! {
                            <section class="people-section" aria-labelledby="completion-heading">
                                <h2 id="completion-heading">{move || words().completion_heading}</h2>
                                <p class="hint">{move || words().completion_explained}</p>
                                <DateField label=|t| t.screens().training_completed_on name="training_completed_on"
                                    value=completion_day errors=completion_errors/>
                            </section>
                            {programmes.into_iter().map(|programme| view! {
                                <ProgrammeCard programme=programme people=people.clone()
                                    completion_day=completion_day reload=reload/>
                            }).collect_view()}
                        }.into_any()
                    }}
                }
                .into_any()
            }
        }}
        <Show when=move || loaded_once.get()>
            <ProgrammeForm team=team reload=reload/>
            <SessionForm answer=answer reload=reload/>
        </Show>
    }
}

#[component]
fn ProgrammeCard(
    programme: TrainingProgramme,
    people: Vec<TeamMember>,
    completion_day: RwSignal<String>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || training_texts(locale());
    let failure = RwSignal::new(None::<AppError>);
    let id = programme.id;
    let heading = format!("programme-{id}");
    let person_ids: Vec<_> = people.iter().map(|person| person.id).collect();
    let standings = trainee_standings(&programme, &person_ids, session.today());
    let kind = programme.kind;
    let title = programme.title.clone();
    let sessions = programme.sessions.clone();
    let retire = move |_| {
        if confirmed(session.texts().confirm_delete) {
            run_and_reload(Box::pin(delete_training_programme(id)), failure, reload);
        }
    };
    let names = people.clone();
    view! {
        <section class="people-section training-programme" aria-labelledby=heading.clone()>
            <div class="page-head">
                <h2 id=heading.clone()>{title}</h2>
                <span class="badge">{move || kind.label(locale())}</span>
            </div>
            {(!programme.description.is_empty()).then(|| view! { <p class="hint">{programme.description.clone()}</p> })}
            {move || failure.get().map(|error| view! {
                <p class="notice notice-error" role="alert">{move || error_message(locale(), &error)}</p>
            })}
            <h3>{move || words().sessions_heading}</h3>
            {if sessions.is_empty() {
                view! { <p class="empty">{move || words().no_sessions}</p> }.into_any()
            } else {
                sessions.into_iter().map(|held| {
                    let session_id = held.id;
                    let name = move || session_name(locale(), held.day, &held.topic);
                    let name_for_button = name.clone();
                    view! {
                        <fieldset class="attendance">
                            <legend>{name}</legend>
                            <p class="card-sub">{move || words().who_came}</p>
                            <div class="attendance-people">
                                {names.iter().map(|person| {
                                    let person_id = person.id;
                                    let attended = held.attended.contains(&person_id);
                                    let input = format!("came-{session_id}-{person_id}");
                                    let label_for = input.clone();
                                    view! {
                                        <label class="check" for=label_for>
                                            <input type="checkbox" id=input checked=attended
                                                on:change=move |event| run_and_reload(
                                                    Box::pin(set_training_attendance(session_id, person_id, event_target_checked(&event))),
                                                    failure, reload)/>
                                            {person.display_name.clone()}
                                        </label>
                                    }
                                }).collect_view()}
                            </div>
                            <button type="button" class="button-quiet"
                                aria-label=move || format!("{}: {}", words().remove_session, name_for_button())
                                on:click=move |_| run_and_reload(Box::pin(delete_training_session(session_id)), failure, reload)>
                                {move || words().remove_session}
                            </button>
                        </fieldset>
                    }
                }).collect_view().into_any()
            }}
            <h3>{move || words().people_heading}</h3>
            {if people.is_empty() {
                view! { <p class="empty">{move || words().no_people}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="data-table">
                            <caption class="visually-hidden">{programme.title.clone()}</caption>
                            <thead><tr>
                                <th scope="col">{move || words().person}</th>
                                <th scope="col" class="number">{move || words().attendance}</th>
                                <th scope="col">{move || words().completed}</th>
                                <th scope="col"><span class="visually-hidden">{move || words().mark_complete}</span></th>
                            </tr></thead>
                            <tbody>
                                {people.into_iter().zip(standings).map(|(person, standing)| {
                                    let person_id = person.id;
                                    let name = person.display_name.clone();
                                    let completed_on = standing.completed_on;
                                    view! {
                                        <tr>
                                            <th scope="row">{person.display_name}</th>
                                            <td class="number">{move || attendance_text(locale(), &standing)}</td>
                                            <td>{move || match completed_on {
                                                Some(day) => format_date(locale(), day),
                                                None => words().not_completed.to_string(),
                                            }}</td>
                                            <td class="row-action">
                                                <CompletionButton programme_id=id person_id=person_id name=name
                                                    completed=completed_on.is_some() completion_day=completion_day
                                                    failure=failure reload=reload/>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            <div class="form-actions">
                <button type="button" class="button-danger" on:click=retire>{move || words().retire}</button>
            </div>
        </section>
    }
}

/// "Mark complete" (on the day chosen above) or "Take back".
#[component]
fn CompletionButton(
    programme_id: TrainingProgrammeId,
    person_id: crate::domain::UserId,
    name: String,
    completed: bool,
    completion_day: RwSignal<String>,
    failure: RwSignal<Option<AppError>>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let session = use_session();
    let words = move || training_texts(session.locale.get());
    let text = move || {
        if completed {
            words().take_back
        } else {
            words().mark_complete
        }
    };
    let click = move |_| {
        let day = if completed {
            String::new()
        } else {
            completion_day.get_untracked()
        };
        run_and_reload(
            Box::pin(set_training_completion(programme_id, person_id, day)),
            failure,
            reload,
        );
    };
    view! {
        <button type="button" class=if completed { "button-quiet" } else { "button-primary" }
            aria-label=move || format!("{}: {name}", text())
            on:click=click>{text}</button>
    }
}

#[component]
fn ProgrammeForm(team: RwSignal<Option<TeamId>>, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || training_texts(locale());
    let kind = RwSignal::new(TrainingKind::Onboarding.as_str().to_string());
    let title = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let status = FormStatus::new();
    let errors = status.errors;
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let draft = ProgrammeDraft {
            id: None,
            kind: kind.get_untracked(),
            title: title.get_untracked(),
            description: description.get_untracked(),
        };
        status.submit(
            save_training_programme(team.get_untracked(), draft),
            move |_| {
                title.set(String::new());
                description.set(String::new());
                reload.update(|count| *count += 1);
            },
        );
    };
    view! {
        <section class="people-section" aria-labelledby="new-programme-heading">
            <h2 id="new-programme-heading">{move || words().new_heading}</h2>
            <form class="form" on:submit=submit novalidate>
                <SelectField label=|t| t.screens().training_kind name="training_kind" value=kind errors=errors
                    options=Signal::derive(move || choice_options::<TrainingKind>(locale()))/>
                <TextField label=|t| t.title name="title" value=title errors=errors required=true/>
                <TextAreaField label=|t| t.screens().details name="body" value=description errors=errors/>
                <SubmitRow status=status label=Signal::derive(move || words().create)/>
            </form>
        </section>
    }
}

#[component]
fn SessionForm(
    answer: LocalResource<Result<TrainingView, AppError>>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || training_texts(locale());
    let programme = RwSignal::new(String::new());
    let day = RwSignal::new(String::new());
    let topic = RwSignal::new(String::new());
    let status = FormStatus::new();
    let errors = status.errors;
    let programmes = Signal::derive(move || match answer.get() {
        Some(Ok(view)) => view
            .programmes
            .iter()
            .map(|programme| (programme.id.to_string(), programme.title.clone()))
            .collect::<Vec<_>>(),
        _ => Vec::new(),
    });
    // The newest programme until the manager picks another.
    keep_a_choice(programmes, programme);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let draft = SessionDraft {
            programme_id: programme.get_untracked().parse().ok(),
            day: day.get_untracked(),
            topic: topic.get_untracked(),
        };
        status.submit(add_training_session(draft), move |_| {
            topic.set(String::new());
            reload.update(|count| *count += 1);
        });
    };
    view! {
        <Show when=move || !programmes.with(Vec::is_empty)>
            <section class="people-section" aria-labelledby="session-heading">
                <h2 id="session-heading">{move || words().session_heading}</h2>
                <form class="form" on:submit=submit novalidate>
                    <SelectField label=|t| t.screens().training_programme name="training_programme" value=programme
                        errors=errors options=programmes/>
                    <DateField label=|t| t.screens().training_day name="training_day" value=day errors=errors required=true/>
                    <TextField label=|t| t.screens().training_topic name="training_topic" value=topic errors=errors required=true/>
                    <SubmitRow status=status label=Signal::derive(move || words().add_session)/>
                </form>
            </section>
        </Show>
    }
}

//! A manager runs their own team's people: `/people` lists the reps of
//! their team with their open leads, capacity and who is away; `/people/:id`
//! is one rep's availability (capacity, absences) and sign-in. An admin
//! sees the same availability under the account form of a rep.

use crate::api::availability::{
    RepAvailabilityView, add_absence, person_availability, remove_absence, save_lead_capacity,
    set_person_active, team_people,
};
use crate::client::session::use_session;
use crate::components::delete_button::confirmed;
use crate::components::fields::{DateField, TextField};
use crate::components::form::FormStatus;
use crate::components::{ErrorNotice, Loading};
use crate::domain::availability::{AbsenceDraft, TeamRepsView};
use crate::domain::{AbsenceId, UserId};
use crate::error::AppError;
use crate::i18n::error_message;
use crate::i18n::format::{format_date, localize_digits};
use crate::i18n::people::{availability_text, capacity_text, deactivate_label, people_texts};
use crate::routing::use_params_map;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The reps of the manager's team, with who is away and how much they carry.
#[component]
pub fn TeamPeoplePage() -> impl IntoView {
    let session = use_session();
    let words = move || people_texts(session.locale.get());
    let answer = LocalResource::new(move || team_people(None));
    // Asked for beside the reps, not by its section once drawn: its list
    // arriving would push its form and the invitations down the page.
    let headcount = LocalResource::new(move || crate::api::headcount::list_headcount(None));
    // The plan and invitations appear once the reps and the plan have,
    // below the reps: drawn before, the arriving table would push them down.
    let loaded_once = crate::components::notices::arrived_once(answer);
    view! {
        <h1>{move || words().my_team}</h1>
        <p class="hint">{move || words().explained}</p>
        {move || match answer.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error=error/> }.into_any(),
            Some(Ok(view)) => view! { <RepTable view=view/> }.into_any(),
        }}
        {move || {
            if !loaded_once.get() {
                return None;
            }
            Some(match headcount.get() {
                None => view! { <crate::components::Awaiting/> }.into_any(),
                Some(first) => view! {
                    <super::headcount::HeadcountSection first=first/>
                    <super::invites::InviteSection/>
                }
                .into_any(),
            })
        }}
    }
}

#[component]
fn RepTable(view: TeamRepsView) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || people_texts(locale());
    if view.reps.is_empty() {
        return view! { <p class="empty">{move || words().no_reps}</p> }.into_any();
    }
    let today = view.today;
    view! {
        <section class="people-section" aria-labelledby="team-reps-heading">
            <h2 id="team-reps-heading">{view.team_name.clone()}</h2>
            <div class="table-scroll">
                <table class="data-table">
                    <thead><tr>
                        <th scope="col">{move || words().rep}</th>
                        <th scope="col">{move || words().availability}</th>
                        <th scope="col" class="number">{move || words().open_leads}</th>
                        <th scope="col" class="number">{move || words().capacity}</th>
                        <th scope="col">{move || words().status}</th>
                    </tr></thead>
                    <tbody>
                        {view.reps.into_iter().map(|rep| {
                            let away = rep.away_until(today);
                            let next = rep.next_absence(today).map(|absence| absence.starts_on);
                            let open = rep.open_leads;
                            let capacity = rep.capacity;
                            let active = rep.active;
                            view! {
                                <tr>
                                    <th scope="row"><a href=format!("/people/{}", rep.user_id)>{rep.display_name}</a></th>
                                    <td>
                                        <span class=if away.is_some() { "stage stage-lost" } else { "" }>
                                            {move || availability_text(locale(), away, next)}
                                        </span>
                                    </td>
                                    <td class="number">{move || localize_digits(locale(), &open.to_string())}</td>
                                    <td class="number">{move || capacity_text(locale(), capacity)}</td>
                                    <td>{move || if active { words().active } else { session.texts().screens().inactive }}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

/// One rep's page for their manager: who they are, then their availability.
#[component]
pub fn RepPage() -> impl IntoView {
    let params = use_params_map();
    let user_id = move || {
        params
            .with(|params| params.get("id"))
            .and_then(|id| id.parse::<UserId>().ok())
    };
    move || match user_id() {
        Some(user_id) => view! {
            <RepAvailability user_id=user_id own_page=true/>
            <crate::pages::staff::StaffSection user_id=user_id/>
        }
        .into_any(),
        None => view! { <ErrorNotice error=AppError::NotFound/> }.into_any(),
    }
}

/// A rep's capacity, absences and (on their own page) sign-in. What is
/// typed lives outside the part redrawn after each save.
#[component]
pub fn RepAvailability(user_id: UserId, #[prop(optional)] own_page: bool) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || people_texts(locale());
    let reload = RwSignal::new(0_u32);
    let answer = LocalResource::new(move || {
        reload.track();
        person_availability(user_id)
    });
    let capacity = RwSignal::new(String::new());
    let capacity_saved = RwSignal::new(false);
    // The stored capacity fills the field once, when it first arrives.
    let filled = RwSignal::new(false);
    Effect::new(move || {
        if let Some(Ok(found)) = answer.get()
            && !filled.get_untracked()
        {
            filled.set(true);
            capacity.set(
                found
                    .rep
                    .capacity
                    .map(|capacity| capacity.to_string())
                    .unwrap_or_default(),
            );
        }
    });
    let draft = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    move || match answer.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(error)) => view! {
            {own_page.then(|| view! { <h1>{move || words().my_team}</h1> })}
            <ErrorNotice error=error/>
        }
        .into_any(),
        Some(Ok(found)) => {
            let RepAvailabilityView { rep, today } = found;
            let away = rep.away_until(today);
            let next = rep.next_absence(today).map(|absence| absence.starts_on);
            let open = rep.open_leads;
            view! {
                {own_page.then(|| view! {
                    <p><a href="/people">{move || words().back_to_team}</a></p>
                    <h1>{rep.display_name.clone()}</h1>
                    <p class="card-sub">{rep.email.clone()}</p>
                })}
                <p class="rep-standing">
                    {move || format!("{} {}", localize_digits(locale(), &open.to_string()), words().open_leads_count)}
                    " · "
                    <span class=if away.is_some() { "stage stage-lost" } else { "" }>
                        {move || availability_text(locale(), away, next)}
                    </span>
                </p>
                <CapacityForm user_id=user_id capacity=capacity saved=capacity_saved reload=reload/>
                <AbsenceList user_id=user_id absences=rep.absences.clone() reload=reload draft=draft/>
                {own_page.then(|| view! {
                    <SignInSection user_id=user_id name=rep.display_name.clone() active=rep.active reload=reload/>
                })}
            }
            .into_any()
        }
    }
}

#[component]
fn CapacityForm(
    user_id: UserId,
    capacity: RwSignal<String>,
    saved: RwSignal<bool>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let session = use_session();
    let words = move || people_texts(session.locale.get());
    let status = FormStatus::new();
    let errors = status.errors;
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        saved.set(false);
        status.submit(
            save_lead_capacity(user_id, capacity.get_untracked()),
            move |_| {
                saved.set(true);
                reload.update(|count| *count += 1);
            },
        );
    };
    view! {
        <section class="people-section" aria-labelledby="capacity-heading">
            <h2 id="capacity-heading">{move || words().capacity_heading}</h2>
            <form class="form" on:submit=submit novalidate>
                <TextField label=|t| t.screens().lead_capacity name="capacity" value=capacity errors=errors inputmode="numeric"/>
                <p class="hint">{move || words().capacity_hint}</p>
                {move || status.failure.get().map(|error| view! {
                    <p class="notice notice-error" role="alert">{move || error_message(session.locale.get(), &error)}</p>
                })}
                {move || saved.get().then(|| view! { <p class="notice" role="status">{move || words().capacity_saved}</p> })}
                <div class="form-actions">
                    <button type="submit" class="button-primary" disabled=move || status.busy.get()>{move || words().save_capacity}</button>
                </div>
            </form>
        </section>
    }
}

#[component]
fn AbsenceList(
    user_id: UserId,
    absences: Vec<crate::domain::availability::Absence>,
    reload: RwSignal<u32>,
    draft: (RwSignal<String>, RwSignal<String>, RwSignal<String>),
) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || people_texts(locale());
    let failure = RwSignal::new(None::<AppError>);
    let remove = move |absence_id: AbsenceId| {
        failure.set(None);
        spawn_local(async move {
            match remove_absence(absence_id).await {
                Ok(()) => reload.update(|count| *count += 1),
                Err(error) => {
                    session.note_error(&error);
                    failure.set(Some(error));
                }
            }
        });
    };
    let empty = absences.is_empty();
    view! {
        <section class="people-section" aria-labelledby="absences-heading">
            <h2 id="absences-heading">{move || words().absences_heading}</h2>
            {move || failure.get().map(|error| view! {
                <p class="notice notice-error" role="alert">{move || error_message(locale(), &error)}</p>
            })}
            {if empty {
                view! { <p class="empty">{move || words().no_absences}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="data-table">
                            <thead><tr>
                                <th scope="col">{move || words().from}</th>
                                <th scope="col">{move || words().until}</th>
                                <th scope="col">{move || words().reason}</th>
                                <th scope="col"><span class="visually-hidden">{move || words().remove}</span></th>
                            </tr></thead>
                            <tbody>
                                {absences.into_iter().map(|absence| {
                                    let (start, end, id) = (absence.starts_on, absence.ends_on, absence.id);
                                    view! {
                                        <tr>
                                            <td>{move || format_date(locale(), start)}</td>
                                            <td>{move || format_date(locale(), end)}</td>
                                            <td>{absence.reason}</td>
                                            <td class="row-action">
                                                <button type="button" class="button-quiet"
                                                    aria-label=move || format!("{} {} – {}", words().remove, format_date(locale(), start), format_date(locale(), end))
                                                    on:click=move |_| remove(id)>
                                                    {move || words().remove}
                                                </button>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            <AddAbsenceForm user_id=user_id reload=reload draft=draft/>
        </section>
    }
}

#[component]
fn AddAbsenceForm(
    user_id: UserId,
    reload: RwSignal<u32>,
    draft: (RwSignal<String>, RwSignal<String>, RwSignal<String>),
) -> impl IntoView {
    let session = use_session();
    let words = move || people_texts(session.locale.get());
    let (starts_on, ends_on, reason) = draft;
    let status = FormStatus::new();
    let errors = status.errors;
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let absence = AbsenceDraft {
            id: AbsenceId::new(),
            user_id,
            starts_on: starts_on.get_untracked(),
            ends_on: ends_on.get_untracked(),
            reason: reason.get_untracked(),
        };
        status.submit(add_absence(absence), move |_| {
            starts_on.set(String::new());
            ends_on.set(String::new());
            reason.set(String::new());
            reload.update(|count| *count += 1);
        });
    };
    view! {
        <form class="form absence-form" on:submit=submit novalidate>
            <DateField label=|t| t.screens().away_from name="starts_on" value=starts_on errors=errors required=true/>
            <DateField label=|t| t.screens().away_until name="ends_on" value=ends_on errors=errors required=true/>
            <TextField label=|t| t.screens().absence_reason name="reason" value=reason errors=errors/>
            {move || status.failure.get().map(|error| view! {
                <p class="notice notice-error" role="alert">{move || error_message(session.locale.get(), &error)}</p>
            })}
            <div class="form-actions">
                <button type="submit" class="button-primary" disabled=move || status.busy.get()>{move || words().add_absence}</button>
            </div>
        </form>
    }
}

/// Stops or restores the rep's sign-in, asking first before stopping it.
#[component]
fn SignInSection(
    user_id: UserId,
    name: String,
    active: bool,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || people_texts(locale());
    let status = FormStatus::new();
    let label = name.clone();
    let change = move |_| {
        let question = format!("{}?", deactivate_label(locale(), &name));
        if active && !confirmed(&question) {
            return;
        }
        status.submit(set_person_active(user_id, !active), move |_| {
            reload.update(|count| *count += 1);
        });
    };
    view! {
        <section class="people-section" aria-labelledby="sign-in-heading">
            <h2 id="sign-in-heading">{move || words().sign_in_heading}</h2>
            <p>{move || if active { words().deactivate_explained } else { words().deactivated }}</p>
            {move || status.failure.get().map(|error| view! {
                <p class="notice notice-error" role="alert">{move || error_message(locale(), &error)}</p>
            })}
            <div class="form-actions">
                <button type="button" class=if active { "button-danger" } else { "button-primary" }
                    disabled=move || status.busy.get() on:click=change>
                    {move || if active { deactivate_label(locale(), &label) } else { words().reactivate.to_string() }}
                </button>
            </div>
        </section>
    }
}

//! People and teams, for admins: who works in which team, with which role.
//! A manager reaching these addresses gets their own team's people instead
//! (`team_people`).

use crate::api::{list_people, list_teams, save_person, save_team};
use crate::client::session::use_session;
use crate::components::{
    CheckboxField, ErrorNotice, FormActions, FormStatus, Loading, SelectField, TextField,
    choice_options,
};
use crate::domain::period::Calendar;
use crate::domain::{Choice, Locale, PersonDraft, Role, TeamDraft, TeamId, UserId};
use crate::error::AppError;
use crate::i18n::Label;
use crate::routing::{use_navigate, use_params_map};
use leptos::prelude::*;

/// Whether the signed-in person is an admin (who keeps every account).
fn reader_is_admin() -> bool {
    use_session().user.with_untracked(|user| {
        user.as_ref()
            .is_some_and(|profile| profile.role == Role::Admin)
    })
}

#[component]
pub fn PeoplePage() -> impl IntoView {
    if !reader_is_admin() {
        return view! { <super::team_people::TeamPeoplePage/> }.into_any();
    }
    let session = use_session();
    let navigate = use_navigate();
    let people = LocalResource::new(list_people);
    let teams = LocalResource::new(list_teams);
    let locale = move || session.locale.get();
    view! {
        <div class="page-head">
            <h1>{move || session.texts().screens().people_title}</h1>
            <div class="form-actions">
                <button type="button" class="button-primary" on:click={
                    let navigate = navigate.clone();
                    move |_| navigate("/people/new", Default::default())
                }>{move || session.texts().screens().new_person}</button>
                <button type="button" class="button-quiet" on:click=move |_| navigate("/teams/new", Default::default())>
                    {move || session.texts().screens().new_team}
                </button>
                <a class="button-quiet" href="/audit">{move || crate::i18n::audit::audit_texts(session.locale.get()).open}</a>
            </div>
        </div>
        <section aria-labelledby="teams-heading">
            <h2 id="teams-heading">{move || session.texts().screens().teams_title}</h2>
            {move || match teams.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(error)) => view! { <ErrorNotice error=error/> }.into_any(),
                Some(Ok(teams)) => view! {
                    <ul class="cards">
                        {teams.into_iter().map(|team| view! {
                            <li class="card">
                                <a class="card-title" href=format!("/teams/{}", team.id)>{team.name}</a>
                                <span class="card-meta">{move || session.texts().screens().manager}": "{team.manager_name.clone().unwrap_or_default()}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </section>
        <super::invites::InviteSection for_admin=true/>
        <section aria-labelledby="people-heading" class="related">
            <h2 id="people-heading">{move || session.texts().screens().people_title}</h2>
            {move || match people.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(error)) => view! { <ErrorNotice error=error/> }.into_any(),
                Some(Ok(people)) => view! {
                    <ul class="cards">
                        {people.into_iter().map(|person| {
                            let role = person.role;
                            let active = person.active;
                            view! {
                                <li class="card">
                                    <a class="card-title" href=format!("/people/{}", person.id)>{person.display_name}</a>
                                    <span class="card-sub">{person.email}</span>
                                    <span class="card-meta">{move || role.label(locale())}</span>
                                    <span class="card-meta">{person.team_name.unwrap_or_default()}</span>
                                    <Show when=move || !active>
                                        <span class="stage stage-lost">{move || session.texts().screens().inactive}</span>
                                    </Show>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </section>
    }
    .into_any()
}

fn team_options(
    teams: Option<Result<Vec<crate::domain::Team>, AppError>>,
    none_label: &str,
) -> Vec<(String, String)> {
    let mut options = vec![(String::new(), none_label.to_string())];
    if let Some(Ok(teams)) = teams {
        options.extend(
            teams
                .into_iter()
                .map(|team| (team.id.to_string(), team.name)),
        );
    }
    options
}

/// Creates (`/people/new`) or edits (`/people/:id`) an account.
#[component]
pub fn PersonEditPage() -> impl IntoView {
    if !reader_is_admin() {
        return view! { <super::team_people::RepPage/> }.into_any();
    }
    let session = use_session();
    let navigate = use_navigate();
    let params = use_params_map();
    let existing_id = move || {
        params
            .with(|params| params.get("id"))
            .and_then(|id| id.parse::<UserId>().ok())
    };
    let new_id = UserId::new();
    let email = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Rep.as_str().to_string());
    let team = RwSignal::new(String::new());
    let locale_choice = RwSignal::new(Locale::En.as_str().to_string());
    let active = RwSignal::new(true);
    let password = RwSignal::new(String::new());
    let status = FormStatus::new();
    let errors = status.errors;
    let people = LocalResource::new(list_people);
    let teams = LocalResource::new(list_teams);
    Effect::new(move || {
        let Some(id) = existing_id() else { return };
        if let Some(Ok(people)) = people.get()
            && let Some(person) = people.into_iter().find(|person| person.id == id)
        {
            email.set(person.email);
            display_name.set(person.display_name);
            role.set(person.role.as_str().into());
            team.set(person.team_id.map(|id| id.to_string()).unwrap_or_default());
            locale_choice.set(person.locale.as_str().into());
            active.set(person.active);
        }
    });
    let locale = move || session.locale.get();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let draft = PersonDraft {
            id: existing_id().unwrap_or(new_id),
            email: email.get_untracked(),
            display_name: display_name.get_untracked(),
            role: role.get_untracked(),
            team_id: team.get_untracked().parse::<TeamId>().ok(),
            locale: locale_choice.get_untracked(),
            active: active.get_untracked(),
            password: password.get_untracked(),
        };
        let navigate = navigate.clone();
        status.submit(save_person(draft), move |_| {
            navigate("/people", Default::default())
        });
    };
    view! {
        <h1>{move || if existing_id().is_some() { session.texts().screens().edit_person } else { session.texts().screens().new_person }}</h1>
        // Inert until the edited one has loaded, so the fill never
        // overwrites anything typed.
        <form class="form" on:submit=submit novalidate inert=move || existing_id().is_some() && people.get().is_none()>
            <TextField label=|t| t.display_name name="display_name" value=display_name errors=errors required=true/>
            <TextField label=|t| t.email name="email" value=email errors=errors input_type="email" required=true/>
            <SelectField label=|t| t.role name="role" value=role errors=errors
                options=Signal::derive(move || choice_options::<Role>(locale()))/>
            <SelectField label=|t| t.screens().team name="team_id" value=team errors=errors
                options=Signal::derive(move || team_options(teams.get(), session.texts().screens().no_team))/>
            <SelectField label=|t| t.language name="locale" value=locale_choice errors=errors
                options=Signal::derive(|| vec![("en".to_string(), "English".to_string()), ("fa".to_string(), "فارسی".to_string())])/>
            <TextField label=|t| t.new_password name="password" value=password errors=errors input_type="password" autocomplete="new-password"/>
            <CheckboxField label=|t| t.active name="active" checked=active/>
            <FormActions status=status back_to="/people"/>
        </form>
        // A rep's availability, as their manager keeps it.
        {move || match existing_id() {
            Some(user_id) if role.get() == Role::Rep.as_str() => {
                view! { <super::team_people::RepAvailability user_id=user_id/> }.into_any()
            }
            _ => ().into_any(),
        }}
        {move || existing_id().map(|user_id| view! { <crate::pages::staff::StaffSection user_id=user_id/> })}
        {move || existing_id().map(|user_id| view! {
            <crate::pages::audit::ItemHistory subject=crate::domain::audit::AuditSubject::Person id=user_id.to_string()/>
        })}
    }
    .into_any()
}

/// Creates (`/teams/new`) or edits (`/teams/:id`) a team.
#[component]
pub fn TeamEditPage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let params = use_params_map();
    let existing_id = move || {
        params
            .with(|params| params.get("id"))
            .and_then(|id| id.parse::<TeamId>().ok())
    };
    let new_id = TeamId::new();
    let name = RwSignal::new(String::new());
    let manager = RwSignal::new(String::new());
    let calendar = RwSignal::new(String::new());
    let time_zone = RwSignal::new(String::new());
    let status = FormStatus::new();
    let errors = status.errors;
    let people = LocalResource::new(list_people);
    let teams = LocalResource::new(list_teams);
    Effect::new(move || {
        let Some(id) = existing_id() else { return };
        if let Some(Ok(teams)) = teams.get()
            && let Some(team) = teams.into_iter().find(|team| team.id == id)
        {
            name.set(team.name);
            manager.set(team.manager_id.map(|id| id.to_string()).unwrap_or_default());
            calendar.set(team.calendar.map(Choice::as_str).unwrap_or_default().into());
            time_zone.set(team.time_zone.unwrap_or_default());
        }
    });
    let manager_options = Signal::derive(move || {
        let mut options = vec![(
            String::new(),
            session.texts().screens().no_manager.to_string(),
        )];
        if let Some(Ok(people)) = people.get() {
            options.extend(
                people
                    .into_iter()
                    .filter(|person| person.role == Role::Manager)
                    .map(|person| (person.id.to_string(), person.display_name)),
            );
        }
        options
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let draft = TeamDraft {
            id: existing_id().unwrap_or(new_id),
            name: name.get_untracked(),
            manager_id: manager.get_untracked().parse::<UserId>().ok(),
            calendar: calendar.get_untracked(),
            time_zone: time_zone.get_untracked(),
        };
        let navigate = navigate.clone();
        status.submit(save_team(draft), move |_| {
            navigate("/people", Default::default())
        });
    };
    view! {
        <h1>{move || if existing_id().is_some() { session.texts().screens().edit_team } else { session.texts().screens().new_team }}</h1>
        // Inert until the edited one has loaded, so the fill never
        // overwrites anything typed.
        <form class="form" on:submit=submit novalidate inert=move || existing_id().is_some() && teams.get().is_none()>
            <TextField label=|t| t.screens().team_name name="name" value=name errors=errors required=true/>
            <SelectField label=|t| t.screens().manager name="manager_id" value=manager errors=errors options=manager_options/>
            <SelectField label=|t| t.screens().goal_calendar name="calendar" value=calendar errors=errors
                options=Signal::derive(move || {
                    let mut options = vec![(String::new(), session.texts().screens().readers_calendar.to_string())];
                    options.extend(choice_options::<Calendar>(session.locale.get()));
                    options
                })/>
            <SelectField label=|t| t.team_time_zone name="time_zone"
                value=time_zone errors=errors
                options=Signal::derive(move || zone_options(time_zone.get(), session.texts().screens().calendars_zone))/>
            <FormActions status=status back_to="/people"/>
        </form>
        {move || existing_id().map(|id| view! {
            <crate::pages::audit::ItemHistory subject=crate::domain::audit::AuditSubject::Team id=id.to_string()/>
        })}
    }
}

/// The zones offered on the team form: the calendar's, the common ones, and
/// the team's own when it is another.
fn zone_options(current: String, calendars_zone: &str) -> Vec<(String, String)> {
    use crate::domain::time_zone::COMMON_ZONES;
    let mut options = vec![(String::new(), calendars_zone.to_string())];
    if !current.is_empty() && !COMMON_ZONES.contains(&current.as_str()) {
        options.push((current.clone(), current));
    }
    options.extend(
        COMMON_ZONES
            .iter()
            .map(|zone| (zone.to_string(), zone.replace('_', " "))),
    );
    options
}

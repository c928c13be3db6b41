//! Inviting people to a manager's team (on My team): an e-mail makes a
//! one-time sign-up link, shown once to send; the team's invitations of the
//! last 30 days below, waiting ones revocable.

use crate::client::session::use_session;
use crate::components::fields::{SelectField, TextField, keep_a_choice};
use crate::components::form::FormStatus;
use crate::domain::Choice;
use crate::error::AppError;
use crate::i18n::Label;
use crate::i18n::error_message;
use crate::i18n::format::format_date;
use crate::i18n::people::people_texts;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The site's own address, so a sign-up link can be copied whole.
pub(crate) fn site_origin() -> String {
    #[cfg(feature = "csr")]
    {
        web_sys::window()
            .and_then(|window| window.location().origin().ok())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "csr"))]
    {
        String::new()
    }
}

/// Invites a rep by e-mail: the new link is shown once, to send; the
/// team's recent invitations below, waiting ones revocable. An admin
/// (`for_admin`) chooses the team and whether the person joins it as a rep
/// or as its manager.
#[component]
pub fn InviteSection(#[prop(optional)] for_admin: bool) -> impl IntoView {
    use crate::api::invites::{CreatedInvite, create_invite, list_invites, revoke_invite};
    use crate::domain::invite::InviteDraft;
    use crate::i18n::people::{invite_state_text, link_label};
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || people_texts(locale());
    let email = RwSignal::new(String::new());
    let role = RwSignal::new("rep".to_string());
    let team = RwSignal::new(String::new());
    let chosen_team = move || team.get().parse::<crate::domain::TeamId>().ok();
    let teams = LocalResource::new(move || async move {
        if for_admin {
            crate::api::list_teams().await.unwrap_or_default()
        } else {
            Vec::new()
        }
    });
    let team_options = Signal::derive(move || {
        teams
            .get()
            .unwrap_or_default()
            .into_iter()
            .map(|team| (team.id.to_string(), team.name))
            .collect::<Vec<_>>()
    });
    // The first team until the admin picks another.
    keep_a_choice(team_options, team);
    let created = RwSignal::new(None::<CreatedInvite>);
    let reload = RwSignal::new(0_u32);
    let invites = LocalResource::new(move || {
        reload.track();
        let team = chosen_team();
        async move {
            if for_admin && team.is_none() {
                Ok(Vec::new())
            } else {
                list_invites(team).await
            }
        }
    });
    let status = FormStatus::new();
    let errors = status.errors;
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        created.set(None);
        let draft = InviteDraft {
            email: email.get_untracked(),
            role: role.get_untracked(),
        };
        let team = team.get_untracked().parse().ok();
        status.submit(create_invite(team, draft), move |invite| {
            email.set(String::new());
            created.set(Some(invite));
            reload.update(|count| *count += 1);
        });
    };
    let failure = RwSignal::new(None::<AppError>);
    let revoke = move |invite_id: crate::domain::InviteId| {
        failure.set(None);
        spawn_local(async move {
            match revoke_invite(invite_id).await {
                Ok(()) => reload.update(|count| *count += 1),
                Err(error) => {
                    session.note_error(&error);
                    failure.set(Some(error));
                }
            }
        });
    };
    view! {
        <section class="people-section" aria-labelledby="invite-heading">
            <h2 id="invite-heading">{move || if for_admin { words().invite_heading_admin } else { words().invite_heading }}</h2>
            <p class="hint">{move || if for_admin { words().invite_explained_admin } else { words().invite_explained }}</p>
            <form class="form" on:submit=submit novalidate>
                <TextField label=|t| t.screens().invite_email name="email" value=email errors=errors input_type="email" required=true/>
                {for_admin.then(|| view! {
                    <SelectField label=|t| t.screens().team name="team_id" value=team errors=errors
                        options=team_options/>
                    <SelectField label=|t| t.role name="role" value=role errors=errors
                        options=Signal::derive(move || [crate::domain::Role::Rep, crate::domain::Role::Manager]
                            .into_iter().map(|role| (role.as_str().to_string(), role.label(locale()).to_string())).collect::<Vec<_>>())/>
                })}
                {move || status.failure.get().map(|error| view! {
                    <p class="notice notice-error" role="alert">{move || error_message(locale(), &error)}</p>
                })}
                <div class="form-actions">
                    <button type="submit" class="button-primary" disabled=move || status.busy.get()>{move || words().create_link}</button>
                </div>
            </form>
            {move || created.get().map(|invite| {
                let link = format!("{}{}", site_origin(), invite.link_path);
                let for_whom = invite.invite.email.clone();
                view! {
                    <div class="notice invite-link" role="status">
                        <div class="field">
                            <label for="invite-link">{move || link_label(locale(), &for_whom)}</label>
                            <input id="invite-link" type="text" readonly prop:value=link
                                on:focus=move |event| {
                                    #[cfg(feature = "csr")]
                                    {
                                        use wasm_bindgen::JsCast;
                                        if let Some(input) = event.target().and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                            input.select();
                                        }
                                    }
                                    #[cfg(not(feature = "csr"))]
                                    let _ = event;
                                }/>
                        </div>
                        <p class="hint">{move || words().link_hint}</p>
                    </div>
                }
            })}
            {move || failure.get().map(|error| view! {
                <p class="notice notice-error" role="alert">{move || error_message(locale(), &error)}</p>
            })}
            {move || match invites.get() {
                Some(Ok(list)) if !list.is_empty() => {
                    let now = chrono::Utc::now();
                    view! {
                        <h3 id="invites-heading">{move || words().invites_heading}</h3>
                        <div class="table-scroll">
                            <table class="data-table" aria-labelledby="invites-heading">
                                <thead><tr>
                                    <th scope="col">{move || words().email}</th>
                                    <th scope="col">{move || words().state}</th>
                                    <th scope="col">{move || words().expires}</th>
                                    <th scope="col"><span class="visually-hidden">{move || words().revoke}</span></th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|invite| {
                                        let state = invite.state(now);
                                        let waiting = state == crate::domain::invite::InviteState::Waiting;
                                        let expires = invite.expires_at.date_naive();
                                        let id = invite.id;
                                        let email = invite.email.clone();
                                        view! {
                                            <tr>
                                                <th scope="row" class="break-anywhere">{invite.email}</th>
                                                <td>{move || invite_state_text(locale(), state)}</td>
                                                <td>{move || format_date(locale(), expires)}</td>
                                                <td class="row-action">
                                                    {waiting.then(|| view! {
                                                        <button type="button" class="button-quiet"
                                                            aria-label=move || format!("{} {}", words().revoke, email)
                                                            on:click=move |_| revoke(id)>
                                                            {move || words().revoke}
                                                        </button>
                                                    })}
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any()
                }
                None => view! { <crate::components::Awaiting/> }.into_any(),
                _ => ().into_any(),
            }}
        </section>
    }
}

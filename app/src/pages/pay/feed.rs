//! The team feed: kudos given and received, written offline too.

use crate::api::teammates;
use crate::client::engine::use_sync;
use crate::client::session::use_session;
use crate::components::form::SubmitRow;
use crate::components::{FormStatus, Loading, SelectField, TextField};
use crate::domain::recognition::KudosDraft;
use crate::domain::{KudosId, TeamMember};
use crate::i18n::format_date_time;
use crate::sync::protocol::Operation;
use leptos::prelude::*;

/// Kudos: the team feed (synced, so it reads offline) and a form to thank
/// a teammate (online: it goes straight to the team).
#[component]
pub(super) fn TeamFeed() -> impl IntoView {
    let session = use_session();
    let engine = use_sync();
    let locale = move || session.locale.get();
    let me = session.signed_in_id();
    let to = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    let id = RwSignal::new(KudosId::new());
    let status = FormStatus::on_device();
    let errors = status.errors;
    // Teammates from the server, remembered so kudos can be written offline.
    let remembered_key = me.map(|me| crate::client::storage::keys::teammates(&me.to_string()));
    let fetched = LocalResource::new(teammates);
    let members = Memo::new(move |_| match fetched.get() {
        Some(Ok(members)) => {
            if let Some(key) = &remembered_key {
                crate::client::storage::save(key, &members);
            }
            members
        }
        _ => remembered_key
            .as_deref()
            .and_then(crate::client::storage::load::<Vec<TeamMember>>)
            .unwrap_or_default(),
    });
    let options = Signal::derive(move || {
        let mut options = vec![(String::new(), String::from("—"))];
        options.extend(
            members
                .get()
                .into_iter()
                .filter(|member| Some(member.id) != me)
                .map(|member| (member.id.to_string(), member.display_name)),
        );
        options
    });
    let name_of = move |id: &str| {
        members.with(|members| {
            members
                .iter()
                .find(|member| member.id.to_string() == id)
                .map(|member| member.display_name.clone())
                .unwrap_or_default()
        })
    };
    // Kudos go through the outbox like any other work: written offline,
    // sent with the next sync, refusals shown in the sync bar.
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(me) = me else { return };
        let draft = KudosDraft {
            id: id.get_untracked(),
            to_user_id: to.get_untracked(),
            message: message.get_untracked(),
        };
        let saved = status.save_locally(|| {
            draft.validate(me)?;
            engine.record(Operation::GiveKudos { draft })
        });
        if saved {
            message.set(String::new());
            id.set(KudosId::new());
        }
    };
    let pending = Memo::new(move |_| engine.pending_kudos());
    view! {
        <section class="panel" aria-labelledby="feed-heading">
            <h2 id="feed-heading">{move || session.texts().screens().team_feed}</h2>
            {move || match engine.kudos() {
                None => view! { <Loading/> }.into_any(),
                Some(kudos) if kudos.is_empty() && pending.with(Vec::is_empty) => view! { <p class="empty">{move || session.texts().screens().no_kudos}</p> }.into_any(),
                Some(kudos) => view! {
                    <ul class="feed" aria-label=move || session.texts().screens().team_feed>
                        {pending.get().into_iter().rev().map(|draft| {
                            let from = session.user.with_untracked(|user| user.as_ref().map(|profile| profile.display_name.clone())).unwrap_or_default();
                            view! {
                                <li class="card">
                                    <span class="card-title">{format!("{from} → {}", name_of(&draft.to_user_id))}</span>
                                    <span>{draft.message}</span>
                                    <span class="card-meta">{move || session.texts().not_synced_yet}</span>
                                </li>
                            }
                        }).collect_view()}
                        {kudos.into_iter().take(30).map(|kudos| view! {
                            <li class="card">
                                <span class="card-title">{format!("{} → {}", kudos.from_name, kudos.to_name)}</span>
                                <span>{kudos.message}</span>
                                <span class="card-meta">{move || format_date_time(locale(), kudos.created_at)}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
            <form class="form" on:submit=submit novalidate>
                <SelectField label=|t| t.screens().kudos_to name="to_user_id" value=to errors=errors options=options/>
                <TextField label=|t| t.screens().kudos_message name="message" value=message errors=errors required=true/>
                // The form stays open after sending: a button that says what it
                // does, and no way "back" from a page it never left.
                <SubmitRow status=status label=Signal::derive(move || session.texts().screens().give_kudos)/>
            </form>
        </section>
    }
}

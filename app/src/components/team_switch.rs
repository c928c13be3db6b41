//! The team choice an admin sees at the top of a team's screens (working
//! days, events, budget): a manager has one team, so they see nothing.

use crate::client::session::use_session;
use crate::domain::team_dashboard::TeamChoice;
use crate::domain::{Locale, TeamId};
use leptos::prelude::*;

/// Sets `team` to the team chosen; shown only when there is a choice.
#[component]
pub fn TeamSwitch(
    /// The select's id (one per screen).
    id: &'static str,
    /// The label in the reader's language.
    label: fn(Locale) -> &'static str,
    teams: Vec<TeamChoice>,
    /// The team shown now.
    shown: TeamId,
    team: RwSignal<Option<TeamId>>,
) -> impl IntoView {
    let session = use_session();
    if teams.len() < 2 {
        return ().into_any();
    }
    let shown = shown.to_string();
    view! {
        <div class="field report-team">
            <label for=id>{move || label(session.locale.get())}</label>
            <select id=id on:change=move |event| team.set(event_target_value(&event).parse::<TeamId>().ok())>
                {teams.into_iter().map(|choice| {
                    let selected = choice.id.to_string() == shown;
                    view! { <option value=choice.id.to_string() selected=selected>{choice.name}</option> }
                }).collect_view()}
            </select>
        </div>
    }
    .into_any()
}

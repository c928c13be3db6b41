//! The dashboard: headline numbers for the signed-in person's scope,
//! computed on the device from its synced cache (with unsynced work applied)
//! by the same rules as the server's (`domain::report::dashboard_counts`,
//! checked equal in `server/tests/dashboard_matches_device.rs`), so they
//! show instantly and offline; below them the live team figures from the
//! server (`team.rs`). Periods follow the team's calendar.

mod team;

use crate::client::engine::use_sync;
use crate::client::session::use_session;
use crate::domain::Currency;
use crate::domain::access::Actor;
use crate::domain::period::month_of;
use crate::domain::report::{DashboardCounts, DashboardScope, dashboard_counts};
use crate::i18n::{format_money, format_number};
use leptos::prelude::*;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let session = use_session();
    let engine = use_sync();
    let counts = Memo::new(move |_| {
        let profile = session.user.get()?;
        let goals = engine.goals()?;
        let now = chrono::Utc::now();
        let zone = session.zone();
        let today = zone.local_day(now);
        let month_start = zone.start_of_day(month_of(session.calendar(), today).start);
        let scope = DashboardScope::of(Actor::of(&profile).read_scope());
        engine.leads_view.with(|leads| {
            engine.activities_view.with(|activities| {
                Some(dashboard_counts(
                    leads.as_deref()?,
                    activities.as_deref()?,
                    &goals,
                    month_start,
                    today,
                    scope,
                ))
            })
        })
    });
    // The team's figures are drawn below the device's once those are
    // counted: arriving first, they would be pushed down a screen's height
    // when the counts replace the loading line (layout shift 0.42 on a
    // first visit, `./scripts/lighthouse.sh /`).
    let counted = Memo::new(move |_| counts.with(Option::is_some));
    view! {
        <h1 class="wide-page">{move || session.texts().screens().dashboard_title}</h1>
        {move || match counts.get() {
            None => view! { <crate::components::LoadingFromDevice/> }.into_any(),
            Some(counts) => view! { <Figures counts=counts/> }.into_any(),
        }}
        // In a task of its own on a first visit (`Later`).
        {move || counted.get().then(|| view! { <crate::components::Later><team::TeamSection/></crate::components::Later> })}
    }
}

#[component]
fn Figures(counts: DashboardCounts) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    // One line per currency: amounts in different currencies never add up.
    let money = move |amounts: &[(Currency, crate::domain::money::MoneySum)]| {
        let lines: Vec<String> = if amounts.is_empty() {
            vec![format_number(locale(), 0)]
        } else {
            amounts
                .iter()
                .map(|(currency, amount)| format_money(locale(), *amount, *currency))
                .collect()
        };
        lines
            .into_iter()
            .map(|line| view! { <span class="amount">{line}</span> })
            .collect_view()
    };
    let scope = counts.scope;
    let number = move |value: i64| move || format_number(locale(), value);
    let revenue = counts.revenue_won.clone();
    let pipeline = counts.pipeline_value.clone();
    view! {
        <p class="hint">{move || match scope {
            DashboardScope::Own => session.texts().screens().scope_own,
            DashboardScope::Team => session.texts().screens().scope_team,
            DashboardScope::Everything => session.texts().screens().scope_everything,
        }}</p>
        <dl class="figures">
            <div><dt>{move || session.texts().open_leads}</dt><dd>{number(counts.open_leads)}</dd></div>
            <div><dt>{move || session.texts().deals_won}</dt><dd>{number(counts.deals_won)}</dd></div>
            <div class="wide"><dt>{move || session.texts().revenue_won}</dt><dd>{move || money(&revenue)}</dd></div>
            <div class="wide"><dt>{move || session.texts().screens().pipeline_value}</dt><dd>{move || money(&pipeline)}</dd></div>
            <div><dt>{move || session.texts().screens().activities_this_month}</dt><dd>{number(counts.activities_this_month)}</dd></div>
            <div><dt>{move || session.texts().screens().calls_this_month}</dt><dd>{number(counts.calls_this_month)}</dd></div>
            <div><dt>{move || session.texts().screens().active_goals}</dt><dd>{number(counts.active_goals)}</dd></div>
        </dl>
    }
}

//! The dashboard: headline numbers for the signed-in person's scope, from
//! the server's canonical data. Later issues make it live and deepen it.

use crate::api::load_dashboard;
use crate::components::{ErrorNotice, Loading};
use crate::domain::Currency;
use crate::domain::report::{DashboardCounts, DashboardScope};
use crate::i18n::{format_money, format_number};
use crate::session::use_session;
use leptos::prelude::*;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let session = use_session();
    let counts = LocalResource::new(load_dashboard);
    view! {
        <h1>{move || session.texts().dashboard_title}</h1>
        {move || match counts.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error=error/> }.into_any(),
            Some(Ok(counts)) => view! { <Figures counts=counts/> }.into_any(),
        }}
    }
}

#[component]
fn Figures(counts: DashboardCounts) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    // One line per currency: amounts in different currencies never add up.
    let money = move |amounts: &[(Currency, i64)]| {
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
            DashboardScope::Own => session.texts().scope_own,
            DashboardScope::Team => session.texts().scope_team,
            DashboardScope::Everything => session.texts().scope_everything,
        }}</p>
        <dl class="figures">
            <div><dt>{move || session.texts().open_leads}</dt><dd>{number(counts.open_leads)}</dd></div>
            <div><dt>{move || session.texts().deals_won}</dt><dd>{number(counts.deals_won)}</dd></div>
            <div class="wide"><dt>{move || session.texts().revenue_won}</dt><dd>{move || money(&revenue)}</dd></div>
            <div class="wide"><dt>{move || session.texts().pipeline_value}</dt><dd>{move || money(&pipeline)}</dd></div>
            <div><dt>{move || session.texts().activities_this_month}</dt><dd>{number(counts.activities_this_month)}</dd></div>
            <div><dt>{move || session.texts().calls_this_month}</dt><dd>{number(counts.calls_this_month)}</dd></div>
            <div><dt>{move || session.texts().active_goals}</dt><dd>{number(counts.active_goals)}</dd></div>
        </dl>
    }
}

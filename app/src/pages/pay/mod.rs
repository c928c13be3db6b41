//! Pay: what a rep has earned so far this period (commission and bonuses,
//! computed on the device from the synced plan and their own deals, so a
//! deal won offline counts at once), the team's plan, and for managers the
//! plan form and the commission per rep (from the server) with a CSV
//! download. The team feed (kudos) closes the page. One file per part:
//! `earnings.rs`, `plan_form.rs`, `commission.rs`, `feed.rs`; this one lays
//! them out and holds the pay period and the figures' wording.

use crate::client::engine::use_sync;
use crate::client::session::use_session;
use crate::components::later::Later;
use crate::domain::compensation::rate_for_input;
use crate::domain::period::{Calendar, Period, month_of};
use crate::domain::{Currency, Goal, GoalMetric, GoalScope, Locale, UserId};
use crate::i18n::{format_money, localize_digits};
use chrono::NaiveDate;
use leptos::prelude::*;

mod commission;
mod earnings;
mod feed;
mod plan_form;
use commission::CommissionReport;
use earnings::Earnings;
use feed::TeamFeed;
use plan_form::PlanForm;

/// The pay period a person reads on `today`: their revenue goal's period
/// when one is running, else the month of their team's calendar.
pub fn pay_period(goals: &[Goal], person: UserId, calendar: Calendar, today: NaiveDate) -> Period {
    goals
        .iter()
        .find(|goal| {
            !goal.deleted
                && goal.scope == GoalScope::Rep
                && goal.subject_id == person.0
                && goal.metric == GoalMetric::RevenueWon
                && goal.period_start <= today
                && today <= goal.period_end
        })
        .map(|goal| Period {
            start: goal.period_start,
            end: goal.period_end,
        })
        .unwrap_or_else(|| month_of(calendar, today))
}

/// "600 USD to go" toward a bonus.
fn left_to_go(locale: Locale, left: crate::domain::money::MoneySum, currency: Currency) -> String {
    let left = format_money(locale, left, currency);
    match locale {
        Locale::Fa => format!("{left} مانده"),
        Locale::En => format!("{left} to go"),
    }
}

fn money_line(
    locale: Locale,
    amounts: &std::collections::BTreeMap<Currency, crate::domain::money::MoneySum>,
) -> String {
    if amounts.is_empty() {
        return format_money(
            locale,
            0,
            Currency::default_for_persian(locale == Locale::Fa),
        );
    }
    amounts
        .iter()
        .map(|(currency, amount)| format_money(locale, *amount, *currency))
        .collect::<Vec<_>>()
        .join(" + ")
}

fn percent(locale: Locale, basis_points: i64) -> String {
    let sign = if locale == Locale::Fa { "٪" } else { "%" };
    format!(
        "{}{sign}",
        localize_digits(locale, &rate_for_input(basis_points))
    )
}

#[component]
pub fn PayPage() -> impl IntoView {
    let session = use_session();
    let profile = session.user.get_untracked();
    let manages = profile.as_ref().is_some_and(|profile| profile.manages());
    let engine = use_sync();
    // The sections below the earnings wait for the device's data, so the
    // earnings filling in never pushes a form the manager is reading down.
    let loaded = move || engine.leads_view.with(Option::is_some);
    view! {
        <div class="page-head">
            <h1>{move || session.texts().screens().pay_title}</h1>
        </div>
        <Earnings/>
        // Each a task after the one before on a first visit (issue 13,
        // blocking time: the whole page was one task of 160 ms at 4x CPU, the
        // plan form and the commission report together 70 ms);
        // the mark keeps the drawn screen up until they are there.
        <Show when=loaded fallback=|| view! { <template data-pending=""></template> }>
            <Show when=move || manages>
                <Later>
                    <PlanForm/>
                </Later>
                <Later>
                    <CommissionReport/>
                </Later>
            </Show>
            <Later>
                <TeamFeed/>
            </Later>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pay_period_is_the_month_of_the_teams_calendar_without_a_revenue_goal() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default();
        let me = UserId::new();
        let english = pay_period(&[], me, Calendar::Gregorian, day);
        assert_eq!(
            (english.start.to_string(), english.end.to_string()),
            ("2026-11-01".into(), "2026-11-30".into())
        );
        // Azar 1405: 22 November to 21 December 2026.
        let persian = pay_period(&[], me, Calendar::Jalali, day);
        assert_eq!(
            (persian.start.to_string(), persian.end.to_string()),
            ("2026-11-22".into(), "2026-12-21".into())
        );
    }
}

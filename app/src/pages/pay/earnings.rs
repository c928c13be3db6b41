//! What a rep has earned so far this period, counted on the device, and
//! the team's plan in words.

use super::{left_to_go, money_line, pay_period, percent};
use crate::client::engine::use_sync;
use crate::client::session::use_session;
use crate::components::Loading;
use crate::domain::Currency;
use crate::domain::compensation::{
    CompensationPlan, earnings, plan_for_period, quota_for, team_revenue_goal, team_revenue_known,
    won_deals_in,
};
use crate::i18n::{format_date, format_money, localize_digits};
use leptos::prelude::*;

/// The signed-in person's earnings this period, from the device's cache.
#[component]
pub(super) fn Earnings() -> impl IntoView {
    let session = use_session();
    let engine = use_sync();
    let locale = move || session.locale.get();
    let standings = crate::client::standings::use_standings();
    let summary = Memo::new(move |_| {
        let profile = session.user.get()?;
        let team = profile.team_id?;
        let goals = engine.goals()?;
        let plans = engine.plans()?;
        let today = session.today();
        let period = pay_period(&goals, profile.id, session.calendar(), today);
        let plan = plan_for_period(&plans, team, period).cloned();
        let deals = engine.leads_view.with(|leads| {
            leads
                .as_deref()
                .map(|leads| won_deals_in(leads, profile.id, period, &session.zone()))
        })?;
        let quota = quota_for(&goals, profile.id, period);
        // The team's number needs teammates' deals: the server's last count,
        // or this rep's own deals when those alone are more.
        let team = team_revenue_goal(&goals, team, period).map(|goal| {
            let server_actual = standings.of(goal.id).map(|standing| standing.actual);
            let known = team_revenue_known(goal, server_actual, &deals);
            (goal.currency, goal.target, known)
        });
        let team_reached =
            team.is_some_and(|(_, target, known)| target > 0 && known >= i128::from(target));
        let earned = plan
            .as_ref()
            .map(|plan| earnings(plan, quota, &deals, team_reached));
        Some((period, plan, earned, quota, deals, team))
    });
    view! {
        <section class="panel" aria-labelledby="earned-heading">
            <h2 id="earned-heading">{move || session.texts().screens().earned_so_far}</h2>
            {move || match summary.get() {
                None => view! { <Loading/> }.into_any(),
                Some((period, None, ..)) => view! {
                    <p class="hint">{move || format!("{} – {}", format_date(locale(), period.start), format_date(locale(), period.end))}</p>
                    <p class="empty">{move || session.texts().screens().no_plan}</p>
                }.into_any(),
                Some((period, Some(plan), earned, quota, deals, team)) => {
                    let earned = earned.unwrap_or_default();
                    let total = earned.total();
                    let revenue_in_quota = quota.map(|(currency, _)| {
                        deals.iter().filter(|(code, _)| *code == currency).map(|(_, deal)| i128::from(deal.amount)).sum::<i128>()
                    });
                    view! {
                        <p class="hint">{move || format!("{} – {}", format_date(locale(), period.start), format_date(locale(), period.end))}</p>
                        <p class="big-number" data-testid="earned-total">{
                            let total = total.clone();
                            move || money_line(locale(), &total)
                        }</p>
                        <p data-testid="earned-commission">
                            {move || session.texts().screens().commission_label}": "
                            {
                                let commission = earned.commission.clone();
                                move || money_line(locale(), &commission)
                            }
                        </p>
                        {move || (engine.pending_count() > 0).then(|| view! {
                            <p class="card-meta">{move || session.texts().screens().unsynced_included}</p>
                        })}
                        <p><crate::components::EvictionCaveat/></p>
                        {earned.bonus_currency.filter(|_| plan.rep_bonus > 0).map(|currency| {
                            let to_go = match (quota, revenue_in_quota) {
                                (Some((quota_currency, target)), Some(done)) => Some((quota_currency, (i128::from(target) - done).max(0))),
                                _ => None,
                            };
                            view! { <BonusLine label=|t| t.screens().rep_bonus_label amount=plan.rep_bonus currency=currency reached=earned.rep_bonus_reached to_go=to_go/> }
                        })}
                        {earned.bonus_currency.filter(|_| plan.team_bonus > 0).map(|currency| {
                            let to_go = team.and_then(|(goal_currency, target, known)| {
                                goal_currency.map(|code| (code, (i128::from(target) - known).max(0)))
                            });
                            view! { <BonusLine label=|t| t.screens().team_bonus_label amount=plan.team_bonus currency=currency reached=earned.team_bonus_reached to_go=to_go/> }
                        })}
                        <PlanSummary plan=plan.clone()/>
                    }.into_any()
                }
            }}
        </section>
    }
}

/// One bonus and how far it is: "Team bonus …: 500 USD · 600 USD to go".
#[component]
pub(super) fn BonusLine(
    label: crate::components::fields::LabelOf,
    amount: i64,
    currency: Currency,
    reached: bool,
    /// What is left to reach it, in the goal's currency, when known.
    to_go: Option<(Currency, crate::domain::money::MoneySum)>,
) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    view! {
        <p>
            {move || label(session.texts())}": "
            {move || format_money(locale(), amount, currency)}" · "
            {move || if reached {
                session.texts().screens().bonus_reached.to_string()
            } else {
                to_go.map(|(code, left)| left_to_go(locale(), left, code)).unwrap_or_default()
            }}
        </p>
    }
}

#[component]
pub(super) fn PlanSummary(plan: CompensationPlan) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    view! {
        <details class="plan-summary">
            <summary>{move || session.texts().screens().plan_title}</summary>
            <ul>
                <li>{move || session.texts().new_customer_rate}": "{move || percent(locale(), plan.new_customer_rate)}</li>
                <li>{move || session.texts().existing_customer_rate}": "{move || percent(locale(), plan.existing_customer_rate)}</li>
                {plan.tiers.iter().map(|tier| {
                    let tier = *tier;
                    view! {
                        <li>
                            {move || session.texts().screens().tier_from}": "{move || localize_digits(locale(), &tier.from_percent_of_quota.to_string())}
                            " → "{move || percent(locale(), tier.new_customer)}" / "{move || percent(locale(), tier.existing_customer)}
                        </li>
                    }
                }).collect_view()}
                <li>{move || session.texts().effective_from}": "{move || format_date(locale(), plan.effective_from)}</li>
            </ul>
        </details>
    }
}

//! Pay: what a rep has earned so far this period (commission and bonuses,
//! computed on the device from the synced plan and their own deals, so a
//! deal won offline counts at once), the team's plan, and for managers the
//! plan form and the commission per rep (from the server) with a CSV
//! download. The team feed (kudos) closes the page.

use crate::api::{commission_report, save_plan, teammates};
use crate::client::engine::use_sync;
use crate::client::session::use_session;
use crate::components::{
    DateField, FormActions, FormStatus, Loading, SelectField, TextField, choice_options,
};
use crate::domain::compensation::{
    CommissionLine, CompensationPlan, MAX_TIERS, PlanDraft, TierDraft, commission_csv, earnings,
    plan_for_period, quota_for, rate_for_input, team_revenue_goal, team_revenue_known,
    won_deals_in,
};
use crate::domain::money::amount_for_input;
use crate::domain::period::{Calendar, Period, month_of};
use crate::domain::recognition::KudosDraft;
use crate::domain::{
    Choice, Currency, Goal, GoalMetric, GoalScope, KudosId, Locale, PlanId, TeamMember, UserId,
};
use crate::i18n::{format_date, format_date_time, format_money, localize_digits};
use crate::sync::protocol::Operation;
use chrono::NaiveDate;
use leptos::prelude::*;

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
            <h1>{move || session.texts().pay_title}</h1>
        </div>
        <Earnings/>
        <Show when=loaded>
            <Show when=move || manages>
                <PlanForm/>
                <CommissionReport/>
            </Show>
            <TeamFeed/>
        </Show>
    }
}

/// The signed-in person's earnings this period, from the device's cache.
#[component]
fn Earnings() -> impl IntoView {
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
            <h2 id="earned-heading">{move || session.texts().earned_so_far}</h2>
            {move || match summary.get() {
                None => view! { <Loading/> }.into_any(),
                Some((period, None, ..)) => view! {
                    <p class="hint">{move || format!("{} – {}", format_date(locale(), period.start), format_date(locale(), period.end))}</p>
                    <p class="empty">{move || session.texts().no_plan}</p>
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
                            {move || session.texts().commission_label}": "
                            {
                                let commission = earned.commission.clone();
                                move || money_line(locale(), &commission)
                            }
                        </p>
                        {move || (engine.pending_count() > 0).then(|| view! {
                            <p class="card-meta">{move || session.texts().unsynced_included}</p>
                        })}
                        <p><crate::components::EvictionCaveat/></p>
                        {earned.bonus_currency.filter(|_| plan.rep_bonus > 0).map(|currency| {
                            let to_go = match (quota, revenue_in_quota) {
                                (Some((quota_currency, target)), Some(done)) => Some((quota_currency, (i128::from(target) - done).max(0))),
                                _ => None,
                            };
                            view! { <BonusLine label=|t| t.rep_bonus_label amount=plan.rep_bonus currency=currency reached=earned.rep_bonus_reached to_go=to_go/> }
                        })}
                        {earned.bonus_currency.filter(|_| plan.team_bonus > 0).map(|currency| {
                            let to_go = team.and_then(|(goal_currency, target, known)| {
                                goal_currency.map(|code| (code, (i128::from(target) - known).max(0)))
                            });
                            view! { <BonusLine label=|t| t.team_bonus_label amount=plan.team_bonus currency=currency reached=earned.team_bonus_reached to_go=to_go/> }
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
fn BonusLine(
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
                session.texts().bonus_reached.to_string()
            } else {
                to_go.map(|(code, left)| left_to_go(locale(), left, code)).unwrap_or_default()
            }}
        </p>
    }
}

#[component]
fn PlanSummary(plan: CompensationPlan) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    view! {
        <details class="plan-summary">
            <summary>{move || session.texts().plan_title}</summary>
            <ul>
                <li>{move || session.texts().new_customer_rate}": "{move || percent(locale(), plan.new_customer_rate)}</li>
                <li>{move || session.texts().existing_customer_rate}": "{move || percent(locale(), plan.existing_customer_rate)}</li>
                {plan.tiers.iter().map(|tier| {
                    let tier = *tier;
                    view! {
                        <li>
                            {move || session.texts().tier_from}": "{move || localize_digits(locale(), &tier.from_percent_of_quota.to_string())}
                            " → "{move || percent(locale(), tier.new_customer)}" / "{move || percent(locale(), tier.existing_customer)}
                        </li>
                    }
                }).collect_view()}
                <li>{move || session.texts().effective_from}": "{move || format_date(locale(), plan.effective_from)}</li>
            </ul>
        </details>
    }
}

/// One tier row of the plan form.
#[derive(Clone, Copy, Default)]
struct TierInputs {
    from: RwSignal<String>,
    new_customer: RwSignal<String>,
    existing_customer: RwSignal<String>,
}

impl TierInputs {
    /// The typed tier, or `None` for a row left empty.
    fn draft(&self) -> Option<TierDraft> {
        let draft = TierDraft {
            from_percent_of_quota: self.from.get_untracked(),
            new_customer_rate: self.new_customer.get_untracked(),
            existing_customer_rate: self.existing_customer.get_untracked(),
        };
        let empty = draft.from_percent_of_quota.trim().is_empty()
            && draft.new_customer_rate.trim().is_empty()
            && draft.existing_customer_rate.trim().is_empty();
        (!empty).then_some(draft)
    }

    fn clear(&self) {
        self.from.set(String::new());
        self.new_customer.set(String::new());
        self.existing_customer.set(String::new());
    }
}

/// Field names of each tier row, as the server names their problems.
const TIER_FIELD_NAMES: [[&str; 3]; MAX_TIERS] = [
    [
        "tiers.0.from_percent_of_quota",
        "tiers.0.new_customer_rate",
        "tiers.0.existing_customer_rate",
    ],
    [
        "tiers.1.from_percent_of_quota",
        "tiers.1.new_customer_rate",
        "tiers.1.existing_customer_rate",
    ],
    [
        "tiers.2.from_percent_of_quota",
        "tiers.2.new_customer_rate",
        "tiers.2.existing_customer_rate",
    ],
    [
        "tiers.3.from_percent_of_quota",
        "tiers.3.new_customer_rate",
        "tiers.3.existing_customer_rate",
    ],
    [
        "tiers.4.from_percent_of_quota",
        "tiers.4.new_customer_rate",
        "tiers.4.existing_customer_rate",
    ],
];

/// The manager's plan form: edits the plan in force this period, or
/// starts one from the period's first day.
#[component]
fn PlanForm() -> impl IntoView {
    let session = use_session();
    let engine = use_sync();
    let locale = move || session.locale.get();
    let today = session.today();
    let profile = session.user.get_untracked();
    let team = profile.as_ref().and_then(|profile| profile.team_id);
    let period = month_of(untrack(|| session.calendar()), today);
    let id = RwSignal::new(PlanId::new());
    let effective_from = RwSignal::new(period.start.to_string());
    let effective_to = RwSignal::new(String::new());
    let new_rate = RwSignal::new(String::new());
    let existing_rate = RwSignal::new(String::new());
    let tiers: [TierInputs; MAX_TIERS] = std::array::from_fn(|_| TierInputs::default());
    // Tier rows on screen (at least one, so the first tier is one tap away).
    let tiers_shown = RwSignal::new(1usize);
    let rep_bonus = RwSignal::new(String::new());
    let team_bonus = RwSignal::new(String::new());
    let bonus_currency = RwSignal::new(
        Currency::default_for_persian(session.locale.get_untracked() == Locale::Fa)
            .as_str()
            .to_string(),
    );
    let saved = RwSignal::new(false);
    // Fill the form once from the synced plan in force, as soon as it is
    // on the device (a first sync may bring it after the form opened), but
    // never over rates the manager has started typing.
    let filled = RwSignal::new(false);
    Effect::new(move || {
        if filled.get_untracked() {
            return;
        }
        let (Some(plans), Some(team)) = (engine.plans(), team) else {
            return;
        };
        let Some(plan) = plan_for_period(&plans, team, period) else {
            return;
        };
        filled.set(true);
        let typed =
            !new_rate.get_untracked().is_empty() || !existing_rate.get_untracked().is_empty();
        if !typed {
            id.set(plan.id);
            effective_from.set(plan.effective_from.to_string());
            effective_to.set(
                plan.effective_to
                    .map(|day| day.to_string())
                    .unwrap_or_default(),
            );
            new_rate.set(rate_for_input(plan.new_customer_rate));
            existing_rate.set(rate_for_input(plan.existing_customer_rate));
            for (inputs, tier) in tiers.iter().zip(&plan.tiers) {
                inputs.from.set(tier.from_percent_of_quota.to_string());
                inputs.new_customer.set(rate_for_input(tier.new_customer));
                inputs
                    .existing_customer
                    .set(rate_for_input(tier.existing_customer));
            }
            tiers_shown.set(plan.tiers.len().clamp(1, MAX_TIERS));
            if let Some(currency) = plan.bonus_currency {
                bonus_currency.set(currency.as_str().into());
                if plan.rep_bonus > 0 {
                    rep_bonus.set(amount_for_input(plan.rep_bonus, currency));
                }
                if plan.team_bonus > 0 {
                    team_bonus.set(amount_for_input(plan.team_bonus, currency));
                }
            }
        }
    });
    let status = FormStatus::new();
    let errors = status.errors;
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        saved.set(false);
        let draft = PlanDraft {
            id: id.get_untracked(),
            effective_from: effective_from.get_untracked(),
            effective_to: effective_to.get_untracked(),
            new_customer_rate: new_rate.get_untracked(),
            existing_customer_rate: existing_rate.get_untracked(),
            tiers: tiers
                .iter()
                .take(tiers_shown.get_untracked())
                .filter_map(TierInputs::draft)
                .collect(),
            rep_bonus: rep_bonus.get_untracked(),
            team_bonus: team_bonus.get_untracked(),
            bonus_currency: bonus_currency.get_untracked(),
        };
        status.submit(save_plan(draft), move |_| {
            saved.set(true);
            engine.sync_now();
        });
    };
    view! {
        <section class="panel" aria-labelledby="plan-heading">
            <h2 id="plan-heading">{move || session.texts().plan_title}</h2>
            <form class="form" on:submit=submit novalidate>
                <TextField label=|t| t.new_customer_rate name="new_customer_rate" value=new_rate errors=errors inputmode="decimal" required=true/>
                <TextField label=|t| t.existing_customer_rate name="existing_customer_rate" value=existing_rate errors=errors inputmode="decimal" required=true/>
                {tiers.into_iter().zip(TIER_FIELD_NAMES).enumerate().map(|(index, (inputs, [from, new_customer, existing_customer]))| view! {
                    <Show when=move || index < tiers_shown.get()>
                        <fieldset class="tier">
                            <legend>{move || format!("{} {}", session.texts().tier_heading, localize_digits(locale(), &(index + 1).to_string()))}</legend>
                            <TextField label=|t| t.tier_from name=from value=inputs.from errors=errors inputmode="numeric"/>
                            <TextField label=|t| t.tier_new_rate name=new_customer value=inputs.new_customer errors=errors inputmode="decimal"/>
                            <TextField label=|t| t.tier_existing_rate name=existing_customer value=inputs.existing_customer errors=errors inputmode="decimal"/>
                            <Show when=move || 0 < index && index + 1 == tiers_shown.get()>
                                <button type="button" class="button-quiet" on:click=move |_| {
                                    inputs.clear();
                                    tiers_shown.set(index);
                                }>{move || session.texts().remove_tier}</button>
                            </Show>
                        </fieldset>
                    </Show>
                }).collect_view()}
                <Show when=move || { tiers_shown.get() < MAX_TIERS }>
                    <button type="button" class="button-quiet" on:click=move |_| tiers_shown.update(|shown| *shown = (*shown + 1).min(MAX_TIERS))>
                        {move || session.texts().add_tier}
                    </button>
                </Show>
                <TextField label=|t| t.rep_bonus_amount name="rep_bonus" value=rep_bonus errors=errors inputmode="decimal"/>
                <TextField label=|t| t.team_bonus_amount name="team_bonus" value=team_bonus errors=errors inputmode="decimal"/>
                <SelectField label=|t| t.bonus_currency name="bonus_currency" value=bonus_currency errors=errors
                    options=Signal::derive(move || choice_options::<Currency>(locale()))/>
                <DateField label=|t| t.effective_from name="effective_from" value=effective_from errors=errors required=true/>
                <DateField label=|t| t.effective_to name="effective_to" value=effective_to errors=errors/>
                {move || saved.get().then(|| view! { <p class="notice" role="status">{move || session.texts().plan_saved}</p> })}
                <FormActions status=status back_to="/pay"/>
            </form>
        </section>
    }
}

/// Commission per rep this period, from the server, with a CSV download.
#[component]
fn CommissionReport() -> impl IntoView {
    let session = use_session();
    let engine = use_sync();
    let locale = move || session.locale.get();
    let today = session.today();
    let period = month_of(untrack(|| session.calendar()), today);
    let report = LocalResource::new(move || {
        // Reload after every sync, so a rep's synced deal shows up.
        engine.last_synced_at();
        commission_report(None, period.start.to_string(), period.end.to_string())
    });
    view! {
        <section class="panel" aria-labelledby="report-heading">
            <h2 id="report-heading">{move || session.texts().commission_report}</h2>
            <p class="hint">{move || format!("{} – {}", format_date(locale(), period.start), format_date(locale(), period.end))}</p>
            {move || match report.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(_)) => view! { <p class="hint">{move || session.texts().report_needs_network}</p> }.into_any(),
                Some(Ok(lines)) => {
                    let csv = commission_csv(period, &lines);
                    let href = crate::domain::csv::data_url(&csv);
                    view! {
                        <div class="table-scroll">
                            <table class="data-table" aria-labelledby="report-heading">
                                <thead><tr>
                                    <th scope="col">{move || session.texts().rep_label}</th>
                                    <th scope="col" class="number">{move || session.texts().deals_won_label}</th>
                                    <th scope="col" class="number">{move || session.texts().revenue_label}</th>
                                    <th scope="col" class="number">{move || session.texts().commission_label}</th>
                                    <th scope="col" class="number">{move || session.texts().bonus_label}</th>
                                    <th scope="col" class="number">{move || session.texts().total_label}</th>
                                </tr></thead>
                                <tbody>
                                    {lines.into_iter().map(|line| view! { <ReportRow line=line/> }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <a class="button-quiet button-link" href=href download=format!("commission-{}-{}.csv", period.start, period.end)>
                            {move || session.texts().download_csv}
                        </a>
                    }.into_any()
                }
            }}
        </section>
    }
}

#[component]
fn ReportRow(line: CommissionLine) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let CommissionLine {
        name,
        currency,
        revenue,
        deals,
        commission,
        bonus,
        ..
    } = line;
    view! {
        <tr>
            <th scope="row">{name}</th>
            <td class="number">{move || localize_digits(locale(), &deals.to_string())}</td>
            <td class="number">{move || format_money(locale(), revenue, currency)}</td>
            <td class="number">{move || format_money(locale(), commission, currency)}</td>
            <td class="number">{move || format_money(locale(), bonus, currency)}</td>
            <td class="number">{move || format_money(locale(), commission.saturating_add(bonus), currency)}</td>
        </tr>
    }
}

/// Kudos: the team feed (synced, so it reads offline) and a form to thank
/// a teammate (online: it goes straight to the team).
#[component]
fn TeamFeed() -> impl IntoView {
    let session = use_session();
    let engine = use_sync();
    let locale = move || session.locale.get();
    let me = session.user.get_untracked().map(|profile| profile.id);
    let to = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    let id = RwSignal::new(KudosId::new());
    let status = FormStatus::new();
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
            <h2 id="feed-heading">{move || session.texts().team_feed}</h2>
            {move || match engine.kudos() {
                None => view! { <Loading/> }.into_any(),
                Some(kudos) if kudos.is_empty() && pending.with(Vec::is_empty) => view! { <p class="empty">{move || session.texts().no_kudos}</p> }.into_any(),
                Some(kudos) => view! {
                    <ul class="feed" aria-label=move || session.texts().team_feed>
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
                <SelectField label=|t| t.kudos_to name="to_user_id" value=to errors=errors options=options/>
                <TextField label=|t| t.kudos_message name="message" value=message errors=errors required=true/>
                <FormActions status=status back_to="/pay"/>
            </form>
        </section>
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

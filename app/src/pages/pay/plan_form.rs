//! The compensation plan form: commission rate, tiers and bonuses; managers only.

use crate::api::save_plan;
use crate::client::engine::use_sync;
use crate::client::session::use_session;
use crate::components::{
    DateField, FormActions, FormStatus, SelectField, TextField, choice_options,
};
use crate::domain::compensation::{
    MAX_TIERS, PlanDraft, TierDraft, plan_for_period, rate_for_input,
};
use crate::domain::money::amount_for_input;
use crate::domain::period::month_of;
use crate::domain::{Choice, Currency, Locale, PlanId};
use crate::i18n::localize_digits;
use leptos::prelude::*;

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
pub(super) fn PlanForm() -> impl IntoView {
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
            <h2 id="plan-heading">{move || session.texts().screens().plan_title}</h2>
            <form class="form" on:submit=submit novalidate>
                <TextField label=|t| t.new_customer_rate name="new_customer_rate" value=new_rate errors=errors inputmode="decimal" required=true/>
                <TextField label=|t| t.existing_customer_rate name="existing_customer_rate" value=existing_rate errors=errors inputmode="decimal" required=true/>
                {tiers.into_iter().zip(TIER_FIELD_NAMES).enumerate().map(|(index, (inputs, [from, new_customer, existing_customer]))| view! {
                    <Show when=move || index < tiers_shown.get()>
                        <fieldset class="tier">
                            <legend>{move || format!("{} {}", session.texts().screens().tier_heading, localize_digits(locale(), &(index + 1).to_string()))}</legend>
                            <TextField label=|t| t.screens().tier_from name=from value=inputs.from errors=errors inputmode="numeric"/>
                            <TextField label=|t| t.screens().tier_new_rate name=new_customer value=inputs.new_customer errors=errors inputmode="decimal"/>
                            <TextField label=|t| t.screens().tier_existing_rate name=existing_customer value=inputs.existing_customer errors=errors inputmode="decimal"/>
                            <Show when=move || 0 < index && index + 1 == tiers_shown.get()>
                                <button type="button" class="button-quiet" on:click=move |_| {
                                    inputs.clear();
                                    tiers_shown.set(index);
                                }>{move || session.texts().screens().remove_tier}</button>
                            </Show>
                        </fieldset>
                    </Show>
                }).collect_view()}
                <Show when=move || { tiers_shown.get() < MAX_TIERS }>
                    <button type="button" class="button-quiet" on:click=move |_| tiers_shown.update(|shown| *shown = (*shown + 1).min(MAX_TIERS))>
                        {move || session.texts().screens().add_tier}
                    </button>
                </Show>
                <TextField label=|t| t.screens().rep_bonus_amount name="rep_bonus" value=rep_bonus errors=errors inputmode="decimal"/>
                <TextField label=|t| t.screens().team_bonus_amount name="team_bonus" value=team_bonus errors=errors inputmode="decimal"/>
                <SelectField label=|t| t.bonus_currency name="bonus_currency" value=bonus_currency errors=errors
                    options=Signal::derive(move || choice_options::<Currency>(locale()))/>
                <DateField label=|t| t.effective_from name="effective_from" value=effective_from errors=errors required=true/>
                <DateField label=|t| t.effective_to name="effective_to" value=effective_to errors=errors/>
                {move || saved.get().then(|| view! { <p class="notice" role="status">{move || session.texts().screens().plan_saved}</p> })}
                <FormActions status=status back_to="/pay"/>
            </form>
        </section>
    }
}

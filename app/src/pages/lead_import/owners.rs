//! Who gets the leads, for an import and for sharing leads already in
//! Pishro: all to one rep, or shared among the ticked reps by a rule.

use crate::api::ImportOwners;
use crate::domain::distribution::DistributionRule;
use crate::domain::{Choice, FieldErrors, Locale, UserId};
use crate::i18n::lead_import::{ImportTexts, import_texts};
use crate::i18n::localize_digits;
use leptos::prelude::*;

/// What the owners menu and the ticked reps ask for: a rule's name shares
/// among the ticked reps, a rep's id gives everything to that rep.
pub(crate) fn owners_chosen(give: &str, ticked: Vec<UserId>) -> Option<ImportOwners> {
    match DistributionRule::parse(give) {
        Some(rule) => Some(ImportOwners::Shared { rule, reps: ticked }),
        None => give
            .parse::<UserId>()
            .ok()
            .map(|user_id| ImportOwners::Rep { user_id }),
    }
}

/// Who gets the leads: shared among the ticked reps by a rule, or all to
/// one rep. Also used to share leads already in Pishro (the leads list).
#[component]
pub(crate) fn OwnersChoice(
    reps: Vec<crate::domain::distribution::RepLoad>,
    errors: RwSignal<FieldErrors>,
    give: RwSignal<String>,
    chosen: RwSignal<Vec<UserId>>,
    locale: Locale,
) -> impl IntoView {
    let texts: &ImportTexts = import_texts(locale);
    if reps.is_empty() {
        return view! { <p class="notice">{texts.no_reps}</p> }.into_any();
    }
    let mut options: Vec<(String, String)> = [
        DistributionRule::RoundRobin,
        DistributionRule::LeastBusy,
        DistributionRule::Weighted,
    ]
    .iter()
    .map(|rule| {
        (
            rule.as_str().to_string(),
            crate::i18n::lead_import::rule_choice_label(locale, *rule).to_string(),
        )
    })
    .collect();
    options.extend(reps.iter().map(|rep| {
        (
            rep.user_id.to_string(),
            format!("{} {}", texts.all_to, rep.display_name),
        )
    }));
    let sharing = move || DistributionRule::parse(&give.get()).is_some();
    view! {
        <section aria-labelledby="who-gets">
            <h2 id="who-gets">{texts.who_gets}</h2>
            <ChoiceSelect id="import-owners" label=texts.give_to value=give on_change=|| () options=options/>
            {move || errors.with(|errors| errors.for_field("owners").map(|problem| view! {
                <p class="field-problem" role="alert">{crate::i18n::field_problem_message(locale, problem)}</p>
            }))}
            <Show when=sharing>
                <fieldset class="rep-choice">
                    <legend>{texts.share_among}</legend>
                    {reps.iter().map(|rep| {
                        let user_id = rep.user_id;
                        let id = format!("share-{user_id}");
                        let label = rep_choice_label(locale, rep);
                        view! {
                            <div class="field field-checkbox">
                                <input type="checkbox" id=id.clone()
                                    prop:checked=move || chosen.with(|chosen| chosen.contains(&user_id))
                                    on:change=move |event| {
                                        let on = event_target_checked(&event);
                                        chosen.update(|chosen| {
                                            chosen.retain(|user| *user != user_id);
                                            if on {
                                                chosen.push(user_id);
                                            }
                                        });
                                    }/>
                                <label for=id>{label}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
            </Show>
        </section>
    }
    .into_any()
}

/// A rep as the share list names them: open leads, capacity when set, and
/// whether they are away today (shared leads skip them).
fn rep_choice_label(locale: Locale, rep: &crate::domain::distribution::RepLoad) -> String {
    let texts = import_texts(locale);
    let mut label = format!(
        "{} · {} {}",
        rep.display_name,
        localize_digits(locale, &rep.open_leads.to_string()),
        texts.open_leads
    );
    if let Some(capacity) = rep.capacity {
        let people = crate::i18n::people::people_texts(locale);
        label.push_str(&format!(
            " · {} {}",
            people.capacity,
            localize_digits(locale, &capacity.to_string())
        ));
    }
    if let Some(until) = rep.away_until {
        label.push_str(" · ");
        label.push_str(&crate::i18n::people::availability_text(
            locale,
            Some(until),
            None,
        ));
    }
    label
}

/// The reps ticked at first: everyone who is in today.
pub(crate) fn present_reps(reps: &[crate::domain::distribution::RepLoad]) -> Vec<UserId> {
    reps.iter()
        .filter(|rep| rep.away_until.is_none())
        .map(|rep| rep.user_id)
        .collect()
}

/// A labelled choice list whose label is not in the main catalogue.
#[component]
pub(super) fn ChoiceSelect(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    on_change: impl Fn() + Send + Sync + 'static,
    options: Vec<(String, String)>,
) -> impl IntoView {
    let current = value.get_untracked();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id on:change=move |event| {
                value.set(event_target_value(&event));
                on_change();
            }>
                {options.into_iter().map(|(option_value, text)| {
                    let selected = current == option_value;
                    view! { <option value=option_value selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

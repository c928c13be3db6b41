//! A lead's page: its summary (name, stage, value) with quick actions and
//! what closing it pays, and the form to create or edit it, saved through the
//! outbox.

use super::timeline::LeadTimeline;
use crate::api::team_members;
use crate::client::engine::use_sync;
use crate::client::session::use_session;
use crate::components::{
    DateField, DeleteButton, ErrorNotice, FormActions, FormStatus, SelectField, TextField,
    choice_options,
};
use crate::domain::money::amount_for_input;
use crate::domain::search::possible_duplicates;
use crate::domain::{
    Choice, Currency, CustomerKind, Lead, LeadDraft, LeadId, LeadSource, LeadStage, Locale, UserId,
};
use crate::i18n::{Label, format_money};
use crate::routing::{use_navigate, use_params_map};
use crate::sync::plan::{field_changes, lead_as_draft};
use crate::sync::protocol::Operation;
use leptos::prelude::*;

/// The form's fields as signals, filled from a stored lead when editing.
#[derive(Clone, Copy)]
struct LeadForm {
    owner_id: RwSignal<String>,
    name: RwSignal<String>,
    company: RwSignal<String>,
    phone: RwSignal<String>,
    email: RwSignal<String>,
    source: RwSignal<String>,
    stage: RwSignal<String>,
    estimated_value: RwSignal<String>,
    currency: RwSignal<String>,
    customer_kind: RwSignal<String>,
    won_amount: RwSignal<String>,
    lost_reason: RwSignal<String>,
    closed_on: RwSignal<String>,
    event_id: RwSignal<String>,
}

impl LeadForm {
    fn new(locale: Locale) -> Self {
        Self {
            owner_id: RwSignal::new(String::new()),
            name: RwSignal::new(String::new()),
            company: RwSignal::new(String::new()),
            phone: RwSignal::new(String::new()),
            email: RwSignal::new(String::new()),
            source: RwSignal::new(LeadSource::Referral.as_str().into()),
            stage: RwSignal::new(LeadStage::New.as_str().into()),
            estimated_value: RwSignal::new(String::new()),
            currency: RwSignal::new(
                Currency::default_for_persian(locale == Locale::Fa)
                    .as_str()
                    .into(),
            ),
            customer_kind: RwSignal::new(CustomerKind::New.as_str().into()),
            won_amount: RwSignal::new(String::new()),
            lost_reason: RwSignal::new(String::new()),
            closed_on: RwSignal::new(String::new()),
            event_id: RwSignal::new(String::new()),
        }
    }

    fn fill(&self, lead: &Lead) {
        self.owner_id.set(lead.owner_id.to_string());
        self.name.set(lead.name.clone());
        self.company.set(lead.company.clone());
        self.phone.set(lead.phone.clone());
        self.email.set(lead.email.clone());
        self.source.set(lead.source.as_str().into());
        self.stage.set(lead.stage.as_str().into());
        self.estimated_value
            .set(amount_for_input(lead.estimated_value, lead.currency));
        self.currency.set(lead.currency.as_str().into());
        self.customer_kind.set(lead.customer_kind.as_str().into());
        self.won_amount.set(
            lead.won_amount
                .map(|amount| amount_for_input(amount, lead.currency))
                .unwrap_or_default(),
        );
        self.lost_reason.set(lead.lost_reason.clone());
        self.closed_on.set(lead_as_draft(lead).closed_on);
        self.event_id.set(
            lead.event_id
                .map(|event| event.to_string())
                .unwrap_or_default(),
        );
    }

    fn draft(&self, id: LeadId) -> LeadDraft {
        LeadDraft {
            id,
            owner_id: self.owner_id.get_untracked().parse::<UserId>().ok(),
            name: self.name.get_untracked(),
            company: self.company.get_untracked(),
            phone: self.phone.get_untracked(),
            email: self.email.get_untracked(),
            source: self.source.get_untracked(),
            stage: self.stage.get_untracked(),
            estimated_value: self.estimated_value.get_untracked(),
            currency: self.currency.get_untracked(),
            customer_kind: self.customer_kind.get_untracked(),
            won_amount: self.won_amount.get_untracked(),
            lost_reason: self.lost_reason.get_untracked(),
            closed_on: self.closed_on.get_untracked(),
            event_id: self.event_id.get_untracked(),
        }
    }
}

/// Creates a lead (`/leads/new`) or edits one (`/leads/:id`).
#[component]
pub fn LeadEditPage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let params = use_params_map();
    let existing_id = move || {
        params
            .with(|params| params.get("id"))
            .and_then(|id| id.parse::<LeadId>().ok())
    };
    let manages = session
        .user
        .get_untracked()
        .is_some_and(|profile| profile.manages());
    let form = LeadForm::new(session.locale.get_untracked());
    let status = FormStatus::on_device();
    let errors = status.errors;
    let engine = use_sync();
    // A new lead gets its final id now, so a retried save cannot duplicate it.
    let new_id = LeadId::new();
    // The lead as the form loaded it: an edit sends only the fields changed
    // since, with these as the base values (so edits elsewhere survive).
    let seen = StoredValue::new(None::<LeadDraft>);
    // A lead opens as its summary; "Edit" opens the form (a new lead is
    // the form). Closed, the form keeps what was typed in it.
    let editing = RwSignal::new(existing_id().is_none());

    let found = Memo::new(move |_| {
        let id = existing_id()?;
        engine.leads()?.into_iter().find(|lead| lead.id == id)
    });
    Effect::new(move || {
        if let Some(lead) = found.get()
            && seen.with_value(Option::is_none)
        {
            form.fill(&lead);
            seen.set_value(Some(lead_as_draft(&lead)));
        }
    });
    let missing = move || existing_id().is_some() && engine.ready() && found.with(Option::is_none);
    // The team and the events are asked for a task after the form is drawn
    // on a first visit (starting the two requests took 20 ms of its task at
    // 4x CPU).
    let members = LocalResource::new(move || async move {
        crate::components::later::a_task_later_while_drawn().await;
        if manages {
            team_members().await.ok()
        } else {
            None
        }
    });
    // Offline, the owners already seen on cached leads stand in for the team list.
    let owner_options = Signal::derive(move || {
        if let Some(members) = members.get().flatten() {
            return members
                .into_iter()
                .map(|member| (member.id.to_string(), member.display_name))
                .collect::<Vec<_>>();
        }
        let mut owners: Vec<(String, String)> = engine
            .leads()
            .unwrap_or_default()
            .into_iter()
            .map(|lead| (lead.owner_id.to_string(), lead.owner_name))
            .collect();
        if let Some(profile) = session.user.get() {
            owners.push((profile.id.to_string(), profile.display_name));
        }
        crate::domain::sorting::sort(&mut owners);
        owners.dedup_by(|a, b| a.0 == b.0);
        owners
    });

    // The team's events, kept on the device by the sync engine: the form
    // offers them offline; a fresh list replaces them when online.
    let stored_events = move || {
        session
            .user
            .get_untracked()
            .map(|profile| crate::client::storage::keys::event_choices(&profile.id.to_string()))
    };
    let events = LocalResource::new(move || async move {
        crate::components::later::a_task_later_while_drawn().await;
        let key = stored_events();
        crate::client::storage::remember_or_recall(
            key.as_deref(),
            crate::api::events::event_choices().await,
        )
        .map(|(choices, _)| choices)
        .unwrap_or_default()
    });
    let event_options = Signal::derive(move || {
        let mut options = vec![(
            String::new(),
            session.texts().screens().no_event_chosen.to_string(),
        )];
        options.extend(events.get().unwrap_or_default().into_iter().map(|event| {
            (
                event.id.to_string(),
                format!(
                    "{} · {}",
                    event.name,
                    crate::i18n::format_date(session.locale.get(), event.starts_on)
                ),
            )
        }));
        options
    });
    let from_event = move || form.source.get() == LeadSource::Event.as_str();
    // An event names the lead's source: another source lets it go.
    Effect::new(move || {
        if !from_event() && !form.event_id.get_untracked().is_empty() {
            form.event_id.set(String::new());
        }
    });

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let id = existing_id().unwrap_or(new_id);
        let draft = form.draft(id);
        let saved = status.save_locally(|| {
            draft.validate()?;
            let operation = match seen.get_value() {
                None => Operation::CreateLead {
                    draft: draft.clone(),
                },
                Some(seen) => {
                    let changes = field_changes(&seen, &draft);
                    if changes.is_empty() {
                        return Ok(());
                    }
                    Operation::UpdateLead { id, changes }
                }
            };
            engine.record(operation)
        });
        if saved {
            seen.set_value(Some(draft));
            editing.set(false);
            navigate(&format!("/leads/{id}"), Default::default());
        }
    };

    let locale = move || session.locale.get();
    let is_won = move || form.stage.get() == LeadStage::Won.as_str();
    let is_lost = move || form.stage.get() == LeadStage::Lost.as_str();
    view! {
        <div class="lead-head">
            <h1>{move || match (existing_id(), found.get()) {
                (None, _) => session.texts().new_lead.to_string(),
                (Some(_), Some(lead)) => lead.name,
                (Some(_), None) => session.texts().screens().edit_lead.to_string(),
            }}</h1>
            {move || found.get().map(|lead| view! {
                <p class="lead-summary">
                    <span class=format!("stage stage-{}", lead.stage.as_str())>{lead.stage.label(locale())}</span>
                    <span class="lead-value">{format_money(locale(), lead.estimated_value, lead.currency)}</span>
                    {(!lead.company.is_empty()).then(|| view! { <span class="card-sub">{lead.company.clone()}</span> })}
                </p>
                <button type="button" class="button-quiet lead-edit" aria-controls="lead-form"
                    aria-expanded=move || editing.get().to_string() on:click=move |_| editing.update(|open| *open = !*open)>
                    {move || session.texts().screens().edit}
                </button>
            })}
        </div>
        {move || missing().then(|| view! { <ErrorNotice error=crate::error::AppError::NotFound/> })}
        {move || existing_id().filter(|id| engine.lead_is_pending(*id)).map(|_| view! {
            <p class="badge-pending" role="status">{move || session.texts().not_synced_yet}</p>
        })}
        {move || found.get().map(|lead| view! { <QuickActions lead=lead/> })}
        {move || found.get().map(|lead| view! { <ClosingPays lead=lead/> })}
        {move || found.get().map(|lead| view! { <super::merge::MergeDuplicates lead=lead/> })}
        <div class="lead-layout">
        <form id="lead-form" class="form" on:submit=submit novalidate hidden=move || !editing.get()>
            <TextField label=|t| t.name name="name" value=form.name errors=errors required=true autocomplete="name"/>
            <TextField label=|t| t.company name="company" value=form.company errors=errors autocomplete="organization"/>
            <TextField label=|t| t.phone name="phone" value=form.phone errors=errors input_type="tel" autocomplete="tel"/>
            <TextField label=|t| t.email name="email" value=form.email errors=errors input_type="email" autocomplete="email"/>
            // Same phone or e-mail as a lead on this device: offer that one.
            {move || {
                let id = existing_id().unwrap_or(new_id);
                let (phone, email) = (form.phone.get(), form.email.get());
                let matches: Vec<(LeadId, String)> = engine.leads_view.with(|leads| {
                    leads
                        .as_deref()
                        .map(|leads| {
                            possible_duplicates(leads, &phone, &email, id)
                                .into_iter()
                                .take(3)
                                .map(|lead| (lead.id, lead.name.clone()))
                                .collect()
                        })
                        .unwrap_or_default()
                });
                (!matches.is_empty()).then(|| view! {
                    <p class="notice notice-conflict" role="status">
                        {move || session.texts().screens().possible_duplicate}" "
                        {matches.into_iter().map(|(id, name)| view! {
                            <a href=format!("/leads/{id}")>{name}</a>" "
                        }).collect_view()}
                    </p>
                })
            }}
            // The rest of the form a task later on a first visit (issue 13:
            // with it, the page held a slow phone's main thread too long).
            <crate::components::later::Later>
                <SelectField label=|t| t.source name="source" value=form.source errors=errors
                    options=Signal::derive(move || choice_options::<LeadSource>(locale()))/>
                <Show when=from_event>
                    <SelectField label=|t| t.screens().lead_event name="event_id" value=form.event_id errors=errors options=event_options/>
                </Show>
                <SelectField label=|t| t.stage name="stage" value=form.stage errors=errors
                    options=Signal::derive(move || choice_options::<LeadStage>(locale()))/>
                <TextField label=|t| t.estimated_value name="estimated_value" value=form.estimated_value errors=errors inputmode="decimal"/>
                <SelectField label=|t| t.currency name="currency" value=form.currency errors=errors
                    options=Signal::derive(move || choice_options::<Currency>(locale()))/>
                <SelectField label=|t| t.customer name="customer_kind" value=form.customer_kind errors=errors
                    options=Signal::derive(move || choice_options::<CustomerKind>(locale()))/>
                <Show when=is_won>
                    <TextField label=|t| t.won_amount name="won_amount" value=form.won_amount errors=errors inputmode="decimal"/>
                </Show>
                <Show when=is_lost>
                    <TextField label=|t| t.lost_reason name="lost_reason" value=form.lost_reason errors=errors/>
                </Show>
                <Show when=move || is_won() || is_lost()>
                    <DateField label=|t| t.closed_on name="closed_on" value=form.closed_on errors=errors/>
                </Show>
                <Show when=move || manages>
                    <SelectField label=|t| t.owner name="owner_id" value=form.owner_id errors=errors options=owner_options/>
                </Show>
                <FormActions status=status back_to="/leads">
                        {move || existing_id().map(|id| view! {
                            <DeleteButton delete=move || {
                                let outcome = engine.record(Operation::DeleteLead { id });
                                async move { outcome }
                            } back_to="/leads"/>
                        })}
                </FormActions>
            </crate::components::later::Later>
        </form>
        {move || existing_id().map(|lead_id| view! { <LeadTimeline lead_id=lead_id/> })}
        </div>
    }
}

/// The lead's number as a link a phone dials (`tel:`, digits only).
#[component]
pub(crate) fn CallLink(phone: String) -> impl IntoView {
    let session = use_session();
    let dial: String = crate::domain::validation::normalize_digits(&phone)
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    view! {
        <a class="button-primary button-link" href=format!("tel:{dial}")>
            {move || session.texts().screens().call_number}" "<bdi>{phone}</bdi>
        </a>
    }
}

/// What a rep does next with a lead, one tap each: call the number (a
/// `tel:` link a phone dials), or log a call, meeting, e-mail, task or note
/// with the lead and the kind already chosen.
#[component]
fn QuickActions(lead: Lead) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let phone = lead.phone.clone();
    let id = lead.id;
    view! {
        <nav class="quick-actions" aria-label=move || session.texts().screens().quick_log>
            {(!phone.trim().is_empty()).then(|| view! { <CallLink phone=phone.clone()/> })}
            {crate::domain::ActivityKind::ALL.iter().copied().map(|kind| view! {
                <a class="button-quiet button-link" href=format!("/activities/new?lead={id}&kind={}", kind.as_str())>
                    {move || crate::i18n::log_kind_label(locale(), kind)}
                </a>
            }).collect_view()}
        </nav>
    }
}

/// "Closing this at its estimated value pays X": what winning this open
/// lead would add to its owner's commission this period, under the team's
/// plan and the owner's quota, from the device's cache.
#[component]
fn ClosingPays(lead: Lead) -> impl IntoView {
    use crate::domain::compensation::{
        WonDeal, payout_if_won, plan_for_period, quota_for, won_deals_in,
    };
    let session = use_session();
    let engine = crate::client::engine::use_sync();
    let payout = move || {
        if lead.stage.is_closed() || lead.estimated_value <= 0 {
            return None;
        }
        let profile = session.user.get()?;
        let team = profile.team_id?;
        let goals = engine.goals()?;
        let plans = engine.plans()?;
        let today = session.today();
        let period =
            crate::pages::pay::pay_period(&goals, lead.owner_id, session.calendar(), today);
        let plan = plan_for_period(&plans, team, period)?;
        let won = engine.leads_view.with(|leads| {
            leads
                .as_deref()
                .map(|leads| won_deals_in(leads, lead.owner_id, period, &session.zone()))
        })?;
        let pays = payout_if_won(
            &plan.plan(),
            quota_for(&goals, lead.owner_id, period),
            &won,
            lead.currency,
            WonDeal {
                amount: lead.estimated_value,
                customer: lead.customer_kind,
            },
        );
        let locale = session.locale.get();
        let value = format_money(locale, lead.estimated_value, lead.currency);
        let pays = format_money(locale, pays, lead.currency);
        Some(match locale {
            Locale::En => format!("Closing this at {value} pays {pays}"),
            Locale::Fa => format!("بستن این معامله با {value}، {pays} پورسانت دارد"),
        })
    };
    move || {
        payout()
            .map(|text| view! { <p class="notice payout" data-testid="closing-pays">{text}</p> })
    }
}

//! Leads: the list, and the page to create or edit one (with its activities).

use crate::api::{delete_lead, get_lead, list_activities, list_leads, save_lead, team_members};
use crate::components::{
    DeleteButton, ErrorNotice, FormActions, FormStatus, Loading, SelectField, TextField,
    choice_options,
};
use crate::domain::money::amount_for_input;
use crate::domain::{
    Choice, Currency, CustomerKind, Lead, LeadDraft, LeadId, LeadSource, LeadStage, Locale, UserId,
};
use crate::i18n::{Label, format_date, format_date_time, format_money};
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn LeadsPage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let leads = LocalResource::new(list_leads);
    let show_owner = session
        .user
        .get_untracked()
        .is_some_and(|profile| profile.manages());
    view! {
        <div class="page-head">
            <h1>{move || session.texts().leads_title}</h1>
            <button type="button" class="button-primary" on:click=move |_| navigate("/leads/new", Default::default())>
                {move || session.texts().new_lead}
            </button>
        </div>
        {move || match leads.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error=error/> }.into_any(),
            Some(Ok(leads)) if leads.is_empty() => view! { <p class="empty">{move || session.texts().no_leads}</p> }.into_any(),
            Some(Ok(leads)) => view! {
                <ul class="cards" aria-label=move || session.texts().leads_title>
                    {leads.into_iter().map(|lead| view! { <LeadCard lead=lead show_owner=show_owner locale=session.locale.get()/> }).collect_view()}
                </ul>
            }.into_any(),
        }}
    }
}

#[component]
fn LeadCard(lead: Lead, show_owner: bool, locale: Locale) -> impl IntoView {
    // Plain text, not reactive: the list re-renders when the language changes,
    // which keeps a long list cheap to build on a slow phone.
    let texts = crate::i18n::texts(locale);
    let updated = lead.updated_at.date_naive();
    view! {
        <li class="card">
            <a class="card-title" href=format!("/leads/{}", lead.id)>{lead.name}</a>
            <span class="card-sub">{lead.company}</span>
            <span class=format!("stage stage-{}", lead.stage.as_str())>{lead.stage.label(locale)}</span>
            <span class="card-value">{format_money(locale, lead.estimated_value, lead.currency)}</span>
            {show_owner.then(|| view! { <span class="card-meta">{texts.owner}": "{lead.owner_name}</span> })}
            <span class="card-meta">
                {texts.updated}": "<time datetime=updated.to_string()>{format_date(locale, updated)}</time>
            </span>
        </li>
    }
}

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
    let status = FormStatus::new();
    let errors = status.errors;
    let saved_id = RwSignal::new(existing_id());
    // A new lead gets its final id now, so a retried save cannot duplicate it.
    let new_id = LeadId::new();

    let loaded = LocalResource::new(move || async move {
        match existing_id() {
            Some(id) => get_lead(id).await.map(Some),
            None => Ok(None),
        }
    });
    Effect::new(move || {
        if let Some(Ok(Some(lead))) = loaded.get() {
            form.fill(&lead);
        }
    });
    let members = LocalResource::new(move || async move {
        if manages {
            team_members().await.ok()
        } else {
            None
        }
    });
    let owner_options = Signal::derive(move || {
        members
            .get()
            .flatten()
            .unwrap_or_default()
            .into_iter()
            .map(|member| (member.id.to_string(), member.display_name))
            .collect::<Vec<_>>()
    });

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let id = existing_id().unwrap_or(new_id);
        let draft = form.draft(id);
        let navigate = navigate.clone();
        status.submit(save_lead(draft), move |lead| {
            saved_id.set(Some(lead.id));
            form.fill(&lead);
            navigate(&format!("/leads/{}", lead.id), Default::default());
        });
    };

    let locale = move || session.locale.get();
    let is_won = move || form.stage.get() == LeadStage::Won.as_str();
    let is_lost = move || form.stage.get() == LeadStage::Lost.as_str();
    view! {
        <h1>{move || if existing_id().is_some() { session.texts().edit_lead } else { session.texts().new_lead }}</h1>
        {move || match loaded.get() {
            Some(Err(error)) => Some(view! { <ErrorNotice error=error/> }),
            _ => None,
        }}
        <form class="form" on:submit=submit novalidate>
            <TextField label=|t| t.name name="name" value=form.name errors=errors required=true autocomplete="name"/>
            <TextField label=|t| t.company name="company" value=form.company errors=errors autocomplete="organization"/>
            <TextField label=|t| t.phone name="phone" value=form.phone errors=errors input_type="tel" autocomplete="tel"/>
            <TextField label=|t| t.email name="email" value=form.email errors=errors input_type="email" autocomplete="email"/>
            <SelectField label=|t| t.source name="source" value=form.source errors=errors
                options=Signal::derive(move || choice_options::<LeadSource>(locale()))/>
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
            <Show when=move || manages>
                <SelectField label=|t| t.owner name="owner_id" value=form.owner_id errors=errors options=owner_options/>
            </Show>
            <FormActions status=status back_to="/leads">
                    {move || existing_id().map(|id| view! { <DeleteButton delete=move || delete_lead(id) back_to="/leads"/> })}
            </FormActions>
        </form>
        {move || saved_id.get().map(|lead_id| view! { <LeadActivities lead_id=lead_id/> })}
    }
}

/// The activities logged on one lead, with a button to log another.
#[component]
fn LeadActivities(lead_id: LeadId) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let activities = LocalResource::new(move || list_activities(Some(lead_id)));
    let locale = move || session.locale.get();
    view! {
        <section class="related" aria-labelledby="lead-activities">
            <div class="page-head">
                <h2 id="lead-activities">{move || session.texts().activities_of_lead}</h2>
                <button type="button" class="button-primary"
                    on:click=move |_| navigate(&format!("/activities/new?lead={lead_id}"), Default::default())>
                    {move || session.texts().log_activity}
                </button>
            </div>
            {move || match activities.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(error)) => view! { <ErrorNotice error=error/> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="empty">{move || session.texts().no_activities}</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <ul class="timeline">
                        {list.into_iter().map(|activity| {
                            let kind = activity.kind;
                            let outcome = activity.outcome;
                            let when = activity.when();
                            let details = move || {
                                let mut parts = Vec::new();
                                if let Some(outcome) = outcome {
                                    parts.push(outcome.label(locale()).to_string());
                                }
                                if let Some(when) = when {
                                    parts.push(format_date_time(locale(), when));
                                }
                                parts.join(" · ")
                            };
                            view! {
                                <li>
                                    <a href=format!("/activities/{}", activity.id)>{move || kind.label(locale())}</a>
                                    " "<span class="card-meta">{details}</span>
                                    <p class="card-sub">{activity.notes.clone()}</p>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </section>
    }
}

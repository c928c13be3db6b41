//! Manager's records: budgets, staff, training and other notes.

use crate::api::{delete_record, get_record, list_records, save_record};
use crate::client::session::use_session;
use crate::components::{
    DateField, DeleteButton, ErrorNotice, FormActions, FormStatus, Loading, SelectField,
    TextAreaField, TextField, choice_options,
};
use crate::domain::money::amount_for_input;
use crate::domain::record::{RecordFilter, tags_in_use};
use crate::domain::{Choice, Currency, Locale, ManagerRecord, RecordDraft, RecordId, RecordKind};
use crate::i18n::{Label, format_date, format_money};
use crate::routing::{use_navigate, use_params_map};
use leptos::prelude::*;

#[component]
pub fn RecordsPage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let manages = session
        .user
        .get_untracked()
        .is_some_and(|profile| profile.manages());
    let records = LocalResource::new(move || async move {
        if manages {
            Some(list_records().await)
        } else {
            None
        }
    });
    // A first visit drawn by the server came with the list: shown at once
    // (the server draws it too), until the device's own ask answers.
    // A memo: the same list arriving is not drawn again.
    let drawn = crate::first_screen::drawn_records();
    let records = Memo::new(move |_| {
        records
            .get()
            .or_else(|| drawn.clone().map(|records| Some(Ok(records))))
    });
    // Kept outside the list, so a filter survives the list being drawn again.
    let filter = RecordFilterFields::new();
    view! {
        <div class="page-head">
            <h1>{move || session.texts().screens().records_title}</h1>
            <Show when=move || manages>
                <a class="button-quiet" href="/budgets">{move || crate::i18n::budgets::budget_texts(session.locale.get()).title}</a>
                <a class="button-quiet" href="/training">{move || crate::i18n::training::training_texts(session.locale.get()).open}</a>
                <a class="button-quiet" href="/audit">{move || crate::i18n::audit::audit_texts(session.locale.get()).open}</a>
                <button type="button" class="button-primary" on:click={
                    let navigate = navigate.clone();
                    move |_| navigate("/records/new", Default::default())
                }>
                    {move || session.texts().screens().new_record}
                </button>
            </Show>
        </div>
        {move || match records.get() {
            None => view! { <Loading/> }.into_any(),
            Some(None) => view! { <p class="hint">{move || session.texts().screens().records_for_managers}</p> }.into_any(),
            Some(Some(Err(error))) => view! { <ErrorNotice error=error/> }.into_any(),
            Some(Some(Ok(records))) if records.is_empty() => view! { <p class="empty">{move || session.texts().screens().no_records}</p> }.into_any(),
            Some(Some(Ok(records))) => view! { <FilteredRecords records=records filter=filter/> }.into_any(),
        }}
    }
}

/// The filter's fields as typed.
#[derive(Clone, Copy)]
struct RecordFilterFields {
    kind: RwSignal<String>,
    from: RwSignal<String>,
    to: RwSignal<String>,
    tag: RwSignal<String>,
    errors: RwSignal<crate::domain::FieldErrors>,
}

impl RecordFilterFields {
    fn new() -> Self {
        Self {
            kind: RwSignal::new(String::new()),
            from: RwSignal::new(String::new()),
            to: RwSignal::new(String::new()),
            tag: RwSignal::new(String::new()),
            errors: RwSignal::new(crate::domain::FieldErrors::default()),
        }
    }

    /// What the fields say; a day not (yet) readable narrows nothing.
    fn filter(&self) -> RecordFilter {
        let day = |text: String| crate::domain::validation::required_date(&text).ok();
        RecordFilter {
            kind: RecordKind::parse(&self.kind.get()),
            from: day(self.from.get()),
            to: day(self.to.get()),
            tag: Some(self.tag.get()).filter(|tag| !tag.is_empty()),
        }
    }
}

/// The records with a filter by kind, period and tag above them.
#[component]
fn FilteredRecords(records: Vec<ManagerRecord>, filter: RecordFilterFields) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let tag_options = {
        let tags = tags_in_use(&records);
        Signal::derive(move || {
            let mut options = vec![(String::new(), session.texts().screens().any_tag.to_string())];
            options.extend(tags.iter().map(|tag| (tag.clone(), tag.clone())));
            options
        })
    };
    let kind_options = Signal::derive(move || {
        let mut options = vec![(
            String::new(),
            session.texts().screens().any_kind.to_string(),
        )];
        options.extend(choice_options::<RecordKind>(locale()));
        options
    });
    let shown = Memo::new(move |_| {
        let wanted = filter.filter();
        records
            .iter()
            .filter(|record| wanted.matches(record))
            .cloned()
            .collect::<Vec<_>>()
    });
    view! {
        <div class="filters" role="search" aria-label=move || session.texts().screens().filter_records>
            <SelectField label=|t| t.screens().record_kind name="filter_kind" value=filter.kind errors=filter.errors options=kind_options/>
            <DateField label=|t| t.screens().filter_from name="filter_from" value=filter.from errors=filter.errors/>
            <DateField label=|t| t.screens().filter_to name="filter_to" value=filter.to errors=filter.errors/>
            <SelectField label=|t| t.screens().record_tag name="filter_tag" value=filter.tag errors=filter.errors options=tag_options/>
        </div>
        <p class="hint" role="status">{move || format!("{} {}", crate::i18n::localize_digits(locale(), &shown.with(Vec::len).to_string()), session.texts().screens().leads_shown)}</p>
        {move || if shown.with(Vec::is_empty) {
            view! { <p class="empty">{move || session.texts().screens().no_records_match}</p> }.into_any()
        } else {
            view! {
                <ul class="cards" aria-label=move || session.texts().screens().records_title>
                    {shown.get().into_iter().map(|record| view! { <RecordCard record=record/> }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

#[component]
fn RecordCard(record: ManagerRecord) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let ManagerRecord {
        id,
        kind,
        title,
        amount,
        currency,
        period_start,
        period_end,
        body,
        tags,
        ..
    } = record;
    view! {
        <li class="card">
            <a class="card-title" href=format!("/records/{id}")>{title}</a>
            <span class="card-sub">{move || kind.label(locale())}</span>
            {move || amount.zip(currency).map(|(amount, currency)| view! {
                <span class="card-value">{format_money(locale(), amount, currency)}</span>
            })}
            {move || period_start.zip(period_end).map(|(start, end)| view! {
                <span class="card-meta">{format_date(locale(), start)}" – "{format_date(locale(), end)}</span>
            })}
            <p class="card-notes">{body}</p>
            {(!tags.is_empty()).then(|| view! {
                <ul class="tags" aria-label=move || crate::i18n::audit::field_label(locale(), "tags")>
                    {tags.into_iter().map(|tag| view! { <li class="tag">{tag}</li> }).collect_view()}
                </ul>
            })}
        </li>
    }
}

/// Creates (`/records/new`) or edits (`/records/:id`) a record.
#[component]
pub fn RecordEditPage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let params = use_params_map();
    let existing_id = move || {
        params
            .with(|params| params.get("id"))
            .and_then(|id| id.parse::<RecordId>().ok())
    };
    let new_id = RecordId::new();
    let kind = RwSignal::new(RecordKind::Budget.as_str().to_string());
    let title = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let currency = RwSignal::new(
        Currency::default_for_persian(session.locale.get_untracked() == Locale::Fa)
            .as_str()
            .to_string(),
    );
    let period_start = RwSignal::new(String::new());
    let period_end = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let person = RwSignal::new(String::new());
    let tags = RwSignal::new(String::new());
    let members = LocalResource::new(crate::api::team_members);
    let person_options = Signal::derive(move || {
        let mut options = vec![(
            String::new(),
            session.texts().screens().whole_team.to_string(),
        )];
        if let Some(Ok(members)) = members.get() {
            options.extend(
                members
                    .into_iter()
                    .map(|member| (member.id.to_string(), member.display_name)),
            );
        }
        options
    });
    let status = FormStatus::new();
    let errors = status.errors;

    let loaded = LocalResource::new(move || async move {
        match existing_id() {
            Some(id) => get_record(id).await.map(Some),
            None => Ok(None),
        }
    });
    Effect::new(move || {
        if let Some(Ok(Some(record))) = loaded.get() {
            kind.set(record.kind.as_str().into());
            title.set(record.title.clone());
            if let (Some(value), Some(record_currency)) = (record.amount, record.currency) {
                amount.set(amount_for_input(value, record_currency));
                currency.set(record_currency.as_str().into());
            }
            period_start.set(
                record
                    .period_start
                    .map(|date| date.to_string())
                    .unwrap_or_default(),
            );
            period_end.set(
                record
                    .period_end
                    .map(|date| date.to_string())
                    .unwrap_or_default(),
            );
            body.set(record.body.clone());
            person.set(
                record
                    .person_id
                    .map(|id| id.to_string())
                    .unwrap_or_default(),
            );
            tags.set(record.tags.join(", "));
        }
    });
    let locale = move || session.locale.get();

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let draft = RecordDraft {
            id: existing_id().unwrap_or(new_id),
            kind: kind.get_untracked(),
            title: title.get_untracked(),
            amount: amount.get_untracked(),
            currency: currency.get_untracked(),
            period_start: period_start.get_untracked(),
            period_end: period_end.get_untracked(),
            body: body.get_untracked(),
            person_id: person.get_untracked(),
            tags: tags.get_untracked(),
        };
        let navigate = navigate.clone();
        status.submit(save_record(draft), move |_| {
            navigate("/records", Default::default())
        });
    };

    view! {
        <h1>{move || if existing_id().is_some() { session.texts().screens().edit_record } else { session.texts().screens().new_record }}</h1>
        {move || match loaded.get() {
            Some(Err(error)) => Some(view! { <ErrorNotice error=error/> }),
            _ => None,
        }}
        // Inert until the edited record has loaded, so the fill never
        // overwrites anything typed.
        <form class="form" on:submit=submit novalidate inert=move || existing_id().is_some() && loaded.get().is_none()>
            <SelectField label=|t| t.screens().record_kind name="kind" value=kind errors=errors
                options=Signal::derive(move || choice_options::<RecordKind>(locale()))/>
            <TextField label=|t| t.title name="title" value=title errors=errors required=true/>
            <SelectField label=|t| t.screens().record_person name="person_id" value=person errors=errors options=person_options/>
            <TextField label=|t| t.amount name="amount" value=amount errors=errors inputmode="decimal"/>
            <SelectField label=|t| t.currency name="currency" value=currency errors=errors
                options=Signal::derive(move || choice_options::<Currency>(locale()))/>
            <DateField label=|t| t.period_start name="period_start" value=period_start errors=errors/>
            <DateField label=|t| t.period_end name="period_end" value=period_end errors=errors/>
            <TextField label=|t| t.screens().record_tags name="tags" value=tags errors=errors/>
            <TextAreaField label=|t| t.screens().details name="body" value=body errors=errors/>
            <FormActions status=status back_to="/records">
                    {move || existing_id().map(|id| view! { <DeleteButton delete=move || delete_record(id) back_to="/records"/> })}
            </FormActions>
        </form>
        {move || existing_id().map(|id| view! {
            <crate::pages::audit::ItemHistory subject=crate::domain::audit::AuditSubject::Record id=id.to_string()/>
        })}
    }
}

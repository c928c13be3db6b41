//! The leads list: search, filters, order, pages of cards; read from the
//! device's cache, so it works the same with no network.

use crate::client::engine::use_sync;
use crate::client::session::use_session;
use crate::components::{Later, SelectField, ShowMore, choice_options};
use crate::domain::search::{LeadFilter, LeadOrder, LeadRow, lead_list};
use crate::domain::{Choice, CustomerKind, LeadSource, LeadStage, Locale};
use crate::i18n::{Label, format_date, format_date_time, format_money};
use crate::routing::use_navigate;
use leptos::prelude::*;

/// How many lead cards are built at a time.
const LIST_PAGE: usize = 50;
/// The cards drawn with the screen; the rest of a page follow a task later
/// on a first visit (`Later`), a phone's screen holds fewer.
const FIRST_CARDS: usize = 10;

/// The leads screen: instant search (any script of Persian or Arabic
/// letters and digits), filters and orders, all over the device's cache.
#[component]
pub fn LeadsPage() -> impl IntoView {
    let session = use_session();
    let engine = use_sync();
    let navigate = use_navigate();
    let query = RwSignal::new(String::new());
    let stage = RwSignal::new(String::new());
    let source = RwSignal::new(String::new());
    let customer_kind = RwSignal::new(String::new());
    let order = RwSignal::new(LeadOrder::default().as_str().to_string());
    let no_errors = RwSignal::new(crate::domain::FieldErrors::default());
    // The views change with syncs and saves; a keystroke only re-filters.
    let (leads, activities) = (engine.leads_view, engine.activities_view);
    let rows = Memo::new(move |_| {
        let filter = LeadFilter {
            query: query.get(),
            stage: LeadStage::parse(&stage.get()),
            source: LeadSource::parse(&source.get()),
            customer_kind: CustomerKind::parse(&customer_kind.get()),
        };
        let order = LeadOrder::parse(&order.get()).unwrap_or_default();
        leads.with(|leads| {
            let leads = leads.as_ref()?;
            let rows = activities.with(|activities| {
                lead_list(
                    leads,
                    activities.as_deref().unwrap_or_default(),
                    &filter,
                    order,
                )
            });
            Some((leads.len(), rows))
        })
    });
    // A long list is shown a page at a time: building thousands of cards
    // at once would freeze a phone (see BENCHMARKS.md).
    let shown = RwSignal::new(LIST_PAGE);
    Effect::new(move || {
        query.track();
        stage.track();
        source.track();
        customer_kind.track();
        order.track();
        shown.set(LIST_PAGE);
    });
    let show_owner = session
        .user
        .get_untracked()
        .is_some_and(|profile| profile.manages());
    // Managers share the open leads the filter shows, or one owner's.
    let sharing = RwSignal::new(false);
    let shown_open = Signal::derive(move || {
        rows.with(|rows| {
            rows.as_ref()
                .map(|(_, rows)| {
                    rows.iter()
                        .filter(|row| !row.lead.stage.is_closed())
                        .map(|row| row.lead.id)
                        .collect()
                })
                .unwrap_or_default()
        })
    });
    let open_owners = Signal::derive(move || {
        leads.with(|leads| {
            let mut owners: Vec<super::share::OwnerLeads> = Vec::new();
            for lead in leads.as_deref().unwrap_or_default() {
                if lead.deleted || lead.stage.is_closed() {
                    continue;
                }
                match owners
                    .iter_mut()
                    .find(|owner| owner.user_id == lead.owner_id)
                {
                    Some(owner) => owner.open += 1,
                    None => owners.push(super::share::OwnerLeads {
                        user_id: lead.owner_id,
                        name: lead.owner_name.clone(),
                        open: 1,
                    }),
                }
            }
            crate::domain::sorting::sort_by(&mut owners, |a, b| a.name.cmp(&b.name));
            owners
        })
    });
    // Exports exactly the leads the search and filters show, in their order.
    let download_shown = move || {
        let shown: Vec<crate::domain::Lead> = rows.with_untracked(|rows| {
            rows.as_ref()
                .map(|(_, rows)| rows.iter().map(|row| row.lead.clone()).collect())
                .unwrap_or_default()
        });
        crate::components::download_file(
            "leads.csv",
            &crate::domain::csv::data_url(&crate::domain::csv::leads_csv(&shown)),
        );
    };
    let locale = move || session.locale.get();
    let with_any = move |mut options: Vec<(String, String)>| {
        options.insert(
            0,
            (
                String::new(),
                session.texts().screens().any_choice.to_string(),
            ),
        );
        options
    };
    view! {
        <div class="page-head">
            <h1>{move || session.texts().screens().leads_title}</h1>
            <div class="page-actions">
                {show_owner.then(|| view! {
                    <button type="button" class="button-quiet" aria-expanded=move || sharing.get().to_string()
                        aria-controls="share-panel" on:click=move |_| sharing.update(|open| *open = !*open)>
                        {move || crate::i18n::lead_import::import_texts(session.locale.get()).share_open}
                    </button>
                    <a class="button-quiet" href="/leads/import">
                        {move || crate::i18n::lead_import::import_texts(session.locale.get()).open_import}
                    </a>
                })}
                <a class="button-quiet" href="/pool">
                    {move || crate::i18n::pool::pool_texts(session.locale.get()).open_pool}
                </a>
                <button type="button" class="button-primary" on:click=move |_| navigate("/leads/new", Default::default())>
                    {move || session.texts().new_lead}
                </button>
            </div>
        </div>
        // The filters, then the list, each a task later on a first visit
        // (`Later`): with the page's head they were one task of 140-270 ms
        // at 4x CPU.
        <Later>
            <div class="list-controls" role="search">
                <div class="field list-search">
                    <label for="lead-search">{move || session.texts().screens().search_leads}</label>
                    <input id="lead-search" type="search" autocomplete="off"
                        prop:value=move || query.get()
                        on:input=move |event| query.set(event_target_value(&event))/>
                </div>
                <SelectField label=|t| t.stage name="filter_stage" value=stage errors=no_errors
                    options=Signal::derive(move || with_any(choice_options::<LeadStage>(locale())))/>
                <SelectField label=|t| t.source name="filter_source" value=source errors=no_errors
                    options=Signal::derive(move || with_any(choice_options::<LeadSource>(locale())))/>
                <SelectField label=|t| t.customer name="filter_customer" value=customer_kind errors=no_errors
                    options=Signal::derive(move || with_any(choice_options::<CustomerKind>(locale())))/>
                <SelectField label=|t| t.sort_by name="order" value=order errors=no_errors
                    options=Signal::derive(move || LeadOrder::ALL.iter().map(|order| {
                        (order.as_str().to_string(), crate::i18n::lead_order_label(locale(), *order).to_string())
                    }).collect::<Vec<_>>())/>
            </div>
        </Later>
        <div id="share-panel">
            {move || sharing.get().then(|| view! { <super::share::SharePanel shown=shown_open owners=open_owners/> })}
        </div>
        <Later>
            {move || match rows.get() {
                None => view! { <crate::components::LoadingFromDevice/> }.into_any(),
                Some((0, _)) => view! { <p class="empty">{move || session.texts().screens().no_leads}</p> }.into_any(),
                Some((_, rows)) if rows.is_empty() => view! { <p class="empty" role="status">{move || session.texts().screens().no_matching_leads}</p> }.into_any(),
                Some((_, rows)) => {
                    let total = rows.len();
                    let count = crate::i18n::localize_digits(locale(), &total.to_string());
                    let limit = shown.get();
                    let more = total.saturating_sub(limit).min(LIST_PAGE);
                    view! {
                        <div class="list-summary">
                            <p class="hint" role="status">{count}" "{move || session.texts().screens().leads_shown}</p>
                            <button type="button" class="button-quiet" on:click=move |_| download_shown()>
                                {move || crate::i18n::lead_import::import_texts(session.locale.get()).download_leads}
                            </button>
                        </div>
                        <ul class="cards lead-cards" aria-label=move || session.texts().screens().leads_title>
                            {
                                let card = move |row: LeadRow| {
                                    let pending = engine.lead_is_pending(row.lead.id);
                                    view! { <LeadCard row=row show_owner=show_owner pending=pending locale=session.locale.get()/> }
                                };
                                let mut rows = rows.into_iter().take(limit);
                                let first: Vec<_> = rows.by_ref().take(FIRST_CARDS).map(card).collect();
                                let rest: Vec<_> = rows.collect();
                                // The rest in a task of their own on a first visit.
                                view! {
                                    {first}
                                    <Later>{rest.into_iter().map(card).collect_view()}</Later>
                                }
                            }
                        </ul>
                        <ShowMore more=more on_more=move |()| shown.update(|shown| *shown += LIST_PAGE)/>
                    }.into_any()
                }
            }}
        </Later>
    }
}

#[component]
fn LeadCard(row: LeadRow, show_owner: bool, pending: bool, locale: Locale) -> impl IntoView {
    // Plain text, not reactive: the list re-renders when the language changes,
    // which keeps a long list cheap to build on a slow phone.
    let texts = crate::i18n::texts(locale);
    let LeadRow {
        lead,
        last_activity_at,
        next_follow_up,
    } = row;
    let updated = lead.updated_at.date_naive();
    view! {
        <li class="card">
            <a class="card-title" href=format!("/leads/{}", lead.id)>{lead.name}</a>
            <span class="card-sub">{lead.company}</span>
            <span class=format!("stage stage-{}", lead.stage.as_str())>{lead.stage.label(locale)}</span>
            <span class="card-value">{format_money(locale, lead.estimated_value, lead.currency)}</span>
            {show_owner.then(|| view! { <span class="card-meta">{texts.owner}": "{lead.owner_name}</span> })}
            {next_follow_up.map(|due| view! {
                <span class="card-meta">{texts.next_follow_up}": "{format_date_time(locale, due)}</span>
            })}
            {last_activity_at.map(|at| view! {
                <span class="card-meta">{texts.screens().last_activity}": "{format_date(locale, at.date_naive())}</span>
            })}
            <span class="card-meta">
                {texts.screens().updated}": "<time datetime=updated.to_string()>{format_date(locale, updated)}</time>
            </span>
            {pending.then(|| view! { <span class="badge-pending">{texts.not_synced_yet}</span> })}
        </li>
    }
}

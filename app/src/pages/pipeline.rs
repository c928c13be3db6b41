//! The pipeline board: a column per stage with its count and value. A lead
//! moves by dragging its card (desktop) or by its Move menu (touch and
//! keyboard); a move to won asks for the amount and date, to lost for the
//! reason. Every move is saved through the outbox like any edit, so it
//! works offline, and can be undone from the notice that confirms it.

use crate::client::engine::{SyncEngine, use_sync};
use crate::client::session::use_session;
use crate::components::{DateField, Later, ShowMore, TextField};
use crate::domain::money::amount_for_input;
use crate::domain::pipeline::{
    BoardColumn, MoveDetails, board_columns, move_needs_details, moved_draft,
};
use crate::domain::{Choice, FieldErrors, Lead, LeadId, LeadStage, Locale};
use crate::error::AppError;
use crate::i18n::{Label, error_message, format_money, localize_digits};
use crate::sync::plan::{field_changes, lead_as_draft};
use crate::sync::protocol::{FieldChange, Operation};
use leptos::prelude::*;

/// Cards built per column at first; a column with more offers "Show more".
const COLUMN_PAGE: usize = 20;
/// The columns drawn with the rest of the board on a first visit; the
/// others follow a task later.
const FIRST_COLUMNS: usize = 2;

/// A move waiting for the won amount or the lost reason.
#[derive(Clone, Debug, PartialEq)]
struct PendingMove {
    lead: Lead,
    to: LeadStage,
}

/// The last move made, kept so it can be undone.
#[derive(Clone, Debug, PartialEq)]
struct DoneMove {
    lead_id: LeadId,
    lead_name: String,
    to: LeadStage,
    undo: Vec<FieldChange>,
}

/// Saves a move through the outbox; the changes that reverse it come back
/// for the Undo button.
fn save_move(
    engine: SyncEngine,
    lead: &Lead,
    to: LeadStage,
    details: &MoveDetails,
) -> Result<Option<DoneMove>, AppError> {
    let before = lead_as_draft(lead);
    let after = moved_draft(&before, to, details);
    after.validate().map_err(AppError::Invalid)?;
    let changes = field_changes(&before, &after);
    if changes.is_empty() {
        return Ok(None);
    }
    engine.record(Operation::UpdateLead {
        id: lead.id,
        changes,
    })?;
    Ok(Some(DoneMove {
        lead_id: lead.id,
        lead_name: lead.name.clone(),
        to,
        undo: field_changes(&after, &before),
    }))
}

#[component]
pub fn PipelinePage() -> impl IntoView {
    let session = use_session();
    let engine = use_sync();
    let columns = Memo::new(move |_| {
        engine
            .leads_view
            .with(|leads| leads.as_deref().map(board_columns))
    });
    let pending = RwSignal::new(None::<PendingMove>);
    let done = RwSignal::new(None::<DoneMove>);
    let failure = RwSignal::new(None::<AppError>);
    let open_menu = RwSignal::new(None::<LeadId>);
    let dragged = StoredValue::new(None::<LeadId>);
    let drop_target = RwSignal::new(None::<LeadStage>);
    let shown = RwSignal::new([COLUMN_PAGE; LeadStage::ALL.len()]);
    let show_owner = session
        .user
        .get_untracked()
        .is_some_and(|profile| profile.manages());

    let request_move = move |lead: Lead, to: LeadStage| {
        open_menu.set(None);
        failure.set(None);
        if lead.stage == to {
            return;
        }
        if move_needs_details(to) {
            pending.set(Some(PendingMove { lead, to }));
            return;
        }
        match save_move(engine, &lead, to, &MoveDetails::default()) {
            Ok(moved) => done.set(moved),
            Err(error) => failure.set(Some(error)),
        }
    };
    let find_lead = move |id: LeadId| {
        engine.leads_view.with_untracked(|leads| {
            leads
                .as_deref()
                .and_then(|leads| leads.iter().find(|lead| lead.id == id).cloned())
        })
    };
    let undo = move |_| {
        let Some(last) = done.get_untracked() else {
            return;
        };
        let outcome = engine.record(Operation::UpdateLead {
            id: last.lead_id,
            changes: last.undo,
        });
        done.set(None);
        if let Err(error) = outcome {
            failure.set(Some(error));
        }
    };

    let locale = move || session.locale.get();
    view! {
        // The board takes the whole width from the first frame (`main.css`).
        <h1 class="board-page">{move || session.texts().screens().pipeline_title}</h1>
        <p class="hint">{move || session.texts().screens().pipeline_hint}</p>
        {move || failure.get().map(|error| view! {
            <p class="notice notice-error" role="alert">{move || error_message(locale(), &error)}</p>
        })}
        {move || done.get().map(|last| {
            let message = crate::i18n::moved_message(locale(), &last.lead_name, last.to);
            view! {
                <p class="notice toast" role="status">
                    {message}" "
                    <button type="button" class="button-quiet" on:click=undo>{move || session.texts().undo}</button>
                </p>
            }
        })}
        {move || match columns.get() {
            None => view! { <crate::components::LoadingFromDevice/> }.into_any(),
            Some(columns) => {
                let draw_column = move |(index, column): (usize, BoardColumn)| {
                        let stage = column.stage;
                        let count = column.leads.len();
                        let heading_id = format!("stage-{}", stage.as_str());
                        let totals = column.totals.clone();
                        let summary = move || {
                            let mut parts = vec![localize_digits(locale(), &count.to_string())];
                            parts.extend(totals.iter().map(|(currency, amount)| format_money(locale(), *amount, *currency)));
                            parts.join(" · ")
                        };
                        let limit = shown.with(|shown| shown[index]);
                        let more = count.saturating_sub(limit);
                        view! {
                            <section class="board-column" class:drop-target=move || drop_target.get() == Some(stage)
                                aria-labelledby=heading_id.clone()
                                on:dragover=move |event| {
                                    event.prevent_default();
                                    if drop_target.get_untracked() != Some(stage) {
                                        drop_target.set(Some(stage));
                                    }
                                }
                                on:dragleave=move |_| {
                                    if drop_target.get_untracked() == Some(stage) {
                                        drop_target.set(None);
                                    }
                                }
                                on:drop=move |event| {
                                    event.prevent_default();
                                    drop_target.set(None);
                                    if let Some(lead) = dragged.get_value().and_then(find_lead) {
                                        request_move(lead, stage);
                                    }
                                    dragged.set_value(None);
                                }>
                                <h2 id=heading_id.clone() class=format!("stage stage-{}", stage.as_str())>{move || stage.label(locale())}</h2>
                                <p class="card-meta column-summary">{summary}</p>
                                <ul class="board-cards">
                                    {column.leads.into_iter().take(limit).map(|lead| view! {
                                        <BoardCard lead=lead locale=locale() show_owner=show_owner open_menu=open_menu
                                            on_drag=move |id| dragged.set_value(Some(id))
                                            on_move=request_move/>
                                    }).collect_view()}
                                </ul>
                                <ShowMore more=more on_more=move |()| shown.update(|shown| shown[index] += COLUMN_PAGE)/>
                            </section>
                        }
                };
                // On a first visit the columns after the first two are drawn a
                // task later: a long board is not drawn in one long task.
                let mut columns = columns.into_iter().enumerate();
                let first: Vec<_> = columns.by_ref().take(FIRST_COLUMNS).collect();
                let rest: Vec<_> = columns.collect();
                view! {
                    <div class="board">
                        {first.into_iter().map(draw_column).collect_view()}
                        <Later>{rest.into_iter().map(draw_column).collect_view()}</Later>
                    </div>
                }.into_any()
            }
        }}
        {move || pending.get().map(|request| view! {
            <MoveDialog request=request
                on_close=move || pending.set(None)
                on_moved=move |moved| { pending.set(None); done.set(moved); }/>
        })}
    }
}

/// One lead on the board: its name links to its page; Move opens the list of
/// other stages (the touch and keyboard way to move it).
#[component]
fn BoardCard(
    lead: Lead,
    locale: Locale,
    show_owner: bool,
    open_menu: RwSignal<Option<LeadId>>,
    on_drag: impl Fn(LeadId) + Copy + Send + Sync + 'static,
    on_move: impl Fn(Lead, LeadStage) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let texts = crate::i18n::texts(locale);
    let id = lead.id;
    let current = lead.stage;
    let menu_id = format!("move-{id}");
    let value = format_money(
        locale,
        crate::domain::pipeline::board_value(&lead),
        lead.currency,
    );
    let stored = StoredValue::new(lead.clone());
    let is_open = move || open_menu.get() == Some(id);
    view! {
        <li class="card board-card" draggable="true"
            on:dragstart=move |_event| {
                // Some browsers only start a drag that carries data.
                #[cfg(feature = "csr")]
                if let Some(transfer) = _event.data_transfer() {
                    let _ = transfer.set_data("text/plain", &id.to_string());
                }
                on_drag(id);
            }>
            <a class="card-title" href=format!("/leads/{id}")>{lead.name.clone()}</a>
            <span class="card-sub">{lead.company.clone()}</span>
            <span class="card-value">{value}</span>
            {show_owner.then(|| view! { <span class="card-meta">{texts.owner}": "{lead.owner_name.clone()}</span> })}
            <button type="button" class="button-quiet move-button"
                aria-expanded=move || if is_open() { "true" } else { "false" }
                aria-controls=menu_id.clone()
                on:click=move |_| open_menu.set(if is_open() { None } else { Some(id) })>
                {texts.screens().move_lead}
            </button>
            {move || is_open().then(|| view! {
                <div class="move-menu" id=menu_id.clone() role="group"
                    aria-label=crate::i18n::move_menu_label(locale, &stored.with_value(|lead| lead.name.clone()))>
                    {LeadStage::ALL.iter().copied().filter(|stage| *stage != current).map(|stage| view! {
                        <button type="button" class=format!("stage-choice stage-{}", stage.as_str())
                            on:click=move |_| on_move(stored.get_value(), stage)>
                            {stage.label(locale)}
                        </button>
                    }).collect_view()}
                </div>
            })}
        </li>
    }
}

/// Asks for what a win or a loss needs before the move is saved.
#[component]
fn MoveDialog(
    request: PendingMove,
    on_close: impl Fn() + Copy + Send + Sync + 'static,
    on_moved: impl Fn(Option<DoneMove>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let session = use_session();
    let engine = use_sync();
    let PendingMove { lead, to } = request;
    let won_amount = RwSignal::new(amount_for_input(lead.estimated_value, lead.currency));
    let lost_reason = RwSignal::new(String::new());
    let closed_on = RwSignal::new(chrono::Local::now().date_naive().to_string());
    let errors = RwSignal::new(FieldErrors::default());
    let failure = RwSignal::new(None::<AppError>);
    let first_field = NodeRef::<leptos::html::Div>::new();
    Effect::new(move || {
        // Focus the first input, so the keyboard and screen readers land here.
        #[cfg(feature = "csr")]
        if let Some(container) = first_field.get()
            && let Ok(Some(input)) = container.query_selector("input")
            && let Ok(input) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(input)
        {
            let _ = input.focus();
        }
        #[cfg(not(feature = "csr"))]
        let _ = first_field;
    });
    let title = crate::i18n::move_dialog_title(session.locale.get_untracked(), &lead.name, to);
    let stored = StoredValue::new(lead);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let details = MoveDetails {
            won_amount: won_amount.get_untracked(),
            lost_reason: lost_reason.get_untracked(),
            closed_on: closed_on.get_untracked(),
        };
        match stored.with_value(|lead| save_move(engine, lead, to, &details)) {
            Ok(moved) => on_moved(moved),
            Err(AppError::Invalid(problems)) => errors.set(problems),
            Err(error) => failure.set(Some(error)),
        }
    };
    view! {
        <div class="dialog-backdrop">
            <section class="dialog" role="dialog" aria-modal="true" aria-labelledby="move-dialog-title"
                on:keydown=move |event| if event.key() == "Escape" { on_close() }>
                <h2 id="move-dialog-title">{title}</h2>
                <form class="form" on:submit=submit novalidate>
                    <div node_ref=first_field>
                        {if to == LeadStage::Won {
                            view! { <TextField label=|t| t.won_amount name="won_amount" value=won_amount errors=errors inputmode="decimal" required=true/> }.into_any()
                        } else {
                            view! { <TextField label=|t| t.lost_reason name="lost_reason" value=lost_reason errors=errors required=true/> }.into_any()
                        }}
                    </div>
                    <DateField label=|t| t.closed_on name="closed_on" value=closed_on errors=errors/>
                    {move || failure.get().map(|error| view! {
                        <p class="notice notice-error" role="alert">{move || error_message(session.locale.get(), &error)}</p>
                    })}
                    <div class="form-actions">
                        <button type="submit" class="button-primary">{move || session.texts().screens().move_lead}</button>
                        <button type="button" class="button-quiet" on:click=move |_| on_close()>{move || session.texts().screens().cancel}</button>
                    </div>
                </form>
            </section>
        </div>
    }
}

//! The import preview: which field each column fills (changeable), the
//! rows that will become leads and those with problems, with their CSV.

use super::OwnersChoice;
use crate::api::ImportPreview;
use crate::domain::lead_import::LeadColumn;
use crate::domain::{Choice, FieldErrors, Locale, UserId};
use crate::i18n::lead_import::{column_label, import_texts, row_problem_message};
use crate::i18n::{Label, localize_digits};
use leptos::prelude::*;

/// The columns, the rows to import and those with problems, and who gets the leads.
#[component]
pub(super) fn PreviewSections(
    preview: ImportPreview,
    errors: RwSignal<FieldErrors>,
    remap: impl Fn(usize, Option<LeadColumn>) + Copy + Send + Sync + 'static,
    give: RwSignal<String>,
    chosen: RwSignal<Vec<UserId>>,
    locale: Locale,
) -> impl IntoView {
    let texts = import_texts(locale);
    let words = crate::i18n::texts(locale);
    let ImportPreview {
        headers,
        mapping,
        accepted,
        sample,
        refused,
        refused_rows,
        refused_csv,
        reps,
    } = preview;
    let mapping_problem = move || errors.with(|errors| errors.for_field("mapping").is_some());
    let count = move |value: usize| localize_digits(locale, &value.to_string());
    let shown_more = accepted > sample.len() || refused > refused_rows.len();
    view! {
        <section aria-labelledby="columns-heading">
            <h2 id="columns-heading">{texts.columns}</h2>
            <p class="hint">{texts.columns_hint}</p>
            <div class="column-map">
                {headers.into_iter().enumerate().map(|(index, header)| {
                    let current = mapping.get(index).copied().flatten();
                    let id = format!("import-column-{index}");
                    view! {
                        <div class="field">
                            <label for=id.clone()>
                                {format!("{} {}: ", texts.column, count(index + 1))}<bdi>{header}</bdi>
                            </label>
                            <select id=id on:change=move |event| {
                                remap(index, LeadColumn::parse(&event_target_value(&event)))
                            }>
                                <option value="" selected=current.is_none()>{texts.not_imported}</option>
                                {LeadColumn::ALL.iter().map(|column| view! {
                                    <option value=column.as_str() selected=current == Some(*column)>
                                        {column_label(locale, *column)}
                                    </option>
                                }).collect_view()}
                            </select>
                        </div>
                    }
                }).collect_view()}
            </div>
            <Show when=mapping_problem>
                <p class="field-problem" role="alert">{texts.name_column_required}</p>
            </Show>
        </section>
        <p class="import-summary" role="status" data-testid="import-summary">
            <bdi><strong>{count(accepted)}</strong>" "{if accepted == 1 { texts.to_import_one } else { texts.to_import }}</bdi>
            {(refused > 0).then(|| view! { " · "<bdi><strong>{count(refused)}</strong>" "{if refused == 1 { texts.rows_with_problems_one } else { texts.rows_with_problems_count }}</bdi> })}
        </p>
        {(accepted == 0).then(|| view! { <p class="notice">{texts.nothing_to_import}</p> })}
        {(!sample.is_empty()).then(|| view! {
            <section aria-labelledby="rows-to-import">
                <h2 id="rows-to-import">{texts.rows_to_import}</h2>
                <div class="table-scroll">
                    <table class="data-table" aria-labelledby="rows-to-import">
                        <thead><tr>
                            <th scope="col">{words.name}</th>
                            <th scope="col" class="number">{texts.line}</th>
                            <th scope="col">{words.company}</th>
                            <th scope="col">{words.phone}</th>
                            <th scope="col">{words.email}</th>
                            <th scope="col">{words.stage}</th>
                            <th scope="col">{words.source}</th>
                        </tr></thead>
                        <tbody>
                            {sample.into_iter().map(|lead| view! {
                                <tr>
                                    <th scope="row">{lead.name}</th>
                                    <td class="number">{count(lead.line)}</td>
                                    <td>{lead.company}</td>
                                    <td dir="ltr">{lead.phone}</td>
                                    <td dir="ltr">{lead.email}</td>
                                    <td>{lead.stage.label(locale)}</td>
                                    <td>{lead.source.label(locale)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
        })}
        {(!refused_rows.is_empty()).then(|| view! {
            <section aria-labelledby="rows-with-problems">
                <h2 id="rows-with-problems">{texts.rows_with_problems}</h2>
                <div class="table-scroll">
                    <table class="data-table" aria-labelledby="rows-with-problems">
                        <thead><tr>
                            <th scope="col">{texts.cells}</th>
                            <th scope="col" class="number">{texts.line}</th>
                            <th scope="col">{texts.problems}</th>
                        </tr></thead>
                        <tbody>
                            {refused_rows.into_iter().map(|row| {
                                let problems: Vec<String> = row.problems.iter().map(|problem| row_problem_message(locale, problem)).collect();
                                view! {
                                    <tr>
                                        <th scope="row"><bdi>{row.cells.iter().filter(|cell| !cell.trim().is_empty()).cloned().collect::<Vec<_>>().join(" · ")}</bdi></th>
                                        <td class="number">{count(row.line)}</td>
                                        <td class="wrap">{problems.join(" ")}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <a class="button-quiet" href=crate::domain::csv::data_url(&refused_csv) download="rows-with-problems.csv">{texts.download_problems}</a>
            </section>
        })}
        {shown_more.then(|| view! { <p class="hint">{texts.first_rows}</p> })}
        <OwnersChoice reps=reps errors=errors give=give chosen=chosen locale=locale/>
    }
}

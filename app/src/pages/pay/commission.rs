//! The commission per rep for a period, from the server, with a CSV download.

use crate::api::commission_report;
use crate::client::engine::use_sync;
use crate::client::session::use_session;
use crate::components::Loading;
use crate::domain::compensation::{CommissionLine, commission_csv};
use crate::domain::period::month_of;
use crate::i18n::{format_date, format_money, localize_digits};
use leptos::prelude::*;

/// Commission per rep this period, from the server, with a CSV download.
#[component]
pub(super) fn CommissionReport() -> impl IntoView {
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
            <h2 id="report-heading">{move || session.texts().screens().commission_report}</h2>
            <p class="hint">{move || format!("{} – {}", format_date(locale(), period.start), format_date(locale(), period.end))}</p>
            {move || match report.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(_)) => view! { <p class="hint">{move || session.texts().screens().report_needs_network}</p> }.into_any(),
                Some(Ok(lines)) => {
                    let csv = commission_csv(period, &lines);
                    let href = crate::domain::csv::data_url(&csv);
                    view! {
                        <div class="table-scroll">
                            <table class="data-table" aria-labelledby="report-heading">
                                <thead><tr>
                                    <th scope="col">{move || session.texts().screens().rep_label}</th>
                                    <th scope="col" class="number">{move || session.texts().screens().deals_won_label}</th>
                                    <th scope="col" class="number">{move || session.texts().screens().revenue_label}</th>
                                    <th scope="col" class="number">{move || session.texts().screens().commission_label}</th>
                                    <th scope="col" class="number">{move || session.texts().screens().bonus_label}</th>
                                    <th scope="col" class="number">{move || session.texts().screens().total_label}</th>
                                </tr></thead>
                                <tbody>
                                    {lines.into_iter().map(|line| view! { <ReportRow line=line/> }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <a class="button-quiet button-link" href=href download=format!("commission-{}-{}.csv", period.start, period.end)>
                            {move || session.texts().screens().download_csv}
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

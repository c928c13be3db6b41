//! Small pieces that show figures the same way on every manager's screen.

use crate::domain::Locale;
use crate::domain::team_dashboard::MoneyByCurrency;
use crate::i18n::format_money;
use leptos::prelude::*;

/// Money lines, one per currency, each on its own line ("—" when none).
pub fn money_lines(locale: Locale, sums: &MoneyByCurrency) -> impl IntoView + use<> {
    if sums.is_empty() {
        return view! { <span class="amount-line">"—"</span> }.into_any();
    }
    sums.iter()
        .map(|(currency, amount)| {
            view! { <span class="amount-line">{format_money(locale, *amount, *currency)}</span> }
        })
        .collect_view()
        .into_any()
}

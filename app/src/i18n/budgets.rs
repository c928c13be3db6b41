//! The words of the budget screen, in English and Persian.

use super::format::format_money;
use crate::domain::budget::BudgetCategory;
use crate::domain::money::MoneySum;
use crate::domain::{Currency, Locale};

/// Every fixed string of the budget screen, in one language.
pub struct BudgetTexts {
    pub title: &'static str,
    pub explained: &'static str,
    pub team: &'static str,
    pub lines_heading: &'static str,
    pub no_lines: &'static str,
    pub category: &'static str,
    pub planned: &'static str,
    pub spent: &'static str,
    pub remaining: &'static str,
    pub status: &'static str,
    pub delete: &'static str,
    pub entries_heading: &'static str,
    pub no_entries: &'static str,
    pub day: &'static str,
    pub line: &'static str,
    pub amount: &'static str,
    pub note: &'static str,
    pub remove: &'static str,
    pub plan_heading: &'static str,
    pub save_line: &'static str,
    pub spend_heading: &'static str,
    pub add_spending: &'static str,
    pub saved: &'static str,
    pub includes_events: &'static str,
}

pub const ENGLISH: BudgetTexts = BudgetTexts {
    title: "Budget",
    explained: "Plan what the team may spend per category and period, and record what it spends. The costs of your events count on the events lines by themselves.",
    team: "Team",
    lines_heading: "Plan and spending",
    no_lines: "Nothing planned yet. Plan an amount for a category below.",
    category: "Category",
    planned: "Planned",
    spent: "Spent",
    remaining: "Remaining",
    status: "Status",
    delete: "Delete",
    entries_heading: "Spending",
    no_entries: "No spending recorded yet.",
    day: "Day",
    line: "Line",
    amount: "Amount",
    note: "Note",
    remove: "Remove",
    plan_heading: "Plan an amount",
    save_line: "Save the plan",
    spend_heading: "Record spending",
    add_spending: "Record",
    saved: "Saved.",
    includes_events: "includes event costs",
};

pub const PERSIAN: BudgetTexts = BudgetTexts {
    title: "بودجه",
    explained: "برای هر دسته و دوره مشخص کنید تیم چه قدر می‌تواند خرج کند و هزینه‌ها را ثبت کنید. هزینهٔ رویدادها خودبه‌خود در ردیف‌های رویداد حساب می‌شود.",
    team: "تیم",
    lines_heading: "برنامه و هزینه",
    no_lines: "هنوز برنامه‌ای نیست. در پایین برای یک دسته مبلغی برنامه‌ریزی کنید.",
    category: "دسته",
    planned: "برنامه",
    spent: "خرج‌شده",
    remaining: "مانده",
    status: "وضعیت",
    delete: "حذف",
    entries_heading: "هزینه‌ها",
    no_entries: "هنوز هزینه‌ای ثبت نشده است.",
    day: "روز",
    line: "ردیف",
    amount: "مبلغ",
    note: "یادداشت",
    remove: "حذف",
    plan_heading: "برنامه‌ریزی مبلغ",
    save_line: "ذخیرهٔ برنامه",
    spend_heading: "ثبت هزینه",
    add_spending: "ثبت",
    saved: "ذخیره شد.",
    includes_events: "با هزینهٔ رویدادها",
};

pub fn budget_texts(locale: Locale) -> &'static BudgetTexts {
    match locale {
        Locale::En => &ENGLISH,
        Locale::Fa => &PERSIAN,
    }
}

impl super::Label for BudgetCategory {
    fn label(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (BudgetCategory::Events, Locale::En) => "Events",
            (BudgetCategory::Events, Locale::Fa) => "رویدادها",
            (BudgetCategory::Travel, Locale::En) => "Travel",
            (BudgetCategory::Travel, Locale::Fa) => "سفر",
            (BudgetCategory::Incentives, Locale::En) => "Incentives",
            (BudgetCategory::Incentives, Locale::Fa) => "پاداش‌ها",
            (BudgetCategory::Tools, Locale::En) => "Tools",
            (BudgetCategory::Tools, Locale::Fa) => "ابزارها",
            (BudgetCategory::Other, Locale::En) => "Other",
            (BudgetCategory::Other, Locale::Fa) => "دیگر",
        }
    }
}

/// Where a line stands, in words: the share used, nearly spent, or over.
pub fn standing_text(
    locale: Locale,
    alert: crate::domain::budget::BudgetAlert,
    percent: Option<i64>,
    remaining: MoneySum,
    currency: Currency,
) -> String {
    use crate::domain::budget::BudgetAlert;
    let percent = percent.unwrap_or(0);
    let shown = super::localize_digits(locale, &percent.to_string());
    match (alert, locale) {
        (BudgetAlert::Spent, _) if remaining < 0 => match locale {
            Locale::En => format!("Over by {}", format_money(locale, -remaining, currency)),
            Locale::Fa => format!(
                "{} بیش از برنامه",
                format_money(locale, -remaining, currency)
            ),
        },
        (BudgetAlert::Spent, Locale::En) => "All spent".to_string(),
        (BudgetAlert::Spent, Locale::Fa) => "همه خرج شده".to_string(),
        (BudgetAlert::Nearly, Locale::En) => format!("{shown}% used: nearly spent"),
        (BudgetAlert::Nearly, Locale::Fa) => format!("{shown}٪ خرج شده: نزدیک به سقف"),
        (BudgetAlert::Under, Locale::En) => format!("{shown}% used"),
        (BudgetAlert::Under, Locale::Fa) => format!("{shown}٪ خرج شده"),
    }
}

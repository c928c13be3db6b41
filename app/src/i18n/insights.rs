//! The words of the tactic and pipeline reports, in English and Persian,
//! and the few sentences they build (a share, days, the best tactic).

use super::Label;
use super::format::{format_number, localize_digits};
use crate::domain::Locale;
use crate::domain::effectiveness::{Approach, ApproachLine, ApproachOrder};

/// Every fixed string of the two reports, in one language.
pub struct InsightTexts {
    pub report: &'static str,
    pub comparison: &'static str,
    pub tactics: &'static str,
    pub pipeline: &'static str,
    pub tactics_heading: &'static str,
    pub pipeline_heading: &'static str,
    pub window_days: &'static str,
    pub idle_days: &'static str,
    pub order: &'static str,
    pub by_tactic: &'static str,
    pub by_kind: &'static str,
    pub by_source: &'static str,
    pub tactic: &'static str,
    pub kind: &'static str,
    pub source: &'static str,
    pub activities: &'static str,
    pub leads_touched: &'static str,
    pub moved_forward: &'static str,
    pub won: &'static str,
    pub revenue_per_hundred: &'static str,
    pub nothing_logged: &'static str,
    pub nothing_for_this: &'static str,
    pub won_share_chart: &'static str,
    pub tactics_explained: &'static str,
    pub funnel: &'static str,
    pub stage: &'static str,
    pub entered: &'static str,
    pub went_on: &'static str,
    pub conversion: &'static str,
    pub median_days: &'static str,
    pub funnel_chart: &'static str,
    pub stale: &'static str,
    pub stale_explained: &'static str,
    pub no_stale: &'static str,
    pub lead: &'static str,
    pub owner: &'static str,
    pub value: &'static str,
    pub quiet_for: &'static str,
    pub in_stage_for: &'static str,
    pub never_touched: &'static str,
    pub log_activity: &'static str,
    pub forecast: &'static str,
    pub forecast_explained: &'static str,
    pub whose: &'static str,
    pub whose_team: &'static str,
    pub won_so_far: &'static str,
    pub weighted_open: &'static str,
    pub expected: &'static str,
    pub goal: &'static str,
    pub against_goal: &'static str,
    pub no_goal: &'static str,
    pub win_rates: &'static str,
    pub closed_through: &'static str,
    pub win_rate: &'static str,
    pub productivity: &'static str,
    pub activities_per_won: &'static str,
    pub average_deal: &'static str,
    pub average_days_to_close: &'static str,
    pub nothing: &'static str,
    pub summary: &'static str,
    pub print: &'static str,
    pub results_against_goals: &'static str,
    pub no_goals_set: &'static str,
    pub goal_line: &'static str,
    pub target: &'static str,
    pub actual: &'static str,
    pub reached: &'static str,
    pub pace: &'static str,
    pub headline_changes: &'static str,
    pub tactics_line: &'static str,
    pub no_tactic_verdict: &'static str,
    pub stale_pipeline: &'static str,
    pub manager_note: &'static str,
    pub save_note: &'static str,
    pub note_label: &'static str,
    pub note_saved: &'static str,
    pub no_note: &'static str,
    pub note_by: &'static str,
    pub summary_for_managers: &'static str,
}

pub const ENGLISH: InsightTexts = InsightTexts {
    report: "Report",
    comparison: "Month over month and year over year",
    tactics: "Which tactics work",
    pipeline: "Funnel, stale deals and forecast",
    tactics_heading: "Which tactics work",
    pipeline_heading: "Funnel, stale deals and forecast",
    window_days: "Count moves and wins within (days)",
    idle_days: "Stale after days without activity",
    order: "Rank by",
    by_tactic: "By tactic",
    by_kind: "By activity type",
    by_source: "By lead source",
    tactic: "Tactic",
    kind: "Activity type",
    source: "Lead source",
    activities: "Activities",
    leads_touched: "Leads first reached",
    moved_forward: "Moved forward",
    won: "Won",
    revenue_per_hundred: "Revenue per 100 activities",
    nothing_logged: "No activities were logged in this period.",
    nothing_for_this: "No activities on leads in this period.",
    won_share_chart: "Share of touched leads won, by tactic",
    tactics_explained: "A lead counts for a tactic (or a type, or its source) in the period when that tactic first reached it, once; it moved forward or was won when that happened within the chosen days after that first activity.",
    funnel: "Funnel",
    stage: "Stage",
    entered: "Entered",
    went_on: "Went on",
    conversion: "Conversion",
    median_days: "Median days in stage",
    funnel_chart: "Leads entering each stage in the period",
    stale: "Stale deals",
    stale_explained: "Open deals with no activity for the chosen days, or in their stage longer than the team's median this period; the most neglected first.",
    no_stale: "No stale deals: every open deal had recent work.",
    lead: "Lead",
    owner: "Owner",
    value: "Value",
    quiet_for: "No activity for",
    in_stage_for: "In stage for",
    never_touched: "never touched",
    log_activity: "Log activity",
    forecast: "Forecast",
    forecast_explained: "Won so far plus the open pipeline weighted by how often the team's deals that reached each stage were won (its own closed deals of the last 12 months).",
    whose: "Whose",
    whose_team: "The whole team",
    won_so_far: "Won so far",
    weighted_open: "Weighted open pipeline",
    expected: "Expected",
    goal: "Revenue goal",
    against_goal: "Against goal",
    no_goal: "No goal",
    win_rates: "Win rate by stage reached",
    closed_through: "Closed deals that reached it",
    win_rate: "Win rate",
    productivity: "Rep productivity",
    activities_per_won: "Activities per won deal",
    average_deal: "Average deal",
    average_days_to_close: "Average days to close",
    nothing: "—",
    summary: "Leadership summary",
    print: "Print or save as PDF",
    results_against_goals: "Results against goals",
    no_goals_set: "No goals were set for this period.",
    goal_line: "Goal",
    target: "Target",
    actual: "Actual",
    reached: "Reached",
    pace: "Pace",
    headline_changes: "Headline changes",
    tactics_line: "What worked",
    no_tactic_verdict: "Too few leads were touched this period to compare tactics.",
    stale_pipeline: "Stale pipeline",
    manager_note: "Manager's note",
    save_note: "Save note",
    note_label: "Your note on this period, printed with the summary",
    note_saved: "Note saved.",
    no_note: "No note for this period.",
    note_by: "Last written by",
    summary_for_managers: "The leadership summary is for managers; reps see their own figures in the other reports.",
};

pub const PERSIAN: InsightTexts = InsightTexts {
    report: "گزارش",
    comparison: "مقایسه با ماه قبل و سال قبل",
    tactics: "کدام روش‌ها جواب می‌دهند",
    pipeline: "قیف فروش، معامله‌های راکد و پیش‌بینی",
    tactics_heading: "کدام روش‌ها جواب می‌دهند",
    pipeline_heading: "قیف فروش، معامله‌های راکد و پیش‌بینی",
    window_days: "شمارش پیشرفت و برد تا (روز)",
    idle_days: "راکد پس از چند روز بدون فعالیت",
    order: "مرتب‌سازی بر اساس",
    by_tactic: "بر اساس روش",
    by_kind: "بر اساس نوع فعالیت",
    by_source: "بر اساس منبع سرنخ",
    tactic: "روش",
    kind: "نوع فعالیت",
    source: "منبع سرنخ",
    activities: "فعالیت‌ها",
    leads_touched: "سرنخ‌های تازه پیگیری‌شده",
    moved_forward: "پیشرفت کرد",
    won: "برنده",
    revenue_per_hundred: "درآمد به ازای ۱۰۰ فعالیت",
    nothing_logged: "در این دوره فعالیتی ثبت نشده است.",
    nothing_for_this: "در این دوره فعالیتی روی سرنخ‌ها ثبت نشده است.",
    won_share_chart: "سهم سرنخ‌های برنده‌شده، بر اساس روش",
    tactics_explained: "سرنخ یک بار برای یک روش (یا نوع فعالیت، یا منبعش) شمرده می‌شود: در دوره‌ای که آن روش نخستین بار به آن رسیده؛ پیشرفت یا برد وقتی شمرده می‌شود که در روزهای انتخاب‌شده پس از همان نخستین فعالیت رخ داده باشد.",
    funnel: "قیف فروش",
    stage: "مرحله",
    entered: "ورودی",
    went_on: "ادامه داد",
    conversion: "نرخ تبدیل",
    median_days: "میانهٔ روزها در مرحله",
    funnel_chart: "سرنخ‌های واردشده به هر مرحله در این دوره",
    stale: "معامله‌های راکد",
    stale_explained: "معامله‌های باز بدون فعالیت در روزهای انتخاب‌شده، یا با ماندن در مرحله بیش از میانهٔ تیم در این دوره؛ رهاشده‌ترین اول.",
    no_stale: "معاملهٔ راکدی نیست: روی همهٔ معامله‌های باز به‌تازگی کار شده است.",
    lead: "سرنخ",
    owner: "مسئول",
    value: "ارزش",
    quiet_for: "بدون فعالیت",
    in_stage_for: "در این مرحله",
    never_touched: "هرگز پیگیری نشده",
    log_activity: "ثبت فعالیت",
    forecast: "پیش‌بینی",
    forecast_explained: "فروش قطعی تاکنون به‌علاوهٔ معامله‌های باز، وزن‌دار با نرخ بردِ معامله‌های تیم که به هر مرحله رسیده‌اند (معامله‌های بسته‌شدهٔ خود تیم در ۱۲ ماه گذشته).",
    whose: "چه کسی",
    whose_team: "کل تیم",
    won_so_far: "فروش تاکنون",
    weighted_open: "معامله‌های باز (وزن‌دار)",
    expected: "مورد انتظار",
    goal: "هدف درآمد",
    against_goal: "نسبت به هدف",
    no_goal: "بدون هدف",
    win_rates: "نرخ برد بر اساس مرحلهٔ رسیده",
    closed_through: "معامله‌های بسته‌شده که به آن رسیدند",
    win_rate: "نرخ برد",
    productivity: "بهره‌وری فروشندگان",
    activities_per_won: "فعالیت به ازای هر برد",
    average_deal: "میانگین معامله",
    average_days_to_close: "میانگین روز تا بستن",
    nothing: "—",
    summary: "خلاصه برای مدیران ارشد",
    print: "چاپ یا ذخیره به PDF",
    results_against_goals: "نتایج در برابر اهداف",
    no_goals_set: "برای این دوره هدفی تعیین نشده است.",
    goal_line: "هدف",
    target: "مقدار هدف",
    actual: "واقعی",
    reached: "تحقق",
    pace: "روند",
    headline_changes: "تغییرات اصلی",
    tactics_line: "چه چیزی جواب داد",
    no_tactic_verdict: "در این دوره سرنخ‌های کافی برای مقایسهٔ روش‌ها پیگیری نشده است.",
    stale_pipeline: "معامله‌های راکد",
    manager_note: "یادداشت مدیر",
    save_note: "ذخیرهٔ یادداشت",
    note_label: "یادداشت شما دربارهٔ این دوره، که با خلاصه چاپ می‌شود",
    note_saved: "یادداشت ذخیره شد.",
    no_note: "برای این دوره یادداشتی نیست.",
    note_by: "آخرین نگارش:",
    summary_for_managers: "خلاصهٔ مدیران ارشد برای مدیران است؛ فروشندگان آمار خود را در گزارش‌های دیگر می‌بینند.",
};

pub fn insight_texts(locale: Locale) -> &'static InsightTexts {
    match locale {
        Locale::En => &ENGLISH,
        Locale::Fa => &PERSIAN,
    }
}

/// The name of a tactic, activity type or source in `locale`.
pub fn approach_label(locale: Locale, approach: Approach) -> &'static str {
    match approach {
        Approach::Tactic(tactic) => tactic.label(locale),
        Approach::Kind(kind) => kind.label(locale),
        Approach::Source(source) => source.label(locale),
    }
}

pub fn order_label(locale: Locale, order: ApproachOrder) -> &'static str {
    match (order, locale) {
        (ApproachOrder::WonShare, Locale::En) => "Share won",
        (ApproachOrder::WonShare, Locale::Fa) => "سهم برد",
        (ApproachOrder::ForwardShare, Locale::En) => "Share moved forward",
        (ApproachOrder::ForwardShare, Locale::Fa) => "سهم پیشرفت",
        (ApproachOrder::Activities, Locale::En) => "Activities",
        (ApproachOrder::Activities, Locale::Fa) => "تعداد فعالیت",
        (ApproachOrder::LeadsTouched, Locale::En) => "Leads first reached",
        (ApproachOrder::LeadsTouched, Locale::Fa) => "سرنخ‌های تازه پیگیری‌شده",
    }
}

/// "12 (40%)": a count with its share of a whole.
pub fn count_and_share(locale: Locale, count: i64, share: Option<i64>) -> String {
    match share {
        Some(share) => format!(
            "{} ({})",
            format_number(locale, count),
            percent_text(locale, Some(share))
        ),
        None => format_number(locale, count),
    }
}

/// "40%", or a dash when there is nothing to share.
pub fn percent_text(locale: Locale, share: Option<i64>) -> String {
    share.map_or_else(
        || "—".to_string(),
        |share| {
            localize_digits(locale, &share.to_string())
                + if locale == Locale::Fa { "٪" } else { "%" }
        },
    )
}

/// Tenths of a day as "3.5 days".
pub fn days_text(locale: Locale, tenths: Option<i64>) -> String {
    let Some(tenths) = tenths else {
        return "—".to_string();
    };
    let number = format!("{}.{}", tenths / 10, tenths % 10);
    let number = number.strip_suffix(".0").unwrap_or(&number).to_string();
    match locale {
        Locale::En => format!("{number} {}", if tenths == 10 { "day" } else { "days" }),
        Locale::Fa => localize_digits(locale, &format!("{number} روز")).replace('.', "٫"),
    }
}

/// Whole days as "12 days".
pub fn whole_days_text(locale: Locale, days: i64) -> String {
    days_text(locale, Some(days.saturating_mul(10)))
}

/// "16 stale deals: IRR 69,810,000,000 · USD 108,000".
pub fn stale_count_text(
    locale: Locale,
    count: i64,
    value: &crate::domain::team_dashboard::MoneyByCurrency,
) -> String {
    let amounts: Vec<String> = value
        .iter()
        .map(|(currency, amount)| super::format_money(locale, *amount, *currency))
        .collect();
    let deals = match locale {
        Locale::En if count == 1 => "1 stale deal".to_string(),
        Locale::En => format!("{} stale deals", format_number(locale, count)),
        Locale::Fa => format!("{} معاملهٔ راکد", format_number(locale, count)),
    };
    if amounts.is_empty() {
        deals
    } else {
        format!("{deals}: {}", amounts.join(" · "))
    }
}

/// The sentence under the tactic table: the best and worst tactic by share
/// won, in plain words.
pub fn best_and_worst_sentence(
    locale: Locale,
    best: &ApproachLine,
    worst: &ApproachLine,
) -> String {
    let share = |line: &ApproachLine| percent_text(locale, line.won_percent());
    match locale {
        Locale::En => format!(
            "{} won {} of the leads it first reached; {} won {}.",
            approach_label(locale, best.approach),
            share(best),
            approach_label(locale, worst.approach),
            share(worst)
        ),
        Locale::Fa => format!(
            "{} {} از سرنخ‌هایی را که پیگیری کرد به فروش رساند؛ {} {}.",
            approach_label(locale, best.approach),
            share(best),
            approach_label(locale, worst.approach),
            share(worst)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_read_naturally_in_both_languages() {
        assert_eq!(days_text(Locale::En, Some(35)), "3.5 days");
        assert_eq!(days_text(Locale::En, Some(10)), "1 day");
        assert_eq!(days_text(Locale::En, Some(120)), "12 days");
        assert_eq!(days_text(Locale::Fa, Some(35)), "۳٫۵ روز");
        assert_eq!(days_text(Locale::En, None), "—");
        assert_eq!(count_and_share(Locale::Fa, 12, Some(40)), "۱۲ (۴۰٪)");
    }
}

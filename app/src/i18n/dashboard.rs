//! The words of the manager's team dashboard, in English and Persian, and
//! the labels it builds from figures (month names in the team's calendar,
//! activity summaries, how long ago a device synced).

use super::format::{ENGLISH_MONTHS, PERSIAN_MONTHS, jalali_parts, localize_digits};
use crate::domain::Locale;
use crate::domain::period::{Calendar, Period};
use crate::domain::team_dashboard::{ActivityCounts, Freshness};
use chrono::{DateTime, Datelike, Utc};

/// Every fixed string of the team dashboard, in one language.
pub struct DashboardTexts {
    pub team_figures: &'static str,
    pub team: &'static str,
    pub this_month_is: &'static str,
    pub figures_as_of: &'static str,
    pub live: &'static str,
    pub live_paused: &'static str,
    pub live_connecting: &'static str,
    pub needs_network: &'static str,
    pub goals_heading: &'static str,
    pub no_goals_in_force: &'static str,
    pub reps_heading: &'static str,
    pub rep: &'static str,
    pub today: &'static str,
    pub this_week: &'static str,
    pub open_pipeline: &'static str,
    pub won_this_month: &'static str,
    pub win_rate: &'static str,
    pub data_freshness: &'static str,
    pub nobody_in_team: &'static str,
    pub pipeline_heading: &'static str,
    pub stage: &'static str,
    pub deals: &'static str,
    pub value: &'static str,
    pub trend_heading: &'static str,
    pub month: &'static str,
    pub deals_won: &'static str,
    pub revenue: &'static str,
    pub trend_currency: &'static str,
    pub trend_chart_label: &'static str,
    pub on_this_device: &'static str,
    pub no_revenue_yet: &'static str,
}

pub const ENGLISH: DashboardTexts = DashboardTexts {
    team_figures: "Team figures",
    team: "Team",
    this_month_is: "This month",
    figures_as_of: "Figures as of",
    live: "Live: updates as reps sync",
    live_paused: "Live updates paused: no connection",
    live_connecting: "Connecting to live updates…",
    needs_network: "The team figures need the network once; after that this device keeps the last ones.",
    goals_heading: "Goals in force",
    no_goals_in_force: "No goal is running this period.",
    reps_heading: "Reps",
    rep: "Rep",
    today: "Today",
    this_week: "This week",
    open_pipeline: "Open pipeline",
    won_this_month: "Won this month",
    win_rate: "Win rate",
    data_freshness: "Last sync",
    nobody_in_team: "Nobody is on this team yet.",
    pipeline_heading: "Open pipeline by stage",
    stage: "Stage",
    deals: "Deals",
    value: "Value",
    trend_heading: "Won revenue, last 12 months",
    month: "Month",
    deals_won: "Deals won",
    revenue: "Revenue",
    trend_currency: "Chart currency",
    trend_chart_label: "Bar chart of won revenue per month; the table below has the same figures.",
    on_this_device: "Counted on this device",
    no_revenue_yet: "No revenue won in these months yet.",
};

pub const PERSIAN: DashboardTexts = DashboardTexts {
    team_figures: "آمار تیم",
    team: "تیم",
    this_month_is: "این ماه",
    figures_as_of: "آمار تا",
    live: "زنده: با همگام‌سازی فروشندگان به‌روز می‌شود",
    live_paused: "به‌روزرسانی زنده متوقف است: اتصال نیست",
    live_connecting: "در حال اتصال به به‌روزرسانی زنده…",
    needs_network: "آمار تیم یک بار به شبکه نیاز دارد؛ پس از آن این دستگاه آخرین آمار را نگه می‌دارد.",
    goals_heading: "هدف‌های جاری",
    no_goals_in_force: "در این دوره هدفی در جریان نیست.",
    reps_heading: "فروشندگان",
    rep: "فروشنده",
    today: "امروز",
    this_week: "این هفته",
    open_pipeline: "معاملات باز",
    won_this_month: "موفق این ماه",
    win_rate: "نرخ موفقیت",
    data_freshness: "آخرین همگام‌سازی",
    nobody_in_team: "هنوز کسی در این تیم نیست.",
    pipeline_heading: "معاملات باز به تفکیک مرحله",
    stage: "مرحله",
    deals: "معامله",
    value: "ارزش",
    trend_heading: "درآمد موفق، ۱۲ ماه اخیر",
    month: "ماه",
    deals_won: "معاملات موفق",
    revenue: "درآمد",
    trend_currency: "ارز نمودار",
    trend_chart_label: "نمودار میله‌ای درآمد موفق هر ماه؛ جدول زیر همین اعداد را دارد.",
    on_this_device: "شمرده‌شده روی این دستگاه",
    no_revenue_yet: "هنوز در این ماه‌ها درآمدی ثبت نشده است.",
};

pub fn dashboard_texts(locale: Locale) -> &'static DashboardTexts {
    match locale {
        Locale::En => &ENGLISH,
        Locale::Fa => &PERSIAN,
    }
}

const JALALI_MONTHS_EN: [&str; 12] = [
    "Farvardin",
    "Ordibehesht",
    "Khordad",
    "Tir",
    "Mordad",
    "Shahrivar",
    "Mehr",
    "Aban",
    "Azar",
    "Dey",
    "Bahman",
    "Esfand",
];
const GREGORIAN_MONTHS_FA: [&str; 12] = [
    "ژانویه",
    "فوریه",
    "مارس",
    "آوریل",
    "مه",
    "ژوئن",
    "ژوئیه",
    "اوت",
    "سپتامبر",
    "اکتبر",
    "نوامبر",
    "دسامبر",
];

/// A month period's name in the calendar it was cut from: "Azar 1405" or
/// "آذر ۱۴۰۵" for a Jalali team, "Dec 2026" or "دسامبر ۲۰۲۶" otherwise.
pub fn month_label(locale: Locale, calendar: Calendar, period: Period) -> String {
    let (year, month) = match calendar {
        Calendar::Jalali => match jalali_parts(period.start) {
            Some((year, month, _)) => (year, usize::from(month)),
            None => (period.start.year(), period.start.month() as usize),
        },
        Calendar::Gregorian => (period.start.year(), period.start.month() as usize),
    };
    let names = match (calendar, locale) {
        (Calendar::Jalali, Locale::Fa) => &PERSIAN_MONTHS,
        (Calendar::Jalali, Locale::En) => &JALALI_MONTHS_EN,
        (Calendar::Gregorian, Locale::Fa) => &GREGORIAN_MONTHS_FA,
        (Calendar::Gregorian, Locale::En) => &ENGLISH_MONTHS,
    };
    let name = names[(month.max(1) - 1) % 12];
    localize_digits(locale, &format!("{name} {year}"))
}

/// One line of activities by type, the kinds with none left out:
/// "3 calls · 1 meeting" ("—" when nothing).
pub fn activity_summary(locale: Locale, counts: &ActivityCounts) -> String {
    let kinds: [(i64, &str, &str, &str); 5] = [
        (counts.calls, "call", "calls", "تماس"),
        (counts.meetings, "meeting", "meetings", "جلسه"),
        (counts.emails, "e-mail", "e-mails", "ایمیل"),
        (counts.notes, "note", "notes", "یادداشت"),
        (counts.tasks_done, "task done", "tasks done", "کار انجام‌شده"),
    ];
    let parts: Vec<String> = kinds
        .iter()
        .filter(|(count, ..)| *count > 0)
        .map(|(count, one, many, persian)| match locale {
            Locale::En => format!("{count} {}", if *count == 1 { one } else { many }),
            Locale::Fa => localize_digits(locale, &format!("{count} {persian}")),
        })
        .collect();
    if parts.is_empty() {
        "—".to_string()
    } else {
        parts.join(" · ")
    }
}

/// How fresh a rep's figures are, in words: "12 min ago", "Work waiting
/// to sync (3 h ago)", "Never synced".
pub fn freshness_label(
    locale: Locale,
    freshness: Freshness,
    last_synced_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> String {
    let ago = last_synced_at.map(|at| {
        let minutes = (now - at).num_minutes().max(0);
        let text = match (locale, minutes) {
            (Locale::En, 0) => "just now".to_string(),
            (Locale::En, 1..=59) => format!("{minutes} min ago"),
            (Locale::En, 60..=2879) => format!("{} h ago", minutes / 60),
            (Locale::En, _) => format!("{} days ago", minutes / 1440),
            (Locale::Fa, 0) => "همین حالا".to_string(),
            (Locale::Fa, 1..=59) => format!("{minutes} دقیقه پیش"),
            (Locale::Fa, 60..=2879) => format!("{} ساعت پیش", minutes / 60),
            (Locale::Fa, _) => format!("{} روز پیش", minutes / 1440),
        };
        localize_digits(locale, &text)
    });
    match (freshness, ago, locale) {
        (Freshness::NeverSynced, _, Locale::En) | (_, None, Locale::En) => {
            "Never synced".to_string()
        }
        (Freshness::NeverSynced, _, Locale::Fa) | (_, None, Locale::Fa) => {
            "هرگز همگام نشده".to_string()
        }
        (Freshness::UpToDate, Some(ago), _) => ago,
        (Freshness::WorkPending, Some(ago), Locale::En) => format!("{ago}, work waiting to sync"),
        (Freshness::WorkPending, Some(ago), Locale::Fa) => {
            format!("{ago}، کارهایی در انتظار همگام‌سازی")
        }
        (Freshness::Stale, Some(ago), Locale::En) => format!("{ago}, may be missing work"),
        (Freshness::Stale, Some(ago), Locale::Fa) => format!("{ago}، شاید کارهایی نرسیده باشد"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, NaiveDate};

    fn month(year: i32, month: u32) -> Period {
        let start = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or_default();
        Period { start, end: start }
    }

    #[test]
    fn months_are_named_in_the_teams_calendar_and_the_readers_language() {
        // 22 Nov 2026 is 1 Azar 1405.
        let azar = Period {
            start: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default(),
            end: NaiveDate::from_ymd_opt(2026, 12, 21).unwrap_or_default(),
        };
        assert_eq!(month_label(Locale::Fa, Calendar::Jalali, azar), "آذر ۱۴۰۵");
        assert_eq!(month_label(Locale::En, Calendar::Jalali, azar), "Azar 1405");
        assert_eq!(
            month_label(Locale::En, Calendar::Gregorian, month(2026, 12)),
            "Dec 2026"
        );
        assert_eq!(
            month_label(Locale::Fa, Calendar::Gregorian, month(2026, 12)),
            "دسامبر ۲۰۲۶"
        );
    }

    #[test]
    fn activity_summaries_leave_out_the_kinds_with_none() {
        let counts = ActivityCounts {
            calls: 3,
            emails: 1,
            ..ActivityCounts::default()
        };
        assert_eq!(activity_summary(Locale::En, &counts), "3 calls · 1 e-mail");
        assert_eq!(activity_summary(Locale::Fa, &counts), "۳ تماس · ۱ ایمیل");
        assert_eq!(
            activity_summary(Locale::En, &ActivityCounts::default()),
            "—"
        );
    }

    #[test]
    fn freshness_reads_as_a_time_and_a_warning() {
        let now = Utc::now();
        let two_hours = Some(now - Duration::minutes(125));
        assert_eq!(
            freshness_label(Locale::En, Freshness::Stale, two_hours, now),
            "2 h ago, may be missing work"
        );
        assert_eq!(
            freshness_label(Locale::En, Freshness::UpToDate, Some(now), now),
            "just now"
        );
        assert_eq!(
            freshness_label(Locale::En, Freshness::NeverSynced, None, now),
            "Never synced"
        );
        assert_eq!(
            freshness_label(Locale::Fa, Freshness::WorkPending, two_hours, now),
            "۲ ساعت پیش، کارهایی در انتظار همگام‌سازی"
        );
    }
}

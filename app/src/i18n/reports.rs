//! The words of the Reports screen, in English and Persian, and the labels
//! it builds: a period's name in the team's calendar, a metric line's name,
//! a change with its arrow.

use super::Label;
use super::dashboard::month_label;
use super::format::localize_digits;
use crate::domain::calendar::jalali_parts;
use crate::domain::comparison::MetricLine;
use crate::domain::period::{Calendar, Period, PeriodLength};
use crate::domain::{Choice, Locale};
use chrono::Datelike;

/// Every fixed string of the Reports screen, in one language.
pub struct ReportTexts {
    pub title: &'static str,
    pub comparison_heading: &'static str,
    pub period_length: &'static str,
    pub month: &'static str,
    pub quarter: &'static str,
    pub year: &'static str,
    pub period: &'static str,
    pub whose: &'static str,
    pub everyone: &'static str,
    pub metric: &'static str,
    pub this_period: &'static str,
    pub previous_period: &'static str,
    pub year_earlier: &'static str,
    pub change: &'static str,
    pub download_csv: &'static str,
    pub needs_network: &'static str,
    pub figures_as_of: &'static str,
    pub counted_when_it_happened: &'static str,
    pub with_unsynced: &'static str,
    pub unsynced_changes: &'static str,
}

pub const ENGLISH: ReportTexts = ReportTexts {
    title: "Reports",
    comparison_heading: "Month over month and year over year",
    period_length: "Compare by",
    month: "Month",
    quarter: "Quarter",
    year: "Year",
    period: "Period",
    whose: "Whose figures",
    everyone: "The team and every rep",
    metric: "Metric",
    this_period: "This period",
    previous_period: "Period before",
    year_earlier: "A year earlier",
    change: "Change",
    download_csv: "Download CSV",
    needs_network: "This report needs the network once; after that this device keeps the last answer.",
    figures_as_of: "Figures as of",
    counted_when_it_happened: "Work done offline counts in the period it happened, not the day it synced.",
    with_unsynced: "With your unsynced work",
    unsynced_changes: "changes on this device are not synced yet: the last column adds them to the server's figures.",
};

pub const PERSIAN: ReportTexts = ReportTexts {
    title: "گزارش‌ها",
    comparison_heading: "مقایسه با ماه قبل و سال قبل",
    period_length: "مقایسه بر اساس",
    month: "ماه",
    quarter: "فصل",
    year: "سال",
    period: "دوره",
    whose: "آمار چه کسی",
    everyone: "تیم و همه فروشندگان",
    metric: "شاخص",
    this_period: "این دوره",
    previous_period: "دوره قبل",
    year_earlier: "یک سال قبل",
    change: "تغییر",
    download_csv: "دریافت CSV",
    needs_network: "این گزارش یک بار به شبکه نیاز دارد؛ پس از آن این دستگاه آخرین پاسخ را نگه می‌دارد.",
    figures_as_of: "آمار تا",
    counted_when_it_happened: "کار آفلاین در دوره‌ای شمرده می‌شود که انجام شده، نه روزی که همگام شده.",
    with_unsynced: "با کار همگام‌نشدهٔ شما",
    unsynced_changes: "تغییر روی این دستگاه هنوز همگام نشده است: ستون آخر آن‌ها را به ارقام سرور می‌افزاید.",
};

pub fn report_texts(locale: Locale) -> &'static ReportTexts {
    match locale {
        Locale::En => &ENGLISH,
        Locale::Fa => &PERSIAN,
    }
}

/// A period's name: "Azar 1405" / "Dec 2026" for a month, "Q3 1405" /
/// "سه‌ماهه ۳ ۱۴۰۵" for a quarter, "1405" for a year.
pub fn period_label(
    locale: Locale,
    calendar: Calendar,
    length: PeriodLength,
    period: Period,
) -> String {
    let (year, month) = match calendar {
        Calendar::Jalali => jalali_parts(period.start)
            .map(|(year, month, _)| (year, u32::from(month)))
            .unwrap_or((period.start.year(), period.start.month())),
        Calendar::Gregorian => (period.start.year(), period.start.month()),
    };
    match length {
        PeriodLength::Month => month_label(locale, calendar, period),
        PeriodLength::Quarter => {
            let quarter = (month - 1) / 3 + 1;
            match locale {
                Locale::En => format!("Q{quarter} {year}"),
                Locale::Fa => localize_digits(locale, &format!("سه‌ماهه {quarter} {year}")),
            }
        }
        PeriodLength::Year => localize_digits(locale, &year.to_string()),
    }
}

/// A line's name: the metric, and the currency for revenue.
pub fn line_label(locale: Locale, line: &MetricLine) -> String {
    let metric = line.metric.label(locale);
    match line.currency {
        Some(currency) => format!("{metric} ({})", currency.as_str()),
        None => metric.to_string(),
    }
}

/// A change as read: "▲ 12%", "▼ 5%", "0%", or "—" with nothing before.
pub fn change_label(locale: Locale, change: Option<i64>) -> String {
    let sign = if locale == Locale::Fa { "٪" } else { "%" };
    match change {
        None => "—".into(),
        Some(0) => localize_digits(locale, "0") + sign,
        Some(change) if change > 0 => {
            format!("▲ {}{sign}", localize_digits(locale, &change.to_string()))
        }
        Some(change) => format!(
            "▼ {}{sign}",
            localize_digits(locale, &change.unsigned_abs().to_string())
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn periods_are_named_in_their_calendar() {
        let day = |year, month, day| NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default();
        let quarter = crate::domain::period::period_containing(
            Calendar::Jalali,
            PeriodLength::Quarter,
            day(2026, 12, 1),
        );
        let quarter = quarter.unwrap_or(Period {
            start: day(2026, 12, 1),
            end: day(2026, 12, 1),
        });
        assert_eq!(
            period_label(Locale::En, Calendar::Jalali, PeriodLength::Quarter, quarter),
            "Q3 1405"
        );
        assert_eq!(
            period_label(Locale::Fa, Calendar::Jalali, PeriodLength::Quarter, quarter),
            "سه‌ماهه ۳ ۱۴۰۵"
        );
        let year = Period {
            start: day(2026, 1, 1),
            end: day(2026, 12, 31),
        };
        assert_eq!(
            period_label(Locale::Fa, Calendar::Gregorian, PeriodLength::Year, year),
            "۲۰۲۶"
        );
    }

    #[test]
    fn changes_read_with_an_arrow() {
        assert_eq!(change_label(Locale::En, Some(12)), "▲ 12%");
        assert_eq!(change_label(Locale::En, Some(-5)), "▼ 5%");
        assert_eq!(change_label(Locale::Fa, Some(-5)), "▼ ۵٪");
        assert_eq!(change_label(Locale::En, None), "—");
        assert_eq!(change_label(Locale::En, Some(0)), "0%");
    }
}

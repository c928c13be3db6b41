//! Numbers, money and dates as a reader of each language expects them:
//! Persian digits and separators, and the Jalali (Solar Hijri) calendar via
//! ICU4X's Persian calendar, in Persian; Gregorian in English.

use crate::domain::Currency;
use crate::domain::Locale;
pub use crate::domain::calendar::{from_jalali, jalali_parts};
use crate::domain::money::{amount_for_input, group_thousands};
use chrono::{DateTime, Datelike, Local, NaiveDate, Timelike, Utc};

/// Writes ASCII digits as Persian digits (and `.`/`,` as Persian separators)
/// when the locale is Persian; English text is returned unchanged.
pub fn localize_digits(locale: Locale, text: &str) -> String {
    match locale {
        Locale::En => text.to_string(),
        Locale::Fa => {
            text.chars()
                .map(|character| match character {
                    '0'..='9' => char::from_u32(0x06F0 + (character as u32 - '0' as u32))
                        .unwrap_or(character),
                    '.' => '\u{066B}',
                    ',' => '\u{066C}',
                    other => other,
                })
                .collect()
        }
    }
}

/// A whole number with thousands grouped, in the locale's digits.
pub fn format_number(locale: Locale, number: impl Into<i128>) -> String {
    localize_digits(locale, &group_thousands(&number.into().to_string(), ','))
}

/// An amount in minor units with its currency, e.g. `1,250.50 USD` or `۱٬۲۵۰٫۵۰ دلار`.
pub fn format_money(
    locale: Locale,
    minor_units: impl Into<crate::domain::money::MoneySum>,
    currency: Currency,
) -> String {
    let minor_units: crate::domain::money::MoneySum = minor_units.into();
    let digits = currency.minor_digits();
    let scale = crate::domain::money::MoneySum::from(10_i64.pow(digits));
    let plain = if digits == 0 || minor_units % scale == 0 {
        (minor_units / scale).to_string()
    } else {
        amount_for_input(minor_units, currency)
    };
    let grouped = localize_digits(locale, &group_thousands(&plain, ','));
    format!("{grouped} {}", currency_name(locale, currency))
}

fn currency_name(locale: Locale, currency: Currency) -> &'static str {
    match (locale, currency) {
        (Locale::Fa, Currency::Irr) => "ریال",
        (Locale::Fa, Currency::Usd) => "دلار",
        (Locale::Fa, Currency::Eur) => "یورو",
        (Locale::Fa, Currency::Aed) => "درهم",
        (Locale::En, Currency::Irr) => "IRR",
        (Locale::En, Currency::Usd) => "USD",
        (Locale::En, Currency::Eur) => "EUR",
        (Locale::En, Currency::Aed) => "AED",
    }
}

/// Jalali month names in Persian.
pub(crate) const PERSIAN_MONTHS: [&str; 12] = [
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
];
/// Gregorian month names, short, in English.
pub(crate) const ENGLISH_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A date as a Persian reader types it: `۱۴۰۵/۰۹/۰۵` (Jalali, Persian digits).
pub fn jalali_input_text(date: NaiveDate) -> String {
    match jalali_parts(date) {
        Some((year, month, day)) => {
            localize_digits(Locale::Fa, &format!("{year:04}/{month:02}/{day:02}"))
        }
        None => localize_digits(Locale::Fa, &date.to_string()),
    }
}

/// Reads a Jalali date typed as year/month/day (any digit script; `/`, `-`
/// or `.` between), or an ISO Gregorian date (a year before 1700 is taken as
/// Jalali): the date, or `None` when it is not a real day.
pub fn parse_jalali_input(text: &str) -> Option<NaiveDate> {
    let normalized = crate::domain::validation::normalize_digits(text.trim());
    let parts: Vec<&str> = normalized
        .split(['/', '-', '.', '٫', '٬'])
        .map(str::trim)
        .collect();
    let [year, month, day] = parts.as_slice() else {
        return None;
    };
    let (year, month, day) = (
        year.parse::<i32>().ok()?,
        month.parse::<u8>().ok()?,
        day.parse::<u8>().ok()?,
    );
    if year >= 1700 {
        return NaiveDate::from_ymd_opt(year, u32::from(month), u32::from(day));
    }
    from_jalali(year, month, day)
}

/// A local date and time as a Persian reader types it: `۱۴۰۵/۰۹/۰۵ ۱۴:۳۰`.
pub fn jalali_date_time_input_text(at: chrono::NaiveDateTime) -> String {
    format!(
        "{} {}",
        jalali_input_text(at.date()),
        localize_digits(Locale::Fa, &crate::domain::validation::hour_minute_text(at))
    )
}

/// Reads a Jalali date and a 24-hour time (`۱۴۰۵/۰۹/۰۵ ۱۴:۳۰`, any digit
/// script; an ISO Gregorian date too): the local date and time, or `None`.
pub fn parse_jalali_date_time_input(text: &str) -> Option<chrono::NaiveDateTime> {
    let normalized = crate::domain::validation::normalize_digits(text.trim());
    let (date, time) = normalized.split_once(|c: char| c.is_whitespace() || c == 'T')?;
    let time = crate::domain::validation::parse_hour_minute(time.trim())?;
    Some(parse_jalali_input(date)?.and_time(time))
}

/// A date as `26 Nov 2026` in English or `۵ آذر ۱۴۰۵` (Jalali) in Persian.
pub fn format_date(locale: Locale, date: NaiveDate) -> String {
    match locale {
        Locale::En => format!(
            "{} {} {}",
            date.day(),
            ENGLISH_MONTHS[date.month0() as usize],
            date.year()
        ),
        Locale::Fa => match jalali_parts(date) {
            Some((year, month, day)) => localize_digits(
                locale,
                &format!(
                    "{day} {} {year}",
                    PERSIAN_MONTHS[usize::from(month.saturating_sub(1)) % 12]
                ),
            ),
            None => localize_digits(locale, &date.to_string()),
        },
    }
}

/// An instant shown in the reader's local time zone: date, then `HH:MM`.
pub fn format_date_time(locale: Locale, instant: DateTime<Utc>) -> String {
    let local = instant.with_timezone(&Local);
    let time = localize_digits(
        locale,
        &format!("{:02}:{:02}", local.hour(), local.minute()),
    );
    let separator = if locale == Locale::Fa { "، " } else { ", " };
    format!(
        "{}{separator}{time}",
        format_date(locale, local.date_naive())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
    }

    #[test]
    fn jalali_input_reads_and_writes_real_days_only() {
        // 5 Azar 1405 is 26 Nov 2026; Nowruz 1405 is 21 Mar 2026.
        assert_eq!(parse_jalali_input("۱۴۰۵/۰۹/۰۵"), Some(date(2026, 11, 26)));
        assert_eq!(parse_jalali_input("1405-1-1"), Some(date(2026, 3, 21)));
        assert_eq!(jalali_input_text(date(2026, 11, 26)), "۱۴۰۵/۰۹/۰۵");
        // 1403 is a leap year (Esfand has 30 days); 1404 is not.
        assert_eq!(parse_jalali_input("1403/12/30"), Some(date(2025, 3, 20)));
        assert_eq!(parse_jalali_input("1404/12/30"), None);
        assert_eq!(parse_jalali_input("1405/13/01"), None);
        assert_eq!(parse_jalali_input("1405/09"), None);
        // A Gregorian ISO date is understood as such.
        assert_eq!(parse_jalali_input("2026-11-26"), Some(date(2026, 11, 26)));
        for day in [date(2024, 3, 19), date(2025, 3, 20), date(2026, 12, 31)] {
            assert_eq!(parse_jalali_input(&jalali_input_text(day)), Some(day));
        }
    }

    #[test]
    fn jalali_dates_match_known_days() {
        // Nowruz 1405 fell on 21 March 2026; 26 Nov 2026 is 5 Azar 1405.
        assert_eq!(jalali_parts(date(2026, 3, 21)), Some((1405, 1, 1)));
        assert_eq!(jalali_parts(date(2026, 11, 26)), Some((1405, 9, 5)));
        // 1403 was a leap year: 30 Esfand 1403 is 20 March 2025.
        assert_eq!(jalali_parts(date(2025, 3, 20)), Some((1403, 12, 30)));
    }

    #[test]
    fn persian_dates_use_persian_digits_and_month_names() {
        assert_eq!(format_date(Locale::Fa, date(2026, 11, 26)), "۵ آذر ۱۴۰۵");
        assert_eq!(format_date(Locale::En, date(2026, 11, 26)), "26 Nov 2026");
    }

    #[test]
    fn a_persian_reader_types_a_jalali_date_and_a_time() {
        let at = date(2026, 11, 26)
            .and_hms_opt(14, 30, 0)
            .unwrap_or_default();
        assert_eq!(jalali_date_time_input_text(at), "۱۴۰۵/۰۹/۰۵ ۱۴:۳۰");
        assert_eq!(parse_jalali_date_time_input("۱۴۰۵/۰۹/۰۵ ۱۴:۳۰"), Some(at));
        assert_eq!(parse_jalali_date_time_input(" 1405/9/5  14:30 "), Some(at));
        assert_eq!(parse_jalali_date_time_input("2026-11-26T14:30"), Some(at));
        assert_eq!(
            parse_jalali_date_time_input("۱۴۰۵/۰۹/۰۵"),
            None,
            "the time is needed"
        );
        assert_eq!(parse_jalali_date_time_input("۱۴۰۵/۰۹/۰۵ ۲۵:۰۰"), None);
        assert_eq!(parse_jalali_date_time_input("۱۴۰۵/۱۳/۰۱ ۱۰:۰۰"), None);
    }

    #[test]
    fn numbers_and_money_follow_the_locale() {
        assert_eq!(format_number(Locale::Fa, 1_234_567), "۱٬۲۳۴٬۵۶۷");
        assert_eq!(format_number(Locale::En, 1_234_567), "1,234,567");
        assert_eq!(
            format_money(Locale::En, 125_050, Currency::Usd),
            "1,250.50 USD"
        );
        assert_eq!(
            format_money(Locale::En, 125_000, Currency::Usd),
            "1,250 USD"
        );
        assert_eq!(
            format_money(Locale::Fa, 5_000_000, Currency::Irr),
            "۵٬۰۰۰٬۰۰۰ ریال"
        );
    }
}

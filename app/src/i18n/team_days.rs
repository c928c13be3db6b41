//! The words of a team's working days screen (its week and holidays), in
//! English and Persian.

use super::format::localize_digits;
use crate::domain::Locale;

/// Every fixed string of the working days screen, in one language.
pub struct TeamDayTexts {
    pub title: &'static str,
    pub explained: &'static str,
    pub week_heading: &'static str,
    pub full_day: &'static str,
    pub half_day: &'static str,
    pub day_off: &'static str,
    pub save_week: &'static str,
    pub calendar_week: &'static str,
    pub week_saved: &'static str,
    pub holidays_in: &'static str,
    pub previous_year: &'static str,
    pub next_year: &'static str,
    pub day: &'static str,
    pub holiday: &'static str,
    pub no_holidays: &'static str,
    pub add_holiday: &'static str,
    pub remove: &'static str,
    pub add_fixed: &'static str,
    pub fixed_name: &'static str,
    pub kept_by_manager: &'static str,
    pub team: &'static str,
    /// Monday first.
    pub weekdays: [&'static str; 7],
}

pub const ENGLISH: TeamDayTexts = TeamDayTexts {
    title: "Working days and holidays",
    explained: "Pace and projection count only these days, so a quota is never behind on a day off.",
    week_heading: "Working week",
    full_day: "Full day",
    half_day: "Half day",
    day_off: "Day off",
    save_week: "Save the week",
    calendar_week: "Use the calendar's week",
    week_saved: "The week is saved.",
    holidays_in: "Holidays in",
    previous_year: "Previous year",
    next_year: "Next year",
    day: "Day",
    holiday: "Holiday",
    no_holidays: "No holidays in this year yet. Add lunar holidays and your own days off below.",
    add_holiday: "Add holiday",
    remove: "Remove",
    add_fixed: "Add Iran's fixed holidays of",
    fixed_name: "Fixed solar holiday",
    kept_by_manager: "Your team's manager keeps this list.",
    team: "Team",
    weekdays: [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ],
};

pub const PERSIAN: TeamDayTexts = TeamDayTexts {
    title: "روزهای کاری و تعطیلات",
    explained: "سرعت و پیش‌بینی اهداف فقط همین روزها را می‌شمارند؛ در روز تعطیل هیچ سهمیه‌ای عقب نمی‌افتد.",
    week_heading: "هفتهٔ کاری",
    full_day: "تمام‌روز",
    half_day: "نیم‌روز",
    day_off: "تعطیل",
    save_week: "ذخیرهٔ هفته",
    calendar_week: "هفتهٔ پیش‌فرض تقویم",
    week_saved: "هفته ذخیره شد.",
    holidays_in: "تعطیلات سال",
    previous_year: "سال قبل",
    next_year: "سال بعد",
    day: "روز",
    holiday: "مناسبت",
    no_holidays: "هنوز تعطیلی‌ای برای این سال ثبت نشده است. تعطیلات قمری و روزهای تعطیل شرکت را در پایین اضافه کنید.",
    add_holiday: "افزودن تعطیلی",
    remove: "حذف",
    add_fixed: "افزودن تعطیلات رسمی ثابت سال",
    fixed_name: "تعطیل رسمی خورشیدی",
    kept_by_manager: "این فهرست را مدیر تیم نگه می‌دارد.",
    team: "تیم",
    weekdays: [
        "دوشنبه",
        "سه‌شنبه",
        "چهارشنبه",
        "پنجشنبه",
        "جمعه",
        "شنبه",
        "یکشنبه",
    ],
};

/// The texts of `locale`.
pub fn team_day_texts(locale: Locale) -> &'static TeamDayTexts {
    match locale {
        Locale::En => &ENGLISH,
        Locale::Fa => &PERSIAN,
    }
}

/// "Holidays in 1405", the year in the reader's digits.
pub fn holidays_heading(locale: Locale, year: i32) -> String {
    localize_digits(
        locale,
        &format!("{} {year}", team_day_texts(locale).holidays_in),
    )
}

/// "Add Iran's fixed holidays of 1405".
pub fn add_fixed_label(locale: Locale, jalali_year: i32) -> String {
    localize_digits(
        locale,
        &format!("{} {jalali_year}", team_day_texts(locale).add_fixed),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_name_the_year_in_the_readers_digits() {
        assert_eq!(holidays_heading(Locale::En, 2026), "Holidays in 2026");
        assert_eq!(holidays_heading(Locale::Fa, 1405), "تعطیلات سال ۱۴۰۵");
        assert_eq!(
            add_fixed_label(Locale::En, 1405),
            "Add Iran's fixed holidays of 1405"
        );
    }
}

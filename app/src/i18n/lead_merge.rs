//! The words of merging a duplicate lead, in English and Persian.

use crate::domain::Locale;

pub struct MergeTexts {
    pub heading: &'static str,
    pub explained: &'static str,
    pub merge_here: &'static str,
    pub confirm: &'static str,
    pub cancel: &'static str,
    locale: Locale,
}

pub const ENGLISH: MergeTexts = MergeTexts {
    heading: "Same customer?",
    explained: "These leads have the same phone or e-mail. Merge one into this lead: its activities and history move here, the phone, e-mail and company this lead lacks are copied, and the other is removed.",
    merge_here: "Merge into this lead",
    confirm: "Merge",
    cancel: "Cancel",
    locale: Locale::En,
};

pub const PERSIAN: MergeTexts = MergeTexts {
    heading: "همان مشتری؟",
    explained: "تلفن یا ایمیل این سرنخ‌ها یکی است. یکی را در این سرنخ ادغام کنید: فعالیت‌ها و سابقه‌اش به این‌جا می‌آید، تلفن و ایمیل و شرکتی که این سرنخ ندارد رونوشت می‌شود و آن یکی حذف می‌شود.",
    merge_here: "ادغام در این سرنخ",
    confirm: "ادغام",
    cancel: "انصراف",
    locale: Locale::Fa,
};

pub fn merge_texts(locale: Locale) -> &'static MergeTexts {
    match locale {
        Locale::En => &ENGLISH,
        Locale::Fa => &PERSIAN,
    }
}

impl MergeTexts {
    /// "Reza K was merged into this lead."
    pub fn merged(&self, name: &str) -> String {
        match self.locale {
            Locale::En => format!("{name} was merged into this lead. Its activities are here now."),
            Locale::Fa => format!("«{name}» در این سرنخ ادغام شد. فعالیت‌هایش اکنون این‌جاست."),
        }
    }
}

/// The button's full name: "Merge Reza K into this lead".
pub fn merge_label(locale: Locale, name: &str) -> String {
    match locale {
        Locale::En => format!("Merge {name} into this lead"),
        Locale::Fa => format!("ادغام «{name}» در این سرنخ"),
    }
}

pub fn confirm_merge(locale: Locale, merged: &str, survivor: &str) -> String {
    match locale {
        Locale::En => format!(
            "Merge “{merged}” into “{survivor}”? “{merged}” will be removed; this cannot be undone."
        ),
        Locale::Fa => format!(
            "«{merged}» در «{survivor}» ادغام شود؟ «{merged}» حذف می‌شود و این کار برگشت ندارد."
        ),
    }
}

/// A lead's timeline line for a merge into it.
pub fn merged_message(locale: Locale, change: &crate::domain::lead::LeadChange) -> String {
    let when = super::format_date_time(locale, change.at);
    match locale {
        Locale::En => format!(
            "{} merged “{}” into this lead · {when}",
            change.changed_by_name, change.old_value
        ),
        Locale::Fa => format!(
            "{} «{}» را در این سرنخ ادغام کرد · {when}",
            change.changed_by_name, change.old_value
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_name_the_leads() {
        for locale in [Locale::En, Locale::Fa] {
            assert!(confirm_merge(locale, "Reza K", "Reza Karimi").contains("Reza K"));
            assert!(merge_texts(locale).merged("Reza K").contains("Reza K"));
        }
    }
}

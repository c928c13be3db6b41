//! The words of the change history, in English and Persian: the screen,
//! the kinds of item, the fields, and one line per change.

use super::{format_date_time, localize_digits};
use crate::domain::Locale;
use crate::domain::audit::{AuditEntry, AuditSubject};

pub struct AuditTexts {
    pub title: &'static str,
    pub explained: &'static str,
    pub team: &'static str,
    pub all_teams: &'static str,
    pub what: &'static str,
    pub everything: &'static str,
    pub show: &'static str,
    pub when: &'static str,
    pub who: &'static str,
    pub item: &'static str,
    pub change: &'static str,
    pub none: &'static str,
    pub item_heading: &'static str,
    pub pishro: &'static str,
    pub open: &'static str,
}

pub const ENGLISH: AuditTexts = AuditTexts {
    title: "Change history",
    explained: "Every change to records, goals, pay plans, people and teams: who made it, when, and what the field said before and after. The newest 200 are shown; narrow them down below.",
    team: "Team",
    all_teams: "All teams",
    what: "What changed",
    everything: "Everything",
    show: "Show",
    when: "When",
    who: "Who",
    item: "Item",
    change: "Change",
    none: "No changes match.",
    item_heading: "History",
    pishro: "Pishro",
    open: "Change history",
};

pub const PERSIAN: AuditTexts = AuditTexts {
    title: "سابقهٔ تغییرات",
    explained: "هر تغییر در سوابق، اهداف، طرح‌های پرداخت، افراد و تیم‌ها: چه کسی، کی، و هر فیلد پیش و پس از تغییر چه بود. ۲۰۰ تغییر آخر نشان داده می‌شود؛ در زیر محدودش کنید.",
    team: "تیم",
    all_teams: "همهٔ تیم‌ها",
    what: "چه چیزی تغییر کرد",
    everything: "همه",
    show: "نمایش",
    when: "زمان",
    who: "چه کسی",
    item: "مورد",
    change: "تغییر",
    none: "تغییری با این شرایط نیست.",
    item_heading: "سابقه",
    pishro: "پیشرو",
    open: "سابقهٔ تغییرات",
};

pub fn audit_texts(locale: Locale) -> &'static AuditTexts {
    match locale {
        Locale::En => &ENGLISH,
        Locale::Fa => &PERSIAN,
    }
}

pub fn subject_label(locale: Locale, subject: AuditSubject) -> &'static str {
    let english = locale == Locale::En;
    match subject {
        AuditSubject::Record => {
            if english {
                "Record"
            } else {
                "سابقه"
            }
        }
        AuditSubject::Goal => {
            if english {
                "Goal"
            } else {
                "هدف"
            }
        }
        AuditSubject::Plan => {
            if english {
                "Pay plan"
            } else {
                "طرح پرداخت"
            }
        }
        AuditSubject::Person => {
            if english {
                "Person"
            } else {
                "فرد"
            }
        }
        AuditSubject::Team => {
            if english {
                "Team"
            } else {
                "تیم"
            }
        }
    }
}

/// A field's name as the reader knows it from the forms.
pub fn field_label(locale: Locale, field: &str) -> String {
    let english = locale == Locale::En;
    let pick = |en: &str, fa: &str| {
        if english {
            en.to_string()
        } else {
            fa.to_string()
        }
    };
    match field {
        "title" => pick("Title", "عنوان"),
        "kind" => pick("Kind", "نوع"),
        "amount" => pick("Amount (minor units)", "مبلغ (کوچک‌ترین واحد)"),
        "currency" | "bonus_currency" => pick("Currency", "ارز"),
        "period_start" | "effective_from" => pick("From", "از"),
        "period_end" | "effective_to" => pick("To", "تا"),
        "body" => pick("Details", "جزئیات"),
        "person_id" => pick("Person", "فرد"),
        "deleted" => pick("Deleted", "حذف‌شده"),
        "scope" => pick("For", "برای"),
        "subject_id" => pick("Whose", "برای چه کسی"),
        "metric" => pick("Measure", "معیار"),
        "target" => pick("Target", "هدف"),
        "new_customer_rate" => pick("Rate for new customers", "نرخ مشتری تازه"),
        "existing_customer_rate" => pick("Rate for existing customers", "نرخ مشتری قدیمی"),
        "tiers" => pick("Tiers", "پله‌ها"),
        "rep_bonus" => pick("Rep bonus", "پاداش نماینده"),
        "team_bonus" => pick("Team bonus", "پاداش تیم"),
        "email" => pick("E-mail", "ایمیل"),
        "display_name" | "name" => pick("Name", "نام"),
        "role" => pick("Role", "نقش"),
        "team_id" => pick("Team", "تیم"),
        "locale" => pick("Language", "زبان"),
        "active" => pick("Can sign in", "امکان ورود"),
        "lead_capacity" => pick("Lead capacity", "ظرفیت سرنخ"),
        "password" => pick("Password", "گذرواژه"),
        "calendar" => pick("Calendar", "تقویم"),
        "time_zone" => pick("Time zone", "منطقهٔ زمانی"),
        "working_week" => pick("Working week", "هفتهٔ کاری"),
        "training_kind" => pick("Kind of programme", "نوع دوره"),
        "training_completed" => pick("Completed", "پایان دوره"),
        "started_on" => pick("Started with the company", "شروع همکاری"),
        "staff_notes" => pick("Staff notes", "یادداشت‌های کارمند"),
        "tags" => pick("Tags", "برچسب‌ها"),
        other => other.to_string(),
    }
}

/// A stored value as the reader knows it from the forms: a kind, measure,
/// role or calendar by its label, a language by its name, a yes/no flag in
/// words; anything else as written, in the reader's digits.
pub fn value_text(locale: Locale, field: &str, value: &str) -> String {
    use super::Label;
    use crate::domain::Choice;
    fn label_of<T: Choice + Label>(locale: Locale, value: &str) -> Option<&'static str> {
        T::parse(value).map(|choice| choice.label(locale))
    }
    let english = locale == Locale::En;
    let known = match field {
        "kind" => label_of::<crate::domain::RecordKind>(locale, value),
        "training_kind" => label_of::<crate::domain::training::TrainingKind>(locale, value),
        "metric" => label_of::<crate::domain::GoalMetric>(locale, value),
        "scope" => label_of::<crate::domain::GoalScope>(locale, value),
        "role" => label_of::<crate::domain::Role>(locale, value),
        "calendar" => label_of::<crate::domain::period::Calendar>(locale, value),
        "locale" => match value {
            "en" => Some("English"),
            "fa" => Some("فارسی"),
            _ => None,
        },
        "active" | "deleted" => match (value, english) {
            ("1", true) => Some("Yes"),
            ("0", true) => Some("No"),
            ("1", false) => Some("بله"),
            ("0", false) => Some("خیر"),
            _ => None,
        },
        _ => None,
    };
    known.map_or_else(|| localize_digits(locale, value), str::to_string)
}

/// What the change was, in one phrase: "Created", "Password changed",
/// "Title: “Old” → “New”".
pub fn change_text(locale: Locale, entry: &AuditEntry) -> String {
    let english = locale == Locale::En;
    let shown = |value: &Option<String>| match value.as_deref() {
        None | Some("") => "—".to_string(),
        Some(text) => value_text(locale, &entry.field, text),
    };
    match entry.field.as_str() {
        "created" => if english {
            "Created"
        } else {
            "ساخته شد"
        }
        .to_string(),
        "password" => if english {
            "Password changed"
        } else {
            "گذرواژه عوض شد"
        }
        .to_string(),
        "deleted" if entry.after.as_deref() == Some("1") => {
            if english { "Deleted" } else { "حذف شد" }.to_string()
        }
        field => {
            let (open, close) = if english {
                ("“", "”")
            } else {
                ("«", "»")
            };
            format!(
                "{}: {open}{}{close} → {open}{}{close}",
                field_label(locale, field),
                shown(&entry.before),
                shown(&entry.after)
            )
        }
    }
}

/// An item's name as the reader knows it: a goal (kept as "metric
/// start..end") reads as its measure and period.
pub fn subject_name_text(locale: Locale, entry: &AuditEntry) -> String {
    use super::Label;
    use crate::domain::Choice;
    if entry.subject == AuditSubject::Goal
        && let Some((metric, period)) = entry.subject_name.split_once(' ')
        && let Some(metric) = crate::domain::GoalMetric::parse(metric)
        && let Some((start, end)) = period.split_once("..")
        && let (Some(start), Some(end)) = (
            crate::domain::wire_time::parse_day(start),
            crate::domain::wire_time::parse_day(end),
        )
    {
        return format!(
            "{} · {} – {}",
            metric.label(locale),
            super::format::format_date(locale, start),
            super::format::format_date(locale, end)
        );
    }
    entry.subject_name.clone()
}

/// When, by whom, in one line (for an item's own history).
pub fn entry_line(locale: Locale, entry: &AuditEntry) -> String {
    let who = entry
        .actor_name
        .clone()
        .unwrap_or_else(|| audit_texts(locale).pishro.to_string());
    format!(
        "{} · {who} · {}",
        change_text(locale, entry),
        format_date_time(locale, entry.at)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(field: &str, before: Option<&str>, after: Option<&str>) -> AuditEntry {
        AuditEntry {
            id: 1,
            at: chrono::DateTime::UNIX_EPOCH,
            actor_name: None,
            subject: AuditSubject::Record,
            subject_id: "r".into(),
            subject_name: "Fair".into(),
            field: field.into(),
            before: before.map(str::to_string),
            after: after.map(str::to_string),
        }
    }

    #[test]
    fn changes_read_as_sentences_in_both_languages() {
        assert_eq!(
            change_text(Locale::En, &entry("title", Some("Fair"), Some("Expo"))),
            "Title: “Fair” → “Expo”"
        );
        assert_eq!(
            change_text(Locale::Fa, &entry("target", Some("10"), Some("12"))),
            "هدف: «۱۰» → «۱۲»"
        );
        assert_eq!(
            change_text(Locale::En, &entry("password", Some("old"), Some("new"))),
            "Password changed"
        );
        assert_eq!(
            change_text(Locale::En, &entry("created", None, Some("Fair"))),
            "Created"
        );
        assert!(entry_line(Locale::En, &entry("created", None, None)).contains("Pishro"));
        // Codes read as the forms name them, not as stored.
        assert_eq!(
            change_text(Locale::En, &entry("locale", Some("en"), Some("fa"))),
            "Language: “English” → “فارسی”"
        );
        assert_eq!(
            change_text(Locale::En, &entry("role", Some("rep"), Some("manager"))),
            "Role: “Rep” → “Manager”"
        );
        assert_eq!(
            change_text(Locale::Fa, &entry("active", Some("1"), Some("0"))),
            "امکان ورود: «بله» → «خیر»"
        );
        assert_eq!(
            change_text(Locale::En, &entry("amount", None, Some("1500"))),
            "Amount (minor units): “—” → “1500”"
        );
        let mut goal = entry("created", None, None);
        goal.subject = AuditSubject::Goal;
        goal.subject_name = "deals_won 2026-12-01..2026-12-31".into();
        assert!(
            subject_name_text(Locale::En, &goal).starts_with("Deals won · "),
            "{}",
            subject_name_text(Locale::En, &goal)
        );
    }
}

//! The words of the lead pool, the web forms a manager keeps, and the
//! public form a visitor fills in, in English and Persian.

use super::{format_date_time, localize_digits};
use crate::domain::Locale;

/// Every fixed string of the pool screen and the public form, in one language.
pub struct PoolTexts {
    pub title: &'static str,
    pub explained: &'static str,
    pub team: &'static str,
    pub reps_may_claim: &'static str,
    pub web_form_rule: &'static str,
    pub web_form_rule_hint: &'static str,
    pub keep_in_pool: &'static str,
    pub web_form_rule_saved: &'static str,
    pub waiting_heading: &'static str,
    pub nobody_waiting: &'static str,
    pub nobody_waiting_rep: &'static str,
    pub kept_by_manager: &'static str,
    pub select_all: &'static str,
    pub contact: &'static str,
    pub reach: &'static str,
    pub message: &'static str,
    pub received: &'static str,
    pub same_as: &'static str,
    pub give: &'static str,
    pub set_aside: &'static str,
    pub take: &'static str,
    pub taken: &'static str,
    pub forms_heading: &'static str,
    pub forms_explained: &'static str,
    pub create_form: &'static str,
    pub no_forms: &'static str,
    pub form: &'static str,
    pub address: &'static str,
    pub revoke: &'static str,
    pub revoked: &'static str,
    pub open_pool: &'static str,
    /// The link of the "new leads for you" notice.
    pub open_arrived: &'static str,
    /// The public form.
    pub form_intro: &'static str,
    pub send: &'static str,
    pub sent: &'static str,
    pub dead_form_title: &'static str,
    pub dead_form_explained: &'static str,
}

pub const ENGLISH: PoolTexts = PoolTexts {
    title: "Lead pool",
    explained: "Contacts from your web forms wait here until you give them to a rep or set them aside. Once given, each becomes a new lead of its rep and reaches their devices on the next sync.",
    team: "Team",
    reps_may_claim: "Reps of the team may take leads from the pool themselves",
    web_form_rule: "New contacts from web forms",
    web_form_rule_hint: "Shared as they arrive, among the reps present (absent reps are skipped); with nobody present a contact waits here.",
    keep_in_pool: "Wait in the pool for me",
    web_form_rule_saved: "Saved.",
    waiting_heading: "Waiting",
    nobody_waiting: "Nobody is waiting. Share a web form's address to bring contacts in.",
    nobody_waiting_rep: "Nobody is waiting in the pool right now.",
    kept_by_manager: "Your manager hands out the leads that come in. When they let reps take leads from the pool, they appear here.",
    select_all: "Select all",
    contact: "Contact",
    reach: "Phone and e-mail",
    message: "Message",
    received: "Received",
    same_as: "Same phone or e-mail as the lead",
    give: "Give the selected",
    set_aside: "Set the selected aside",
    take: "Take",
    taken: "It is yours now: find it under Leads.",
    forms_heading: "Web forms",
    forms_explained: "A web form is a public page anyone can fill in: put its address on your website, in an e-mail or on a QR code at a fair. What is sent lands in this pool. Revoke an address to stop it.",
    create_form: "Make a form",
    no_forms: "No web forms yet.",
    form: "Form",
    address: "Address",
    revoke: "Revoke",
    revoked: "Revoked",
    open_pool: "Lead pool",
    open_arrived: "Open",
    form_intro: "Leave your details and we will get back to you.",
    send: "Send",
    sent: "Thank you. Your message was sent; we will be in touch soon.",
    dead_form_title: "This form is closed",
    dead_form_explained: "This address no longer takes messages. Ask whoever gave it to you for a new one.",
};

pub const PERSIAN: PoolTexts = PoolTexts {
    title: "استخر سرنخ‌ها",
    explained: "مخاطبانی که از فرم‌های وب شما می‌آیند این‌جا می‌مانند تا آن‌ها را به نماینده‌ای بسپارید یا کنار بگذارید. هر کدام پس از سپردن، سرنخ تازهٔ آن نماینده می‌شود و در همگام‌سازی بعدی به دستگاه‌هایش می‌رسد.",
    team: "تیم",
    reps_may_claim: "نمایندگان تیم خودشان بتوانند از استخر سرنخ بردارند",
    web_form_rule: "تماس‌های تازه از فرم‌های وب",
    web_form_rule_hint: "همان لحظهٔ رسیدن میان نمایندگان حاضر تقسیم می‌شوند (غایبان کنار می‌مانند)؛ اگر کسی حاضر نباشد تماس همین‌جا می‌ماند.",
    keep_in_pool: "در استخر بمانند تا خودم بدهم",
    web_form_rule_saved: "ذخیره شد.",
    waiting_heading: "در انتظار",
    nobody_waiting: "کسی در انتظار نیست. نشانی یک فرم وب را پخش کنید تا مخاطب بیاید.",
    nobody_waiting_rep: "اکنون کسی در استخر در انتظار نیست.",
    kept_by_manager: "سرنخ‌های تازه را مدیرتان تقسیم می‌کند. اگر اجازه دهد نمایندگان از استخر بردارند، این‌جا دیده می‌شوند.",
    select_all: "انتخاب همه",
    contact: "مخاطب",
    reach: "تلفن و ایمیل",
    message: "پیام",
    received: "دریافت",
    same_as: "تلفن یا ایمیلش با این سرنخ یکی است",
    give: "سپردن انتخاب‌شده‌ها",
    set_aside: "کنار گذاشتن انتخاب‌شده‌ها",
    take: "برداشتن",
    taken: "حالا مال شماست: در سرنخ‌ها پیدایش کنید.",
    forms_heading: "فرم‌های وب",
    forms_explained: "فرم وب صفحه‌ای همگانی است که هر کسی می‌تواند پر کند: نشانی‌اش را در وبگاه، ایمیل یا کد QR نمایشگاه بگذارید. هرچه فرستاده شود به این استخر می‌آید. برای بستن، نشانی را باطل کنید.",
    create_form: "ساختن فرم",
    no_forms: "هنوز فرم وبی نیست.",
    form: "فرم",
    address: "نشانی",
    revoke: "باطل کردن",
    revoked: "باطل‌شده",
    open_pool: "استخر سرنخ‌ها",
    open_arrived: "باز کردن",
    form_intro: "مشخصات خود را بگذارید تا با شما تماس بگیریم.",
    send: "فرستادن",
    sent: "سپاس. پیام شما فرستاده شد؛ به‌زودی با شما تماس می‌گیریم.",
    dead_form_title: "این فرم بسته است",
    dead_form_explained: "این نشانی دیگر پیام نمی‌گیرد. از کسی که آن را به شما داده نشانی تازه بخواهید.",
};

pub fn pool_texts(locale: Locale) -> &'static PoolTexts {
    match locale {
        Locale::En => &ENGLISH,
        Locale::Fa => &PERSIAN,
    }
}

/// "Waiting (3)".
pub fn waiting_heading(locale: Locale, waiting: u64) -> String {
    format!(
        "{} ({})",
        pool_texts(locale).waiting_heading,
        localize_digits(locale, &waiting.to_string())
    )
}

/// "2 set aside." / "2 leads given: Reza 1, Sara 1."
pub fn set_aside_message(locale: Locale, count: usize) -> String {
    let count = localize_digits(locale, &count.to_string());
    match locale {
        Locale::En => format!("{count} set aside."),
        Locale::Fa => format!("{count} مورد کنار گذاشته شد."),
    }
}

/// "1 lead given: Sara 1." / "3 leads given: Reza 2, Sara 1."
pub fn given_message(locale: Locale, given: usize, per_rep: &[(String, usize)]) -> String {
    let shares: Vec<String> = per_rep
        .iter()
        .map(|(name, count)| format!("{name} {}", localize_digits(locale, &count.to_string())))
        .collect();
    let count = localize_digits(locale, &given.to_string());
    match locale {
        Locale::En => format!(
            "{count} {} given: {}.",
            if given == 1 { "lead" } else { "leads" },
            shares.join(", ")
        ),
        Locale::Fa => format!("{count} سرنخ سپرده شد: {}.", shares.join("، ")),
    }
}

/// "2 new leads are yours: Nasrin Ahmadi, Kian Mousavi." (at most three
/// names, then how many more).
pub fn arrived_leads_message(
    locale: Locale,
    arrived: &[(crate::domain::LeadId, String)],
) -> String {
    let count = arrived.len();
    let mut names: Vec<String> = arrived
        .iter()
        .take(3)
        .map(|(_, name)| name.clone())
        .collect();
    let more = count.saturating_sub(3);
    let number = |value: usize| localize_digits(locale, &value.to_string());
    match locale {
        Locale::En => {
            if more > 0 {
                names.push(format!("and {} more", number(more)));
            }
            let lead = if count == 1 {
                "new lead is"
            } else {
                "new leads are"
            };
            format!("{} {lead} yours: {}.", number(count), names.join(", "))
        }
        Locale::Fa => {
            if more > 0 {
                names.push(format!("و {} سرنخ دیگر", number(more)));
            }
            format!(
                "{} سرنخ تازه به شما رسید: {}.",
                number(count),
                names.join("، ")
            )
        }
    }
}

/// A lead's timeline line for the web form it came through.
pub fn web_form_message(locale: Locale, change: &crate::domain::lead::LeadChange) -> String {
    let when = format_date_time(locale, change.at);
    let form = if change.old_value.is_empty() {
        "—"
    } else {
        change.old_value.as_str()
    };
    let message = if change.new_value.is_empty() {
        String::new()
    } else {
        match locale {
            Locale::En => format!(": “{}”", change.new_value),
            Locale::Fa => format!(": «{}»", change.new_value),
        }
    };
    match locale {
        Locale::En => format!("Came in through the web form “{form}”{message} · {when}"),
        Locale::Fa => format!("از فرم وب «{form}» آمد{message} · {when}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_fill_every_text() {
        for locale in [Locale::En, Locale::Fa] {
            let texts = pool_texts(locale);
            for text in [
                texts.title,
                texts.explained,
                texts.kept_by_manager,
                texts.forms_explained,
                texts.sent,
                texts.dead_form_explained,
            ] {
                assert!(!text.is_empty());
            }
        }
        assert_eq!(waiting_heading(Locale::Fa, 12), "در انتظار (۱۲)");
        let shares = [("Reza".to_string(), 2), ("Sara".to_string(), 1)];
        assert_eq!(
            given_message(Locale::En, 3, &shares),
            "3 leads given: Reza 2, Sara 1."
        );
        assert_eq!(
            given_message(Locale::En, 1, &shares[1..]),
            "1 lead given: Sara 1."
        );
    }
}

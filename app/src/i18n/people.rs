//! The words of a manager's people screens (their reps' availability,
//! capacity and sign-in), in English and Persian.

use super::format::{format_date, localize_digits};
use crate::domain::Locale;
use crate::domain::availability::USUAL_CAPACITY;
use chrono::NaiveDate;

/// Every fixed string of the team people screens, in one language.
pub struct PeopleTexts {
    pub my_team: &'static str,
    pub headcount_heading: &'static str,
    pub headcount_explained: &'static str,
    pub reps_now: &'static str,
    pub no_headcount: &'static str,
    pub period: &'static str,
    pub planned: &'static str,
    pub gap: &'static str,
    pub add_headcount: &'static str,
    pub explained: &'static str,
    pub team: &'static str,
    pub rep: &'static str,
    pub open_leads: &'static str,
    /// After a number: "12 open leads".
    pub open_leads_count: &'static str,
    pub capacity: &'static str,
    pub availability: &'static str,
    pub status: &'static str,
    pub present: &'static str,
    pub active: &'static str,
    pub no_reps: &'static str,
    pub capacity_heading: &'static str,
    pub staff_heading: &'static str,
    pub staff_explained: &'static str,
    pub save_staff: &'static str,
    pub staff_saved: &'static str,
    pub role_history: &'static str,
    pub no_role_history: &'static str,
    pub capacity_hint: &'static str,
    pub save_capacity: &'static str,
    pub capacity_saved: &'static str,
    pub absences_heading: &'static str,
    pub no_absences: &'static str,
    pub from: &'static str,
    pub until: &'static str,
    pub reason: &'static str,
    pub remove: &'static str,
    pub add_absence: &'static str,
    pub sign_in_heading: &'static str,
    pub deactivate: &'static str,
    pub deactivate_explained: &'static str,
    pub reactivate: &'static str,
    pub deactivated: &'static str,
    pub back_to_team: &'static str,
    pub invite_heading: &'static str,
    pub invite_explained: &'static str,
    pub invite_heading_admin: &'static str,
    pub invite_explained_admin: &'static str,
    pub create_link: &'static str,
    pub link_hint: &'static str,
    pub invites_heading: &'static str,
    pub email: &'static str,
    pub state: &'static str,
    pub expires: &'static str,
    pub revoke: &'static str,
    pub waiting: &'static str,
    pub used: &'static str,
    pub expired: &'static str,
    pub revoked: &'static str,
}

pub const ENGLISH: PeopleTexts = PeopleTexts {
    my_team: "My team",
    headcount_heading: "Headcount plan",
    headcount_explained: "How many reps the team should have in each period, against the reps who can sign in now.",
    reps_now: "Reps now",
    no_headcount: "No headcount planned yet.",
    period: "Period",
    planned: "Planned",
    gap: "Against now",
    add_headcount: "Add to the plan",
    explained: "Mark when a rep is away and how many open leads each can carry. Shared leads skip reps who are away today and fill reps by their capacity.",
    team: "Team",
    rep: "Rep",
    open_leads: "Open leads",
    open_leads_count: "open leads",
    capacity: "Capacity",
    availability: "Availability",
    status: "Sign-in",
    present: "In",
    active: "Active",
    no_reps: "No reps in this team yet. An admin adds people and teams.",
    capacity_heading: "Capacity",
    staff_heading: "Staff record",
    staff_explained: "When they started and what you want to remember. Changes of role, team and sign-in are listed by themselves.",
    save_staff: "Save the staff record",
    staff_saved: "Staff record saved.",
    role_history: "Role history",
    no_role_history: "No changes of role or team yet.",
    capacity_hint: "Empty: the usual 100. A rep set to 200 gets twice the share when leads are shared by capacity.",
    save_capacity: "Save capacity",
    capacity_saved: "Capacity saved.",
    absences_heading: "Absences",
    no_absences: "No absences planned. Leads shared among the team can reach this rep every day.",
    from: "From",
    until: "Until",
    reason: "Reason",
    remove: "Remove",
    add_absence: "Add absence",
    sign_in_heading: "Sign-in",
    deactivate: "Deactivate",
    deactivate_explained: "A deactivated rep cannot sign in and their devices are signed out at once. Their leads and activities stay; share their open leads from Leads.",
    reactivate: "Let them sign in again",
    deactivated: "Deactivated: cannot sign in.",
    back_to_team: "Back to the team",
    invite_heading: "Invite a rep",
    invite_explained: "Pishro makes a sign-up link for this e-mail that joins your team as a rep. It works once, for 7 days.",
    invite_heading_admin: "Invite someone",
    invite_explained_admin: "Pishro makes a sign-up link for this e-mail that joins the team you choose, as a rep or as its manager. It works once, for 7 days.",
    create_link: "Create sign-up link",
    link_hint: "Send it to them yourself (e-mail or a message). Whoever has the link can use it, so send it only to them.",
    invites_heading: "Invitations (last 30 days)",
    email: "E-mail",
    state: "State",
    expires: "Works until",
    revoke: "Revoke",
    waiting: "Waiting",
    used: "Joined",
    expired: "Expired",
    revoked: "Revoked",
};

pub const PERSIAN: PeopleTexts = PeopleTexts {
    my_team: "تیم من",
    headcount_heading: "برنامهٔ نیرو",
    headcount_explained: "تیم در هر دوره چند نماینده باید داشته باشد، در برابر نمایندگانی که اکنون می‌توانند وارد شوند.",
    reps_now: "نمایندگان اکنون",
    no_headcount: "هنوز برنامهٔ نیرویی نیست.",
    period: "دوره",
    planned: "برنامه",
    gap: "در برابر اکنون",
    add_headcount: "افزودن به برنامه",
    explained: "مشخص کنید هر فروشنده کی غایب است و چند سرنخ باز می‌تواند داشته باشد. سرنخ‌هایی که تقسیم می‌شوند به غایبان امروز نمی‌رسند و به نسبت ظرفیت پخش می‌شوند.",
    team: "تیم",
    rep: "فروشنده",
    open_leads: "سرنخ‌های باز",
    open_leads_count: "سرنخ باز",
    capacity: "ظرفیت",
    availability: "حضور",
    status: "ورود",
    present: "حاضر",
    active: "فعال",
    no_reps: "هنوز فروشنده‌ای در این تیم نیست. مدیر سامانه افراد و تیم‌ها را اضافه می‌کند.",
    capacity_heading: "ظرفیت",
    staff_heading: "پروندهٔ کارمند",
    staff_explained: "از کی شروع کرده و آنچه می‌خواهید به یاد بماند. تغییر نقش، تیم و امکان ورود خودبه‌خود فهرست می‌شود.",
    save_staff: "ذخیرهٔ پروندهٔ کارمند",
    staff_saved: "پروندهٔ کارمند ذخیره شد.",
    role_history: "سابقهٔ نقش",
    no_role_history: "هنوز تغییری در نقش یا تیم نیست.",
    capacity_hint: "خالی: ظرفیت معمول ۱۰۰. فروشنده‌ای با ظرفیت ۲۰۰ در تقسیم به نسبت ظرفیت دو برابر سهم می‌گیرد.",
    save_capacity: "ذخیرهٔ ظرفیت",
    capacity_saved: "ظرفیت ذخیره شد.",
    absences_heading: "غیبت‌ها",
    no_absences: "غیبتی ثبت نشده است. سرنخ‌های تیم هر روز می‌توانند به این فروشنده برسند.",
    from: "از",
    until: "تا",
    reason: "دلیل",
    remove: "حذف",
    add_absence: "افزودن غیبت",
    sign_in_heading: "ورود",
    deactivate: "غیرفعال کردن",
    deactivate_explained: "فروشندهٔ غیرفعال نمی‌تواند وارد شود و دستگاه‌هایش بی‌درنگ خارج می‌شوند. سرنخ‌ها و فعالیت‌هایش می‌مانند؛ سرنخ‌های بازش را از صفحهٔ سرنخ‌ها تقسیم کنید.",
    reactivate: "اجازهٔ ورود دوباره",
    deactivated: "غیرفعال: نمی‌تواند وارد شود.",
    back_to_team: "بازگشت به تیم",
    invite_heading: "دعوت از فروشنده",
    invite_explained: "پیشرو برای این ایمیل پیوند ثبت‌نامی می‌سازد که به عنوان فروشنده به تیم شما می‌پیوندد. یک بار و تا ۷ روز کار می‌کند.",
    invite_heading_admin: "دعوت از یک نفر",
    invite_explained_admin: "پیشرو برای این ایمیل پیوند ثبت‌نامی می‌سازد که به تیمی که انتخاب می‌کنید می‌پیوندد، به عنوان فروشنده یا مدیر آن. یک بار و تا ۷ روز کار می‌کند.",
    create_link: "ساختن پیوند ثبت‌نام",
    link_hint: "خودتان آن را بفرستید (ایمیل یا پیام). هر کس پیوند را داشته باشد می‌تواند از آن استفاده کند، پس فقط برای همان شخص بفرستید.",
    invites_heading: "دعوت‌ها (۳۰ روز گذشته)",
    email: "ایمیل",
    state: "وضعیت",
    expires: "معتبر تا",
    revoke: "لغو",
    waiting: "در انتظار",
    used: "پیوست",
    expired: "منقضی",
    revoked: "لغو شده",
};

pub fn people_texts(locale: Locale) -> &'static PeopleTexts {
    match locale {
        Locale::En => &ENGLISH,
        Locale::Fa => &PERSIAN,
    }
}

/// Where an invitation stands, in words.
pub fn invite_state_text(
    locale: Locale,
    state: crate::domain::invite::InviteState,
) -> &'static str {
    use crate::domain::invite::InviteState;
    let words = people_texts(locale);
    match state {
        InviteState::Waiting => words.waiting,
        InviteState::Used => words.used,
        InviteState::Expired => words.expired,
        InviteState::Revoked => words.revoked,
    }
}

/// The label of a fresh link: whom it is for.
pub fn link_label(locale: Locale, email: &str) -> String {
    match locale {
        Locale::En => format!("Sign-up link for {email}"),
        Locale::Fa => format!("پیوند ثبت‌نام برای {email}"),
    }
}

/// A rep's capacity as a cell shows it: theirs, or the usual one.
pub fn capacity_text(locale: Locale, capacity: Option<u32>) -> String {
    match capacity {
        Some(capacity) => localize_digits(locale, &capacity.to_string()),
        None => {
            let usual = localize_digits(locale, &USUAL_CAPACITY.to_string());
            match locale {
                Locale::En => format!("Usual ({usual})"),
                Locale::Fa => format!("معمول ({usual})"),
            }
        }
    }
}

/// Where a rep is today: in, away until a day, or in with an absence ahead.
pub fn availability_text(
    locale: Locale,
    away_until: Option<NaiveDate>,
    next_absence: Option<NaiveDate>,
) -> String {
    match (away_until, next_absence) {
        (Some(until), _) => match locale {
            Locale::En => format!("Away until {}", format_date(locale, until)),
            Locale::Fa => format!("غایب تا {}", format_date(locale, until)),
        },
        (None, Some(from)) => match locale {
            Locale::En => format!("In · away from {}", format_date(locale, from)),
            Locale::Fa => format!("حاضر، غایب از {}", format_date(locale, from)),
        },
        (None, None) => people_texts(locale).present.to_string(),
    }
}

/// The name of the deactivate button, with whom it stops.
pub fn deactivate_label(locale: Locale, name: &str) -> String {
    match locale {
        Locale::En => format!("Deactivate {name}"),
        Locale::Fa => format!("غیرفعال کردن {name}"),
    }
}

/// "2 to hire", "1 over the plan", "As planned".
pub fn headcount_gap(locale: Locale, gap: i64) -> String {
    let number = |value: i64| super::localize_digits(locale, &value.to_string());
    match (locale, gap) {
        (Locale::En, 0) => "As planned".into(),
        (Locale::En, more) if more > 0 => format!("{} to hire", number(more)),
        (Locale::En, over) => format!("{} over the plan", number(-over)),
        (Locale::Fa, 0) => "مطابق برنامه".into(),
        (Locale::Fa, more) if more > 0 => format!("{} نفر برای استخدام", number(more)),
        (Locale::Fa, over) => format!("{} نفر بیش از برنامه", number(-over)),
    }
}

/// "Started 10 Mar 2024 · 32 months with the company".
pub fn tenure_text(locale: Locale, started_on: NaiveDate, months: Option<u32>) -> String {
    let day = format_date(locale, started_on);
    let months = months.map(|months| localize_digits(locale, &months.to_string()));
    match (locale, months) {
        (Locale::En, Some(months)) if months == "1" => {
            format!("Started {day} · 1 month with the company")
        }
        (Locale::En, Some(months)) => format!("Started {day} · {months} months with the company"),
        (Locale::En, None) => format!("Starts {day}"),
        (Locale::Fa, Some(months)) => format!("شروع: {day} · {months} ماه با شرکت"),
        (Locale::Fa, None) => format!("شروع: {day}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn availability_reads_in_both_languages() {
        let day: NaiveDate = "2026-12-08".parse().expect("a date");
        assert_eq!(availability_text(Locale::En, None, None), "In");
        assert!(availability_text(Locale::En, Some(day), None).starts_with("Away until "));
        assert!(availability_text(Locale::Fa, Some(day), None).starts_with("غایب تا "));
        assert!(availability_text(Locale::En, None, Some(day)).starts_with("In · away from "));
        assert_eq!(capacity_text(Locale::En, None), "Usual (100)");
        assert_eq!(capacity_text(Locale::Fa, Some(40)), "۴۰");
    }
}

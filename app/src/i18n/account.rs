//! The words of a person's own account page, in English and Persian.

use crate::domain::Locale;

/// Every fixed string of the account page, in one language.
pub struct AccountTexts {
    pub title: &'static str,
    pub name: &'static str,
    pub email: &'static str,
    pub role: &'static str,
    pub team: &'static str,
    pub no_team: &'static str,
    pub language_hint: &'static str,
    pub password_heading: &'static str,
    pub password_explained: &'static str,
    pub change_password: &'static str,
    pub password_changed: &'static str,
}

pub const ENGLISH: AccountTexts = AccountTexts {
    title: "Your account",
    name: "Name",
    email: "E-mail",
    role: "Role",
    team: "Team",
    no_team: "No team",
    language_hint: "Change the language with the button at the top; Pishro remembers it on every device.",
    password_heading: "Change your password",
    password_explained: "At least 10 characters. Every other device signed in as you is signed out; work waiting on them stays until you sign in there again.",
    change_password: "Change password",
    password_changed: "Password changed. Your other devices are signed out.",
};

pub const PERSIAN: AccountTexts = AccountTexts {
    title: "حساب شما",
    name: "نام",
    email: "ایمیل",
    role: "نقش",
    team: "تیم",
    no_team: "بدون تیم",
    language_hint: "زبان را با دکمهٔ بالای صفحه عوض کنید؛ پیشرو آن را در همهٔ دستگاه‌ها به خاطر می‌سپارد.",
    password_heading: "تغییر گذرواژه",
    password_explained: "دست‌کم ۱۰ نویسه. همهٔ دستگاه‌های دیگری که با حساب شما وارد شده‌اند خارج می‌شوند؛ کارهای منتظر روی آن‌ها تا ورود دوباره می‌مانند.",
    change_password: "تغییر گذرواژه",
    password_changed: "گذرواژه تغییر کرد. دستگاه‌های دیگر شما خارج شدند.",
};

pub fn account_texts(locale: Locale) -> &'static AccountTexts {
    match locale {
        Locale::En => &ENGLISH,
        Locale::Fa => &PERSIAN,
    }
}

/// Every fixed string of the sign-up link's page, in one language.
pub struct JoinTexts {
    pub dead_title: &'static str,
    pub dead_explained: &'static str,
    pub go_sign_in: &'static str,
    pub password_hint: &'static str,
    pub create_account: &'static str,
}

pub const JOIN_ENGLISH: JoinTexts = JoinTexts {
    dead_title: "This sign-up link cannot be used",
    dead_explained: "It was already used, has expired, or a newer link replaced it. Ask your manager for a new one.",
    go_sign_in: "Go to sign in",
    password_hint: "At least 10 characters. You sign in with your e-mail and this password.",
    create_account: "Create my account",
};

pub const JOIN_PERSIAN: JoinTexts = JoinTexts {
    dead_title: "این پیوند ثبت‌نام قابل استفاده نیست",
    dead_explained: "قبلاً استفاده شده، منقضی شده یا پیوند تازه‌تری جای آن را گرفته است. از مدیرتان پیوند تازه بخواهید.",
    go_sign_in: "رفتن به صفحهٔ ورود",
    password_hint: "دست‌کم ۱۰ نویسه. با ایمیل خود و این گذرواژه وارد می‌شوید.",
    create_account: "ساختن حساب من",
};

pub fn join_texts(locale: Locale) -> &'static JoinTexts {
    match locale {
        Locale::En => &JOIN_ENGLISH,
        Locale::Fa => &JOIN_PERSIAN,
    }
}

/// The page's title: which team the link joins.
pub fn join_title(locale: Locale, team: &str) -> String {
    match locale {
        Locale::En => format!("Join {team} on Pishro"),
        Locale::Fa => format!("پیوستن به {team} در پیشرو"),
    }
}

/// Who invited whom, as what.
pub fn invited_by(locale: Locale, inviter: &str, role: &str, email: &str) -> String {
    match locale {
        Locale::En => format!(
            "{inviter} invited you as a {}. Your e-mail: {email}",
            role.to_ascii_lowercase()
        ),
        Locale::Fa => format!("{inviter} شما را به عنوان {role} دعوت کرده است. ایمیل شما: {email}"),
    }
}

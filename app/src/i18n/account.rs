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

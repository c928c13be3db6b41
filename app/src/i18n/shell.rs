//! The words of the frame around every screen (the tab bar, its "More"
//! sheet and the compact sync indicator), in English and Persian.

use crate::domain::Locale;

/// Every fixed string of the shell that `Texts` does not already hold.
pub struct ShellTexts {
    /// The tab that opens the sheet with the role's other screens.
    pub more: &'static str,
    pub close: &'static str,
    /// Heading of the sheet, naming who is signed in.
    pub signed_in_as: &'static str,
    /// Read before the indicator's state by a screen reader.
    pub sync_indicator: &'static str,
    pub synced: &'static str,
    pub offline_short: &'static str,
    pub not_synced_yet: &'static str,
    /// While a sync runs: short, since the indicator keeps the room of its
    /// longest word.
    pub syncing_short: &'static str,
    /// After the number of changes still on this device.
    pub changes_waiting: &'static str,
    /// A screen whose code the device could not fetch (offline before it
    /// was ever stored).
    pub screen_not_stored_title: &'static str,
    pub screen_not_stored: &'static str,
    pub try_again: &'static str,
    /// In place of the sync notices, if their code could not be fetched.
    pub notices_not_stored: &'static str,
    /// In the sync panel: whether every screen can open with no network.
    pub screens_stored: &'static str,
    pub screens_storing: &'static str,
    pub screens_not_all_stored: &'static str,
}

pub const ENGLISH: ShellTexts = ShellTexts {
    more: "More",
    close: "Close",
    signed_in_as: "Signed in as",
    sync_indicator: "Sync status:",
    synced: "Synced",
    offline_short: "Offline",
    not_synced_yet: "Not synced yet",
    syncing_short: "Syncing…",
    changes_waiting: "changes waiting",
    screen_not_stored_title: "This screen is not on this device yet",
    screen_not_stored: "It has not been stored for offline use yet. Your work is safe; the screen opens as soon as the device is back online.",
    try_again: "Try again",
    notices_not_stored: "Sync has notices for you that this device cannot show yet: their part of the app is not stored on it. Your work is safe; try again once the device is online.",
    screens_stored: "Every screen is stored on this device and opens offline.",
    screens_storing: "Storing the screens on this device for offline use…",
    screens_not_all_stored: "Some screens are not stored on this device yet; they are fetched when the network returns.",
};

pub const PERSIAN: ShellTexts = ShellTexts {
    more: "بیشتر",
    close: "بستن",
    signed_in_as: "واردشده با نام",
    sync_indicator: "وضعیت همگام‌سازی:",
    synced: "همگام",
    offline_short: "آفلاین",
    not_synced_yet: "هنوز همگام نشده",
    syncing_short: "همگام‌سازی…",
    changes_waiting: "تغییر در انتظار",
    screen_not_stored_title: "این صفحه هنوز روی این دستگاه نیست",
    screen_not_stored: "این صفحه هنوز برای کار آفلاین ذخیره نشده است. کارهای شما محفوظ است؛ به محض وصل شدن دستگاه، صفحه باز می‌شود.",
    try_again: "دوباره امتحان کنید",
    notices_not_stored: "همگام‌سازی پیام‌هایی برای شما دارد که این دستگاه هنوز نمی‌تواند نشان دهد، چون این بخش از برنامه روی آن ذخیره نشده است. کارهای شما محفوظ است؛ وقتی دستگاه وصل شد دوباره امتحان کنید.",
    screens_stored: "همهٔ صفحه‌ها روی این دستگاه ذخیره شده‌اند و آفلاین باز می‌شوند.",
    screens_storing: "در حال ذخیرهٔ صفحه‌ها روی این دستگاه برای کار آفلاین…",
    screens_not_all_stored: "برخی صفحه‌ها هنوز روی این دستگاه ذخیره نشده‌اند؛ با برگشتن اینترنت گرفته می‌شوند.",
};

pub fn shell_texts(locale: Locale) -> &'static ShellTexts {
    match locale {
        Locale::En => &ENGLISH,
        Locale::Fa => &PERSIAN,
    }
}

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
    /// After the number of changes still on this device.
    pub changes_waiting: &'static str,
}

pub const ENGLISH: ShellTexts = ShellTexts {
    more: "More",
    close: "Close",
    signed_in_as: "Signed in as",
    sync_indicator: "Sync status:",
    synced: "Synced",
    offline_short: "Offline",
    not_synced_yet: "Not synced yet",
    changes_waiting: "changes waiting",
};

pub const PERSIAN: ShellTexts = ShellTexts {
    more: "بیشتر",
    close: "بستن",
    signed_in_as: "واردشده با نام",
    sync_indicator: "وضعیت همگام‌سازی:",
    synced: "همگام",
    offline_short: "آفلاین",
    not_synced_yet: "هنوز همگام نشده",
    changes_waiting: "تغییر در انتظار",
};

pub fn shell_texts(locale: Locale) -> &'static ShellTexts {
    match locale {
        Locale::En => &ENGLISH,
        Locale::Fa => &PERSIAN,
    }
}

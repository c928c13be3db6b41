//! The words of the events screen (what each fair, conference or webinar
//! brought, and leads per source), in English and Persian.

use crate::domain::Locale;
use crate::domain::event::EventKind;

/// Every fixed string of the events screen, in one language.
pub struct EventTexts {
    pub title: &'static str,
    pub explained: &'static str,
    pub team: &'static str,
    pub results_heading: &'static str,
    pub no_events: &'static str,
    pub event: &'static str,
    pub cost: &'static str,
    pub leads: &'static str,
    pub won: &'static str,
    pub revenue: &'static str,
    pub cost_per_lead: &'static str,
    pub cost_per_won: &'static str,
    pub return_on_cost: &'static str,
    pub edit: &'static str,
    pub delete: &'static str,
    pub add_heading: &'static str,
    pub edit_heading: &'static str,
    pub save: &'static str,
    pub cancel: &'static str,
    pub saved: &'static str,
    pub sources_heading: &'static str,
    pub source: &'static str,
    pub win_rate: &'static str,
    pub no_leads: &'static str,
    pub nothing: &'static str,
    pub import_hint: &'static str,
    pub confirm_delete: &'static str,
}

pub const ENGLISH: EventTexts = EventTexts {
    title: "Events",
    explained: "The fairs, conferences and webinars your team goes to for leads, and whether each paid for itself. Tag the leads you bring back by choosing the event when you import them.",
    team: "Team",
    results_heading: "What each event brought",
    no_events: "No events yet. Add the fairs, conferences and webinars your team goes to below.",
    event: "Event",
    cost: "Cost",
    leads: "Leads",
    won: "Won",
    revenue: "Revenue won",
    cost_per_lead: "Cost per lead",
    cost_per_won: "Cost per won deal",
    return_on_cost: "Return on cost",
    edit: "Edit",
    delete: "Delete",
    add_heading: "Add an event",
    edit_heading: "Change the event",
    save: "Save event",
    cancel: "Cancel",
    saved: "Event saved.",
    sources_heading: "Leads by source",
    source: "Source",
    win_rate: "Win rate",
    no_leads: "No leads yet.",
    nothing: "—",
    import_hint: "Bring back a list of leads? Import it and choose this event.",
    confirm_delete: "Delete this event? Its leads stay, without the event.",
};

pub const PERSIAN: EventTexts = EventTexts {
    title: "رویدادها",
    explained: "نمایشگاه‌ها، همایش‌ها و وبینارهایی که تیم برای سرنخ به آن‌ها می‌رود، و اینکه هر کدام هزینه‌اش را درآورد یا نه. سرنخ‌هایی را که می‌آورید هنگام ورود فهرست با انتخاب رویداد برچسب بزنید.",
    team: "تیم",
    results_heading: "دستاورد هر رویداد",
    no_events: "هنوز رویدادی نیست. نمایشگاه‌ها، همایش‌ها و وبینارهای تیم را در پایین اضافه کنید.",
    event: "رویداد",
    cost: "هزینه",
    leads: "سرنخ",
    won: "موفق",
    revenue: "درآمد قراردادها",
    cost_per_lead: "هزینهٔ هر سرنخ",
    cost_per_won: "هزینهٔ هر معاملهٔ موفق",
    return_on_cost: "بازگشت هزینه",
    edit: "ویرایش",
    delete: "حذف",
    add_heading: "افزودن رویداد",
    edit_heading: "ویرایش رویداد",
    save: "ذخیرهٔ رویداد",
    cancel: "انصراف",
    saved: "رویداد ذخیره شد.",
    sources_heading: "سرنخ‌ها بر پایهٔ منبع",
    source: "منبع",
    win_rate: "نرخ موفقیت",
    no_leads: "هنوز سرنخی نیست.",
    nothing: "—",
    import_hint: "فهرست سرنخ آورده‌اید؟ آن را وارد کنید و این رویداد را برگزینید.",
    confirm_delete: "این رویداد حذف شود؟ سرنخ‌هایش می‌مانند، بدون رویداد.",
};

pub fn event_texts(locale: Locale) -> &'static EventTexts {
    match locale {
        Locale::En => &ENGLISH,
        Locale::Fa => &PERSIAN,
    }
}

impl super::Label for EventKind {
    fn label(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (EventKind::Fair, Locale::En) => "Trade fair",
            (EventKind::Fair, Locale::Fa) => "نمایشگاه",
            (EventKind::Conference, Locale::En) => "Conference",
            (EventKind::Conference, Locale::Fa) => "همایش",
            (EventKind::Webinar, Locale::En) => "Webinar",
            (EventKind::Webinar, Locale::Fa) => "وبینار",
            (EventKind::Other, Locale::En) => "Other",
            (EventKind::Other, Locale::Fa) => "دیگر",
        }
    }
}

/// A return on cost in whole percent, e.g. "150%" ("۱۵۰٪").
pub fn percent_text(locale: Locale, percent: i64) -> String {
    match locale {
        Locale::En => format!("{percent}%"),
        Locale::Fa => format!("{}٪", super::localize_digits(locale, &percent.to_string())),
    }
}

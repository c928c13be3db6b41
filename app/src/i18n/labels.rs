//! The names of values a person reads: each choice (stage, source,
//! activity kind, outcome, tactic, goal metric and scope, customer kind,
//! record kind, role, currency) in both languages, and the labels of the
//! lead list's orders and of a lead's fields.

use super::texts;
use crate::domain::activity::{ActivityKind, Outcome, Tactic};
use crate::domain::goal::{GoalMetric, GoalScope};
use crate::domain::lead::{CustomerKind, LeadSource, LeadStage};
use crate::domain::record::RecordKind;
use crate::domain::user::Role;
use crate::domain::{Currency, Locale};

/// A value's name as shown to a reader of `locale`.
pub trait Label: Copy {
    fn label(self, locale: Locale) -> &'static str;
}

macro_rules! labels {
    ($type:ty { $($variant:path => ($english:literal, $persian:literal)),+ $(,)? }) => {
        impl Label for $type {
            fn label(self, locale: Locale) -> &'static str {
                match (self, locale) {
                    $(($variant, Locale::En) => $english, ($variant, Locale::Fa) => $persian,)+
                }
            }
        }
    };
}

labels!(LeadStage {
    LeadStage::New => ("New", "جدید"),
    LeadStage::Contacted => ("Contacted", "تماس گرفته شد"),
    LeadStage::Qualified => ("Qualified", "واجد شرایط"),
    LeadStage::Proposal => ("Proposal", "پیشنهاد"),
    LeadStage::Negotiation => ("Negotiation", "مذاکره"),
    LeadStage::Won => ("Won", "موفق"),
    LeadStage::Lost => ("Lost", "از دست رفته"),
});
labels!(LeadSource {
    LeadSource::Referral => ("Referral", "معرفی"),
    LeadSource::Event => ("Event", "رویداد"),
    LeadSource::Website => ("Website", "وب‌سایت"),
    LeadSource::ColdList => ("Cold list", "فهرست سرد"),
    LeadSource::Social => ("Social media", "شبکه‌های اجتماعی"),
    LeadSource::Other => ("Other", "سایر"),
});
labels!(CustomerKind {
    CustomerKind::New => ("New customer", "مشتری جدید"),
    CustomerKind::Existing => ("Existing customer", "مشتری فعلی"),
});
labels!(ActivityKind {
    ActivityKind::Call => ("Call", "تماس"),
    ActivityKind::Meeting => ("Meeting", "جلسه"),
    ActivityKind::Email => ("Email", "ایمیل"),
    ActivityKind::Task => ("Task", "کار"),
    ActivityKind::Note => ("Note", "یادداشت"),
});
labels!(Tactic {
    Tactic::ColdCall => ("Cold call", "تماس سرد"),
    Tactic::WarmCall => ("Warm call", "تماس گرم"),
    Tactic::PersonalisedEmail => ("Personalised email", "ایمیل شخصی"),
    Tactic::Referral => ("Referral", "معرفی"),
    Tactic::Event => ("Event", "رویداد"),
    Tactic::Visit => ("Visit", "بازدید حضوری"),
    Tactic::Social => ("Social media", "شبکه‌های اجتماعی"),
    Tactic::Other => ("Other", "سایر"),
});
labels!(Outcome {
    Outcome::Reached => ("Reached", "پاسخ داد"),
    Outcome::NoAnswer => ("No answer", "بی‌پاسخ"),
    Outcome::Interested => ("Interested", "علاقه‌مند"),
    Outcome::NotInterested => ("Not interested", "بی‌علاقه"),
    Outcome::MeetingBooked => ("Meeting booked", "جلسه تنظیم شد"),
    Outcome::Completed => ("Completed", "انجام شد"),
});
labels!(GoalScope {
    GoalScope::Rep => ("A rep", "یک کارشناس"),
    GoalScope::Team => ("The whole team", "کل تیم"),
});
labels!(crate::domain::period::Calendar {
    crate::domain::period::Calendar::Gregorian => ("Gregorian calendar", "تقویم میلادی"),
    crate::domain::period::Calendar::Jalali => ("Jalali calendar (Iranian fiscal year)", "تقویم شمسی (سال مالی ایران)"),
});
labels!(GoalMetric {
    GoalMetric::RevenueWon => ("Revenue won", "درآمد کسب‌شده"),
    GoalMetric::DealsWon => ("Deals won", "معاملات موفق"),
    GoalMetric::NewCustomers => ("New customers", "مشتریان جدید"),
    GoalMetric::Calls => ("Calls", "تماس‌ها"),
    GoalMetric::Meetings => ("Meetings", "جلسه‌ها"),
    GoalMetric::Activities => ("Activities logged", "فعالیت‌های ثبت‌شده"),
    GoalMetric::ConversionRate => ("Conversion rate (%)", "نرخ تبدیل (٪)"),
    GoalMetric::TrainingCompleted => ("Training completed", "آموزش‌های تکمیل‌شده"),
});
labels!(RecordKind {
    RecordKind::Budget => ("Budget", "بودجه"),
    RecordKind::Staff => ("Staff", "کارکنان"),
    RecordKind::Training => ("Training", "آموزش"),
    RecordKind::Other => ("Other", "سایر"),
});
labels!(Role {
    Role::Rep => ("Rep", "کارشناس فروش"),
    Role::Manager => ("Manager", "مدیر فروش"),
    Role::Admin => ("Admin", "مدیر سیستم"),
});
labels!(Currency {
    Currency::Irr => ("Iranian rial (IRR)", "ریال"),
    Currency::Usd => ("US dollar (USD)", "دلار آمریکا"),
    Currency::Eur => ("Euro (EUR)", "یورو"),
    Currency::Aed => ("UAE dirham (AED)", "درهم امارات"),
});

/// The name of a lead list order.
pub fn lead_order_label(locale: Locale, order: crate::domain::search::LeadOrder) -> &'static str {
    use crate::domain::search::LeadOrder;
    let texts = texts(locale);
    match order {
        LeadOrder::RecentlyUpdated => texts.order_recently_updated,
        LeadOrder::HighestValue => texts.order_highest_value,
        LeadOrder::LastActivity => texts.order_last_activity,
        LeadOrder::NextFollowUp => texts.order_next_follow_up,
    }
}

/// A lead field's label, by its draft name (for conflict notices).
pub fn lead_field_label(locale: Locale, field: &str) -> &'static str {
    let texts = texts(locale);
    match field {
        "owner_id" => texts.owner,
        "name" => texts.name,
        "company" => texts.company,
        "phone" => texts.phone,
        "email" => texts.email,
        "source" => texts.source,
        "stage" => texts.stage,
        "estimated_value" => texts.estimated_value,
        "currency" => texts.currency,
        "customer_kind" => texts.customer,
        "won_amount" => texts.won_amount,
        "lost_reason" => texts.lost_reason,
        "closed_on" => texts.closed_on,
        _ => "?",
    }
}

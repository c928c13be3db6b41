//! The translation layer: every string a user sees comes from here, in
//! English and Persian. The fixed strings are in `catalogue` (one `Texts`
//! per language); this module holds the labels of values and the messages
//! built from them (errors, conflicts, moves, pace), and each screen with
//! many strings of its own has a module here.

pub mod account;
pub mod audit;
pub mod budgets;
mod catalogue;
pub mod dashboard;
pub mod events;
pub mod format;
pub mod insights;
pub mod lead_import;
pub mod lead_merge;
pub mod on_demand;
pub mod people;
pub mod pool;
pub mod reports;
pub mod shell;
pub mod team_days;
pub mod training;

use crate::domain::activity::{ActivityKind, Outcome, Tactic};
use crate::domain::goal::{GoalMetric, GoalScope};
use crate::domain::lead::{CustomerKind, LeadSource, LeadStage};
use crate::domain::record::RecordKind;
use crate::domain::user::Role;
use crate::domain::validation::FieldProblem;
use crate::domain::{Currency, Locale};
use crate::error::AppError;

pub use format::{format_date, format_date_time, format_money, format_number, localize_digits};

pub use catalogue::{ENGLISH, PERSIAN, Texts, texts};

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

/// What a form shows next to a field with a problem.
pub fn field_problem_message(locale: Locale, problem: &FieldProblem) -> String {
    let english = locale == Locale::En;
    let text = |en: &str, fa: &str| {
        if english {
            en.to_string()
        } else {
            fa.to_string()
        }
    };
    match problem {
        FieldProblem::Required => text("This field is required.", "این فیلد لازم است."),
        FieldProblem::TooLong { max } => {
            if english {
                format!("Too long: at most {max} characters.")
            } else {
                format!(
                    "خیلی طولانی است: حداکثر {} نویسه.",
                    localize_digits(locale, &max.to_string())
                )
            }
        }
        FieldProblem::InvalidEmail => text(
            "Enter an e-mail address like name@example.com.",
            "یک نشانی ایمیل مانند name@example.com وارد کنید.",
        ),
        FieldProblem::InvalidPhone => text(
            "Enter a phone number of 5 to 15 digits.",
            "شماره تلفن باید ۵ تا ۱۵ رقم باشد.",
        ),
        FieldProblem::NotANumber => text("Enter a number.", "یک عدد وارد کنید."),
        FieldProblem::Negative => text("Cannot be negative.", "نمی‌تواند منفی باشد."),
        FieldProblem::TooLarge => text("That number is too large.", "این عدد بیش از حد بزرگ است."),
        FieldProblem::TooSmall { min } => {
            if english {
                format!("Enter at least {min}.")
            } else {
                format!(
                    "دست‌کم {} وارد کنید.",
                    localize_digits(locale, &min.to_string())
                )
            }
        }
        FieldProblem::WrongPassword => text(
            "That is not your current password.",
            "این گذرواژهٔ فعلی شما نیست.",
        ),
        FieldProblem::PasswordsDiffer => text(
            "The two new passwords differ. Type the same one twice.",
            "دو گذرواژهٔ تازه یکی نیستند. یک گذرواژه را دو بار بنویسید.",
        ),
        FieldProblem::NobodyPresent => text(
            "Every rep you chose is away today. Choose someone who is in.",
            "همه نمایندگانی که انتخاب کردید امروز غایب‌اند. کسی را انتخاب کنید که حاضر است.",
        ),
        FieldProblem::MustBeEmpty => text(
            "Leave this field empty, then send again.",
            "این خانه را خالی بگذارید و دوباره بفرستید.",
        ),
        FieldProblem::PhoneOrEmailRequired => text(
            "Give a phone number or an e-mail address, so we can reach you.",
            "شماره تلفن یا نشانی ایمیل بدهید تا بتوانیم با شما تماس بگیریم.",
        ),
        FieldProblem::UnknownChoice => text(
            "Pick one of the listed choices.",
            "یکی از گزینه‌های فهرست را انتخاب کنید.",
        ),
        FieldProblem::InvalidDate => text("Enter a valid date.", "یک تاریخ معتبر وارد کنید."),
        FieldProblem::InFuture => text("This day has not come yet.", "این روز هنوز نرسیده است."),
        FieldProblem::EndBeforeStart => text(
            "The end must not be before the start.",
            "پایان نباید پیش از شروع باشد.",
        ),
        FieldProblem::WonAmountRequired => text(
            "A won deal needs the amount won.",
            "برای معامله موفق، مبلغ قرارداد را وارد کنید.",
        ),
        FieldProblem::LostReasonRequired => text(
            "Say why the deal was lost.",
            "دلیل از دست رفتن معامله را بنویسید.",
        ),
        FieldProblem::NotAllowed => text(
            "You cannot assign this to that person.",
            "شما نمی‌توانید این را به آن شخص واگذار کنید.",
        ),
        FieldProblem::PasswordTooShort { min } => {
            if english {
                format!("Use at least {min} characters.")
            } else {
                format!(
                    "دست‌کم {} نویسه به کار ببرید.",
                    localize_digits(locale, &min.to_string())
                )
            }
        }
        FieldProblem::EmailTaken => text(
            "This e-mail is already in use.",
            "این ایمیل قبلاً استفاده شده است.",
        ),
        FieldProblem::Repeated => text(
            "This field was changed twice in one save.",
            "این فیلد در یک ذخیره دو بار تغییر کرده است.",
        ),
        FieldProblem::TooMany { max } => {
            if english {
                format!("At most {max} changes at once.")
            } else {
                format!(
                    "حداکثر {} تغییر در یک بار.",
                    localize_digits(locale, &max.to_string())
                )
            }
        }
        FieldProblem::BadFile { file } => lead_import::file_problem_message(locale, file),
    }
}

/// What a page shows when a server function fails.
pub fn error_message(locale: Locale, error: &AppError) -> &'static str {
    let english = locale == Locale::En;
    let pick = |en: &'static str, fa: &'static str| if english { en } else { fa };
    match error {
        AppError::Unauthenticated => pick("Please sign in again.", "لطفاً دوباره وارد شوید."),
        AppError::Forbidden => pick(
            "You do not have access to this.",
            "به این مورد دسترسی ندارید.",
        ),
        AppError::NotFound => pick(
            "This record does not exist or was deleted.",
            "این مورد وجود ندارد یا حذف شده است.",
        ),
        AppError::Invalid(_) => pick(
            "Please fix the marked fields.",
            "لطفاً فیلدهای مشخص‌شده را اصلاح کنید.",
        ),
        AppError::BadCredentials => pick(
            "The e-mail or password is not right.",
            "ایمیل یا گذرواژه درست نیست.",
        ),
        AppError::BadRequest => pick(
            "The request was not understood. Please reload Pishro.",
            "درخواست نامفهوم بود. لطفاً پیشرو را دوباره بارگذاری کنید.",
        ),
        AppError::UnsupportedProtocol { .. } => pick(
            "Pishro was updated. Please reload the page; your unsent changes are kept.",
            "پیشرو به‌روز شده است. صفحه را دوباره بارگذاری کنید؛ تغییرات ارسال‌نشده شما حفظ می‌شوند.",
        ),
        AppError::Internal => pick(
            "The server had a problem. Please try again.",
            "سرور با مشکل روبه‌رو شد. دوباره تلاش کنید.",
        ),
        AppError::Network(_) => pick(
            "Could not reach the server. Check the connection and try again.",
            "اتصال به سرور ممکن نشد. اتصال را بررسی و دوباره تلاش کنید.",
        ),
        AppError::StorageFull => pick(
            "This device's storage is full. The change was not saved; sync, then try again.",
            "فضای ذخیره‌سازی این دستگاه پر است. این تغییر ذخیره نشد؛ همگام‌سازی کنید و دوباره تلاش کنید.",
        ),
        AppError::TooManyAttempts { .. } => pick(
            "Too many wrong passwords for this e-mail. Wait a few minutes, then try again.",
            "رمز عبور این ایمیل چند بار اشتباه وارد شد. چند دقیقه صبر کنید و دوباره تلاش کنید.",
        ),
        AppError::TooManySubmissions { .. } => pick(
            "Too many messages were sent from your network or to this form. Wait a few minutes, then send again.",
            "از شبکهٔ شما یا به این فرم پیام‌های زیادی فرستاده شده است. چند دقیقه صبر کنید و دوباره بفرستید.",
        ),
    }
}

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

/// Tells a rep that someone else's later change replaced a value of theirs.
pub fn conflict_message(locale: Locale, notice: &crate::sync::protocol::ConflictNotice) -> String {
    let field = lead_field_label(locale, &notice.field);
    let (yours, theirs) = (
        localize_digits(locale, &notice.your_value),
        localize_digits(locale, &notice.their_value),
    );
    match locale {
        Locale::En => format!(
            "{} changed {} of “{}” to “{}”. Your value was “{}”.",
            notice.changed_by_name, field, notice.lead_name, theirs, yours
        ),
        Locale::Fa => format!(
            "{} مقدار «{}» در «{}» را به «{}» تغییر داد. مقدار شما «{}» بود.",
            notice.changed_by_name, field, notice.lead_name, theirs, yours
        ),
    }
}

/// What a refused change was, in a few words, for the sync notices.
pub fn refused_change_message(
    locale: Locale,
    operation: Option<&crate::sync::protocol::Operation>,
    reason: &AppError,
) -> String {
    use crate::sync::protocol::Operation;
    let english = locale == Locale::En;
    let what = match operation {
        Some(Operation::CreateLead { draft }) => {
            if english {
                format!("New lead “{}”", draft.name)
            } else {
                format!("سرنخ تازه «{}»", draft.name)
            }
        }
        Some(Operation::UpdateLead { .. }) => (if english {
            "A lead edit"
        } else {
            "ویرایش یک سرنخ"
        })
        .to_string(),
        Some(Operation::DeleteLead { .. }) => (if english {
            "A lead deletion"
        } else {
            "حذف یک سرنخ"
        })
        .to_string(),
        Some(Operation::LogActivity { draft } | Operation::UpdateActivity { draft }) => {
            let kind = <ActivityKind as crate::domain::Choice>::parse(&draft.kind)
                .map(|kind| kind.label(locale))
                .unwrap_or("?");
            if english {
                format!("Activity ({kind})")
            } else {
                format!("فعالیت ({kind})")
            }
        }
        Some(Operation::CompleteTask { .. }) => (if english {
            "A task update"
        } else {
            "به‌روزرسانی یک کار"
        })
        .to_string(),
        Some(Operation::DeleteActivity { .. }) => (if english {
            "An activity deletion"
        } else {
            "حذف یک فعالیت"
        })
        .to_string(),
        Some(Operation::GiveKudos { draft }) => {
            if english {
                format!("Kudos “{}”", draft.message)
            } else {
                format!("تشکر «{}»", draft.message)
            }
        }
        None => (if english {
            "A change"
        } else {
            "یک تغییر"
        })
        .to_string(),
    };
    let problem = match reason {
        AppError::Invalid(problems) => problems
            .0
            .iter()
            .map(|error| {
                format!(
                    "{}: {}",
                    lead_field_label(locale, &error.field),
                    field_problem_message(locale, &error.problem)
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
        other => error_message(locale, other).to_string(),
    };
    if english {
        format!("{what} was not saved on the server: {problem}")
    } else {
        format!("{what} روی سرور ذخیره نشد: {problem}")
    }
}

/// Names whose unsynced changes this device keeps (sign-in screen).
pub fn unsynced_on_device_message(locale: Locale, name: &str, count: usize) -> String {
    let count = localize_digits(locale, &count.to_string());
    match locale {
        Locale::En => format!(
            "This device keeps {count} unsynced change(s) by {name}. They are kept and sent when {name} signs in here again."
        ),
        Locale::Fa => format!(
            "این دستگاه {count} تغییر همگام‌نشده از {name} نگه می‌دارد. این تغییرات حفظ می‌شوند و وقتی {name} دوباره اینجا وارد شود ارسال می‌شوند."
        ),
    }
}

/// Asked before signing out with changes not yet on the server.
pub fn sign_out_unsynced_question(locale: Locale, count: usize) -> String {
    let count = localize_digits(locale, &count.to_string());
    match locale {
        Locale::En => format!(
            "{count} change(s) are not synced yet. They stay on this device and are sent when you sign in here again. Sign out anyway?"
        ),
        Locale::Fa => format!(
            "{count} تغییر هنوز همگام نشده است. این تغییرات روی این دستگاه می‌مانند و وقتی دوباره اینجا وارد شوید ارسال می‌شوند. با این حال خارج می‌شوید؟"
        ),
    }
}

/// Confirms a stage move (the Undo button sits beside it).
pub fn moved_message(locale: Locale, lead_name: &str, stage: crate::domain::LeadStage) -> String {
    match locale {
        Locale::En => format!("Moved “{lead_name}” to {}.", stage.label(locale)),
        Locale::Fa => format!("«{lead_name}» به {} منتقل شد.", stage.label(locale)),
    }
}

/// Names the group of stage buttons on a card, for screen readers.
pub fn move_menu_label(locale: Locale, lead_name: &str) -> String {
    match locale {
        Locale::En => format!("Move “{lead_name}” to"),
        Locale::Fa => format!("انتقال «{lead_name}» به"),
    }
}

/// The title of the dialog that asks for a win's amount or a loss's reason.
pub fn move_dialog_title(
    locale: Locale,
    lead_name: &str,
    stage: crate::domain::LeadStage,
) -> String {
    match locale {
        Locale::En => format!("Move “{lead_name}” to {}", stage.label(locale)),
        Locale::Fa => format!("انتقال «{lead_name}» به {}", stage.label(locale)),
    }
}

/// How long an open lead has gone without any activity.
pub fn idle_days_message(locale: Locale, days: i64) -> String {
    let count = localize_digits(locale, &days.to_string());
    match locale {
        Locale::En => format!("No activity for {count} days"),
        Locale::Fa => format!("{count} روز بدون فعالیت"),
    }
}

/// The quick action that logs one kind of activity on a lead.
pub fn log_kind_label(locale: Locale, kind: ActivityKind) -> String {
    match locale {
        Locale::En => format!("Log {}", kind.label(locale).to_ascii_lowercase()),
        Locale::Fa => format!("ثبت {}", kind.label(locale)),
    }
}

/// One recorded change of a lead, for its timeline: who changed which field
/// from what to what, and whether it overwrote someone's value in a sync.
pub fn lead_change_message(locale: Locale, change: &crate::domain::lead::LeadChange) -> String {
    use crate::domain::Choice;
    if change.field == crate::domain::lead::ASSIGNED_FIELD {
        return lead_import::assignment_message(locale, change);
    }
    if change.field == crate::domain::lead::WEB_FORM_FIELD {
        return pool::web_form_message(locale, change);
    }
    if change.field == crate::domain::lead::MERGED_FIELD {
        return lead_merge::merged_message(locale, change);
    }
    let field = lead_field_label(locale, &change.field);
    let shown = |value: &str| {
        let value = match change.field.as_str() {
            "stage" => LeadStage::parse(value).map(|stage| stage.label(locale).to_string()),
            "source" => LeadSource::parse(value).map(|source| source.label(locale).to_string()),
            "customer_kind" => {
                CustomerKind::parse(value).map(|kind| kind.label(locale).to_string())
            }
            _ => None,
        }
        .unwrap_or_else(|| value.to_string());
        if value.is_empty() {
            "—".to_string()
        } else {
            localize_digits(locale, &value)
        }
    };
    let when = format_date_time(locale, change.at);
    let conflict = if change.conflict {
        format!(" ({})", texts(locale).overwritten_by_sync)
    } else {
        String::new()
    };
    match locale {
        Locale::En => format!(
            "{} changed {} from “{}” to “{}” · {}{}",
            change.changed_by_name,
            field,
            shown(&change.old_value),
            shown(&change.new_value),
            when,
            conflict
        ),
        Locale::Fa => format!(
            "{} {} را از «{}» به «{}» تغییر داد · {}{}",
            change.changed_by_name,
            field,
            shown(&change.old_value),
            shown(&change.new_value),
            when,
            conflict
        ),
    }
}

/// Tells a rep that a lead they created matches one the team already has.
pub fn duplicate_message(
    locale: Locale,
    notice: &crate::sync::protocol::PossibleDuplicate,
) -> String {
    let texts = texts(locale);
    let matched = if notice.matched_on == "phone" {
        texts.phone
    } else {
        texts.email
    };
    match locale {
        Locale::En => format!(
            "“{}” may be a duplicate: {} already has “{}” with the same {}.",
            notice.lead_name,
            notice.existing_owner_name,
            notice.existing_lead_name,
            matched.to_ascii_lowercase()
        ),
        Locale::Fa => format!(
            "«{}» شاید تکراری باشد: {} سرنخ «{}» را با همین {} دارد.",
            notice.lead_name, notice.existing_owner_name, notice.existing_lead_name, matched
        ),
    }
}

/// Where a goal stands against an even pace, and where it is heading.
pub fn pace_message(
    locale: Locale,
    pace: crate::domain::period::Pace,
    expected_by_now: &str,
    projected: &str,
) -> String {
    use crate::domain::period::Pace;
    match locale {
        Locale::En => {
            let verdict = match pace {
                Pace::Ahead => "Ahead of pace",
                Pace::OnPace => "On pace",
                Pace::Behind => "Behind pace",
            };
            format!("{verdict} ({expected_by_now} expected by today) · heading for {projected}")
        }
        Locale::Fa => {
            let verdict = match pace {
                Pace::Ahead => "جلوتر از برنامه",
                Pace::OnPace => "مطابق برنامه",
                Pace::Behind => "عقب‌تر از برنامه",
            };
            format!(
                "{verdict} (انتظار تا امروز: {expected_by_now}) · پیش‌بینی پایان دوره: {projected}"
            )
        }
    }
}

/// An in-app notice that a goal crossed 50, 90 or 100 percent.
pub fn milestone_message(locale: Locale, metric: &str, subject: &str, percent: i64) -> String {
    // A name in the other script keeps its own direction (first-strong
    // isolate), so "Reza Rep" does not pull the Persian sentence apart.
    let subject = format!("\u{2068}{subject}\u{2069}");
    match locale {
        Locale::En => format!("{metric} · {subject}: {percent}% of the goal reached"),
        Locale::Fa => format!(
            "{metric} · {subject}: {}٪ هدف محقق شد",
            localize_digits(locale, &percent.to_string())
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Choice;

    #[test]
    fn every_choice_has_a_name_in_both_languages() {
        fn check<T: Choice + Label>() {
            for value in T::ALL {
                for locale in Locale::ALL {
                    assert!(!value.label(*locale).is_empty());
                }
                assert_ne!(value.label(Locale::En), value.label(Locale::Fa));
            }
        }
        check::<LeadStage>();
        check::<LeadSource>();
        check::<CustomerKind>();
        check::<ActivityKind>();
        check::<Tactic>();
        check::<Outcome>();
        check::<GoalScope>();
        check::<GoalMetric>();
        check::<RecordKind>();
        check::<Role>();
        check::<Currency>();
    }

    #[test]
    fn the_labels_tests_and_screen_readers_rely_on_are_stable() {
        let english = texts(Locale::En);
        let labels = [
            english.email,
            english.password,
            english.sign_in,
            english.sign_out,
            english.name,
            english.company,
            english.phone,
            english.source,
            english.stage,
            english.estimated_value,
            english.customer,
            english.activity_type,
            english.tactic,
            english.outcome,
            english.notes,
            english.when,
            english.new_lead,
            english.log_activity,
            english.save,
        ];
        assert_eq!(
            labels,
            [
                "Email",
                "Password",
                "Sign in",
                "Sign out",
                "Name",
                "Company",
                "Phone",
                "Source",
                "Stage",
                "Estimated value",
                "Customer",
                "Type",
                "Tactic",
                "Outcome",
                "Notes",
                "When",
                "New lead",
                "Log activity",
                "Save"
            ]
        );
    }

    #[test]
    fn field_messages_exist_in_persian_with_persian_digits() {
        let message = field_problem_message(Locale::Fa, &FieldProblem::TooLong { max: 120 });
        assert!(message.contains("۱۲۰"), "{message}");
    }
}

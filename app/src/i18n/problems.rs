//! What a person reads when something they sent is wrong: a field's
//! problem next to it, and a failed server call's message.

use super::localize_digits;
use crate::domain::Locale;
use crate::domain::validation::FieldProblem;
use crate::error::AppError;

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
        FieldProblem::BadFile { file } => super::lead_import::file_problem_message(locale, file),
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

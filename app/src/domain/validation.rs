//! Pure validation helpers shared by every entity: field-level problems that a
//! form shows next to the field, digit normalisation (Persian and Arabic digits
//! are accepted everywhere a number is), and the shape checks for text,
//! e-mail, phone and dates.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// What is wrong with one field, as a code the client translates.
///
/// Written with the tag inside the object (`{"problem":"too_long","max":3}`);
/// read back through `problems_on_wire::ProblemOnWire`, a plain struct, because serde's
/// derived reading of a tag-inside enum buffers the object first and cost
/// the browser's first load 20 KB of code (BENCHMARKS, session 31). The
/// wire shape is the same either way (`problems_read_back_as_written`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "problem",
    rename_all = "snake_case",
    try_from = "super::problems_on_wire::ProblemOnWire"
)]
pub enum FieldProblem {
    Required,
    TooLong {
        max: usize,
    },
    InvalidEmail,
    InvalidPhone,
    NotANumber,
    Negative,
    TooLarge,
    /// A number below the least that makes sense (a capacity of 0).
    TooSmall {
        min: u64,
    },
    UnknownChoice,
    InvalidDate,
    EndBeforeStart,
    /// A day that has not come yet where only a past one makes sense (the
    /// day someone started).
    InFuture,
    /// Won deals need the amount actually won.
    WonAmountRequired,
    /// Lost deals need a reason, so the team learns from them.
    LostReasonRequired,
    /// The chosen person or team is not one the user may assign to.
    NotAllowed,
    EmailTaken,
    PasswordTooShort {
        min: usize,
    },
    /// The same field sent twice in one change list.
    Repeated,
    /// A list longer than it can ever be (e.g. changes to a lead's fields).
    TooMany {
        max: usize,
    },
    /// The password typed as the current one is not it.
    WrongPassword,
    /// The new password and its repetition differ.
    PasswordsDiffer,
    /// Every rep chosen to share leads among is away or inactive.
    NobodyPresent,
    /// A field people leave empty (a public form's trap for programs).
    MustBeEmpty,
    /// Neither a phone nor an e-mail: nobody could reach the person.
    PhoneOrEmailRequired,
    /// An uploaded file that cannot be read as a list (too big, not text...).
    BadFile {
        file: super::lead_import::FileProblem,
    },
}

/// One field's problem. `field` is the draft's field name.
///
/// Written flat (`{"field":"name","problem":"required"}`); read through
/// `FieldErrorOnWire` for the reason given on `FieldProblem`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "super::problems_on_wire::FieldErrorOnWire")]
pub struct FieldError {
    pub field: String,
    #[serde(flatten)]
    pub problem: FieldProblem,
}

/// All problems found in one submitted draft.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn add(&mut self, field: &str, problem: FieldProblem) {
        self.0.push(FieldError {
            field: field.to_string(),
            problem,
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The same problems with one field's name changed: a second draft
    /// typed into the same form (a follow-up task) reports on its own input.
    pub fn renamed(mut self, from: &str, to: &str) -> Self {
        for error in &mut self.0 {
            if error.field == from {
                error.field = to.to_string();
            }
        }
        self
    }

    /// The first problem for `field`, which is what the form shows.
    pub fn for_field(&self, field: &str) -> Option<&FieldProblem> {
        self.0
            .iter()
            .find(|error| error.field == field)
            .map(|error| &error.problem)
    }

    /// Records the problem of a field check and yields its value when fine.
    pub fn check<T>(&mut self, field: &str, result: Result<T, FieldProblem>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(problem) => {
                self.add(field, problem);
                None
            }
        }
    }

    /// `Ok(value)` when nothing was found, else the problems.
    pub fn into_result<T>(self, value: impl FnOnce() -> Option<T>) -> Result<T, FieldErrors> {
        if self.is_empty() {
            value().ok_or(self)
        } else {
            Err(self)
        }
    }
}

/// Replaces Persian (۰–۹) and Arabic-Indic (٠–٩) digits with ASCII ones, and
/// the Arabic decimal and thousands separators with `.` and `,`.
pub fn normalize_digits(text: &str) -> String {
    text.chars()
        .map(|character| match character {
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (character as u32 - 0x06F0) as u8),
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (character as u32 - 0x0660) as u8),
            '\u{066B}' => '.',
            '\u{066C}' | '\u{060C}' => ',',
            other => other,
        })
        .collect()
}

/// A required single-line text: trimmed, non-empty, at most `max` characters.
pub fn required_text(value: &str, max: usize) -> Result<String, FieldProblem> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(FieldProblem::Required);
    }
    optional_text(trimmed, max)
}

/// An optional text: trimmed, at most `max` characters (empty is fine).
pub fn optional_text(value: &str, max: usize) -> Result<String, FieldProblem> {
    let trimmed = value.trim();
    if trimmed.chars().count() > max {
        return Err(FieldProblem::TooLong { max });
    }
    Ok(trimmed.to_string())
}

pub const MAX_NAME: usize = 120;
pub const MAX_EMAIL: usize = 254;
pub const MAX_PHONE: usize = 32;
pub const MAX_NOTES: usize = 4000;

/// An optional e-mail address with a plausible shape (`local@domain.tld`), lower-cased.
pub fn optional_email(value: &str) -> Result<String, FieldProblem> {
    let email = super::letter_case::lower_case(&optional_text(value, MAX_EMAIL)?);
    if email.is_empty() || is_email_shape(&email) {
        Ok(email)
    } else {
        Err(FieldProblem::InvalidEmail)
    }
}

/// A required e-mail address, as used to sign in.
pub fn required_email(value: &str) -> Result<String, FieldProblem> {
    let email = optional_email(value)?;
    if email.is_empty() {
        Err(FieldProblem::Required)
    } else {
        Ok(email)
    }
}

fn is_email_shape(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(char::is_whitespace)
}

/// An optional phone number: digits in any script, an optional leading `+`,
/// and spaces, dashes or brackets between; stored as `+` and ASCII digits only.
pub fn optional_phone(value: &str) -> Result<String, FieldProblem> {
    let text = normalize_digits(optional_text(value, MAX_PHONE)?.as_str());
    if text.is_empty() {
        return Ok(text);
    }
    let mut normalized = String::new();
    for (position, character) in text.chars().enumerate() {
        match character {
            '+' if position == 0 => normalized.push('+'),
            '0'..='9' => normalized.push(character),
            ' ' | '-' | '(' | ')' | '.' => {}
            _ => return Err(FieldProblem::InvalidPhone),
        }
    }
    let digit_count = normalized.chars().filter(char::is_ascii_digit).count();
    if (5..=15).contains(&digit_count) {
        Ok(normalized)
    } else {
        Err(FieldProblem::InvalidPhone)
    }
}

/// A whole number, accepting any digit script and thousands separators.
pub fn whole_number(value: &str, max: i64) -> Result<i64, FieldProblem> {
    let text: String = normalize_digits(value.trim())
        .chars()
        .filter(|c| *c != ',' && *c != ' ')
        .collect();
    if text.is_empty() {
        return Err(FieldProblem::Required);
    }
    let number: i64 = text.parse().map_err(|_| {
        if text.starts_with('-') {
            FieldProblem::Negative
        } else {
            FieldProblem::NotANumber
        }
    })?;
    if number < 0 {
        Err(FieldProblem::Negative)
    } else if number > max {
        Err(FieldProblem::TooLarge)
    } else {
        Ok(number)
    }
}

/// A calendar date as `YYYY-MM-DD` (the value of an `<input type="date">`).
pub fn required_date(value: &str) -> Result<NaiveDate, FieldProblem> {
    let text = normalize_digits(value.trim());
    if text.is_empty() {
        return Err(FieldProblem::Required);
    }
    crate::domain::wire_time::parse_day(&text).ok_or(FieldProblem::InvalidDate)
}

// The fixed texts of times below are read and written by hand: chrono's
// `format` and `parse_from_str` bring its format-string parser into the
// browser's first load (about 10 KB of code; BENCHMARKS, session 31).

/// A 24-hour time as people type it and `<input type="time">` gives it:
/// `14:30` or `9:05`, no seconds.
pub fn parse_hour_minute(text: &str) -> Option<chrono::NaiveTime> {
    let (hour, minute) = text.split_once(':')?;
    let number = |part: &str| {
        let short = (1..=2).contains(&part.len()) && part.bytes().all(|byte| byte.is_ascii_digit());
        short.then(|| part.parse::<u32>().ok()).flatten()
    };
    chrono::NaiveTime::from_hms_opt(number(hour)?, number(minute)?, 0)
}

/// A time as `14:30`.
pub fn hour_minute_text(time: impl chrono::Timelike) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

/// The value of an `<input type="datetime-local">`: `2026-12-06T14:30`.
pub fn parse_local_minute(text: &str) -> Option<chrono::NaiveDateTime> {
    let (day, time) = text.split_once('T')?;
    Some(crate::domain::wire_time::parse_day(day)?.and_time(parse_hour_minute(time)?))
}

/// A local date and time as an `<input type="datetime-local">` holds it.
pub fn local_minute_text(at: chrono::NaiveDateTime) -> String {
    format!("{}T{}", at.date(), hour_minute_text(at))
}

/// An instant as RFC 3339 (the browser converts the local time it shows).
pub fn required_instant(value: &str) -> Result<DateTime<Utc>, FieldProblem> {
    let text = normalize_digits(value.trim());
    if text.is_empty() {
        return Err(FieldProblem::Required);
    }
    DateTime::parse_from_rfc3339(&text)
        .map(|instant| instant.with_timezone(&Utc))
        .map_err(|_| FieldProblem::InvalidDate)
}

/// Reads a choice list value or reports `UnknownChoice`.
pub fn choice<T: super::Choice>(value: &str) -> Result<T, FieldProblem> {
    T::parse(value.trim()).ok_or(FieldProblem::UnknownChoice)
}

/// A period is valid when it ends on or after the day it starts.
pub fn period_is_ordered(start: NaiveDate, end: NaiveDate) -> Result<(), FieldProblem> {
    if end < start {
        Err(FieldProblem::EndBeforeStart)
    } else {
        Ok(())
    }
}

/// A period from the `period_start` and `period_end` date inputs: both
/// required, the end on or after the start. Problems go to those fields.
pub fn required_period(
    errors: &mut FieldErrors,
    start: &str,
    end: &str,
) -> Option<super::period::Period> {
    let start = errors.check("period_start", required_date(start));
    let end = errors.check("period_end", required_date(end));
    let (start, end) = (start?, end?);
    errors.check("period_end", period_is_ordered(start, end))?;
    Some(super::period::Period { start, end })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn persian_and_arabic_digits_become_ascii() {
        assert_eq!(normalize_digits("۰۹۱۲"), "0912");
        assert_eq!(normalize_digits("٠٩١٢"), "0912");
        assert_eq!(normalize_digits("۱٬۲۵۰٫۵"), "1,250.5");
    }

    #[test]
    fn text_limits_count_characters_not_bytes() {
        assert_eq!(required_text("  سلام  ", 4), Ok("سلام".to_string()));
        assert_eq!(
            required_text("سلام!", 4),
            Err(FieldProblem::TooLong { max: 4 })
        );
        assert_eq!(required_text("   ", 4), Err(FieldProblem::Required));
    }

    #[test]
    fn emails_need_a_plausible_shape() {
        assert_eq!(
            optional_email(" Sara@Example.COM "),
            Ok("sara@example.com".into())
        );
        assert_eq!(optional_email(""), Ok(String::new()));
        for bad in [
            "sara",
            "sara@",
            "@x.com",
            "sara@x",
            "sa ra@x.com",
            "a@b@c.com",
            "a@.com",
        ] {
            assert_eq!(
                optional_email(bad),
                Err(FieldProblem::InvalidEmail),
                "{bad}"
            );
        }
        assert_eq!(required_email(""), Err(FieldProblem::Required));
    }

    #[test]
    fn phones_accept_any_digit_script_and_keep_digits_only() {
        assert_eq!(optional_phone("۰۹۱۲ ۳۴۵ ۶۷۸۹"), Ok("09123456789".into()));
        assert_eq!(
            optional_phone("+98 (21) 8888-1234"),
            Ok("+982188881234".into())
        );
        assert_eq!(optional_phone("123"), Err(FieldProblem::InvalidPhone));
        assert_eq!(optional_phone("0912-abc"), Err(FieldProblem::InvalidPhone));
        assert_eq!(optional_phone("12+34567"), Err(FieldProblem::InvalidPhone));
    }

    #[test]
    fn whole_numbers_reject_negative_and_huge() {
        assert_eq!(whole_number("۱٬۰۰۰", 10_000), Ok(1000));
        assert_eq!(whole_number("-5", 10), Err(FieldProblem::Negative));
        assert_eq!(whole_number("11", 10), Err(FieldProblem::TooLarge));
        assert_eq!(whole_number("ten", 10), Err(FieldProblem::NotANumber));
        assert_eq!(whole_number("", 10), Err(FieldProblem::Required));
    }

    #[test]
    fn dates_and_periods() {
        let start = required_date("2026-01-01").unwrap_or_default();
        let end = required_date("۲۰۲۶-۰۱-۳۱").unwrap_or_default();
        assert_eq!(period_is_ordered(start, end), Ok(()));
        assert_eq!(
            period_is_ordered(end, start),
            Err(FieldProblem::EndBeforeStart)
        );
        let mut errors = FieldErrors::default();
        assert_eq!(
            required_period(&mut errors, "2026-01-01", "2026-01-31").map(|period| period.days()),
            Some(31)
        );
        assert!(errors.is_empty());
        assert_eq!(
            required_period(&mut errors, "2026-02-01", "2026-01-31"),
            None
        );
        assert_eq!(
            errors.for_field("period_end"),
            Some(&FieldProblem::EndBeforeStart)
        );
        let mut errors = FieldErrors::default();
        assert_eq!(required_period(&mut errors, "", "2026-01-31"), None);
        assert!(errors.for_field("period_start").is_some());
        assert_eq!(required_date("2026-02-30"), Err(FieldProblem::InvalidDate));
        assert!(required_instant("2026-03-01T10:00:00+03:30").is_ok());
        assert_eq!(
            required_instant("yesterday"),
            Err(FieldProblem::InvalidDate)
        );
    }

    /// The hand-read times take what chrono's `%H:%M` and
    /// `%Y-%m-%dT%H:%M` took and give the same text back.
    #[test]
    fn times_read_and_write_like_the_inputs() {
        use chrono::{NaiveDateTime, NaiveTime};
        assert_eq!(
            parse_hour_minute("14:30"),
            NaiveTime::from_hms_opt(14, 30, 0)
        );
        assert_eq!(parse_hour_minute("9:05"), NaiveTime::from_hms_opt(9, 5, 0));
        assert_eq!(parse_hour_minute("00:00"), NaiveTime::from_hms_opt(0, 0, 0));
        for refused in [
            "24:00", "12:60", "1230", "12:3a", "123:00", "12:30:00", "", ":", "+1:30",
        ] {
            assert_eq!(parse_hour_minute(refused), None, "{refused}");
            assert!(
                NaiveTime::parse_from_str(refused, "%H:%M").is_err(),
                "{refused}"
            );
        }
        for text in ["2026-12-06T14:30", "2025-03-21T00:05", "2024-02-29T23:59"] {
            let at = parse_local_minute(text);
            assert_eq!(
                at,
                NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").ok()
            );
            assert_eq!(at.map(local_minute_text).as_deref(), Some(text));
        }
        for refused in [
            "2026-12-06 14:30",
            "2026-02-30T10:00",
            "2026-12-06T",
            "T10:00",
        ] {
            assert_eq!(parse_local_minute(refused), None, "{refused}");
        }
        assert_eq!(
            NaiveTime::from_hms_opt(7, 3, 59)
                .map(hour_minute_text)
                .as_deref(),
            Some("07:03")
        );
        assert_eq!(
            required_date("2026-01-31"),
            Ok(NaiveDate::from_ymd_opt(2026, 1, 31).unwrap_or_default())
        );
        assert_eq!(required_date("۲۰۲۶-۰۱-۳۱"), required_date("2026-01-31"));
        assert_eq!(required_date("2026-1-31x"), Err(FieldProblem::InvalidDate));
    }

    #[test]
    fn field_errors_serialize_flat() {
        let mut errors = FieldErrors::default();
        errors.add("name", FieldProblem::TooLong { max: 3 });
        let json = serde_json::to_string(&errors).unwrap_or_default();
        assert_eq!(json, r#"[{"field":"name","problem":"too_long","max":3}]"#);
    }
}

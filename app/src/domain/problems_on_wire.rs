//! How a field's problem (and a file's, inside it) is read off the wire. The derive writes
//! `FieldProblem` with its tag inside the object and `FieldError` flat
//! (`{"field":"name","problem":"too_long","max":3}`); serde's derived
//! reading of those shapes buffers each object through its `Content` type
//! first, which cost the browser's first load 20 KB of code (BENCHMARKS,
//! session 31). These plain structs read the same text directly.

use super::lead_import::FileProblem;
use super::validation::{FieldError, FieldProblem};
use serde::Deserialize;

/// A field problem as it travels: its tag and whichever value it carries.
#[derive(Deserialize)]
pub(crate) struct ProblemOnWire {
    problem: String,
    max: Option<u64>,
    min: Option<u64>,
    file: Option<FileProblem>,
}

/// A field's problem as it travels: the field's name beside the problem.
#[derive(Deserialize)]
pub(crate) struct FieldErrorOnWire {
    field: String,
    problem: String,
    max: Option<u64>,
    min: Option<u64>,
    file: Option<FileProblem>,
}

impl TryFrom<FieldErrorOnWire> for FieldError {
    type Error = String;

    fn try_from(wire: FieldErrorOnWire) -> Result<Self, String> {
        let problem = FieldProblem::try_from(ProblemOnWire {
            problem: wire.problem,
            max: wire.max,
            min: wire.min,
            file: wire.file,
        })?;
        Ok(Self {
            field: wire.field,
            problem,
        })
    }
}

/// A count carried by a problem, as this device's `usize`.
fn carried_count(problem: &str, name: &str, value: Option<u64>) -> Result<usize, String> {
    value
        .and_then(|value| usize::try_from(value).ok())
        .ok_or_else(|| format!("the problem {problem:?} needs a count `{name}`"))
}

impl TryFrom<ProblemOnWire> for FieldProblem {
    type Error = String;

    fn try_from(wire: ProblemOnWire) -> Result<Self, String> {
        let tag = wire.problem.as_str();
        Ok(match tag {
            "required" => Self::Required,
            "too_long" => Self::TooLong {
                max: carried_count(tag, "max", wire.max)?,
            },
            "invalid_email" => Self::InvalidEmail,
            "invalid_phone" => Self::InvalidPhone,
            "not_a_number" => Self::NotANumber,
            "negative" => Self::Negative,
            "too_large" => Self::TooLarge,
            "too_small" => Self::TooSmall {
                min: wire
                    .min
                    .ok_or_else(|| format!("the problem {tag:?} needs `min`"))?,
            },
            "unknown_choice" => Self::UnknownChoice,
            "invalid_date" => Self::InvalidDate,
            "end_before_start" => Self::EndBeforeStart,
            "in_future" => Self::InFuture,
            "won_amount_required" => Self::WonAmountRequired,
            "lost_reason_required" => Self::LostReasonRequired,
            "not_allowed" => Self::NotAllowed,
            "email_taken" => Self::EmailTaken,
            "password_too_short" => Self::PasswordTooShort {
                min: carried_count(tag, "min", wire.min)?,
            },
            "repeated" => Self::Repeated,
            "too_many" => Self::TooMany {
                max: carried_count(tag, "max", wire.max)?,
            },
            "wrong_password" => Self::WrongPassword,
            "passwords_differ" => Self::PasswordsDiffer,
            "nobody_present" => Self::NobodyPresent,
            "must_be_empty" => Self::MustBeEmpty,
            "phone_or_email_required" => Self::PhoneOrEmailRequired,
            "bad_file" => Self::BadFile {
                file: wire
                    .file
                    .ok_or_else(|| format!("the problem {tag:?} needs `file`"))?,
            },
            unknown => return Err(format!("unknown field problem {unknown:?}")),
        })
    }
}

/// A file problem as it travels: its tag and whichever limit it carries.
#[derive(Deserialize)]
pub(crate) struct FileProblemOnWire {
    reason: String,
    max_bytes: Option<u64>,
    max: Option<u64>,
}

impl TryFrom<FileProblemOnWire> for FileProblem {
    type Error = String;

    fn try_from(wire: FileProblemOnWire) -> Result<Self, String> {
        let tag = wire.reason.as_str();
        let limit = |value: Option<u64>, name: &str| {
            value
                .and_then(|value| usize::try_from(value).ok())
                .ok_or_else(|| format!("the file problem {tag:?} needs `{name}`"))
        };
        Ok(match tag {
            "too_large" => Self::TooLarge {
                max_bytes: limit(wire.max_bytes, "max_bytes")?,
            },
            "no_rows" => Self::NoRows,
            "too_many_rows" => Self::TooManyRows {
                max: limit(wire.max, "max")?,
            },
            "too_many_columns" => Self::TooManyColumns {
                max: limit(wire.max, "max")?,
            },
            "not_unicode_text" => Self::NotUnicodeText,
            "workbook" => Self::Workbook,
            "unreadable" => Self::Unreadable,
            unknown => return Err(format!("unknown file problem {unknown:?}")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::validation::FieldErrors;
    use super::*;

    /// Every problem this build knows, once. The match makes a new variant
    /// a compile error here until it is added to the list.
    fn every_problem() -> Vec<FieldProblem> {
        use crate::domain::lead_import::FileProblem;
        let problems = vec![
            FieldProblem::Required,
            FieldProblem::TooLong { max: 120 },
            FieldProblem::InvalidEmail,
            FieldProblem::InvalidPhone,
            FieldProblem::NotANumber,
            FieldProblem::Negative,
            FieldProblem::TooLarge,
            FieldProblem::TooSmall { min: 1 },
            FieldProblem::UnknownChoice,
            FieldProblem::InvalidDate,
            FieldProblem::EndBeforeStart,
            FieldProblem::InFuture,
            FieldProblem::WonAmountRequired,
            FieldProblem::LostReasonRequired,
            FieldProblem::NotAllowed,
            FieldProblem::EmailTaken,
            FieldProblem::PasswordTooShort { min: 10 },
            FieldProblem::Repeated,
            FieldProblem::TooMany { max: 14 },
            FieldProblem::WrongPassword,
            FieldProblem::PasswordsDiffer,
            FieldProblem::NobodyPresent,
            FieldProblem::MustBeEmpty,
            FieldProblem::PhoneOrEmailRequired,
            FieldProblem::BadFile {
                file: FileProblem::TooLarge {
                    max_bytes: 8_388_608,
                },
            },
            FieldProblem::BadFile {
                file: FileProblem::NoRows,
            },
            FieldProblem::BadFile {
                file: FileProblem::TooManyRows { max: 5000 },
            },
            FieldProblem::BadFile {
                file: FileProblem::TooManyColumns { max: 60 },
            },
            FieldProblem::BadFile {
                file: FileProblem::NotUnicodeText,
            },
            FieldProblem::BadFile {
                file: FileProblem::Workbook,
            },
            FieldProblem::BadFile {
                file: FileProblem::Unreadable,
            },
        ];
        for problem in &problems {
            match problem {
                FieldProblem::Required
                | FieldProblem::TooLong { .. }
                | FieldProblem::InvalidEmail
                | FieldProblem::InvalidPhone
                | FieldProblem::NotANumber
                | FieldProblem::Negative
                | FieldProblem::TooLarge
                | FieldProblem::TooSmall { .. }
                | FieldProblem::UnknownChoice
                | FieldProblem::InvalidDate
                | FieldProblem::EndBeforeStart
                | FieldProblem::InFuture
                | FieldProblem::WonAmountRequired
                | FieldProblem::LostReasonRequired
                | FieldProblem::NotAllowed
                | FieldProblem::EmailTaken
                | FieldProblem::PasswordTooShort { .. }
                | FieldProblem::Repeated
                | FieldProblem::TooMany { .. }
                | FieldProblem::WrongPassword
                | FieldProblem::PasswordsDiffer
                | FieldProblem::NobodyPresent
                | FieldProblem::MustBeEmpty
                | FieldProblem::PhoneOrEmailRequired => {}
                FieldProblem::BadFile { file } => match file {
                    FileProblem::TooLarge { .. }
                    | FileProblem::NoRows
                    | FileProblem::TooManyRows { .. }
                    | FileProblem::TooManyColumns { .. }
                    | FileProblem::NotUnicodeText
                    | FileProblem::Workbook
                    | FileProblem::Unreadable => {}
                },
            }
        }
        problems
    }

    /// The hand-written reading (`ProblemOnWire`) takes back exactly what
    /// the derived writing gives, for every problem alone and as a field's
    /// error, and refuses an unknown tag or a missing count.
    #[test]
    fn problems_read_back_as_written() {
        let problems = every_problem();
        let mut errors = FieldErrors::default();
        for problem in &problems {
            let text = serde_json::to_string(problem).unwrap_or_default();
            assert_eq!(
                serde_json::from_str::<FieldProblem>(&text).ok().as_ref(),
                Some(problem),
                "{text}"
            );
            errors.add("name", problem.clone());
        }
        let text = serde_json::to_string(&errors).unwrap_or_default();
        assert_eq!(
            serde_json::from_str::<FieldErrors>(&text).ok(),
            Some(errors)
        );
        assert_eq!(
            serde_json::from_str::<FieldError>(
                r#"{"field":"file","problem":"bad_file","file":{"reason":"too_many_rows","max":5000}}"#
            )
            .ok(),
            Some(FieldError {
                field: "file".into(),
                problem: FieldProblem::BadFile {
                    file: crate::domain::lead_import::FileProblem::TooManyRows { max: 5000 }
                },
            })
        );
        for refused in [
            r#"{"field":"name","problem":"no_such_problem"}"#,
            r#"{"field":"name","problem":"too_long"}"#,
            r#"{"field":"name","problem":"bad_file","file":{"reason":"nope"}}"#,
            r#"{"field":"name"}"#,
            r#"{"problem":"required"}"#,
        ] {
            assert!(
                serde_json::from_str::<FieldError>(refused).is_err(),
                "{refused}"
            );
        }
    }
}

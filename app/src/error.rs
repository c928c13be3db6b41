//! The one error type every server function returns. Each variant says what
//! the user can do next; internal details are logged on the server and never
//! sent to a client.

use crate::domain::FieldErrors;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// Why a request failed, as the person can act on it. Written by serde's
/// derive (`"Forbidden"`, `{"Invalid":[…]}`: frozen by the wire-format
/// tests); read by hand below, a third of the derived reader's code in the
/// browser's first load.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize)]
pub enum AppError {
    /// No valid session: sign in again.
    #[error("Please sign in.")]
    Unauthenticated,
    /// Signed in, but this record or action is not yours.
    #[error("You do not have access to this.")]
    Forbidden,
    #[error("This record does not exist or was deleted.")]
    NotFound,
    /// Some fields need fixing; each problem names its field.
    #[error("Some fields need attention.")]
    Invalid(FieldErrors),
    #[error("The e-mail or password is not right.")]
    BadCredentials,
    /// Something failed on the server; the details are in the server log.
    #[error("The server had a problem. Please try again.")]
    Internal,
    /// The request reached the server but was malformed (often an old
    /// cached app talking to a newer server).
    #[error("The request was not understood. Please reload Pishro.")]
    BadRequest,
    /// The app speaks an older or newer sync protocol than the server.
    #[error("Pishro was updated. Please reload the page; your unsent changes are kept.")]
    UnsupportedProtocol { server_version: u32 },
    /// The request never got a usable answer (offline, timeout, bad reply).
    #[error("Could not reach the server. Check the connection and try again.")]
    Network(String),
    /// The device's storage is full even after dropping synced data: the
    /// change was not saved (only ever raised in the browser).
    #[error("This device's storage is full. The change was not saved; sync, then try again.")]
    StorageFull,
    /// Too many wrong passwords for this address in a row.
    #[error("Too many attempts. Wait a little, then try again.")]
    TooManyAttempts { retry_after_seconds: u64 },
    /// A public form was sent too often from this network, or to this form.
    #[error("Too many messages were sent. Wait a little, then try again.")]
    TooManySubmissions { retry_after_seconds: u64 },
}

impl FromServerFnError for AppError {
    type Encoder = crate::sync::objects_only::ObjectsJsonEncoding;

    fn from_server_fn_error(error: ServerFnErrorErr) -> Self {
        match error {
            // The request reached the server but its arguments did not parse:
            // that is bad input, not a network failure.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => AppError::BadRequest,
            // On the server, a body that does not decode is the client's fault.
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Deserialization(_) => AppError::BadRequest,
            ServerFnErrorErr::ServerError(_) => AppError::Internal,
            other => AppError::Network(other.to_string()),
        }
    }
}

impl AppError {
    /// The HTTP status the server answers with, so logs, proxies and tests
    /// see what kind of failure it was.
    pub fn http_status(&self) -> http::StatusCode {
        use http::StatusCode;
        match self {
            AppError::Unauthenticated | AppError::BadCredentials => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::BadRequest | AppError::Network(_) => StatusCode::BAD_REQUEST,
            AppError::UnsupportedProtocol { .. } => StatusCode::CONFLICT,
            AppError::TooManyAttempts { .. } | AppError::TooManySubmissions { .. } => {
                StatusCode::TOO_MANY_REQUESTS
            }
            AppError::Internal | AppError::StorageFull => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// The wait a refused attempt carries.
#[derive(Deserialize)]
struct RetryAfter {
    retry_after_seconds: u64,
}

/// The server's protocol version an outdated app is told.
#[derive(Deserialize)]
struct ServerVersion {
    server_version: u32,
}

/// Reads an error as the derive writes it: a plain variant as its name,
/// one with data as an object of one key.
struct AppErrorVisitor;

impl<'de> serde::de::Visitor<'de> for AppErrorVisitor {
    type Value = AppError;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("an error's name, or an object of one error with its data")
    }

    fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<AppError, E> {
        Ok(match name {
            "Unauthenticated" => AppError::Unauthenticated,
            "Forbidden" => AppError::Forbidden,
            "NotFound" => AppError::NotFound,
            "BadCredentials" => AppError::BadCredentials,
            "Internal" => AppError::Internal,
            "BadRequest" => AppError::BadRequest,
            "StorageFull" => AppError::StorageFull,
            unknown => return Err(E::custom(format_args!("unknown error {unknown:?}"))),
        })
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<AppError, A::Error> {
        use serde::de::Error;
        let name: String = map
            .next_key()?
            .ok_or_else(|| A::Error::custom("an error object with no error in it"))?;
        let error = match name.as_str() {
            "Invalid" => AppError::Invalid(map.next_value()?),
            "UnsupportedProtocol" => AppError::UnsupportedProtocol {
                server_version: map.next_value::<ServerVersion>()?.server_version,
            },
            "Network" => AppError::Network(map.next_value()?),
            "TooManyAttempts" => AppError::TooManyAttempts {
                retry_after_seconds: map.next_value::<RetryAfter>()?.retry_after_seconds,
            },
            "TooManySubmissions" => AppError::TooManySubmissions {
                retry_after_seconds: map.next_value::<RetryAfter>()?.retry_after_seconds,
            },
            unknown => return Err(A::Error::custom(format_args!("unknown error {unknown:?}"))),
        };
        if map.next_key::<serde::de::IgnoredAny>()?.is_some() {
            return Err(A::Error::custom("an error object with two errors in it"));
        }
        Ok(error)
    }
}

impl<'de> Deserialize<'de> for AppError {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AppErrorVisitor)
    }
}

impl From<FieldErrors> for AppError {
    fn from(errors: FieldErrors) -> Self {
        AppError::Invalid(errors)
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::RowNotFound => AppError::NotFound,
            other => {
                tracing::error!(error = %other, "database error");
                AppError::Internal
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::FieldProblem;

    /// Every error the derive writes is read back as itself; text that is
    /// not one error is refused.
    #[test]
    fn every_error_reads_back_as_written() {
        let mut fields = FieldErrors::default();
        fields.add("name", FieldProblem::Required);
        let errors = [
            AppError::Unauthenticated,
            AppError::Forbidden,
            AppError::NotFound,
            AppError::Invalid(fields),
            AppError::BadCredentials,
            AppError::Internal,
            AppError::BadRequest,
            AppError::UnsupportedProtocol { server_version: 4 },
            AppError::Network("offline".into()),
            AppError::StorageFull,
            AppError::TooManyAttempts {
                retry_after_seconds: 30,
            },
            AppError::TooManySubmissions {
                retry_after_seconds: 60,
            },
        ];
        for error in errors {
            // A new variant must be added above (and to the reader).
            match &error {
                AppError::Unauthenticated
                | AppError::Forbidden
                | AppError::NotFound
                | AppError::Invalid(_)
                | AppError::BadCredentials
                | AppError::Internal
                | AppError::BadRequest
                | AppError::UnsupportedProtocol { .. }
                | AppError::Network(_)
                | AppError::StorageFull
                | AppError::TooManyAttempts { .. }
                | AppError::TooManySubmissions { .. } => {}
            }
            let text = serde_json::to_string(&error).unwrap_or_default();
            assert_eq!(
                crate::sync::objects_only::from_slice::<AppError>(text.as_bytes()).ok(),
                Some(error),
                "{text}"
            );
        }
        for refused in [
            r#""Gone""#,
            r#"{}"#,
            r#"{"Gone":1}"#,
            r#"{"Forbidden":null}"#,
            r#"{"TooManyAttempts":{}}"#,
            r#"{"Network":"a","Internal":"b"}"#,
            "7",
        ] {
            assert!(
                crate::sync::objects_only::from_slice::<AppError>(refused.as_bytes()).is_err(),
                "{refused}"
            );
        }
    }
}

//! The one error type every server function returns. Each variant says what
//! the user can do next; internal details are logged on the server and never
//! sent to a client.

use crate::domain::FieldErrors;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
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
    type Encoder = JsonEncoding;

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

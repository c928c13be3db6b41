//! How values the domain keeps as Rust types are stored in a column, for
//! the entities that read themselves from a row (`sqlx::FromRow`, derived
//! on the domain types under the `ssr` feature, issue 16): instants as
//! RFC 3339 text, days as `YYYY-MM-DD`, flags as 0 / 1, lists as JSON or
//! one item per line. Each is a column type for `#[sqlx(try_from = …)]`
//! that converts into the field's own type, the same on SQLite and
//! PostgreSQL; a value the store never writes is a decoding error, not a
//! guess.

use crate::domain::stored_as_text;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::error::BoxDynError;

/// Gives a column type the SQL type of `$stored`, the type it is kept as
/// (text or an integer), on any sqlx database.
macro_rules! stored_like {
    ([$($parameter:ident),*] $name:ty, $stored:ty) => {
        impl<$($parameter,)* Database: sqlx::Database> sqlx::Type<Database> for $name
        where
            $stored: sqlx::Type<Database>,
        {
            fn type_info() -> Database::TypeInfo {
                <$stored as sqlx::Type<Database>>::type_info()
            }

            fn compatible(kind: &Database::TypeInfo) -> bool {
                <$stored as sqlx::Type<Database>>::compatible(kind)
            }
        }
    };
}

/// An instant column (`created_at`): RFC 3339 text in UTC.
#[derive(Clone, Copy, Debug)]
pub struct StoredInstant(DateTime<Utc>);

stored_as_text!(StoredInstant,
    decode: |text| DateTime::parse_from_rfc3339(text)
        .map(|instant| StoredInstant(instant.with_timezone(&Utc)))
        .map_err(Into::into),
    encode: |value| super::instant_text(value.0));

impl From<StoredInstant> for DateTime<Utc> {
    fn from(value: StoredInstant) -> Self {
        value.0
    }
}

/// A day column (`period_start`): `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug)]
pub struct StoredDay(NaiveDate);

stored_as_text!(StoredDay,
    decode: |text| NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(StoredDay)
        .map_err(Into::into),
    encode: |value| super::date_text(value.0));

impl From<StoredDay> for NaiveDate {
    fn from(value: StoredDay) -> Self {
        value.0
    }
}

/// Declares a column type for an optional value: NULL reads as `None`,
/// anything else as `$inner` does.
macro_rules! optional_column {
    ($(#[$meta:meta])* $name:ident, $inner:ty, $value:ty) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug)]
        pub struct $name(Option<$value>);

        stored_like!([] $name, String);

        impl<'row, Database: sqlx::Database> sqlx::Decode<'row, Database> for $name
        where
            &'row str: sqlx::Decode<'row, Database>,
        {
            fn decode(value: <Database as sqlx::Database>::ValueRef<'row>) -> Result<Self, BoxDynError> {
                use sqlx::ValueRef;
                if value.is_null() {
                    return Ok($name(None));
                }
                let inner = <$inner as sqlx::Decode<Database>>::decode(value)?;
                Ok($name(Some(inner.into())))
            }
        }

        impl From<$name> for Option<$value> {
            fn from(value: $name) -> Self {
                value.0
            }
        }
    };
}

optional_column!(
    /// An optional instant column (`closed_at`, `done_at`).
    OptionalInstant, StoredInstant, DateTime<Utc>
);
optional_column!(
    /// An optional day column (`effective_to`).
    OptionalDay, StoredDay, NaiveDate
);

/// Declares a column kept as an integer and read as `$value`, converted
/// by `$convert` (an `i64` in, a `Result` out).
macro_rules! integer_column {
    ($(#[$meta:meta])* $name:ident, $value:ty, $convert:expr) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug)]
        pub struct $name($value);

        stored_like!([] $name, i64);

        impl<'row, Database: sqlx::Database> sqlx::Decode<'row, Database> for $name
        where
            i64: sqlx::Decode<'row, Database>,
        {
            fn decode(value: <Database as sqlx::Database>::ValueRef<'row>) -> Result<Self, BoxDynError> {
                let convert: fn(i64) -> Result<$value, BoxDynError> = $convert;
                Ok($name(convert(<i64 as sqlx::Decode<Database>>::decode(value)?)?))
            }
        }

        impl From<$name> for $value {
            fn from(value: $name) -> Self {
                value.0
            }
        }
    };
}

integer_column!(
    /// A yes / no column kept as an integer (`deleted`): 0 is no.
    StoredFlag, bool, |number| Ok(number != 0)
);
integer_column!(
    /// A count (`COUNT(*)`), read as the unsigned number it always is.
    StoredCount, u64, |number| Ok(u64::try_from(number)?)
);

/// A list kept as JSON text (a plan's commission tiers).
#[derive(Clone, Debug)]
pub struct JsonText<Value>(Value);

stored_like!([Value] JsonText<Value>, String);

impl<'row, Value: serde::de::DeserializeOwned, Database: sqlx::Database>
    sqlx::Decode<'row, Database> for JsonText<Value>
where
    &'row str: sqlx::Decode<'row, Database>,
{
    fn decode(value: <Database as sqlx::Database>::ValueRef<'row>) -> Result<Self, BoxDynError> {
        let text = <&str as sqlx::Decode<Database>>::decode(value)?;
        Ok(JsonText(serde_json::from_str(text)?))
    }
}

impl<Item> From<JsonText<Vec<Item>>> for Vec<Item> {
    fn from(value: JsonText<Vec<Item>>) -> Self {
        value.0
    }
}

/// A list of short texts kept one per line (a record's tags).
#[derive(Clone, Debug)]
pub struct Lines(Vec<String>);

stored_like!([] Lines, String);

impl<'row, Database: sqlx::Database> sqlx::Decode<'row, Database> for Lines
where
    &'row str: sqlx::Decode<'row, Database>,
{
    fn decode(value: <Database as sqlx::Database>::ValueRef<'row>) -> Result<Self, BoxDynError> {
        let text = <&str as sqlx::Decode<Database>>::decode(value)?;
        Ok(Lines(
            text.lines()
                .filter(|line| !line.is_empty())
                .map(str::to_string)
                .collect(),
        ))
    }
}

impl From<Lines> for Vec<String> {
    fn from(value: Lines) -> Self {
        value.0
    }
}

/// An id column whose kind the row says elsewhere (a goal's subject: a rep
/// or a team), read as a plain UUID.
#[derive(Clone, Copy, Debug)]
pub struct StoredUuid(uuid::Uuid);

stored_as_text!(StoredUuid,
    decode: |text| uuid::Uuid::parse_str(text).map(StoredUuid).map_err(Into::into),
    encode: |value| value.0.to_string());

impl From<StoredUuid> for uuid::Uuid {
    fn from(value: StoredUuid) -> Self {
        value.0
    }
}

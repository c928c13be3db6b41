//! Dates and instants as they travel in JSON, read by hand.
//!
//! chrono writes a `NaiveDate` as `2026-12-01` and a `DateTime<Utc>` as
//! `2026-12-01T09:30:00Z` (with `.123`, `.123456` or `.123456789` when the
//! instant has a fraction of a second), and its own readers of those texts
//! go through its general format parser (RFC 2822, week dates, month
//! names...): about 5.5 KB of brotli in the browser's first load
//! (BENCHMARKS.md, session 36). The wire types name these modules with
//! `#[serde(with = "...")]`, so they are written exactly as chrono writes
//! them and read by the short parsers below, which accept everything chrono
//! writes and what RFC 3339 allows besides (a space or `t` for `T`, any
//! offset), as the protocol's golden tests check.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use serde::de::{Deserializer, Error, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// A calendar date as `YYYY-MM-DD` (a year of four or more digits, with a
/// sign when chrono writes one; a month or day of one or two digits).
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let (year_text, rest) = split_year(text)?;
    let (month, day) = rest.split_once('-')?;
    let short = |part: &str| {
        ((1..=2).contains(&part.len()) && part.bytes().all(|byte| byte.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    NaiveDate::from_ymd_opt(year_text, short(month)?, short(day)?)
}

/// Splits `[+-]YYYY-` off the front of a date: the year and what follows
/// its dash.
fn split_year(text: &str) -> Option<(i32, &str)> {
    let (negative, unsigned) = match text.as_bytes().first()? {
        b'+' => (false, &text[1..]),
        b'-' => (true, &text[1..]),
        _ => (false, text),
    };
    let (digits, rest) = unsigned.split_once('-')?;
    if digits.len() < 4 || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    let year: i32 = digits.parse().ok()?;
    Some((if negative { -year } else { year }, rest))
}

/// An instant as RFC 3339: a date, `T` (or `t` or a space), a time with
/// seconds and an optional fraction, and `Z` or an offset such as `+03:30`.
pub fn parse_instant(text: &str) -> Option<DateTime<Utc>> {
    let split = text.find(['T', 't', ' '])?;
    let day = parse_day(&text[..split])?;
    let time_and_offset = &text[split + 1..];
    let offset_at = time_and_offset
        .find(['Z', 'z', '+', '-'])
        .unwrap_or(time_and_offset.len());
    let (time_text, offset_text) = time_and_offset.split_at(offset_at);
    let (clock, fraction) = match time_text.split_once('.') {
        Some((clock, fraction)) => (clock, Some(fraction)),
        None => (time_text, None),
    };
    let mut parts = clock.split(':');
    let mut two_digits = || {
        let part = parts.next()?;
        (part.len() == 2 && part.bytes().all(|byte| byte.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    let (hour, minute, second) = (two_digits()?, two_digits()?, two_digits()?);
    if parts.next().is_some() {
        return None;
    }
    let nanosecond = match fraction {
        None => 0,
        Some(digits) if !digits.is_empty() && digits.bytes().all(|byte| byte.is_ascii_digit()) => {
            // Nanoseconds: the first nine digits, padded; any more are cut.
            digits
                .bytes()
                .chain(std::iter::repeat(b'0'))
                .take(9)
                .fold(0_u32, |sum, digit| sum * 10 + u32::from(digit - b'0'))
        }
        Some(_) => return None,
    };
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nanosecond)?;
    let east_of_utc = parse_offset(offset_text)?;
    let local = day.and_time(time);
    Some(
        local
            .checked_sub_signed(TimeDelta::seconds(east_of_utc))?
            .and_utc(),
    )
}

/// `Z`, `z`, `+HH:MM`, `+HHMM` or `+HH` (or `-`): seconds east of UTC.
fn parse_offset(text: &str) -> Option<i64> {
    let sign = match text.as_bytes().first()? {
        b'Z' | b'z' if text.len() == 1 => return Some(0),
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits = &text[1..];
    let (hours, minutes) = match digits.len() {
        5 if digits.as_bytes()[2] == b':' => (&digits[..2], &digits[3..]),
        4 => (&digits[..2], &digits[2..]),
        2 => (digits, "00"),
        _ => return None,
    };
    if !hours
        .bytes()
        .chain(minutes.bytes())
        .all(|byte| byte.is_ascii_digit())
    {
        return None;
    }
    let (hours, minutes): (i64, i64) = (hours.parse().ok()?, minutes.parse().ok()?);
    (hours < 24 && minutes < 60).then_some(sign * (hours * 3600 + minutes * 60))
}

/// Reads one string with `parse`, or says what was expected.
struct TextVisitor<T> {
    parse: fn(&str) -> Option<T>,
    expected: &'static str,
}

impl<T> Visitor<'_> for TextVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str(self.expected)
    }

    fn visit_str<E: Error>(self, text: &str) -> Result<T, E> {
        (self.parse)(text).ok_or_else(|| E::custom(format_args!("expected {}", self.expected)))
    }
}

const DAY_EXPECTED: &str = "a date as YYYY-MM-DD";
const INSTANT_EXPECTED: &str = "an RFC 3339 date and time";

/// A `NaiveDate` read with [`parse_day`], for `Option` and `Vec` fields.
struct Day(NaiveDate);

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_str(TextVisitor {
                parse: parse_day,
                expected: DAY_EXPECTED,
            })
            .map(Day)
    }
}

/// A `DateTime<Utc>` read with [`parse_instant`], for `Option` fields.
struct Instant(DateTime<Utc>);

impl<'de> Deserialize<'de> for Instant {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_str(TextVisitor {
                parse: parse_instant,
                expected: INSTANT_EXPECTED,
            })
            .map(Instant)
    }
}

/// `#[serde(with = "crate::domain::wire_time::day")]` on a `NaiveDate`.
pub mod day {
    use super::*;

    pub fn serialize<S: Serializer>(value: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        Day::deserialize(deserializer).map(|day| day.0)
    }
}

/// `#[serde(default, with = "crate::domain::wire_time::optional_day")]` on
/// an `Option<NaiveDate>` (`default`: a missing field is `None`, as before).
pub mod optional_day {
    use super::*;

    pub fn serialize<S: Serializer>(
        value: &Option<NaiveDate>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        Option::<Day>::deserialize(deserializer).map(|day| day.map(|day| day.0))
    }
}

/// `#[serde(with = "crate::domain::wire_time::days")]` on a `Vec<NaiveDate>`.
pub mod days {
    use super::*;

    pub fn serialize<S: Serializer>(value: &[NaiveDate], serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<NaiveDate>, D::Error> {
        Vec::<Day>::deserialize(deserializer)
            .map(|days| days.into_iter().map(|day| day.0).collect())
    }
}

/// `#[serde(with = "crate::domain::wire_time::instant")]` on a `DateTime<Utc>`.
pub mod instant {
    use super::*;

    pub fn serialize<S: Serializer>(
        value: &DateTime<Utc>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<DateTime<Utc>, D::Error> {
        Instant::deserialize(deserializer).map(|instant| instant.0)
    }
}

/// `#[serde(default, with = "crate::domain::wire_time::optional_instant")]`
/// on an `Option<DateTime<Utc>>`.
pub mod optional_instant {
    use super::*;

    pub fn serialize<S: Serializer>(
        value: &Option<DateTime<Utc>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<DateTime<Utc>>, D::Error> {
        Option::<Instant>::deserialize(deserializer).map(|instant| instant.map(|instant| instant.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn chrono_s_own_texts_are_read_back() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
        assert_eq!(parse_day(&day.to_string()), Some(day));
        for nanosecond in [0, 123_000_000, 123_456_000, 123_456_789, 1] {
            let at = day
                .and_hms_nano_opt(9, 30, 5, nanosecond)
                .expect("time")
                .and_utc();
            let text = serde_json::to_value(at).expect("json");
            let text = text.as_str().expect("a string");
            assert_eq!(parse_instant(text), Some(at), "{text}");
        }
    }

    #[test]
    fn offsets_and_separators_as_rfc_3339_allows() {
        let at = |text: &str| parse_instant(text).map(|at| at.to_rfc3339());
        let expected = Some("2026-12-01T06:00:00+00:00".to_string());
        assert_eq!(at("2026-12-01T09:30:00+03:30"), expected);
        assert_eq!(at("2026-12-01 09:30:00+0330"), expected);
        assert_eq!(at("2026-12-01t02:00:00-04"), expected);
        assert_eq!(at("2026-12-01T06:00:00z"), expected);
        assert_eq!(
            at("2026-12-01T06:00:00.5Z").as_deref(),
            Some("2026-12-01T06:00:00.500+00:00")
        );
        // Across midnight and the year.
        assert_eq!(
            at("2027-01-01T01:00:00+03:30").as_deref(),
            Some("2026-12-31T21:30:00+00:00")
        );
    }

    #[test]
    fn malformed_texts_are_refused() {
        for text in [
            "",
            "2026",
            "2026-12",
            "2026-13-01",
            "2026-02-30",
            "26-12-01",
            "2026-12-01x",
            "2026-012-01",
            "2026-12-001",
            "x026-12-01",
        ] {
            assert_eq!(parse_day(text), None, "{text:?}");
        }
        for text in [
            "2026-12-01",
            "2026-12-01T09:30Z",
            "2026-12-01T09:30:00",
            "2026-12-01T9:30:00Z",
            "2026-12-01T09:30:00.Z",
            "2026-12-01T09:30:00.1a2Z",
            "2026-12-01T24:00:00Z",
            "2026-12-01T09:30:00+3:30",
            "2026-12-01T09:30:00+03:60",
            "2026-12-01T09:30:00ZZ",
            "2026-12-01T09:30:00:00Z",
            "2026-12-01T09:30:00 Z",
        ] {
            assert_eq!(parse_instant(text), None, "{text:?}");
        }
    }

    #[test]
    fn serde_reads_what_it_writes_and_explains_a_bad_date() {
        #[derive(Serialize, Deserialize, PartialEq, Debug)]
        struct Dated {
            #[serde(with = "day")]
            day: NaiveDate,
            #[serde(default, with = "optional_day")]
            maybe_day: Option<NaiveDate>,
            #[serde(with = "days")]
            days: Vec<NaiveDate>,
            #[serde(with = "instant")]
            at: DateTime<Utc>,
            #[serde(default, with = "optional_instant")]
            maybe_at: Option<DateTime<Utc>>,
        }
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
        let at = day
            .and_hms_milli_opt(9, 30, 0, 250)
            .expect("time")
            .and_utc();
        let dated = Dated {
            day,
            maybe_day: Some(day),
            days: vec![day, day],
            at,
            maybe_at: Some(at),
        };
        let json = serde_json::to_string(&dated).expect("json");
        assert_eq!(
            json,
            r#"{"day":"2026-12-01","maybe_day":"2026-12-01","days":["2026-12-01","2026-12-01"],"at":"2026-12-01T09:30:00.250Z","maybe_at":"2026-12-01T09:30:00.250Z"}"#
        );
        assert_eq!(serde_json::from_str::<Dated>(&json).expect("read"), dated);
        let missing: Dated =
            serde_json::from_str(r#"{"day":"2026-12-01","days":[],"at":"2026-12-01T09:30:00Z"}"#)
                .expect("missing options are none");
        assert_eq!((missing.maybe_day, missing.maybe_at), (None, None));
        let bad = serde_json::from_str::<Dated>(
            r#"{"day":"1 Dec","days":[],"at":"2026-12-01T09:30:00Z"}"#,
        )
        .expect_err("not a date");
        assert!(bad.to_string().contains("a date as YYYY-MM-DD"), "{bad}");
    }

    proptest! {
        /// Every date and instant chrono can write is read back the same,
        /// and a day text is read as chrono reads it.
        #[test]
        fn agrees_with_chrono(
            days_from_epoch in -800_000_i64..800_000,
            seconds in 0_u32..86_400,
            nanosecond in prop_oneof![Just(0_u32), 0_u32..1_000_000_000, (0_u32..1000).prop_map(|milli| milli * 1_000_000)],
            offset_minutes in -1439_i32..1440,
        ) {
            let day = NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch") + TimeDelta::days(days_from_epoch);
            let text = day.to_string();
            prop_assert_eq!(parse_day(&text), Some(day));
            prop_assert_eq!(parse_day(&text), text.parse::<NaiveDate>().ok());
            let at = day.and_time(NaiveTime::from_num_seconds_from_midnight_opt(seconds, nanosecond).expect("time")).and_utc();
            let written = serde_json::to_value(at).expect("json");
            prop_assert_eq!(parse_instant(written.as_str().expect("string")), Some(at));
            let offset = chrono::FixedOffset::east_opt(offset_minutes * 60).expect("offset");
            let elsewhere = at.with_timezone(&offset).to_rfc3339();
            prop_assert_eq!(parse_instant(&elsewhere), Some(at), "{}", elsewhere);
        }
    }
}

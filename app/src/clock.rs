//! The device's clock in the team's time zone: "today" and the day of each
//! record are the team's local days, as the server's roll-ups count them.
//! The zone's rules come from the browser (`Intl.DateTimeFormat` with a
//! `timeZone`), learned once per zone into `domain::time_zone::UtcOffsets`
//! around today, so no time-zone database is bundled into the wasm.

use crate::domain::sorted_map::SortedMap;
use crate::domain::time_zone::UtcOffsets;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use std::cell::RefCell;

thread_local! {
    static LEARNED: RefCell<SortedMap<String, UtcOffsets>> = RefCell::new(SortedMap::default());
}

/// How far back and ahead of today the device learns a zone: a year-over-
/// year report's days and the goals ahead; beyond, the nearest offset holds.
const LEARN_BACK_DAYS: i64 = 400;
const LEARN_AHEAD_DAYS: i64 = 60;

/// The offsets of a team's zone (`None`: no team, UTC). A zone the browser
/// does not know counts UTC days, like the server does for an unknown one.
pub fn zone_offsets(zone: Option<&str>) -> UtcOffsets {
    let Some(zone) = zone.filter(|zone| *zone != "UTC") else {
        return UtcOffsets::default();
    };
    if let Some(known) = LEARNED.with(|learned| learned.borrow().get(zone).cloned()) {
        return known;
    }
    let now = Utc::now();
    let learned = learn(
        zone,
        now - Duration::days(LEARN_BACK_DAYS),
        now + Duration::days(LEARN_AHEAD_DAYS),
    )
    .unwrap_or_default();
    LEARNED.with(|known| known.borrow_mut().insert(zone.to_string(), learned.clone()));
    learned
}

/// Today in a team's zone.
pub fn today_in(zone: Option<&str>) -> NaiveDate {
    zone_offsets(zone).local_day(Utc::now())
}

#[cfg(feature = "csr")]
fn learn(zone: &str, from: DateTime<Utc>, until: DateTime<Utc>) -> Option<UtcOffsets> {
    use js_sys::{Array, Date, Function, Object, Reflect};
    use wasm_bindgen::{JsCast, JsValue};

    let intl = Reflect::get(&js_sys::global(), &JsValue::from_str("Intl")).ok()?;
    let constructor: Function = Reflect::get(&intl, &JsValue::from_str("DateTimeFormat"))
        .ok()?
        .dyn_into()
        .ok()?;
    let options = Object::new();
    for (key, value) in [
        ("timeZone", zone),
        ("hourCycle", "h23"),
        ("year", "numeric"),
        ("month", "numeric"),
        ("day", "numeric"),
        ("hour", "numeric"),
        ("minute", "numeric"),
        ("second", "numeric"),
    ] {
        Reflect::set(&options, &JsValue::from_str(key), &JsValue::from_str(value)).ok()?;
    }
    // An unknown zone throws a RangeError: caught here, never a panic.
    let format: js_sys::Intl::DateTimeFormat = Reflect::construct(
        &constructor,
        &Array::of2(&JsValue::from_str("en-US"), &options),
    )
    .ok()?
    .unchecked_into();
    let (type_key, value_key) = (JsValue::from_str("type"), JsValue::from_str("value"));
    let offset_at = |seconds: i64| -> i32 {
        let parts = format.format_to_parts(&Date::new(&JsValue::from_f64(seconds as f64 * 1000.0)));
        let mut fields = [0_i64; 6];
        for part in parts.iter() {
            let kind = Reflect::get(&part, &type_key)
                .ok()
                .and_then(|kind| kind.as_string());
            let value = Reflect::get(&part, &value_key)
                .ok()
                .and_then(|value| value.as_string())
                .and_then(|value| value.parse::<i64>().ok());
            let index = match kind.as_deref() {
                Some("year") => 0,
                Some("month") => 1,
                Some("day") => 2,
                Some("hour") => 3,
                Some("minute") => 4,
                Some("second") => 5,
                _ => continue,
            };
            fields[index] = value.unwrap_or(0);
        }
        let local = NaiveDate::from_ymd_opt(fields[0] as i32, fields[1] as u32, fields[2] as u32)
            .and_then(|day| {
                day.and_hms_opt(fields[3] as u32 % 24, fields[4] as u32, fields[5] as u32)
            })
            .map(|local| local.and_utc().timestamp());
        local.map_or(0, |local| ((local - seconds) / 60) as i32)
    };
    Some(UtcOffsets::learn(from, until, offset_at))
}

#[cfg(all(not(feature = "csr"), feature = "ssr"))]
fn learn(zone: &str, _from: DateTime<Utc>, _until: DateTime<Utc>) -> Option<UtcOffsets> {
    crate::store::zone_offsets_of(zone)
}

#[cfg(all(not(feature = "csr"), not(feature = "ssr")))]
fn learn(_zone: &str, _from: DateTime<Utc>, _until: DateTime<Utc>) -> Option<UtcOffsets> {
    None
}

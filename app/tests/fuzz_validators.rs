//! Fuzzing the validators (issue 14): every form a client can send (lead,
//! activity, goal, record, plan, person, team, kudos), decoded from JSON
//! whose fields are arbitrary text (any Unicode, Persian and Arabic digits,
//! signs, separators, huge numbers, dates of any shape), never panics: it
//! decodes and validates, or says which fields are wrong. Amount, rate and
//! week parsers likewise. `PISHRO_FUZZ_CASES` sets the cases per property
//! (default 1,000; the README's test command runs the default).

use app::domain::money::{MAX_MINOR_UNITS, parse_amount};
use app::domain::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Map, Value};

fn cases() -> u32 {
    std::env::var("PISHRO_FUZZ_CASES")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(1_000)
}

/// Text a person or a forged client might send in a field.
fn field_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9۰-۹٠-٩.,٫٬ -]{0,30}",
        "-?[0-9]{0,25}(\\.[0-9]{0,5})?",
        "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}",
        "[۰-۹]{4}/[۰-۹]{1,2}/[۰-۹]{1,2}",
        Just(String::new()),
        Just("won".to_string()),
        Just("USD".to_string()),
        ".{0,600}",
    ]
}

/// A JSON object with the given keys, each arbitrary text (sometimes a
/// number, null or missing, as a forged client may send).
/// Keys whose type is an id or a yes/no: mostly well-typed, so that most
/// cases get past decoding to the validator.
const TYPED_IDS: [&str; 4] = ["owner_id", "lead_id", "team_id", "manager_id"];
const FLAGS: [&str; 2] = ["done", "active"];

fn draft(keys: &'static [&'static str]) -> impl Strategy<Value = Value> {
    let value = prop_oneof![
        60 => field_text().prop_map(Value::String),
        1 => any::<i64>().prop_map(Value::from),
        1 => Just(Value::Null),
    ];
    let typed = prop_oneof![
        4 => Just(Value::Null),
        4 => any::<u128>().prop_map(|bits| Value::String(uuid::Uuid::from_u128(bits).to_string())),
        1 => any::<bool>().prop_map(Value::Bool),
    ];
    (
        proptest::collection::vec(proptest::option::weighted(0.99, value), keys.len()),
        proptest::collection::vec(typed, keys.len()),
    )
        .prop_map(move |(values, typed)| {
            let mut object = Map::new();
            object.insert("id".into(), Value::String(uuid::Uuid::now_v7().to_string()));
            for ((key, value), typed) in keys.iter().zip(values).zip(typed) {
                let value = if TYPED_IDS.contains(key) {
                    Some(typed)
                } else if FLAGS.contains(key) {
                    Some(Value::Bool(typed.is_null()))
                } else {
                    value
                };
                if let Some(value) = value {
                    object.insert((*key).into(), value);
                }
            }
            Value::Object(object)
        })
}

/// How many drafts decoded and reached their validator, of how many.
static DECODED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
static VALIDATED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn run<T: std::fmt::Debug>(strategy: impl Strategy<Value = T>, test: impl Fn(T)) {
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&strategy, |value| {
        test(value);
        Ok(())
    });
    assert!(result.is_ok(), "{result:?}");
}

/// Decodes `json` as `T` and validates it; a refusal must name fields.
fn decode_and<T: serde::de::DeserializeOwned>(json: Value, validate: impl Fn(T) -> Option<usize>) {
    DECODED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    if let Ok(draft) = serde_json::from_value::<T>(json) {
        VALIDATED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if let Some(problems) = validate(draft) {
            assert!(problems > 0, "a refusal names at least one field");
        }
    }
}

fn problems<V>(result: Result<V, FieldErrors>) -> Option<usize> {
    result.err().map(|errors| errors.0.len())
}

#[test]
fn lead_and_activity_forms_never_panic() {
    run(
        // Every field a lead has, as the sync protocol names them.
        draft(&app::sync::plan::LEAD_FIELDS),
        |json| decode_and::<LeadDraft>(json, |draft| problems(draft.validate())),
    );
    run(
        draft(&[
            "lead_id",
            "kind",
            "tactic",
            "outcome",
            "notes",
            "when",
            "duration_minutes",
            "done",
        ]),
        |json| decode_and::<ActivityDraft>(json, |draft| problems(draft.validate())),
    );
    let (tried, validated) = (
        DECODED.load(std::sync::atomic::Ordering::Relaxed),
        VALIDATED.load(std::sync::atomic::Ordering::Relaxed),
    );
    assert!(
        validated * 3 > tried,
        "most cases must reach the validator: {validated} of {tried}"
    );
}

#[test]
fn goal_record_plan_people_and_kudos_forms_never_panic() {
    run(
        draft(&[
            "scope",
            "subject_id",
            "metric",
            "target",
            "currency",
            "period_start",
            "period_end",
        ]),
        |json| decode_and::<GoalDraft>(json, |draft| problems(draft.validate())),
    );
    run(
        draft(&[
            "kind",
            "title",
            "amount",
            "currency",
            "period_start",
            "period_end",
            "body",
            "person_id",
        ]),
        |json| {
            decode_and::<app::domain::record::RecordDraft>(json, |draft| problems(draft.validate()))
        },
    );
    run(
        (
            draft(&[
                "effective_from",
                "effective_to",
                "new_customer_rate",
                "existing_customer_rate",
                "rep_bonus",
                "team_bonus",
                "bonus_currency",
            ]),
            proptest::collection::vec(
                draft(&[
                    "from_percent_of_quota",
                    "new_customer_rate",
                    "existing_customer_rate",
                ]),
                0..8,
            ),
        ),
        |(mut json, tiers)| {
            json["tiers"] = Value::Array(tiers);
            decode_and::<app::domain::compensation::PlanDraft>(json, |draft| {
                problems(draft.validate())
            })
        },
    );
    run(
        draft(&[
            "email",
            "display_name",
            "role",
            "team_id",
            "locale",
            "active",
            "password",
        ]),
        |json| {
            decode_and::<app::domain::user::PersonDraft>(json.clone(), |draft| {
                problems(draft.validate(true))
            });
            decode_and::<app::domain::user::PersonDraft>(json, |draft| {
                problems(draft.validate(false))
            });
        },
    );
    run(
        draft(&["name", "manager_id", "calendar", "time_zone"]),
        |json| decode_and::<app::domain::user::TeamDraft>(json, |draft| problems(draft.validate())),
    );
    run(draft(&["to_user_id", "message"]), |json| {
        decode_and::<app::domain::recognition::KudosDraft>(json, |draft| {
            problems(draft.validate(UserId::new()))
        })
    });
}

#[test]
fn amounts_rates_weeks_and_notes_never_panic_and_stay_in_range() {
    run(field_text(), |text| {
        for currency in [Currency::Irr, Currency::Usd] {
            if let Ok(amount) = parse_amount(&text, currency) {
                assert!(
                    (0..=MAX_MINOR_UNITS).contains(&amount),
                    "{text:?} -> {amount}"
                );
            }
        }
        let _ = app::domain::compensation::parse_rate_percent(&text);
        let _ = app::domain::working_days::parse_week(&text);
        let _ = app::domain::summary::valid_note(&text);
        let _ = app::domain::search::fold_for_search(&text);
        let _ = app::domain::validation::normalize_digits(&text);
    });
}

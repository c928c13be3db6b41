//! Labelled form fields. Every input has a visible `<label>` tied to it, and
//! its problem (from the server's field-level answer) is shown right under it
//! and announced through `aria-describedby`.

use crate::client::session::use_session;
use crate::domain::{Choice, FieldErrors, Locale};
use crate::i18n::{Label, Texts, field_problem_message};
use leptos::prelude::*;

/// Keeps `value` on one of `options`: the first one until the person
/// picks another, and the first again when the picked one goes away (a
/// select whose choices arrive from the server after it is drawn).
pub fn keep_a_choice(options: Signal<Vec<(String, String)>>, value: RwSignal<String>) {
    Effect::new(move || {
        let options = options.get();
        if !options.iter().any(|(id, _)| *id == value.get_untracked())
            && let Some((first, _)) = options.first()
        {
            value.set(first.clone());
        }
    });
}

/// Picks a label out of the catalogue, so labels follow the language.
pub type LabelOf = fn(&'static Texts) -> &'static str;

fn problem_text(
    errors: RwSignal<FieldErrors>,
    name: &'static str,
) -> impl Fn() -> Option<String> + Copy {
    let session = use_session();
    move || {
        errors.with(|errors| {
            errors
                .for_field(name)
                .map(|problem| field_problem_message(session.locale.get(), problem))
        })
    }
}

#[component]
fn FieldProblemText(name: &'static str, errors: RwSignal<FieldErrors>) -> impl IntoView {
    let problem = problem_text(errors, name);
    view! {
        <Show when=move || problem().is_some()>
            <p class="field-problem" id=format!("field-{name}-problem") role="alert">{problem}</p>
        </Show>
    }
}

/// A single-line input.
#[component]
pub fn TextField(
    label: LabelOf,
    name: &'static str,
    value: RwSignal<String>,
    errors: RwSignal<FieldErrors>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let session = use_session();
    let problem = problem_text(errors, name);
    let id = format!("field-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{move || label(session.texts())}</label>
            <input
                id=id
                name=name
                type=input_type
                autocomplete=autocomplete
                inputmode=inputmode
                required=required
                aria-invalid=move || if problem().is_some() { "true" } else { "false" }
                aria-describedby=move || problem().map(|_| format!("field-{name}-problem"))
                prop:value=move || value.get()
                on:input=move |event| value.set(event_target_value(&event))
            />
            <FieldProblemText name=name errors=errors/>
        </div>
    }
}

/// A date. `value` is always ISO (`YYYY-MM-DD`, or the raw text when it
/// is not a date, so validation can name the problem). English readers get
/// the browser's date picker; Persian readers type the Jalali date
/// (`۱۴۰۵/۰۹/۰۵`), as they read it everywhere else in the app.
#[component]
pub fn DateField(
    label: LabelOf,
    name: &'static str,
    value: RwSignal<String>,
    errors: RwSignal<FieldErrors>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    use crate::i18n::format::{jalali_input_text, parse_jalali_input};
    let calendar = JalaliText {
        picker: "date",
        keyboard: Some("numeric"),
        placeholder: "۱۴۰۵/۰۱/۰۱",
        shown: |iso| crate::domain::wire_time::parse_day(iso).map(jalali_input_text),
        read: |text| parse_jalali_input(text).map(|day| day.to_string()),
    };
    view! { <CalendarField label=label name=name value=value errors=errors required=required calendar=calendar/> }
}

/// A local date and time. `value` is always `YYYY-MM-DDTHH:MM` (what a
/// `datetime-local` input gives, or the raw text when it is not a moment,
/// so validation can name the problem). English readers get the browser's
/// picker; Persian readers type the Jalali date and the time
/// (`۱۴۰۵/۰۹/۰۵ ۱۴:۳۰`).
#[component]
pub fn DateTimeField(
    label: LabelOf,
    name: &'static str,
    value: RwSignal<String>,
    errors: RwSignal<FieldErrors>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    use crate::domain::validation::{local_minute_text, parse_local_minute};
    use crate::i18n::format::{jalali_date_time_input_text, parse_jalali_date_time_input};
    let calendar = JalaliText {
        picker: "datetime-local",
        // A space and a colon too: not the numeric keypad.
        keyboard: None,
        placeholder: "۱۴۰۵/۰۱/۰۱ ۰۹:۰۰",
        shown: |local| parse_local_minute(local).map(jalali_date_time_input_text),
        read: |text| parse_jalali_date_time_input(text).map(local_minute_text),
    };
    view! { <CalendarField label=label name=name value=value errors=errors required=required calendar=calendar/> }
}

/// How a calendar field turns between its stored value (ISO) and the
/// Jalali text a Persian reader types.
#[derive(Clone, Copy)]
struct JalaliText {
    /// The browser picker English readers get.
    picker: &'static str,
    /// The `inputmode` of the Persian text field.
    keyboard: Option<&'static str>,
    placeholder: &'static str,
    /// The Jalali text for a stored value, if it is one.
    shown: fn(&str) -> Option<String>,
    /// The stored value for typed text, if it means one.
    read: fn(&str) -> Option<String>,
}

#[component]
fn CalendarField(
    label: LabelOf,
    name: &'static str,
    value: RwSignal<String>,
    errors: RwSignal<FieldErrors>,
    required: bool,
    calendar: JalaliText,
) -> impl IntoView {
    let session = use_session();
    let problem = problem_text(errors, name);
    let id = format!("field-{name}");
    // What the Persian reader typed, kept as typed while it means the same value.
    let typed = RwSignal::new(String::new());
    Effect::new(move || {
        let stored = value.get();
        let same = typed.with_untracked(|text| (calendar.read)(text) == Some(stored.clone()));
        if !same {
            typed.set((calendar.shown)(&stored).unwrap_or(stored));
        }
    });
    let persian = move || session.locale.get() == Locale::Fa;
    view! {
        <div class="field">
            <label for=id.clone()>{move || label(session.texts())}</label>
            <input
                id=id
                name=name
                type=move || if persian() { "text" } else { calendar.picker }
                inputmode=move || if persian() { calendar.keyboard } else { None }
                placeholder=move || persian().then_some(calendar.placeholder)
                autocomplete="off"
                required=required
                aria-invalid=move || if problem().is_some() { "true" } else { "false" }
                aria-describedby=move || problem().map(|_| format!("field-{name}-problem"))
                prop:value=move || if persian() { typed.get() } else { value.get() }
                on:input=move |event| {
                    let text = event_target_value(&event);
                    if persian() {
                        typed.set(text.clone());
                        value.set((calendar.read)(&text).unwrap_or(text));
                    } else {
                        value.set(text);
                    }
                }
            />
            <FieldProblemText name=name errors=errors/>
        </div>
    }
}

/// A multi-line input.
#[component]
pub fn TextAreaField(
    label: LabelOf,
    name: &'static str,
    value: RwSignal<String>,
    errors: RwSignal<FieldErrors>,
) -> impl IntoView {
    let session = use_session();
    let problem = problem_text(errors, name);
    let id = format!("field-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{move || label(session.texts())}</label>
            <textarea
                id=id
                name=name
                rows="3"
                aria-invalid=move || if problem().is_some() { "true" } else { "false" }
                aria-describedby=move || problem().map(|_| format!("field-{name}-problem"))
                prop:value=move || value.get()
                on:input=move |event| value.set(event_target_value(&event))
            ></textarea>
            <FieldProblemText name=name errors=errors/>
        </div>
    }
}

/// A choice from a list of `(value, shown text)` pairs.
#[component]
pub fn SelectField(
    label: LabelOf,
    name: &'static str,
    value: RwSignal<String>,
    errors: RwSignal<FieldErrors>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let session = use_session();
    let problem = problem_text(errors, name);
    let id = format!("field-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{move || label(session.texts())}</label>
            <select
                id=id
                name=name
                aria-invalid=move || if problem().is_some() { "true" } else { "false" }
                aria-describedby=move || problem().map(|_| format!("field-{name}-problem"))
                on:change=move |event| value.set(event_target_value(&event))
            >
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(option_value, text)| {
                            let selected_value = option_value.clone();
                            view! {
                                <option value=option_value prop:selected=move || value.get() == selected_value>
                                    {text}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
            <FieldProblemText name=name errors=errors/>
        </div>
    }
}

/// A yes/no choice.
#[component]
pub fn CheckboxField(label: LabelOf, name: &'static str, checked: RwSignal<bool>) -> impl IntoView {
    let session = use_session();
    let id = format!("field-{name}");
    view! {
        <div class="field field-checkbox">
            <input
                id=id.clone()
                name=name
                type="checkbox"
                prop:checked=move || checked.get()
                on:change=move |event| checked.set(event_target_checked(&event))
            />
            <label for=id>{move || label(session.texts())}</label>
        </div>
    }
}

/// The options of a choice list in the reader's language.
pub fn choice_options<T: Choice + Label>(locale: Locale) -> Vec<(String, String)> {
    T::ALL
        .iter()
        .map(|choice| {
            (
                choice.as_str().to_string(),
                choice.label(locale).to_string(),
            )
        })
        .collect()
}

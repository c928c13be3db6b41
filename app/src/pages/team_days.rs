//! The team's working days (`/team-days`): the week it works and the
//! holiday list its manager keeps, which every pace and projection counts.
//! The manager (or an admin, for any team) edits them; a rep reads them.
//! The last answer is kept on the device for reading offline.

use crate::api::team_days::{
    TeamDaysView, add_fixed_holidays, add_holiday, read_team_days, remove_holiday,
    save_working_week,
};
use crate::client::session::use_session;
use crate::components::fields::{DateField, TextField};
use crate::components::form::FormStatus;
use crate::components::team_switch::TeamSwitch;
use crate::components::{ErrorNotice, Loading};
use crate::domain::calendar::jalali_parts;
use crate::domain::period::Calendar;
use crate::domain::working_days::{FIXED_HOLIDAY_NAME, WorkingWeek};
use crate::domain::{Choice, TeamId};
use crate::error::AppError;
use crate::i18n::error_message;
use crate::i18n::format::format_date;
use crate::i18n::team_days::{add_fixed_label, holidays_heading, team_day_texts};
use chrono::{Datelike, Duration, NaiveDate};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The weekdays in the order a reader of `calendar` lists them, as
/// indexes into a Monday-first week (a Jalali week starts on Saturday).
pub fn weekday_order(calendar: Calendar) -> [usize; 7] {
    match calendar {
        Calendar::Jalali => [5, 6, 0, 1, 2, 3, 4],
        Calendar::Gregorian => [0, 1, 2, 3, 4, 5, 6],
    }
}

/// The year a view's holidays are listed for, as the reader counts it.
fn year_number(view: &TeamDaysView) -> i32 {
    match view.calendar {
        Calendar::Jalali => {
            jalali_parts(view.first_day).map_or(view.first_day.year(), |(y, _, _)| y)
        }
        Calendar::Gregorian => view.first_day.year(),
    }
}

#[component]
pub fn TeamDaysPage() -> impl IntoView {
    let session = use_session();
    let words = move || team_day_texts(session.locale.get());
    let team = RwSignal::new(None::<TeamId>);
    let year_day = RwSignal::new(None::<NaiveDate>);
    let reload = RwSignal::new(0_u32);
    // What is typed in the add-holiday form lives here, not in the form:
    // the page is rebuilt each time its data reloads, and typing must
    // survive that.
    let holiday_draft = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    // Outlives the re-read after a save, so the notice stays.
    let week_saved = RwSignal::new(false);
    let answer = LocalResource::new(move || {
        reload.track();
        let team = team.get();
        let day = year_day.get().unwrap_or_else(|| session.today());
        let reader = session.locale.get();
        let key = session.user.with_untracked(|user| {
            user.as_ref().map(|profile| {
                crate::client::storage::keys::report(
                    &profile.id.to_string(),
                    &format!(
                        "team_days.{}.{day}.{}",
                        team.map_or_else(|| "own".into(), |team| team.to_string()),
                        reader.as_str()
                    ),
                )
            })
        });
        async move {
            crate::client::storage::remember_or_recall(
                key.as_deref(),
                read_team_days(team, day, reader).await,
            )
        }
    });
    view! {
        <h1>{move || words().title}</h1>
        <p class="hint">{move || words().explained}</p>
        {move || match answer.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error=error/> }.into_any(),
            Some(Ok((view, from_memory))) => {
                view! {
                    {from_memory.then(|| view! { <p class="notice" role="status">{move || session.texts().screens().offline_notice}</p> })}
                    <TeamSwitch id="team-days-team" label=|locale| team_day_texts(locale).team
                        teams=view.teams.clone() shown=view.team_id team=team/>
                    <WeekForm view=view.clone() reload=reload saved=week_saved/>
                    <HolidayList view=view year_day=year_day reload=reload draft=holiday_draft/>
                }.into_any()
            }
        }}
    }
}

/// The week: one choice per weekday (full, half, off), in the reader's order.
#[component]
fn WeekForm(view: TeamDaysView, reload: RwSignal<u32>, saved: RwSignal<bool>) -> impl IntoView {
    let session = use_session();
    let words = move || team_day_texts(session.locale.get());
    let week = RwSignal::new(view.week);
    let status = FormStatus::new();
    let team_id = view.team_id;
    let editable = view.can_edit;
    let save = move |chosen: Option<WorkingWeek>| {
        saved.set(false);
        // The week saved as chosen is the one on the screen: the page is
        // read again only when it went back to the calendar's week. A
        // re-read rebuilds the page, and a holiday being typed meanwhile
        // lost its keystrokes and focus (an end-to-end run caught the name
        // field empty, session 36).
        let back_to_calendar = chosen.is_none();
        status.submit(save_working_week(team_id, chosen), move |_| {
            saved.set(true);
            if back_to_calendar {
                reload.update(|count| *count += 1);
            }
        });
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        save(Some(week.get_untracked()));
    };
    let choices = move || {
        let words = words();
        [
            ("2", words.full_day),
            ("1", words.half_day),
            ("0", words.day_off),
        ]
    };
    view! {
        <section class="panel team-days-section" aria-labelledby="week-heading">
            <h2 id="week-heading">{move || words().week_heading}</h2>
            <form class="form week-form" on:submit=submit novalidate>
                <div class="week-days">
                    {weekday_order(view.calendar).into_iter().map(|index| {
                        let id = format!("weekday-{index}");
                        view! {
                            <div class="field">
                                <label for=id.clone()>{move || words().weekdays[index]}</label>
                                <select id=id disabled=!editable on:change=move |event| {
                                    let halves = event_target_value(&event).parse::<u8>().unwrap_or(0);
                                    week.update(|week| week[index] = halves.min(2));
                                }>
                                    {move || choices().into_iter().map(|(value, text)| {
                                        let selected = week.with_untracked(|week| week[index].to_string() == value);
                                        view! { <option value=value selected=selected>{text}</option> }
                                    }).collect_view()}
                                </select>
                            </div>
                        }
                    }).collect_view()}
                </div>
                {move || status.failure.get().map(|error| view! {
                    <p class="notice notice-error" role="alert">{move || error_message(session.locale.get(), &error)}</p>
                })}
                {move || saved.get().then(|| view! { <p class="notice" role="status">{move || words().week_saved}</p> })}
                <Show when=move || editable fallback=move || view! { <p class="hint">{move || words().kept_by_manager}</p> }>
                    <div class="form-actions">
                        <button type="submit" class="button-primary" disabled=move || status.busy.get()>{move || words().save_week}</button>
                        <button type="button" class="button-quiet" disabled=move || status.busy.get() on:click=move |_| save(None)>
                            {move || words().calendar_week}
                        </button>
                    </div>
                </Show>
            </form>
        </section>
    }
}

/// The year's holidays, with a way to add, remove and start from the fixed ones.
#[component]
fn HolidayList(
    view: TeamDaysView,
    year_day: RwSignal<Option<NaiveDate>>,
    reload: RwSignal<u32>,
    /// The add form's day and name, kept by the page.
    draft: (RwSignal<String>, RwSignal<String>),
) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || team_day_texts(locale());
    let year = year_number(&view);
    let team_id = view.team_id;
    let editable = view.can_edit;
    let jalali = view.calendar == Calendar::Jalali;
    let (first_day, last_day) = (view.first_day, view.last_day);
    let failure = RwSignal::new(None::<AppError>);
    let run =
        move |work: std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), AppError>>>>| {
            failure.set(None);
            spawn_local(async move {
                match work.await {
                    Ok(()) => reload.update(|count| *count += 1),
                    Err(error) => {
                        session.note_error(&error);
                        failure.set(Some(error));
                    }
                }
            });
        };
    let holidays = view.holidays.clone();
    let empty = holidays.is_empty();
    view! {
        <section class="panel team-days-section" aria-labelledby="holidays-heading">
            <div class="page-head">
                <h2 id="holidays-heading">{move || holidays_heading(locale(), year)}</h2>
                <div class="year-nav">
                    <button type="button" class="button-quiet" on:click=move |_| year_day.set(Some(first_day - Duration::days(1)))>
                        {move || words().previous_year}
                    </button>
                    <button type="button" class="button-quiet" on:click=move |_| year_day.set(Some(last_day + Duration::days(1)))>
                        {move || words().next_year}
                    </button>
                </div>
            </div>
            {move || failure.get().map(|error| view! {
                <p class="notice notice-error" role="alert">{move || error_message(locale(), &error)}</p>
            })}
            {if empty {
                view! { <p class="empty">{move || words().no_holidays}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="data-table">
                            <thead><tr>
                                <th scope="col">{move || words().day}</th>
                                <th scope="col">{move || words().holiday}</th>
                                {editable.then(|| view! { <th scope="col"><span class="visually-hidden">{move || words().remove}</span></th> })}
                            </tr></thead>
                            <tbody>
                                {holidays.into_iter().map(|holiday| {
                                    let day = holiday.day;
                                    let fixed = holiday.name == FIXED_HOLIDAY_NAME;
                                    let name = holiday.name.clone();
                                    let shown = move || if fixed { words().fixed_name.to_string() } else { name.clone() };
                                    let label = shown.clone();
                                    view! {
                                        <tr>
                                            <td>{move || format_date(locale(), day)}</td>
                                            <td>{shown}</td>
                                            {editable.then(|| view! {
                                                <td class="row-action">
                                                    <button type="button" class="button-quiet"
                                                        aria-label=move || format!("{} {} ({})", words().remove, label(), format_date(locale(), day))
                                                        on:click=move |_| run(Box::pin(remove_holiday(team_id, day)))>
                                                        {move || words().remove}
                                                    </button>
                                                </td>
                                            })}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            <Show when=move || editable>
                {(jalali).then(|| view! {
                    <p>
                        <button type="button" class="button-quiet" on:click=move |_| run(Box::pin(add_fixed_holidays(team_id, year)))>
                            {move || add_fixed_label(locale(), year)}
                        </button>
                    </p>
                })}
                <AddHolidayForm team_id=team_id reload=reload draft=draft/>
            </Show>
        </section>
    }
}

/// Adds a day off (a lunar holiday, a company day) to the team's list.
#[component]
fn AddHolidayForm(
    team_id: TeamId,
    reload: RwSignal<u32>,
    draft: (RwSignal<String>, RwSignal<String>),
) -> impl IntoView {
    let session = use_session();
    let words = move || team_day_texts(session.locale.get());
    let (day, name) = draft;
    let status = FormStatus::new();
    let errors = status.errors;
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        status.submit(
            add_holiday(team_id, day.get_untracked(), name.get_untracked()),
            move |_| {
                day.set(String::new());
                name.set(String::new());
                reload.update(|count| *count += 1);
            },
        );
    };
    view! {
        <form class="form holiday-form" on:submit=submit novalidate>
            <DateField label=|t| t.screens().holiday_day name="day" value=day errors=errors required=true/>
            <TextField label=|t| t.screens().holiday_name name="name" value=name errors=errors required=true/>
            {move || status.failure.get().map(|error| view! {
                <p class="notice notice-error" role="alert">{move || error_message(session.locale.get(), &error)}</p>
            })}
            <div class="form-actions">
                <button type="submit" class="button-primary" disabled=move || status.busy.get()>{move || words().add_holiday}</button>
            </div>
        </form>
    }
}

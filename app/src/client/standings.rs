//! Where every goal the signed-in person reads stands, shared by all screens:
//! the server's numbers for every readable goal, with the person's own goals
//! counted on the device on top (so an offline win shows at once).

use crate::client::engine::use_sync;
use crate::client::session::use_session;
use crate::domain::GoalId;
use crate::domain::agenda::{counted_on_device, own_goal_progress};
use crate::domain::progress::GoalStanding;
use crate::domain::sorted_map::SortedMap;
use leptos::prelude::*;

/// Every readable goal's standing today, by goal; provided by `App`.
#[derive(Clone, Copy)]
pub struct Standings {
    pub by_goal: Memo<SortedMap<GoalId, GoalStanding>>,
    from_server: LocalResource<Result<Vec<GoalStanding>, crate::error::AppError>>,
}

impl Standings {
    /// Builds the shared standings and provides them to every screen.
    pub fn provide() -> Self {
        let session = use_session();
        let engine = use_sync();
        // Only ask the server when some running goal cannot be counted on
        // the device (team goals, training, a manager's reps).
        let needs_server = Memo::new(move |_| {
            let Some(person) = session
                .user
                .with(|user| user.as_ref().map(|profile| profile.id))
            else {
                return false;
            };
            let today = session.today();
            engine.goals().is_some_and(|goals| {
                goals.iter().any(|goal| {
                    !goal.deleted
                        && goal.period_start <= today
                        && today <= goal.period_end
                        && !counted_on_device(goal, person, today)
                })
            })
        });
        // Asked again when the server has something new for the person, not
        // after every sync round (most bring nothing).
        let pulled_up_to = Memo::new(move |_| engine.pulled_up_to());
        // A first screen drawn by the server came with the standings as of
        // the page's load, and the first pull is of the same moment: the
        // first time they are needed they are already here.
        let were_drawn = crate::first_screen::goal_standings_were_drawn();
        let answered_by_drawing = StoredValue::new(were_drawn);
        // Decoded a task after the app is mounted: at 4x CPU the decoding
        // was 13-19 ms of the mount's task, which held input for over 100 ms.
        let drawn = RwSignal::new(Vec::new());
        // Drawn standings that cannot be read are asked for instead.
        let unreadable_drawing = RwSignal::new(false);
        // Whether the server is asked yet: in the browser, from the task
        // after the app's mount (the question's first run was 20-26 ms of
        // the mount's task at 4x CPU, a task of ~100 ms).
        let asking = RwSignal::new(cfg!(not(feature = "csr")));
        #[cfg(feature = "csr")]
        set_timeout(
            move || {
                match crate::first_screen::drawn_goal_standings() {
                    Some(standings) => {
                        let _ = drawn.try_set(standings);
                    }
                    None if were_drawn => {
                        let _ = unreadable_drawing.try_set(true);
                    }
                    None => {}
                }
                let _ = asking.try_set(true);
            },
            std::time::Duration::ZERO,
        );
        #[cfg(not(feature = "csr"))]
        if let Some(standings) = crate::first_screen::drawn_goal_standings() {
            drawn.set(standings);
        }
        let from_server = LocalResource::new(move || {
            let (needed, already_drawn) = if asking.get() {
                pulled_up_to.track();
                let unreadable = unreadable_drawing.get();
                let needed = needs_server.get();
                let already_drawn = needed && answered_by_drawing.get_value() && !unreadable;
                if needed {
                    answered_by_drawing.set_value(false);
                }
                (needed, already_drawn)
            } else {
                (false, false)
            };
            async move {
                if needed && !already_drawn {
                    crate::api::goal_standings(session.today()).await
                } else {
                    Ok(Vec::new())
                }
            }
        });
        let own = Memo::new(move |_| {
            let (person, working) = session.user.with(|user| {
                user.as_ref().map(|profile| {
                    (
                        profile.id,
                        crate::domain::working_days::WorkingCalendar::of_profile(
                            profile.team_calendar,
                            profile.team_days.as_ref(),
                        ),
                    )
                })
            })?;
            let goals = engine.goals()?;
            engine.leads_view.with(|leads| {
                engine.activities_view.with(|activities| {
                    Some(own_goal_progress(
                        &goals,
                        leads.as_deref()?,
                        activities.as_deref()?,
                        person,
                        session.today(),
                        &working,
                        &session.zone(),
                    ))
                })
            })
        });
        // A first screen drawn by the server came with them (as of the
        // page's load): the device's own ask and count replace them.
        let by_goal = Memo::new(move |_| {
            let mut by_goal: SortedMap<GoalId, GoalStanding> = drawn.with(|drawn| {
                drawn
                    .iter()
                    .map(|standing| (standing.goal.id, standing.clone()))
                    .collect()
            });
            if let Some(Ok(all)) = from_server.get() {
                by_goal.extend(all.into_iter().map(|standing| (standing.goal.id, standing)));
            }
            if let Some(own) = own.get() {
                by_goal.extend(own.into_iter().map(|standing| (standing.goal.id, standing)));
            }
            by_goal
        });
        let standings = Self {
            by_goal,
            from_server,
        };
        provide_context(standings);
        standings
    }

    /// Asks the server again (a screen that shows standings opens: records
    /// such as trainings change them without a sync).
    pub fn refresh(self) {
        self.from_server.refetch();
    }

    /// One goal's standing (tracked).
    pub fn of(self, id: GoalId) -> Option<GoalStanding> {
        self.by_goal.with(|by_goal| by_goal.get(&id).cloned())
    }
}

pub fn use_standings() -> Standings {
    expect_context::<Standings>()
}

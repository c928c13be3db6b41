//! Goal progress at scale, measured (not asserted):
//! `cargo bench -p server --bench goal_progress`.
//!
//! One team of 50 reps and a manager; 200,000 leads (30% closed, won or
//! lost, over two years) and 1,000,000 activities over the same two years,
//! generated in SQL into a temporary database file with the production
//! settings and migrations. With `PISHRO_BENCH_POSTGRES=postgres://USER@HOST:PORT`
//! the same rows are then copied into a new PostgreSQL database there (as
//! `pishro migrate-data` copies) and every query is timed on it instead. Each rep has a monthly revenue goal and a
//! monthly calls goal; the team has revenue goals for the month, the
//! quarter and the year. Timed, 40 runs each after 3 warm-ups:
//! 1. the manager's goals screen: all 103 standings (`Store::goal_standings`);
//! 2. one rep's screen: their 2 goals and the team's 3;
//! 3. a leaderboard of the 50 reps on revenue over the year;
//! 4. the manager's team dashboard figures (issue 12): 50 reps' activities
//!    today and this week by type, open pipeline by stage, won this month,
//!    freshness, and the 12-month trend (`Store::dashboard_figures`);
//! 5. the month-over-month / year-over-year report: the team's totals for
//!    this month, the month before and the same month a year earlier;
//! 6. the tactic report: the month's activities by tactic, type and source
//!    with the share of touched leads moved forward or won within 14 days;
//! 7. the pipeline report's queries: funnel entries and times in stage,
//!    stale-deal candidates, stage win rates over a year, open pipeline
//!    per owner and days to close.
//!
//! Target (issues 5 and 12): p95 under 50 ms for each.

use app::domain::access::ReadScope;
use app::domain::goal::ValidGoal;
use app::domain::period::{Calendar, Period, PeriodLength};
use app::domain::{Currency, GoalId, GoalMetric, GoalScope, Locale, Role, TeamId, UserId};
use app::store::DashboardQuery;
use app::store::{NewUser, Store};
use chrono::{NaiveDate, Utc};
use std::time::{Duration, Instant};

const REPS: usize = 50;
const LEADS: i64 = 200_000;
const ACTIVITIES: i64 = 1_000_000;
const RUNS: usize = 40;

fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
}

fn percentile(samples: &mut [Duration], share: f64) -> Duration {
    samples.sort();
    let index = ((samples.len() as f64 - 1.0) * share).round() as usize;
    samples[index.min(samples.len() - 1)]
}

async fn time<F, Fut, T>(label: &str, mut run: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = T>,
{
    for _ in 0..3 {
        run().await;
    }
    let mut samples = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let started = Instant::now();
        std::hint::black_box(run().await);
        samples.push(started.elapsed());
    }
    let p50 = percentile(&mut samples, 0.5);
    let p95 = percentile(&mut samples, 0.95);
    let max = percentile(&mut samples, 1.0);
    println!(
        "{label}: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms ({RUNS} runs)",
        p50.as_secs_f64() * 1000.0,
        p95.as_secs_f64() * 1000.0,
        max.as_secs_f64() * 1000.0
    );
}

#[tokio::main]
async fn main() {
    let directory = tempfile::tempdir().expect("temp dir");
    // The data is always made in SQLite (its SQL fills a million rows in
    // seconds); with PISHRO_BENCH_POSTGRES=postgres://USER@HOST:PORT it is
    // then copied into a new PostgreSQL database there, exactly as
    // `pishro migrate-data` does, and measured there: the same rows on both.
    let url = format!("sqlite:{}", directory.path().join("bench.db").display());
    let store = Store::connect(&url).await.expect("database");
    let team = TeamId::new();
    store
        .insert_team(team, "Bench team", None)
        .await
        .expect("team");
    let manager = UserId::new();
    let mut reps = Vec::new();
    for index in 0..=REPS {
        let (id, role) = if index == REPS {
            (manager, Role::Manager)
        } else {
            (UserId::new(), Role::Rep)
        };
        store
            .insert_user(NewUser {
                id,
                email: &format!("person{index}@bench.local"),
                display_name: &format!("Person {index:02}"),
                password_hash: "not-used",
                role,
                team_id: Some(team),
                locale: Locale::En,
            })
            .await
            .expect("user");
        if role == Role::Rep {
            reps.push(id);
        }
    }

    let started = Instant::now();
    let pool = store.pool();
    sqlx::query("CREATE TABLE bench_reps (position INTEGER PRIMARY KEY, id TEXT NOT NULL)")
        .execute(pool)
        .await
        .expect("temp table");
    for (position, id) in reps.iter().enumerate() {
        sqlx::query("INSERT INTO bench_reps VALUES ($1, $2)")
            .bind(position as i64)
            .bind(id.to_string())
            .execute(pool)
            .await
            .expect("rep row");
    }
    // Two years of seconds, visited in a scrambled order (7919 is prime to it).
    let two_years: i64 = 730 * 86_400;
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < {LEADS}) \
         INSERT INTO leads (id, owner_id, name, source, stage, estimated_value, currency, customer_kind, \
                            won_amount, closed_at, created_at, updated_at, version) \
         SELECT printf('00000000-0000-7000-8000-%012d', i), (SELECT id FROM bench_reps WHERE position = i % {REPS}), 'Lead ' || i, 'referral', \
                CASE i % 10 WHEN 0 THEN 'won' WHEN 1 THEN 'won' WHEN 2 THEN 'lost' ELSE 'proposal' END, \
                150000, 'USD', CASE i % 3 WHEN 0 THEN 'new' ELSE 'existing' END, \
                CASE WHEN i % 10 < 2 THEN 100000 + (i % 7) * 10000 END, \
                CASE WHEN i % 10 < 3 THEN strftime('%Y-%m-%dT%H:%M:%S.000Z', '2025-01-01', '+' || ((i * 7919) % {two_years}) || ' seconds') END, \
                '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', i + 1 FROM n"
    )))
    .execute(pool)
    .await
    .expect("leads");
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < {ACTIVITIES}) \
         INSERT INTO activities (id, lead_id, owner_id, kind, tactic, outcome, occurred_at, due_at, notes, \
                                 created_at, updated_at, version) \
         SELECT 'activity-' || i, printf('00000000-0000-7000-8000-%012d', i % {LEADS}), (SELECT id FROM bench_reps WHERE position = (i % {LEADS}) % {REPS}), \
                CASE i % 5 WHEN 0 THEN 'call' WHEN 1 THEN 'call' WHEN 2 THEN 'meeting' WHEN 3 THEN 'email' ELSE 'task' END, \
                CASE (i / 5) % 4 WHEN 0 THEN 'cold_call' WHEN 1 THEN 'personalised_email' WHEN 2 THEN 'referral' ELSE 'visit' END, NULL, \
                CASE WHEN i % 5 < 4 THEN strftime('%Y-%m-%dT%H:%M:%S.000Z', '2025-01-01', '+' || ((i * 7919) % {two_years}) || ' seconds') END, \
                CASE WHEN i % 5 = 4 THEN strftime('%Y-%m-%dT%H:%M:%S.000Z', '2025-01-01', '+' || ((i * 7919) % {two_years}) || ' seconds') END, \
                '', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', {LEADS} + i + 1 FROM n"
    )))
    .execute(pool)
    .await
    .expect("activities");
    sqlx::query("DROP TABLE bench_reps")
        .execute(pool)
        .await
        .expect("drop the helper table");
    sqlx::query("ANALYZE").execute(pool).await.expect("analyze");
    println!(
        "seeded {LEADS} leads and {ACTIVITIES} activities for {REPS} reps in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let store = match std::env::var("PISHRO_BENCH_POSTGRES") {
        Ok(server) if !server.is_empty() => {
            let target_url = app::store::new_postgres_database(&server)
                .await
                .expect("a PostgreSQL database");
            let target = Store::connect(&target_url)
                .await
                .expect("the PostgreSQL database");
            let copying = Instant::now();
            let copied = store
                .copy_everything_to(&target)
                .await
                .expect("the copy into PostgreSQL");
            sqlx::query("ANALYZE")
                .execute(target.pool())
                .await
                .expect("analyze");
            println!(
                "copied into PostgreSQL ({}) in {:.1} s: {copied:?}",
                target_url.split('@').next_back().unwrap_or_default(),
                copying.elapsed().as_secs_f64()
            );
            target
        }
        _ => store,
    };

    let now = Utc::now();
    let month = Period {
        start: day(2026, 11, 1),
        end: day(2026, 11, 30),
    };
    let goal = |scope, subject: uuid::Uuid, metric, target, period: Period| ValidGoal {
        id: GoalId::new(),
        scope,
        subject_id: subject,
        metric,
        target,
        currency: (metric == GoalMetric::RevenueWon).then_some(Currency::Usd),
        period_start: period.start,
        period_end: period.end,
    };
    let mut goals = Vec::new();
    for rep in &reps {
        goals.push(goal(
            GoalScope::Rep,
            rep.0,
            GoalMetric::RevenueWon,
            5_000_000,
            month,
        ));
        goals.push(goal(GoalScope::Rep, rep.0, GoalMetric::Calls, 400, month));
    }
    for period in [
        month,
        Period {
            start: day(2026, 10, 1),
            end: day(2026, 12, 31),
        },
        Period {
            start: day(2026, 1, 1),
            end: day(2026, 12, 31),
        },
    ] {
        goals.push(goal(
            GoalScope::Team,
            team.0,
            GoalMetric::RevenueWon,
            500_000_000,
            period,
        ));
    }
    for valid in &goals {
        store
            .save_goal(valid, team, manager, now)
            .await
            .expect("goal");
    }
    let stored = store.list_goals(Some(team)).await.expect("goals");
    let today = day(2026, 11, 15);
    let first_rep = reps[0];
    let rep_view: Vec<_> = stored
        .iter()
        .filter(|goal| goal.scope == GoalScope::Team || goal.subject_id == first_rep.0)
        .cloned()
        .collect();

    let sample = store
        .goal_standings(&stored, today)
        .await
        .expect("standings");
    let team_year = sample
        .iter()
        .find(|standing| {
            standing.goal.scope == GoalScope::Team && standing.goal.period_start == day(2026, 1, 1)
        })
        .map_or(0, |standing| standing.actual);
    println!(
        "{} standings; the team's 2026 revenue so far: {} (minor units)",
        sample.len(),
        team_year
    );

    time(
        "manager's goals (103 standings: 50 reps x 2 + team month/quarter/year)",
        || {
            let store = store.clone();
            let stored = stored.clone();
            async move {
                store
                    .goal_standings(&stored, today)
                    .await
                    .expect("standings")
            }
        },
    )
    .await;
    time("one rep's goals (2 own + 3 team)", || {
        let store = store.clone();
        let rep_view = rep_view.clone();
        async move {
            store
                .goal_standings(&rep_view, today)
                .await
                .expect("standings")
        }
    })
    .await;
    let people: Vec<(UserId, String)> = reps
        .iter()
        .enumerate()
        .map(|(index, id)| (*id, format!("Person {index:02}")))
        .collect();
    let trend_periods = app::domain::team_dashboard::last_periods(
        Calendar::Gregorian,
        PeriodLength::Month,
        today,
        12,
    );
    let utc = app::domain::time_zone::UtcOffsets::default();
    let month_span = utc.span(month);
    let dashboard = DashboardQuery {
        scope: ReadScope::Team(team),
        people: &people,
        period: month,
        week: app::domain::team_dashboard::week_of(Calendar::Gregorian, today),
        today,
        zone: &utc,
        trend_periods: &trend_periods,
    };
    let figures = store
        .dashboard_figures(&dashboard)
        .await
        .expect("dashboard");
    println!(
        "dashboard: {} reps, {} open deals, {} won this month, {} trend months",
        figures.reps.len(),
        figures
            .pipeline
            .iter()
            .map(|stage| stage.count)
            .sum::<i64>(),
        figures.reps.iter().map(|rep| rep.won_deals).sum::<i64>(),
        figures.trend.len()
    );
    time(
        "team dashboard: 50 reps today/week/pipeline/won/freshness + 12-month trend",
        || {
            let store = store.clone();
            let dashboard = dashboard.clone();
            async move {
                store
                    .dashboard_figures(&dashboard)
                    .await
                    .expect("dashboard")
            }
        },
    )
    .await;
    time(
        "month over month and year over year: the team's totals in 3 months",
        || {
            let store = store.clone();
            async move {
                let mut all = Vec::new();
                for period in [
                    month,
                    Period {
                        start: day(2026, 10, 1),
                        end: day(2026, 10, 31),
                    },
                    Period {
                        start: day(2025, 11, 1),
                        end: day(2025, 11, 30),
                    },
                ] {
                    all.push(store.team_totals(team, period).await.expect("totals"));
                }
                all
            }
        },
    )
    .await;
    time("leaderboard: 50 reps on revenue over the year", || {
        let store = store.clone();
        async move {
            store
                .leaderboard(
                    team,
                    GoalMetric::RevenueWon,
                    Some(Currency::Usd),
                    Period {
                        start: day(2026, 1, 1),
                        end: day(2026, 12, 31),
                    },
                )
                .await
                .expect("leaderboard")
        }
    })
    .await;
    time(
        "tactic report: the month by tactic, type and source (14-day window)",
        || {
            let store = store.clone();
            async move {
                store
                    .approach_lines(ReadScope::Team(team), month, 14)
                    .await
                    .expect("tactics")
            }
        },
    )
    .await;
    let year_ago = now - chrono::Duration::days(365);
    let stuck: std::collections::BTreeMap<_, _> = app::domain::pipeline_health::OPEN_STAGES
        .iter()
        .map(|stage| (*stage, now - chrono::Duration::days(30)))
        .collect();
    let scope = ReadScope::Team(team);
    time(
        "pipeline report, funnel: stage entries and times in stage this month",
        || {
            let store = store.clone();
            async move {
                (
                    store
                        .stage_entries(scope, month_span)
                        .await
                        .expect("entries"),
                    store
                        .stage_durations(scope, month_span)
                        .await
                        .expect("durations"),
                )
            }
        },
    )
    .await;
    time(
        "pipeline report, stale deals: the quietest 50 per rep, count and value of all",
        || {
            let store = store.clone();
            let stuck = stuck.clone();
            async move {
                store
                    .stale_deals(scope, now - chrono::Duration::days(14), &stuck, 50)
                    .await
                    .expect("stale")
                    .1
            }
        },
    )
    .await;
    time(
        "pipeline report, forecast: stage win rates over a year, open pipeline per rep",
        || {
            let store = store.clone();
            async move {
                (
                    store
                        .stage_win_rates(scope, year_ago.date_naive())
                        .await
                        .expect("rates"),
                    store.open_pipeline_by_owner(scope).await.expect("open"),
                )
            }
        },
    )
    .await;
    time(
        "pipeline report, productivity: days to close this month",
        || {
            let store = store.clone();
            async move { store.days_to_close(scope, month_span).await.expect("days") }
        },
    )
    .await;
}

//! Generated data for trying the reports at size and for benchmarks
//! (`pishro generate`): a new team with a manager and reps (Persian and
//! English names, the demo password), leads over the last N months with
//! seasonality (spring and autumn busier), each opened by a tactic that
//! wins at its own rate (cold calls rarely, referrals and visits often),
//! stage moves through the pipeline, and activities on those leads. Written
//! in SQL in a few statements, so a million activities take seconds; the
//! roll-up triggers keep every report exact as for typed data.

use super::{Store, StoreResult};
use crate::domain::{Locale, Role, TeamId, UserId};
use chrono::{DateTime, Months, Utc};

/// How much to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GenerateOptions {
    pub reps: usize,
    pub leads: i64,
    pub activities: i64,
    pub months: u32,
    /// Varies the numbers; the same seed gives the same data shape.
    pub seed: i64,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        GenerateOptions {
            reps: 50,
            leads: 200_000,
            activities: 1_000_000,
            months: 24,
            seed: 7,
        }
    }
}

/// What was generated: the team, and who can sign in to it.
#[derive(Clone, Debug)]
pub struct Generated {
    pub team_id: TeamId,
    pub team_name: String,
    pub manager_email: String,
    pub rep_emails: Vec<String>,
}

const NAMES: [&str; 12] = [
    "Sara Ahmadi",
    "Reza Karimi",
    "Maryam Hosseini",
    "Ali Rezaei",
    "Nasrin Moradi",
    "Hamed Jafari",
    "Anna Keller",
    "David Moore",
    "Laleh Ebrahimi",
    "Omid Sadeghi",
    "Elena Rossi",
    "Kaveh Tehrani",
];

impl Store {
    /// Adds a generated team to the database (whatever is already there
    /// stays). Reps sign in as `gen<seed>.rep<NN>@pishro.local`, the manager
    /// as `gen<seed>.manager@pishro.local`, with `password_hash`.
    pub async fn generate(
        &self,
        options: &GenerateOptions,
        password_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Generated> {
        let seed = options.seed;
        let team_id = TeamId::new();
        let team_name = format!("Generated team {seed}");
        self.insert_team(team_id, &team_name, None).await?;
        let manager_email = format!("gen{seed}.manager@pishro.local");
        self.insert_user(super::NewUser {
            id: UserId::new(),
            email: &manager_email,
            display_name: &format!("Manager {seed}"),
            password_hash,
            role: Role::Manager,
            team_id: Some(team_id),
            locale: Locale::En,
        })
        .await?;
        let mut rep_ids = Vec::with_capacity(options.reps);
        let mut rep_emails = Vec::with_capacity(options.reps);
        for index in 0..options.reps.max(1) {
            let id = UserId::new();
            let email = format!("gen{seed}.rep{index:02}@pishro.local");
            let name = format!("{} {}", NAMES[index % NAMES.len()], index / NAMES.len() + 1);
            self.insert_user(super::NewUser {
                id,
                email: &email,
                display_name: &name,
                password_hash,
                role: Role::Rep,
                team_id: Some(team_id),
                locale: if index % 2 == 0 {
                    Locale::Fa
                } else {
                    Locale::En
                },
            })
            .await?;
            rep_ids.push(id);
            rep_emails.push(email);
        }

        let mut transaction = self.write().await?;
        sqlx::query(
            "CREATE TEMP TABLE generated_reps (position INTEGER PRIMARY KEY, id TEXT NOT NULL)",
        )
        .execute(&mut *transaction)
        .await?;
        for (position, id) in rep_ids.iter().enumerate() {
            sqlx::query("INSERT INTO generated_reps (position, id) VALUES ($1, $2)")
                .bind(i64::try_from(position).unwrap_or(0))
                .bind(id)
                .execute(&mut *transaction)
                .await?;
        }
        let start = now
            .checked_sub_months(Months::new(options.months.max(1)))
            .unwrap_or(now);
        let span_seconds = (now - start).num_seconds().max(1);
        let reps = i64::try_from(rep_ids.len()).unwrap_or(1);
        let (leads, activities) = (options.leads.max(1), options.activities.max(0));
        // Versions follow on from the counter (the 0003 triggers move it).
        let first_version: i64 =
            sqlx::query_scalar("SELECT last_version FROM sync_state WHERE id = 1")
                .fetch_one(&mut *transaction)
                .await?;
        // Per lead i: a scrambled moment in the span, pulled towards spring
        // and autumn; the opening tactic (i % 4) and a roll (0..99) decide
        // won, lost or still open (and how far along).
        let backend = self.backend();
        let start_text = start.format("%Y-%m-%dT%H:%M:%S").to_string();
        let created = backend.later_instant(&format!("'{start_text}'"), "shift");
        let created_month = month_number(&created);
        let closed = backend.later_instant("created", "(3 + i % 38) * 86400");
        let lead_id = format!(
            "'{seed:08x}-0000-7000-8000-' || {}",
            backend.zero_padded("i", 12)
        );
        let lead_rows = format!(
            "WITH RECURSIVE n(i) AS (SELECT CAST(0 AS BIGINT) UNION ALL SELECT i + 1 FROM n WHERE i + 1 < {leads}), \
             shaped AS ( \
                 SELECT i, (i * 7919 + {seed} * 104729) % {span_seconds} AS shift, \
                        i % 4 AS tactic, (i * 2654435761 + {seed}) % 100 AS roll, \
                        (SELECT id FROM generated_reps WHERE position = i % {reps}) AS owner \
                 FROM n), \
             timed AS ( \
                 SELECT *, {created} AS created, \
                        CASE tactic WHEN 0 THEN 12 WHEN 1 THEN 32 WHEN 2 THEN 45 ELSE 40 END \
                          + CASE WHEN {created_month} IN (3, 4, 5, 9, 10, 11) THEN 8 ELSE 0 END \
                          AS chance \
                 FROM shaped) \
             INSERT INTO leads (id, owner_id, name, company, source, stage, estimated_value, currency, customer_kind, \
                                won_amount, closed_at, lost_reason, created_at, updated_at, version) \
             SELECT {lead_id}, owner, \
                    'Lead ' || i, 'Company ' || (i % 997), \
                    CASE tactic WHEN 0 THEN 'cold_list' WHEN 1 THEN 'website' WHEN 2 THEN 'referral' ELSE 'event' END, \
                    CASE WHEN roll < chance THEN 'won' WHEN roll < chance + 35 THEN 'lost' \
                         ELSE CASE roll % 5 WHEN 0 THEN 'new' WHEN 1 THEN 'contacted' WHEN 2 THEN 'qualified' \
                                            WHEN 3 THEN 'proposal' ELSE 'negotiation' END END, \
                    (50 + (i * 31) % 950) * 100000, CASE WHEN i % 5 = 0 THEN 'USD' ELSE 'IRR' END, \
                    CASE WHEN i % 3 = 0 THEN 'existing' ELSE 'new' END, \
                    CASE WHEN roll < chance THEN (50 + (i * 31) % 950) * 95000 END, \
                    CASE WHEN roll < chance + 35 \
                         THEN min({closed}, '{now}') END, \
                    CASE WHEN roll >= chance AND roll < chance + 35 THEN 'Went with a competitor' ELSE '' END, \
                    created, created, {first_version} + i + 1 \
             FROM timed",
            now = now.format("%Y-%m-%dT%H:%M:%S.000Z"),
        );
        sqlx::query(self.backend().assembled(lead_rows))
            .execute(&mut *transaction)
            .await?;
        // Deals that got somewhere were qualified two days after they came
        // in, so the funnel and the tactic report see them move.
        sqlx::query(self.backend().assembled(format!(
            "INSERT INTO stage_moves (lead_id, owner_id, from_stage, to_stage, entered_from_at, moved_at, forward) \
             SELECT id, owner_id, 'new', 'qualified', created_at, \
                    {qualified_at}, 1 \
             FROM leads WHERE id LIKE '{seed:08x}-%' AND stage IN ('won', 'qualified', 'proposal', 'negotiation')",
            qualified_at = backend.later_instant("created_at", "2 * 86400"),
        )))
        .execute(&mut *transaction)
        .await?;
        // The closed deals' paths now include those moves (as the 0014
        // triggers would have written them, move by move).
        sqlx::query(self.backend().assembled(format!(
            "INSERT INTO closed_lead_paths (lead_id, stage, owner_id, day, won) \
             SELECT id, 'qualified', owner_id, substr(closed_at, 1, 10), CASE WHEN stage = 'won' THEN 1 ELSE 0 END \
             FROM leads WHERE id LIKE '{seed:08x}-%' AND stage = 'won' AND closed_at IS NOT NULL \
             ON CONFLICT DO NOTHING"
        )))
        .execute(&mut *transaction)
        .await?;
        // Activities on those leads, within their first month, by the
        // lead's opening tactic (every fifth a follow-up e-mail).
        let activity_rows = format!(
            "WITH RECURSIVE n(i) AS (SELECT CAST(0 AS BIGINT) UNION ALL SELECT i + 1 FROM n WHERE i + 1 < {activities}) \
             INSERT INTO activities (id, lead_id, owner_id, kind, tactic, outcome, occurred_at, notes, \
                                     created_at, updated_at, version) \
             SELECT '{seed:08x}-0000-7000-9000-' || {activity_number}, l.id, l.owner_id, \
                    CASE WHEN i % 5 = 4 THEN 'email' ELSE CASE (i % {leads}) % 4 WHEN 0 THEN 'call' WHEN 1 THEN 'email' \
                         WHEN 2 THEN 'call' ELSE 'meeting' END END, \
                    CASE WHEN i % 5 = 4 THEN 'personalised_email' ELSE CASE (i % {leads}) % 4 WHEN 0 THEN 'cold_call' \
                         WHEN 1 THEN 'personalised_email' WHEN 2 THEN 'referral' ELSE 'visit' END END, \
                    'reached', min({touched}, '{now}'), \
                    '', l.created_at, l.created_at, {first_version} + {leads} + i + 1 \
             FROM n JOIN leads l ON l.id = '{seed:08x}-0000-7000-8000-' || {lead_number}",
            now = now.format("%Y-%m-%dT%H:%M:%S.000Z"),
            activity_number = backend.zero_padded("i", 12),
            lead_number = backend.zero_padded(&format!("i % {leads}"), 12),
            touched =
                backend.later_instant("l.created_at", &format!("((i / {leads}) * 3 + 1) * 86400")),
        );
        sqlx::query(self.backend().assembled(activity_rows))
            .execute(&mut *transaction)
            .await?;
        sqlx::query("DROP TABLE generated_reps")
            .execute(&mut *transaction)
            .await?;
        transaction.commit().await?;
        sqlx::query("ANALYZE").execute(self.pool()).await?;
        Ok(Generated {
            team_id,
            team_name,
            manager_email,
            rep_emails,
        })
    }
}

/// SQL for the month (1-12) of the stored-instant text `instant`.
fn month_number(instant: &str) -> String {
    format!("CAST(substr({instant}, 6, 2) AS INTEGER)")
}

impl super::Backend {
    /// SQL for the stored text of `base` (stored-instant text or a literal)
    /// plus `seconds` (an SQL number), to the second.
    fn later_instant(self, base: &str, seconds: &str) -> String {
        match self {
            Self::Sqlite => {
                format!(
                    "strftime('%Y-%m-%dT%H:%M:%S.000Z', {base}, '+' || ({seconds}) || ' seconds')"
                )
            }
            Self::Postgres => format!(
                "to_char(CAST({base} AS timestamp) + ({seconds}) * interval '1 second', \
                 'YYYY-MM-DD\"T\"HH24:MI:SS\".000Z\"')"
            ),
        }
    }

    /// SQL for the whole number `number` written with `width` digits.
    fn zero_padded(self, number: &str, width: usize) -> String {
        match self {
            Self::Sqlite => format!("printf('%0{width}d', {number})"),
            Self::Postgres => format!("lpad(CAST({number} AS TEXT), {width}, '0')"),
        }
    }
}

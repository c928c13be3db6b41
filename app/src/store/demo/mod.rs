//! Demo data for a first start on an empty database, so the app is alive at
//! once: one team with a manager and two reps, an admin, a few dozen leads and
//! activities over the last months, a few goals and records. Deterministic, so
//! every fresh start looks the same.
//!
//! `seed` makes the people; `current_work` the reps' open pipeline,
//! `history` thirteen months of closed deals for the reports, and
//! `team_records` the manager's goals, records, training and lead pool.

mod current_work;
mod history;
mod team_records;

use super::users::NewUser;
use super::{Store, StoreResult};
use crate::domain::{Locale, Role, TeamId, UserId};
use chrono::Utc;

/// The demo password, printed on start and in the README.
pub const DEMO_PASSWORD: &str = "pishro-demo";
pub const DEMO_MANAGER: &str = "manager@pishro.local";
pub const DEMO_REP1: &str = "rep1@pishro.local";
pub const DEMO_REP2: &str = "rep2@pishro.local";
pub const DEMO_ADMIN: &str = "admin@pishro.local";

/// A small deterministic random source (xorshift), enough to vary demo data.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound.max(1)
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
}

const PEOPLE: [(&str, &str); 16] = [
    ("Sara Ahmadi", "Pars Tile"),
    ("Reza Karimi", "Karimi Trading"),
    ("Maryam Hosseini", "Negin Textiles"),
    ("Ali Rezaei", "Alborz Logistics"),
    ("Niloufar Moradi", "Zagros Foods"),
    ("Hamed Jafari", "Caspian Steel"),
    ("Elham Sadeghi", "Arya Pharma"),
    ("Mohammad Rahimi", "Kish Travel"),
    ("Laleh Ebrahimi", "Tabriz Carpets"),
    ("Dariush Kazemi", "Sepahan Cement"),
    ("Anna Keller", "Keller GmbH"),
    ("James Porter", "Porter & Sons"),
    ("مهسا نوری", "نوری پلاست"),
    ("کاوه شریفی", "شریفی الکترونیک"),
    ("Shirin Bagheri", "Bagheri Design"),
    ("Omid Farahani", "Farahani Auto"),
];

/// Fills an empty database with the demo world. `password_hash` is the
/// argon2id hash of `DEMO_PASSWORD`.
pub async fn seed(store: &Store, password_hash: &str) -> StoreResult<()> {
    let team = TeamId::new();
    store.insert_team(team, "Tehran Sales", None).await?;
    let manager = UserId::new();
    let rep1 = UserId::new();
    let rep2 = UserId::new();
    for (id, email, name, role, team_id, locale) in [
        (
            manager,
            DEMO_MANAGER,
            "Parisa Manager",
            Role::Manager,
            Some(team),
            Locale::En,
        ),
        (
            rep1,
            DEMO_REP1,
            "Sara Rep",
            Role::Rep,
            Some(team),
            Locale::En,
        ),
        (
            rep2,
            DEMO_REP2,
            "Reza Rep",
            Role::Rep,
            Some(team),
            Locale::Fa,
        ),
        (
            UserId::new(),
            DEMO_ADMIN,
            "Admin",
            Role::Admin,
            None,
            Locale::En,
        ),
    ] {
        store
            .insert_user(NewUser {
                id,
                email,
                display_name: name,
                password_hash,
                role,
                team_id,
                locale,
            })
            .await?;
    }
    store.set_team_manager(team, manager).await?;

    let now = Utc::now();
    let mut dice = Dice(0x5EED_1234_ABCD_0042);
    current_work::leads_and_activities(store, &mut dice, [rep1, rep2], now).await?;
    history::closed_deals(store, &mut dice, [rep1, rep2]).await?;
    team_records::goals_records_training_and_pool(store, team, manager, [rep1, rep2], now).await
}

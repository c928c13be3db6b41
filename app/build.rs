//! Rebuilds the crate when a migration is added or changed: the store
//! embeds both migration folders with `sqlx::migrate!`, which cargo does
//! not otherwise know to watch.

fn main() {
    println!("cargo:rerun-if-changed=../server/migrations");
    println!("cargo:rerun-if-changed=../server/migrations_postgres");
}

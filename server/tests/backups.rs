//! Backups (issue 14, "Faults"): a copy taken while devices keep pushing
//! holds every write acknowledged before it began; `pishro backup` and
//! `pishro restore` work on a live database and refuse a damaged file with
//! a clear message; migrations copy the database before they change it.

use crate::support::*;
use app::store::Store;
use app::store::backup::{check_backup, known_migration};
use http::StatusCode;
use serde_json::json;
use std::collections::HashSet;
use std::process::Command;
use std::sync::{Arc, Mutex};

async fn lead_ids_in(path: &std::path::Path) -> HashSet<String> {
    let store = Store::connect(&format!("sqlite:{}", path.display()))
        .await
        .expect("the backup opens as a Pishro database");
    let ids: Vec<String> = sqlx::query_scalar("SELECT id FROM leads")
        .fetch_all(store.pool())
        .await
        .expect("leads");
    ids.into_iter().collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_under_write_load_holds_every_acknowledged_write() {
    let world = Arc::new(world().await);
    // `pishro backup` copies a SQLite file; PostgreSQL has pg_dump.
    if world.store.backend() != app::store::Backend::Sqlite {
        return;
    }
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writers: Vec<_> = (0..4)
        .map(|writer| {
            let (world, acknowledged, stop) = (world.clone(), acknowledged.clone(), stop.clone());
            tokio::spawn(async move {
                let client = new_id();
                let mut mutation = 0_u64;
                while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                    mutation += 1;
                    let lead = new_id();
                    let person = if writer % 2 == 0 { &world.rep1 } else { &world.rep2 };
                    let answer = person
                        .call(
                            &world,
                            "/api/sync/push",
                            json!({ "request": { "protocol_version": 1, "client_id": client, "mutations": [
                                { "id": mutation, "operation": { "type": "create_lead", "draft": lead_draft(&lead, &format!("Writer {writer} #{mutation}")) } }
                            ] } }),
                        )
                        .await;
                    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
                    if let Ok(mut acknowledged) = acknowledged.lock() {
                        acknowledged.push(lead);
                    }
                }
            })
        })
        .collect();
    // Let the writers get going, then copy while they write.
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    let before: Vec<String> = acknowledged
        .lock()
        .map(|all| all.clone())
        .unwrap_or_default();
    let directory = tempfile::tempdir().expect("temp dir");
    let copy = directory.path().join("copy.db");
    world.store.backup_to(&copy).await.expect("backup");
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    for writer in writers {
        writer.await.expect("writer");
    }
    let after = acknowledged.lock().map(|all| all.len()).unwrap_or_default();
    assert!(
        before.len() >= 10,
        "writes before the copy: {}",
        before.len()
    );
    assert!(
        after > before.len(),
        "writes went on during and after the copy"
    );

    let summary = check_backup(&copy).await.expect("a whole database");
    assert_eq!(summary.migration, known_migration());
    let copied = lead_ids_in(&copy).await;
    let missing: Vec<_> = before.iter().filter(|id| !copied.contains(*id)).collect();
    assert!(
        missing.is_empty(),
        "acknowledged before the copy but not in it: {missing:?}"
    );
    // The copy is one moment: never more than was acknowledged by the end.
    assert!(copied.len() <= after);
    // A second copy never overwrites the first.
    assert!(world.store.backup_to(&copy).await.is_err());
}

#[tokio::test]
async fn the_backup_and_restore_commands_copy_a_live_database_and_refuse_a_damaged_one() {
    let world = world().await;
    // `pishro backup` copies a SQLite file; PostgreSQL has pg_dump.
    if world.store.backend() != app::store::Backend::Sqlite {
        return;
    }
    let lead = new_id();
    let saved = world
        .rep1
        .call(
            &world,
            "/api/leads/save",
            json!({ "draft": lead_draft(&lead, "Kept in the backup") }),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK);
    let live_url: String = {
        let file: String =
            sqlx::query_scalar("SELECT file FROM pragma_database_list WHERE name = 'main'")
                .fetch_one(world.store.pool())
                .await
                .expect("the database file");
        format!("sqlite:{file}")
    };
    let directory = tempfile::tempdir().expect("temp dir");
    let copy = directory.path().join("nightly.db");
    let pishro = |arguments: &[&str], url: &str| {
        Command::new(env!("CARGO_BIN_EXE_pishro"))
            .args(arguments)
            .env("PISHRO_DATABASE_URL", url)
            .env("RUST_LOG", "error")
            .output()
            .expect("pishro runs")
    };
    // Backed up while the test's server still has the database open.
    let backup = pishro(&["backup", &copy.to_string_lossy()], &live_url);
    let said = String::from_utf8_lossy(&backup.stdout);
    assert!(
        backup.status.success(),
        "{said} {}",
        String::from_utf8_lossy(&backup.stderr)
    );
    assert!(
        said.contains("Backed up to") && said.contains("6 people, 1 leads"),
        "{said}"
    );

    // Restored as the database of another (stopped) server.
    let restored = directory.path().join("restored.db");
    let restored_url = format!("sqlite:{}", restored.display());
    let restore = pishro(&["restore", &copy.to_string_lossy()], &restored_url);
    assert!(
        restore.status.success(),
        "{}",
        String::from_utf8_lossy(&restore.stderr)
    );
    assert!(lead_ids_in(&restored).await.contains(&lead));

    // A damaged file is refused, and the database stays as it was.
    let damaged = directory.path().join("damaged.db");
    let mut bytes = std::fs::read(&copy).expect("copy bytes");
    for byte in bytes.iter_mut().skip(4096).take(8192) {
        *byte = 0x5a;
    }
    std::fs::write(&damaged, bytes).expect("damaged file");
    let refused = pishro(&["restore", &damaged.to_string_lossy()], &restored_url);
    assert!(!refused.status.success());
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(
        message.contains("damaged")
            || message.contains("malformed")
            || message.contains("not a Pishro"),
        "{message}"
    );
    assert!(lead_ids_in(&restored).await.contains(&lead));
    let not_there = pishro(&["restore", "/nonexistent/backup.db"], &restored_url);
    assert!(String::from_utf8_lossy(&not_there.stderr).contains("is not there"));
}

#[tokio::test]
async fn migrations_copy_the_database_before_changing_it() {
    let directory = tempfile::tempdir().expect("temp dir");
    let path = directory.path().join("old.db");
    let url = format!("sqlite:{}", path.display());
    // A database of the previous release: every migration but the newest.
    {
        use sqlx::ConnectOptions;
        let mut migrator = sqlx::migrate::Migrator::new(std::path::Path::new("migrations"))
            .await
            .expect("migrations");
        let all = migrator.migrations.to_vec();
        migrator.migrations = std::borrow::Cow::Owned(all[..all.len() - 1].to_vec());
        let mut connection = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(&path)
            .create_if_missing(true)
            .connect()
            .await
            .expect("database");
        migrator
            .run(&mut connection)
            .await
            .expect("older migrations");
    }
    let store = Store::connect(&url).await.expect("migrates");
    drop(store);
    let copy = directory
        .path()
        .join(format!("old.db.before-migration-{:04}", known_migration()));
    let summary = check_backup(&copy)
        .await
        .expect("the copy before migrating");
    assert!(summary.migration < known_migration());
    // Up to date now: opening again copies nothing more.
    let count_copies = || {
        std::fs::read_dir(directory.path())
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .filter(|entry| {
                        entry
                            .file_name()
                            .to_string_lossy()
                            .contains("before-migration")
                    })
                    .count()
            })
            .unwrap_or(0)
    };
    assert_eq!(count_copies(), 1);
    Store::connect(&url).await.expect("opens");
    assert_eq!(count_copies(), 1);
}

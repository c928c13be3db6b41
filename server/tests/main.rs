//! Every integration test of the server, as one test binary: each file
//! here is a module. One binary is linked once instead of forty times,
//! which keeps a clean build's disk (CI ran out of it linking the tests)
//! and time down. Run one file's tests with
//! `cargo test -p server --test integration <file>::`.

mod support;

mod access_table;
mod accounts;
mod audit;
mod backups;
mod budgets;
mod concurrent_writers;
mod crash_recovery;
mod dashboard_matches_device;
mod events;
mod extreme_sums;
mod first_admin;
mod first_screen;
mod forged_requests;
mod fuzz_push;
mod generate;
mod goals_and_progress;
mod graceful_shutdown;
mod headcount;
mod invites;
mod lead_import;
mod lead_merge;
mod log_checkpoints;
mod migrate_data;
mod pay_and_kudos;
mod people_and_teams;
mod people_availability;
mod pool;
mod records_and_access;
mod reports;
mod scope_changes;
mod security_headers;
mod sessions;
mod sign_in_attacks;
mod staff_records;
mod sync_protocol;
mod sync_simulation;
mod tactics_and_pipeline;
mod team_dashboard;
mod team_days;
mod team_time_zones;
mod training;
mod two_servers;
mod wire_format;

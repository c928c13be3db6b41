#!/usr/bin/env bash
# Sets up what is missing and runs every test: unit and server integration
# tests (cargo, real SQLite, real router), then the end-to-end tests in
# headless Debian Chromium against a freshly started server on a free port.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
source "$(dirname "${BASH_SOURCE[0]}")/postgres.sh"
cd "$ROOT"
started=$(date +%s)

ensure_build_tools
if ! command -v chromium >/dev/null 2>&1; then
  echo "==> installing Debian's Chromium"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
if [ ! -x end2end/node_modules/.bin/playwright ]; then
  echo "==> installing the end-to-end test packages"
  (cd end2end && npm ci --no-audit --no-fund)
fi

echo "==> formatting"
cargo fmt --all --check
# Clippy's lints ride on the builds instead of a `cargo clippy` of their
# own: clippy-driver (what `cargo clippy` runs) compiles the workspace's
# crates with every lint on and warnings as errors, and the dependencies
# are built once. A separate `cargo clippy` checked every dependency a
# second time: 400 s of a 2013 s clean run on these two cores (session 36).
export RUSTC_WORKSPACE_WRAPPER="$(rustc --print sysroot)/bin/clippy-driver"
export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
echo "==> building the server, the app and all their tests and benchmarks, with clippy's lints (warnings are errors)"
cargo test -p app -p server --all-targets --no-run
# The browser build runs beside the database tests: its last minutes are
# one rustc and one wasm-opt on one core (the app crate's fat LTO, 105 s of
# 105 s CPU), and the tests keep the other core busy. Its output follows
# theirs. Not beside the native build: that took 950 s instead of 552 s
# on a clean clone, more than the site build saved (session 37).
# Through clippy-driver too, so its lints cover the browser code: a
# `cargo clippy` for wasm of its own checked every browser dependency once
# more (100 s of a clean run, session 36). clippy-driver turns MIR
# optimisation off, so the site tested here differs from a release
# (scripts/run.sh builds with plain rustc) by a few hundred bytes of the
# same code (its main module 168 B smaller, session 36); the size check
# sees those bytes.
site_log="$(mktemp)"
echo "==> building the app for the end-to-end tests in the background, with clippy's lints on the browser code"
"$ROOT/scripts/build-site.sh" "$ROOT/site" > "$site_log" 2>&1 &
site_build=$!
stop_site_build() { pkill -P "$site_build" 2>/dev/null || true; kill "$site_build" 2>/dev/null || true; }
trap stop_site_build EXIT
echo "==> unit and integration tests (SQLite)"
# `--tests`: every unit and integration test, without the doc-tests step
# (there are none, and looking for them took 12 s of a clean run).
cargo test -p app -p server --tests
echo "==> the server's integration tests again, on PostgreSQL (a database per test)"
start_test_postgres
trap 'stop_test_postgres; stop_site_build' EXIT
# The sync simulation included (75 seeds here; PISHRO_SIM_SEEDS_POSTGRES).
# The same packages as above, so nothing is rebuilt (`-p server` alone
# resolves other features and recompiled app and server: 2 min).
# Left out: the tests that open a SQLite file of their own whatever the
# pass (the write-ahead log's checkpoints, backups, the killed and the
# stopped server process, demo data on a first start): on PostgreSQL they
# only ran a second time on SQLite (20 s of CPU, session 39).
cargo test -p app -p server --test integration -- \
  --skip log_checkpoints:: --skip backups:: --skip crash_recovery:: --skip graceful_shutdown:: \
  --skip accounts::first_start_creates_demo_data_once \
  --skip accounts::demo_people_can_sign_in_with_the_published_password
stop_test_postgres

echo "==> the app for the end-to-end tests (built in the background)"
site_status=0
wait "$site_build" || site_status=$?
cat "$site_log"
rm -f "$site_log"
if [ "$site_status" != 0 ]; then
  echo "==> building the app failed (see above)"
  exit "$site_status"
fi
# Before the browser tests, so a red end-to-end run cannot hide it.
echo "==> the first load's size against its budget (frontend/first-load-budget.json)"
node "$ROOT/scripts/first-load-size.mjs" "$ROOT/site"
echo "==> building the server for the end-to-end tests"
PISHRO_SITE_READY=1 run_playwright
echo "==> build output: $(du -sh "$ROOT/target" | cut -f1) in target/, $(df -h "$ROOT" | awk 'NR==2 {print $4}') left on the disk"
echo "==> all tests passed in $(( $(date +%s) - started )) s"

#!/usr/bin/env bash
# Sets up what is missing and runs Pishro at http://127.0.0.1:3000 with
# pishro.db in the working directory (demo data on first start; set
# PISHRO_DEMO_DATA=0 to start empty).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
DATA_DIR="$(pwd)"
"$ROOT/scripts/build-site.sh" "$ROOT/site"
cd "$ROOT"
cargo build --release -p server
cd "$DATA_DIR"
export PISHRO_SITE_DIR="$ROOT/site"
exec "$ROOT/target/release/pishro"

#!/usr/bin/env bash
# Builds the app and the server and runs the browser measurements in
# end2end/bench (Playwright + Debian Chromium against a fresh server with
# demo data). Results are printed; BENCHMARKS.md records them.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
cd "$ROOT"
"$ROOT/scripts/build-site.sh" "$ROOT/site"
cargo build -p server
PISHRO_E2E_PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
PISHRO_E2E_DATA_DIR="$(mktemp -d)"
export PISHRO_E2E_PORT PISHRO_E2E_DATA_DIR
trap 'rm -rf "$PISHRO_E2E_DATA_DIR"' EXIT
(cd end2end && npx playwright test --config bench.config.ts "$@")

#!/usr/bin/env bash
# Builds the app and the server and runs the browser measurements in
# end2end/bench (Playwright + Debian Chromium against a fresh server with
# demo data). Results are printed; BENCHMARKS.md records them.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
cd "$ROOT"
run_playwright --config bench.config.ts "$@"

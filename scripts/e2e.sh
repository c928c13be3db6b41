#!/usr/bin/env bash
# Builds the app and the server and runs only the end-to-end tests (the last
# step of test.sh), for a quick loop while working on screens. Extra
# arguments go to Playwright (e.g. a test file or `--project=phone`).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
cd "$ROOT"
run_playwright "$@"

# Installs, only when missing or at the wrong version, what building Pishro
# needs: the wasm target, wasm-bindgen (same version as Cargo.lock),
# wasm-split-cli and wasm-opt (npm's binaryen). Sourced by the other scripts.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
export PATH="$HOME/.cargo/bin:$TOOLS/node_modules/.bin:$PATH"

ensure_build_tools() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    echo "==> adding the wasm32 target"
    rustup target add wasm32-unknown-unknown
  fi
  for component in clippy rustfmt; do
    if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
      echo "==> adding the $component component"
      rustup component add "$component"
    fi
  done
  local wanted
  wanted="$(grep -A1 '^name = "wasm-bindgen"$' "$ROOT/Cargo.lock" | sed -n 's/^version = "\(.*\)"/\1/p' | head -n1)"
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wanted" ]; then
    echo "==> installing wasm-bindgen-cli $wanted (about 2 minutes)"
    cargo install wasm-bindgen-cli --version "$wanted"
  fi
  # wasm-split-cli cuts the app into the chunks Leptos' lazy routes load on
  # demand. Pinned: its format must match the wasm_split_helpers that leptos
  # (Cargo.lock) compiles in.
  local split_version="0.2.4"
  if ! command -v wasm-split-cli >/dev/null || ! cargo install --list | grep -qx "wasm_split_cli_support v$split_version:"; then
    echo "==> installing wasm-split-cli $split_version (about 1 minute)"
    cargo install wasm_split_cli_support --version "$split_version" --features build-binary --locked
  fi
  if [ ! -x "$TOOLS/node_modules/.bin/wasm-opt" ]; then
    echo "==> installing wasm-opt (binaryen 132 from npm)"
    mkdir -p "$TOOLS"
    npm install --prefix "$TOOLS" --no-audit --no-fund binaryen@132 >/dev/null
  fi
}

# Builds the site and the debug server, then runs Playwright (end2end/).
# Arguments go to Playwright (a test file, --project, --config ...). With
# none (the test command), the phone and the desktop project run at the same
# time, each against its own server and database; with arguments but no
# --project, one after the other, each against its own. Side by side each takes
# about 1.6x as long as alone (7.4 min each against 8.8 min for the two in a
# row, session 29): a saving of 1.5-2.5 minutes of the test command's 30,
# not half. PISHRO_E2E_ONE_AT_A_TIME=1 runs them one after the other.
run_playwright() {
  # PISHRO_SITE_READY=1: site/ was just built (test.sh checks its size first).
  if [ "${PISHRO_SITE_READY:-0}" != 1 ]; then "$ROOT/scripts/build-site.sh" "$ROOT/site"; fi
  # The server the tests start is target/debug/pishro, built as the cargo
  # tests build it: `cargo build` leaves out the dev-dependencies, resolves
  # other features and recompiled app and server (2 min in the test command).
  cargo test -p app -p server --no-run
  echo "==> end-to-end tests in headless Chromium"
  if [ "$#" -gt 0 ] || [ "${PISHRO_E2E_ONE_AT_A_TIME:-0}" = 1 ]; then
    local argument status=0
    for argument in "$@"; do
      case "$argument" in
        --project* | --config*) playwright_with_own_server "$@"; return ;;
      esac
    done
    # Each project against its own server and database, one after the
    # other: in one run sharing a database the desktop tests met what the
    # phone's had left (a manager's conflict notice, session 34).
    playwright_with_own_server --project=phone "$@" || status=1
    playwright_with_own_server --project=desktop "$@" || status=1
    return "$status"
  fi
  local logs failed=0 phone desktop
  logs="$(mktemp -d)"
  echo "==> the phone and the desktop project at once (each one's output follows when both are done)"
  # Each writes its failures' files to a folder of its own: Playwright
  # empties its output folder as it starts.
  playwright_with_own_server --project=phone --output=test-results/phone > "$logs/phone" 2>&1 &
  phone=$!
  playwright_with_own_server --project=desktop --output=test-results/desktop > "$logs/desktop" 2>&1 &
  desktop=$!
  wait "$phone" || failed=1
  wait "$desktop" || failed=1
  echo "==> the phone project"
  cat "$logs/phone"
  echo "==> the desktop project"
  cat "$logs/desktop"
  rm -rf "$logs"
  if [ "$failed" != 0 ]; then
    echo "==> end-to-end tests failed (see above)"
    return 1
  fi
}

# One Playwright run against a fresh server (target/debug/pishro) on a free
# port, with a temporary database and a copy of site/ of its own (a test
# rewrites sw.js to play a new deploy), removed afterwards.
playwright_with_own_server() {
  local port data status=0
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  data="$(mktemp -d)"
  cp -r "$ROOT/site" "$data/site"
  (cd "$ROOT/end2end" && PISHRO_E2E_PORT="$port" PISHRO_E2E_DATA_DIR="$data" PISHRO_E2E_SITE_DIR="$data/site" npx playwright test --pass-with-no-tests "$@") || status=$?
  rm -rf "$data"
  return "$status"
}

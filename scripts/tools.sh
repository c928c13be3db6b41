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

# Builds the site and the debug server, then runs Playwright (end2end/)
# against a fresh server on a free port with its own temporary database.
# Arguments go to Playwright (a test file, --project, --config ...).
run_playwright() {
  # PISHRO_SITE_READY=1: site/ was just built (test.sh checks its size first).
  if [ "${PISHRO_SITE_READY:-0}" != 1 ]; then "$ROOT/scripts/build-site.sh" "$ROOT/site"; fi
  # The server the tests start is target/debug/pishro, built as the cargo
  # tests build it: `cargo build` leaves out the dev-dependencies, resolves
  # other features and recompiled app and server (2 min in the test command).
  cargo test -p app -p server --no-run
  PISHRO_E2E_PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  PISHRO_E2E_DATA_DIR="$(mktemp -d)"
  export PISHRO_E2E_PORT PISHRO_E2E_DATA_DIR
  trap 'rm -rf "$PISHRO_E2E_DATA_DIR"' EXIT
  echo "==> end-to-end tests in headless Chromium"
  (cd "$ROOT/end2end" && npx playwright test "$@")
}

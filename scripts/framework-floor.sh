#!/usr/bin/env bash
# Builds frontend/floor (a bare Leptos 0.8 app: two routes, signals, a form
# field, a keyed list, one serde_json type) as build-site.sh builds the app
# (opt-level z, LTO, wasm-bindgen, wasm-opt -Oz --converge) and prints its
# brotli sizes beside the app's first load: how much of that is the framework.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
ensure_build_tools
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$ROOT/frontend/floor/." "$work/"
# The app's own versions of every crate (cargo drops what the floor does not use).
cp "$ROOT/Cargo.lock" "$work/Cargo.lock"
(cd "$work" && CARGO_TARGET_DIR="$ROOT/target/floor" cargo build --release --target wasm32-unknown-unknown)
wasm-bindgen --target web --no-typescript --out-dir "$work/pkg" \
  "$ROOT/target/floor/wasm32-unknown-unknown/release/framework_floor.wasm"
wasm-opt -Oz --converge --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  -o "$work/pkg/framework_floor_bg.wasm" "$work/pkg/framework_floor_bg.wasm"
node -e '
  const fs = require("fs"), zlib = require("zlib");
  const brotli = (file) => zlib.brotliCompressSync(fs.readFileSync(file), { params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const [wasm, js] = process.argv.slice(1).map(brotli);
  console.log(`framework floor: wasm ${wasm} B + JS ${js} B = ${wasm + js} B brotli`);
' "$work/pkg/framework_floor_bg.wasm" "$work/pkg/framework_floor.js"

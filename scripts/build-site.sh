#!/usr/bin/env bash
# Builds the browser app into site/: optimised wasm, its JS glue, index.html,
# the stylesheet and static files. Usage: scripts/build-site.sh [site dir]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
ensure_build_tools
SITE="${1:-$ROOT/site}"
cd "$ROOT"
echo "==> building the wasm app (profile wasm-release)"
cargo build -p frontend --lib --target wasm32-unknown-unknown --profile wasm-release
rm -rf "$SITE.tmp" && mkdir -p "$SITE.tmp/pkg" "$SITE.tmp/style"
wasm-bindgen --target web --no-typescript --out-dir "$SITE.tmp/pkg" \
  target/wasm32-unknown-unknown/wasm-release/frontend.wasm
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  -o "$SITE.tmp/pkg/frontend_bg.wasm" "$SITE.tmp/pkg/frontend_bg.wasm"
cp frontend/index.html "$SITE.tmp/index.html"
cp style/main.css "$SITE.tmp/style/main.css"
cp -r frontend/public/. "$SITE.tmp/"
# Pre-compressed copies, served to browsers that accept gzip.
for file in "$SITE.tmp/pkg/frontend_bg.wasm" "$SITE.tmp/pkg/frontend.js" "$SITE.tmp/style/main.css" "$SITE.tmp/index.html"; do
  gzip -9 -k -f "$file"
done
rm -rf "$SITE" && mv "$SITE.tmp" "$SITE"
echo "==> site ready in $SITE: wasm $(stat -c %s "$SITE/pkg/frontend_bg.wasm") bytes, gzip $(stat -c %s "$SITE/pkg/frontend_bg.wasm.gz") bytes"

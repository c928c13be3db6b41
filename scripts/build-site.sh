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
# The stylesheet is small: inline it so the first paint waits for nothing.
python3 - "$SITE.tmp/index.html" <<'PY'
import pathlib, sys
page = pathlib.Path("frontend/index.html").read_text()
style = pathlib.Path("style/main.css").read_text()
link = '<link rel="stylesheet" href="/style/main.css">'
assert link in page, "index.html must link /style/main.css"
pathlib.Path(sys.argv[1]).write_text(page.replace(link, "<style>" + style + "</style>"))
PY
cp style/main.css "$SITE.tmp/style/main.css"
cp -r frontend/public/. "$SITE.tmp/"
# The service worker's cache name follows the shell's content, so a deploy
# with any change installs a new worker (and the page offers to reload).
build_id="$(cat "$SITE.tmp/index.html" "$SITE.tmp/pkg/frontend.js" "$SITE.tmp/pkg/frontend_bg.wasm" | sha256sum | cut -c1-16)"
sed -i "s/__BUILD__/$build_id/" "$SITE.tmp/sw.js"
# Pre-compressed copies (brotli and gzip), served to browsers that accept them.
node -e '
  const fs = require("fs"), zlib = require("zlib");
  for (const file of process.argv.slice(1)) {
    const data = fs.readFileSync(file);
    fs.writeFileSync(file + ".br", zlib.brotliCompressSync(data, { params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
    fs.writeFileSync(file + ".gz", zlib.gzipSync(data, { level: 9 }));
  }' "$SITE.tmp/pkg/frontend_bg.wasm" "$SITE.tmp/pkg/frontend.js" "$SITE.tmp/style/main.css" "$SITE.tmp/index.html"
rm -rf "$SITE" && mv "$SITE.tmp" "$SITE"
echo "==> site ready in $SITE: wasm $(stat -c %s "$SITE/pkg/frontend_bg.wasm") bytes, gzip $(stat -c %s "$SITE/pkg/frontend_bg.wasm.gz"), brotli $(stat -c %s "$SITE/pkg/frontend_bg.wasm.br")"

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
# Split the app by screen: the main module (pkg/frontend.wasm, then
# wasm-bindgen's frontend_bg.wasm) keeps what the first screen needs; each
# lazy route becomes split_*.wasm, code shared by several of them chunk_*.wasm,
# loaded through pkg/__wasm_split.js (needs the relocations that
# .cargo/config.toml asks the linker to keep).
wasm-split-cli --target web --out-name frontend \
  target/wasm32-unknown-unknown/wasm-release/frontend.wasm "$SITE.tmp/pkg"
wasm-bindgen --target web --no-typescript --keep-lld-exports --no-demangle --out-dir "$SITE.tmp/pkg" \
  "$SITE.tmp/pkg/frontend.wasm"
rm "$SITE.tmp/pkg/frontend.wasm"
# On a drawn first visit a screen's modules reach the compiler in slices,
# each in a task of its own, as the main one does (`pishroInSlices` in
# index.html).
sed -i 's/WebAssembly.instantiateStreaming(src, imports)/WebAssembly.instantiateStreaming(globalThis.pishroInSlices ? globalThis.pishroInSlices(src) : src, imports)/' \
  "$SITE.tmp/pkg/__wasm_split.js"
if grep -q 'instantiateStreaming(src, imports)' "$SITE.tmp/pkg/__wasm_split.js" \
  || ! grep -q 'pishroInSlices(src)' "$SITE.tmp/pkg/__wasm_split.js"; then
  echo "the split loader's module loading changed: pishroInSlices is no longer used" >&2
  exit 1
fi
# Both cores optimise the modules; the main module's kept link names make
# binaryen warn about a name subsection it does not read (harmless, hidden).
# PISHRO_WASM_NAMES=1 keeps the functions' names (a profile then names
# what the app spends its time in; the modules grow, so never for a release).
keep_names=()
if [ "${PISHRO_WASM_NAMES:-0}" = 1 ]; then keep_names=(-g); fi
# The main module, which every first visit downloads, is optimised until
# the passes change nothing more (`--converge`): 1.5 KB smaller brotli for
# about 25 s more (BENCHMARKS, "Browser app size", sessions 26 and 27).
# A function with one caller is inlined into it only when it is at most
# 400 bytes (binaryen inlines it whatever its size by default): the main
# module 4.9 KB smaller brotli and all modules 24 KB, for 92 more functions
# and no more work at start (BENCHMARKS, "Browser app size", session 45).
# PISHRO_WASM_OPT_FLAGS (space-separated) adds wasm-opt options for every
# module, for measuring one.
read -r -a extra_opt_flags <<< "--one-caller-inline-max-function-size=400 ${PISHRO_WASM_OPT_FLAGS:-}"
optimising=()
for module in "$SITE.tmp"/pkg/*.wasm; do
  converge=()
  if [ "$(basename "$module")" = frontend_bg.wasm ]; then converge=(--converge); fi
  wasm-opt -Oz "${converge[@]}" "${keep_names[@]}" "${extra_opt_flags[@]}" --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    -o "$module" "$module" 2> >(grep -v "unknown name subsection" >&2) &
  optimising+=("$!")
  if [ "${#optimising[@]}" -ge 2 ]; then wait "${optimising[0]}"; optimising=("${optimising[@]:1}"); fi
done
for job in "${optimising[@]}"; do wait "$job"; done
# The stylesheet is small: inline it so the first paint waits for nothing.
# index.html also learns which files each on-demand module needs (from the
# loader: a chunk's comment names the modules that use it), to fetch the
# opened screen's module beside the main one.
python3 - "$SITE.tmp/index.html" "$SITE.tmp/pkg/__wasm_split.js" <<'PY'
import json, pathlib, re, sys
loader = pathlib.Path(sys.argv[2]).read_text()
modules = {name: [f"/pkg/split_{name}.wasm"] for name in re.findall(r'export const __wasm_split_load_(\w+) =', loader)}
for users, chunk in re.findall(r'/\* ([\w, ]+) \*/\s*const __chunk_(\d+) =', loader):
    for user in users.split(", "):
        modules[user].append(f"/pkg/chunk_{chunk}.wasm")
for name in ("work_screens", "team_screens", "dashboard_screen"):
    assert name in modules, f"the split loader has no module {name}"
page = pathlib.Path("frontend/index.html").read_text()
mark = "/*__SCREEN_MODULES__*/{}"
assert mark in page, "index.html must hold " + mark
page = page.replace(mark, json.dumps(modules, separators=(",", ":")))
# Comments are for the source: the inline scripts' whole-line `//`
# comments and the stylesheet's `/* */` ones are left out of what every
# first visit downloads (2.6 KB brotli; the server hashes the inline
# scripts it serves for the content security policy, so the hashes follow).
def without_comment_lines(match):
    lines = match.group(2).split("\n")
    return match.group(1) + "\n".join(line for line in lines if not line.strip().startswith("//")) + match.group(3)
page = re.sub(r"(<script(?![^>]*\bsrc=)[^>]*>)(.*?)(</script>)", without_comment_lines, page, flags=re.S)
style = re.sub(r"/\*.*?\*/", "", pathlib.Path("style/main.css").read_text(), flags=re.S)
link = '<link rel="stylesheet" href="/style/main.css">'
assert link in page, "index.html must link /style/main.css"
pathlib.Path(sys.argv[1]).write_text(page.replace(link, "<style>" + style + "</style>"))
PY
cp style/main.css "$SITE.tmp/style/main.css"
cp -r frontend/public/. "$SITE.tmp/"
# The service worker's cache name follows the shell's content, so a deploy
# with any change installs a new worker (and the page offers to reload).
build_id="$(cat "$SITE.tmp/index.html" "$SITE.tmp"/pkg/*.js "$SITE.tmp"/pkg/*.wasm | sha256sum | cut -c1-16)"
sed -i "s/__BUILD__/$build_id/" "$SITE.tmp/sw.js"
# The worker keeps every screen's chunk from the first visit on, so each
# screen opens offline, and they all change together with the cache name.
chunks="$(cd "$SITE.tmp" && ls pkg/split_*.wasm pkg/chunk_*.wasm pkg/__wasm_split.js 2>/dev/null | sed 's|^|"/|; s|$|"|' | paste -sd, -)"
grep -q "'__CHUNKS__'" "$SITE.tmp/sw.js"
sed -i "s|'__CHUNKS__'|$chunks|" "$SITE.tmp/sw.js"
# Pre-compressed copies (brotli and gzip), served to browsers that accept them.
node -e '
  const fs = require("fs"), zlib = require("zlib");
  for (const file of process.argv.slice(1)) {
    const data = fs.readFileSync(file);
    fs.writeFileSync(file + ".br", zlib.brotliCompressSync(data, { params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
    fs.writeFileSync(file + ".gz", zlib.gzipSync(data, { level: 9 }));
  }' "$SITE.tmp"/pkg/*.wasm "$SITE.tmp"/pkg/*.js "$SITE.tmp/style/main.css" "$SITE.tmp/index.html"
rm -rf "$SITE" && mv "$SITE.tmp" "$SITE"
echo "==> site ready in $SITE: main wasm $(stat -c %s "$SITE/pkg/frontend_bg.wasm") bytes, gzip $(stat -c %s "$SITE/pkg/frontend_bg.wasm.gz"), brotli $(stat -c %s "$SITE/pkg/frontend_bg.wasm.br"); $(ls "$SITE"/pkg/split_*.wasm "$SITE"/pkg/chunk_*.wasm 2>/dev/null | wc -l) chunks loaded on demand"

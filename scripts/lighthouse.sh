#!/usr/bin/env bash
# Audits Pishro's main screens with Lighthouse (mobile profile, simulated
# throttling) in Debian's Chromium, signed in as the demo manager, and prints
# performance / accessibility / best-practices scores. Builds the release
# server and site first. Usage: scripts/lighthouse.sh [path ...]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
cd "$ROOT"
if [ ! -x "$TOOLS/node_modules/.bin/lighthouse" ]; then
  npm install --prefix "$TOOLS" --no-audit --no-fund lighthouse@12 >/dev/null
fi
# LIGHTHOUSE_SITE=dir audits a site built before (an older commit's, for a
# side-by-side comparison on the same hour) instead of building site/.
site="${LIGHTHOUSE_SITE:-$ROOT/site}"
[ -n "${LIGHTHOUSE_SITE:-}" ] || "$ROOT/scripts/build-site.sh" "$ROOT/site" >/dev/null
cargo build --release -p server
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
data="$(mktemp -d)"
PISHRO_ADDRESS="127.0.0.1:$port" PISHRO_DATABASE_URL="sqlite:$data/lighthouse.db" PISHRO_SITE_DIR="$site" \
  "$ROOT/target/release/pishro" >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.2; done
cookie="$(curl -fs -D - -o /dev/null -H 'content-type: application/json' \
  -d '{"email":"manager@pishro.local","password":"pishro-demo"}' "http://127.0.0.1:$port/api/auth/sign_in" \
  | sed -n 's/^set-cookie: \(pishro_session=[^;]*\).*/\1/ip')"
paths=("$@")
# `/form/demo` stands for the demo team's public web form (its address is
# made at the first start): audited signed out, as a prospect opens it.
demo_form() {
  local team
  team="$(curl -fs -H 'content-type: application/json' -H 'x-pishro-client: 1' -H "Cookie: $cookie" \
    -d '{"team_id":null}' "http://127.0.0.1:$port/api/pool/list" | node -pe 'JSON.parse(require("fs").readFileSync(0)).team_id')"
  curl -fs -H 'content-type: application/json' -H 'x-pishro-client: 1' -H "Cookie: $cookie" \
    -d "{\"team_id\":\"$team\"}" "http://127.0.0.1:$port/api/web-forms/list" \
    | node -pe '"/form/" + JSON.parse(require("fs").readFileSync(0))[0].token'
}
[ ${#paths[@]} -eq 0 ] && paths=(/signin / /today /pipeline /leads /leads/new /activities /activities/new /goals /dashboard /records)
flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"
runs="${LIGHTHOUSE_RUNS:-3}"
echo "median of $runs runs per page (mobile profile, simulated throttling)"
printf '%-18s %5s %5s %5s  %s\n' page perf a11y best "LCP / TBT (median run)"
# `/join/demo` stands for a new sign-up link the demo manager makes (read,
# never used, so the three runs share it): audited signed out.
demo_join() {
  curl -fs -H 'content-type: application/json' -H 'x-pishro-client: 1' -H "Cookie: $cookie" \
    -d "{\"team_id\":null,\"draft\":{\"email\":\"lighthouse.$RANDOM@example.com\",\"role\":\"\"}}" \
    "http://127.0.0.1:$port/api/people/invites/create" | node -pe 'JSON.parse(require("fs").readFileSync(0)).link_path'
}
# `/leads/demo` stands for a lead's page: the first lead the demo manager's
# first pull brings.
demo_lead() {
  curl -fs -H 'content-type: application/json' -H 'x-pishro-client: 1' -H "Cookie: $cookie" \
    -d '{"request":{"protocol_version":4,"client_id":"00000000-0000-4000-8000-000000000001","cursor":0,"limit":500}}' \
    "http://127.0.0.1:$port/api/sync/pull" \
    | node -pe '"/leads/" + JSON.parse(require("fs").readFileSync(0)).changes.find((change) => change.kind === "lead").row.id'
}
for path in "${paths[@]}"; do
  headers="{}"
  address="$path"
  if [ "$path" = "/form/demo" ]; then
    address="$(demo_form)"
  elif [ "$path" = "/join/demo" ]; then
    address="$(demo_join)"
  elif [ "$path" = "/leads/demo" ]; then
    address="$(demo_lead)"
    headers="{\"Cookie\":\"$cookie\"}"
  elif [ "$path" != "/signin" ]; then
    headers="{\"Cookie\":\"$cookie\"}"
  fi
  # LIGHTHOUSE_TRACES=1 (with LIGHTHOUSE_KEEP) also keeps each run's trace,
  # sampled by the CPU profiler so `node scripts/long-tasks.mjs` can name
  # the functions in a task (LONG_TASKS_MIN_MS=12.5: Lighthouse counts the
  # trace's tasks four times as long). The sampling slows the page, so read
  # such runs for where the time goes, not for their scores.
  traces=()
  if [ "${LIGHTHOUSE_TRACES:-0}" = 1 ]; then
    traces=(--save-assets --additional-trace-categories=disabled-by-default-v8.cpu_profiler)
  fi
  for run in $(seq "$runs"); do
    CHROME_PATH=/usr/bin/chromium lighthouse "http://127.0.0.1:$port$address" --quiet --chrome-flags="$flags" \
      --only-categories=performance,accessibility,best-practices --extra-headers "$headers" "${traces[@]}" \
      --output=json --output-path="$data/report-$run.json" >/dev/null 2>&1 || true
  done
  node -e '
    const path = process.argv[1];
    const reports = process.argv.slice(2).map((file) => require(file));
    const score = (r, k) => Math.round((r.categories[k]?.score ?? 0) * 100);
    const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const byPerf = [...reports].sort((a, b) => score(a, "performance") - score(b, "performance"));
    const mid = byPerf[Math.floor(byPerf.length / 2)];
    const cols = ["performance", "accessibility", "best-practices"].map((k) => String(median(reports.map((r) => score(r, k)))).padStart(5));
    console.log(path.padEnd(18), cols.join(" "), " ", mid.audits["largest-contentful-paint"].displayValue, "/", mid.audits["total-blocking-time"].displayValue);
  ' "$path" $(seq -f "$data/report-%g.json" "$runs")
  # LIGHTHOUSE_KEEP=<dir> keeps the reports (JSON) for a closer look.
  if [ -n "${LIGHTHOUSE_KEEP:-}" ]; then
    mkdir -p "$LIGHTHOUSE_KEEP"
    for run in $(seq "$runs"); do
      kept="$LIGHTHOUSE_KEEP/$(echo "$path" | tr '/' '_')-$run"
      cp "$data/report-$run.json" "$kept.json"
      if [ -f "$data/report-$run-0.trace.json" ]; then cp "$data/report-$run-0.trace.json" "$kept.trace.json"; fi
    done
  fi
done

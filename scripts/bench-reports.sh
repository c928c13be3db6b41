#!/usr/bin/env bash
# The manager's dashboard and report endpoints timed end to end on generated
# data (issue 12's speed target: p95 under 50 ms), over HTTP on loopback,
# JSON included: `./scripts/bench-reports.sh` (BENCHMARKS.md).
#
# Builds the release server, generates 50 reps, 200,000 leads and 1,000,000
# activities over 24 months into $PISHRO_BENCH_DB (default
# /tmp/pishro-bench/reports.db; kept between runs, since generating takes
# about a minute), starts the server on it, signs the generated manager in
# and calls each endpoint $RUNS times (default 41) after 3 warm-ups, for the
# last full month. Prints median, p95 and max per endpoint.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-41}"
database="${PISHRO_BENCH_DB:-/tmp/pishro-bench/reports.db}"
port="${PISHRO_BENCH_PORT:-3390}"
cargo build --release -p server >&2
mkdir -p "$(dirname "$database")"
if [ ! -f "$database" ]; then
  echo "generating $database ..." >&2
  PISHRO_DATABASE_URL="sqlite:$database" PISHRO_DEMO_DATA=0 RUST_LOG=warn \
    ./target/release/pishro generate --reps 50 --leads 200000 --activities 1000000 --months 24 >&2
fi
manager="$(sqlite3 "$database" "SELECT email FROM users WHERE role = 'manager' AND email LIKE 'gen%' LIMIT 1")"
PISHRO_ADDRESS="127.0.0.1:$port" PISHRO_DATABASE_URL="sqlite:$database" PISHRO_DEMO_DATA=0 \
  PISHRO_SITE_DIR=site RUST_LOG=warn ./target/release/pishro >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 300); do curl -fs "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && break; curl -fs "http://127.0.0.1:$port/" >/dev/null 2>&1 && break; sleep 0.2; done
cookie="$(curl -fs -D - -o /dev/null -H 'content-type: application/json' \
  -d "{\"email\":\"$manager\",\"password\":\"pishro-demo\"}" "http://127.0.0.1:$port/api/auth/sign_in" \
  | sed -n 's/^set-cookie: \(pishro_session=[^;]*\).*/\1/ip')"
[ -n "$cookie" ] || { echo "could not sign in as $manager" >&2; exit 1; }
day="$(date -u -d "$(date -u +%Y-%m-01) -1 day" +%Y-%m-15)"
month="\"length\":\"month\",\"day\":\"$day\",\"locale\":\"en\""
endpoints=(
  "dashboard/team|{\"team_id\":null,\"locale\":\"en\"}"
  "reports/period_comparison|{\"team_id\":null,$month}"
  "reports/tactics|{\"team_id\":null,\"rep_id\":null,$month,\"window_days\":14}"
  "reports/pipeline|{\"team_id\":null,\"rep_id\":null,$month,\"idle_days\":14}"
  "reports/summary|{\"team_id\":null,$month}"
)
echo "$runs calls each after 3 warm-ups, month of $day, $(sqlite3 "$database" 'SELECT COUNT(*) FROM activities') activities"
printf '%-30s %8s %8s %8s\n' endpoint median p95 max
for entry in "${endpoints[@]}"; do
  path="${entry%%|*}"
  body="${entry#*|}"
  call() {
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H 'content-type: application/json' \
      -H "cookie: $cookie" -d "$body" "http://127.0.0.1:$port/api/$path"
  }
  for _ in 1 2 3; do
    status="$(call | cut -d' ' -f1)"
    [ "$status" = 200 ] || { echo "$path answered $status" >&2; exit 1; }
  done
  for _ in $(seq "$runs"); do call | cut -d' ' -f2; done | sort -n | awk -v name="/api/$path" '
    { t[NR] = $1 * 1000 }
    END {
      p95 = int(NR * 0.95 + 0.999); if (p95 > NR) p95 = NR
      printf "%-30s %6.1f ms %6.1f ms %6.1f ms\n", name, t[int((NR + 1) / 2)], t[p95], t[NR]
    }'
done

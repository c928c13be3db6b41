# Sourced by test.sh: a throwaway PostgreSQL server on loopback for the
# server tests' second pass (issue 16). Installs Debian's package when no
# PostgreSQL is on the machine, starts a fresh cluster in a temporary
# folder on a free port, and removes it when the script exits.

find_postgres_bin() {
  local dir
  for dir in $(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)") \
             /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

# Sets PISHRO_TEST_POSTGRES to the started server's URL.
start_test_postgres() {
  local bin
  if ! bin="$(find_postgres_bin)"; then
    echo "==> installing Debian's PostgreSQL"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
    bin="$(find_postgres_bin)"
  fi
  PG_DIR="$(mktemp -d /tmp/pishro-postgres.XXXXXX)"
  # PostgreSQL refuses to run as root: then it runs as the package's user.
  local as=()
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$PG_DIR"
    as=(runuser -u postgres --)
  fi
  "${as[@]}" "$bin/initdb" -D "$PG_DIR/data" -A trust -U postgres >"$PG_DIR/initdb.log" 2>&1
  PG_CTL=("${as[@]}" "$bin/pg_ctl" -D "$PG_DIR/data")
  trap stop_test_postgres EXIT
  # Durability off: the data is thrown away after the run. A random port,
  # another one if it is taken.
  local port attempt
  for attempt in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 30000))
    if "${PG_CTL[@]}" -l "$PG_DIR/server.log" -w \
      -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
      start >/dev/null; then
      break
    fi
    if [ "$attempt" -eq 5 ]; then
      cat "$PG_DIR/server.log"
      return 1
    fi
  done
  export PISHRO_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port"
  echo "==> PostgreSQL $("$bin/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$port (data in $PG_DIR)"
}

stop_test_postgres() {
  if [ -n "${PG_DIR:-}" ]; then
    "${PG_CTL[@]}" stop -m immediate >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}

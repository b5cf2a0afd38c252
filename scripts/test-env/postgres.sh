#!/usr/bin/env bash
# A throwaway PostgreSQL server for the backend's tests and benchmark (Debian's package).
#
#   scripts/test-env/postgres.sh install          # apt-get install postgresql if missing
#   scripts/test-env/postgres.sh start [NAME]     # start instance NAME (default "test"); prints its URL
#   scripts/test-env/postgres.sh stop [NAME]      # fast shutdown; data is kept
#   scripts/test-env/postgres.sh url [NAME]       # prints postgres://todo:PASSWORD@127.0.0.1:PORT/todo
#   scripts/test-env/postgres.sh status [NAME]    # exit 0 when running
#   scripts/test-env/postgres.sh destroy [NAME]   # stop and delete the data
#
# Each instance is its own cluster (initdb) listening on 127.0.0.1 only, port 54329 for
# "test" (TODO_OPS_PG_PORT overrides) or the first free one from 54330 for others. Tuned for
# tests: fsync off. Role "todo" (a fixed test-only password, CREATEDB) owns database "todo".
# Run as root, the server runs as the postgres user under /var/lib/postgresql/todo-ops;
# otherwise as the current user under $TODO_OPS_CACHE/postgres.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"

pg_bin() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
  if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then dirname "$(command -v initdb)"; return 0; fi
  return 1
}

install() {
  if pg_bin >/dev/null; then return 0; fi
  command -v apt-get >/dev/null || die "PostgreSQL is missing and apt-get is not available: install PostgreSQL server binaries (initdb, pg_ctl)"
  log "installing Debian's postgresql"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql >/dev/null 2>&1; then
    apt-get update >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql >/dev/null
  fi
  pg_bin >/dev/null || die "postgresql installed but initdb not found"
}

name="${2:-test}"
[[ "$name" =~ ^[a-z0-9-]+$ ]] || die "instance name must be lower-case letters, digits and dashes"
if [ "$(id -u)" = 0 ]; then
  base="/var/lib/postgresql/todo-ops"
  as_pg() { runuser -u postgres -- "$@"; }
else
  base="$TODO_OPS_CACHE/postgres"
  as_pg() { "$@"; }
fi
dir="$base/$name"

port_of() { cat "$dir/todo-ops.port"; }
PASSWORD="todo-test-password"
url() { echo "postgres://todo:$PASSWORD@127.0.0.1:$(port_of)/todo"; }
running() { [ -f "$dir/PG_VERSION" ] && as_pg "$(pg_bin)/pg_ctl" status -D "$dir" >/dev/null 2>&1; }

free_port() {
  local p
  for p in $(seq 54330 54399); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  die "no free port in 54330-54399"
}

start() {
  install
  local bin
  bin="$(pg_bin)"
  if running; then url; return 0; fi
  if [ ! -f "$dir/PG_VERSION" ]; then
    mkdir -p "$base"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$base"; fi
    as_pg mkdir -p "$dir"
    as_pg "$bin/initdb" -D "$dir" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if [ ! -f "$dir/todo-ops.port" ]; then
    local port="${TODO_OPS_PG_PORT:-}"
    [ -n "$port" ] || { if [ "$name" = test ]; then port=54329; else port="$(free_port)"; fi; }
    echo "$port" | as_pg tee "$dir/todo-ops.port" >/dev/null
  fi
  as_pg "$bin/pg_ctl" start -D "$dir" -w -t 60 -l "$dir/server.log" \
    -o "-p $(port_of) -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    >/dev/null || { tail -n 20 "$dir/server.log" >&2; die "PostgreSQL instance $name did not start"; }
  local psql=("$bin/psql" -h "$dir" -p "$(port_of)" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA)
  if [ "$(as_pg "${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = 'todo'")" != 1 ]; then
    as_pg "${psql[@]}" -c "CREATE ROLE todo LOGIN CREATEDB" >/dev/null
    as_pg "${psql[@]}" -c "CREATE DATABASE todo OWNER todo" >/dev/null
  fi
  as_pg "${psql[@]}" -c "ALTER ROLE todo PASSWORD '$PASSWORD'" >/dev/null
  url
}

stop() {
  if running; then as_pg "$(pg_bin)/pg_ctl" stop -D "$dir" -m fast -w >/dev/null; fi
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  url) [ -f "$dir/todo-ops.port" ] || die "instance $name was never started"; url ;;
  status) running ;;
  destroy) stop; rm -rf "$dir" ;;
  *) die "usage: postgres.sh install|start|stop|url|status|destroy [NAME]" ;;
esac

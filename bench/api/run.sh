#!/usr/bin/env bash
# Runs the API benchmark: builds the backend, starts the PostgreSQL test server
# (scripts/test-env/postgres.sh, instance "bench"), runs bench.ts, stops the server again.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
npm run build -w app/backend >/dev/null
instance=bench
was_running=0
bash scripts/test-env/postgres.sh status "$instance" && was_running=1
DATABASE_URL="$(bash scripts/test-env/postgres.sh start "$instance")"
export DATABASE_URL
status=0
node bench/api/bench.ts || status=$?
if [ "$was_running" = 0 ]; then bash scripts/test-env/postgres.sh stop "$instance"; fi
exit "$status"

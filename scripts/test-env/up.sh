#!/usr/bin/env bash
# Prepares everything `npm run test:all` needs that npm cannot install: helm and kubectl,
# the test cluster's binaries (built from Go modules, cached), and, as later pieces add
# them, PostgreSQL, Chromium and the container tools. Services themselves are started by
# the test run's global setup and stopped at its end.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
for step in kube-tools cluster-build; do
  bash "$here/$step.sh" >/dev/null
done
for extra in postgres chromium images; do
  if [ -f "$here/$extra.sh" ]; then bash "$here/$extra.sh" install; fi
done

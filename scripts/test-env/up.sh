#!/usr/bin/env bash
# Prepares everything `npm run test:all` needs that npm cannot install: helm and kubectl,
# the test cluster's binaries (built from Go modules, cached), PostgreSQL, Chromium, the
# container tools and the app's images, and the real node's packages and images. Services
# themselves (the cluster and its real node) are started by the test run's global setup
# and stopped at its end.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
for step in kube-tools cluster-build; do
  bash "$here/$step.sh" >/dev/null
done
for extra in postgres chromium images real-node; do
  if [ -f "$here/$extra.sh" ]; then bash "$here/$extra.sh" install; fi
done
# Images the suites deploy, built once here rather than by several test files at a time
# (each is kept by its content-hash tag, so this is quick when nothing changed).
bash "$here/images.sh" build all >/dev/null
bash "$here/real-node.sh" standin >/dev/null

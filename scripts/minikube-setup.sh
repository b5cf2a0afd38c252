#!/usr/bin/env bash
# Starts Minikube (4 GB, 2 CPUs) with the ingress and metrics-server addons and prints its
# IP: a thin wrapper over `todo-ops doctor` and `todo-ops setup-cluster`.
# Usage: scripts/minikube-setup.sh [todo-ops global options]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
todo_ops() {
  if command -v todo-ops >/dev/null 2>&1; then todo-ops "$@"
  else
    [ -f "$root/dist/src/cli/main.js" ] || (cd "$root" && npm run --silent build >&2)
    node "$root/dist/src/cli/main.js" "$@"
  fi
}
# doctor reports what is missing (with the fix for this OS) but does not stop the setup.
todo_ops doctor "$@" || true
todo_ops setup-cluster --yes "$@"

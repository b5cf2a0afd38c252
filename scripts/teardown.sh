#!/usr/bin/env bash
# Uninstalls the release; optionally stops Minikube and removes the images: a thin wrapper
# over `todo-ops teardown` (it asks first unless --yes).
# Usage: scripts/teardown.sh [--stop-minikube] [--remove-images] [--yes] [global options]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
todo_ops() {
  if command -v todo-ops >/dev/null 2>&1; then todo-ops "$@"
  else
    [ -f "$root/dist/src/cli/main.js" ] || (cd "$root" && npm run --silent build >&2)
    node "$root/dist/src/cli/main.js" "$@"
  fi
}
todo_ops teardown "$@"

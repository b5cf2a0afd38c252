#!/usr/bin/env bash
# Shows, adds or removes the "<minikube ip> todo.local" hosts-file line (Linux, macOS and
# Windows commands are printed by `show`): a thin wrapper over `todo-ops hosts-entry`.
# Usage: scripts/hosts.sh [show|add|remove] [--yes] [global options]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
todo_ops() {
  if command -v todo-ops >/dev/null 2>&1; then todo-ops "$@"
  else
    [ -f "$root/dist/src/cli/main.js" ] || (cd "$root" && npm run --silent build >&2)
    node "$root/dist/src/cli/main.js" "$@"
  fi
}
action="${1:-show}"
[ $# -gt 0 ] && shift
todo_ops hosts-entry "$action" "$@"

#!/usr/bin/env bash
# Shows, adds or removes the "<minikube ip> todo.local" hosts-file line (Linux, macOS and
# Windows commands are printed by `show`): a thin wrapper over `todo-ops hosts-entry`.
# Usage: scripts/hosts.sh [show|add|remove] [--yes] [global options]
set -euo pipefail
# shellcheck source=todo-ops.sh
. "$(dirname "${BASH_SOURCE[0]}")/todo-ops.sh"
action="${1:-show}"
[ $# -gt 0 ] && shift
todo_ops hosts-entry "$action" "$@"

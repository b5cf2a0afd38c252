#!/usr/bin/env bash
# Uninstalls the release; optionally stops Minikube and removes the images: a thin wrapper
# over `todo-ops teardown` (it asks first unless --yes).
# Usage: scripts/teardown.sh [--stop-minikube] [--remove-images] [--yes] [global options]
set -euo pipefail
# shellcheck source=todo-ops.sh
. "$(dirname "${BASH_SOURCE[0]}")/todo-ops.sh"
todo_ops teardown "$@"

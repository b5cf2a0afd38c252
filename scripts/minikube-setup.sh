#!/usr/bin/env bash
# Starts Minikube (4 GB, 2 CPUs) with the ingress and metrics-server addons and prints its
# IP: a thin wrapper over `todo-ops doctor` and `todo-ops setup-cluster`.
# Usage: scripts/minikube-setup.sh [todo-ops global options]
set -euo pipefail
# shellcheck source=todo-ops.sh
. "$(dirname "${BASH_SOURCE[0]}")/todo-ops.sh"
# doctor reports what is missing (with the fix for this OS) but does not stop the setup.
todo_ops doctor "$@" || true
todo_ops setup-cluster --yes "$@"

#!/usr/bin/env bash
# Builds the images into Minikube's Docker daemon, deploys the chart with Helm, waits for
# the pods and prints the hosts-file line: a thin wrapper over `todo-ops deploy --build`.
# Secrets come from the environment (JWT_SECRET, OPENAI_API_KEY, DATABASE_URL,
# POSTGRES_PASSWORD) or --secrets-file FILE; they are never printed.
# Usage: scripts/deploy-local.sh [--secrets-file FILE] [--set key=value ...] [global options]
set -euo pipefail
# shellcheck source=todo-ops.sh
. "$(dirname "${BASH_SOURCE[0]}")/todo-ops.sh"
todo_ops deploy --build --yes "$@"
todo_ops hosts-entry show

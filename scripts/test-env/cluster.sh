#!/usr/bin/env bash
# The test cluster: a real Kubernetes control plane (kube-apiserver, kube-controller-manager,
# kube-scheduler, etcd, built from Go modules) with kwok faking two nodes and pod status.
#
#   cluster.sh build    build/cache the binaries (also done by `up`)
#   cluster.sh up       start it (idempotent); prints the kubeconfig path
#   cluster.sh down     stop it; fails if any of its processes or ports remain
#   cluster.sh status   prints "up <kubeconfig>" or "down"; exit 0 when up, 3 when down
#   cluster.sh kubeconfig
#
# TODO_OPS_CLUSTER_NAME (default todo-ops-test) names the cluster; the kube context is
# kwok-<name>. Pod faults and logs: see cluster/stages.yaml and test/support/cluster.ts.
#
# The real node (real-node.sh: kubelet + containerd, pods that really run) joins the
# cluster in `up` and leaves it in `down`. TODO_OPS_REAL_NODE: `auto` (default) starts it
# when everything it needs is installed and says why not otherwise; `1` requires it (as
# does CI=true); `0` leaves it out. The kwok controller manages only the nodes annotated
# kwok.x-k8s.io/node=fake, so it never touches the real node.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"

name="${TODO_OPS_CLUSTER_NAME:-todo-ops-test}"
run="$TODO_OPS_CACHE/cluster/run/$name"
kubeconfig="$run/kubeconfig"
bin="$TODO_OPS_CACHE/cluster/bin"
export KWOK_WORKDIR="$TODO_OPS_CACHE/cluster/kwok"

tools_bin() { bash "$here/kube-tools.sh"; }

kwokctl() { "$bin/kwokctl" --name "$name" "$@"; }

is_up() {
  [ -f "$kubeconfig" ] || return 1
  "$(tools_bin)/kubectl" --kubeconfig "$kubeconfig" get --raw /readyz >/dev/null 2>&1
}

# Processes started for this cluster: every binary runs from $bin with $KWOK_WORKDIR/clusters/$name in its arguments.
cluster_pids() {
  pgrep -f -- "$KWOK_WORKDIR/clusters/$name/" || true
}

write_config() {
  local kubectl="$1"
  mkdir -p "$run/logs"
  {
    cat <<YAML
apiVersion: config.kwok.x-k8s.io/v1alpha1
kind: KwokctlConfiguration
options:
  runtime: binary
  bindAddress: 127.0.0.1
  kubeVersion: $K8S_VERSION
  cacheDir: $TODO_OPS_CACHE/cluster/kwok-cache
  kubeApiserverBinary: $bin/kube-apiserver
  kubeControllerManagerBinary: $bin/kube-controller-manager
  kubeSchedulerBinary: $bin/kube-scheduler
  kwokControllerBinary: $bin/kwok
  etcdBinary: $bin/etcd
  kubectlBinary: $kubectl
  enableCRDs: [Logs, ClusterLogs]
  nodeLeaseDurationSeconds: 40
componentsPatches:
  - name: kwok-controller
    extraArgs:
      - { key: manage-all-nodes, value: "false", override: true }
      - { key: manage-nodes-with-annotation-selector, value: kwok.x-k8s.io/node=fake }
  # The API server reaches the real node's kubelet (logs, port-forward) at its address,
  # as the cluster's admin, whose CA the kubelet trusts.
  - name: kube-apiserver
    extraArgs:
      - { key: kubelet-preferred-address-types, value: "InternalIP,Hostname" }
      - { key: kubelet-client-certificate, value: $KWOK_WORKDIR/clusters/$name/pki/admin.crt }
      - { key: kubelet-client-key, value: $KWOK_WORKDIR/clusters/$name/pki/admin.key }
---
YAML
    cat "$here/cluster/stages.yaml"
  } >"$run/kwok.yaml"
}

cmd_build() { bash "$here/cluster-build.sh" >/dev/null; }

real_node_mode() {
  local mode="${TODO_OPS_REAL_NODE:-auto}"
  if [ "$mode" = auto ] && [ "${CI:-}" = true ]; then mode=1; fi
  echo "$mode"
}

# Starts the real node when the mode asks for it; fails when it is required and cannot start.
real_node_up() {
  local mode
  mode="$(real_node_mode)"
  [ "$mode" = 0 ] && return 0
  if ! bash "$here/real-node.sh" check 2>"$run/real-node-check.log"; then
    if [ "$mode" = 1 ]; then
      cat "$run/real-node-check.log" >&2
      die "the real node is required (TODO_OPS_REAL_NODE=1 or CI=true) but cannot start"
    fi
    log "real node not started: $(tr '\n' ' ' <"$run/real-node-check.log")"
    return 0
  fi
  bash "$here/real-node.sh" up "$kubeconfig" >/dev/null
}

cmd_up() {
  if is_up; then
    real_node_up
    echo "$kubeconfig"
    return 0
  fi
  cmd_build
  local tools kubectl
  tools="$(tools_bin)"
  kubectl="$tools/kubectl"
  # kwokctl checks readiness with `kubectl`, so it must be on PATH.
  export PATH="$tools:$PATH"
  # A half-created cluster from an interrupted run is removed first.
  kwokctl delete cluster >/dev/null 2>&1 || true
  rm -rf "$run"
  mkdir -p "$run"
  write_config "$kubectl"
  log "starting cluster $name (kube $K8S_VERSION, etcd $ETCD_VERSION, kwok $KWOK_VERSION)"
  local start=$SECONDS
  if ! kwokctl --config "$run/kwok.yaml" create cluster --kubeconfig "$kubeconfig" --wait 3m \
    >"$run/create.log" 2>&1; then
    cat "$run/create.log" >&2
    die "kwokctl create cluster failed (log above)"
  fi
  "$kubectl" --kubeconfig "$kubeconfig" apply -f "$here/cluster/nodes.yaml" >/dev/null
  # Default logs for every pod, so the log API answers; tests add per-pod `Logs`.
  printf '%s stdout F todo-ops test cluster: no log lines were configured for this pod\n' \
    "$(date -u +%Y-%m-%dT%H:%M:%S.000000000Z)" >"$run/logs/default.log"
  "$kubectl" --kubeconfig "$kubeconfig" apply -f - >/dev/null <<YAML
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterLogs
metadata:
  name: default-logs
spec:
  selector: {}
  logs:
    - logsFile: $run/logs/default.log
      previousLogsFile: $run/logs/default.log
YAML
  "$kubectl" --kubeconfig "$kubeconfig" wait --for=condition=Ready node --all --timeout=120s >/dev/null
  # The default ServiceAccount is created by the controller manager; wait so pods can be created.
  for _ in $(seq 1 60); do
    "$kubectl" --kubeconfig "$kubeconfig" -n default get serviceaccount default >/dev/null 2>&1 && break
    sleep 1
  done
  log "cluster $name is up in $((SECONDS - start)) s"
  real_node_up
  echo "$kubeconfig"
}

cmd_down() {
  local ports=""
  if [ -f "$kubeconfig" ]; then
    ports="$(sed -n 's#.*server: https\?://[^:]*:\([0-9]*\).*#\1#p' "$kubeconfig" | head -1)"
  fi
  # The real node first, while the API server can still tell its kubelet to stop pods.
  bash "$here/real-node.sh" down "$kubeconfig"
  if [ -x "$bin/kwokctl" ]; then
    PATH="$(tools_bin):$PATH" kwokctl delete cluster >/dev/null 2>&1 || true
  fi
  # Anything kwokctl did not stop is stopped here.
  local pids
  pids="$(cluster_pids)"
  if [ -n "$pids" ]; then
    kill $pids 2>/dev/null || true
    for _ in $(seq 1 20); do [ -z "$(cluster_pids)" ] && break; sleep 0.5; done
    pids="$(cluster_pids)"
    [ -z "$pids" ] || kill -9 $pids 2>/dev/null || true
  fi
  rm -rf "$run"
  pids="$(cluster_pids)"
  [ -z "$pids" ] || die "cluster $name: processes still running after down: $pids"
  # A killed process leaves pgrep's view (its command line goes with its memory) a moment
  # before the kernel closes its sockets; a large one (the API server) takes longer.
  if [ -n "$ports" ]; then
    local tries=0
    while (exec 3<>"/dev/tcp/127.0.0.1/$ports") 2>/dev/null; do
      tries=$((tries + 1))
      if [ "$tries" -ge 40 ]; then
        ss -ltnp "sport = :$ports" >&2 2>/dev/null || true
        die "cluster $name: port $ports still accepts connections 20 s after down"
      fi
      sleep 0.5
    done
  fi
  log "cluster $name is down; no process or port left"
}

cmd_status() {
  if is_up; then
    echo "up $kubeconfig"
    echo "real node: $(bash "$here/real-node.sh" status || true)"
  else
    echo "down"
    return 3
  fi
}

case "${1:-}" in
  build) cmd_build ;;
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  kubeconfig) echo "$kubeconfig" ;;
  *) echo "usage: cluster.sh build|up|down|status|kubeconfig" >&2; exit 2 ;;
esac

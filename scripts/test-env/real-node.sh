#!/usr/bin/env bash
# The test cluster's real node: a kubelet whose pods really run (containerd + runc + a CNI
# bridge), kube-proxy for Services and CoreDNS for cluster DNS, joined to the control plane
# of scripts/test-env/cluster.sh next to its kwok nodes.
#
#   real-node.sh install       Debian packages (containerd, runc, CNI plugins, iptables, conntrack)
#   real-node.sh check         exit 0 when everything `up` needs is installed, else name what is missing
#   real-node.sh up KUBECONFIG start the node (idempotent); the cluster must be up
#   real-node.sh down          stop it; remove its pods, network namespaces, bridge, iptables
#                              chains, mounts and cgroups; fail if anything is left
#   real-node.sh status        "up real-node-0" or "down" (exit 3)
#   real-node.sh load IMAGE... copy images from buildah's store into the node's containerd
#   real-node.sh standin       build the PostgreSQL stand-in image (test only); print its name
#   real-node.sh images        list the images the node has
#
# The node is named real-node-0, labelled todo-ops.test/real-node=true and tainted
# todo-ops.test/real-node=true:NoSchedule, so the kwok-based suites never land on it; tests
# that want it tolerate the taint and select the label. Pods get addresses on the bridge
# todoops0 (10.244.0.0/24); the host is 10.244.0.1 on it, which is also the node's address,
# the kubelet's serving address and the cluster DNS server. One real node per machine: it
# belongs to the cluster that started it (TODO_OPS_CLUSTER_NAME), and another cluster's `up`
# and `down` leave it alone.
#
# What the node changes on the machine, and `down` undoes: its processes, containerd state
# under /run/todo-ops, its network namespaces, the bridge, KUBE-* iptables chains, mounts
# and kubepods cgroups, and the kernel settings kubelet and the bridge need (saved at `up`,
# restored at `down`). Images stay in the node's containerd root in the cache.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"

name="${TODO_OPS_CLUSTER_NAME:-todo-ops-test}"
NODE_NAME=real-node-0
BRIDGE=todoops0
SUBNET=10.244.0.0/24
GATEWAY=10.244.0.1
TAINT_KEY=todo-ops.test/real-node
PAUSE_IMAGE=localhost/pause:3.10
bin="$TODO_OPS_CACHE/cluster/bin"
store="$TODO_OPS_CACHE/real-node"              # kept: containerd's image store, pause image
state="$TODO_OPS_CACHE/real-node/run"           # per start: configs, logs, kubelet root, volumes
runtime_dir="/run/todo-ops/real-node"           # containerd's state and socket (short path)
sock="$runtime_dir/containerd.sock"
CNI_DIR=/usr/lib/cni
PACKAGES=(containerd runc containernetworking-plugins iptables conntrack)
# Kernel settings changed by the bridge (forwarding) and the kubelet (its kernel defaults).
SYSCTLS=(net/ipv4/ip_forward vm/overcommit_memory vm/panic_on_oom kernel/panic kernel/panic_on_oops
  kernel/keys/root_maxkeys kernel/keys/root_maxbytes net/bridge/bridge-nf-call-iptables)

ctr_() { ctr --address "$sock" --namespace k8s.io "$@"; }

# --- install / check -------------------------------------------------------------------

cmd_install() {
  [ "$(id -u)" = 0 ] || die "the real node runs as root"
  debian_install "${PACKAGES[@]}"
  pause_archive >/dev/null
}

# Prints what `up` would miss, one item a line; nothing when all is there.
missing_pieces() {
  [ "$(id -u)" = 0 ] || echo "root (the kubelet and containerd run as root)"
  debian_missing "${PACKAGES[@]}" | sed 's/$/ (Debian package; real-node.sh install)/'
  local b
  for b in kubelet kube-proxy coredns; do
    [ -x "$bin/$b" ] || echo "$b (scripts/test-env/cluster-build.sh)"
  done
  [ -f "$(pause_archive_path)" ] || echo "pause image (real-node.sh install)"
  [ -d /sys/fs/cgroup/memory ] || [ -f /sys/fs/cgroup/cgroup.controllers ] || echo "cgroups (memory controller)"
  local taken
  taken="$(owner)"
  if [ -n "$taken" ] && [ "$taken" != "$name" ] && is_up; then
    echo "a free real node (one per machine; it runs for cluster $taken)"
  fi
}

cmd_check() {
  local missing
  missing="$(missing_pieces)"
  if [ -n "$missing" ]; then
    printf 'real node cannot start; missing:\n%s\n' "$(echo "$missing" | sed 's/^/  - /')" >&2
    return 1
  fi
}

# --- images ----------------------------------------------------------------------------

pause_archive_path() { echo "$store/pause-$K8S_VERSION.oci.tar"; }

# The pause image: pause.c from the Kubernetes module source, static, in an image FROM scratch.
pause_archive() {
  local out
  out="$(pause_archive_path)"
  if [ -f "$out" ]; then echo "$out"; return; fi
  command -v buildah >/dev/null || die "buildah is needed for the pause image (images.sh install)"
  command -v gcc >/dev/null || die "gcc is needed for the pause image"
  local src
  src="$(go env GOMODCACHE)/k8s.io/kubernetes@$K8S_VERSION/build/pause/linux/pause.c"
  if [ ! -f "$src" ]; then
    go mod download "k8s.io/kubernetes@$K8S_VERSION" >/dev/null 2>&1 || true
  fi
  [ -f "$src" ] || die "pause.c not found in the module cache ($src)"
  local work
  work="$(mktemp -d)"
  gcc -Os -static -o "$work/pause" "$src" -DVERSION="$K8S_VERSION"
  strip "$work/pause" 2>/dev/null || true
  local c
  c="$(buildah from --pull=never scratch)"
  buildah copy --quiet "$c" "$work/pause" /pause >/dev/null
  buildah config --entrypoint '["/pause"]' --user 65535:65535 "$c"
  buildah commit --quiet --rm "$c" "$PAUSE_IMAGE" >/dev/null
  mkdir -p "$store"
  rm -f "$out.partial"
  buildah push --quiet "$PAUSE_IMAGE" "oci-archive:$out.partial:$PAUSE_IMAGE" >/dev/null
  mv "$out.partial" "$out"
  rm -rf "$work"
  echo "$out"
}

# The test-only stand-in for the chart's PostgreSQL image (real-node/postgres-standin.Dockerfile).
standin_image() {
  local key
  key="$(cat "$here/real-node/postgres-standin.Dockerfile" "$here/real-node/postgres-standin-entrypoint.sh" |
    sha256sum | cut -c1-12)"
  echo "localhost/todo-ops/postgres-standin:15-$key"
}

cmd_standin() {
  local image base
  image="$(standin_image)"
  if ! buildah inspect --type image "$image" >/dev/null 2>&1; then
    base="$(bash "$here/images.sh" base)"
    mkdir -p "$store"
    log "building $image, a stand-in for postgres:17.6-alpine (Debian's PostgreSQL 15)"
    buildah bud --isolation chroot --pull=never --layers --format docker \
      --build-arg "BASE_IMAGE=$base" -t "$image" \
      -f "$here/real-node/postgres-standin.Dockerfile" "$here/real-node" >"$store/standin-build.log" 2>&1 ||
      { tail -30 "$store/standin-build.log" >&2; die "the PostgreSQL stand-in did not build (log above)"; }
  fi
  echo "$image"
}

# (No `grep -q` after a pipe here: with pipefail, grep quitting early fails the writer.)
has_image() { ctr_ images ls -q 2>/dev/null | grep -xF "$1" >/dev/null; }

# Copies images from buildah's store into containerd (skipped when the node has the tag).
cmd_load() {
  [ -S "$sock" ] || die "the real node is not up (no containerd socket)"
  local image tmp
  for image in "$@"; do
    if has_image "$image"; then continue; fi
    tmp="$(mktemp -d)"
    buildah push --quiet "$image" "oci-archive:$tmp/image.tar:$image" >/dev/null ||
      { rm -rf "$tmp"; die "buildah has no image $image"; }
    ctr_ images import "$tmp/image.tar" >/dev/null ||
      { rm -rf "$tmp"; die "containerd could not import $image"; }
    rm -rf "$tmp"
    has_image "$image" || die "containerd does not list $image after import"
    log "loaded $image into $NODE_NAME"
  done
}

# --- configuration ---------------------------------------------------------------------

write_configs() {
  local kubeconfig="$1"
  # The cluster's CA (kwokctl's pki): the API server's client certificate for the kubelet.
  local pki="$TODO_OPS_CACHE/cluster/kwok/clusters/$name/pki"
  [ -f "$pki/ca.crt" ] || die "no cluster CA at $pki/ca.crt: is the cluster $name up?"
  mkdir -p "$state"/{logs,cni,kubelet,pod-logs,ipam} "$runtime_dir"
  : >"$state/resolv.conf"
  cat >"$state/containerd.toml" <<TOML
# The real node's containerd: its own root, state and socket; nothing shared with the machine.
version = 2
root = "$store/containerd"
state = "$runtime_dir/state"
[grpc]
  address = "$sock"
[ttrpc]
  address = "$sock.ttrpc"
[metrics]
  address = ""
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$PAUSE_IMAGE"
  # Root here lacks CAP_SYS_RESOURCE: a sandbox may not lower its oom_score_adj.
  restrict_oom_score_adj = true
  enable_selinux = false
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "$CNI_DIR"
    conf_dir = "$state/cni"
    max_conf_num = 1
TOML
  cat >"$state/cni/10-todo-ops.conflist" <<JSON
{
  "cniVersion": "1.0.0",
  "name": "todo-ops-real-node",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "$BRIDGE",
      "isGateway": true,
      "ipMasq": false,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "dataDir": "$state/ipam",
        "ranges": [[{ "subnet": "$SUBNET", "gateway": "$GATEWAY" }]],
        "routes": [{ "dst": "0.0.0.0/0" }]
      }
    }
  ]
}
JSON
  cat >"$state/kubelet.yaml" <<YAML
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $GATEWAY
port: 10250
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: 10248
cgroupDriver: cgroupfs
# cgroup v1 here; Kubernetes 1.35 refuses it, 1.34 still runs on it when told.
failCgroupV1: false
failSwapOn: false
containerRuntimeEndpoint: unix://$sock
podLogsDir: $state/pod-logs
resolvConf: $state/resolv.conf
clusterDomain: cluster.local
clusterDNS: [$GATEWAY]
authentication:
  anonymous: { enabled: false }
  webhook: { enabled: false }
  x509: { clientCAFile: $pki/ca.crt }
authorization:
  mode: AlwaysAllow
registerWithTaints:
  - key: $TAINT_KEY
    value: "true"
    effect: NoSchedule
maxPods: 40
serializeImagePulls: false
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard:
  memory.available: 100Mi
  nodefs.available: "1%"
  nodefs.inodesFree: "1%"
  imagefs.available: "1%"
nodeStatusReportFrequency: 10s
nodeStatusUpdateFrequency: 5s
syncFrequency: 10s
fileCheckFrequency: 10s
YAML
  cat >"$state/kube-proxy.yaml" <<YAML
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection:
  kubeconfig: $kubeconfig
mode: iptables
clusterCIDR: $SUBNET
hostnameOverride: $NODE_NAME
bindAddress: 127.0.0.1
healthzBindAddress: 127.0.0.1:10256
metricsBindAddress: 127.0.0.1:10249
nodePortAddresses: ["$GATEWAY/32"]
conntrack:
  maxPerCore: 0
  tcpEstablishedTimeout: 0s
  tcpCloseWaitTimeout: 0s
YAML
  cat >"$state/Corefile" <<COREFILE
.:53 {
    bind $GATEWAY
    errors
    kubernetes cluster.local in-addr.arpa ip6.arpa {
        kubeconfig $kubeconfig
        pods insecure
        fallthrough in-addr.arpa ip6.arpa
    }
    cache 5
}
COREFILE
}

# --- processes -------------------------------------------------------------------------

# Our processes carry $state or $runtime_dir in their arguments (shims: the socket path).
node_pids() { pgrep -f -- "($state/|$runtime_dir/)" || true; }

start() {
  local what="$1"; shift
  setsid "$@" >"$state/logs/$what.log" 2>&1 </dev/null &
  echo $! >"$state/$what.pid"
}

wait_for() {
  local what="$1" seconds="$2"; shift 2
  local i
  for ((i = 0; i < seconds * 2; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    if [ -f "$state/$what.pid" ] && ! kill -0 "$(cat "$state/$what.pid")" 2>/dev/null; then
      tail -20 "$state/logs/$what.log" >&2
      die "$what exited (log above)"
    fi
    sleep 0.5
  done
  tail -20 "$state/logs/$what.log" >&2
  die "$what did not become ready in ${seconds}s (log above)"
}

dns_answers() {
  python3 - "$GATEWAY" <<'PY'
import socket, struct, sys
q = b"".join(bytes([len(p)]) + p.encode() for p in "kubernetes.default.svc.cluster.local".split(".")) + b"\0"
msg = struct.pack(">HHHHHH", 0x7a7a, 0x0100, 1, 0, 0, 0) + q + struct.pack(">HH", 1, 1)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(1)
s.sendto(msg, (sys.argv[1], 53))
data = s.recv(512)
sys.exit(0 if struct.unpack(">H", data[6:8])[0] > 0 else 1)
PY
}

save_sysctls() {
  local k f="$store/sysctl.saved"
  [ -f "$f" ] && return 0
  : >"$f.partial"
  for k in "${SYSCTLS[@]}"; do
    [ -f "/proc/sys/$k" ] && echo "$k $(cat "/proc/sys/$k")" >>"$f.partial"
  done
  mv "$f.partial" "$f"
}

restore_sysctls() {
  local f="$store/sysctl.saved" k v
  [ -f "$f" ] || return 0
  while read -r k v; do
    [ "$(cat "/proc/sys/$k" 2>/dev/null)" = "$v" ] || echo "$v" >"/proc/sys/$k" 2>/dev/null ||
      log "could not restore $k to $v"
  done <"$f"
  rm -f "$f"
}

# The cluster the running node belongs to (empty when none runs).
owner() { cat "$state/cluster" 2>/dev/null || true; }

is_up() {
  [ -f "$state/kubelet.pid" ] && kill -0 "$(cat "$state/kubelet.pid")" 2>/dev/null &&
    [ -S "$sock" ]
}

kubectl_() { "$(bash "$here/kube-tools.sh")/kubectl" --kubeconfig "$KUBECONFIG_PATH" "$@"; }

cmd_up() {
  KUBECONFIG_PATH="${1:-}"
  [ -f "$KUBECONFIG_PATH" ] || die "usage: real-node.sh up KUBECONFIG (the cluster's kubeconfig)"
  local taken
  taken="$(owner)"
  if [ -n "$taken" ] && [ "$taken" != "$name" ] && is_up; then
    die "the real node runs for cluster $taken; one real node per machine (take that cluster down, or TODO_OPS_REAL_NODE=0)"
  fi
  if is_up; then echo "$NODE_NAME"; return 0; fi
  cmd_check
  # Another node's kubelet or kube-proxy owns the KUBE-* chains: never touch them.
  local foreign
  foreign="$(pgrep -x kubelet; pgrep -x kube-proxy)" || true
  if [ -n "$foreign" ] && [ -z "$(node_pids)" ]; then
    die "another Kubernetes node runs on this machine (kubelet or kube-proxy, pid $(echo "$foreign" | tr '\n' ' ')); one node per machine"
  fi
  # Nothing of ours runs, so whatever is left (an earlier run killed before its down, for
  # any cluster name) is ours to remove before starting.
  local left
  left="$(leftovers)"
  if [ -n "$left" ] || [ -d "$state" ]; then
    log "an earlier run of the real node${taken:+ (cluster $taken)} was not taken down: removing what it left${left:+ ($left)}"
    cmd_down
  fi
  local t0=$SECONDS
  mkdir -p "$state"
  echo "$name" >"$state/cluster"
  save_sysctls
  write_configs "$KUBECONFIG_PATH"
  # The bridge exists before the first pod so the host address (node IP, DNS) is there.
  ip link add "$BRIDGE" type bridge
  ip addr add "$GATEWAY/24" dev "$BRIDGE"
  ip link set "$BRIDGE" up
  start containerd containerd --config "$state/containerd.toml"
  wait_for containerd 30 ctr --address "$sock" version
  has_image "$PAUSE_IMAGE" || ctr_ images import "$(pause_archive)" >/dev/null
  start coredns "$bin/coredns" -conf "$state/Corefile"
  start kubelet "$bin/kubelet" --config "$state/kubelet.yaml" --kubeconfig "$KUBECONFIG_PATH" \
    --root-dir "$state/kubelet" --cert-dir "$state/kubelet-pki" --hostname-override "$NODE_NAME" \
    --node-ip "$GATEWAY" --node-labels "$TAINT_KEY=true" --v 1
  start kube-proxy "$bin/kube-proxy" --config "$state/kube-proxy.yaml" --v 1
  wait_for kubelet 90 kubectl_ wait --for=condition=Ready "node/$NODE_NAME" --timeout=1s
  wait_for coredns 30 dns_answers
  make_volumes
  log "real node $NODE_NAME is up in $((SECONDS - t0)) s (pods on $BRIDGE $SUBNET)"
  echo "$NODE_NAME"
}

# No provisioner runs here: a StorageClass of pre-made hostPath volumes on the real node,
# owned by uid 70 (the PostgreSQL image's user; hostPath volumes ignore fsGroup).
STORAGE_CLASS=real-node-local
VOLUMES=24
make_volumes() {
  local i dir
  {
    cat <<YAML
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: $STORAGE_CLASS
  labels: { $TAINT_KEY: "true" }
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: WaitForFirstConsumer
reclaimPolicy: Retain
YAML
    for ((i = 0; i < VOLUMES; i++)); do
      dir="$state/volumes/pv-$i"
      mkdir -p "$dir"
      chown 70:70 "$dir"
      chmod 0770 "$dir"
      cat <<YAML
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: real-node-pv-$i
  labels: { $TAINT_KEY: "true" }
spec:
  capacity: { storage: 2Gi }
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Retain
  storageClassName: $STORAGE_CLASS
  hostPath: { path: $dir, type: Directory }
  nodeAffinity:
    required:
      nodeSelectorTerms:
        - matchExpressions:
            - { key: kubernetes.io/hostname, operator: In, values: [$NODE_NAME] }
YAML
    done
  } | kubectl_ apply -f - >/dev/null
}

cmd_status() {
  if is_up && [ "$(owner)" = "$name" ]; then echo "up $NODE_NAME"; else echo "down"; return 3; fi
}

cmd_images() { ctr_ images ls -q; }

# --- down ------------------------------------------------------------------------------

stop_pid() {
  local what="$1" f="$state/$1.pid" pid
  [ -f "$f" ] || return 0
  pid="$(cat "$f")"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$f"
}

our_mounts() {
  awk '{ print $2 }' /proc/self/mounts | sed 's/\\040/ /g' |
    grep -E "^($state|$runtime_dir|$store/containerd)(/|$)" | sort -r || true
}

# Network namespaces whose interface holds an address of the node's subnet.
our_netns() {
  local ns
  for ns in $(ip netns list 2>/dev/null | awk '{ print $1 }'); do
    if ip netns exec "$ns" ip -4 -o addr show 2>/dev/null | grep " ${SUBNET%.*}\." >/dev/null; then echo "$ns"; fi
  done
}

remove_kube_chains() {
  local tool table chain builtin n
  for tool in iptables ip6tables; do
    command -v "$tool" >/dev/null || continue
    for table in filter nat mangle raw; do
      "$tool-save" -t "$table" 2>/dev/null | grep '^:KUBE-' >/dev/null || continue
      # Rules of the built-in chains that jump to a KUBE-* chain, by number, last first.
      for builtin in $("$tool-save" -t "$table" | sed -n 's/^:\([A-Z]*\) [A-Z].*/\1/p'); do
        for n in $("$tool" -t "$table" -S "$builtin" | grep '^-A ' | grep -n -- '-j KUBE-' | cut -d: -f1 | sort -rn); do
          "$tool" -t "$table" -D "$builtin" "$n" 2>/dev/null || true
        done
      done
      for chain in $("$tool-save" -t "$table" | sed -n 's/^:\(KUBE-[^ ]*\).*/\1/p'); do
        "$tool" -t "$table" -F "$chain" 2>/dev/null || true
      done
      for chain in $("$tool-save" -t "$table" | sed -n 's/^:\(KUBE-[^ ]*\).*/\1/p'); do
        "$tool" -t "$table" -X "$chain" 2>/dev/null || true
      done
    done
  done
}

remove_cgroups() {
  local d
  for d in /sys/fs/cgroup/*/kubepods /sys/fs/cgroup/kubepods; do
    [ -d "$d" ] || continue
    find "$d" -depth -type d -exec rmdir {} \; 2>/dev/null || true
  done
}

leftovers() {
  local pids m ns
  pids="$(node_pids)"; [ -z "$pids" ] || echo "processes: $pids"
  m="$(our_mounts)"; [ -z "$m" ] || echo "mounts: $(echo "$m" | tr '\n' ' ')"
  ns="$(our_netns)"; [ -z "$ns" ] || echo "network namespaces: $(echo "$ns" | tr '\n' ' ')"
  ! ip link show "$BRIDGE" >/dev/null 2>&1 || echo "bridge $BRIDGE"
  local tool
  for tool in iptables ip6tables; do
    command -v "$tool-save" >/dev/null || continue
    # KUBE-* chains are the kubelet's and kube-proxy's. (The bridge here masquerades
    # nothing and maps no ports, so CNI adds no chains; podman's CNI-* chains are not ours.)
    ! "$tool-save" 2>/dev/null | grep -E '^:KUBE-' >/dev/null || echo "$tool chains: $("$tool-save" | sed -n 's/^:\(KUBE-[^ ]*\).*/\1/p' | tr '\n' ' ')"
  done
  local d
  for d in /sys/fs/cgroup/*/kubepods /sys/fs/cgroup/kubepods; do
    [ ! -d "$d" ] || echo "cgroup $d"
  done
}

cmd_down() {
  local taken
  taken="$(owner)"
  # Another cluster's claim holds only while its node runs; a dead node's leftovers are
  # anyone's to remove.
  if [ -n "$taken" ] && [ "$taken" != "$name" ] && is_up; then
    log "the real node belongs to cluster $taken: left running"
    return 0
  fi
  # Pods first, through the kubelet, so each sandbox's network is torn down by CNI.
  if is_up && [ -n "${KUBECONFIG_PATH:-}" ] && [ -f "$KUBECONFIG_PATH" ]; then
    kubectl_ delete pods --all-namespaces --field-selector "spec.nodeName=$NODE_NAME" \
      --grace-period=0 --force --wait=false >/dev/null 2>&1 || true
    for _ in $(seq 1 60); do
      [ -z "$(ctr_ tasks ls -q 2>/dev/null)" ] && break
      sleep 0.5
    done
  fi
  if [ -n "${KUBECONFIG_PATH:-}" ] && [ -f "$KUBECONFIG_PATH" ]; then
    kubectl_ delete pv,storageclass -l "$TAINT_KEY=true" --wait=false >/dev/null 2>&1 || true
  fi
  stop_pid kubelet
  stop_pid kube-proxy
  stop_pid coredns
  # Whatever still runs in containerd: kill its tasks and remove its containers.
  if [ -S "$sock" ]; then
    local id
    for id in $(ctr_ tasks ls -q 2>/dev/null); do ctr_ tasks kill -s SIGKILL "$id" >/dev/null 2>&1 || true; done
    sleep 0.5
    for id in $(ctr_ tasks ls -q 2>/dev/null); do ctr_ tasks delete -f "$id" >/dev/null 2>&1 || true; done
    for id in $(ctr_ containers ls -q 2>/dev/null); do ctr_ containers delete "$id" >/dev/null 2>&1 || true; done
  fi
  stop_pid containerd
  local pids
  pids="$(node_pids)"
  if [ -n "$pids" ]; then
    # shellcheck disable=SC2086
    kill -9 $pids 2>/dev/null || true
    sleep 0.5
  fi
  if [ -x "$bin/kube-proxy" ]; then "$bin/kube-proxy" --cleanup >/dev/null 2>&1 || true; fi
  remove_kube_chains
  local ns m
  for ns in $(our_netns); do ip netns delete "$ns" 2>/dev/null || true; done
  for m in $(our_mounts); do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; done
  ip link delete "$BRIDGE" 2>/dev/null || true
  remove_cgroups
  restore_sysctls
  local left
  left="$(leftovers)"
  [ -z "$left" ] || die "real node: left after down: $left"
  # Only once nothing is mounted below it: the kubelet's root holds pod volumes.
  rm -rf --one-file-system "$state" "$runtime_dir"
  log "real node $NODE_NAME is down; no process, pod, namespace, bridge, chain or mount left"
}

case "${1:-}" in
  install) cmd_install ;;
  check) cmd_check ;;
  up) shift; cmd_up "$@" ;;
  down) KUBECONFIG_PATH="${2:-}"; cmd_down ;;
  status) cmd_status ;;
  load) shift; cmd_load "$@" ;;
  standin) cmd_standin ;;
  images) cmd_images ;;
  *) die "usage: real-node.sh install|check|up KUBECONFIG|down [KUBECONFIG]|status|load IMAGE...|images|standin" ;;
esac

# Shared settings for the test-environment scripts. Source it; do not run it.
# Everything heavy is cached outside the repository, keyed by version, so a second run
# on the same machine is fast and a fresh machine still builds from scratch.

TODO_OPS_CACHE="${TODO_OPS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/todo-ops}"
export TODO_OPS_CACHE

K8S_VERSION="${K8S_VERSION:-v1.34.4}"
ETCD_VERSION="${ETCD_VERSION:-v3.6.16}"
KWOK_VERSION="${KWOK_VERSION:-v0.8.0}"
COREDNS_VERSION="${COREDNS_VERSION:-v1.15.0}"
NODE_VERSION="${NODE_VERSION:-24}"
KUBECTL_LAYER_VERSION="${KUBECTL_LAYER_VERSION:-2.2.2}"

log() { printf '[test-env] %s\n' "$*" >&2; }
die() { printf '[test-env] error: %s\n' "$*" >&2; exit 1; }

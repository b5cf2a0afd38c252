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

# Prints the Debian packages of the arguments that are not installed, one a line.
debian_missing() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep '^install ok installed$' >/dev/null || echo "$p"
  done
}

# Installs the Debian packages of the arguments that are missing (apt-get update only when
# the install fails, e.g. on a fresh machine with no package lists yet).
debian_install() {
  local missing
  missing="$(debian_missing "$@")"
  [ -n "$missing" ] || return 0
  log "installing: $(echo "$missing" | tr '\n' ' ')"
  local apt=(apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600)
  # shellcheck disable=SC2086
  if ! DEBIAN_FRONTEND=noninteractive "${apt[@]}" $missing >/dev/null; then
    apt-get update -q -o DPkg::Lock::Timeout=600 >/dev/null
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive "${apt[@]}" $missing >/dev/null
  fi
}

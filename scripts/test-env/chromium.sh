#!/usr/bin/env bash
# Chromium for the frontend's browser end-to-end tests (driven by playwright-core, which
# never downloads a browser of its own here). Installs Debian's `chromium` package when it
# is missing; `apt-get update` runs only when the package is not already known to apt.
#
#   scripts/test-env/chromium.sh install   # install if missing, print the binary path
#   scripts/test-env/chromium.sh path      # print the binary path, or fail when missing
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"

bin="${TODO_OPS_CHROMIUM:-/usr/bin/chromium}"

case "${1:-install}" in
  path)
    [ -x "$bin" ] || die "no Chromium at $bin: run scripts/test-env/chromium.sh install"
    echo "$bin"
    ;;
  install)
    if [ ! -x "$bin" ]; then
      command -v apt-get >/dev/null || die "no Chromium at $bin and no apt-get to install Debian's chromium"
      sudo=()
      [ "$(id -u)" -eq 0 ] || sudo=(sudo)
      export DEBIAN_FRONTEND=noninteractive
      if ! apt-cache show chromium >/dev/null 2>&1; then
        log "apt-get update (chromium not known to apt yet)"
        "${sudo[@]}" apt-get update -qq
      fi
      log "installing Debian's chromium"
      "${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
      [ -x "$bin" ] || die "chromium installed but $bin is missing"
    fi
    echo "$bin"
    ;;
  *)
    die "usage: chromium.sh install|path"
    ;;
esac

#!/usr/bin/env bash
# Installs everything Muxdeck's checks and tests need, idempotently:
#   1. Debian packages (tmux, OpenSSH, Chromium, Secret Service, build tools, ...),
#      skipped entirely when every one is already installed;
#   2. the npm dependencies (npm ci, or npm install without a lockfile), skipped when
#      package.json, package-lock.json and Node are unchanged since the last run
#      and the checks in 3 pass (MUXDECK_FORCE_NPM_CI=1 forces the install);
#   3. checks that native modules load and that the tool binaries are executable.
# Usage: scripts/install-test-deps.sh   (from anywhere; works in the repo it lives in)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO_ROOT=$(pwd)

log() { printf '[install-test-deps] %s\n' "$*"; }
die() {
  printf '[install-test-deps] ERROR: %s\n' "$*" >&2
  exit 1
}
DONE=()

APT_PACKAGES=(
  tmux openssh-server openssh-client chromium gnome-keyring libsecret-1-dev
  dbus dbus-x11 ansible-core python3 make g++ git ca-certificates stress-ng iproute2
)
# Tool binaries the npm scripts run; npm 11 may leave a bin target without its run bit.
BINS=(vitest playwright electron-vite eslint tsc prettier tsx)

# --- privileges --------------------------------------------------------------
if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  SUDO=(none)
fi

as_root() {
  if [ "${SUDO[0]:-}" = none ]; then
    die "need root for: $* (not root and no sudo)"
  fi
  "${SUDO[@]}" "$@"
}

# --- 1. system packages -------------------------------------------------------
if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null || true)
    [ "${status:0:2}" = ii ] || missing+=("$pkg")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    log "apt: all ${#APT_PACKAGES[@]} packages already installed; skipping apt-get"
    DONE+=("apt: nothing to do")
  else
    log "apt: missing ${missing[*]}"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${APT_PACKAGES[@]}"
    DONE+=("apt: installed ${missing[*]}")
  fi
else
  log "apt: no dpkg/apt-get on this system; make sure these are installed: ${APT_PACKAGES[*]}"
  DONE+=("apt: skipped (not Debian)")
fi

# sshd refuses to start without its privilege-separation directory.
if [ ! -d /run/sshd ]; then
  if [ "$(id -u)" -eq 0 ] || [ "${SUDO[0]:-}" = sudo ]; then
    as_root mkdir -p /run/sshd
    log "created /run/sshd"
    DONE+=("created /run/sshd")
  else
    log "warning: /run/sshd is missing and cannot be created without root; sshd-based tests may fail"
  fi
fi

# --- 3 (defined first). verification -----------------------------------------
check_native_modules() {
  node -e "require('node-pty'); require('keytar')" 2>&1
}

fix_bins() {
  local b link target
  for b in "${BINS[@]}"; do
    link="node_modules/.bin/$b"
    if [ ! -e "$link" ]; then
      log "ERROR: $link is missing"
      return 1
    fi
    target=$(readlink -f "$link")
    if [ ! -f "$target" ]; then
      log "ERROR: $link points to $target, which is not a file"
      return 1
    fi
    if [ ! -x "$target" ]; then
      chmod +x "$target"
      log "chmod +x ${target#"$REPO_ROOT"/} (bin '$b' had no execute bit)"
      DONE+=("chmod +x bin $b")
    fi
  done
}

verify() {
  local out
  if ! out=$(check_native_modules); then
    log "native modules do not load:"
    printf '%s\n' "$out" | sed 's/^/    /' | head -20
    return 1
  fi
  fix_bins
}

# --- 2. npm dependencies ------------------------------------------------------
stamp_file=node_modules/.muxdeck-install-stamp
stamp() {
  {
    node --version
    uname -sm
    cat package.json
    if [ -f package-lock.json ]; then cat package-lock.json; fi
  } | sha256sum | cut -d' ' -f1
}

want=$(stamp)
if [ "${MUXDECK_FORCE_NPM_CI:-}" != 1 ] && [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$want" ] &&
  verify; then
  log "npm: node_modules matches package.json/package-lock.json and Node $(node --version); skipping install"
  DONE+=("npm: up to date")
else
  if [ -f package-lock.json ]; then
    npm_cmd=(npm ci)
  else
    npm_cmd=(npm install)
  fi
  log "npm: ELECTRON_SKIP_BINARY_DOWNLOAD=1 ${npm_cmd[*]}"
  started=$(date +%s)
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 "${npm_cmd[@]}"
  DONE+=("npm: ${npm_cmd[*]} ($(($(date +%s) - started))s)")
  verify || die "dependencies installed but not usable (see above). Are python3, make, g++ and libsecret-1-dev installed, and node-pty/keytar allowed in package.json allowScripts?"
  printf '%s\n' "$want" >"$stamp_file"
fi
log "verified: node-pty and keytar load; bins executable: ${BINS[*]}"

log "summary:"
for item in "${DONE[@]}"; do log "  - $item"; done

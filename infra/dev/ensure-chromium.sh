#!/usr/bin/env bash
# Ensures Debian's chromium is installed at /usr/bin/chromium for the web UI's browser tests
# (Playwright drives it through playwright-core; no browser is ever downloaded by npm).
# Idempotent and quick when it is already there. Installs it with apt-get when we are root on
# Debian; anywhere else, explains what is missing and exits non-zero.
set -euo pipefail

log() { printf '[ensure-chromium] %s\n' "$*" >&2; }
fail() { log "ERROR: $*"; exit 1; }

if [ -x /usr/bin/chromium ]; then
  log "chromium is installed ($(/usr/bin/chromium --version 2>/dev/null || echo 'version unknown'))"
  exit 0
fi

[ "$(id -u)" -eq 0 ] || fail "/usr/bin/chromium is missing and we are not root: install Debian's chromium package yourself"
[ -r /etc/debian_version ] || fail "/usr/bin/chromium is missing and this is not Debian: install chromium at /usr/bin/chromium yourself"

log "installing chromium (apt-get; a minute or two the first time)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >&2
[ -x /usr/bin/chromium ] || fail "apt-get installed chromium but /usr/bin/chromium is still missing"
log "installed $(/usr/bin/chromium --version)"

#!/usr/bin/env bash
# Ensures a Docker engine answers on this machine, and Debian's docker-compose (the compose fleet,
# infra/compose) is there. Idempotent and quick when they already are.
# On a Debian machine where we are root, installs docker.io, docker-compose and busybox-static if missing,
# starts dockerd in the background (log: ${ENVSTREAM_DOCKERD_LOG:-/var/log/envstream-dockerd.log})
# and waits until it answers. Anywhere else, explains what is missing and exits non-zero.
set -euo pipefail

log() { printf '[ensure-docker] %s\n' "$*" >&2; }
fail() { log "ERROR: $*"; exit 1; }

dockerd_log=${ENVSTREAM_DOCKERD_LOG:-/var/log/envstream-dockerd.log}
wait_seconds=${ENVSTREAM_DOCKERD_WAIT:-60}

engine_answers() { docker info >/dev/null 2>&1; }

# docker-compose 1.29 from Debian, for infra/compose (asked for even when the engine already answers)
if ! command -v docker-compose >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && [ -r /etc/debian_version ]; then
    log "installing docker-compose (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq --no-install-recommends docker-compose >&2 \
      || { apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends docker-compose >&2; }
  else
    log "WARNING: docker-compose is missing (the compose fleet, infra/compose, needs it): install Debian's docker-compose"
  fi
fi

if command -v docker >/dev/null 2>&1 && engine_answers; then
  log "Docker engine answers ($(docker version --format '{{.Server.Version}}' 2>/dev/null))"
  exit 0
fi

[ "$(id -u)" -eq 0 ] || fail "no Docker engine answers and we are not root: start one yourself (or re-run as root on Debian)"
[ -r /etc/debian_version ] || fail "no Docker engine answers and this is not Debian: install and start a Docker engine yourself"

missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
dpkg -s busybox-static >/dev/null 2>&1 || missing+=(busybox-static)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

if ! pgrep -x dockerd >/dev/null 2>&1; then
  log "starting dockerd in the background (log: $dockerd_log)"
  nohup dockerd >"$dockerd_log" 2>&1 &
fi

for ((i = 0; i < wait_seconds; i++)); do
  if engine_answers; then
    log "Docker engine answers ($(docker version --format '{{.Server.Version}}' 2>/dev/null)) after ${i}s"
    exit 0
  fi
  sleep 1
done
fail "dockerd did not answer within ${wait_seconds}s; see $dockerd_log"

#!/usr/bin/env bash
# Runs envstream standalone: one JVM with a real KRaft Kafka broker, embedded PostgreSQL and the
# collector, stream-processor and ws-gateway apps. Data is kept in ./var of the repository
# (envstream.standalone.data-dir) across runs.
#   infra/dev/run-standalone.sh [--envstream.standalone.gateway-port=9080 ...]
# Builds first (mvn install, without tests) when the jar is missing or older than any source.
# Ctrl-C or SIGTERM stops the apps, then the broker, then PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/../.."

log() { printf '[run-standalone] %s\n' "$*" >&2; }

infra/dev/setup.sh

jar() { compgen -G 'standalone/target/envstream-standalone-*-exec.jar' | head -n 1 || true; }

stale_sources() {
  local built=$1
  find pom.xml schemas collector stream-processor ws-gateway standalone \
    \( -name target -o -name node_modules \) -prune -o \
    \( -name pom.xml -o -path '*/src/main/*' \) -type f -newer "$built" -print -quit
}

built=$(jar)
if [ -z "$built" ]; then
  log "no standalone jar yet: building (mvn -B -q -DskipTests install; a few minutes the first time)"
elif [ -n "$(stale_sources "$built")" ]; then
  log "sources changed since $built: rebuilding (mvn -B -q -DskipTests install)"
  built=
fi
if [ -z "$built" ]; then
  started=$SECONDS
  mvn -B -q -DskipTests install
  built=$(jar)
  [ -n "$built" ] || { log "ERROR: the build produced no standalone/target/envstream-standalone-*-exec.jar"; exit 1; }
  log "built $built in $((SECONDS - started)) s"
fi

log "starting $built (Ctrl-C stops it)"
exec java ${ENVSTREAM_JAVA_OPTS:-} -jar "$built" "$@"

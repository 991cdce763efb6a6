#!/usr/bin/env bash
# Prints a token for envstream standalone's gateway, whether standalone runs or not:
#   infra/dev/token.sh <user> [--admin] [--team T] [--ttl 8h] [--envstream.standalone.data-dir=DIR]
# Signed with the standalone key in ./var/jwt of the repository (made on first use, like the
# first start of standalone does). Use it as ?token=... on a WebSocket URL or as
#   curl -H "Authorization: Bearer $(infra/dev/token.sh demo --admin)" localhost:8080/api/v1/environments
set -euo pipefail
cd "$(dirname "$0")/../.."

jar=$(compgen -G 'standalone/target/envstream-standalone-*-exec.jar' | head -n 1 || true)
if [ -z "$jar" ]; then
  printf '[token] ERROR: no standalone jar yet: run infra/dev/run-standalone.sh (or mvn -B -pl standalone -am package -DskipTests) first\n' >&2
  exit 1
fi
exec java ${ENVSTREAM_JAVA_OPTS:-} -jar "$jar" token "$@"

#!/usr/bin/env bash
# docker-compose on the fleet that up.sh started: the project ENVSTREAM_FLEET_PROJECT (default
# envstream-fleet), this directory's docker-compose.yml (with docker-compose.small.yml for up.sh --small) and the secrets up.sh wrote. For example
#   infra/compose/compose.sh ps
#   infra/compose/compose.sh logs --tail 50 gateway-1
#   infra/compose/compose.sh kill -s KILL gateway-1      (then: compose.sh start gateway-1)
#   infra/compose/compose.sh exec host-2 docker ps       (the engine of host-2)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
project=${ENVSTREAM_FLEET_PROJECT:-envstream-fleet}
state=${ENVSTREAM_FLEET_STATE:-$here/.state/$project}

command -v docker-compose >/dev/null 2>&1 \
  || { printf '[fleet] ERROR: docker-compose is missing: infra/dev/ensure-docker.sh installs Debian'"'"'s docker-compose\n' >&2; exit 1; }
[ -r "$state/fleet.env" ] \
  || { printf '[fleet] ERROR: no %s: infra/compose/up.sh writes it when it starts the fleet\n' "$state/fleet.env" >&2; exit 1; }
files=(--file "$here/docker-compose.yml")
# a fleet up.sh started with --small
! grep -qx 'ENVSTREAM_FLEET_SIZE=small' "$state/fleet.env" || files+=(--file "$here/docker-compose.small.yml")
exec docker-compose --project-name "$project" "${files[@]}" --env-file "$state/fleet.env" "$@"

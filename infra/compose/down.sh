#!/usr/bin/env bash
# Removes the fleet that up.sh started: its containers, networks and volumes (the hosts' engines
# and everything in them, Kafka's and PostgreSQL's data), and its secrets.
#   infra/compose/down.sh     (ENVSTREAM_FLEET_PROJECT as for up.sh)
# Also what is left of the project when its secrets are gone (an interrupted run): everything
# labelled with its compose project.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
project=${ENVSTREAM_FLEET_PROJECT:-envstream-fleet}
state=${ENVSTREAM_FLEET_STATE:-$here/.state/$project}
log() { printf '[fleet] %s\n' "$*" >&2; }

if [ -r "$state/fleet.env" ]; then
  log "removing the containers, networks and volumes of $project"
  "$here/compose.sh" down --volumes --remove-orphans --timeout 20 2>&1 | sed 's/^/    /' >&2
fi
label="label=com.docker.compose.project=$project"
leftovers=$(docker ps -aq --filter "$label"; docker network ls -q --filter "$label"; docker volume ls -q --filter "$label")
if [ -n "$leftovers" ]; then
  log "removing what is left of $project (by its compose label)"
  docker ps -aq --filter "$label" | xargs -r docker rm -f -v >/dev/null
  docker network ls -q --filter "$label" | xargs -r docker network rm >/dev/null
  docker volume ls -q --filter "$label" | xargs -r docker volume rm >/dev/null
fi
rm -rf "$state"
log "$project removed"

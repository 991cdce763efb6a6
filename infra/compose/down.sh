#!/usr/bin/env bash
# Removes the fleet that up.sh started: its containers, networks and volumes (the hosts' engines
# and everything in them, Kafka's and PostgreSQL's data), and its secrets.
#   infra/compose/down.sh     (ENVSTREAM_FLEET_PROJECT as for up.sh)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
project=${ENVSTREAM_FLEET_PROJECT:-envstream-fleet}
state=${ENVSTREAM_FLEET_STATE:-$here/.state/$project}
log() { printf '[fleet] %s\n' "$*" >&2; }

if [ -r "$state/fleet.env" ]; then
  log "removing the containers, networks and volumes of $project"
  "$here/compose.sh" down --volumes --remove-orphans --timeout 20 2>&1 | sed 's/^/    /' >&2
else
  log "no state of $project in $state: nothing started, nothing to remove"
fi
rm -rf "$state"
log "done"

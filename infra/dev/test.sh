#!/usr/bin/env bash
# The README's test command: does all set-up on a fresh machine of this kind, then runs every
# test tier (unit, topology, integration against a real Kafka, PostgreSQL and Docker engine).
#   infra/dev/test.sh [extra mvn args]     e.g. infra/dev/test.sh -pl schemas
set -euo pipefail
cd "$(dirname "$0")/../.."

step() { printf '\n==> %s\n' "$*" >&2; }

infra/dev/setup.sh
step "mvn -B verify"
exec mvn -B verify "$@"

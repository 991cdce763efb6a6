#!/usr/bin/env bash
# The README's test command: does all set-up on a fresh machine of this kind, then runs every
# test tier (unit, topology, integration against a real Kafka, PostgreSQL and Docker engine, the
# small compose fleet of the fleet module).
#   infra/dev/test.sh [extra mvn args]     e.g. infra/dev/test.sh -pl schemas
# The whole command (no extra args) first starts building the fleet's images that need no jar
# (base, kafka, postgres, host, lb) in the background, so that they overlap the Maven build; the
# fleet module's own infra/images/build.sh waits for it (a lock), then builds what is still
# missing or failed, with its output. The background build's output: target/fleet-images-early.log.
set -euo pipefail
cd "$(dirname "$0")/../.."

step() { printf '\n==> %s\n' "$*" >&2; }

infra/dev/setup.sh
early=
if [ $# -eq 0 ]; then
  step "the fleet's images without jars, in the background (target/fleet-images-early.log)"
  mkdir -p target
  infra/images/build.sh base kafka postgres host lb >target/fleet-images-early.log 2>&1 &
  early=$!
fi
step "mvn -B verify"
status=0
mvn -B verify "$@" || status=$?
if [ -n "$early" ]; then
  # done unless Maven stopped before the fleet module: then wait rather than leave it running
  wait "$early" || printf '[test] the early image build failed: target/fleet-images-early.log\n' >&2
fi
exit "$status"

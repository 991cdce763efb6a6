#!/usr/bin/env bash
# The whole fleet suite: the compose fleet of infra/compose (3 brokers, 2 processors, 2 gateways
# behind a load balancer, 3 Docker hosts with their collectors) started for real from this
# checkout's jars, every test of the fleet module run against it, then removed.
#   infra/dev/fleet-test.sh [extra mvn args]
# The fleet module is behind the Maven profile `fleet` (not in the test command yet); this runs its
# *IntegrationTests and *FleetSuite tests. Only the fleet module's tests run (the other modules are
# packaged, not tested).
set -euo pipefail
cd "$(dirname "$0")/../.."

step() { printf '\n==> %s\n' "$*" >&2; }

step "Docker engine and docker-compose"
infra/dev/ensure-docker.sh
command -v docker-compose >/dev/null 2>&1 \
  || { printf '[fleet-test] ERROR: docker-compose is missing: install Debian'"'"'s docker-compose\n' >&2; exit 1; }
step "mvn -B -pl fleet -am verify (the images from the jars it packages, then the fleet)"
exec mvn -B -Pfleet -pl fleet -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test='Fleet*IntegrationTests,*FleetSuite' -Dfailsafe.failIfNoSpecifiedTests=false "$@"

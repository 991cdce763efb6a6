#!/usr/bin/env bash
# The whole fleet suite, from this checkout: the compose fleet of infra/compose (3 brokers,
# 2 processors, 2 gateways behind a load balancer, 3 Docker hosts with their collectors, the demo
# OpenID Connect issuer), every part real.
#   infra/dev/fleet-test.sh [extra mvn args]
# 1. the fleet module with the Maven profile `fleet` (the test command runs only its small fleet, for
#    the cost): images from the jars it packages, then its Fleet*IntegrationTests and *FleetSuite
#    tests against the full fleet, which they start and remove; only the fleet module's tests run
#    (the other modules are packaged, not tested). FaultsFleetSuite injects the seven faults one at a
#    time (a broker, a gateway, a processor killed; a collector killed and restarted; a host's engine
#    stopped 30 s; a host cut off from Kafka 30 s; PostgreSQL stopped 10 s) while every host writes
#    numbered lines, checks every line in PostgreSQL and at every client exactly once, in order, and
#    writes the figures to docs/benchmarks/fleet-faults.json (3 to 5 minutes a fault at load 60 to 80,
#    so about 40 minutes more with its own fleet start);
#    `-Dit.test=FaultsFleetSuite` runs only it, `-Denvstream.fleet.faults=GATEWAY_KILL,...` only those faults;
#    ScaleFleetSuite ramps 1 host, then 3, to the highest rate with every line at its client exactly once
#    and p99 <= 5 s (and the highest with p99 <= 1 s) through the load balancer, into
#    docs/benchmarks/fleet-scale.json (run it alone:
#    `-Dit.test=ScaleFleetSuite`);
# 2. a browser on the fleet: a fleet started with up.sh (project envstream-fleet-browser, 60-second
#    tokens), a person signs in at the issuer's login page through the load balancer, sees the
#    environments, runs a command in a terminal and follows logs across a token renewal
#    (e2e/src/test/browser/oidc-sign-in.browser-test.mjs, Debian's chromium); removed afterwards.
# Results of step 2 (screenshots, results.json) go to target/fleet-browser/.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)

step() { printf '\n==> %s\n' "$*" >&2; }
fail() { printf '[fleet-test] ERROR: %s\n' "$*" >&2; exit 1; }

step "Docker engine and docker-compose, chromium"
infra/dev/ensure-docker.sh
command -v docker-compose >/dev/null 2>&1 || fail "docker-compose is missing: install Debian's docker-compose"
infra/dev/ensure-chromium.sh

step "1/2 mvn -B -Pfleet -pl fleet -am verify (the images from the jars it packages, then the fleet)"
# -Dit.test: the -am modules' own integration tests do not run here
mvn -B -Pfleet -pl fleet -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test='Fleet*IntegrationTests,*FleetSuite' -Dfailsafe.failIfNoSpecifiedTests=false "$@"

step "2/2 a browser signs in on the fleet"
export ENVSTREAM_FLEET_PROJECT=envstream-fleet-browser ENVSTREAM_FLEET_TOKEN_LIFETIME=60s
export ENVSTREAM_FLEET_LB_PORT=${ENVSTREAM_FLEET_LB_PORT:-8580} ENVSTREAM_FLEET_ISSUER_PORT=${ENVSTREAM_FLEET_ISSUER_PORT:-8590}
artifacts=$repo/target/fleet-browser
rm -rf "$artifacts" && mkdir -p "$artifacts"
trap 'infra/compose/compose.sh logs --no-color --tail 300 >"$artifacts/fleet-logs.txt" 2>&1 || true; infra/compose/down.sh' EXIT
infra/compose/up.sh --no-build
# numbered lines (" seq=N"), which the script checks for gaps across the renewal
infra/compose/compose.sh exec -T host-2 docker run -d --name fleet-browser --label envstream.environment=fleet-browser \
  --label envstream.owner=fleet-test envstream/demo:local /bin/demo lines -r 10 -p fleet >/dev/null
(cd e2e/src/test/browser && npm ci --no-audit --no-fund --loglevel=error)
ENVSTREAM_URL=$(cat "infra/compose/.state/$ENVSTREAM_FLEET_PROJECT/url") ENVSTREAM_USER=admin ENVSTREAM_PASSWORD=admin-demo \
  ENVSTREAM_ENV=fleet-browser ENVSTREAM_ARTIFACTS=$artifacts node e2e/src/test/browser/oidc-sign-in.browser-test.mjs \
  || fail "the browser run on the fleet failed: $artifacts/results.json, screenshots and fleet-logs.txt there"
printf '[fleet-test] the browser run on the fleet passed: %s/results.json\n' "$artifacts" >&2

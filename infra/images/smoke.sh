#!/usr/bin/env bash
# Runs the images together for real and removes everything it started (infra/images/README.md):
# PostgreSQL, one Kafka node, the three apps and a demo environment on a user-defined network of
# their own; waits until every health check says healthy, then until a line the demo container
# printed comes back from the gateway's REST history (GET /api/v1/environments/{id}/logs).
#   infra/images/smoke.sh        (after infra/images/build.sh and infra/dev/build-demo-image.sh)
# ENVSTREAM_SMOKE_WAIT bounds each wait in seconds (default 300).
set -euo pipefail

log() { printf '[smoke] %s\n' "$*" >&2; }
fail() { log "ERROR: $*"; exit 1; }

wait_seconds=${ENVSTREAM_SMOKE_WAIT:-300}
run=envstream-smoke-$$
environment=smoke-$$
images=(envstream/postgres:local envstream/kafka:local envstream/collector:local
  envstream/stream-processor:local envstream/ws-gateway:local envstream/demo:local)
docker info >/dev/null 2>&1 || fail "no Docker engine answers: infra/dev/ensure-docker.sh installs and starts one"
for image in "${images[@]}"; do
  docker image inspect "$image" >/dev/null 2>&1 \
    || fail "$image is missing: infra/images/build.sh (and infra/dev/build-demo-image.sh for the demo image)"
done
command -v openssl >/dev/null 2>&1 || fail "openssl is missing: it signs the test token"
command -v curl >/dev/null 2>&1 || fail "curl is missing: it asks the gateway"

work=$(mktemp -d "${TMPDIR:-/tmp}/envstream-smoke.XXXXXX")
cleanup() {
  local status=$?
  if [ "$status" -ne 0 ]; then
    for container in $(docker ps -aq --filter "label=envstream.smoke=$run"); do
      log "last log lines of $(docker inspect -f '{{.Name}}' "$container"):"
      docker logs --tail 15 "$container" 2>&1 | sed 's/^/    /' >&2
    done
  fi
  log "removing the containers and the network of $run"
  docker ps -aq --filter "label=envstream.smoke=$run" | xargs -r docker rm -f >/dev/null
  docker network rm "$run" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# start NAME IMAGE [docker run options...] -- [command...]: a container on the run's network, NAME its alias
start() {
  local name=$1 image=$2
  shift 2
  local options=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do options+=("$1"); shift; done
  [ $# -eq 0 ] || shift
  docker run -d --name "$run-$name" --hostname "$name" --network "$run" --network-alias "$name" \
    --label "envstream.smoke=$run" "${options[@]}" "$image" "$@" >/dev/null
  log "started $name ($image)"
}

# waits until every named container's health check says healthy
wait_healthy() {
  local started=$SECONDS name state pending
  while :; do
    pending=()
    for name in "$@"; do
      state=$(docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$run-$name")
      [ "$state" = healthy ] || pending+=("$name:$state")
      [ "$(docker inspect -f '{{.State.Running}}' "$run-$name")" = true ] || fail "$name stopped"
    done
    [ ${#pending[@]} -gt 0 ] || break
    [ $((SECONDS - started)) -lt "$wait_seconds" ] || fail "not healthy within ${wait_seconds}s: ${pending[*]}"
    sleep 2
  done
  log "healthy after $((SECONDS - started))s: $*"
}

base64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# an RS256 token the gateway accepts with the public key it is given: admin of every environment
token() {
  local header payload now
  now=$(date +%s)
  header=$(printf '{"alg":"RS256","typ":"JWT"}' | base64url)
  payload=$(printf '{"sub":"smoke","iss":"https://envstream.local/issuer","aud":"envstream","iat":%d,"exp":%d,"scope":"envstream:admin"}' \
    "$now" $((now + 600)) | base64url)
  printf '%s.%s.%s' "$header" "$payload" \
    "$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$work/jwt.pem" -binary | base64url)"
}

started=$SECONDS
docker network create --label "envstream.smoke=$run" "$run" >/dev/null
log "network $run"
database_password=$(openssl rand -hex 12)
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/jwt.pem" 2>/dev/null
public_key=$(openssl pkey -in "$work/jwt.pem" -pubout -outform DER | openssl base64 -A)

start postgres envstream/postgres:local -e POSTGRES_USER=envstream -e POSTGRES_PASSWORD="$database_password" \
  -e POSTGRES_DB=envstream
start kafka envstream/kafka:local
wait_healthy postgres kafka

datasource=(-e SPRING_DATASOURCE_URL=jdbc:postgresql://postgres:5432/envstream
  -e SPRING_DATASOURCE_USERNAME=envstream -e SPRING_DATASOURCE_PASSWORD="$database_password")
socket_group=$(stat -c %g /var/run/docker.sock)
# the collector runs as envstream (10001) and reaches the engine through the socket's group
start collector envstream/collector:local -v /var/run/docker.sock:/var/run/docker.sock \
  --group-add "$socket_group" -e SPRING_KAFKA_BOOTSTRAP_SERVERS=kafka:9092 \
  -e ENVSTREAM_COLLECTOR_HOST_ID="$run" -e ENVSTREAM_COLLECTOR_LABEL_SELECTOR="envstream.smoke=$run"
start stream-processor envstream/stream-processor:local -e SPRING_KAFKA_BOOTSTRAP_SERVERS=kafka:9092 \
  "${datasource[@]}"
start ws-gateway envstream/ws-gateway:local -p 127.0.0.1::8080 -e SPRING_KAFKA_BOOTSTRAP_SERVERS=kafka:9092 \
  "${datasource[@]}" -e ENVSTREAM_GATEWAY_JWT_PUBLIC_KEY="$public_key"
start demo envstream/demo:local --label envstream.environment="$environment" --label envstream.owner=smoke \
  -- demo lines -r 2 -s 80 -p "$run"
wait_healthy collector stream-processor ws-gateway

gateway=$(docker port "$run-ws-gateway" 8080/tcp | head -n 1)
history="http://$gateway/api/v1/environments/$environment/logs?limit=100"
log "asking $history for the demo's lines"
waited=$SECONDS
until body=$(curl -fsS -H "Authorization: Bearer $(token)" "$history" 2>/dev/null) \
  && line=$(printf '%s' "$body" | grep -o "$run seq=[0-9]*" | head -n 1) && [ -n "$line" ]; do
  [ $((SECONDS - waited)) -lt "$wait_seconds" ] || fail "no line of $environment in the gateway's history within ${wait_seconds}s"
  sleep 2
done
log "the gateway's history holds the demo's line '$line' after $((SECONDS - waited))s"
log "images run as: $(for name in postgres kafka collector stream-processor ws-gateway; do
  printf '%s=%s ' "$name" "$(docker exec "$run-$name" id -un)"; done)"
log "passed in $((SECONDS - started))s"

#!/usr/bin/env bash
# Starts the envstream fleet of docker-compose.yml (README.md in this directory) and waits until
# it serves:
#   infra/compose/up.sh [--small] [--jars-built | --no-build]
# 1. builds the images that are missing or stale (infra/images/build.sh, given --jars-built if
#    passed; infra/dev/build-demo-image.sh); --no-build takes the images as they are (and fails
#    when one is missing);
# 2. makes the fleet's secrets once, in $ENVSTREAM_FLEET_STATE (default infra/compose/.state/<project>,
#    git-ignored): the issuer's secret for the program "fleet" (token.sh), the terminal agents'
#    master secret and each host's key derived from it (infra/dev/agent-key.sh), PostgreSQL's
#    password, the Kafka cluster id;
# 3. starts the hosts, then seeds their demo environments (host-N-web, host-N-worker: ids unique
#    across hosts) while
# 4. docker-compose up -d starts the rest; waits until every service's health check says healthy,
#    then until the API answers through the load balancer (HAProxy's own checks found a gateway up);
# 5. prints the load balancer's URL, where to sign in, and an admin token.
# --small: the small fleet of docker-compose.small.yml (the three hosts with their collectors, one
# Kafka broker, one stream-processor, one gateway behind the load balancer, PostgreSQL, the issuer),
# started in two waves without docker-compose's dependencies: Kafka, PostgreSQL, the issuer and the
# hosts, then the rest once Kafka and PostgreSQL are healthy. compose.sh and down.sh follow it.
# ENVSTREAM_FLEET_PROJECT: the compose project (default envstream-fleet); ENVSTREAM_FLEET_LB_PORT and
# ENVSTREAM_FLEET_ISSUER_PORT: the ports of 127.0.0.1 the load balancer and the issuer are
# published on (default 8480 and 8490; browsers use http://localhost:PORT, the issuer's address);
# ENVSTREAM_FLEET_TOKEN_LIFETIME: the issuer's access-token lifetime (default 5m);
# ENVSTREAM_FLEET_WAIT: seconds to wait for health (default 900). Idempotent: a second run keeps what runs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
project=${ENVSTREAM_FLEET_PROJECT:-envstream-fleet}
state=${ENVSTREAM_FLEET_STATE:-$here/.state/$project}
export ENVSTREAM_FLEET_PROJECT=$project ENVSTREAM_FLEET_STATE=$state
wait_seconds=${ENVSTREAM_FLEET_WAIT:-900}
hosts=(host-1 host-2 host-3)

log() { printf '[fleet] %s\n' "$*" >&2; }
fail() { log "ERROR: $*"; exit 1; }
compose() { "$here/compose.sh" "$@"; }

build_args=() build=yes size=full
for option in "$@"; do
  case "$option" in
    --small) size=small ;;
    --jars-built) build_args=(--jars-built) ;;
    --no-build) build= ;;
    *) fail "usage: $0 [--small] [--jars-built | --no-build]" ;;
  esac
done

command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1 \
  || fail "no Docker engine answers: infra/dev/ensure-docker.sh installs and starts one"
command -v docker-compose >/dev/null 2>&1 \
  || fail "docker-compose is missing: infra/dev/ensure-docker.sh installs Debian's docker-compose (or: apt-get install docker-compose)"
command -v openssl >/dev/null 2>&1 || fail "openssl is missing: it makes the fleet's keys"

started=$SECONDS
log "1/5 images"
if [ -n "$build" ]; then
  "$repo/infra/images/build.sh" "${build_args[@]}"
  "$repo/infra/dev/build-demo-image.sh"
else
  for image in base kafka postgres collector stream-processor ws-gateway issuer host lb demo; do
    docker image inspect "envstream/$image:local" >/dev/null 2>&1 \
      || fail "envstream/$image:local is missing: run up.sh without --no-build (or infra/images/build.sh)"
  done
  log "--no-build: the images as they are"
fi

log "2/5 secrets in $state"
mkdir -p "$state"
chmod 0700 "$state"
if [ ! -s "$state/fleet.env" ]; then
  agent_secret=$(openssl rand -hex 32)
  {
    printf 'ENVSTREAM_FLEET_PROGRAM_SECRET=%s\n' "$(openssl rand -hex 24)"
    printf 'ENVSTREAM_FLEET_AGENT_SECRET=%s\n' "$agent_secret"
    for host in "${hosts[@]}"; do
      printf 'ENVSTREAM_FLEET_AGENT_KEY_%s=%s\n' "$(printf '%s' "$host" | tr 'a-z-' 'A-Z_')" \
        "$(ENVSTREAM_AGENT_SECRET=$agent_secret "$repo/infra/dev/agent-key.sh" "$host")"
    done
    printf 'ENVSTREAM_FLEET_POSTGRES_PASSWORD=%s\n' "$(openssl rand -hex 16)"
    # a KRaft cluster id: 16 random bytes, base64url without padding
    printf 'ENVSTREAM_FLEET_KAFKA_CLUSTER_ID=%s\n' "$(openssl rand 16 | openssl base64 -A | tr '+/' '-_' | tr -d '=')"
  } >"$state/fleet.env.new"
  mv "$state/fleet.env.new" "$state/fleet.env"
  log "made new secrets"
fi
# a state made before the fleet ran its issuer has no program secret yet
grep -q '^ENVSTREAM_FLEET_PROGRAM_SECRET=' "$state/fleet.env" \
  || printf 'ENVSTREAM_FLEET_PROGRAM_SECRET=%s\n' "$(openssl rand -hex 24)" >>"$state/fleet.env"
# the published ports may change from one start to the next
lb_port=${ENVSTREAM_FLEET_LB_PORT:-8480} issuer_port=${ENVSTREAM_FLEET_ISSUER_PORT:-8490}
[[ $lb_port =~ ^[0-9]+$ && $issuer_port =~ ^[0-9]+$ ]] || fail "ENVSTREAM_FLEET_LB_PORT and ENVSTREAM_FLEET_ISSUER_PORT are port numbers"
sed -i '/^ENVSTREAM_FLEET_LB_PORT=/d; /^ENVSTREAM_FLEET_ISSUER_PORT=/d; /^ENVSTREAM_FLEET_SIZE=/d' "$state/fleet.env"
# ENVSTREAM_FLEET_SIZE tells compose.sh whether to add docker-compose.small.yml
printf 'ENVSTREAM_FLEET_LB_PORT=%s\nENVSTREAM_FLEET_ISSUER_PORT=%s\nENVSTREAM_FLEET_SIZE=%s\n' "$lb_port" "$issuer_port" "$size" >>"$state/fleet.env"

# lb_status: the HTTP status of GET / through the load balancer (the web UI's page), or nothing
lb_status() {
  ( exec 3<>"/dev/tcp/127.0.0.1/$lb_port" && printf 'GET / HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3 \
    && timeout 5 head -n 1 <&3 ) 2>/dev/null | awk '{ print $2 }' || true
}

# wait_balanced: the load balancer says healthy once HAProxy runs, and answers 503 until its own
# checks (every 3 s, two in a row) find a gateway up; a client must not meet that window
wait_balanced() {
  local waited=$SECONDS status
  while status=$(lb_status); [ "$status" != 200 ]; do
    if [ $((SECONDS - waited)) -ge "$wait_seconds" ]; then
      compose logs --tail 20 lb >&2 || true
      fail "the load balancer reached no gateway within ${wait_seconds}s (GET / answered '${status}'; its last lines above)"
    fi
    sleep 1
  done
  log "the load balancer reaches a gateway after $((SECONDS - waited))s"
}

# wait_healthy SERVICE...: waits until each service's container says healthy (or runs, without a
# health check); fails with its last log lines when one stops or the wait runs out
wait_healthy() {
  local waited=$SECONDS last_report= report service container status health pending
  while :; do
    pending=()
    for service in "$@"; do
      # docker, not docker-compose, in the loop: much quicker on a loaded machine
      container=$(docker ps -aq --filter "label=com.docker.compose.project=$project" \
        --filter "label=com.docker.compose.service=$service" | head -n 1)
      [ -n "$container" ] || fail "$service has no container"
      read -r status health < <(docker inspect -f \
        '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' "$container")
      case "$status/$health" in
        running/healthy | running/none) ;;
        exited/* | dead/*) compose logs --tail 30 "$service" >&2 || true; fail "$service stopped ($status): its last lines above" ;;
        *) pending+=("$service:$health") ;;
      esac
    done
    [ ${#pending[@]} -gt 0 ] || break
    if [ $((SECONDS - waited)) -ge "$wait_seconds" ]; then
      for entry in "${pending[@]}"; do compose logs --tail 20 "${entry%%:*}" >&2 || true; done
      fail "not healthy within ${wait_seconds}s: ${pending[*]} (last lines above; ENVSTREAM_FLEET_WAIT waits longer)"
    fi
    report="waiting for ${#pending[@]}: ${pending[*]}"
    if [ "$report" != "$last_report" ]; then log "$report ($((SECONDS - waited))s)"; last_report=$report; fi
    sleep 3
  done
  log "healthy after $((SECONDS - waited))s: $*"
}

# seed_demos HOST: the demo image in the host's engine, and its demo environments running
seed_demos() {
  local host=$1 engine demo id
  engine=$(docker ps -q --filter "label=com.docker.compose.project=$project" --filter "label=com.docker.compose.service=$host")
  if [ "$(docker exec "$engine" docker image inspect -f '{{.Id}}' envstream/demo:local 2>/dev/null)" != "$demo_image" ]; then
    docker save envstream/demo:local | docker exec -i "$engine" docker load >/dev/null \
      || fail "could not load envstream/demo:local into $host"
  fi
  for demo in "web:web -r 2" "worker:worker -i 5"; do
    id="$host-${demo%%:*}"
    if ! docker exec "$engine" docker inspect "$id" >/dev/null 2>&1; then
      # shellcheck disable=SC2086 # the command is words on purpose
      docker exec "$engine" docker run -d --name "$id" --restart unless-stopped \
        --label envstream.environment="$id" --label envstream.owner=demo \
        envstream/demo:local /bin/demo ${demo#*:} >/dev/null || fail "could not start $id on $host"
    fi
  done
  log "$host: demo environments $host-web and $host-worker run"
}

if [ "$size" = small ]; then
  # what the others need first, without docker-compose's dependencies (which name the full fleet's
  # brokers), then the rest once Kafka and PostgreSQL are healthy
  first=("${hosts[@]}" kafka-1 postgres issuer) needed=(kafka-1 postgres)
  rest=(stream-processor-1 gateway-1 lb collector-1 collector-2 collector-3) up_rest=(--no-deps "${rest[@]}")
else
  first=("${hosts[@]}") needed=() rest=() up_rest=()
fi
log "3/5 the hosts first (docker-compose up, project $project, $size fleet), their demo environments while the rest starts"
compose up -d --no-build --no-deps "${first[@]}" 2>&1 | sed 's/^/    /' >&2 || fail "docker-compose up of the hosts failed (above)"
wait_healthy "${hosts[@]}"
demo_image=$(docker image inspect -f '{{.Id}}' envstream/demo:local)
seeding=()
for host in "${hosts[@]}"; do
  seed_demos "$host" &
  seeding+=($!)
done

# what docker-compose does not say when it gives up: which container, and its last lines
explain_unhealthy() {
  local container
  for container in $(docker ps -aq --filter "label=com.docker.compose.project=$project" --filter health=unhealthy); do
    log "$(docker inspect -f '{{index .Config.Labels "com.docker.compose.service"}} ({{slice .Id 0 12}}) is unhealthy; its last health checks and log lines:' "$container")"
    docker inspect -f '{{range .State.Health.Log}}    {{.End}} exit {{.ExitCode}} {{.Output}}{{"\n"}}{{end}}' "$container" | tail -n 5 >&2
    docker logs --tail 20 "$container" 2>&1 | sed 's/^/    /' >&2
  done
}

log "4/5 docker-compose up: everything else"
[ ${#needed[@]} -eq 0 ] || wait_healthy "${needed[@]}"
compose up -d --no-build "${up_rest[@]}" 2>&1 | sed 's/^/    /' >&2 || { explain_unhealthy; fail "docker-compose up failed (above)"; }
for pid in "${seeding[@]}"; do
  wait "$pid" || fail "the demo environments of a host did not start (above)"
done
if [ "$size" = small ]; then
  services=("${first[@]}" "${rest[@]}")
else
  # shellcheck disable=SC2207 # service names have no spaces
  services=($(compose config --services))
fi
wait_healthy "${services[@]}"
wait_balanced

log "5/5 ready after $((SECONDS - started))s"
# localhost, not 127.0.0.1: the issuer sends the browser back to the address it registered
printf 'http://localhost:%s\n' "$lb_port" >"$state/url"
cat >&2 <<INFO
[fleet] the web UI and the API, through the load balancer: http://localhost:$lb_port/
[fleet] sign in at the demo issuer (http://localhost:$issuer_port) as ann, bob or admin (passwords in issuer/README.md)
[fleet] an admin token for scripts (infra/compose/token.sh makes more):
$("$here/token.sh")
[fleet] infra/compose/compose.sh ps|logs|exec ... works on this fleet; infra/compose/down.sh removes it
INFO

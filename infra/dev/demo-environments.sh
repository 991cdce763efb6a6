#!/usr/bin/env bash
# Starts the three demo environments on the local Docker engine (image envstream/demo:local, see
# infra/demo-image/demo), labelled envstream.environment=<id> and owned by the user "demo":
#   demo-web      a chatty web service: coloured access-log lines on stdout, WARN/ERROR on stderr
#   demo-worker   a quiet worker: one line every few seconds
#   demo-crasher  crashes (exit 1) every minute; Docker's restart policy brings it back
# Idempotent: a demo container that runs the current image with the same command is kept, any
# other (an older image, another command, stopped) is replaced.
#   infra/dev/demo-environments.sh            start or keep them
#   infra/dev/demo-environments.sh --remove   remove them
set -euo pipefail

image=${ENVSTREAM_DEMO_IMAGE:-envstream/demo:local}
log() { printf '[demo-environments] %s\n' "$*" >&2; }

demos=(demo-web demo-worker demo-crasher)
command_of() {
  case "$1" in
    demo-web) echo "web -r 5" ;;
    demo-worker) echo "worker -i 5" ;;
    demo-crasher) echo "crasher -a 60" ;;
  esac
}

if [ "${1:-}" = --remove ]; then
  for id in "${demos[@]}"; do
    docker rm -f "envstream-$id" >/dev/null 2>&1 && log "removed envstream-$id" || true
  done
  exit 0
fi
[ $# -eq 0 ] || { log "usage: $0 [--remove]"; exit 64; }

want_image=$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null) \
  || { log "ERROR: no $image; infra/dev/build-demo-image.sh builds it"; exit 1; }
for id in "${demos[@]}"; do
  name="envstream-$id"
  command=$(command_of "$id")
  have=$(docker inspect -f '{{.Image}}|{{.State.Status}}|{{index .Config.Labels "envstream.demo.command"}}' "$name" 2>/dev/null || true)
  case "$have" in
    "$want_image|running|$command" | "$want_image|restarting|$command")
      log "$id: kept ($name, ${have#*|})"
      continue ;;
    "") ;;
    *) docker rm -f "$name" >/dev/null ;;
  esac
  # shellcheck disable=SC2086 # the command is words on purpose
  docker run -d --name "$name" --restart unless-stopped \
    --label "envstream.environment=$id" --label envstream.owner=demo \
    --label "envstream.demo.command=$command" \
    "$image" /bin/demo $command >/dev/null
  log "$id: started ($name: demo $command)"
done

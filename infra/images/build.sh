#!/usr/bin/env bash
# Builds envstream's container images without any registry (infra/images/README.md):
#   infra/images/build.sh [--jars-built] [IMAGE...]
#   IMAGE: base collector stream-processor ws-gateway issuer alerts kafka postgres host lb (default: all)
# --jars-built: take the apps' jars already in */target instead of running `mvn package` (for a
# Maven build that has just packaged them, such as the fleet module's). envstream/base:local is a Debian
# bookworm root file system made by debootstrap from the Debian mirror this machine's apt sources
# name (or ENVSTREAM_DEBIAN_MIRROR) and imported with `docker import`; the others are Dockerfiles
# FROM the base. Every image carries the checksum of its inputs as the label envstream.image.checksum,
# and an image whose checksum matches is skipped, so a second run builds nothing. One build.sh at a
# time on this machine: a second one waits for the first (a lock), then skips what it built.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
suite=bookworm
checksum_label=envstream.image.checksum
all=(base collector stream-processor ws-gateway issuer alerts kafka postgres host lb)

log() { printf '[build-images] %s\n' "$*" >&2; }
fail() { log "ERROR: $*"; exit 1; }

image_checksum() { docker image inspect -f "{{index .Config.Labels \"$checksum_label\"}}" "$1" 2>/dev/null || true; }
image_id() { docker image inspect -f '{{.Id}}' "$1"; }
# first 16 hex digits of the sha256 of stdin
digest() { sha256sum | cut -c1-16; }

# quietly WHAT COMMAND...: runs COMMAND with its output in a log file, shown (the end of it) only
# when it fails
quietly() {
  local what=$1 output
  shift
  output="$scratch/$(printf '%s' "$what" | tr -c 'a-zA-Z0-9' '-').log"
  "$@" >"$output" 2>&1 || { tail -n 30 "$output" >&2; fail "$what failed (its last lines above)"; }
}

# true when IMAGE already carries CHECKSUM; says so
is_current() {
  if [ "$(image_checksum "$1")" = "$2" ]; then
    log "$1 is up to date (checksum $2): skipped"
    return 0
  fi
  log "building $1 (checksum $2)"
  return 1
}

# the image a rebuild replaced is left untagged: remove it unless a container still uses it
remove_replaced() {
  if [ -n "$2" ] && [ "$2" != "$(image_id "$1")" ]; then
    docker image rm "$2" >/dev/null 2>&1 || true
  fi
}

# the URI of the apt source that serves SUITE, one-line (deb URI SUITE ...) or deb822 (URIs:/Suites:)
debian_mirror() {
  local files
  files=$(ls /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
  [ -n "$files" ] || return 0
  # shellcheck disable=SC2086 # the file list is split on purpose
  awk -v suite="$1" '
    /^[[:space:]]*deb[[:space:]]/ { sub(/\[[^]]*\]/, ""); if ($3 == suite) { print $2; exit } }
    /^[[:space:]]*$/ { uris = ""; found = 0 }
    /^URIs:/ { uris = $2 }
    /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == suite) found = 1 }
    uris != "" && found { print uris; exit }
  ' $files
}

ensure_debootstrap() {
  command -v debootstrap >/dev/null 2>&1 && return 0
  [ "$(id -u)" -eq 0 ] && [ -r /etc/debian_version ] \
    || fail "debootstrap is missing: install Debian's debootstrap (as root: apt-get install debootstrap)"
  log "installing debootstrap (apt-get)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >&2 \
    || { apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >&2; }
}

# debootstrap ROOTFS with PACKAGES (comma-separated), from the machine's Debian mirror
bootstrap() {
  local rootfs=$1 packages=$2 mirror started
  ensure_debootstrap
  [ "$(id -u)" -eq 0 ] || fail "debootstrap needs root"
  mirror=${ENVSTREAM_DEBIAN_MIRROR:-$(debian_mirror "$suite")}
  [ -n "$mirror" ] || fail "no apt source of this machine serves $suite: set ENVSTREAM_DEBIAN_MIRROR to a Debian mirror"
  log "debootstrap $suite ($packages) from $mirror: a few minutes"
  started=$SECONDS
  quietly debootstrap debootstrap --variant=minbase --include="$packages" "$suite" "$rootfs" "$mirror"
  # no package lists or downloaded packages in the image
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  log "debootstrap done in $((SECONDS - started))s"
}

# import ROOTFS as IMAGE, with docker import --change arguments after
import_rootfs() {
  local rootfs=$1 image=$2
  shift 2
  tar -C "$rootfs" -c . | docker import "$@" - "$image" >/dev/null
}

# docker build CONTEXT as IMAGE with CHECKSUM, then build arguments
build_context() {
  local context=$1 image=$2 checksum=$3
  shift 3
  quietly "docker build of $image" docker build --label "$checksum_label=$checksum" "$@" -t "$image" "$context"
}

base_checked=
build_base() {
  local image=envstream/base:local checksum previous rootfs
  [ -z "$base_checked" ] || return 0
  base_checked=yes
  checksum=$( (declare -f build_base; cat "$here/base/http-health") | digest)
  is_current "$image" "$checksum" && return 0
  previous=$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null || true)
  rootfs="$scratch/base"
  bootstrap "$rootfs" openjdk-17-jre-headless
  install -m 0755 "$here/base/http-health" "$rootfs/usr/local/bin/http-health"
  # the apps' user; the collector adds the Docker socket's group at run time (README)
  chroot "$rootfs" useradd --uid 10001 --user-group --no-create-home --home-dir /nonexistent \
    --shell /usr/sbin/nologin envstream
  import_rootfs "$rootfs" "$image" \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change "LABEL $checksum_label=$checksum" \
    --change 'CMD ["/bin/bash"]'
  rm -rf "$rootfs"
  log "built $image ($(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%d MB", $1 / 1e6}'))"
  remove_replaced "$image" "$previous"
}

app_jars_built=
build_app_jars() {
  [ -z "$app_jars_built" ] || return 0
  if [ -n "$jars_built" ]; then
    log "taking the apps' jars in */target as they are (--jars-built)"
    app_jars_built=yes
    return 0
  fi
  log "packaging the apps' jars: mvn -pl collector,stream-processor,ws-gateway,issuer,alerts -am package -DskipTests"
  quietly "mvn package" mvn -B -q -f "$repo/pom.xml" -pl collector,stream-processor,ws-gateway,issuer,alerts -am package \
    -DskipTests
  app_jars_built=yes
}

# build_app MODULE PORT HEALTH_PORT
build_app() {
  local module=$1 port=$2 health_port=$3 image="envstream/$1:local" jar checksum previous context
  build_app_jars
  jar=$(compgen -G "$repo/$module/target/*-exec.jar" | head -n 1 || true)
  [ -n "$jar" ] || fail "no Spring Boot jar in $module/target${jars_built:+ (--jars-built: package the apps first)}"
  checksum=$( (image_id envstream/base:local; declare -f build_app; cat "$here/app/Dockerfile" "$jar") | digest)
  is_current "$image" "$checksum" && return 0
  previous=$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null || true)
  context="$scratch/$module"
  mkdir -p "$context"
  cp "$here/app/Dockerfile" "$context/"
  cp "$jar" "$context/app.jar"
  build_context "$context" "$image" "$checksum" --build-arg PORT="$port" --build-arg HEALTH_PORT="$health_port"
  log "built $image"
  remove_replaced "$image" "$previous"
}

build_kafka() {
  local image=envstream/kafka:local checksum previous context
  checksum=$( (image_id envstream/base:local; declare -f build_kafka; cat "$here"/kafka/*) | digest)
  is_current "$image" "$checksum" && return 0
  previous=$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null || true)
  context="$scratch/kafka"
  mkdir -p "$context"
  cp "$here"/kafka/Dockerfile "$here"/kafka/kafka-entrypoint "$context/"
  log "resolving the kafka_2.13 classpath (mvn -f infra/images/kafka/pom.xml dependency:copy-dependencies)"
  quietly "resolving the Kafka artifacts" mvn -B -q -f "$here/kafka/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$context/libs"
  build_context "$context" "$image" "$checksum"
  log "built $image"
  remove_replaced "$image" "$previous"
}

# build_on_base NAME: envstream/NAME:local from infra/images/NAME (a Dockerfile FROM the base that
# adds Debian packages with apt-get, from the mirror the base was bootstrapped from)
build_on_base() {
  local name=$1 image="envstream/$1:local" checksum previous
  checksum=$( (image_id envstream/base:local; declare -f build_on_base; cat "$here/$name"/*) | digest)
  is_current "$image" "$checksum" && return 0
  previous=$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null || true)
  build_context "$here/$name" "$image" "$checksum"
  log "built $image ($(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%d MB", $1 / 1e6}'))"
  remove_replaced "$image" "$previous"
}

command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1 \
  || fail "no Docker engine answers: infra/dev/ensure-docker.sh installs and starts one"

jars_built=
if [ "${1:-}" = --jars-built ]; then
  jars_built=yes
  shift
fi
wanted=("$@")
[ ${#wanted[@]} -gt 0 ] || wanted=("${all[@]}")
for name in "${wanted[@]}"; do
  [[ " ${all[*]} " == *" $name "* ]] || fail "unknown image '$name': one of ${all[*]}"
done
# the images are the engine's, shared by every checkout on this machine
lock=/tmp/envstream-images.lock
exec 9>>"$lock"
if ! flock -n 9; then
  log "another build.sh is building images (lock $lock): waiting for it"
  flock 9
fi
scratch=$(mktemp -d "${TMPDIR:-/tmp}/envstream-images.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

started=$SECONDS
for name in "${wanted[@]}"; do
  # the other images are built FROM the base: it must exist (and be current) first
  [ "$name" = base ] || build_base
  case "$name" in
    base) build_base ;;
    collector) build_app collector 8081 8081 ;;
    stream-processor) build_app stream-processor 8082 8082 ;;
    ws-gateway) build_app ws-gateway 8080 8089 ;;
    issuer) build_app issuer 9000 9000 ;;
    alerts) build_app alerts 8084 8084 ;;
    kafka) build_kafka ;;
    host | lb | postgres) build_on_base "$name" ;;
  esac
done
log "done in $((SECONDS - started))s: $(for name in "${wanted[@]}"; do printf 'envstream/%s:local ' "$name"; done)"

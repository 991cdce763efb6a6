#!/usr/bin/env bash
# Builds the demo image envstream/demo:local without any registry: a rootfs made of Debian's
# busybox-static and infra/demo-image/demo, imported with `docker import`.
# Quick when the image already exists and matches the demo script (tagged with its checksum).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
demo="$here/../demo-image/demo"
image=${ENVSTREAM_DEMO_IMAGE:-envstream/demo:local}
log() { printf '[build-demo-image] %s\n' "$*" >&2; }

busybox=/bin/busybox
dpkg -s busybox-static >/dev/null 2>&1 && [ -x "$busybox" ] \
  || { log "ERROR: Debian's busybox-static is not installed; infra/dev/ensure-docker.sh installs it"; exit 1; }

# contents only: the same files in another clone give the same checksum
checksum=$(cat "$demo" "$busybox" | sha256sum | cut -c1-16)
if [ "$(docker image inspect -f '{{index .Config.Labels "envstream.demo.checksum"}}' "$image" 2>/dev/null)" = "$checksum" ]; then
  log "$image is up to date"
  exit 0
fi

previous=$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null || true)
rootfs=$(mktemp -d)
trap 'rm -rf "$rootfs"' EXIT
mkdir -p "$rootfs"/{bin,sbin,usr/bin,usr/sbin,tmp,proc,sys,dev,etc,root}
cp "$busybox" "$rootfs/bin/busybox"
for applet in $("$busybox" --list-full); do
  [ -e "$rootfs/$applet" ] || ln -s /bin/busybox "$rootfs/$applet"
done
install -m 0755 "$demo" "$rootfs/bin/demo"
echo 'root:x:0:0:root:/root:/bin/sh' > "$rootfs/etc/passwd"
echo 'root:x:0:' > "$rootfs/etc/group"
chmod 1777 "$rootfs/tmp"

log "importing $image"
tar -C "$rootfs" -c . | docker import \
  --change 'CMD ["/bin/demo","idle"]' \
  --change 'ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin' \
  --change "LABEL envstream.demo.checksum=$checksum" \
  - "$image" >/dev/null
log "built $image"
# the image it replaces is left untagged; remove it unless a container still uses it
if [ -n "$previous" ] && [ "$previous" != "$(docker image inspect -f '{{.Id}}' "$image")" ]; then
  docker image rm "$previous" >/dev/null 2>&1 || true
fi

#!/usr/bin/env bash
# The README's run command: envstream standalone (one JVM with a real KRaft Kafka broker, embedded
# PostgreSQL and the collector, stream-processor and ws-gateway) and three demo environments.
#   infra/dev/run-standalone.sh [--envstream.standalone.gateway-port=9080 ...]
# 1. sets up what is missing: the Docker engine and the demo image (infra/dev/setup.sh);
# 2. builds standalone when its jar is missing or older than any source (mvn package without
#    tests, one line per module shown; the whole output in <data-dir>/build.log);
# 3. starts standalone (its log in <data-dir>/standalone.log) and the demo environments
#    (infra/dev/demo-environments.sh: idempotent);
# 4. prints the URL, how to sign in and how to expose the apps beyond this machine, then waits. Ctrl-C
#    or SIGTERM stops the apps, then the broker, then PostgreSQL: nothing is lost, the next run resumes.
#    The demo containers stay. After a crash (kill -9), running it again is enough: standalone stops the
#    PostgreSQL its predecessor left running on the data directory before it starts its own.
# The apps listen on 127.0.0.1 only, unless --envstream.standalone.bind-address=0.0.0.0 (or one address)
# says otherwise; the broker and PostgreSQL always do.
# Data is kept in ./var of the repository (envstream.standalone.data-dir). Arguments go to
# standalone; ENVSTREAM_JAVA_OPTS sets the JVM options (default -Xmx640m).
set -euo pipefail
cd "$(dirname "$0")/../.."

log() { printf '[run-standalone] %s\n' "$*" >&2; }
step() { printf '\n==> %s\n' "$*" >&2; }
began=$SECONDS

data_dir=var
for arg in "$@"; do
  case "$arg" in --envstream.standalone.data-dir=*) data_dir=${arg#*=} ;; esac
done
mkdir -p "$data_dir"

step "set-up"
infra/dev/setup.sh

jar() { compgen -G 'standalone/target/envstream-standalone-*-exec.jar' | head -n 1 || true; }

stale_sources() {
  find pom.xml schemas collector stream-processor ws-gateway standalone web-ui clients \
    \( -name target -o -name node_modules \) -prune -o \
    \( -name pom.xml -o -path '*/src/main/*' -o -path 'web-ui/*' -o -path 'clients/*' \) \
    -type f -newer "$1" -print -quit 2>/dev/null
}

# Maven's output condensed to one line per module, with the time since the build began
build() {
  local build_log=$data_dir/build.log started=$SECONDS
  log "mvn -B -ntp -pl standalone -am package -DskipTests -Dmaven.test.skip (output in $build_log)"
  # the run command runs no test: maven.test.skip does not even compile them
  if ! mvn -B -ntp -pl standalone -am package -DskipTests -Dmaven.test.skip 2>&1 | tee "$build_log" \
    | awk -v began="$(date +%s)" '
        /^\[INFO\] Building .* \[[0-9]+\/[0-9]+\]$/ {
          name = $0; sub(/^\[INFO\] Building /, "", name); sub(/ +\[[0-9]+\/[0-9]+\]$/, "", name)
          sub(/ [^ ]+$/, "", name)
          count = $NF
          printf "[run-standalone]   %-7s %s (%d s)\n", count, name, systime() - began > "/dev/stderr"; fflush("/dev/stderr")
        }'; then
    log "ERROR: the build failed; the end of $build_log:"
    tail -n 40 "$build_log" >&2
    exit 1
  fi
  log "built in $((SECONDS - started)) s"
}

step "build"
built=$(jar)
if [ -z "$built" ]; then
  log "no standalone jar yet: building (a few minutes the first time)"
  build
elif [ -n "$(stale_sources "$built")" ]; then
  log "sources changed since $built was built: rebuilding"
  build
else
  log "$built is up to date"
fi
built=$(jar)
[ -n "$built" ] || { log "ERROR: the build produced no standalone/target/envstream-standalone-*-exec.jar"; exit 1; }

step "start"
standalone_log=$data_dir/standalone.log
[ ! -f "$standalone_log" ] || mv "$standalone_log" "$standalone_log.1"
# the JVM's default heap is a quarter of the machine's memory, and G1 keeps what it once took: the
# apps hold about 250 MB live when idle, so 640 MB leaves room and keeps the process near 1 GiB
# shellcheck disable=SC2086 # ENVSTREAM_JAVA_OPTS holds several options
java ${ENVSTREAM_JAVA_OPTS:--Xmx640m} -jar "$built" "$@" >"$standalone_log" 2>&1 &
pid=$!
stop() {
  trap - INT TERM
  log "stopping standalone (pid $pid): the apps, then Kafka, then PostgreSQL"
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  log "stopped; the demo containers keep running (infra/dev/demo-environments.sh --remove removes them)"
  exit 130
}
# a background job of a script ignores Ctrl-C: forward it as the SIGTERM standalone stops cleanly on
trap stop INT TERM
log "standalone pid $pid, log in $standalone_log"

# the demo containers start beside the JVM: the collector reads each log from its start anyway
infra/dev/demo-environments.sh

seen=0
until grep -q 'envstream standalone is up in' "$standalone_log"; do
  if ! kill -0 "$pid" 2>/dev/null; then
    wait "$pid" || true
    log "ERROR: standalone stopped while starting; the end of $standalone_log:"
    tail -n 40 "$standalone_log" >&2
    exit 1
  fi
  lines=$(wc -l <"$standalone_log")
  if [ "$lines" -gt "$seen" ]; then
    sed -n "$((seen + 1)),${lines}p" "$standalone_log" \
      | grep -oE 'Starting (the embedded Kafka broker|embedded PostgreSQL|stream-processor|ws-gateway|collector)$' \
      | while read -r line; do log "  $line ($((SECONDS - began)) s)"; done || true
    seen=$lines
  fi
  sleep 0.5
done

# what standalone reported: the gateway's URL and where tokens come from
gateway=$(grep -oE '^  ws-gateway +http://[^ ]+' "$standalone_log" | tail -n 1 | awk '{print $2}')
tokens=$(grep -E '^  tokens ' "$standalone_log" | tail -n 1 | sed -E 's/^  tokens +//')
token_args=
[ "$data_dir" = var ] || token_args=" --envstream.standalone.data-dir=$data_dir"

step "envstream is up, $((SECONDS - began)) s after this command started"
printf '  web UI             %s/\n' "$gateway" >&2
if [[ $tokens == sign\ in* ]]; then
  printf '  sign in            %s/signin  (user "demo" owns the demo environments; tick Admin to see every one)\n' "$gateway" >&2
fi
if [[ $tokens == *token\ command* ]]; then
  printf '  or with a token    infra/dev/token.sh demo%s   then %s/#token=<token>\n' "$token_args" "$gateway" >&2
else
  printf '  tokens             %s\n' "$tokens" >&2
fi
printf '  demo environments  demo-web (chatty, colours, stderr), demo-worker (quiet), demo-crasher (crashes every minute)\n' >&2
printf '  standalone log     %s\n' "$standalone_log" >&2
if [[ $gateway == http://127.0.0.1:* ]]; then
  # sign-in has no password: whoever reaches the port may take a token, so exposing it is a choice
  printf '  listening on       127.0.0.1 only; to let other machines in, run again with\n' >&2
  printf '                     --envstream.standalone.bind-address=0.0.0.0 (anyone who reaches the port can sign in)\n' >&2
fi
printf 'Ctrl-C stops envstream.\n' >&2

wait "$pid"

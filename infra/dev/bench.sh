#!/usr/bin/env bash
# Runs the benchmarks (every *Benchmark class, never part of the test command), then renders
# docs/benchmarks/*.json into docs/benchmarks.md (and the end-to-end results into README.md).
#   infra/dev/bench.sh                         all benchmarks
#   infra/dev/bench.sh -Dit.test=PersisterBenchmark -pl stream-processor -am   one of them
#   infra/dev/bench.sh e2e                     the end-to-end suite only (~15 min; see e2e/README.md)
#   infra/dev/bench.sh e2e -Dbench.e2e.scale=quick -Dbench.e2e.scenarios=latency   a small try
set -euo pipefail
cd "$(dirname "$0")/../.."

step() { printf '\n==> %s\n' "$*" >&2; }

render() {
  step "render docs/benchmarks.md and the README's end-to-end results"
  # built in one reactor with the schemas jar it needs (nothing of envstream is installed in ~/.m2
  # on a fresh machine, so exec:java in test-support alone cannot resolve it)
  local classpath=test-support/target/render.classpath
  mvn -B -q -pl test-support -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile="$PWD/$classpath" -Dmdep.includeScope=runtime
  java -cp "test-support/target/classes:$(cat "$classpath")" io.envstream.testsupport.bench.RenderBenchmarks
}

if [ "${1:-}" = e2e ]; then
  shift
  infra/dev/ensure-docker.sh
  # the generator (demo stamped) of this tree, under a tag of its own: another clone building
  # envstream/demo:local from an older script cannot take it away in the middle of a run
  export ENVSTREAM_DEMO_IMAGE=envstream/demo:bench-e2e
  infra/dev/build-demo-image.sh
  # 10k idle connections: the gateway and the client fleet each hold one descriptor per connection
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  [ "$(ulimit -n)" = unlimited ] || [ "$(ulimit -n)" -ge 12000 ] \
    || { echo "ulimit -n is $(ulimit -n); the idle-connection scenario needs at least 12000" >&2; exit 1; }
  step "end-to-end benchmarks (the three apps' exec jars are built in the same reactor)"
  mvn -B -Pbench clean verify -pl collector,stream-processor,ws-gateway,e2e -am -Dit.test=EndToEndBenchmark "$@"
  render
  exit 0
fi

infra/dev/setup.sh
# the gateway's connection churn holds 10k idle connections in a child JVM and the gateway's end of
# each in the benchmark's: raise the descriptor limit to the hard limit, as the e2e suite does
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
step "benchmarks (mvn -Pbench clean install; clean, so no stale test summary of an earlier run is read)"
mvn -B -Pbench clean install "$@"
render

#!/usr/bin/env bash
# Runs the benchmarks (every *Benchmark class, never part of the test command), then renders
# docs/benchmarks/*.json into docs/benchmarks.md.
#   infra/dev/bench.sh                         all benchmarks
#   infra/dev/bench.sh -Dit.test=PersisterBenchmark -pl stream-processor -am   one of them
set -euo pipefail
cd "$(dirname "$0")/../.."

step() { printf '\n==> %s\n' "$*" >&2; }

infra/dev/setup.sh
step "benchmarks (mvn -Pbench clean install; clean, so no stale test summary of an earlier run is read)"
mvn -B -Pbench clean install "$@"
step "render docs/benchmarks.md"
mvn -B -q -pl test-support exec:java -Dexec.mainClass=io.envstream.testsupport.bench.RenderBenchmarks

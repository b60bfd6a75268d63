#!/usr/bin/env bash
# The sandbox Fabric network (module sandbox) under a fabric-gateway load (issue 31): sandbox up in a
# process of its own (orderer + two peers; batch timeout 250 ms, 100 messages, MAJORITY endorsement),
# the notarization chaincode deployed, then N client threads submitting RecordEvidence through
# fabric-gateway: committed tx/s, p50/p99, the sandbox's CPU per transaction and peak RSS
# (docs/benchmarks.md, "Sandbox under a fabric-gateway load").
# Builds the cli module and what it needs (fabric, sandbox, chaincodes) itself; extra Maven options
# through MAVEN_ARGS (e.g. MAVEN_ARGS="-o"). Usage: bench/sandbox.sh [seconds] [warm-up seconds] [clients...]
# (defaults 30, 15, and 1 16 64). -Dbench.heap / -Dbench.keep through BENCH_JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
warmup=${2:-15}
shift $(( $# < 2 ? $# : 2 ))
./mvnw -B -q -pl cli -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/sandbox-bench-cp.txt
cd cli
# shellcheck disable=SC2086
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" ${BENCH_JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/sandbox-bench-cp.txt)" \
  io.baas.bench.SandboxBenchmark "$seconds" "$warmup" "${@:-1 16 64}"

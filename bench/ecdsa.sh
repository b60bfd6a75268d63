#!/usr/bin/env bash
# ECDSA P-256 signing and verification as the library does them (docs/benchmarks.md, "Sandbox under a
# fabric-gateway load"): microseconds per operation, one thread. Usage: bench/ecdsa.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl cli -am test-compile dependency:build-classpath -Dmdep.outputFile=target/ecdsa-bench-cp.txt
cd cli
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "target/test-classes:target/classes:$(cat target/ecdsa-bench-cp.txt)" io.baas.bench.EcdsaBenchmark "${1:-10000}"

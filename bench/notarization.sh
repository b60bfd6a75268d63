#!/usr/bin/env bash
# Notarization through the service's REST API against fabric-gateway straight to the peer, on the
# packaged service in embedded mode with the sandbox node runtime: notarizations per second, p50/p99
# latency and CPU per request at 1, 16 and 64 clients, and the REST/direct ratios; then four more pairs of
# rounds at 16 clients, the target judged on their median ratios (docs/benchmarks.md).
# Needs the other modules installed (./mvnw -B -q install -DskipTests) and PostgreSQL on 127.0.0.1:5432
# (the database baas_bench is created if missing). Usage: bench/notarization.sh [seconds per run] [warm-up seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl service package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/notarization-cp.txt
cd service
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "target/test-classes:target/classes:$(cat target/notarization-cp.txt)" io.baas.bench.NotarizationBenchmark "${1:-20}" "${2:-30}"

#!/usr/bin/env bash
# What checking one open API signature costs in CPU (header parsing, canonical request, body SHA-256,
# HMAC, comparison), apart from the nonce and key lookups in PostgreSQL (docs/benchmarks.md).
# Needs the other modules installed (./mvnw -B -q install -DskipTests). Usage: bench/signature.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl service test-compile dependency:build-classpath -Dmdep.outputFile=target/signature-cp.txt
cd service
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "target/test-classes:target/classes:$(cat target/signature-cp.txt)" io.baas.bench.SignatureBenchmark "${1:-200000}"

#!/usr/bin/env bash
# The explorer's indexer against one-block-at-a-time inserts (Hyperledger Explorer's approach) and
# PostgreSQL's own generate_series rate, then point-query latencies at that size (docs/benchmarks.md).
# Needs the other modules installed (./mvnw -B -q install -DskipTests) and PostgreSQL on 127.0.0.1:5432
# (the database baas_bench is dropped and made anew). The generated ledger is kept under service/target.
# Part (d) also runs the packaged service (target/quarkus-app, built here) and queries it over HTTP.
# Usage: bench/explorer.sh [transactions, default 1000000] [transactions per block, default 100] [parts, default abcd: (a) always; b for (b) and (c); d for (d); or r alone: (d) through REST only, on the ledger the last run indexed]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl service package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/explorer-cp.txt
cd service
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx4g -Dksbaas.testdata="$(cd .. && pwd)/testdata/fabric-2.5.5" \
  -cp "target/test-classes:target/classes:$(cat target/explorer-cp.txt)" io.baas.bench.ExplorerBenchmark "${1:-1000000}" "${2:-100}" "${3:-abcd}"

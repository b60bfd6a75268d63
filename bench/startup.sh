#!/usr/bin/env bash
# Cold start to /q/health/ready and idle RSS of the packaged service, in production mode against an
# in-memory API server and in embedded mode; exits 1 above the targets (docs/benchmarks.md).
# PostgreSQL must run on 127.0.0.1:5432 (the database baas is created if missing). The service runs on
# the JVM of JAVA_HOME (else java on the PATH); the image runs JDK 25, so measure with that:
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/startup.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q package -DskipTests
./mvnw -B -q -pl service -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
cd service
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "target/test-classes:target/classes:$(cat target/cp.txt)" io.baas.bench.StartupBenchmark "${1:-3}"

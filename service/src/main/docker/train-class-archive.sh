#!/usr/bin/env bash
# Writes the service's class archive from a training start, with the JVM that will run it: the image
# build calls it after copying the application, and the image's JAVA_OPTS_APPEND names the archive at
# every start (docs/benchmarks.md). On JDK 25 and later it is an AOT cache (app.aot: classes loaded
# and linked, method profiles); on older JDKs a dynamic AppCDS archive (app-cds.jsa). The training run
# starts in embedded mode (no cluster, no database during a build), waits until the service has
# started and seeded its embedded API, and stops it; the JVM writes the archive as it exits.
#   train-class-archive.sh [application folder]   (default /deployments; the archive is written there)
set -euo pipefail
app="${1:-/deployments}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
version="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
if [ "${version%%.*}" -ge 25 ]; then
  archive="$app/app.aot"
  record="-XX:AOTCacheOutput=$archive"
else
  archive="$app/app-cds.jsa"
  record="-XX:ArchiveClassesAtExit=$archive"
fi
log="$(mktemp)"
# The jar by the absolute path run-java.sh gives it: the archive only maps for the same class path;
# and the collector it runs with.
BAAS_KUBERNETES_EMBEDDED=true BAAS_IAM_JWT_SECRET=class-archive-training QUARKUS_HTTP_PORT=0 \
  "$java" ${GC_CONTAINER_OPTIONS:-} ${JAVA_OPTS_APPEND:-} "$record" -jar "$app/quarkus-run.jar" > "$log" 2>&1 &
pid=$!
for _ in $(seq 1 1200); do
  if grep -q "Embedded KubeSphere .* seeded" "$log"; then
    break
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "train-class-archive: the training start ended early; its log:" >&2
    cat "$log" >&2
    exit 1
  fi
  sleep 0.1
done
kill -TERM "$pid"
wait "$pid" || true
if [ ! -s "$archive" ]; then
  echo "train-class-archive: no archive was written at $archive; the training start's log:" >&2
  tail -n 40 "$log" >&2
  exit 1
fi
rm -f "$log"
echo "class archive: $archive"

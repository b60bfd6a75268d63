#!/usr/bin/env bash
# Writes the service's class archive (AppCDS) from a training start, with the JVM that will run it:
# the image build calls it after copying the application, and the image's JAVA_OPTS_APPEND maps the
# archive at every start (docs/benchmarks.md: about a third off the time to ready). The training run
# starts in embedded mode (no cluster, no database during a build), waits until the service has
# started and seeded its embedded API, and stops it; the JVM writes the archive as it exits.
#   train-class-archive.sh [application folder]   (default /deployments; the archive: app-cds.jsa there)
set -euo pipefail
app="${1:-/deployments}"
archive="$app/app-cds.jsa"
log="$(mktemp)"
# The jar by the absolute path run-java.sh gives it: the archive only maps for the same class path.
BAAS_KUBERNETES_EMBEDDED=true BAAS_IAM_JWT_SECRET=class-archive-training QUARKUS_HTTP_PORT=0 \
  java ${JAVA_OPTS_APPEND:-} -XX:ArchiveClassesAtExit="$archive" -jar "$app/quarkus-run.jar" > "$log" 2>&1 &
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
rm -f "$log"
if [ ! -s "$archive" ]; then
  echo "train-class-archive: no archive was written at $archive" >&2
  exit 1
fi
echo "class archive: $archive"

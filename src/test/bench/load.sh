#!/usr/bin/env bash
# HTTP load on loopback: starts the server, warms it up, then measures the evaluation endpoint (every example of every
# call in turn) against GET /health on the same server: the maximum throughput of each (closed loop), then a fixed
# rate at 80% of each maximum (open loop) with p50/p99 counted from when each request was due. Stops the server at
# the end. Bounded: about WARMUP + 4 x SECONDS seconds in all. Measures, asserts nothing; not run by the tests.
#   bash src/test/bench/load.sh [--connections 16] [--warmup 15] [--seconds 15] [--fraction 0.8] [--rates 2000,1000]
set -euo pipefail
cd "$(dirname "$0")/../../.."
. src/test/bench/common.sh
build_if_needed
if [ -n "$(health_status)" ]; then echo "port $PORT is taken; set PORT" >&2; exit 2; fi

# shellcheck disable=SC2086
java $LAUNCH_OPTS ${JAVA_OPTS:-} -jar "$JAR" serve --host 127.0.0.1 --port "$PORT" $CACHE_OPTS $STORE_OPTS > target/load-server.log 2>&1 &
SERVER=$!
trap stop_server EXIT
for _ in $(seq 600); do
  [ "$(health_status)" = 200 ] && break
  kill -0 "$SERVER" 2>/dev/null || { echo "the server stopped; see target/load-server.log" >&2; exit 1; }
  sleep 0.1
done
[ "$(health_status)" = 200 ] || { echo "the server did not become ready; see target/load-server.log" >&2; exit 1; }

echo "machine: $(nproc) cores; $(java -version 2>&1 | head -1); server launch: ${LAUNCH_OPTS:-plain} ${JAVA_OPTS:-}; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
# The generator needs only the jar: run from its source, nothing to build.
java -Xmx512m -cp "$JAR" src/test/java/callcheck/bench/LoadGenerator.java --base "$BASE" --examples examples \
  --server-pid "$SERVER" "$@"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

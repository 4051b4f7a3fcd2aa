#!/usr/bin/env bash
# Start-up: from starting the process to GET /health answering 200 (every pack compiled, the server listening), RUNS
# times (default 5). Polls every 20 ms over bash's /dev/tcp, so no process competes with the start. Measures, asserts
# nothing; not run by the tests.
#   bash src/test/bench/startup.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../../.."
. src/test/bench/common.sh
RUNS=${1:-5}
build_if_needed
if [ -n "$(health_status)" ]; then echo "port $PORT is taken; set PORT" >&2; exit 2; fi
trap stop_server EXIT

echo "machine: $(nproc) cores; $(java -version 2>&1 | head -1); launch: ${LAUNCH_OPTS:-plain} ${JAVA_OPTS:-}; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
times=()
for run in $(seq "$RUNS"); do
  start=$(date +%s%N)
  # shellcheck disable=SC2086
  java $LAUNCH_OPTS ${JAVA_OPTS:-} -jar "$JAR" serve --host 127.0.0.1 --port "$PORT" $CACHE_OPTS $STORE_OPTS > target/startup-server.log 2>&1 &
  SERVER=$!
  until [ "$(health_status)" = 200 ]; do
    kill -0 "$SERVER" 2>/dev/null || { echo "the server stopped; see target/startup-server.log" >&2; exit 1; }
    sleep 0.02
  done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  times+=("$ms")
  echo "run $run: ready in $ms ms ($(grep -o 'loaded in [0-9]* ms' target/startup-server.log | head -1))"
  stop_server
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
echo "start to ready, $RUNS runs: median $(echo "$sorted" | sed -n "$(( (RUNS + 1) / 2 ))p") ms, min $(echo "$sorted" | head -1) ms, max $(echo "$sorted" | tail -1) ms; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

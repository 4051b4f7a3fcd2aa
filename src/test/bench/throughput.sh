#!/usr/bin/env bash
# A first throughput figure: POST /v1/calls/507/evaluations beside GET /health, on the same server under the
# same load (same connections, threads and duration), so the ratio shows what an evaluation costs over HTTP.
# Needs wrk (Debian: apt-get install -y wrk) and the jar (mvn -q -B package -DskipTests). Run from the project root:
#   bash src/test/bench/throughput.sh
# Not part of the tests: it measures, it asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/../../.."
. src/test/bench/common.sh
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-1}
export BODY=${BODY:-examples/507/eligible-tielt-pittem.json}
build_if_needed

# shellcheck disable=SC2086
java $LAUNCH_OPTS -jar "$JAR" serve --host 127.0.0.1 --port "$PORT" $CACHE_OPTS $STORE_OPTS > target/bench-server.log 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 120); do
  curl -sf "$BASE/health" > /dev/null && break
  sleep 0.5
done
curl -sf "$BASE/health" > /dev/null || { echo "the server did not become ready; see target/bench-server.log"; exit 1; }

rate() { awk '/^Requests\/sec:/ {print $2}'; }
echo "warming up both endpoints ..."
wrk -t"$THREADS" -c"$CONNECTIONS" -d10s "$BASE/health" > /dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d10s -s src/test/bench/evaluate.lua "$BASE/v1/calls/507/evaluations" > /dev/null

echo "GET /health, $CONNECTIONS connections, $DURATION:"
HEALTH_OUT=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$BASE/health")
echo "$HEALTH_OUT"
echo "POST /v1/calls/507/evaluations ($BODY), $CONNECTIONS connections, $DURATION:"
EVAL_OUT=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s src/test/bench/evaluate.lua "$BASE/v1/calls/507/evaluations")
echo "$EVAL_OUT"

# wrk prints "Non-2xx or 3xx responses" when answers fail: a fast stream of errors is not throughput.
if echo "$HEALTH_OUT$EVAL_OUT" | grep -q "Non-2xx"; then echo "some answers were not 200: no figure"; exit 1; fi
HEALTH=$(echo "$HEALTH_OUT" | rate)
EVAL=$(echo "$EVAL_OUT" | rate)
echo
echo "health: $HEALTH req/s; evaluation: $EVAL req/s; evaluation/health = $(awk -v e="$EVAL" -v h="$HEALTH" 'BEGIN {printf "%.3f", e / h}')"

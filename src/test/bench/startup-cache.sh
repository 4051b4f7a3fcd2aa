#!/usr/bin/env bash
# Start-up with the compiled-pack cache, on a pack set it builds itself: PACKS pack versions (default 100) in a
# temporary rules folder, the real packs of rules/ and copies of them under other call ids (X001, X002, ...; each
# copy's pack.yaml names its call, and each of its rule files ends with a comment naming it, so every copy compiles
# to rules of its own: packs of the same rule files would share them). Per run, back to back:
#   off:  serve --cache off (every pack compiled, as before the cache);
#   cold: serve with an empty cache folder (every pack compiled, then stored in the background; the script waits
#         until every entry is written and reports how long that took after ready);
#   warm: serve again on that cache folder (every pack read back).
# Then the same three on the real rules/ alone (5 packs). Each time is process start to GET /health answering 200.
# Measures, asserts nothing; not run by the tests.
#   bash src/test/bench/startup-cache.sh [PACKS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../../.."
. src/test/bench/common.sh
PACKS=${1:-100}
RUNS=${2:-1}
build_if_needed
if [ -n "$(health_status)" ]; then echo "port $PORT is taken; set PORT" >&2; exit 2; fi
WORK=$(mktemp -d)
trap 'stop_server; rm -rf "$WORK"' EXIT

# The pack set: reference data, modules, the real packs, then copies of the full ones in turn until there are PACKS.
mkdir -p "$WORK/rules"
cp -r rules/reference rules/programmes "$WORK/rules/"
mapfile -t REAL < <(find rules -mindepth 3 -maxdepth 3 -name pack.yaml -not -path 'rules/programmes/*' | sort | xargs -n1 dirname)
for v in "${REAL[@]}"; do mkdir -p "$WORK/rules/$(basename "$(dirname "$v")")"; cp -r "$v" "$WORK/rules/$(basename "$(dirname "$v")")/"; done
# The copies are of the full versions only: a version that extends another (426/2018-06-27) would not load without it.
mapfile -t FULL < <(for v in "${REAL[@]}"; do grep -q '^extends:' "$v/pack.yaml" || echo "$v"; done)
n=${#REAL[@]}
i=0
while [ "$n" -lt "$PACKS" ]; do
  src=${FULL[$(( i % ${#FULL[@]} ))]}
  call=$(printf 'X%03d' $(( i + 1 )))
  mkdir -p "$WORK/rules/$call"
  cp -r "$src" "$WORK/rules/$call/"
  sed -i -E "s/^call: .*/call: \"$call\"/" "$WORK/rules/$call/$(basename "$src")/pack.yaml"
  # A line of its own in each rule file: packs of the same rule files share their compiled rules, and this set is to
  # measure as many distinct packs.
  for drl in "$WORK/rules/$call/$(basename "$src")"/*.drl; do printf '\n// copy %s\n' "$call" >> "$drl"; done
  i=$(( i + 1 )); n=$(( n + 1 ))
done

# Starts serve on the rules folder with the cache option and sets READY to the milliseconds to ready (not in a
# subshell: SERVER must stay set for stop_server).
start_until_ready() {
  local rules=$1 cache=$2 log=$3 start
  start=$(date +%s%N)
  # shellcheck disable=SC2086
  java $LAUNCH_OPTS ${JAVA_OPTS:-} -jar "$JAR" serve --host 127.0.0.1 --port "$PORT" --rules "$rules" --no-watch --cache "$cache" > "$log" 2>&1 &
  SERVER=$!
  until [ "$(health_status)" = 200 ]; do
    kill -0 "$SERVER" 2>/dev/null || { echo "the server stopped; see $log" >&2; exit 1; }
    sleep 0.02
  done
  READY=$(( ($(date +%s%N) - start) / 1000000 ))
}

entries() { { find "$1" -name '*.kjar' 2>/dev/null || true; } | wc -l; }

# off, cold (and the time until the cache is full), warm: one line per run.
measure() {
  local rules=$1 count=$2 label=$3 run off cold warm filled start last n seen
  for run in $(seq "$RUNS"); do
    local cache="$WORK/cache-$label-$run"
    start_until_ready "$rules" off target/startup-cache-off.log; off=$READY; stop_server
    start_until_ready "$rules" "$cache" target/startup-cache-cold.log; cold=$READY
    # Full once no entry has come for 30 s (on a quiet machine the background thread stores one every few seconds at most), at most 10 min.
    start=$(date +%s%N); last=$start; seen=-1
    for _ in $(seq 6000); do
      n=$(entries "$cache")
      if [ "$n" != "$seen" ]; then seen=$n; last=$(date +%s%N); fi
      [ $(( ($(date +%s%N) - last) / 1000000 )) -ge 30000 ] && break
      sleep 0.1
    done
    filled=$(( (last - start) / 1000000 ))
    stop_server
    start_until_ready "$rules" "$cache" target/startup-cache-warm.log; warm=$READY
    local says
    says=$(grep -o 'loaded in [0-9]* ms, [0-9]* from the cache [^,]*, [0-9]* compiled' target/startup-cache-warm.log | head -1 || true)
    stop_server
    echo "$label packs=$count run $run: off $off ms | cold $cold ms (cache full $filled ms after ready, $(entries "$cache") entries) | warm $warm ms ($says) | warm/off $(awk "BEGIN{printf \"%.2f\", $warm/$off}") | load $(cut -d' ' -f1-3 /proc/loadavg)"
  done
}

echo "machine: $(nproc) cores; $(java -version 2>&1 | head -1); launch: ${LAUNCH_OPTS:-plain} ${JAVA_OPTS:-}; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
measure "$WORK/rules" "$PACKS" set
measure rules "${#REAL[@]}" real

# Shared by the benchmark scripts: run from the project root; builds the jar only when a source is newer than it.
# JAVA_OPTS: further JVM options for the server (see BENCHMARKS.md); PORT: where it listens.
# JAR: another build's jar (e.g. an older commit's, to compare in one run); built only when it is target's.
JAR=${JAR:-target/callcheck.jar}
# As the README starts the service: with the build's class-data archive. LAUNCH_OPTS= (empty) starts it without.
LAUNCH_OPTS=${LAUNCH_OPTS--XX:SharedArchiveFile=target/callcheck.jsa}
PORT=${PORT:-7099}
# The compiled-pack cache of serve: off unless CACHE names a folder, so that each run measures the same thing.
CACHE_OPTS="--cache ${CACHE:-off}"
BASE=http://127.0.0.1:$PORT
# The decision store of serve: an empty one per script run (DATA names another folder to keep), so that a run neither
# measures a store grown by the runs before it nor fills the project's data/ folder.
if [ -z "${DATA:-}" ]; then DATA=target/bench-data; rm -rf "$DATA"; fi
STORE_OPTS="--data $DATA"
# STORE=none: serve records nothing (serve --store none), to set what recording costs against the same server.
if [ "${STORE:-}" = none ]; then STORE_OPTS="--store none"; fi

build_if_needed() {
  if [ "$JAR" = target/callcheck.jar ] && { [ ! -f "$JAR" ] || [ -n "$(find src/main src/app src/library src/packs pom.xml -newer "$JAR" -print -quit)" ]; }; then
    echo "building $JAR ..." >&2
    mvn -q -B package -DskipTests >&2
  fi
}

# Prints the HTTP status of GET /health, or nothing when nothing answers. A subshell over bash's /dev/tcp: no
# program is started for it, so polling competes little with what it measures.
health_status() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$PORT" || exit 0
    printf 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
    read -r -t 5 _ status _ <&3 && echo "$status"
  ) 2>/dev/null
}

stop_server() {
  if [ -n "${SERVER:-}" ]; then
    kill "$SERVER" 2>/dev/null || true
    wait "$SERVER" 2>/dev/null || true
    SERVER=""
  fi
}

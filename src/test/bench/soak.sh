#!/usr/bin/env bash
# Soak and fault run (not run by the tests or CI): serve over a copy of rules/ and examples/ under mixed load for
# MINUTES (default 30), with reloads, folder swaps, a pack that does not compile and one that spins (each saved, then
# removed), a SIGKILL and restart every 5 minutes, clients that ask for gzip, three 16 MB rounds at once, a hard round,
# a lone surrogate and the store unwritable for 30 s (chattr, so as root); prints requests, answers by status and code, wrong verdicts,
# p99, threads, file descriptors, heap and RSS every 30 s. See Soak.java.
#   [SERVER_JAVA_OPTS=-Xmx512m] bash src/test/bench/soak.sh [--minutes 30] [--clients 4] [--interval 30]
set -euo pipefail
cd "$(dirname "$0")/../../.."
. src/test/bench/common.sh
build_if_needed
if [ -n "$(health_status)" ]; then echo "port $PORT is taken; set PORT" >&2; exit 2; fi
java -cp "$JAR" src/test/bench/Soak.java --port "$PORT" --jar "$JAR" "$@"

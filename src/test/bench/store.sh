#!/usr/bin/env bash
# The decision store's benchmark (callcheck.bench.StoreBenchmark): evaluations/s without a store, with H2, with
# PostgreSQL (started from the test dependency's binaries), bytes per decision, list and export of many decisions.
# Usage: src/test/bench/store.sh [seconds per phase, 20] [decisions, 1000000] [h2|pg|both]
set -euo pipefail
cd "$(dirname "$0")/../../.."
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec java -Xmx512m -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" callcheck.bench.StoreBenchmark "$@"

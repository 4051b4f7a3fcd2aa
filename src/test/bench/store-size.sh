#!/usr/bin/env bash
# The embedded store's size while the service runs (callcheck.bench.StoreSizeBenchmark): N decisions over HTTP, bytes
# a decision while serving, after idle seconds, after the retention erased every proposal, after the stop; list, show,
# replay and export timed on the running server. CLASSES= other compiled app classes (e.g. an older commit's) to compare.
# Usage: src/test/bench/store-size.sh [decisions, 100000] [idle seconds, 30]
set -euo pipefail
cd "$(dirname "$0")/../../.."
[ -f target/bench-classpath.txt ] && [ target/bench-classpath.txt -nt pom.xml ] ||
  mvn -o -q -B dependency:build-classpath -Dmdep.outputFile="$PWD/target/bench-classpath.txt" -Dmdep.includeScope=test
exec java -Xmx512m -cp "target/test-classes:${CLASSES:-target/classes:target/library/classes:target/packs/classes}:$(cat target/bench-classpath.txt)" \
  callcheck.bench.StoreSizeBenchmark "$@"

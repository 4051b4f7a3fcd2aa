#!/usr/bin/env bash
# Several instances on one PostgreSQL (callcheck.bench.ReplicasBenchmark): evaluations/s with one, two and three
# instances on one database (started from the test dependency's binaries), ratios to one instance measured in the same
# run, and the records a second the database takes from three instances' stores.
# Usage: src/test/bench/replicas.sh [seconds per phase, 20] [decisions for the database's rate, 200000] [warm-up seconds, 90]
set -euo pipefail
cd "$(dirname "$0")/../../.."
# An absolute output file: each module writes it relative to its own folder otherwise; the app's (the last) wins.
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/target/bench-classpath.txt" -Dmdep.includeScope=test
exec java -Xmx1g -cp "target/test-classes:target/classes:target/library/classes:$(cat target/bench-classpath.txt)" callcheck.bench.ReplicasBenchmark "$@"

#!/bin/sh
# The analyst's loop (issue 23): after editing one rule of 507, `validate --call 507` plus `test --call 507`, against
# `java -jar target/callcheck.jar --help` in the same run. On a scratch copy of rules/ and examples/, with its own
# compiled-pack cache warmed once. Usage: src/test/bench/loop.sh [rounds]   (from the project root, after mvn package)
set -e
JAR=$(pwd)/target/callcheck.jar
ROUNDS=${1:-3}
W=$(mktemp -d)
cp -r rules examples "$W"/
cd "$W"
java -jar "$JAR" validate --cache cache >/dev/null   # every pack compiled once and stored
ms() { s=$(date +%s%N); "$@" >/dev/null; echo $(( ($(date +%s%N) - s) / 1000000 )); }
i=0
for word in "for one" "for each" "for a single" "for every" "for any" "for one single"; do
  i=$((i + 1)); [ $i -gt "$ROUNDS" ] && break
  # one rule edited: 507-SUBSIDY-MAX's English message
  sed -i "s/euro [a-z ]*proeftuin\.\")/euro $word proeftuin.\")/" rules/507/2020-07-14/financing.drl
  help=$(ms java -jar "$JAR" --help)
  validate=$(ms java -jar "$JAR" validate --call 507 --cache cache)
  test=$(ms java -jar "$JAR" test --call 507 --cache cache)
  echo "round $i: --help ${help} ms; validate --call 507 ${validate} ms + test --call 507 ${test} ms = $((validate + test)) ms; ratio $(echo "scale=1; ($validate + $test) / $help" | bc)"
done
rm -rf "$W"

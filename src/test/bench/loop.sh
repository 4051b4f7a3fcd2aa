#!/bin/sh
# The analyst's loop (issue 23), against `java -jar target/callcheck.jar --help` in the same run:
# 1. after editing one rule of 507, `validate --call 507` plus `test --call 507`, run by LAUNCH (default: the project's
#    ./callcheck launcher; LAUNCH="java -jar target/callcheck.jar" for the plain command);
# 2. with `test --call 507 --watch` running, the time from saving the edited file to the result's last line.
# On a scratch copy of rules/ and examples/, with its own compiled-pack cache warmed once. Wall-clock ms; with
# /usr/bin/time, also the CPU ms (user + system) of each command, steadier than the wall clock on a busy machine.
# Usage: src/test/bench/loop.sh [rounds]   (from the project root, after mvn package)
set -e
ROOT=$(pwd)
JAR=$ROOT/target/callcheck.jar
LAUNCH=${LAUNCH:-$ROOT/callcheck}
case "$LAUNCH" in "java -jar target/"*) LAUNCH="java -jar $JAR" ;; esac
ROUNDS=${1:-3}
W=$(mktemp -d)
cp -r rules examples "$W"/
cd "$W"
$LAUNCH validate --cache cache >/dev/null   # every pack compiled once and stored
now() { date +%s%N; }
# ms CMD...: runs it, prints "wall cpu" in ms (cpu 0 without /usr/bin/time)
ms() {
  s=$(now)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "%U %S" -o "$W/cpu" "$@" >/dev/null || echo "($* exited $?)" >&2
    cpu=$(awk '/^[0-9.]+ [0-9.]+$/ {printf "%d", ($1 + $2) * 1000}' "$W/cpu")
  else
    "$@" >/dev/null || echo "($* exited $?)" >&2
    cpu=0
  fi
  echo "$(( ($(now) - s) / 1000000 )) $cpu"
}
ratio() { echo "scale=1; $1 / $2" | bc; }
WORDS="for one|for each|for a single|for every|for any|for one single|for all|for just one|for a|for the one"
edit() { # one rule edited: 507-SUBSIDY-MAX's English message, with the round's words
  word=$(echo "$WORDS" | cut -d'|' -f"$1")
  sed -i "s/euro [a-z ]*proeftuin\.\")/euro $word proeftuin.\")/" rules/507/2020-07-14/financing.drl
}
echo "launcher: $LAUNCH"
i=0
while [ $i -lt "$ROUNDS" ]; do
  i=$((i + 1))
  edit $i
  set -- $(ms java -jar "$JAR" --help); hw=$1; hc=$2
  set -- $(ms $LAUNCH validate --call 507 --cache cache); vw=$1; vc=$2
  set -- $(ms $LAUNCH test --call 507 --cache cache); tw=$1; tc=$2
  echo "round $i: --help ${hw} ms; validate --call 507 ${vw} ms + test --call 507 ${tw} ms = $((vw + tw)) ms; ratio $(ratio $((vw + tw)) $hw)" \
    "(cpu: --help ${hc} ms, validate + test $((vc + tc)) ms, ratio $(ratio $((vc + tc)) $((hc > 0 ? hc : 1))))"
done

# --watch: from the save to the line that ends the run's output, "(N ms)"
$LAUNCH test --call 507 --watch --cache cache >"$W/watch.out" 2>&1 &
WATCH=$!
runs() { grep -c '^([0-9]* ms)$' "$W/watch.out" || true; }
until grep -q '^watching' "$W/watch.out"; do sleep 0.1; done
i=0
while [ $i -lt "$ROUNDS" ]; do
  i=$((i + 1))
  before=$(runs)
  set -- $(ms java -jar "$JAR" --help); hw=$1
  sleep 1
  s=$(now)
  edit $((i + ROUNDS))
  until [ "$(runs)" -gt "$before" ]; do sleep 0.01; done
  saved=$(( ($(now) - s) / 1000000 ))
  echo "watch $i: --help ${hw} ms; from save to result ${saved} ms ($(grep '^([0-9]* ms)$' "$W/watch.out" | tail -1) after the settle); ratio $(ratio $saved $hw)"
done
kill "$WATCH"
wait "$WATCH" 2>/dev/null || true
cd "$ROOT"
rm -rf "$W"

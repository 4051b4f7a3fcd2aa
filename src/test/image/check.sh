#!/usr/bin/env bash
# Runs the container image that `mvn -Pimage package` wrote (target/callcheck-image.tar) without a container runtime,
# as a runtime would, and checks that it serves: its layers unpacked in order into a root file system, which is then
# mounted read-only with tmpfs on /data and /tmp (as the Kubernetes example runs it: readOnlyRootFilesystem and two
# emptyDir volumes); its entrypoint, arguments, environment, working directory and user taken from the image's own
# configuration; the process started in a mount namespace of its own, chrooted (unshare --root) as the user the image
# names, with no capability. It then checks that the process runs as that user on a read-only root, /health/live and
# /health/ready answer 200, the image's own health check answers from inside, a test pack's evaluations give the
# verdicts its rules say with amounts written the Dutch way in Dutch, the embedded store was made in /data by that
# user, and a SIGTERM stops it cleanly.
#
# A script rather than a JUnit test: it needs root (mount, chroot), Linux's unshare, jq and curl, and the image of the
# profile, none of which the tests of `mvn verify` may assume; .ci/run runs it after building with -Pimage.
#
#   sudo src/test/image/check.sh [IMAGE_TAR]        (default target/callcheck-image.tar)
#
# Prints what it checks; exits 0 when all passed, 1 at the first that did not (the service's log is printed then).
set -euo pipefail
cd "$(dirname "$0")/../../.."
tar_file=${1:-target/callcheck-image.tar}
[ "$(id -u)" = 0 ] || { echo "check.sh: run as root (it mounts and chroots)"; exit 1; }
for tool in jq curl unshare nsenter; do
    command -v "$tool" >/dev/null || { echo "check.sh: $tool is missing (apt-get install jq curl util-linux)"; exit 1; }
done
[ -f "$tar_file" ] || { echo "check.sh: no $tar_file; build it with mvn -B -Pimage package -DskipTests"; exit 1; }

work=$(mktemp -d /tmp/callcheck-image-check.XXXXXX)
pid=
cleanup() {
    # the service is the child of unshare: end it first, then unshare
    if [ -n "$pid" ]; then
        pkill -KILL -P "$pid" 2>/dev/null || true
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "FAIL $*"
    echo "---- the service's output"
    cat "$work/out.log" 2>/dev/null || true
    exit 1
}
pass() { echo "ok   $*"; }

# ---- the image: `docker save`'s format (manifest.json names the config and the layers, base first)
mkdir -p "$work/image" "$work/root"
tar -xf "$tar_file" -C "$work/image"
manifest="$work/image/manifest.json"
config="$work/image/$(jq -r '.[0].Config' "$manifest")"
layers=$(jq -r '.[0].Layers[]' "$manifest")
for layer in $layers; do
    # Jib writes no whiteouts (a later layer never deletes), so unpacking in order is the image's file system
    tar -xzf "$work/image/$layer" -C "$work/root" --same-owner --same-permissions --warning=no-unknown-keyword
done
echo "image $tar_file: $(jq -r '.[0].RepoTags | join(", ")' "$manifest"), $(echo "$layers" | wc -w) layers," \
    "$(du -sm "$work/root" | cut -f1) MB unpacked"

mapfile -t command < <(jq -r '(.config.Entrypoint // []) + (.config.Cmd // []) | .[]' "$config")
mapfile -t env < <(jq -r '.config.Env // [] | .[]' "$config")
user=$(jq -r '.config.User // "0"' "$config")
workdir=$(jq -r '.config.WorkingDir // "/"' "$config")
echo "user $user, working directory $workdir, command: ${command[*]}"
[[ "$user" =~ ^[1-9][0-9]*:[1-9][0-9]*$ ]] || fail "the image's user is $user, not a numeric uid:gid other than root"
uid=${user%%:*} gid=${user##*:}

# ---- what the run adds, as an operator would: a test pack (not the analysts' rules, whose content changes) named by
# the environment, and a free port
mkdir -p "$work/root/check/rules" "$work/root/check/examples" "$work/root/proc" "$work/root/dev"
[ -e "$work/root/bin/sh" ] || pass "no shell in the image"
cp -r src/test/resources/packs/replicas/908 src/test/resources/library/rules/reference "$work/root/check/rules/"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null ||
    echo 17070)
env+=("CALLCHECK_RULES=/check/rules" "CALLCHECK_EXAMPLES=/check/examples" "CALLCHECK_PORT=$port")

root=$work/root
# In a mount namespace of its own: the root file system read-only, tmpfs (mode 1777: an emptyDir is writable to all)
# on /data and /tmp, /proc and /dev as a runtime gives them. Then the image's command with the image's environment
# only, run by unshare --root --wd --setuid --setgid (chroot, working directory, then the image's uid and gid and no
# other group; leaving uid 0 drops every capability), as setpriv would but after the chroot, which setpriv cannot do.
unshare --mount --propagation private --fork -- bash -c '
    set -e
    root=$1; shift
    mount --bind "$root" "$root"
    mount -t tmpfs -o mode=1777 tmpfs "$root/data"
    mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"
    mount -t proc proc "$root/proc"
    mount --rbind /dev "$root/dev"
    mount -o remount,bind,ro "$root"
    exec "$@"' check "$root" \
    "$(command -v env)" -i "${env[@]}" "$(command -v unshare)" --root="$root" --wd="$workdir" --setuid="$uid" --setgid="$gid" \
    -- "${command[@]}" >"$work/out.log" 2>&1 &
unshared=$! pid=$!

# ---- the checks
status() { curl -s -o "$work/body" -w '%{http_code}' "$@" || echo 000; }
for i in $(seq 1 180); do
    [ "$(status "http://127.0.0.1:$port/health/live")" = 200 ] && break
    kill -0 "$unshared" 2>/dev/null || fail "the service stopped before it served"
    sleep 1
done
[ "$(status "http://127.0.0.1:$port/health/live")" = 200 ] || fail "/health/live did not answer 200 within 180 s"
pass "/health/live 200 after ${i} s: $(cat "$work/body")"

java_pid=$(pgrep -n -P "$unshared" || true)
[ -n "$java_pid" ] && [ "$(readlink "/proc/$java_pid/exe")" = "$root${command[0]}" ] ||
    fail "the image's command ${command[0]} is not the process that serves"
ids=$(awk '/^Uid:|^Gid:/ { print $1, $2 } /^Groups:/ { print $0 } /^CapEff:/ { print $1, $2 }' "/proc/$java_pid/status" | tr '\n' ' ')
echo "     the service's process: $ids"
awk -v u="$uid" '/^Uid:/ { exit !($2 == u && $3 == u && $4 == u && $5 == u) }' "/proc/$java_pid/status" ||
    fail "the process does not run as uid $uid"
awk -v g="$gid" '/^Gid:/ { exit !($2 == g && $3 == g) }' "/proc/$java_pid/status" || fail "the process does not run as gid $gid"
grep -q '^CapEff:[[:space:]]*0*$' "/proc/$java_pid/status" || fail "the process has capabilities"
root_mount=$(awk '$5 == "/" { print $6 }' "/proc/$java_pid/mountinfo")
[[ ",$root_mount," == *,ro,* ]] || fail "the process's root is not read-only: $root_mount"
pass "runs as $uid:$gid with no capability, on a read-only root"

for i in $(seq 1 60); do
    [ "$(status "http://127.0.0.1:$port/health/ready")" = 200 ] && break
    sleep 1
done
[ "$(status "http://127.0.0.1:$port/health/ready")" = 200 ] || fail "/health/ready: $(cat "$work/body")"
pass "/health/ready 200: $(cat "$work/body")"

# the health check of src/deploy/compose.yaml, run inside the container as a runtime's exec would
probe_started=$(date +%s%N)
probe=$(env -i "${env[@]}" nsenter --target "$java_pid" --mount --root --wd --setuid "$uid" --setgid "$gid" -- \
    /opt/java/bin/java -XX:+UseSerialGC -Xmx32m -cp /app/classes callcheck.cli.HealthProbe /health/ready 2>&1) ||
    fail "the image's health check (callcheck.cli.HealthProbe) failed: $probe"
pass "health check inside the image: $probe, in $(( ($(date +%s%N) - probe_started) / 1000000 )) ms"

evaluate() {
    status -X POST -H 'Content-Type: application/json' "http://127.0.0.1:$port/v1/calls/908/evaluations" \
        -d "{\"submittedOn\":\"2024-03-01\",\"title\":\"image check\",\"financing\":{\"totalCost\":20000,\"amif\":$1}}"
}
code=$(evaluate 5000)
verdict=$(jq -r '.verdict + " " + .version + " " + .decisionId' "$work/body" 2>/dev/null || true)
[ "$code" = 200 ] && [[ "$verdict" == "ELIGIBLE 2024-01-01 "?* ]] || fail "evaluation asking 5000: $code $(cat "$work/body")"
pass "evaluation of test pack 908 asking 5000: 200 $verdict"
code=$(evaluate 15000)
verdict=$(jq -r '.verdict + " " + ([.findings[].rule] | join(","))' "$work/body" 2>/dev/null || true)
[ "$code" = 200 ] && [ "$verdict" = "INELIGIBLE 908-SUBSIDY-MAX" ] || fail "evaluation asking 15000: $code $(cat "$work/body")"
pass "evaluation of test pack 908 asking 15000: 200 $verdict"
# the Dutch message formats amounts as Dutch does (the runtime has the locale data of nl, not only of English)
message=$(jq -r '.findings[0].message.nl' "$work/body")
[[ "$message" == *"15.000"*"10.000"* ]] || fail "the Dutch message does not write amounts in Dutch: $message"
pass "message in Dutch: $message"

# /proc/PID/root: the process's own root, with the mounts of its namespace (the tmpfs on /data)
store=$(stat -c '%u:%g %a' "/proc/$java_pid/root/data/store" 2>&1 || true)
[[ "$store" == "$uid:$gid 700"* ]] || fail "the embedded store's folder /data/store: $store"
pass "embedded store /data/store written by $uid:$gid, mode 700"

kill -TERM "$java_pid"
for i in $(seq 1 30); do kill -0 "$java_pid" 2>/dev/null || break; sleep 1; done
kill -0 "$java_pid" 2>/dev/null && fail "still running 30 s after SIGTERM"
wait "$unshared" || true
grep -q 'stopped' "$work/out.log" || fail "no 'stopped' in the service's log after SIGTERM"
pass "SIGTERM: stopped within ${i} s"
echo "---- the service's output"; cat "$work/out.log"
echo "the image works"

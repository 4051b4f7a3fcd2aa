#!/usr/bin/env bash
# The root file system that the image adds below Jib's layers of the application, since its base is `scratch` (no
# base image can be pulled here, and none is needed): a Java runtime made by jlink from the JDK that builds, with only
# the modules callcheck uses; the shared libraries that runtime loads, copied from this machine (so the profile needs
# Linux with glibc, as Debian's JDK has); the few files of /etc a process reads; and the folders it may write to.
# Run by `mvn -Pimage package` (src/app/pom.xml, profile image); by hand:
#   src/image/runtime.sh OUT_DIR JAVA_HOME MODULES
set -euo pipefail
out=$1 java_home=$2 modules=$3
rm -rf "$out"
mkdir -p "$out/opt" "$out/etc" "$out/data" "$out/tmp"

# The native libraries of java.desktop that draw, print or play (X11, fonts, images, sound) are left out: callcheck
# needs the module only for java.beans (Drools), and leaving them out spares some thirty X11, font and image
# libraries. Of the locale data of jdk.localedata, Dutch and English, which the messages are written in (without it,
# java.base alone writes Dutch amounts and dates the English way). --generate-cds-archive writes the JDK's class-data
# archive into the runtime (faster starts).
"$java_home/bin/jlink" --add-modules "$modules" --output "$out/opt/java" \
    --strip-debug --no-header-files --no-man-pages --generate-cds-archive --include-locales=en,nl \
    --exclude-files='**/libawt_xawt.so,**/libjawt.so,**/libsplashscreen.so,**/libfontmanager.so,**/libjavajpeg.so,**/liblcms.so,**/libjsound.so'

# Each library the launcher and the runtime's own libraries link to, and the dynamic loader, at the path ldd names
# (so /lib64/ld-linux-x86-64.so.2, which the launcher names as its interpreter, and /lib/<arch>/), as regular files.
rt="$out/opt/java"
{
    for f in "$rt/bin/java" $(find "$rt/lib" -name '*.so'); do
        LD_LIBRARY_PATH="$rt/lib:$rt/lib/server" ldd "$f"
    done
} | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\/.*ld-linux/ { print $1 }' | grep -v "^$out" | sort -u |
    while read -r lib; do
        mkdir -p "$out$(dirname "$lib")"
        cp -L "$lib" "$out$lib"
    done
if LD_LIBRARY_PATH="$rt/lib:$rt/lib/server" ldd "$rt/bin/java" "$rt/lib/server/libjvm.so" | grep -q 'not found'; then
    echo "runtime.sh: a library of the runtime was not found on this machine" >&2
    exit 1
fi

# The user the image runs as (65532, no shell, no password), so that the JVM knows its name and home (user.home
# /data: the PostgreSQL driver looks there for ~/.postgresql/root.crt); names and addresses from the files the
# container runtime mounts (/etc/hosts, /etc/resolv.conf), then DNS.
cat > "$out/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/sbin/nologin
callcheck:x:65532:65532:callcheck:/data:/sbin/nologin
EOF
cat > "$out/etc/group" <<'EOF'
root:x:0:
callcheck:x:65532:
EOF
cat > "$out/etc/nsswitch.conf" <<'EOF'
passwd: files
group: files
hosts: files dns
EOF

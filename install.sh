#!/usr/bin/env bash
# cil installer for a fresh Debian/Ubuntu machine, as root.
#   ./install.sh              apt packages, build, install cil on PATH (+ start-up archive)
#   ./install.sh --test       the same, plus the test peers, then the whole test suite (mvn verify)
#   ./install.sh --uninstall  remove what install.sh installed
# Idempotent: running it again rebuilds and reinstalls.
set -euo pipefail

PREFIX=${PREFIX:-/usr/local}
LIB="$PREFIX/lib/cil"
BIN="$PREFIX/bin/cil"
TEST_PEERS=/opt/cil-test
# completions where each shell looks for them, man pages where `man cil` finds them (each can be
# overridden from the environment)
BASH_COMPLETION=${BASH_COMPLETION:-/usr/share/bash-completion/completions/cil}
ZSH_COMPLETION=${ZSH_COMPLETION:-/usr/local/share/zsh/site-functions/_cil}
FISH_COMPLETION=${FISH_COMPLETION:-/usr/share/fish/vendor_completions.d/cil.fish}
MAN1=${MAN1:-$PREFIX/share/man/man1}
MANIFEST="$LIB/installed-files"   # what install.sh put outside $LIB, for --uninstall
HERE=$(cd "$(dirname "$0")" && pwd)
MODE=install
case "${1:-}" in
  --test) MODE=test ;;
  --uninstall) MODE=uninstall ;;
  ""|--install) ;;
  -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
  *) echo "install.sh: unknown option '$1' (--test, --uninstall)" >&2; exit 2 ;;
esac

say() { printf 'install.sh: %s\n' "$*"; }
die() { printf 'install.sh: error: %s\n' "$*" >&2; exit 1; }

# The completion scripts and man pages this checkout installs (paths outside $LIB).
doc_files() {
  echo "$BASH_COMPLETION"; echo "$ZSH_COMPLETION"; echo "$FISH_COMPLETION"
  for p in "$HERE"/man/*.1; do [ -e "$p" ] && echo "$MAN1/$(basename "$p")"; done
}

if [ "$MODE" = uninstall ]; then
  { [ -f "$MANIFEST" ] && cat "$MANIFEST"; doc_files; } | sort -u | while read -r f; do rm -f "$f"; done
  command -v mandb >/dev/null && mandb -q "$PREFIX/share/man" >/dev/null 2>&1 || true
  rm -rf "$LIB" "$BIN" "$TEST_PEERS"
  say "removed $LIB, $BIN, $TEST_PEERS, the completions and the man pages"
  exit 0
fi

[ "$(id -u)" = 0 ] || die "run as root (cil installs system packages and needs root for BPF)"

# --- the kernel must have BPF, BTF and a bpf file system --------------------------------------
[ -r /sys/kernel/btf/vmlinux ] || die "this kernel has no BTF (/sys/kernel/btf/vmlinux missing): cil needs CONFIG_DEBUG_INFO_BTF"
if ! grep -qs ' /sys/fs/bpf bpf ' /proc/mounts; then
  mkdir -p /sys/fs/bpf
  mount -t bpf bpf /sys/fs/bpf 2>/dev/null || die "cannot mount the bpf file system at /sys/fs/bpf (no BPF in this kernel, or no privileges)"
  say "mounted bpffs at /sys/fs/bpf"
fi

# --- packages -----------------------------------------------------------------------------------
PKGS=(openjdk-17-jdk-headless maven clang llvm libbpf-dev bpftool iproute2 iputils-ping curl)
[ "$MODE" = test ] && PKGS+=(hyperfine iperf3 tmux asciidoctor man-db util-linux python3 zsh fish)
missing=()
for p in "${PKGS[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- test peers: bpftool 7.5 (shows tcx/netkit), unpacked beside Debian's 7.1 -------------------
if [ "$MODE" = test ] && [ ! -x "$TEST_PEERS/bpftool-7.5/usr/sbin/bpftool" ]; then
  say "fetching bpftool 7.5 from bookworm-backports into $TEST_PEERS (system apt configuration untouched)"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  mkdir -p "$tmp/lists/partial"
  echo "deb http://deb.debian.org/debian bookworm-backports main" > "$tmp/sources.list"
  APTOPT=(-o Dir::Etc::sourcelist="$tmp/sources.list" -o Dir::Etc::sourceparts=- -o Dir::State::Lists="$tmp/lists" -o APT::Get::List-Cleanup=0)
  apt-get "${APTOPT[@]}" update -qq
  (cd "$tmp" && apt-get "${APTOPT[@]}" download bpftool/bookworm-backports >/dev/null)
  mkdir -p "$TEST_PEERS"
  rm -rf "$TEST_PEERS/bpftool-7.5"
  dpkg -x "$tmp"/bpftool_*.deb "$TEST_PEERS/bpftool-7.5"
  "$TEST_PEERS/bpftool-7.5/usr/sbin/bpftool" version | head -1
  rm -rf "$tmp"
  trap - EXIT
fi

# --- build --------------------------------------------------------------------------------------
cd "$HERE"
MVN=(mvn -B -q)
say "building (mvn package)"
"${MVN[@]}" -DskipTests -DskipKernelTests=true install

# --- install the application, the jffi stub, the launcher --------------------------------------
mkdir -p "$LIB/native"
install -m 0644 cli/target/cil.jar "$LIB/cil.jar"
(cd "$LIB/native" && rm -rf jni && unzip -qo "$LIB/cil.jar" "jni/$(uname -m | sed 's/aarch64/aarch64/;s/x86_64/x86_64/')-Linux/*" 2>/dev/null || true)
JFFI_DIR=$(dirname "$(find "$LIB/native" -name 'libjffi*.so' | head -1)")
[ -n "$JFFI_DIR" ] || die "the jffi native stub for $(uname -m) is missing from cil.jar"

# the fastest JVM here: a JDK 25+ (AOT cache) if installed, else the default java with AppCDS
pick_java() {
  if [ -n "${CIL_JAVA:-}" ]; then echo "$CIL_JAVA"; return; fi
  for j in /usr/lib/jvm/temurin-2[5-9]*/bin/java /usr/lib/jvm/*-2[5-9]*/bin/java; do
    [ -x "$j" ] && { echo "$j"; return; }
  done
  command -v java
}
JAVA=$(pick_java)
FEATURE=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/{print $2}')
FLAGS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Djdk.reflect.useNativeAccessorOnly=true -Xss1m -Djffi.boot.library.path=$JFFI_DIR"
rm -f "$LIB/cil.jsa" "$LIB/cil.aot" "$LIB/cil-kernel.aot"
# The training run executes common commands in one JVM (cil __train); a throw-away node daemon lets it
# record the agent commands' classes too (the HTTP client), and is cleaned right after.
TRAIN_NODE=cil-train-$$
if "$JAVA" $FLAGS -jar "$LIB/cil.jar" -N "$TRAIN_NODE" daemon start --pod-cidr 10.255.254.0/24 >/dev/null 2>&1; then
  trap '"$JAVA" -jar "$LIB/cil.jar" -N "$TRAIN_NODE" daemon clean >/dev/null 2>&1' EXIT
else
  say "note: no training node (the start-up archive will not cover agent commands)"
fi
if [ "${FEATURE%%.*}" -ge 25 ] 2>/dev/null; then
  say "creating the AOT cache with $JAVA (JDK $FEATURE)"
  CIL_NODE=$TRAIN_NODE "$JAVA" $FLAGS -XX:AOTCacheOutput="$LIB/cil.aot" -jar "$LIB/cil.jar" __train >/dev/null 2>&1 || true
  [ -f "$LIB/cil.aot" ] && ARCHIVE="-XX:AOTCache=$LIB/cil.aot" || ARCHIVE=""
  # a JDK 25 AOT cache loads every class it holds at start: the kernel commands get a cache without
  # the HTTP client and the API models (about 20 ms less for `cil prog show`)
  "$JAVA" $FLAGS -XX:AOTCacheOutput="$LIB/cil-kernel.aot" -jar "$LIB/cil.jar" __train --kernel >/dev/null 2>&1 || true
  [ -f "$LIB/cil-kernel.aot" ] && [ -n "$ARCHIVE" ] && KERNEL_ARCHIVE="-XX:AOTCache=$LIB/cil-kernel.aot"
else
  say "creating the AppCDS archive with $JAVA (JDK $FEATURE)"
  CIL_NODE=$TRAIN_NODE "$JAVA" $FLAGS -XX:ArchiveClassesAtExit="$LIB/cil.jsa" -jar "$LIB/cil.jar" __train >/dev/null 2>&1 || true
  [ -f "$LIB/cil.jsa" ] && ARCHIVE="-XX:SharedArchiveFile=$LIB/cil.jsa" || ARCHIVE=""
fi
"$JAVA" -jar "$LIB/cil.jar" -N "$TRAIN_NODE" daemon clean >/dev/null 2>&1 || true
trap - EXIT

mkdir -p "$(dirname "$BIN")"
if [ -n "${KERNEL_ARCHIVE:-}" ]; then
  # the command word (after the global options and their values) picks the cache: the kernel commands
  # and help get the small one; the agent commands (`map get` too), the shell and the daemon the full one
  PICK='archive="'"$KERNEL_ARCHIVE"'"; skip=; group=
for a in "$@"; do
  if [ -n "$skip" ]; then skip=; continue; fi
  case "$group:$a" in
    :-o|:--output|:--netns|:-N|:--node|:--color) skip=1 ;;
    :-*|map:-*) ;;
    :prog|:link|:net|:btf) break ;;
    :map) group=map ;;
    map:get) archive="'"$ARCHIVE"'"; break ;;
    map:*) break ;;
    *) archive="'"$ARCHIVE"'"; break ;;
  esac
done'
  USE='$archive'
else
  PICK=""
  USE="$ARCHIVE"
fi
cat > "$BIN.tmp" <<LAUNCHER
#!/bin/sh
# cil launcher, written by install.sh: $JAVA with a start-up archive (see README, "Start-up").
$PICK
exec "$JAVA" $FLAGS $USE -jar "$LIB/cil.jar" "\$@"
LAUNCHER
chmod 0755 "$BIN.tmp"
mv "$BIN.tmp" "$BIN"
say "installed $BIN ($("$BIN" --version | head -1), $JAVA)"

# --- completions (bash, zsh, fish) and man pages, generated from the command model ---------------
old_files=$( [ -f "$MANIFEST" ] && cat "$MANIFEST" || true )
install -D -m 0644 completions/cil.bash "$BASH_COMPLETION"
install -D -m 0644 completions/_cil "$ZSH_COMPLETION"
install -D -m 0644 completions/cil.fish "$FISH_COMPLETION"
mkdir -p "$MAN1"
install -m 0644 man/*.1 "$MAN1/"
doc_files > "$MANIFEST.tmp"
# a page of a command that no longer exists goes away
for f in $old_files; do grep -qxF "$f" "$MANIFEST.tmp" || rm -f "$f"; done
mv "$MANIFEST.tmp" "$MANIFEST"
command -v mandb >/dev/null && mandb -q "$PREFIX/share/man" >/dev/null 2>&1 || true
say "installed completions ($BASH_COMPLETION, $ZSH_COMPLETION, $FISH_COMPLETION) and $(ls man/*.1 | wc -l) man pages in $MAN1"

if [ "$MODE" = test ]; then
  say "running the test suite (mvn verify)"
  "${MVN[@]}" verify
  say "all tests passed"
fi

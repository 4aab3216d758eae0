#!/usr/bin/env bash
# One-shot latency: median wall time of `cil prog show`, `cil map list`, `cil --help` against
# `bpftool prog show` / `bpftool map list`, measured in the same rounds with hyperfine -N; then the
# same commands (prog show, --help, status against a throw-away node) under each start mode (plain
# java -jar and AppCDS on JDK 17, the full and the kernel AOT caches on a JDK 25+ if one is installed), and the time per command inside `cil shell` (a script of 100
# `prog show` lines, minus the shell's start) against one-shot bpftool.
# Usage: bench/cli-latency.sh            (uses `cil` on PATH; CIL=… to pick another launcher)
source "$(dirname "$0")/lib.sh"
need hyperfine hyperfine
need python3 python3
LIB=${CIL_LIB:-/usr/local/lib/cil}
JAR=$LIB/cil.jar
JFFI=$(dirname "$(find "$LIB/native" -name 'libjffi*.so' | head -1)")
FLAGS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Djdk.reflect.useNativeAccessorOnly=true -Djffi.boot.library.path=$JFFI"
J17=$(command -v java)
J25=$(ls -d /usr/lib/jvm/temurin-2[5-9]*/bin/java /usr/lib/jvm/*-2[5-9]*/bin/java 2>/dev/null | head -1 || true)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
object_counts

# --- cil (the installed launcher) against bpftool, interleaved rounds ---
for r in $(seq 1 "$ROUNDS"); do
  wait_idle
  hyperfine -N --warmup 3 --runs 20 --export-json "$tmp/r$r.json" \
    "$CIL prog show" "$BPFTOOL prog show" "$CIL map list" "$BPFTOOL map list" "$CIL --help" >/dev/null 2>&1
  for i in 0 1 2 3 4; do hf_median "$tmp/r$r.json" $i >> "$tmp/m$i"; done
  echo "$(hf_median "$tmp/r$r.json" 0) / $(hf_median "$tmp/r$r.json" 1)" | bc -l >> "$tmp/ratio_prog"
  echo "$(hf_median "$tmp/r$r.json" 2) / $(hf_median "$tmp/r$r.json" 3)" | bc -l >> "$tmp/ratio_map"
done
ms() { awk '{printf "%.1f ms", $1*1000}'; }
echo "== one-shot, installed launcher ($(grep -o 'exec "[^"]*"' "$(command -v "$CIL")" | head -1))"
printf '%-22s %-12s %s\n' "command" "median" "min-max (s)"
i=0; for c in "cil prog show" "bpftool prog show" "cil map list" "bpftool map list" "cil --help"; do
  printf '%-22s %-12s %s\n' "$c" "$(median < "$tmp/m$i" | ms)" "$(minmax < "$tmp/m$i")"; i=$((i+1))
done
printf 'ratio cil/bpftool prog show: %.1fx (rounds %s)\n' "$(median < "$tmp/ratio_prog")" "$(minmax < "$tmp/ratio_prog")"
printf 'ratio cil/bpftool map list:  %.1fx (rounds %s)\n' "$(median < "$tmp/ratio_map")" "$(minmax < "$tmp/ratio_map")"

# --- start modes: the same commands under each JVM set-up ---
# A throw-away node (CIL_NODE) answers `cil status`; the archives are trained as install.sh trains them
# (full: every command, with the node; kernel: `__train --kernel`, what the launcher uses for prog/map/
# link/net/btf and help on JDK 25).
echo "== start modes (median of 15 runs each)"
NODE=clibench$$
"$J17" -jar "$JAR" -N "$NODE" daemon start --pod-cidr 10.254.$(( $$ % 200 )).0/24 >/dev/null
trap '"$J17" -jar "$JAR" -N "$NODE" daemon clean >/dev/null 2>&1; rm -rf "$tmp"' EXIT
export CIL_NODE=$NODE
"$J17" $FLAGS -XX:ArchiveClassesAtExit="$tmp/cil17.jsa" -jar "$JAR" __train >/dev/null 2>&1 || true
modes=("$J17 -jar $JAR" "$J17 $FLAGS -jar $JAR" "$J17 $FLAGS -XX:SharedArchiveFile=$tmp/cil17.jsa -jar $JAR")
names=("JDK 17, plain java -jar" "JDK 17, C1 + SerialGC" "JDK 17, AppCDS + C1 + SerialGC")
if [ -n "$J25" ]; then
  "$J25" $FLAGS -XX:AOTCacheOutput="$tmp/cil25.aot" -jar "$JAR" __train >/dev/null 2>&1 || true
  "$J25" $FLAGS -XX:AOTCacheOutput="$tmp/cil25k.aot" -jar "$JAR" __train --kernel >/dev/null 2>&1 || true
  modes+=("$J25 -jar $JAR" "$J25 $FLAGS -XX:AOTCache=$tmp/cil25.aot -jar $JAR" "$J25 $FLAGS -XX:AOTCache=$tmp/cil25k.aot -jar $JAR")
  names+=("JDK 25, plain java -jar" "JDK 25, AOT cache (full) + C1 + SerialGC" "JDK 25, AOT cache (kernel) + C1 + SerialGC")
fi
modes+=("$CIL"); names+=("installed launcher (cil on PATH)")
printf '%-44s %12s %12s %12s\n' "mode" "prog show" "--help" "status"
for i in "${!modes[@]}"; do
  wait_idle
  hyperfine -N --warmup 3 --runs 15 --export-json "$tmp/mode$i.json" \
    "${modes[$i]} prog show" "${modes[$i]} --help" "${modes[$i]} status" >/dev/null 2>&1
  printf '%-44s %12s %12s %12s\n' "${names[$i]}" "$(hf_median "$tmp/mode$i.json" 0 | ms)" \
    "$(hf_median "$tmp/mode$i.json" 1 | ms)" "$(hf_median "$tmp/mode$i.json" 2 | ms)"
done
unset CIL_NODE

# --- inside cil shell: 100 prog show lines vs 1 ---
echo "== per command inside cil shell (prog show) vs one-shot bpftool"
for _ in $(seq 100); do echo "prog show"; done > "$tmp/script100"; echo "prog show" > "$tmp/script1"
wait_idle
hyperfine -N --warmup 2 --runs 10 --export-json "$tmp/shell.json" \
  "sh -c '$CIL shell < $tmp/script100 > /dev/null'" "sh -c '$CIL shell < $tmp/script1 > /dev/null'" "$BPFTOOL prog show" >/dev/null 2>&1
per=$(echo "($(hf_median "$tmp/shell.json" 0) - $(hf_median "$tmp/shell.json" 1)) / 99" | bc -l)
one=$(hf_median "$tmp/shell.json" 2)
printf 'cil shell, per prog show: %s; one-shot bpftool prog show: %s; ratio %.2fx\n' "$(echo "$per" | ms)" "$(echo "$one" | ms)" "$(echo "$per / $one" | bc -l)"
echo "targets: one-shot cil prog show <= 100 ms median; a command inside the shell no slower than one-shot bpftool"

#!/usr/bin/env bash
# Map dump throughput: a 1,000,000-entry hash map (key 4 B, value 8 B), dumped by `cil map dump`
# (text and -j) and by `bpftool map dump` (text and -j), output to /dev/null, in the same rounds.
# Prints entries/s for each and the ratio cil/bpftool. Target: >= 5x bpftool's entries/s.
source "$(dirname "$0")/lib.sh"
need hyperfine hyperfine
need python3 python3
N=${N:-1000000}
LIB=${CIL_LIB:-/usr/local/lib/cil}
PIN=/sys/fs/bpf/cil-bench-$$-big
tmp=$(mktemp -d)
trap 'rm -f "$PIN"; rm -rf "$tmp"' EXIT
$BPFTOOL map create "$PIN" type hash key 4 value 8 entries "$N" name cilbench$$ 2>/dev/null || \
  $BPFTOOL map create "$PIN" type hash key 4 value 8 entries "$N" name cilbench
JAVA=$(sed -n 's/^exec "\([^"]*\)".*/\1/p' "$(command -v "$CIL")")
"${JAVA:-java}" --enable-native-access=ALL-UNNAMED -cp "$LIB/cil.jar" "$(dirname "$0")/FillMap.java" "$PIN" "$N"
object_counts
for r in $(seq 1 "$ROUNDS"); do
  wait_idle
  hyperfine -N --warmup 1 --runs 3 --export-json "$tmp/r$r.json" \
    "$CIL map dump pinned $PIN" "$BPFTOOL map dump pinned $PIN" \
    "$CIL -j map dump pinned $PIN" "$BPFTOOL -j map dump pinned $PIN" >/dev/null 2>&1
  for i in 0 1 2 3; do hf_median "$tmp/r$r.json" $i >> "$tmp/m$i"; done
  echo "$(hf_median "$tmp/r$r.json" 1) / $(hf_median "$tmp/r$r.json" 0)" | bc -l >> "$tmp/text"
  echo "$(hf_median "$tmp/r$r.json" 3) / $(hf_median "$tmp/r$r.json" 2)" | bc -l >> "$tmp/json"
done
eps() { awk -v n="$N" '{printf "%.2f M entries/s (%.2f s)", n/$1/1e6, $1}'; }
i=0; for c in "cil map dump (text)" "bpftool map dump (text)" "cil -j map dump" "bpftool -j map dump"; do
  printf '%-26s %s\n' "$c" "$(median < "$tmp/m$i" | eps)"; i=$((i+1))
done
printf 'ratio cil/bpftool entries/s, text: %.1fx (rounds %s)\n' "$(median < "$tmp/text")" "$(minmax < "$tmp/text")"
printf 'ratio cil/bpftool entries/s, json: %.1fx (rounds %s)\n' "$(median < "$tmp/json")" "$(minmax < "$tmp/json")"
echo "max RSS of cil dumping $N entries: $(/usr/bin/time -f '%M KB' $CIL map dump pinned "$PIN" 2>&1 >/dev/null | tail -1)"
echo "target: >= 5x bpftool"

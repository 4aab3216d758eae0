#!/usr/bin/env bash
# One-shot latency: median wall time of `cil prog show`, `cil map list` (and `cil --help`) against
# `bpftool prog show`, `bpftool map list`, measured in the same rounds with hyperfine -N.
# Usage: bench/cli-latency.sh            (uses `cil` on PATH; CIL=… to pick another launcher)
source "$(dirname "$0")/lib.sh"
need hyperfine hyperfine
need python3 python3
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
object_counts
declare -A ratios
for r in $(seq 1 "$ROUNDS"); do
  wait_idle
  hyperfine -N --warmup 3 --runs 20 --export-json "$tmp/r$r.json" \
    "$CIL prog show" "$BPFTOOL prog show" "$CIL map list" "$BPFTOOL map list" "$CIL --help" >/dev/null 2>&1
  for i in 0 1 2 3 4; do hf_median "$tmp/r$r.json" $i >> "$tmp/m$i"; done
  echo "$(hf_median "$tmp/r$r.json" 0) / $(hf_median "$tmp/r$r.json" 1)" | bc -l >> "$tmp/ratio_prog"
  echo "$(hf_median "$tmp/r$r.json" 2) / $(hf_median "$tmp/r$r.json" 3)" | bc -l >> "$tmp/ratio_map"
done
ms() { awk '{printf "%.1f ms", $1*1000}'; }
printf '%-22s %-12s %-12s\n' "command" "median" "min-max (s)"
i=0; for c in "cil prog show" "bpftool prog show" "cil map list" "bpftool map list" "cil --help"; do
  printf '%-22s %-12s %s\n' "$c" "$(median < "$tmp/m$i" | ms)" "$(minmax < "$tmp/m$i")"; i=$((i+1))
done
printf 'ratio cil/bpftool prog show: %.1fx (rounds %s)\n' "$(median < "$tmp/ratio_prog")" "$(minmax < "$tmp/ratio_prog")"
printf 'ratio cil/bpftool map list:  %.1fx (rounds %s)\n' "$(median < "$tmp/ratio_map")" "$(minmax < "$tmp/ratio_map")"
echo "target: one-shot cil prog show <= 100 ms median"

#!/usr/bin/env bash
# Object load time: the project's datapath (bpf_lxc.o, the largest object: tail calls, subprograms,
# BTF maps pinned by name) loaded with `cil prog loadall` vs `bpftool prog loadall`, in the same rounds.
# Each load runs in a private mount namespace with its own bpffs, so by-name pins never collide and
# everything vanishes with the namespace; both tools pay the same unshare + mount.
source "$(dirname "$0")/lib.sh"
need hyperfine hyperfine
need python3 python3
LIB=${CIL_LIB:-/usr/local/lib/cil}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
OBJ=${OBJ:-$tmp/bpf_lxc.o}
[ -f "$OBJ" ] || (cd "$tmp" && unzip -qo "$LIB/cil.jar" bpf/bpf_lxc.o && mv bpf/bpf_lxc.o "$OBJ")
wrap() { echo "unshare -m --propagation private sh -c 'mount -t bpf bpf /sys/fs/bpf && $1 prog loadall $OBJ /sys/fs/bpf/p >/dev/null'"; }
object_counts
for r in $(seq 1 "$ROUNDS"); do
  wait_idle
  hyperfine -N --warmup 2 --runs 10 --export-json "$tmp/r$r.json" "$(wrap "$CIL")" "$(wrap "$BPFTOOL")" >/dev/null 2>&1
  hf_median "$tmp/r$r.json" 0 >> "$tmp/m0"; hf_median "$tmp/r$r.json" 1 >> "$tmp/m1"
  echo "$(hf_median "$tmp/r$r.json" 0) / $(hf_median "$tmp/r$r.json" 1)" | bc -l >> "$tmp/ratio"
done
ms() { awk '{printf "%.1f ms", $1*1000}'; }
echo "object: $OBJ ($(stat -c %s "$OBJ") bytes)"
printf '%-28s %s (min-max %s s)\n' "cil prog loadall" "$(median < "$tmp/m0" | ms)" "$(minmax < "$tmp/m0")"
printf '%-28s %s (min-max %s s)\n' "bpftool prog loadall" "$(median < "$tmp/m1" | ms)" "$(minmax < "$tmp/m1")"
printf 'ratio cil/bpftool: %.2fx (rounds %s)\n' "$(median < "$tmp/ratio")" "$(minmax < "$tmp/ratio")"

# Shared helpers for bench/ scripts (sourced). Peers and cil run in the same round, medians over rounds.
set -euo pipefail
CIL=${CIL:-cil}
BPFTOOL=${BPFTOOL:-bpftool}
ROUNDS=${ROUNDS:-5}

need() { command -v "$1" >/dev/null || { echo "bench: $1 is required (apt-get install $2)" >&2; exit 1; }; }

# Wait until the CPUs are idle (< 20 % busy over 1 s), at most 60 s; say so if they never are.
wait_idle() {
  local i busy
  for i in $(seq 1 60); do
    read -r _ a b c d e f g _ < /proc/stat; local t1=$((a+b+c+d+e+f+g)) i1=$d
    sleep 1
    read -r _ a b c d e f g _ < /proc/stat; local t2=$((a+b+c+d+e+f+g)) i2=$d
    busy=$(( 100 * ( (t2-t1) - (i2-i1) ) / (t2-t1) ))
    [ "$busy" -lt 20 ] && return 0
  done
  echo "bench: warning: CPUs still ${busy}% busy after 60 s; numbers are noisy" >&2
}

# median of numbers on stdin
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
minmax() { sort -g | awk 'NR==1{mi=$1} {ma=$1} END {printf "%.4g-%.4g", mi, ma}'; }

# hyperfine median (seconds) of one command, from its JSON export
hf_median() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]["median"])' "$1" "$2"; }

object_counts() {
  echo "objects on the machine: $($BPFTOOL prog show | grep -c '^[0-9]') progs, $($BPFTOOL map show | grep -c '^[0-9]') maps"
}

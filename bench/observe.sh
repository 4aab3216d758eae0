#!/usr/bin/env bash
# Flow observation throughput (issue 6): two pods on the cil datapath (cli/src/test/sh/observe-pods.sh, in
# namespaces cil-bench-<pid>-*), then
#   1. decode: real datapath records captured from a ping flood and HTTP, decoded in-process (bench/ObserveBench.java):
#      records/s through EventDecoder, flows/s through EventDecoder + FlowBuilder (+ store, + json line).
#      Target: >= 200,000 flows/s decoded.
#   2. live: a bounded pod-to-pod ping flood (monitor aggregation "none": 4 events per echo) read from the
#      ring buffer by the floor (a RingBufReader that only counts records) and by the full pipeline (FlowPump),
#      alternating; records/s, flows/s, and the events the datapath lost (cilium_evt_lost), never silent.
#   3. print: `cil observe --input-file FLOWS -o json > /dev/null` and `-o compact`, flows/s printed, with the
#      installed launcher's JVM flags (C1 only) and with the default JIT.
# Run as root from the repository: sudo bench/observe.sh   (CIL_JAR=path/to/cil.jar to choose the jar)
source "$(dirname "$0")/lib.sh"
need python3 python3
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${CIL_JAR:-$ROOT/cli/target/cil.jar}
[ -f "$JAR" ] || JAR=/usr/local/lib/cil/cil.jar
JAVA=$(sed -n 's/^exec "\([^"]*\)".*/\1/p' "$(command -v cil 2>/dev/null || echo /dev/null)" 2>/dev/null || true)
JAVA=${JAVA:-java}
JFFI=$(ls -d /usr/local/lib/cil/native/jni/* 2>/dev/null | head -1 || true)
JOPTS=(-XX:+UseSerialGC ${JFFI:+-Djffi.boot.library.path=$JFFI})
[ "$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')" -ge 22 ] 2>/dev/null &&
  JOPTS+=(--enable-native-access=ALL-UNNAMED)
FLOWS=${FLOWS:-200000}
COUNT=${COUNT:-20000}
PFX=cil-bench-$$
tmp=$(mktemp -d)
fifo=$tmp/hold
mkfifo "$fifo"
topo_pid=""
cleanup() {
  exec 9>&- 2>/dev/null || true          # EOF on the topology script's stdin: it removes everything
  [ -n "$topo_pid" ] && wait "$topo_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
[ "$(id -u)" -eq 0 ] || { echo "bench: run as root (namespaces, BPF)" >&2; exit 1; }

mkdir -p "$tmp/obj"
(cd "$tmp/obj" && unzip -q -o "$JAR" 'bpf/bpf_lxc.o' && mv bpf/bpf_lxc.o .) ||
  cp "$ROOT/bpf-programs/target/classes/bpf/bpf_lxc.o" "$tmp/obj/"
bash "$ROOT/cli/src/test/sh/observe-pods.sh" "$PFX" "$tmp/obj" <"$fifo" >"$tmp/topo.out" &
topo_pid=$!
exec 9>"$fifo"
for _ in $(seq 300); do grep -q '^READY$' "$tmp/topo.out" && break; sleep 0.1; done
grep -q '^READY$' "$tmp/topo.out" || { echo "bench: topology did not come up" >&2; cat "$tmp/topo.out" >&2; exit 1; }
val() { sed -n "s/^$1=//p" "$tmp/topo.out"; }
EV=$(val EVENTS_MAP_ID) LOST=$(val LOST_MAP_ID) CFG=$(val NODE_CFG_MAP_ID) NSA=$(val NS_A) IPB=$(val IP_B)
echo "jar: $JAR; java: $("$JAVA" -version 2>&1 | head -1)"
object_counts

echo "== 1. decode (in-process, real records)"
wait_idle
"$JAVA" "${JOPTS[@]}" -cp "$JAR" "$ROOT/bench/ObserveBench.java" decode "$EV" "$CFG" "$NSA" "$IPB" "$tmp/flows.json" "$FLOWS"
echo "target: >= 200,000 flows/s decoded"

echo "== 2. live: pod-to-pod ping flood of $COUNT echoes, aggregation none ($ROUNDS rounds)"
wait_idle
"$JAVA" "${JOPTS[@]}" -cp "$JAR" "$ROOT/bench/ObserveBench.java" live "$EV" "$LOST" "$CFG" "$NSA" "$IPB" "$COUNT" "$ROUNDS"

echo "== 3. print: cil observe --input-file ($FLOWS flows) > /dev/null"
n=$(wc -l <"$tmp/flows.json")
run_print() { # label, java flags…, -- cil args…
  local label=$1; shift
  local flags=() args=()
  while [ "$1" != "--" ]; do flags+=("$1"); shift; done; shift
  args=("$@")
  : >"$tmp/times"
  for r in $(seq 1 "$ROUNDS"); do
    local t0 t1
    t0=$(date +%s%N)
    "$JAVA" "${flags[@]}" -jar "$JAR" "${args[@]}" >/dev/null
    t1=$(date +%s%N)
    echo "($t1 - $t0) / 1000000000" | bc -l >>"$tmp/times"
  done
  printf '%-40s %10.0f flows/s (median of %s runs, %.2f s; incl. JVM start)\n' "$label" \
    "$(echo "$n / $(median <"$tmp/times")" | bc -l)" "$ROUNDS" "$(median <"$tmp/times")"
}
wait_idle
C1=(-XX:TieredStopAtLevel=1 "${JOPTS[@]}")
run_print "-o json, launcher flags (C1)" "${C1[@]}" -- observe --input-file "$tmp/flows.json" -o json
run_print "-o json, default JIT" "${JOPTS[@]}" -- observe --input-file "$tmp/flows.json" -o json
run_print "-o compact, launcher flags (C1)" "${C1[@]}" -- observe --input-file "$tmp/flows.json"
run_print "-o compact, default JIT" "${JOPTS[@]}" -- observe --input-file "$tmp/flows.json"

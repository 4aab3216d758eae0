#!/usr/bin/env bash
# Pod-to-pod through our datapath against the same namespaces routed by the kernel without BPF:
# iperf3 TCP throughput (1 and 4 streams; client on CPU 0 in pod A, server on CPU 1 in pod B),
# ping RTT, and the daemon's RSS. Every round runs both paths, in the same order; the ratio is
# cil / kernel per round, median over rounds. Needs root, iperf3, ping. Everything lives in
# namespaces named after this run (cil-bench-PID…, node benchPID) and is removed on exit.
#   (kernel) node namespace with ip_forward=1, pods with a /32 and a default route via the router
#            address, /32 routes on the node's veths: the baseline of performance.md §3 (b)
#   (cil)    a cil node (cil daemon start) with two pods (cil endpoint create): cil_from_container
#            forwards with bpf_redirect_peer after the lookups, ct and metrics
source "$(dirname "$0")/lib.sh"
need iperf3 iperf3
need ping iputils-ping
[ "$(id -u)" = 0 ] || { echo "bench: needs root" >&2; exit 1; }
DUR=${DUR:-5}
ROUNDS=${ROUNDS:-3}
node=bench$$
p=cilbench$$
tmp=$(mktemp -d)
cleanup() {
  set +e
  for pid in $(cat "$tmp"/*.pid 2>/dev/null); do kill "$pid" 2>/dev/null; done
  $CIL -N "$node" daemon clean >/dev/null 2>&1
  # the servers daemonize (-D); whatever still runs in our namespaces is ours: end it by PID first
  for ns in ${p}n ${p}a ${p}b; do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill "$pid" 2>/dev/null; done
    ip netns del "$ns" 2>/dev/null
  done
  rm -rf "$tmp"
}
trap cleanup EXIT

# --- (kernel) path ---
ip netns add ${p}n; ip netns add ${p}a; ip netns add ${p}b
ip netns exec ${p}n sysctl -qw net.ipv4.ip_forward=1
R=10.223.0.254
for x in a b; do
  addr=10.223.0.$([ $x = a ] && echo 1 || echo 2)
  ip -n ${p}n link add ${p}v$x type veth peer name eth0 netns ${p}$x
  ip -n ${p}n addr add $R/32 dev ${p}v$x
  ip -n ${p}n link set ${p}v$x up
  ip -n ${p}n route add $addr/32 dev ${p}v$x
  ip -n ${p}$x addr add $addr/32 dev eth0
  ip -n ${p}$x link set eth0 up; ip -n ${p}$x link set lo up
  ip -n ${p}$x route add $R dev eth0 scope link
  ip -n ${p}$x route add default via $R
done
kexec() { ip netns exec "${p}$1" "${@:2}"; }
KB=10.223.0.2

# --- (cil) path ---
$CIL -N "$node" daemon start --pod-cidr 10.224.0.0/24 >/dev/null
$CIL -N "$node" endpoint create bench-a --labels app=bench >/dev/null
$CIL -N "$node" endpoint create bench-b --labels app=bench >/dev/null
cexec() { $CIL -N "$node" endpoint exec "bench-$1" -- "${@:2}"; }
CB=$($CIL -N "$node" -o json endpoint get bench-b | python3 -c 'import json,sys; d=json.load(sys.stdin); d=d[0] if isinstance(d,list) else d; print(d["status"]["networking"]["addressing"][0]["ipv4"])')

# servers, pinned to CPU 1
kexec b taskset -c 1 iperf3 -s -D -p 5201 --pidfile "$tmp/k.pid"
cexec b taskset -c 1 iperf3 -s -D -p 5201 --pidfile "$tmp/c.pid"
sleep 1
ttl() { grep -o 'ttl=[0-9]*' | head -1; }
echo "paths: kernel $(kexec a ping -c 1 -W 1 $KB | ttl) (routed by the node's kernel), cil $(cexec a ping -c 1 -W 1 $CB | ttl) (forwarded by cil_from_container)"

gbits() { python3 -c 'import json,sys; print(json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"]/1e9)'; }
rtt() { awk -F'/' '/^rtt|^round-trip/{print $5}'; }
for r in $(seq 1 "$ROUNDS"); do
  wait_idle
  for s in 1 4; do
    k=$(kexec a taskset -c 0 iperf3 -c $KB -t "$DUR" -P $s -J | gbits)
    c=$(cexec a taskset -c 0 iperf3 -c $CB -t "$DUR" -P $s -J | gbits)
    echo "$k" >> "$tmp/k$s"; echo "$c" >> "$tmp/c$s"; echo "$c / $k" | bc -l >> "$tmp/r$s"
  done
  k=$(kexec a ping -c 300 -i 0.002 -q $KB | rtt); c=$(cexec a ping -c 300 -i 0.002 -q $CB | rtt)
  echo "$k" >> "$tmp/kp"; echo "$c" >> "$tmp/cp"; echo "$c / $k" | bc -l >> "$tmp/rp"
done
for s in 1 4; do
  printf 'TCP %d stream(s): kernel %.1f Gbit/s, cil %.1f Gbit/s, ratio %.2fx (rounds %s)\n' "$s" \
    "$(median < "$tmp/k$s")" "$(median < "$tmp/c$s")" "$(median < "$tmp/r$s")" "$(minmax < "$tmp/r$s")"
done
printf 'ping avg RTT: kernel %.3f ms, cil %.3f ms, ratio %.2fx\n' "$(median < "$tmp/kp")" "$(median < "$tmp/cp")" "$(median < "$tmp/rp")"
pid=$(cat /run/cil/$node/cil.pid)
echo "daemon RSS: $(( $(awk '/VmRSS/{print $2}' /proc/$pid/status) / 1024 )) MiB with 2 pods"
echo "target: throughput >= 1.0x of the kernel-routed baseline"

#!/usr/bin/env bash
# Pod creation rate: N pods (default 50) on a fresh node with cil, against a plain iproute2 script
# doing the same plumbing (a namespace, a veth with the peer created in it as eth0, a /32, MTU, lo up,
# a link route and a default route via the router, the /32 route on the host side) — the floor.
#
#   cil (API):  POST /v1/endpoint with curl over the daemon's socket, one pod after another
#               (what the daemon itself costs: IPAM, identity, state written twice, netlink, maps, tcx)
#   cil (CLI):  `cil endpoint create` once per pod (adds a JVM start per pod)
#   iproute2:   one `ip` process per operation
#
# Prints pods/s for each, the ratio API/iproute2, the daemon's own per-pod time (from its log) and
# its RSS with N pods. Needs root. Uses `cil` on PATH (CIL=… to pick another launcher). The node's
# objects are loaded once, by `daemon start`, before the clock starts.
source "$(dirname "$0")/lib.sh"
need curl curl
need ip iproute2
N=${N:-50}
[ "$(id -u)" = 0 ] || { echo "bench: needs root" >&2; exit 1; }
tmp=$(mktemp -d)
node=bench$$
cidr=10.222.0.0/24
router=10.222.0.1
peer_prefix=cilbench$$

cleanup() {
  set +e
  $CIL -N "$node" daemon clean >/dev/null 2>&1
  for ns in $(ip netns list | awk '{print $1}' | grep "^$peer_prefix"); do ip netns del "$ns"; done
  rm -rf "$tmp"
}
trap cleanup EXIT

now() { date +%s.%N; }
rate() { echo "$1 / ($3 - $2)" | bc -l; }

wait_idle
$CIL -N "$node" daemon start --pod-cidr "$cidr" >/dev/null
sock=/run/cil/$node/cil.sock

# --- cil through the API (curl) ---
t0=$(now)
for i in $(seq 1 "$N"); do
  code=$(curl -s -o /dev/null -w '%{http_code}' --unix-socket "$sock" -X POST \
    -d "{\"k8s-pod-name\":\"api$i\",\"labels\":[\"app=bench\"]}" http://localhost/v1/endpoint)
  [ "$code" = 201 ] || { echo "bench: create api$i: HTTP $code" >&2; exit 1; }
done
t1=$(now)
rss=$(awk '/VmRSS/{print $2}' "/proc/$(cat /run/cil/$node/cil.pid)/status")
per_pod=$(grep -o 'created endpoint .* in [0-9]* ms' "/run/cil/$node/daemon.log" | awk '{print $(NF-1)}' | median)

# --- cil through the CLI (one JVM per pod) ---
M=$(( N < 10 ? N : 10 ))
t2=$(now)
for i in $(seq 1 "$M"); do $CIL -N "$node" endpoint create "cli$i" --labels app=bench >/dev/null; done
t3=$(now)

# --- the iproute2 floor ---
wait_idle
fl=${peer_prefix}node
ip netns add "$fl"
ip -n "$fl" link set lo up
ip -n "$fl" link add cilium_host type veth peer name cilium_net
ip -n "$fl" addr add "$router/32" dev cilium_host
ip -n "$fl" link set cilium_host up
ip -n "$fl" link set cilium_net up
t4=$(now)
for i in $(seq 1 "$N"); do
  ns=${peer_prefix}_$i; lxc=lxcbench$i; addr=10.222.1.$((i + 1))
  ip netns add "$ns"
  ip -n "$ns" link set lo up
  ip -n "$fl" link add "$lxc" type veth peer name eth0 netns "$ns"
  ip -n "$ns" link set eth0 mtu 1500
  ip -n "$ns" addr add "$addr/32" dev eth0
  ip -n "$ns" link set eth0 up
  ip -n "$ns" route add "$router" dev eth0 scope link
  ip -n "$ns" route add default via "$router" dev eth0
  ip -n "$fl" link set "$lxc" mtu 1500 up
  ip -n "$fl" route add "$addr/32" dev "$lxc" scope link
done
t5=$(now)

api=$(rate "$N" "$t0" "$t1"); cli=$(rate "$M" "$t2" "$t3"); floor=$(rate "$N" "$t4" "$t5")
printf '%-34s %8.1f pods/s\n' "cil endpoint create (API, $N pods)" "$api"
printf '%-34s %8.1f pods/s\n' "cil endpoint create (CLI, $M pods)" "$cli"
printf '%-34s %8.1f pods/s\n' "iproute2 script ($N pods)" "$floor"
printf 'ratio cil API / iproute2: %.2fx\n' "$(echo "$api / $floor" | bc -l)"
printf 'daemon: median %s ms per pod (its log), RSS %d MiB with %d pods\n' "$per_pod" "$((rss / 1024))" "$((N + M))"
echo "target: >= 20 pods/s through the daemon"

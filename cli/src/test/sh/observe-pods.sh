#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Two pods on one node for the observe/monitor kernel tests and bench/observe.sh,
# built the way bpf-programs/test/datapath-smoke.sh builds them: namespaces
# PREFIX-node, PREFIX-a ("netpod", 10.200.0.10) and PREFIX-b ("webpod1",
# 10.200.0.20), lxc veths, bpf_lxc.o loaded with bpftool and attached with tc
# clsact filters, the maps filled (monitor aggregation "medium", Cilium's
# default). An HTTP server listens on pod B:80 (HTTP/1.1, so the client closes
# first); port 8080 is closed.
#
# Usage: observe-pods.sh PREFIX BPF_OBJECT_DIR
#   Prints KEY=VALUE lines (map ids, names, addresses, ifindexes), then READY,
#   and waits until its stdin is closed; then it removes everything it made.
#   The caller opens the maps by id meanwhile.
#
# The namespaces are made in the machine's mount namespace (so that the
# caller's `ip netns exec` works). Loading, pinning and attaching run, as in
# the smoke test, in a private mount namespace with a fresh bpffs on
# /sys/fs/bpf, so the by-name pins never reach the machine's bpffs; that part
# stays alive until stdin is closed, because its pins are the prog array's
# user-space reference (the kernel empties a prog array, and so the tail calls,
# when the last one goes). Nothing touches the root network namespace.
set -euo pipefail

ROUTER=10.200.0.1 POD_CIDR=10.200.0.0 POD_MASK=255.255.255.0
IP_A=10.200.0.10 IP_B=10.200.0.20
ID_A=39126 ID_B=25054 EP_A=416 EP_B=905 HOST_EP=1234
MAPS=/sys/fs/bpf

hex_ip() { local IFS=.; set -- $1; printf '%02x %02x %02x %02x' "$1" "$2" "$3" "$4"; }
hex_le32() { printf '%02x %02x %02x %02x' $(($1 & 255)) $(($1 >> 8 & 255)) $(($1 >> 16 & 255)) $(($1 >> 24 & 255)); }
hex_le16() { printf '%02x %02x' $(($1 & 255)) $(($1 >> 8 & 255)); }
zeros() { local i out=""; for ((i = 0; i < $1; i++)); do out+="00 "; done; echo "${out% }"; }
json_field() { python3 -c 'import json,sys; d=json.load(sys.stdin); d=d[0] if isinstance(d,list) else d; print(d[sys.argv[1]])' "$1"; }
mac_of() { ip -n "$1" -j link show dev "$2" | json_field address; }
ifindex_of() { ip -n "$1" -j link show dev "$2" | json_field ifindex; }

# ------------------------------------------------ inner: private bpffs --
if [[ ${1:-} == --inner ]]; then
	# environment: PFX OBJ_DIR NS_N LXC_A LXC_B IFX_A IFX_B MAC_A MAC_B MAC_LXC_A MAC_LXC_B HOST_IFINDEX
	trap 'umount /sys/fs/bpf 2>/dev/null' EXIT
	mount -t bpf bpf /sys/fs/bpf
	PIN=$MAPS/$PFX
	mkdir -p "$PIN"
	map_update() { bpftool map update pinned "$MAPS/$1" key hex $2 value hex $3; }
	map_id() { bpftool -j map show pinned "$MAPS/$1" | json_field id; }
	ep_key() { echo "$(hex_ip "$1") $(zeros 12) 01 00 00 00"; }
	ep_value() {
		echo "$(hex_le32 "$1") 00 00 $(hex_le16 "$2") $(hex_le32 "$3") $(zeros 4)" \
			"${4//:/ } 00 00 ${5//:/ } 00 00 $(hex_le32 "$6") $(zeros 12)"
	}
	ipc_key() { echo "$(hex_le32 $((32 + $2))) 00 00 00 01 $(hex_ip "$1") $(zeros 12)"; }
	ipc_value() { echo "$(hex_le32 "$1") $(zeros 8)"; }

	bpftool prog loadall "$OBJ_DIR/bpf_lxc.o" "$PIN/progs"
	map_update cilium_lxc "$(ep_key $IP_A)" "$(ep_value "$IFX_A" $EP_A 0 "$MAC_A" "$MAC_LXC_A" $ID_A)"
	map_update cilium_lxc "$(ep_key $IP_B)" "$(ep_value "$IFX_B" $EP_B 0 "$MAC_B" "$MAC_LXC_B" $ID_B)"
	map_update cilium_lxc "$(ep_key $ROUTER)" "$(ep_value 0 0 1 00:00:00:00:00:00 00:00:00:00:00:00 0)"
	map_update cilium_ipcache "$(ipc_key $IP_A 32)" "$(ipc_value $ID_A)"
	map_update cilium_ipcache "$(ipc_key $IP_B 32)" "$(ipc_value $ID_B)"
	map_update cilium_ipcache "$(ipc_key $ROUTER 32)" "$(ipc_value 1)"
	map_update cilium_ipcache "$(ipc_key 0.0.0.0 0)" "$(ipc_value 2)"
	map_update cilium_node_cfg "00 00 00 00" \
		"$(hex_ip $ROUTER) $(hex_ip $POD_CIDR) $(hex_ip $POD_MASK) $(hex_le32 "$HOST_IFINDEX") $(hex_le16 $HOST_EP) 03 00 $(zeros 4)"
	for dev in "$LXC_A" "$LXC_B"; do
		nsenter --net="/run/netns/$NS_N" tc qdisc add dev "$dev" clsact
		nsenter --net="/run/netns/$NS_N" tc filter add dev "$dev" ingress bpf da pinned "$PIN/progs/cil_from_container"
		nsenter --net="/run/netns/$NS_N" tc filter add dev "$dev" egress bpf da pinned "$PIN/progs/cil_to_container"
	done
	echo "EVENTS_MAP_ID=$(map_id cilium_events)"
	echo "LOST_MAP_ID=$(map_id cilium_evt_lost)"
	echo "NODE_CFG_MAP_ID=$(map_id cilium_node_cfg)"
	echo "METRICS_MAP_ID=$(map_id cilium_metrics)"
	echo "READY"
	cat >/dev/null || true # until the caller closes stdin
	exit 0
fi

# ------------------------------------------------ outer: the namespaces --
PFX=$1
OBJ_DIR=$2
NS_N="$PFX-node" NS_A="$PFX-a" NS_B="$PFX-b"
WORK=$(mktemp -d "/tmp/$PFX.XXXXXX")
SERVER_PID=""

cleanup() {
	set +e
	[[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null
	for ns in "$NS_A" "$NS_B" "$NS_N"; do
		pids=$(ip netns pids "$ns" 2>/dev/null)
		[[ -n "$pids" ]] && kill $pids 2>/dev/null
		ip netns del "$ns" 2>/dev/null
	done
	rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for ns in "$NS_N" "$NS_A" "$NS_B"; do
	ip netns add "$ns"
	ip -n "$ns" link set lo up
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
ip netns exec "$NS_N" sysctl -qw net.ipv4.ip_forward=0
ip -n "$NS_N" link add cilium_host type veth peer name cilium_net
ip -n "$NS_N" addr add "$ROUTER/32" dev cilium_host
ip -n "$NS_N" link set cilium_host up
ip -n "$NS_N" link set cilium_net up
LXC_A="lxc$(printf '%s' "$NS_A" | sha256sum | cut -c1-12)"
LXC_B="lxc$(printf '%s' "$NS_B" | sha256sum | cut -c1-12)"
add_pod() { # ns lxc ip
	ip -n "$NS_N" link add "$2" type veth peer name eth0 netns "$1"
	ip -n "$1" addr add "$3/32" dev eth0
	ip -n "$1" link set eth0 up
	ip -n "$1" route add "$ROUTER" dev eth0 scope link
	ip -n "$1" route add default via "$ROUTER"
	ip -n "$NS_N" link set "$2" up
	ip -n "$NS_N" route add "$3/32" dev "$2"
}
add_pod "$NS_A" "$LXC_A" "$IP_A"
add_pod "$NS_B" "$LXC_B" "$IP_B"

mkdir -p "$WORK/www"
echo "hello from $PFX" >"$WORK/www/index.html"
ip netns exec "$NS_B" python3 -c '
import http.server, socketserver, sys
class Server(socketserver.TCPServer):
    allow_reuse_address = True
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        body = open(sys.argv[2], "rb").read()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass
Server((sys.argv[1], 80), Handler).serve_forever()
' "$IP_B" "$WORK/www/index.html" </dev/null >"$WORK/http.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 100); do
	[[ $(ip netns exec "$NS_B" ss -ltnH "sport = :80") == *LISTEN* ]] && break
	sleep 0.1
done

echo "NS_NODE=$NS_N"
echo "NS_A=$NS_A"
echo "NS_B=$NS_B"
echo "IP_A=$IP_A"
echo "IP_B=$IP_B"
echo "ROUTER=$ROUTER"
echo "LXC_A=$LXC_A"
echo "LXC_B=$LXC_B"
export PFX OBJ_DIR NS_N LXC_A LXC_B
export IFX_A=$(ifindex_of "$NS_N" "$LXC_A") IFX_B=$(ifindex_of "$NS_N" "$LXC_B")
export MAC_A=$(mac_of "$NS_A" eth0) MAC_B=$(mac_of "$NS_B" eth0)
export MAC_LXC_A=$(mac_of "$NS_N" "$LXC_A") MAC_LXC_B=$(mac_of "$NS_N" "$LXC_B")
export HOST_IFINDEX=$(ifindex_of "$NS_N" cilium_host)
echo "IFX_A=$IFX_A"
echo "IFX_B=$IFX_B"
# the inner part prints the map ids and READY, then holds its bpffs until stdin closes
unshare --mount --propagation private "$BASH" "$0" --inner

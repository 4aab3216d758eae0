#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Smoke test of the cil datapath (bpf_lxc.o, bpf_host.o) on one node.
# Run as root: bpf-programs/test/datapath-smoke.sh   (exit 0 = all passed)
#   CIL_DP_ATTACH=tcx   attach with tcx links (as the Java loader does)
#                       instead of tc clsact filters (the default)
#   CIL_DP_DEBUG=1      on failure, print metrics, events and conntrack
#
# Builds, in network namespaces named cil-dp-<pid>-*, the topology the daemon
# builds: a node namespace with cilium_host/cilium_net, two pods behind
# lxc... veths, and an uplink to an "outside" namespace; loads both objects
# with bpftool, fills the maps, attaches with tc clsact or tcx, then checks
# forwarding, conntrack, metrics and events.
#
# bpffs: both objects pin their maps by name (LIBBPF_PIN_BY_NAME), which
# libbpf does under /sys/fs/bpf/<map name>; bpftool 7.1's `pinmaps DIR`
# cannot move such maps (libbpf: "already has pin path ... different from
# ...") and has no option for another pin root. So the script re-runs itself
# in a private mount namespace and mounts a fresh bpffs on /sys/fs/bpf there:
# the by-name pins (shared by the two objects) and the program pins under
# /sys/fs/bpf/cil-dp-<pid>/ never appear in the machine's bpffs, and vanish
# with the mount namespace even if this script is killed.
# Nothing touches the root network namespace.

set -euo pipefail

if [[ -z "${CIL_DP_PRIVATE_MNT:-}" ]]; then
	exec env CIL_DP_PRIVATE_MNT=1 unshare --mount --propagation private \
		"$BASH" "$0" "$@"
fi

HERE=$(cd "$(dirname "$0")" && pwd)
BPF_DIR=$(dirname "$HERE")
ID=$$
PFX="cil-dp-$ID"
NS_N="$PFX-node"
NS_A="$PFX-a"
NS_B="$PFX-b"
NS_X="$PFX-ext"
WORK=$(mktemp -d "/tmp/$PFX.XXXXXX")
PIN="/sys/fs/bpf/$PFX"
MAPS=/sys/fs/bpf            # LIBBPF_PIN_BY_NAME pin root (private bpffs)
SERVER_PID=""
ATTACH=${CIL_DP_ATTACH:-tc}  # tc (clsact filters) or tcx (links, as the Java loader)
[[ $ATTACH == tc || $ATTACH == tcx ]] || { echo "CIL_DP_ATTACH must be tc or tcx" >&2; exit 2; }

ROUTER=10.200.0.1
POD_CIDR=10.200.0.0
POD_MASK=255.255.255.0
IP_A=10.200.0.10
IP_B=10.200.0.20
IP_UNUSED=10.200.0.99
ID_A=39126      # security identities (the seed's netpod / webpod)
ID_B=25054
EP_A=416        # endpoint IDs
EP_B=905
HOST_EP=1234
UPLINK_N=192.168.77.1
UPLINK_X=192.168.77.2

# fd 3/4: the script's own stdout/stderr, also when a trap runs while the
# shell's fd 1 points elsewhere (e.g. into a command substitution)
exec 3>&1 4>&2
PASS=0
log()  { printf '# %s\n' "$*" >&3; }
ok()   { PASS=$((PASS + 1)); printf 'ok %d - %s\n' "$PASS" "$*" >&3; }
fail() { printf 'not ok - %s\n' "$*" >&4; exit 1; }

cleanup() {
	local rc=$?
	set +e
	if [[ $rc -ne 0 && -n "${CIL_DP_DEBUG:-}" && -d "$PIN" ]]; then
		echo "# --- debug: http.log, metrics, events, ct" >&4
		cat "$WORK/http.log" >&4 2>/dev/null
		metrics >&4
		events >&4
		bpftool map dump pinned "$MAPS/cilium_ct4_global" >&4
	fi
	[[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
	for ns in "$NS_A" "$NS_B" "$NS_X" "$NS_N"; do
		# any process still running in one of our namespaces is ours
		pids=$(ip netns pids "$ns" 2>/dev/null)
		[[ -n "$pids" ]] && kill $pids 2>/dev/null
		ip netns del "$ns" 2>/dev/null
	done
	rm -rf "$PIN" "$WORK"
	for m in cilium_lxc cilium_ipcache cilium_metrics cilium_ct4_global \
		cilium_node_cfg cilium_events cilium_evt_lost cilium_calls_00; do
		rm -f "$MAPS/$m"
	done
	umount /sys/fs/bpf 2>/dev/null
	if [[ $rc -eq 0 ]]; then
		echo "# all $PASS checks passed" >&3
	else
		echo "# FAILED (exit $rc) after $PASS passed checks" >&4
	fi
	exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[[ $(id -u) -eq 0 ]] || fail "must run as root"
for tool in bpftool tc ip nsenter jq curl python3 ping make clang; do
	command -v "$tool" >/dev/null || fail "missing tool: $tool"
done

# ---------------------------------------------------------------- helpers --
inN() { ip netns exec "$NS_N" "$@"; }
inA() { ip netns exec "$NS_A" "$@"; }
inB() { ip netns exec "$NS_B" "$@"; }
# tc and bpftool need the pins: nsenter switches only the network namespace
# (ip netns exec would remount /sys and hide /sys/fs/bpf).
tcN() { nsenter --net="/run/netns/$NS_N" tc "$@"; }

hex_ip() { local IFS=.; set -- $1; printf '%02x %02x %02x %02x' "$1" "$2" "$3" "$4"; }
hex_le32() { printf '%02x %02x %02x %02x' $(($1 & 255)) $(($1 >> 8 & 255)) $(($1 >> 16 & 255)) $(($1 >> 24 & 255)); }
hex_le16() { printf '%02x %02x' $(($1 & 255)) $(($1 >> 8 & 255)); }
hex_mac() { echo "${1//:/ }"; }
zeros() { local i out=""; for ((i = 0; i < $1; i++)); do out+="00 "; done; echo "${out% }"; }
mac_of() { ip -n "$1" -j link show dev "$2" | jq -r '.[0].address'; }
ifindex_of() { ip -n "$1" -j link show dev "$2" | jq -r '.[0].ifindex'; }

map_update() { bpftool map update pinned "$MAPS/$1" key hex $2 value hex $3; }

# endpoint_key (20 B) for an IPv4 address
ep_key() { echo "$(hex_ip "$1") $(zeros 12) 01 00 00 00"; }
# endpoint_info (48 B): ifindex lxc_id flags mac node_mac sec_id
ep_value() {
	echo "$(hex_le32 "$1") 00 00 $(hex_le16 "$2") $(hex_le32 "$3") $(zeros 4)" \
		"$(hex_mac "$4") 00 00 $(hex_mac "$5") 00 00 $(hex_le32 "$6") $(zeros 12)"
}
# ipcache_key (24 B): address, prefix bits
ipc_key() { echo "$(hex_le32 $((32 + $2))) 00 00 00 01 $(hex_ip "$1") $(zeros 12)"; }
# remote_endpoint_info (12 B): identity
ipc_value() { echo "$(hex_le32 "$1") $(zeros 8)"; }

# node_config (24 B); $1 = monitor aggregation level
set_node_cfg() {
	map_update cilium_node_cfg "00 00 00 00" \
		"$(hex_ip $ROUTER) $(hex_ip $POD_CIDR) $(hex_ip $POD_MASK) $(hex_le32 "$HOST_IFINDEX") $(hex_le16 $HOST_EP) $(printf '%02x' "$1") 00 $(zeros 4)"
}

# Metrics summed over CPUs: prints "reason dir file count" lines.
metrics() {
	bpftool -j map dump pinned "$MAPS/cilium_metrics" | jq -r '
		.[] | .formatted as $f
		| [$f.key.reason, $f.key.dir, $f.key.file, ([$f.values[].value.count] | add)]
		| @tsv'
}
# Sum of counts for reason $1, dir $2, file $3.
metric_count() {
	metrics | awk -v r="$1" -v d="$2" -v f="$3" \
		'$1 == r && $2 == d && $3 == f { s += $4 } END { print s + 0 }'
}

events() { python3 "$HERE/ringbuf_dump.py" "$MAPS/cilium_events"; }

# ----------------------------------------------------------------- build --
log "building objects"
make -s -C "$BPF_DIR" OUT="$WORK/obj"
LXC_O="$WORK/obj/bpf_lxc.o"
HOST_O="$WORK/obj/bpf_host.o"

# -------------------------------------------------------------- topology --
log "topology in namespaces $PFX-*"
mount -t bpf bpf /sys/fs/bpf
mkdir -p "$PIN"

for ns in "$NS_N" "$NS_A" "$NS_B" "$NS_X"; do
	ip netns add "$ns"
	ip -n "$ns" link set lo up
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1
done
inN sysctl -qw net.ipv4.ip_forward=0

ip -n "$NS_N" link add cilium_host type veth peer name cilium_net
ip -n "$NS_N" addr add "$ROUTER/32" dev cilium_host
ip -n "$NS_N" link set cilium_host up
ip -n "$NS_N" link set cilium_net up
HOST_IFINDEX=$(ifindex_of "$NS_N" cilium_host)

lxc_name() { echo "lxc$(printf '%s' "$1" | sha256sum | cut -c1-12)"; }
LXC_A=$(lxc_name "$NS_A")
LXC_B=$(lxc_name "$NS_B")

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

ip -n "$NS_N" link add uplink0 type veth peer name ext0 netns "$NS_X"
ip -n "$NS_N" addr add "$UPLINK_N/24" dev uplink0
ip -n "$NS_X" addr add "$UPLINK_X/24" dev ext0
ip -n "$NS_N" link set uplink0 up
ip -n "$NS_X" link set ext0 up

[[ $(inN sysctl -n net.ipv4.ip_forward) == 0 ]] || fail "ip_forward is not 0 in $NS_N"
ok "topology built, ip_forward=0 in the node namespace"

# ------------------------------------------------------------------ load --
log "loading $LXC_O and $HOST_O"
bpftool prog loadall "$LXC_O" "$PIN/progs"
bpftool prog loadall "$HOST_O" "$PIN/progs"
for p in cil_from_container cil_to_container tail_handle_ipv4 tail_handle_arp \
	cil_to_host cil_from_host cil_from_netdev cil_to_netdev; do
	[[ -e "$PIN/progs/$p" ]] || fail "program $p not pinned"
done
map_id() { bpftool -j map show pinned "$MAPS/$1" | jq -r .id; }
prog_maps() { bpftool -j prog show pinned "$PIN/progs/$1" | jq -r '.map_ids[]'; }
for m in cilium_metrics cilium_events cilium_node_cfg cilium_ipcache; do
	id=$(map_id $m)
	prog_maps tail_handle_ipv4 | grep -qx "$id" || fail "$m ($id) not used by bpf_lxc.o"
	prog_maps cil_from_host | grep -qx "$id" || fail "$m ($id) not used by bpf_host.o"
done
ok "both objects loaded and share one instance of each pinned map"

[[ $(bpftool -j map dump pinned "$MAPS/cilium_calls_00" | jq length) == 2 ]] ||
	fail "cilium_calls_00 should hold the 2 tail calls"
ok "cilium_calls_00 holds the ARP and IPv4 tail calls"

# ------------------------------------------------------------- map data --
MAC_A=$(mac_of "$NS_A" eth0)
MAC_B=$(mac_of "$NS_B" eth0)
MAC_LXC_A=$(mac_of "$NS_N" "$LXC_A")
MAC_LXC_B=$(mac_of "$NS_N" "$LXC_B")
IFX_A=$(ifindex_of "$NS_N" "$LXC_A")
IFX_B=$(ifindex_of "$NS_N" "$LXC_B")

map_update cilium_lxc "$(ep_key $IP_A)" "$(ep_value "$IFX_A" $EP_A 0 "$MAC_A" "$MAC_LXC_A" $ID_A)"
map_update cilium_lxc "$(ep_key $IP_B)" "$(ep_value "$IFX_B" $EP_B 0 "$MAC_B" "$MAC_LXC_B" $ID_B)"
map_update cilium_lxc "$(ep_key $ROUTER)" "$(ep_value 0 0 1 00:00:00:00:00:00 00:00:00:00:00:00 0)"
map_update cilium_ipcache "$(ipc_key $IP_A 32)" "$(ipc_value $ID_A)"
map_update cilium_ipcache "$(ipc_key $IP_B 32)" "$(ipc_value $ID_B)"
map_update cilium_ipcache "$(ipc_key $ROUTER 32)" "$(ipc_value 1)"
map_update cilium_ipcache "$(ipc_key 0.0.0.0 0)" "$(ipc_value 2)"
set_node_cfg 3   # monitor aggregation "medium", Cilium's default

[[ $(bpftool -j map lookup pinned "$MAPS/cilium_lxc" key hex $(ep_key $IP_B) |
	jq -r '.formatted.value.sec_id') == "$ID_B" ]] || fail "cilium_lxc lookup of pod B"
ok "cilium_lxc, cilium_ipcache, cilium_node_cfg filled"

# ---------------------------------------------------------------- attach --
attach() { # dev ingress-prog egress-prog
	if [[ $ATTACH == tcx ]]; then
		mkdir -p "$PIN/links"
		nsenter --net="/run/netns/$NS_N" python3 "$HERE/tcx_attach.py" \
			"$PIN/progs/$2" "$1" ingress "$PIN/links/$1-ingress"
		nsenter --net="/run/netns/$NS_N" python3 "$HERE/tcx_attach.py" \
			"$PIN/progs/$3" "$1" egress "$PIN/links/$1-egress"
	else
		tcN qdisc add dev "$1" clsact
		tcN filter add dev "$1" ingress bpf da pinned "$PIN/progs/$2"
		tcN filter add dev "$1" egress bpf da pinned "$PIN/progs/$3"
	fi
}
detach() { # dev
	if [[ $ATTACH == tcx ]]; then
		rm -f "$PIN/links/$1-ingress" "$PIN/links/$1-egress"
	else
		tcN qdisc del dev "$1" clsact
	fi
}
attach "$LXC_A" cil_from_container cil_to_container
attach "$LXC_B" cil_from_container cil_to_container
attach cilium_host cil_to_host cil_from_host
attach uplink0 cil_from_netdev cil_to_netdev
if [[ $ATTACH == tcx ]]; then
	link_prog=$(bpftool -j link show pinned "$PIN/links/$LXC_A-ingress" | jq -r .prog_id)
	[[ $link_prog == $(bpftool -j prog show pinned "$PIN/progs/cil_from_container" | jq -r .id) ]] ||
		fail "tcx link does not hold cil_from_container"
	ok "programs attached (tcx links)"
else
	tcN filter show dev "$LXC_A" ingress | grep -q cil_from_contai || fail "filter not attached"
	ok "programs attached (tc clsact, direct action)"
fi

events >/dev/null   # start with an empty ring buffer

# ------------------------------------------------------------ forwarding --
out=$(inA ping -c 3 -i 0.2 -W 2 "$IP_B") || fail "pod A cannot ping pod B: $out"
ttls=$(grep -o 'ttl=[0-9]*' <<<"$out" | sort -u)
[[ "$ttls" == "ttl=63" ]] || fail "expected ttl=63 (one routed hop), got: $ttls"
ok "pod A pings pod B, replies with ttl=63 (the datapath decrements the TTL)"

neigh=$(ip -n "$NS_A" neigh show "$ROUTER" dev eth0)
[[ "$neigh" == *"lladdr $MAC_LXC_A"* ]] ||
	fail "pod A's neighbour entry for the router should be the lxc MAC $MAC_LXC_A: $neigh"
ok "ARP for the router was answered with the lxc MAC ($MAC_LXC_A)"

out=$(inA ping -c 2 -i 0.2 -W 2 "$ROUTER") || fail "pod A cannot reach the router IP: $out"
[[ $(grep -o 'ttl=[0-9]*' <<<"$out" | sort -u) == "ttl=64" ]] || fail "router replies should have ttl=64"
ok "pod A reaches the router IP (host stack, ttl=64)"

out=$(inN ping -c 2 -i 0.2 -W 2 "$IP_A") || fail "node cannot ping pod A: $out"
ok "the node reaches pod A through cil_to_container"

mkdir -p "$WORK/www"
TOKEN="cil-datapath-$ID-$RANDOM"
echo "$TOKEN" >"$WORK/www/index.html"
# A minimal HTTP server (http.server's own server_bind does a reverse DNS
# lookup, which times out in a pod without DNS).
ip netns exec "$NS_B" python3 -c '
import http.server, socketserver, sys
class Server(socketserver.TCPServer):
    allow_reuse_address = True
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = open(sys.argv[2], "rb").read()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
Server((sys.argv[1], 80), Handler).serve_forever()
' "$IP_B" "$WORK/www/index.html" >"$WORK/http.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 100); do
	listening=$(inB ss -ltnH "sport = :80")
	[[ "$listening" == *LISTEN* ]] && break
	sleep 0.1
done
[[ "$listening" == *LISTEN* ]] || fail "HTTP server in pod B did not start: $(cat "$WORK/http.log")"
body=$(inA curl -sS -m 5 "http://$IP_B/") || fail "TCP pod A -> pod B:80 failed"
[[ "$body" == "$TOKEN" ]] || fail "unexpected HTTP body: $body"
ok "TCP pod A -> pod B:80 works (HTTP body matches)"

rc=0
inA curl -sS -m 5 "http://$IP_B:81/" >/dev/null 2>&1 || rc=$?
[[ $rc -eq 7 ]] || fail "closed port should be refused (curl exit 7), got $rc"
ok "pod A -> pod B:81 (closed) is refused with RST (curl exit 7)"

# UDP to a closed port: pod B answers with ICMP port unreachable, which
# conntrack relates to the UDP flow (CT_RELATED).
inA bash -c "echo probe >/dev/udp/$IP_B/9" || fail "sending UDP from pod A"
sleep 0.3

# ------------------------------------------------------------------ drops --
before=$(metric_count 151 2 2)
inA ping -c 2 -i 0.2 -W 1 "$IP_UNUSED" >/dev/null 2>&1 && fail "unused pod IP answered"
after=$(metric_count 151 2 2)
[[ $((after - before)) -eq 2 ]] || fail "expected 2 drops with reason 151, got $((after - before))"
ok "packets to an unused pod-CIDR address are dropped, counted with reason 151"

before=$(metric_count 196 2 2)
inA ping -c 1 -t 1 -W 1 "$IP_B" >/dev/null 2>&1 && fail "ttl=1 ping went through"
after=$(metric_count 196 2 2)
[[ $((after - before)) -eq 1 ]] || fail "expected 1 drop with reason 196, got $((after - before))"
ok "a TTL=1 packet to another pod is dropped with reason 196 (TTL exceeded)"

IP_SPOOF=10.200.0.50
ip -n "$NS_A" addr add "$IP_SPOOF/32" dev eth0
before=$(metric_count 132 2 2)
inA ping -c 1 -W 1 -I "$IP_SPOOF" "$IP_B" >/dev/null 2>&1 && fail "spoofed source went through"
after=$(metric_count 132 2 2)
ip -n "$NS_A" addr del "$IP_SPOOF/32" dev eth0
[[ $((after - before)) -eq 1 ]] || fail "expected 1 drop with reason 132, got $((after - before))"
ok "a packet whose source is not the pod's address is dropped with reason 132"

# Hand-made frames from pod A: kind:expected drop reason
for case in ipv6:139 bad-ihl:134 short-tcp:135 frag-udp:157; do
	kind=${case%:*} reason=${case#*:}
	before=$(metric_count "$reason" 2 2)
	inA python3 "$HERE/inject_frames.py" eth0 "$MAC_A" "$MAC_LXC_A" "$IP_A" "$IP_B" "$kind"
	after=$(metric_count "$reason" 2 2)
	[[ $((after - before)) -eq 1 ]] || fail "$kind: expected 1 drop with reason $reason, got $((after - before))"
done
ok "IPv6 (139), bad IHL (134), truncated TCP (135) and a fragment (157) are dropped"

# ---------------------------------------------------------- host, uplink --
# ARP requests sent out of cilium_net arrive at cilium_host's ingress
# (cil_to_host); requests sent out of cilium_host pass its egress
# (cil_from_host). Nobody answers them; they only need to be seen.
ip -n "$NS_N" route add 10.200.98.0/24 dev cilium_net
ip -n "$NS_N" route add 10.200.97.0/24 dev cilium_host
before=$(metric_count 0 2 1)
inN ping -c 1 -W 1 10.200.98.1 >/dev/null 2>&1 || true
[[ $(metric_count 0 2 1) -gt $before ]] || fail "cil_to_host did not count (forwarded, egress, bpf_host.c)"
before=$(metric_count 3 1 1)
inN ping -c 1 -W 1 10.200.97.1 >/dev/null 2>&1 || true
[[ $(metric_count 3 1 1) -gt $before ]] || fail "cil_from_host did not count (interface, ingress, bpf_host.c)"
ok "cil_to_host and cil_from_host see cilium_host traffic and count it"

before_out=$(metric_count 0 2 1)
before_in=$(metric_count 3 1 1)
out=$(inN ping -c 2 -i 0.2 -W 2 "$UPLINK_X") || fail "node cannot reach the uplink peer: $out"
[[ $(metric_count 0 2 1) -ge $((before_out + 2)) ]] || fail "cil_to_netdev did not count"
[[ $(metric_count 3 1 1) -ge $((before_in + 2)) ]] || fail "cil_from_netdev did not count"
ok "uplink traffic passes cil_to_netdev / cil_from_netdev and is counted"

# ---------------------------------------------------------------- metrics --
metrics >"$WORK/metrics.tsv"
fwd_egress=$(metric_count 0 2 2)
fwd_ingress=$(metric_count 0 1 2)
[[ $fwd_egress -ge 10 && $fwd_ingress -ge 10 ]] ||
	fail "forwarded counters too low: egress=$fwd_egress ingress=$fwd_ingress"
ok "cilium_metrics counts forwarded packets (bpf_lxc.c egress=$fwd_egress ingress=$fwd_ingress)"

# ------------------------------------------------------------- conntrack --
bpftool -j map dump pinned "$MAPS/cilium_ct4_global" >"$WORK/ct.json"
ct() { jq -r "$1" "$WORK/ct.json"; }
n_ct=$(ct 'length')
[[ $n_ct -ge 4 ]] || fail "cilium_ct4_global has $n_ct entries"
be_ip() { printf '%d' "0x$(hex_ip "$1" | awk '{print $4$3$2$1}')"; }
ICMP_AB=$(ct "[.[] | .formatted | select(.key.nexthdr == 1 and .key.saddr == $(be_ip $IP_A) and .key.daddr == $(be_ip $IP_B)) | .value.packets_rx] | max // 0")
[[ $ICMP_AB -ge 3 ]] || fail "ICMP A->B entry should have seen >= 3 replies, has $ICMP_AB"
# TCP to port 80 (0x5000 in network order read as little endian = 20480)
TCP80=$(ct "[.[] | .formatted | select(.key.nexthdr == 6 and .key.dport == 20480) | (.value.tx_flags_seen|tostring) + \"/\" + (.value.rx_flags_seen|tostring)] | first // \"\"")
[[ -n "$TCP80" ]] || fail "no CT entry for the TCP connection to port 80"
tx=${TCP80%/*}; rx=${TCP80#*/}
(( (tx & 0x02) && (rx & 0x12) == 0x12 )) || fail "port 80 entry: tx flags $tx rx flags $rx (expect SYN / SYN+ACK)"
# port 81 (0x5100 -> 20736): the reply was a RST, both sides closing
TCP81=$(ct "[.[] | .formatted | select(.key.nexthdr == 6 and .key.dport == 20736) | (.value.rx_flags_seen|tostring) + \"/\" + (.value.flags|tostring)] | first // \"\"")
[[ -n "$TCP81" ]] || fail "no CT entry for the refused connection to port 81"
(( (${TCP81%/*} & 0x04) && (${TCP81#*/} & 3) == 3 )) || fail "port 81 entry should have seen RST and be closing: $TCP81"
# UDP to port 9 (0x0900 -> 2304): the ICMP error counted as a reply
UDP9=$(ct "[.[] | .formatted | select(.key.nexthdr == 17 and .key.dport == 2304 and .key.saddr == $(be_ip $IP_A)) | .value.packets_rx] | first // -1")
[[ $UDP9 -ge 1 ]] || fail "UDP entry to port 9 should have counted the ICMP error as reply: $UDP9"
ok "cilium_ct4_global has $n_ct entries; replies, TCP flags and RST, related ICMP are tracked"

# ----------------------------------------------------------------- events --
events >"$WORK/ev1.json"
ev() { jq -s "$1" "$WORK/ev1.json"; }
[[ $(ev '[.[] | select(.type == 4 and .subtype == 5)] | length') == 0 ]] ||
	fail "TRACE_FROM_LXC must be hidden at monitor aggregation medium"
n=$(ev "[.[] | select(.type == 4 and .subtype == 0 and .reason == 0 and .src_label == $ID_A and .dst_label == $ID_B and .dst_id == $EP_B and .source == $EP_B and .ifindex == $IFX_B and .icmp_type == 8 and .ip_ttl == 63)] | length")
[[ $n -ge 1 ]] || fail "no TRACE_TO_LXC (new) event for the ICMP echo A -> B"
n=$(ev "[.[] | select(.type == 4 and .subtype == 0 and .reason == 2 and .src_label == $ID_B and .dst_label == $ID_A and .icmp_type == 0)] | length")
[[ $n -ge 1 ]] || fail "no TRACE_TO_LXC (reply) event for the ICMP echo reply B -> A"
n=$(ev "[.[] | select(.type == 4 and .subtype == 3 and .src_label == $ID_A and .dst_label == 1 and .daddr == \"$ROUTER\")] | length")
[[ $n -ge 1 ]] || fail "no TRACE_TO_STACK event for pod A -> router"
n=$(ev "[.[] | select(.type == 4 and .subtype == 0 and .tcp_flags == 2 and .dport == 80 and .len_cap > 0 and .len_cap == .data_len and .version == 1)] | length")
[[ $n -ge 1 ]] || fail "no TRACE_TO_LXC event with the captured SYN to port 80"
n=$(ev "[.[] | select(.type == 1 and .subtype == 151 and .src_label == $ID_A and .dst_label == 2 and .file == 2 and .line > 0 and .source == $EP_A and .daddr == \"$IP_UNUSED\")] | length")
[[ $n -eq 2 ]] || fail "expected 2 drop events with reason 151, got $n"
n=$(ev "[.[] | select(.type == 1 and .subtype == 196 and .dst_label == $ID_B)] | length")
[[ $n -eq 1 ]] || fail "expected 1 drop event with reason 196, got $n"
n=$(ev "[.[] | select(.type == 4 and .subtype == 0 and .reason == 3 and .src_label == $ID_B and .dst_label == $ID_A and .icmp_type == 3)] | length")
[[ $n -ge 1 ]] || fail "no TRACE_TO_LXC (related) event for the ICMP port unreachable B -> A"
for reason in 132 134 135 139 157; do
	n=$(ev "[.[] | select(.type == 1 and .subtype == $reason and .file == 2)] | length")
	[[ $n -eq 1 ]] || fail "expected 1 drop event with reason $reason, got $n"
done
ok "ring buffer: TRACE_TO_LXC (new, reply, related), TRACE_TO_STACK, drops 132/134/135/139/151/157/196; no TRACE_FROM_LXC at 'medium'"

set_node_cfg 0   # monitor aggregation none: every observation point
inA ping -c 1 -W 2 "$IP_B" >/dev/null || fail "ping after config change"
events >"$WORK/ev2.json"
n=$(jq -s "[.[] | select(.type == 4 and .subtype == 5 and .src_label == $ID_A and .source == $EP_A)] | length" "$WORK/ev2.json")
[[ $n -ge 1 ]] || fail "TRACE_FROM_LXC should appear at monitor aggregation none"
ok "cilium_node_cfg monitor aggregation 'none' shows TRACE_FROM_LXC"

lost=$(bpftool -j map lookup pinned "$MAPS/cilium_evt_lost" key hex 00 00 00 00 |
	jq '[.formatted.values[].value] | add')
[[ $lost -eq 0 ]] || fail "$lost events lost"
ok "no events lost (cilium_evt_lost)"

# Fill the 4 MiB ring buffer without reading it: ~21800 records fit (192 B
# each with its header); a flood of 8000 pings makes 2 traces per request
# and 2 per reply at aggregation "none" (from-lxc, to-lxc); what does not
# fit is counted in cilium_evt_lost.
out=$(inA ping -f -q -c 8000 "$IP_B") || fail "ping flood: $out"
sent=$(sed -n 's/^\([0-9]*\) packets transmitted, \([0-9]*\) received.*/\1/p' <<<"$out")
rcvd=$(sed -n 's/^\([0-9]*\) packets transmitted, \([0-9]*\) received.*/\2/p' <<<"$out")
lost=$(bpftool -j map lookup pinned "$MAPS/cilium_evt_lost" key hex 00 00 00 00 |
	jq '[.formatted.values[].value] | add')
drained=$(events | wc -l)
[[ $lost -gt 0 && $drained -gt 20000 ]] ||
	fail "full ring buffer: expected lost events and > 20000 records, got lost=$lost records=$drained"
[[ $((lost + drained)) -ge $((2 * sent + 2 * rcvd)) ]] ||
	fail "records ($drained) + lost ($lost) should cover the $((2 * sent + 2 * rcvd)) traces"
ok "a full ring buffer counts lost events ($drained records read, $lost lost)"
set_node_cfg 3

# ------------------------------------------- without BPF, no forwarding --
for dev in "$LXC_A" "$LXC_B"; do detach "$dev"; done
inA ping -c 2 -i 0.2 -W 1 "$IP_B" >/dev/null 2>&1 &&
	fail "pods still reach each other without the datapath"
ok "with the filters removed pod A cannot reach pod B (the kernel does not forward)"

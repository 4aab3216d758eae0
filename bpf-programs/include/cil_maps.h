/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * cil datapath: maps, their key/value layouts and the constants that user
 * space (the Java daemon and `cil`) must agree on. This header is the
 * reference the Java side mirrors; every struct is explicitly padded (no
 * implicit holes) and its size is pinned with _Static_assert.
 *
 * Byte order: fields named *_ip, *addr, ip4, tunnel_endpoint, ports and
 * pod_cidr* are network byte order (as on the wire); every other integer is
 * host byte order (little endian on x86-64/arm64).
 *
 * Layouts follow Cilium 1.16 (bpf/lib/common.h, eps.h, maps.h, conntrack*.h
 * and pkg/maps/{lxcmap,ipcache,metricsmap,ctmap}) where Cilium has the map;
 * cilium_ct4_global's value, cilium_node_cfg and cilium_evt_lost are ours.
 *
 * Every map is pinned by name (LIBBPF_PIN_BY_NAME): a loader pins it as
 * <pin root>/<map name> and the second object (bpf_lxc.o / bpf_host.o)
 * reuses the pinned instance, so both objects share one map each.
 */
#ifndef CIL_MAPS_H
#define CIL_MAPS_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

/* ------------------------------------------------------------------------ */
/* cilium_lxc: local endpoints (pods and host addresses)                     */
/* BPF_MAP_TYPE_HASH, key 20 B, value 48 B, 65535 entries, BPF_F_NO_PREALLOC */
/* ------------------------------------------------------------------------ */

#define ENDPOINT_KEY_IPV4 1
#define ENDPOINT_KEY_IPV6 2

struct endpoint_key {
	union {
		struct {
			__be32 ip4;  /* 0  IPv4 address */
			__u32  pad1; /* 4  zero */
			__u32  pad2; /* 8  zero */
			__u32  pad3; /* 12 zero */
		};
		__u8 ip6[16]; /* 0  IPv6 address */
	};
	__u8  family;     /* 16 ENDPOINT_KEY_IPV4 / _IPV6 */
	__u8  key;        /* 17 always 0 (printed as ":0") */
	__u16 cluster_id; /* 18 always 0 here */
};
_Static_assert(sizeof(struct endpoint_key) == 20, "endpoint_key");

#define ENDPOINT_F_HOST 1 /* the host itself: router IP, node IPs */

struct endpoint_info {
	__u32 ifindex;     /* 0  host-side veth (lxc...) ifindex */
	__u16 unused;      /* 4  zero (was sec_label) */
	__u16 lxc_id;      /* 6  endpoint ID */
	__u32 flags;       /* 8  ENDPOINT_F_* */
	__u32 pad0;        /* 12 zero (alignment hole before mac_t in Cilium) */
	__u8  mac[8];      /* 16 pod eth0 MAC in bytes 0..5 (mac_t u64 LE) */
	__u8  node_mac[8]; /* 24 lxc (host side) MAC, same encoding */
	__u32 sec_id;      /* 32 security identity */
	__u32 pad[3];      /* 36 zero */
};
_Static_assert(sizeof(struct endpoint_info) == 48, "endpoint_info");

/* ------------------------------------------------------------------------ */
/* cilium_ipcache: IP/prefix -> identity                                     */
/* BPF_MAP_TYPE_LPM_TRIE, key 24 B, value 12 B, 512000 entries,              */
/* BPF_F_NO_PREALLOC                                                         */
/* ------------------------------------------------------------------------ */

/* LPM prefixlen counts the bits after the prefixlen field: cluster_id, pad1
 * and family (32 bits, always fully matched) plus the IP prefix bits. */
#define IPCACHE_STATIC_PREFIX    32
#define IPCACHE_PREFIX_LEN(bits) (IPCACHE_STATIC_PREFIX + (bits))

struct ipcache_key {
	__u32 prefixlen;  /* 0  IPCACHE_PREFIX_LEN(n): 64 for a /32 */
	__u16 cluster_id; /* 4  0 */
	__u8  pad1;       /* 6  0 */
	__u8  family;     /* 7  ENDPOINT_KEY_IPV4 / _IPV6 */
	union {
		struct {
			__be32 ip4;  /* 8  */
			__u32  pad4; /* 12 */
			__u32  pad5; /* 16 */
			__u32  pad6; /* 20 */
		};
		__u8 ip6[16]; /* 8  */
	};
};
_Static_assert(sizeof(struct ipcache_key) == 24, "ipcache_key");

struct remote_endpoint_info {
	__u32  sec_identity;             /* 0  identity */
	__be32 tunnel_endpoint;          /* 4  node IP hosting a remote pod, else 0 */
	__u16  pad;                      /* 8  0 */
	__u8   key;                      /* 10 encrypt key (0) */
	__u8   flag_skip_tunnel : 1,     /* 11 bit 0 */
		flag_has_tunnel_ep : 1,  /*    bit 1 */
		flag_ipv6_tunnel_ep : 1, /*    bit 2 */
		flag_remote_cluster : 1, /*    bit 3 */
		pad2 : 4;                /*    bits 4..7 zero */
};
_Static_assert(sizeof(struct remote_endpoint_info) == 12, "remote_endpoint_info");

/* ------------------------------------------------------------------------ */
/* cilium_metrics: per-CPU counters by (reason, direction, line, file)       */
/* BPF_MAP_TYPE_PERCPU_HASH, key 8 B, value 16 B, 1024 entries,              */
/* BPF_F_NO_PREALLOC. User space sums the per-CPU values.                    */
/* ------------------------------------------------------------------------ */

#define METRIC_INGRESS 1
#define METRIC_EGRESS  2
#define METRIC_SERVICE 3

/* File IDs (Cilium 1.16 pkg/monitor/api/files.go). */
#define CIL_FILE_BPF_HOST 1
#define CIL_FILE_BPF_LXC  2

struct metrics_key {
	__u8  reason;      /* 0  0 forwarded, 3 interface, >= 130 drop */
	__u8  dir;         /* 1  METRIC_INGRESS / METRIC_EGRESS */
	__u16 line;        /* 2  source line in the .c file */
	__u8  file;        /* 4  CIL_FILE_* */
	__u8  reserved[3]; /* 5  zero */
};
_Static_assert(sizeof(struct metrics_key) == 8, "metrics_key");

struct metrics_value {
	__u64 count; /* 0  packets */
	__u64 bytes; /* 8  bytes (skb->len, L2 included) */
};
_Static_assert(sizeof(struct metrics_value) == 16, "metrics_value");

/* ------------------------------------------------------------------------ */
/* cilium_ct4_global: IPv4 connection tracking                               */
/* BPF_MAP_TYPE_LRU_HASH, key 14 B, value 56 B, 65536 entries                */
/* ------------------------------------------------------------------------ */

/*
 * One entry per connection, keyed by the tuple of the packet that created
 * it ("original direction"): daddr/saddr/dport/sport exactly as in that
 * packet's headers. A later packet whose own tuple is the key is counted as
 * tx (CT_ESTABLISHED); one whose reversed tuple is the key is a reply
 * (rx, CT_REPLY). ICMP echo: request sport = identifier, dport = 0; reply
 * sport = 0, dport = identifier (so the reply reverses onto the request).
 * ICMP errors (dest unreachable, time exceeded, parameter problem) are
 * matched through their inner header and reported as CT_RELATED; they never
 * create entries. Other protocols use ports 0.
 * flags is TUPLE_F_OUT (0) for every entry: this simplified table does not
 * keep Cilium's separate ingress (TUPLE_F_IN) entries.
 */
#define TUPLE_F_OUT     0
#define TUPLE_F_IN      1
#define TUPLE_F_RELATED 2
#define TUPLE_F_SERVICE 4

struct ipv4_ct_tuple {
	__be32 daddr;   /* 0  */
	__be32 saddr;   /* 4  */
	__be16 dport;   /* 8  */
	__be16 sport;   /* 10 */
	__u8   nexthdr; /* 12 IPPROTO_* */
	__u8   flags;   /* 13 TUPLE_F_* */
} __attribute__((packed));
_Static_assert(sizeof(struct ipv4_ct_tuple) == 14, "ipv4_ct_tuple");

/* ct_entry.flags bits */
#define CT_F_RX_CLOSING   0x0001 /* FIN/RST seen in the reply direction */
#define CT_F_TX_CLOSING   0x0002 /* FIN/RST seen in the original direction */
#define CT_F_SEEN_NON_SYN 0x0004 /* a TCP packet without SYN was seen */

/* Time is seconds of CLOCK_MONOTONIC (bpf_ktime_get_ns() / 1e9). */
struct ct_entry {
	__u64 packets_tx;     /* 0  original direction */
	__u64 bytes_tx;       /* 8  */
	__u64 packets_rx;     /* 16 reply direction */
	__u64 bytes_rx;       /* 24 */
	__u32 lifetime;       /* 32 expires at this monotonic second */
	__u16 flags;          /* 36 CT_F_* */
	__u8  tx_flags_seen;  /* 38 OR of TCP flags (tcphdr byte 13), tx */
	__u8  rx_flags_seen;  /* 39 same, rx */
	__u32 last_tx_report; /* 40 last traced tx packet (monitor aggregation) */
	__u32 last_rx_report; /* 44 last traced rx packet */
	__u32 src_sec_id;     /* 48 identity of the original sender */
	__u32 created;        /* 52 monotonic second of creation */
};
_Static_assert(sizeof(struct ct_entry) == 56, "ct_entry");

/* CT lookup results = trace reasons (TRACE_REASON_*). */
#define CT_NEW         0
#define CT_ESTABLISHED 1
#define CT_REPLY       2
#define CT_RELATED     3

/* Lifetimes in seconds (Cilium defaults). */
#define CT_LIFETIME_TCP    21600
#define CT_LIFETIME_NONTCP 60
#define CT_SYN_TIMEOUT     60
#define CT_CLOSE_TIMEOUT   10
#define CT_REPORT_INTERVAL 5

/* ------------------------------------------------------------------------ */
/* cilium_node_cfg: node configuration written by the daemon                 */
/* BPF_MAP_TYPE_ARRAY, key u32 (0), value 24 B, 1 entry                      */
/* ------------------------------------------------------------------------ */

/* Monitor aggregation levels (Cilium's monitor-aggregation option). */
#define MONITOR_AGG_NONE   0 /* trace every packet */
#define MONITOR_AGG_LOWEST 1 /* hide from-* observation points */
#define MONITOR_AGG_LOW    2 /* same as lowest in this datapath */
#define MONITOR_AGG_MEDIUM \
	3                     /* also hide traces of packets that do not
					 * change CT state (new flags, new conn.)
					 * and are within CT_REPORT_INTERVAL;
					 * Cilium's default */
#define MONITOR_AGG_MAXIMUM 4 /* same as medium in this datapath */

struct node_config {
	__be32 router_ip;           /* 0  cilium_host address */
	__be32 pod_cidr;            /* 4  pod CIDR network address */
	__be32 pod_cidr_mask;       /* 8  pod CIDR netmask, 0 = no 151 check */
	__u32  host_ifindex;        /* 12 cilium_host ifindex (events) */
	__u16  host_ep_id;          /* 16 event source of bpf_host.o */
	__u8   monitor_aggregation; /* 18 MONITOR_AGG_* */
	__u8   flags;               /* 19 reserved, zero */
	__u32  reserved;            /* 20 zero */
};
_Static_assert(sizeof(struct node_config) == 24, "node_config");

/* ------------------------------------------------------------------------ */
/* Reserved identities (pkg/identity/numericidentity.go)                     */
/* ------------------------------------------------------------------------ */
#define UNKNOWN_ID 0
#define HOST_ID    1
#define WORLD_ID   2

/* ------------------------------------------------------------------------ */
/* Tail call slots in cilium_calls_00 (Cilium's CILIUM_CALL_* numbers)       */
/* ------------------------------------------------------------------------ */
#define CILIUM_CALL_DROP_NOTIFY   1
#define CILIUM_CALL_ARP           6
#define CILIUM_CALL_IPV4_FROM_LXC 7
#define CILIUM_CALL_SIZE          43

/* ------------------------------------------------------------------------ */
/* Map definitions                                                           */
/* ------------------------------------------------------------------------ */

#ifndef LIBBPF_PIN_BY_NAME
#define LIBBPF_PIN_BY_NAME 1
#endif

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, struct endpoint_key);
	__type(value, struct endpoint_info);
	__uint(max_entries, 65535);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} cilium_lxc SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__type(key, struct ipcache_key);
	__type(value, struct remote_endpoint_info);
	__uint(max_entries, 512000);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} cilium_ipcache SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__type(key, struct metrics_key);
	__type(value, struct metrics_value);
	__uint(max_entries, 1024);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} cilium_metrics SEC(".maps");

/* The kernel keeps 15 characters of a map name: "cilium_ct4_glob". */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__type(key, struct ipv4_ct_tuple);
	__type(value, struct ct_entry);
	__uint(max_entries, 65536);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} cilium_ct4_global SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, struct node_config);
	__uint(max_entries, 1);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} cilium_node_cfg SEC(".maps");

/* Event ring buffer (Cilium uses a perf event array of the same name). */
#define CIL_EVENTS_SIZE (4 * 1024 * 1024)

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, CIL_EVENTS_SIZE);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} cilium_events SEC(".maps");

/* Events that did not fit into cilium_events (reserve failed), per CPU.
 * BPF_MAP_TYPE_PERCPU_ARRAY, key u32 (0), value u64, 1 entry. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 1);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} cilium_evt_lost SEC(".maps");

#endif /* CIL_MAPS_H */

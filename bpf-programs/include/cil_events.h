/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * cil datapath: records written to the cilium_events ring buffer.
 *
 * Every record is
 *
 *   offset 0   struct cil_event_meta   16 B  (ours: timestamp, CPU, length)
 *   offset 16  Cilium monitor message  msg_len bytes:
 *                struct trace_notify (48 B) or struct drop_notify (36 B),
 *                then len_cap bytes of the packet (from its Ethernet header)
 *
 * The message is byte for byte what Cilium 1.16 puts in a perf sample
 * (pkg/monitor: TraceNotify v1, DropNotify v1), so a decoder written for
 * Cilium's monitor payload reads it after skipping the 16-byte meta. The
 * ring buffer record itself may be longer than 16 + msg_len (a record is
 * reserved for the longest capture, 128 bytes); bytes past msg_len are
 * undefined.
 */
#ifndef CIL_EVENTS_H
#define CIL_EVENTS_H

#include <linux/types.h>

/* Monitor message types (pkg/monitor/api/types.go). */
#define CILIUM_NOTIFY_DROP  1
#define CILIUM_NOTIFY_TRACE 4

/* Trace observation points = trace_notify.subtype. */
#define TRACE_TO_LXC       0
#define TRACE_TO_PROXY     1
#define TRACE_TO_HOST      2
#define TRACE_TO_STACK     3
#define TRACE_TO_OVERLAY   4
#define TRACE_FROM_LXC     5
#define TRACE_FROM_PROXY   6
#define TRACE_FROM_HOST    7
#define TRACE_FROM_STACK   8
#define TRACE_FROM_OVERLAY 9
#define TRACE_FROM_NETWORK 10
#define TRACE_TO_NETWORK   11

/* trace_notify.reason (= CT result) */
#define TRACE_REASON_POLICY         0 /* new connection */
#define TRACE_REASON_CT_ESTABLISHED 1
#define TRACE_REASON_CT_REPLY       2
#define TRACE_REASON_CT_RELATED     3
#define TRACE_REASON_UNKNOWN        5 /* no CT at this point */

/* Version of both message layouts (NOTIFY_CAPTURE_VER). */
#define NOTIFY_CAPTURE_VER 1

/* At most this many packet bytes follow a message. */
#define TRACE_PAYLOAD_LEN 128

struct cil_event_meta {
	__u64 ktime_ns; /* 0  bpf_ktime_get_ns(), CLOCK_MONOTONIC */
	__u32 cpu;      /* 8  CPU that wrote the record */
	__u32 msg_len;  /* 12 message bytes that follow (fixed + len_cap) */
};
_Static_assert(sizeof(struct cil_event_meta) == 16, "cil_event_meta");

/* Cilium's NOTIFY_CAPTURE_HDR, 16 bytes. */
struct notify_capture_hdr {
	__u8  type;     /* 0  CILIUM_NOTIFY_* */
	__u8  subtype;  /* 1  observation point / drop reason */
	__u16 source;   /* 2  endpoint ID that emitted the event */
	__u32 hash;     /* 4  skb hash (bpf_get_hash_recalc) */
	__u32 len_orig; /* 8  packet length (skb->len) */
	__u16 len_cap;  /* 12 captured bytes that follow the message */
	__u16 version;  /* 14 NOTIFY_CAPTURE_VER */
};
_Static_assert(sizeof(struct notify_capture_hdr) == 16, "notify_capture_hdr");

#define TRACE_NOTIFY_F_IPV6 0x01

struct trace_notify {
	struct notify_capture_hdr hdr;       /* 0  type 4, subtype TRACE_* */
	__u32                     src_label; /* 16 source security identity */
	__u32                     dst_label; /* 20 destination security identity */
	__u16                     dst_id;    /* 24 destination endpoint ID (0 unknown) */
	__u8                      reason;    /* 26 TRACE_REASON_* */
	__u8                      flags;     /* 27 bit 0: IPv6 (Cilium's "ipv6:1") */
	__u32                     ifindex;   /* 28 interface the packet goes to / came from */
	union {
		struct {
			__be32 orig_ip4;  /* 32 pre-NAT address, 0 = none */
			__u32  orig_pad1; /* 36 */
			__u32  orig_pad2; /* 40 */
			__u32  orig_pad3; /* 44 */
		};
		__u8 orig_ip6[16]; /* 32 */
	};
};
_Static_assert(sizeof(struct trace_notify) == 48, "trace_notify");

struct drop_notify {
	struct notify_capture_hdr hdr;       /* 0  type 1, subtype = drop reason */
	__u32                     src_label; /* 16 */
	__u32                     dst_label; /* 20 */
	__u32                     dst_id;    /* 24 destination endpoint ID, 0 for egress */
	__u16                     line;      /* 28 source line of the drop */
	__u8                      file;      /* 30 CIL_FILE_* */
	__s8                      ext_error; /* 31 extended error (0) */
	__u32                     ifindex;   /* 32 interface the packet was seen on */
};
_Static_assert(sizeof(struct drop_notify) == 36, "drop_notify");

/* What the programs reserve in the ring buffer. */
struct trace_record {
	struct cil_event_meta meta;
	struct trace_notify   msg;
	__u8                  data[TRACE_PAYLOAD_LEN];
};
_Static_assert(sizeof(struct trace_record) == 192, "trace_record");

struct drop_record {
	struct cil_event_meta meta;
	struct drop_notify    msg;
	__u8                  data[TRACE_PAYLOAD_LEN];
	__u8                  tail_pad[4];
};
_Static_assert(sizeof(struct drop_record) == 184, "drop_record");

/* ------------------------------------------------------------------------ */
/* Drop reasons (bpf/lib/common.h DROP_*, as positive codes) and forward     */
/* reasons used in cilium_metrics.                                           */
/* ------------------------------------------------------------------------ */
#define REASON_FORWARDED 0
#define REASON_PLAINTEXT 3 /* "Interface" */

#define DROP_INVALID_SIP      132 /* source IP not the endpoint's */
#define DROP_INVALID          134 /* malformed IPv4 header, bad ARP */
#define DROP_CT_INVALID_HDR   135 /* L4 header truncated */
#define DROP_UNKNOWN_L3       139 /* IPv6 and other ethertypes */
#define DROP_MISSED_TAIL_CALL 140
#define DROP_WRITE_ERROR      141 /* rewriting the packet failed */
#define DROP_UNROUTABLE       151 /* pod CIDR address without endpoint */
#define DROP_CSUM_L3          153
#define DROP_CT_CREATE_FAILED 155 /* cilium_ct4_global insert failed */
#define DROP_FRAG_NOSUPPORT   157
#define DROP_TTL_EXCEEDED     196

#endif /* CIL_EVENTS_H */

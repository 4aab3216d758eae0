/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * cil datapath: helpers shared by bpf_lxc.c and bpf_host.c: map lookups,
 * metrics, trace/drop notifications and IPv4 connection tracking.
 *
 * The including .c file defines CIL_FILE_ID (CIL_FILE_BPF_LXC or
 * CIL_FILE_BPF_HOST); metrics and drop events carry it together with the
 * __LINE__ of the call site in that file (the SEND_* macros below).
 *
 * The heavier helpers are __noinline: they become BPF subprograms (bpf-to-bpf
 * calls), which keeps each program small and the verifier's work linear.
 */
#ifndef CIL_LIB_H
#define CIL_LIB_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#include "cil_maps.h"
#include "cil_events.h"

#ifndef CIL_FILE_ID
#error "define CIL_FILE_ID before including cil_lib.h"
#endif

#define NSEC_PER_SEC 1000000000ULL

#define IP_MF     0x2000
#define IP_OFFSET 0x1fff

#define ICMP_ECHOREPLY     0
#define ICMP_DEST_UNREACH  3
#define ICMP_ECHO          8
#define ICMP_TIME_EXCEEDED 11
#define ICMP_PARAMETERPROB 12

#define TCP_FLAG_FIN 0x01
#define TCP_FLAG_SYN 0x02
#define TCP_FLAG_RST 0x04
#define TCP_FLAG_ACK 0x10

/* Offsets of IPv4 header fields in an Ethernet frame. */
#define IPV4_TTL_OFF  (ETH_HLEN + 8)
#define IPV4_CSUM_OFF (ETH_HLEN + 10)

/* Monotonic seconds, the time base of cilium_ct4_global. */
static __always_inline __u32 mono_now(void)
{
	return bpf_ktime_get_ns() / NSEC_PER_SEC;
}

static __always_inline struct node_config *node_cfg(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&cilium_node_cfg, &zero);
}

static __always_inline struct endpoint_info *lookup_ep4(__be32 ip)
{
	struct endpoint_key key = {};

	key.ip4 = ip;
	key.family = ENDPOINT_KEY_IPV4;
	return bpf_map_lookup_elem(&cilium_lxc, &key);
}

/* Identity of an IPv4 address from cilium_ipcache, or @fallback. */
static __always_inline __u32 ipcache_identity4(__be32 ip, __u32 fallback)
{
	struct remote_endpoint_info *info;
	struct ipcache_key           key = {};

	key.prefixlen = IPCACHE_PREFIX_LEN(32);
	key.family = ENDPOINT_KEY_IPV4;
	key.ip4 = ip;
	info = bpf_map_lookup_elem(&cilium_ipcache, &key);
	return info ? info->sec_identity : fallback;
}

/* Ethertype of the frame, or 0 if it has no complete Ethernet header. */
static __always_inline __u16 eth_proto(struct __sk_buff *ctx)
{
	__be16 proto;

	if (bpf_skb_load_bytes(ctx, 12, &proto, sizeof(proto)) < 0)
		return 0;
	return bpf_ntohs(proto);
}

/* ------------------------------------------------------------------------ */
/* Metrics                                                                   */
/* ------------------------------------------------------------------------ */

static __noinline void update_metrics(__u32 bytes, __u32 dir, __u32 reason, __u32 line)
{
	struct metrics_value *val, init = {};
	struct metrics_key    key = {};

	key.reason = reason;
	key.dir = dir;
	key.line = line;
	key.file = CIL_FILE_ID;

	val = bpf_map_lookup_elem(&cilium_metrics, &key);
	if (val) {
		val->count += 1;
		val->bytes += bytes;
		return;
	}
	init.count = 1;
	init.bytes = bytes;
	bpf_map_update_elem(&cilium_metrics, &key, &init, BPF_ANY);
}

#define UPDATE_METRICS(ctx, dir, reason) update_metrics((ctx)->len, (dir), (reason), __LINE__)

/* ------------------------------------------------------------------------ */
/* Events                                                                    */
/* ------------------------------------------------------------------------ */

static __always_inline void count_lost_event(void)
{
	__u32  zero = 0;
	__u64 *lost = bpf_map_lookup_elem(&cilium_evt_lost, &zero);

	if (lost)
		*lost += 1;
}

/* Captured length: the first TRACE_PAYLOAD_LEN bytes at most. */
static __always_inline __u32 capture_len(struct __sk_buff *ctx)
{
	__u32 len = ctx->len;

	return len < TRACE_PAYLOAD_LEN ? len : TRACE_PAYLOAD_LEN;
}

static __always_inline void fill_meta(struct cil_event_meta *meta, __u32 msg_len)
{
	meta->ktime_ns = bpf_ktime_get_ns();
	meta->cpu = bpf_get_smp_processor_id();
	meta->msg_len = msg_len;
}

struct trace_args {
	__u32 src_label;
	__u32 dst_label;
	__u32 ifindex;
	__u16 dst_id;
	__u16 source;    /* event source endpoint ID */
	__u16 line;      /* for the metrics entry */
	__u8  obs_point; /* TRACE_* */
	__u8  reason;    /* TRACE_REASON_* */
	__u8  monitor;   /* 1 = CT says this packet is worth reporting */
	__u8  pad[3];
};

/* Cilium's emit_trace_notify(): should this observation be sent? */
static __always_inline int trace_wanted(__u8 obs_point, __u8 monitor)
{
	struct node_config *cfg = node_cfg();
	__u8                level = cfg ? cfg->monitor_aggregation : MONITOR_AGG_NONE;

	if (level >= MONITOR_AGG_LOWEST) {
		switch (obs_point) {
		case TRACE_FROM_LXC:
		case TRACE_FROM_PROXY:
		case TRACE_FROM_HOST:
		case TRACE_FROM_STACK:
		case TRACE_FROM_OVERLAY:
		case TRACE_FROM_NETWORK:
			return 0;
		default:
			break;
		}
	}
	if (level >= MONITOR_AGG_MEDIUM && !monitor)
		return 0;
	return 1;
}

/*
 * Count the packet in cilium_metrics as Cilium's update_trace_metrics() does
 * and, unless monitor aggregation hides it, write a trace notification.
 */
static __noinline void send_trace_notify(struct __sk_buff *ctx, const struct trace_args *a)
{
	struct trace_record *rec;
	__u32                cap;

	switch (a->obs_point) {
	case TRACE_TO_LXC:
		update_metrics(ctx->len, METRIC_INGRESS, REASON_FORWARDED, a->line);
		break;
	case TRACE_TO_HOST:
	case TRACE_TO_STACK:
	case TRACE_TO_OVERLAY:
	case TRACE_TO_NETWORK:
		update_metrics(ctx->len, METRIC_EGRESS, REASON_FORWARDED, a->line);
		break;
	case TRACE_FROM_HOST:
	case TRACE_FROM_STACK:
	case TRACE_FROM_OVERLAY:
	case TRACE_FROM_NETWORK:
		update_metrics(ctx->len, METRIC_INGRESS, REASON_PLAINTEXT, a->line);
		break;
	default:
		/* TRACE_FROM_LXC: counted by the caller (local delivery). */
		break;
	}

	if (!trace_wanted(a->obs_point, a->monitor))
		return;

	rec = bpf_ringbuf_reserve(&cilium_events, sizeof(*rec), 0);
	if (!rec) {
		count_lost_event();
		return;
	}

	cap = capture_len(ctx);
	if (cap > 0 && bpf_skb_load_bytes(ctx, 0, rec->data, cap) < 0)
		cap = 0;

	fill_meta(&rec->meta, sizeof(rec->msg) + cap);
	rec->msg.hdr.type = CILIUM_NOTIFY_TRACE;
	rec->msg.hdr.subtype = a->obs_point;
	rec->msg.hdr.source = a->source;
	rec->msg.hdr.hash = bpf_get_hash_recalc(ctx);
	rec->msg.hdr.len_orig = ctx->len;
	rec->msg.hdr.len_cap = cap;
	rec->msg.hdr.version = NOTIFY_CAPTURE_VER;
	rec->msg.src_label = a->src_label;
	rec->msg.dst_label = a->dst_label;
	rec->msg.dst_id = a->dst_id;
	rec->msg.reason = a->reason;
	rec->msg.flags = 0;
	rec->msg.ifindex = a->ifindex;
	rec->msg.orig_ip4 = 0;
	rec->msg.orig_pad1 = 0;
	rec->msg.orig_pad2 = 0;
	rec->msg.orig_pad3 = 0;
	bpf_ringbuf_submit(rec, 0);
}

#define SEND_TRACE(ctx, obs_, src_, dst_, dst_id_, source_, ifindex_, reason_, monitor_) \
	({                                                                               \
		struct trace_args __ta = {                                               \
			.src_label = (src_),                                             \
			.dst_label = (dst_),                                             \
			.ifindex = (ifindex_),                                           \
			.dst_id = (dst_id_),                                             \
			.source = (source_),                                             \
			.line = __LINE__,                                                \
			.obs_point = (obs_),                                             \
			.reason = (reason_),                                             \
			.monitor = (monitor_),                                           \
		};                                                                       \
		send_trace_notify((ctx), &__ta);                                         \
	})

struct drop_args {
	__u32 src_label;
	__u32 dst_label;
	__u32 dst_id;
	__u32 ifindex;
	__u16 source;
	__u16 line;
	__u8  reason; /* DROP_* */
	__u8  dir;    /* METRIC_* */
	__u8  pad[2];
};

/*
 * Count a drop in cilium_metrics, write a drop notification (drops are never
 * aggregated away) and return TC_ACT_SHOT.
 */
static __noinline int send_drop_notify(struct __sk_buff *ctx, const struct drop_args *a)
{
	struct drop_record *rec;
	__u32               cap;

	update_metrics(ctx->len, a->dir, a->reason, a->line);

	rec = bpf_ringbuf_reserve(&cilium_events, sizeof(*rec), 0);
	if (!rec) {
		count_lost_event();
		return TC_ACT_SHOT;
	}

	cap = capture_len(ctx);
	if (cap > 0 && bpf_skb_load_bytes(ctx, 0, rec->data, cap) < 0)
		cap = 0;

	fill_meta(&rec->meta, sizeof(rec->msg) + cap);
	rec->msg.hdr.type = CILIUM_NOTIFY_DROP;
	rec->msg.hdr.subtype = a->reason;
	rec->msg.hdr.source = a->source;
	rec->msg.hdr.hash = bpf_get_hash_recalc(ctx);
	rec->msg.hdr.len_orig = ctx->len;
	rec->msg.hdr.len_cap = cap;
	rec->msg.hdr.version = NOTIFY_CAPTURE_VER;
	rec->msg.src_label = a->src_label;
	rec->msg.dst_label = a->dst_label;
	rec->msg.dst_id = a->dst_id;
	rec->msg.line = a->line;
	rec->msg.file = CIL_FILE_ID;
	rec->msg.ext_error = 0;
	rec->msg.ifindex = a->ifindex;
	bpf_ringbuf_submit(rec, 0);
	return TC_ACT_SHOT;
}

#define SEND_DROP(ctx, reason_, dir_, src_, dst_, dst_id_, source_) \
	({                                                          \
		struct drop_args __da = {                           \
			.src_label = (src_),                        \
			.dst_label = (dst_),                        \
			.dst_id = (dst_id_),                        \
			.ifindex = (ctx)->ifindex,                  \
			.source = (source_),                        \
			.line = __LINE__,                           \
			.reason = (reason_),                        \
			.dir = (dir_),                              \
		};                                                  \
		send_drop_notify((ctx), &__da);                     \
	})

/* ------------------------------------------------------------------------ */
/* IPv4                                                                      */
/* ------------------------------------------------------------------------ */

struct ipv4_info {
	__be32 saddr;
	__be32 daddr;
	__u32  l4_off;   /* offset of the L4 header in the frame */
	__u16  frag_off; /* host order: flags + fragment offset */
	__u8   protocol;
	__u8   ttl;
};

/* Read and validate the IPv4 header; 0 or a DROP_* reason. */
static __always_inline int ipv4_load(struct __sk_buff *ctx, struct ipv4_info *ip)
{
	struct iphdr iph;
	__u32        hlen, tot_len;

	if (bpf_skb_load_bytes(ctx, ETH_HLEN, &iph, sizeof(iph)) < 0)
		return DROP_INVALID;
	if (iph.version != 4 || iph.ihl < 5)
		return DROP_INVALID;
	hlen = iph.ihl * 4;
	tot_len = bpf_ntohs(iph.tot_len);
	if (tot_len < hlen || tot_len > ctx->len - ETH_HLEN)
		return DROP_INVALID;

	ip->saddr = iph.saddr;
	ip->daddr = iph.daddr;
	ip->l4_off = ETH_HLEN + hlen;
	ip->frag_off = bpf_ntohs(iph.frag_off);
	ip->protocol = iph.protocol;
	ip->ttl = iph.ttl;
	return 0;
}

/* ------------------------------------------------------------------------ */
/* Connection tracking (cilium_ct4_global), see cil_maps.h for the model     */
/* ------------------------------------------------------------------------ */

struct ct_result {
	__u8 reason;  /* CT_NEW / _ESTABLISHED / _REPLY / _RELATED */
	__u8 monitor; /* report this packet at MONITOR_AGG_MEDIUM */
	__u8 pad[2];
};

static __always_inline int ct_expired(const struct ct_entry *e, __u32 now)
{
	return (__s32) (e->lifetime - now) < 0;
}

static __always_inline void ct_reverse(struct ipv4_ct_tuple *dst, const struct ipv4_ct_tuple *src)
{
	dst->daddr = src->saddr;
	dst->saddr = src->daddr;
	dst->dport = src->sport;
	dst->sport = src->dport;
	dst->nexthdr = src->nexthdr;
	dst->flags = src->flags;
}

static __always_inline __u32 ct_tcp_lifetime(__u16 flags, __u32 now)
{
	if ((flags & (CT_F_RX_CLOSING | CT_F_TX_CLOSING)) == (CT_F_RX_CLOSING | CT_F_TX_CLOSING))
		return now + CT_CLOSE_TIMEOUT;
	if (!(flags & CT_F_SEEN_NON_SYN))
		return now + CT_SYN_TIMEOUT;
	return now + CT_LIFETIME_TCP;
}

static __always_inline __u16 ct_tcp_flags_update(__u16 flags, __u8 tcp_flags, int tx)
{
	if (tcp_flags & TCP_FLAG_RST)
		flags |= CT_F_RX_CLOSING | CT_F_TX_CLOSING;
	else if (tcp_flags & TCP_FLAG_FIN)
		flags |= tx ? CT_F_TX_CLOSING : CT_F_RX_CLOSING;
	if (!(tcp_flags & TCP_FLAG_SYN))
		flags |= CT_F_SEEN_NON_SYN;
	return flags;
}

/* Account a packet of an existing connection; sets res->monitor. */
static __always_inline void ct_account(struct ct_entry *e, int tx, __u32 len, int is_tcp,
				       __u8 tcp_flags, __u32 now, struct ct_result *res)
{
	__u8  seen, fresh;
	__u32 last;

	if (tx) {
		__sync_fetch_and_add(&e->packets_tx, 1);
		__sync_fetch_and_add(&e->bytes_tx, len);
		seen = e->tx_flags_seen;
		last = e->last_tx_report;
	} else {
		__sync_fetch_and_add(&e->packets_rx, 1);
		__sync_fetch_and_add(&e->bytes_rx, len);
		seen = e->rx_flags_seen;
		last = e->last_rx_report;
	}

	res->monitor = 0;
	if (is_tcp) {
		__u16 flags = ct_tcp_flags_update(e->flags, tcp_flags, tx);

		fresh = tcp_flags & ~seen;
		if (fresh) {
			res->monitor = 1;
			if (tx)
				e->tx_flags_seen = seen | fresh;
			else
				e->rx_flags_seen = seen | fresh;
		}
		e->flags = flags;
		e->lifetime = ct_tcp_lifetime(flags, now);
	} else {
		e->lifetime = now + CT_LIFETIME_NONTCP;
	}

	if (now - last >= CT_REPORT_INTERVAL)
		res->monitor = 1;
	if (res->monitor) {
		if (tx)
			e->last_tx_report = now;
		else
			e->last_rx_report = now;
	}
}

/* ICMP errors: find the connection of the quoted packet (CT_RELATED). */
static __always_inline int ct_related4(struct __sk_buff *ctx, __u32 icmp_off, __u32 len, __u32 now,
				       struct ct_result *res)
{
	struct ipv4_ct_tuple tuple = {}, rtuple;
	struct ct_entry     *e;
	struct iphdr         inner;
	struct {
		__u8   type;
		__u8   code;
		__be16 csum;
		__be16 id;
		__be16 seq;
	} l4 = {};
	__u32 off = icmp_off + 8;

	res->reason = CT_NEW;
	res->monitor = 1;

	if (bpf_skb_load_bytes(ctx, off, &inner, sizeof(inner)) < 0)
		return DROP_CT_INVALID_HDR;
	if (inner.ihl < 5)
		return DROP_CT_INVALID_HDR;
	off += inner.ihl * 4;

	tuple.daddr = inner.daddr;
	tuple.saddr = inner.saddr;
	tuple.nexthdr = inner.protocol;
	tuple.flags = TUPLE_F_OUT;

	switch (inner.protocol) {
	case IPPROTO_TCP:
	case IPPROTO_UDP:
		/* An ICMP error quotes at least 8 bytes of L4: the ports. */
		if (bpf_skb_load_bytes(ctx, off, &l4, 4) < 0)
			return DROP_CT_INVALID_HDR;
		tuple.sport = ((__be16 *) &l4)[0];
		tuple.dport = ((__be16 *) &l4)[1];
		break;
	case IPPROTO_ICMP:
		if (bpf_skb_load_bytes(ctx, off, &l4, sizeof(l4)) < 0)
			return DROP_CT_INVALID_HDR;
		if (l4.type == ICMP_ECHO)
			tuple.sport = l4.id;
		else if (l4.type == ICMP_ECHOREPLY)
			tuple.dport = l4.id;
		break;
	default:
		break;
	}

	e = bpf_map_lookup_elem(&cilium_ct4_global, &tuple);
	if (!e || ct_expired(e, now)) {
		ct_reverse(&rtuple, &tuple);
		e = bpf_map_lookup_elem(&cilium_ct4_global, &rtuple);
		if (!e || ct_expired(e, now))
			return 0; /* unrelated: CT_NEW, no entry */
	}
	/* The error travels towards the sender of the quoted packet. */
	__sync_fetch_and_add(&e->packets_rx, 1);
	__sync_fetch_and_add(&e->bytes_rx, len);
	res->reason = CT_RELATED;
	return 0;
}

/*
 * Look the packet up in cilium_ct4_global, creating an entry for a new
 * connection. Fills @res; returns 0 or a DROP_* reason.
 */
static __noinline int ct_process4(struct __sk_buff *ctx, const struct ipv4_info *ip,
				  __u32 src_sec_id, struct ct_result *res)
{
	struct ipv4_ct_tuple tuple = {}, rtuple;
	struct ct_entry     *e, entry = {};
	__u32                len = ctx->len;
	__u32                now = mono_now();
	__u8                 tcp_flags = 0;
	int                  is_tcp = 0;

	tuple.daddr = ip->daddr;
	tuple.saddr = ip->saddr;
	tuple.nexthdr = ip->protocol;
	tuple.flags = TUPLE_F_OUT;

	switch (ip->protocol) {
	case IPPROTO_TCP: {
		struct {
			__be16 sport;
			__be16 dport;
			__be32 seq;
			__be32 ack;
			__u8   doff;
			__u8   flags;
		} th;

		if (ip->frag_off & (IP_MF | IP_OFFSET))
			return DROP_FRAG_NOSUPPORT;
		if (bpf_skb_load_bytes(ctx, ip->l4_off, &th, sizeof(th)) < 0)
			return DROP_CT_INVALID_HDR;
		tuple.sport = th.sport;
		tuple.dport = th.dport;
		tcp_flags = th.flags;
		is_tcp = 1;
		break;
	}
	case IPPROTO_UDP: {
		__be16 ports[2];

		if (ip->frag_off & (IP_MF | IP_OFFSET))
			return DROP_FRAG_NOSUPPORT;
		if (bpf_skb_load_bytes(ctx, ip->l4_off, ports, sizeof(ports)) < 0)
			return DROP_CT_INVALID_HDR;
		tuple.sport = ports[0];
		tuple.dport = ports[1];
		break;
	}
	case IPPROTO_ICMP: {
		struct {
			__u8   type;
			__u8   code;
			__be16 csum;
			__be16 id;
			__be16 seq;
		} ih;

		if (ip->frag_off & (IP_MF | IP_OFFSET))
			return DROP_FRAG_NOSUPPORT;
		if (bpf_skb_load_bytes(ctx, ip->l4_off, &ih, sizeof(ih)) < 0)
			return DROP_CT_INVALID_HDR;
		switch (ih.type) {
		case ICMP_ECHO:
			tuple.sport = ih.id;
			break;
		case ICMP_ECHOREPLY:
			tuple.dport = ih.id;
			break;
		case ICMP_DEST_UNREACH:
		case ICMP_TIME_EXCEEDED:
		case ICMP_PARAMETERPROB:
			return ct_related4(ctx, ip->l4_off, len, now, res);
		default:
			break;
		}
		break;
	}
	default:
		break;
	}

	e = bpf_map_lookup_elem(&cilium_ct4_global, &tuple);
	if (e && !ct_expired(e, now)) {
		/* A SYN on a closing connection reopens it as new. */
		if (!(is_tcp && (e->flags & (CT_F_RX_CLOSING | CT_F_TX_CLOSING)) &&
		      (tcp_flags & (TCP_FLAG_SYN | TCP_FLAG_ACK)) == TCP_FLAG_SYN)) {
			res->reason = CT_ESTABLISHED;
			ct_account(e, 1, len, is_tcp, tcp_flags, now, res);
			return 0;
		}
	} else {
		ct_reverse(&rtuple, &tuple);
		e = bpf_map_lookup_elem(&cilium_ct4_global, &rtuple);
		if (e && !ct_expired(e, now)) {
			res->reason = CT_REPLY;
			ct_account(e, 0, len, is_tcp, tcp_flags, now, res);
			return 0;
		}
	}

	entry.packets_tx = 1;
	entry.bytes_tx = len;
	entry.created = now;
	entry.src_sec_id = src_sec_id;
	entry.last_tx_report = now;
	if (is_tcp) {
		entry.tx_flags_seen = tcp_flags;
		entry.flags = ct_tcp_flags_update(0, tcp_flags, 1);
		entry.lifetime = ct_tcp_lifetime(entry.flags, now);
	} else {
		entry.lifetime = now + CT_LIFETIME_NONTCP;
	}
	if (bpf_map_update_elem(&cilium_ct4_global, &tuple, &entry, BPF_ANY) < 0)
		return DROP_CT_CREATE_FAILED;
	res->reason = CT_NEW;
	res->monitor = 1;
	return 0;
}

#endif /* CIL_LIB_H */

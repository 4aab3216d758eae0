// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * cil datapath, endpoint side: the programs on every pod's host-side veth
 * (lxc...). One object serves all endpoints of the node: the endpoint is
 * found at run time in cilium_lxc (by the packet's source address on the way
 * out of a pod, by its destination on the way in).
 *
 *   cil_from_container  tcx ingress of lxc...: packets FROM the pod
 *     -> tail call CILIUM_CALL_ARP       (tail_handle_arp)
 *     -> tail call CILIUM_CALL_IPV4_FROM_LXC (tail_handle_ipv4)
 *   cil_to_container    tcx egress of lxc...: packets from the node stack
 *                       TO the pod
 */
#define CIL_FILE_ID CIL_FILE_BPF_LXC

#include "cil_lib.h"

char _license[] SEC("license") = "Dual BSD/GPL";

int tail_handle_arp(struct __sk_buff *ctx);
int tail_handle_ipv4(struct __sk_buff *ctx);

/*
 * Tail call table. Cilium names it cilium_calls_<endpoint ID>, which the
 * kernel truncates to "cilium_calls_00"; here one table serves every
 * endpoint, filled by the loader from the initialiser below.
 */
struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, CILIUM_CALL_SIZE);
	__uint(key_size, sizeof(__u32));
	__uint(pinning, LIBBPF_PIN_BY_NAME);
	__array(values, int(void *));
} cilium_calls_00 SEC(".maps") = {
	/* clang-format off */
	.values = {
		[CILIUM_CALL_ARP] = (void *) &tail_handle_arp,
		[CILIUM_CALL_IPV4_FROM_LXC] = (void *) &tail_handle_ipv4,
	},
	/* clang-format on */
};

#define ARPOP_REQUEST 1
#define ARPOP_REPLY   2
#define ARPHRD_ETHER  1

/* Ethernet + ARP for IPv4 over Ethernet, 42 bytes. */
struct arp_eth_frame {
	__u8   h_dest[ETH_ALEN];
	__u8   h_source[ETH_ALEN];
	__be16 h_proto;
	__be16 ar_hrd;
	__be16 ar_pro;
	__u8   ar_hln;
	__u8   ar_pln;
	__be16 ar_op;
	__u8   ar_sha[ETH_ALEN];
	__be32 ar_sip;
	__u8   ar_tha[ETH_ALEN];
	__be32 ar_tip;
} __attribute__((packed));
_Static_assert(sizeof(struct arp_eth_frame) == 42, "arp_eth_frame");

/*
 * ARP from the pod: answer every request (whatever address it asks for)
 * with the lxc's MAC, the endpoint's node_mac, as Cilium's ARP responder
 * does: the pod's only neighbour is its router. The reply is built in place
 * and sent back out of the same device. Other ARP (replies to the node's
 * own requests, gratuitous ARP, probes with sender 0.0.0.0) goes to the
 * stack.
 */
SEC("tc")
int tail_handle_arp(struct __sk_buff *ctx)
{
	struct arp_eth_frame  f;
	struct endpoint_info *ep;
	__be32                sip, tip;

	if (bpf_skb_load_bytes(ctx, 0, &f, sizeof(f)) < 0)
		return SEND_DROP(ctx, DROP_INVALID, METRIC_EGRESS, 0, 0, 0, 0);
	if (f.ar_hrd != bpf_htons(ARPHRD_ETHER) || f.ar_pro != bpf_htons(ETH_P_IP) ||
	    f.ar_hln != ETH_ALEN || f.ar_pln != 4)
		return SEND_DROP(ctx, DROP_INVALID, METRIC_EGRESS, 0, 0, 0, 0);

	sip = f.ar_sip;
	tip = f.ar_tip;
	if (f.ar_op != bpf_htons(ARPOP_REQUEST) || sip == 0 || sip == tip) {
		UPDATE_METRICS(ctx, METRIC_EGRESS, REASON_FORWARDED);
		return TC_ACT_OK;
	}

	ep = lookup_ep4(sip);
	if (!ep || (ep->flags & ENDPOINT_F_HOST) || ep->ifindex != ctx->ifindex)
		return SEND_DROP(ctx, DROP_INVALID_SIP, METRIC_EGRESS, 0, 0, 0, 0);

	__builtin_memcpy(f.h_dest, f.ar_sha, ETH_ALEN);
	__builtin_memcpy(f.h_source, ep->node_mac, ETH_ALEN);
	f.ar_op = bpf_htons(ARPOP_REPLY);
	__builtin_memcpy(f.ar_tha, f.ar_sha, ETH_ALEN);
	__builtin_memcpy(f.ar_sha, ep->node_mac, ETH_ALEN);
	f.ar_tip = sip;
	f.ar_sip = tip;

	if (bpf_skb_store_bytes(ctx, 0, &f, sizeof(f), 0) < 0)
		return SEND_DROP(ctx, DROP_WRITE_ERROR, METRIC_EGRESS, ep->sec_id, 0, 0,
				 ep->lxc_id);

	UPDATE_METRICS(ctx, METRIC_EGRESS, REASON_FORWARDED);
	return bpf_redirect(ctx->ifindex, 0);
}

/* Rewrite MACs and decrement the TTL for delivery to a local pod. */
static __always_inline int ipv4_local_rewrite(struct __sk_buff           *ctx,
					      const struct endpoint_info *dst, __u8 ttl)
{
	__u8 macs[2 * ETH_ALEN];
	__u8 new_ttl = ttl - 1;

	__builtin_memcpy(macs, dst->mac, ETH_ALEN);
	__builtin_memcpy(macs + ETH_ALEN, dst->node_mac, ETH_ALEN);
	if (bpf_skb_store_bytes(ctx, 0, macs, sizeof(macs), 0) < 0)
		return DROP_WRITE_ERROR;
	if (bpf_skb_store_bytes(ctx, IPV4_TTL_OFF, &new_ttl, 1, 0) < 0)
		return DROP_WRITE_ERROR;
	/* TTL is the first byte of a 16-bit word: the zero-extended byte
	 * values give the checksum difference of that word. */
	if (bpf_l3_csum_replace(ctx, IPV4_CSUM_OFF, ttl, new_ttl, 2) < 0)
		return DROP_CSUM_L3;
	return 0;
}

/*
 * IPv4 from a pod. Validate the header, identify the sender, then:
 *  - destination is a local pod: conntrack, TTL-1, MACs of the destination,
 *    TRACE_TO_LXC, bpf_redirect_peer() into the destination pod;
 *  - destination is the host (ENDPOINT_F_HOST): conntrack, TRACE_TO_STACK,
 *    pass to the node stack;
 *  - destination in the node's pod CIDR without endpoint: drop, 151;
 *  - anything else: conntrack, TRACE_TO_STACK, pass.
 */
SEC("tc")
int tail_handle_ipv4(struct __sk_buff *ctx)
{
	struct endpoint_info *src, *dst;
	struct node_config   *cfg;
	struct ct_result      ct = {};
	struct ipv4_info      ip = {};
	__u32                 src_id, dst_id;
	__u16                 src_ep_id;
	int                   ret;

	ret = ipv4_load(ctx, &ip);
	if (ret)
		return SEND_DROP(ctx, ret, METRIC_EGRESS, 0, 0, 0, 0);

	src = lookup_ep4(ip.saddr);
	if (!src || (src->flags & ENDPOINT_F_HOST) || src->ifindex != ctx->ifindex)
		return SEND_DROP(ctx, DROP_INVALID_SIP, METRIC_EGRESS, 0, 0, 0, 0);
	src_id = src->sec_id;
	src_ep_id = src->lxc_id;

	/* Hidden unless monitor aggregation is below "lowest". */
	SEND_TRACE(ctx, TRACE_FROM_LXC, src_id, 0, 0, src_ep_id, ctx->ifindex, TRACE_REASON_UNKNOWN,
		   1);

	dst = lookup_ep4(ip.daddr);
	if (dst && !(dst->flags & ENDPOINT_F_HOST)) {
		__u32 dst_ifindex = dst->ifindex;
		__u16 dst_ep_id = dst->lxc_id;

		dst_id = dst->sec_id;
		if (ip.ttl <= 1)
			return SEND_DROP(ctx, DROP_TTL_EXCEEDED, METRIC_EGRESS, src_id, dst_id, 0,
					 src_ep_id);

		ret = ct_process4(ctx, &ip, src_id, &ct);
		if (ret)
			return SEND_DROP(ctx, ret, METRIC_EGRESS, src_id, dst_id, 0, src_ep_id);

		ret = ipv4_local_rewrite(ctx, dst, ip.ttl);
		if (ret)
			return SEND_DROP(ctx, ret, METRIC_EGRESS, src_id, dst_id, 0, src_ep_id);

		/* Local delivery: forwarded out of the sender (egress) ... */
		UPDATE_METRICS(ctx, METRIC_EGRESS, REASON_FORWARDED);
		/* ... and into the receiver (ingress, counted by the trace). */
		SEND_TRACE(ctx, TRACE_TO_LXC, src_id, dst_id, dst_ep_id, dst_ep_id, dst_ifindex,
			   ct.reason, ct.monitor);
		return bpf_redirect_peer(dst_ifindex, 0);
	}

	if (dst) {
		/* The host: router IP or a node address. */
		dst_id = ipcache_identity4(ip.daddr, HOST_ID);
	} else {
		dst_id = ipcache_identity4(ip.daddr, WORLD_ID);
		cfg = node_cfg();
		if (cfg && cfg->pod_cidr_mask && (ip.daddr & cfg->pod_cidr_mask) == cfg->pod_cidr)
			return SEND_DROP(ctx, DROP_UNROUTABLE, METRIC_EGRESS, src_id, dst_id, 0,
					 src_ep_id);
	}

	ret = ct_process4(ctx, &ip, src_id, &ct);
	if (ret)
		return SEND_DROP(ctx, ret, METRIC_EGRESS, src_id, dst_id, 0, src_ep_id);

	SEND_TRACE(ctx, TRACE_TO_STACK, src_id, dst_id, 0, src_ep_id, ctx->ifindex, ct.reason,
		   ct.monitor);
	return TC_ACT_OK;
}

/*
 * Packets leaving the pod: ARP and IPv4 go to their handlers by tail call.
 * IPv6 and other ethertypes are dropped (139): pods have no IPv6 here, as
 * in a Cilium cluster with IPv6 disabled.
 */
SEC("tc")
int cil_from_container(struct __sk_buff *ctx)
{
	__u16 proto = eth_proto(ctx);

	switch (proto) {
	case ETH_P_IP:
		bpf_tail_call(ctx, &cilium_calls_00, CILIUM_CALL_IPV4_FROM_LXC);
		break;
	case ETH_P_ARP:
		bpf_tail_call(ctx, &cilium_calls_00, CILIUM_CALL_ARP);
		break;
	case 0:
		return SEND_DROP(ctx, DROP_INVALID, METRIC_EGRESS, 0, 0, 0, 0);
	default:
		return SEND_DROP(ctx, DROP_UNKNOWN_L3, METRIC_EGRESS, 0, 0, 0, 0);
	}
	return SEND_DROP(ctx, DROP_MISSED_TAIL_CALL, METRIC_EGRESS, 0, 0, 0, 0);
}

/*
 * Packets from the node stack to the pod (node -> pod traffic, replies to
 * pod -> host traffic): conntrack, TRACE_TO_LXC, pass. ARP passes (the node
 * resolves the pod's MAC); IPv6 and others are dropped (139).
 */
SEC("tc")
int cil_to_container(struct __sk_buff *ctx)
{
	struct ct_result      ct = {};
	struct ipv4_info      ip = {};
	struct endpoint_info *ep;
	__u32                 src_id, dst_id = 0;
	__u16                 ep_id = 0;
	int                   ret;

	switch (eth_proto(ctx)) {
	case ETH_P_IP:
		break;
	case ETH_P_ARP:
		return TC_ACT_OK;
	case 0:
		return SEND_DROP(ctx, DROP_INVALID, METRIC_INGRESS, 0, 0, 0, 0);
	default:
		return SEND_DROP(ctx, DROP_UNKNOWN_L3, METRIC_INGRESS, 0, 0, 0, 0);
	}

	ret = ipv4_load(ctx, &ip);
	if (ret)
		return SEND_DROP(ctx, ret, METRIC_INGRESS, 0, 0, 0, 0);

	ep = lookup_ep4(ip.daddr);
	if (ep && !(ep->flags & ENDPOINT_F_HOST) && ep->ifindex == ctx->ifindex) {
		dst_id = ep->sec_id;
		ep_id = ep->lxc_id;
	}

	src_id = ipcache_identity4(ip.saddr, 0);
	if (!src_id) {
		ep = lookup_ep4(ip.saddr);
		src_id = ep && (ep->flags & ENDPOINT_F_HOST) ? HOST_ID : WORLD_ID;
	}

	ret = ct_process4(ctx, &ip, src_id, &ct);
	if (ret)
		return SEND_DROP(ctx, ret, METRIC_INGRESS, src_id, dst_id, ep_id, ep_id);

	SEND_TRACE(ctx, TRACE_TO_LXC, src_id, dst_id, ep_id, ep_id, ctx->ifindex, ct.reason,
		   ct.monitor);
	return TC_ACT_OK;
}

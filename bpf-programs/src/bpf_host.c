// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * cil datapath, host side: the programs on cilium_host and on an uplink
 * device. They observe and count; they do not forward or filter.
 *
 *   cil_to_host      tcx ingress of cilium_host: packets into the host
 *                    through cilium_host (TRACE_TO_STACK, as Cilium)
 *   cil_from_host    tcx egress of cilium_host: packets the host sends out
 *                    of cilium_host (TRACE_FROM_HOST)
 *   cil_from_netdev  tcx ingress of the uplink (TRACE_FROM_NETWORK)
 *   cil_to_netdev    tcx egress of the uplink (TRACE_TO_NETWORK)
 *
 * Every program passes every packet (TC_ACT_OK). The event source is the
 * host endpoint ID from cilium_node_cfg. No conntrack here, so the trace
 * reason is TRACE_REASON_UNKNOWN and, at monitor aggregation "medium",
 * these traces are hidden (Cilium's behaviour); the metrics always count.
 */
#define CIL_FILE_ID CIL_FILE_BPF_HOST

#include "cil_lib.h"

char _license[] SEC("license") = "Dual BSD/GPL";

static __always_inline __u16 host_ep_id(void)
{
	struct node_config *cfg = node_cfg();

	return cfg ? cfg->host_ep_id : 0;
}

/* Identities of the packet's IPv4 source and destination from the ipcache;
 * the fallbacks when the packet is not IPv4 or an address is not there. */
static __always_inline void ipv4_identities(struct __sk_buff *ctx, __u32 *src_id, __u32 *dst_id)
{
	struct ipv4_info ip = {};

	if (eth_proto(ctx) != ETH_P_IP || ipv4_load(ctx, &ip))
		return;
	*src_id = ipcache_identity4(ip.saddr, *src_id);
	*dst_id = ipcache_identity4(ip.daddr, *dst_id);
}

SEC("tc")
int cil_to_host(struct __sk_buff *ctx)
{
	__u32 src_id = UNKNOWN_ID, dst_id = HOST_ID;

	ipv4_identities(ctx, &src_id, &dst_id);
	SEND_TRACE(ctx, TRACE_TO_STACK, src_id, dst_id, 0, host_ep_id(), ctx->ifindex,
		   TRACE_REASON_UNKNOWN, 0);
	return TC_ACT_OK;
}

SEC("tc")
int cil_from_host(struct __sk_buff *ctx)
{
	__u32 src_id = HOST_ID, dst_id = UNKNOWN_ID;

	ipv4_identities(ctx, &src_id, &dst_id);
	SEND_TRACE(ctx, TRACE_FROM_HOST, src_id, dst_id, 0, host_ep_id(), ctx->ifindex,
		   TRACE_REASON_UNKNOWN, 0);
	return TC_ACT_OK;
}

SEC("tc")
int cil_from_netdev(struct __sk_buff *ctx)
{
	__u32 src_id = WORLD_ID, dst_id = UNKNOWN_ID;

	ipv4_identities(ctx, &src_id, &dst_id);
	SEND_TRACE(ctx, TRACE_FROM_NETWORK, src_id, dst_id, 0, host_ep_id(), ctx->ifindex,
		   TRACE_REASON_UNKNOWN, 0);
	return TC_ACT_OK;
}

SEC("tc")
int cil_to_netdev(struct __sk_buff *ctx)
{
	__u32 src_id = UNKNOWN_ID, dst_id = WORLD_ID;

	ipv4_identities(ctx, &src_id, &dst_id);
	SEND_TRACE(ctx, TRACE_TO_NETWORK, src_id, dst_id, 0, host_ep_id(), ctx->ifindex,
		   TRACE_REASON_UNKNOWN, 0);
	return TC_ACT_OK;
}

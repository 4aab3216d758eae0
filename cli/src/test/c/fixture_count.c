// Test fixture: counts packets per attach point in an array map, so tests can prove that an
// attachment sees real traffic and that detaching stops it. Key 0: cnt_tc, 1: cnt_xdp, 2: cnt_tc_b.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 3);
} cnt_packets SEC(".maps");

static __always_inline void bump(__u32 key)
{
	__u64 *v = bpf_map_lookup_elem(&cnt_packets, &key);

	if (v)
		__sync_fetch_and_add(v, 1);
}

SEC("tc")
int cnt_tc(struct __sk_buff *skb)
{
	bump(0);
	return 0; /* TC_ACT_OK */
}

SEC("tc")
int cnt_tc_b(struct __sk_buff *skb)
{
	bump(2);
	return 0; /* TC_ACT_OK = TCX_PASS: ends a tcx chain, so later programs do not run */
}

SEC("xdp")
int cnt_xdp(struct xdp_md *ctx)
{
	bump(1);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";

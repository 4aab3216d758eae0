// Test fixture for the cli kernel tests: a tc program with a long (BTF-only) name that uses a hash map
// and tail-calls through a prog array (so the array gets an owner), and an XDP program.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 16);
} fx_counts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
	__uint(max_entries, 4);
} fx_calls SEC(".maps");

SEC("tc")
int fx_a_very_long_tc_program_name(struct __sk_buff *skb)
{
	__u32 key = skb->len & 7;
	__u64 one = 1, *v = bpf_map_lookup_elem(&fx_counts, &key);

	if (v)
		__sync_fetch_and_add(v, 1);
	else
		bpf_map_update_elem(&fx_counts, &key, &one, BPF_ANY);
	bpf_tail_call(skb, &fx_calls, 0);
	return 0; /* TC_ACT_OK */
}

SEC("xdp")
int fx_xdp_pass(struct xdp_md *ctx)
{
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";

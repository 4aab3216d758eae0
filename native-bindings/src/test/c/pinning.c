// BTF-defined maps with pinning, flags, numa node and explicit key/value sizes.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct flow_key {
	__u32 saddr;
	__u32 daddr;
	__u16 sport;
	__u16 dport;
	__u8 proto;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, struct flow_key);
	__type(value, __u64);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} cil_pinned_flows SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 8);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, 16);
	__uint(numa_node, 0);
} sized_array SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

SEC("tc")
int count_flow(struct __sk_buff *skb)
{
	struct flow_key k = { .proto = skb->protocol };
	__u64 one = 1, *v;
	__u32 zero = 0;

	v = bpf_map_lookup_elem(&cil_pinned_flows, &k);
	if (v)
		__sync_fetch_and_add(v, 1);
	else
		bpf_map_update_elem(&cil_pinned_flows, &k, &one, BPF_NOEXIST);
	if (bpf_map_lookup_elem(&sized_array, &zero))
		bpf_ringbuf_output(&events, &k, sizeof(k), 0);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";

// Map-in-map: an array of maps initialised with two inner maps, and a hash of maps with an
// inline inner map definition.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct inner {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} inner_a SEC(".maps"), inner_b SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, struct inner);
} outer SEC(".maps") = {
	.values = { &inner_a, &inner_b },
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH_OF_MAPS);
	__uint(max_entries, 8);
	__type(key, __u32);
	__array(values, struct {
		__uint(type, BPF_MAP_TYPE_HASH);
		__uint(max_entries, 16);
		__type(key, __u32);
		__type(value, __u32);
	});
} outer_hash SEC(".maps");

SEC("tc")
int use_outer(struct __sk_buff *skb)
{
	__u32 zero = 0;
	void *inner = bpf_map_lookup_elem(&outer, &zero);
	__u64 *v;

	if (!inner)
		return 0;
	v = bpf_map_lookup_elem(inner, &zero);
	return v ? (int)*v : 0;
}

char LICENSE[] SEC("license") = "GPL";

// Test fixture: a program the verifier rejects (reads a 4-byte stack slot as 8 bytes of key).
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(key_size, 8);
	__uint(value_size, 8);
	__uint(max_entries, 4);
} bad_map SEC(".maps");

SEC("tc")
int bad_prog(struct __sk_buff *skb)
{
	__u32 key = skb->len;

	return bpf_map_lookup_elem(&bad_map, &key) ? 1 : 0;
}

char LICENSE[] SEC("license") = "GPL";

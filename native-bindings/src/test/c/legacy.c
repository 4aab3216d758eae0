// Legacy map definitions in the "maps" section (struct bpf_map_def, declared by hand: libbpf 1.x
// headers no longer provide it), plus a "version" section and a socket filter.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct bpf_map_def {
	unsigned int type;
	unsigned int key_size;
	unsigned int value_size;
	unsigned int max_entries;
	unsigned int map_flags;
};

struct bpf_map_def SEC("maps") legacy_counts = {
	.type = BPF_MAP_TYPE_ARRAY,
	.key_size = sizeof(__u32),
	.value_size = sizeof(__u64),
	.max_entries = 16,
};

struct bpf_map_def SEC("maps") legacy_hash = {
	.type = BPF_MAP_TYPE_HASH,
	.key_size = sizeof(__u32), /* the program looks it up with a __u32 key */
	.value_size = 16,
	.max_entries = 128,
	.map_flags = BPF_F_NO_PREALLOC,
};

SEC("socket")
int legacy_sock(struct __sk_buff *skb)
{
	__u32 key = skb->protocol & 15;
	__u64 *v = bpf_map_lookup_elem(&legacy_counts, &key);

	if (v)
		__sync_fetch_and_add(v, 1);
	return bpf_map_lookup_elem(&legacy_hash, &key) ? 0 : -1;
}

char _license[] SEC("license") = "GPL";
__u32 _version SEC("version") = 0x060c00;

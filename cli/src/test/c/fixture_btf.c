// Test fixture: maps whose keys and values have BTF types, so map dump/lookup format them as bpftool.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

enum fb_color { FB_RED = 1, FB_GREEN = 2, FB_BLUE = 4 };

struct fb_key {
	__u32 addr;
	__u16 port;
	__u8 proto;
	__u8 flags : 3, spare : 5;
};

struct fb_value {
	__u64 packets;
	__u64 bytes;
	enum fb_color color;
	char label[8];
	__s16 delta;
	_Bool seen;
	union {
		__u32 as_u32;
		__u8 as_bytes[4];
	} u;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, struct fb_key);
	__type(value, struct fb_value);
	__uint(max_entries, 16);
} fb_flows SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, struct fb_value);
	__uint(max_entries, 2);
} fb_percpu SEC(".maps");

__u64 fb_global_counter = 7;
const volatile __u32 fb_config = 42;

SEC("tc")
int fb_prog(struct __sk_buff *skb)
{
	struct fb_key k = {.addr = skb->mark, .port = 80, .proto = 6};
	struct fb_value *v = bpf_map_lookup_elem(&fb_flows, &k);
	__u32 zero = 0;

	if (v)
		v->packets++;
	v = bpf_map_lookup_elem(&fb_percpu, &zero);
	if (v)
		v->bytes += skb->len;
	fb_global_counter += fb_config;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";

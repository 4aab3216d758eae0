// Map key/value types covering what bpftool's BTF dumper prints: signed/unsigned ints, bool, char
// arrays (strings or not), bitfields, enums, nested structs and unions, arrays, typedefs,
// pointers, 128-bit integers and anonymous members; plus a per-CPU map.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

enum color { RED = 0, GREEN = 1, BLUE = 7, DARK = -2 };
typedef __u32 counter_t;

struct inner {
	__u16 port;
	__u8 bytes[3];
};

union word {
	__u32 word;
	__u8 b[4];
};

struct key {
	__u32 addr;
	__u16 port;
	__u8 proto;
	enum color color;
};

struct value {
	__u64 packets;
	__s32 delta;
	char name[16];
	char raw[4];
	_Bool ok;
	enum color color;
	__u32 flags : 5, mode : 3, big : 24;
	__s8 small;
	signed char sc;
	unsigned char uc;
	char c;
	struct inner in;
	union word un;
	__u16 arr[3];
	counter_t cnt;
	void *ptr;
	unsigned __int128 wide;
	struct {
		__u8 x, y;
	} anon;
	int sbits : 4;
	long long big_neg;
	__u16 grid[2][2];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, struct key);
	__type(value, struct value);
} kv SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __s64);
} per_cpu SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 3);
	__type(key, __u32);
	__type(value, counter_t);
} counters SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4);
	__type(key, enum color);
	__type(value, union word);
} by_color SEC(".maps");

SEC("tc")
int values_tc(struct __sk_buff *skb)
{
	struct key k = { .port = 1 };
	__u32 zero = 0;
	struct value *v = bpf_map_lookup_elem(&kv, &k);
	__s64 *p = bpf_map_lookup_elem(&per_cpu, &zero);
	counter_t *c = bpf_map_lookup_elem(&counters, &zero);
	enum color col = GREEN;
	union word *w = bpf_map_lookup_elem(&by_color, &col);

	return (v ? v->delta : 0) + (p ? *p : 0) + (c ? *c : 0) + (w ? w->word : 0);
}

char LICENSE[] SEC("license") = "GPL";

// Fixture for prog dump xlated: ALU and jumps, helpers, maps of several kinds, global data in .data,
// .rodata and .bss, a bounded loop, bpf-to-bpf calls (static and global), bpf_loop with a callback,
// tail calls, bpf_get_smp_processor_id (inlined as a per-CPU load), byte swaps.
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 16);
} xl_hash SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 4);
} xl_array SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 2);
} xl_percpu SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
	__uint(max_entries, 2);
} xl_jumps SEC(".maps");

volatile __u64 xl_data_counter = 7;            /* .data */
const volatile __u32 xl_rodata_limit = 1500;   /* .rodata */
volatile __u64 xl_bss_total;                    /* .bss */
volatile __u32 xl_bss_pair[2];

static __attribute__((noinline)) __u64 xl_mix(__u64 a, __u64 b)
{
	__u64 x = a * 31 + (b >> 3);

	x ^= a << 7;
	x |= b & 0xff00;
	x -= b / 3;
	x += a % 5;
	if ((__s64)x < 0)
		x = -x;
	return x >> (b & 7);
}

__attribute__((noinline)) int xl_global_sub(struct __sk_buff *skb)
{
	return skb->len > 100 ? 1 : 0;
}

static long xl_loop_cb(__u32 index, void *ctx)
{
	__u64 *sum = ctx;

	*sum += index;
	return *sum > 1000;
}

SEC("tc")
int xl_classifier(struct __sk_buff *skb)
{
	__u32 key = skb->len & 3, i;
	__u64 one = 1, sum = 0, *v;

	v = bpf_map_lookup_elem(&xl_hash, &key);
	if (v)
		__sync_fetch_and_add(v, 1);
	else
		bpf_map_update_elem(&xl_hash, &key, &one, BPF_NOEXIST);
	v = bpf_map_lookup_elem(&xl_array, &key);
	if (v)
		*v += skb->protocol;
	key = 1;
	v = bpf_map_lookup_elem(&xl_percpu, &key);
	if (v)
		*v = bpf_get_smp_processor_id();
	for (i = 0; i < 16 && i < skb->len; i++)
		sum += xl_mix(i, skb->mark);
	bpf_loop(8, xl_loop_cb, &sum, 0);
	xl_data_counter += sum;
	xl_bss_total += bpf_ntohs(skb->protocol) + bpf_htonl(skb->mark);
	xl_bss_pair[skb->len & 1] = (__u32)sum;
	if (skb->len > xl_rodata_limit)
		bpf_tail_call(skb, &xl_jumps, 0);
	if (xl_global_sub(skb))
		return TC_ACT_SHOT;
	bpf_map_delete_elem(&xl_hash, &key);
	return sum > 99 ? TC_ACT_OK : TC_ACT_UNSPEC;
}

SEC("tc")
int xl_tail_target(struct __sk_buff *skb)
{
	return (int)(bpf_ktime_get_ns() & 1);
}

unsigned long long load_byte(void *skb, unsigned long long off) asm("llvm.bpf.load.byte");
unsigned long long load_half(void *skb, unsigned long long off) asm("llvm.bpf.load.half");

SEC("socket")
int xl_socket(struct __sk_buff *skb)
{
	__u64 proto = load_half(skb, 12);

	if (proto != 0x0800)
		return 0;
	return load_byte(skb, 23) == 6 ? -1 : 0;
}

char LICENSE[] SEC("license") = "GPL";

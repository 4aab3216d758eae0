// clang-flags: -mcpu=v3
// Fixture for prog dump xlated, built for BPF ISA v3: 32-bit ALU (w registers) and JMP32, the atomic
// instructions (add/and/or/xor with and without fetch, xchg, cmpxchg, 32 and 64 bits), and a call
// to a kernel function (kfunc).
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 2);
} xl_atomics SEC(".maps");

__u64 xl_g64;
__u32 xl_g32;

SEC("tc")
int xl_v3(struct __sk_buff *skb)
{
	__u32 len = skb->len, k = 0;
	__u64 *v = bpf_map_lookup_elem(&xl_atomics, &k);
	__u64 r = 0;

	if (!v)
		return TC_ACT_OK;
	__sync_fetch_and_add(v, 1);
	r += __sync_fetch_and_add(v, len);
	r += __sync_fetch_and_and(v, 0xff);
	r += __sync_fetch_and_or(v, 0x100);
	r += __sync_fetch_and_xor(v, len);
	__sync_fetch_and_and(&xl_g64, 0xf0);
	__sync_fetch_and_or(&xl_g64, 2);
	__sync_fetch_and_xor(&xl_g64, 3);
	r += __sync_lock_test_and_set(v, r);
	r += __sync_val_compare_and_swap(v, 5, r);
	r += __sync_fetch_and_add(&xl_g32, 1);
	r += __sync_val_compare_and_swap(&xl_g32, 1, (__u32)r);
	r += __sync_lock_test_and_set(&xl_g32, 9);
	bpf_rcu_read_lock();
	len = len * 3 + (len >> 2);
	len ^= (__u32)r;
	bpf_rcu_read_unlock();
	if (len > 1000 && (__s32)len < 5000)
		return TC_ACT_SHOT;
	return (__u32)r & 1;
}

char LICENSE[] SEC("license") = "GPL";

// bpf-to-bpf calls: static __noinline functions in .text called from programs in two sections,
// a nested call, a global (non-static) function and a callback passed by address (bpf_loop,
// BPF_PSEUDO_FUNC). Two programs share the "xdp" section.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

static __noinline int mul_add(int a, int b)
{
	return a * b + 3;
}

static __noinline int twice(int a)
{
	return mul_add(a, 2) + mul_add(a, 3);
}

__noinline int global_len(struct __sk_buff *skb)
{
	if (!skb)
		return 0;
	return skb->len + 1;
}

static int loop_cb(__u32 index, void *ctx)
{
	int *sum = ctx;

	*sum += index;
	return 0;
}

SEC("tc")
int prog_one(struct __sk_buff *skb)
{
	return mul_add(skb->len, 2) + global_len(skb);
}

SEC("tc")
int prog_two(struct __sk_buff *skb)
{
	int sum = 0;

	bpf_loop(4, loop_cb, &sum, 0);
	return twice(skb->protocol) + sum;
}

SEC("xdp")
int xdp_first(struct xdp_md *ctx)
{
	return mul_add(ctx->ingress_ifindex, 1) > 0 ? XDP_PASS : XDP_DROP;
}

SEC("xdp")
int xdp_second(struct xdp_md *ctx)
{
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";

// Tail calls through a prog array whose slots are initialised in the object (.maps relocations
// pointing at programs).
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("tc")
int tail_0(struct __sk_buff *skb)
{
	return 1;
}

SEC("tc")
int tail_2(struct __sk_buff *skb)
{
	return 2;
}

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__array(values, int (struct __sk_buff *));
} jmp_table SEC(".maps") = {
	.values = {
		[0] = (void *)&tail_0,
		[2] = (void *)&tail_2,
	},
};

SEC("tc")
int entry(struct __sk_buff *skb)
{
	bpf_tail_call(skb, &jmp_table, skb->mark & 3);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";

// Global data: .data, .rodata, .bss and a custom .data.foo section, read and written by one
// tc program (loader feature: global data sections become single-entry array maps).
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct pair {
	__u32 a;
	__u16 b;
	__u8 flag : 1, kind : 3;
	__s8 delta;
};

int counter = 7;                                /* .data */
struct pair pairs[2] = { { 1, 2, 1, 5, -3 }, { 3, 4, 0, 2, 9 } };   /* .data */
const volatile int threshold = 42;              /* .rodata */
const volatile char label[12] = "threshold";    /* .rodata */
volatile __u64 hits;                            /* .bss */
volatile __s32 last_len;                        /* .bss */
char tag[8] SEC(".data.foo") = "abc";           /* custom data section */
__u16 foo_count SEC(".data.foo") = 513;

SEC("tc")
int globals_tc(struct __sk_buff *skb)
{
	if (skb->len > threshold) {
		counter++;
		hits++;
		tag[0] = 'x';
		foo_count++;
	}
	last_len = skb->len;
	return pairs[0].a + pairs[1].kind + label[0];
}

char LICENSE[] SEC("license") = "GPL";

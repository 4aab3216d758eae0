// Fills a BPF ring buffer with records of known content, for RingBufReaderKernelIT.
// Run with BPF_PROG_TEST_RUN: the packet's bytes after the 14-byte Ethernet header are a
// struct fill_cmd. Each record is { u32 seq, u32 size, ..., u32 ~seq at size - 4 } (size 12..511,
// so not always a multiple of 8); every discard_every-th sequence number is reserved and then
// discarded instead. The program returns how many records did not fit (reserve/output failed),
// and adds them to the per-CPU counter `lost` (as the datapath does with cilium_evt_lost).
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

/* libbpf 1.1's helper list predates bpf_loop (helper 181, Linux 5.17) */
static long (*cil_bpf_loop)(__u32 nr_loops, void *callback_fn, void *callback_ctx, __u64 flags) = (void *)181;

struct fill_cmd {
	__u32 count;         /* records to write (at most 1 << 20) */
	__u32 size;          /* bytes per record (12..511), 0: 12 + seq % 200 */
	__u32 discard_every; /* 0: never */
	__u32 first_seq;
	__u32 flags;         /* bpf_ringbuf_output flags (BPF_RB_NO_WAKEUP, BPF_RB_FORCE_WAKEUP) */
};

struct scratch {
	__u8 buf[512];
	__u64 failed; /* in a map value, not on the stack: the verifier then sees one state per callback */
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 16384);
} rb SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, struct scratch);
	__uint(max_entries, 1);
} scratch SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 1);
} lost SEC(".maps");

struct loop_ctx {
	struct fill_cmd cmd;
	struct scratch *s;
};

static long one(__u32 i, void *arg)
{
	struct loop_ctx *c = arg;
	__u32 seq = c->cmd.first_seq + i;
	__u32 size = c->cmd.size ? c->cmd.size : 12 + seq % 200;

	if (c->cmd.discard_every && seq % c->cmd.discard_every == 0) {
		__u32 *r = bpf_ringbuf_reserve(&rb, 16, 0);
		if (!r) {
			c->s->failed++;
			return 0;
		}
		r[0] = seq;
		r[1] = 0xdead;
		bpf_ringbuf_discard(r, c->cmd.flags);
		return 0;
	}
	size &= 511;
	if (size < 12)
		size = 12;
	struct scratch *s = c->s;
	*(__u32 *)&s->buf[0] = seq;
	*(__u32 *)&s->buf[4] = size;
	__u32 tail = size - 4;
	if (tail > 508)
		return 1;
	*(__u32 *)&s->buf[tail] = ~seq;
	if (bpf_ringbuf_output(&rb, s->buf, size, c->cmd.flags))
		s->failed++;
	return 0;
}

SEC("tc")
int fill(struct __sk_buff *skb)
{
	struct loop_ctx c = {};
	__u32 zero = 0;

	if (bpf_skb_load_bytes(skb, 14, &c.cmd, sizeof(c.cmd)))
		return -1;
	c.s = bpf_map_lookup_elem(&scratch, &zero);
	if (!c.s)
		return -1;
	if (c.cmd.count > (1 << 20))
		return -1;
	c.s->failed = 0;
	cil_bpf_loop(c.cmd.count, one, &c, 0);
	__u64 failed = c.s->failed;
	if (failed) {
		__u64 *l = bpf_map_lookup_elem(&lost, &zero);
		if (l)
			*l += failed;
	}
	return (int)failed;
}

char LICENSE[] SEC("license") = "GPL";

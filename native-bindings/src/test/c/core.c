// CO-RE: local declarations of kernel types (preserve_access_index), a ___flavor, field
// offset/size/existence, bitfield reads (lshift/rshift/signed), type existence/size/ids and enum
// values. Relocated by the loader against the running kernel's BTF.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

struct task_struct {
	int pid;
	int tgid;
	struct task_struct *real_parent;
	unsigned int flags;
} __attribute__((preserve_access_index));

struct task_struct___cil_old {
	long cil_no_such_field;
	int tgid;
} __attribute__((preserve_access_index));

struct sk_buff {
	unsigned int len;
	__u8 pkt_type : 3;
} __attribute__((preserve_access_index));

enum pid_type { PIDTYPE_PID, PIDTYPE_TGID, PIDTYPE_PGID, PIDTYPE_SID, PIDTYPE_MAX };
enum cil_no_such_enum { CIL_NO_SUCH_VALUE = 1 };
struct cil_no_such_struct { int x; };

SEC("kprobe/do_nanosleep")
int core_kprobe(void *ctx)
{
	struct task_struct *t = (void *)bpf_get_current_task();
	long r = 0;

	r += BPF_CORE_READ(t, real_parent, tgid);
	if (bpf_core_field_exists(t->flags))
		r += 1;
	if (bpf_core_field_exists(((struct task_struct___cil_old *)t)->cil_no_such_field))
		r += 2;
	r += bpf_core_field_size(t->pid);
	r += bpf_core_type_exists(struct task_struct);
	r += bpf_core_type_size(struct task_struct);
	r += bpf_core_type_id_kernel(struct task_struct);
	r += bpf_core_type_id_local(struct task_struct);
	r += bpf_core_enum_value_exists(enum pid_type, PIDTYPE_TGID);
	r += bpf_core_enum_value(enum pid_type, PIDTYPE_SID);
	r += bpf_core_type_exists(enum cil_no_such_enum);
	r += bpf_core_type_exists(struct cil_no_such_struct);
	return r;
}

SEC("kprobe/kfree_skb_reason")
int core_bitfield(void *ctx)
{
	struct sk_buff *skb = *(struct sk_buff **)ctx;

	return BPF_CORE_READ_BITFIELD_PROBED(skb, pkt_type) + BPF_CORE_READ(skb, len);
}

char LICENSE[] SEC("license") = "GPL";

// An extern (kconfig) variable: not supported by our loader yet, must be a clear error.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern int LINUX_KERNEL_VERSION __kconfig;

SEC("tc")
int uses_kconfig(struct __sk_buff *skb)
{
	return LINUX_KERNEL_VERSION > 0x60000 ? 1 : 0;
}

char LICENSE[] SEC("license") = "GPL";

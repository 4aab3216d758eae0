// Test fixture: bpftool's program metadata, bpf_metadata_* variables in .rodata (libbpf, and our
// loader, bind .rodata to every program of the object, so they show even where no code reads them).
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

volatile const char bpf_metadata_owner[] SEC(".rodata") = "cil tests";
volatile const int bpf_metadata_version SEC(".rodata") = 42;
volatile const unsigned long long bpf_metadata_build SEC(".rodata") = 0x1122334455667788ULL;
volatile const int not_metadata SEC(".rodata") = 7;

SEC("tc")
int md_reads(struct __sk_buff *skb)
{
	return not_metadata == 7 ? 0 : 2;
}

SEC("tc")
int md_ignores(struct __sk_buff *skb)
{
	return 0;
}

char _license[] SEC("license") = "GPL";

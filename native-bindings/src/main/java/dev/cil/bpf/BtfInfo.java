package dev.cil.bpf;

/** What the kernel reports about a BTF object ({@code struct bpf_btf_info}). */
public record BtfInfo(BtfId id, int size, String name, boolean kernel) { }

package dev.cil.bpf;

/** The kernel's id of a BPF btf (unsigned 32-bit). */
public record BtfId(int value) implements Comparable<BtfId> {
    @Override public int compareTo(BtfId o) { return Integer.compareUnsigned(value, o.value); }

    @Override public String toString() { return Integer.toUnsignedString(value); }
}

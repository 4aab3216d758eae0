package dev.cil.bpf;

/** The kernel's id of a BPF link (unsigned 32-bit). */
public record LinkId(int value) implements Comparable<LinkId> {
    @Override public int compareTo(LinkId o) { return Integer.compareUnsigned(value, o.value); }

    @Override public String toString() { return Integer.toUnsignedString(value); }
}

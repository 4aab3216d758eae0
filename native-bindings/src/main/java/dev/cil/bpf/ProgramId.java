package dev.cil.bpf;

/** The kernel's id of a BPF program (unsigned 32-bit). */
public record ProgramId(int value) implements Comparable<ProgramId> {
    @Override public int compareTo(ProgramId o) { return Integer.compareUnsigned(value, o.value); }

    @Override public String toString() { return Integer.toUnsignedString(value); }
}

package dev.cil.bpf;

/** The kernel's id of a BPF map (unsigned 32-bit). */
public record MapId(int value) implements Comparable<MapId> {
    @Override public int compareTo(MapId o) { return Integer.compareUnsigned(value, o.value); }

    @Override public String toString() { return Integer.toUnsignedString(value); }
}

package dev.cil.elf;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A map as the object file declares it (plain data, the same on any machine).
 *
 * <p>Numbers are the kernel's: {@code type} is {@code enum bpf_map_type}, {@code flags} the
 * BPF_F_* map flags. A BTF-defined map ({@link Kind#BTF}) comes from a variable in {@code .maps};
 * a {@link Kind#LEGACY} one from a {@code struct bpf_map_def} in the {@code maps} section; global
 * data sections become single-entry arrays ({@link Kind#DATA} for {@code .data}/{@code .data.*},
 * {@link Kind#RODATA} for {@code .rodata}/{@code .rodata.*}, {@link Kind#BSS} for
 * {@code .bss}/{@code .bss.*}) whose value is the section.
 *
 * @param name the name in the object: the variable or symbol name, or the section name for data maps
 * @param kernelName the name given to the kernel (at most 15 characters; for data maps libbpf's
 *     rule: up to 8 characters of the object name followed by the section name, or the
 *     section name alone for {@code .data.*}-style custom sections)
 * @param kind where the definition came from
 * @param type map type number
 * @param keySize key size in bytes
 * @param valueSize value size in bytes (4 for prog arrays and map-in-map outer maps)
 * @param maxEntries max entries (as declared: ring buffer sizes are not rounded here)
 * @param flags map flags (data maps: BPF_F_RDONLY_PROG for .rodata, BPF_F_MMAPABLE when a
 *     variable is visible outside the object, as libbpf)
 * @param numaNode NUMA node ({@code numa_node}), 0 if not given
 * @param mapExtra {@code map_extra} (bloom filter hashes, arena address), 0 if not given
 * @param pinning 0 none, 1 {@code LIBBPF_PIN_BY_NAME}
 * @param btfKeyTypeId BTF type id of the key, 0 when unknown (data maps have none)
 * @param btfValueTypeId BTF type id of the value (the DATASEC for data maps), 0 when unknown
 * @param innerMap the inner map template of a map-in-map ({@code __array(values, …)})
 * @param initialSlots slots initialised in the object: program names for a prog array, map
 *     names for a map-in-map
 * @param contents initial value of a data map (for BSS: empty, meaning {@code valueSize} zero
 *     bytes); empty for other maps
 */
public record MapSpec(String name, String kernelName, Kind kind, int type, int keySize, int valueSize, int maxEntries,
                      int flags, int numaNode, long mapExtra, int pinning, int btfKeyTypeId, int btfValueTypeId,
                      Optional<MapSpec> innerMap, List<Slot> initialSlots, byte[] contents) {

    public static final int BPF_F_NO_PREALLOC = 1, BPF_F_RDONLY_PROG = 1 << 7, BPF_F_MMAPABLE = 1 << 10;
    public static final int PIN_NONE = 0, PIN_BY_NAME = 1;

    /** Where a map definition came from. */
    public enum Kind { BTF, LEGACY, DATA, RODATA, BSS }

    /** An initialised slot of a prog array (target is a program name) or map-in-map (a map name). */
    public record Slot(int index, String target) { }

    public MapSpec {
        Objects.requireNonNull(name);
        Objects.requireNonNull(kernelName);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(innerMap);
        initialSlots = List.copyOf(initialSlots);
        contents = contents.clone();
    }

    @Override
    public byte[] contents() { return contents.clone(); }

    /** Whether the map is a global data section that libbpf freezes after writing it ({@code .rodata}). */
    public boolean frozen() { return kind == Kind.RODATA; }

    /** Whether the map holds global data ({@code .data}, {@code .rodata}, {@code .bss} and their sub-sections). */
    public boolean isGlobalData() { return kind == Kind.DATA || kind == Kind.RODATA || kind == Kind.BSS; }

    @Override
    public boolean equals(Object o) {
        return o instanceof MapSpec m && name.equals(m.name) && kernelName.equals(m.kernelName) && kind == m.kind
                && type == m.type && keySize == m.keySize && valueSize == m.valueSize && maxEntries == m.maxEntries
                && flags == m.flags && numaNode == m.numaNode && mapExtra == m.mapExtra && pinning == m.pinning
                && btfKeyTypeId == m.btfKeyTypeId && btfValueTypeId == m.btfValueTypeId && innerMap.equals(m.innerMap)
                && initialSlots.equals(m.initialSlots) && Arrays.equals(contents, m.contents);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, kind, type, keySize, valueSize, maxEntries, flags) * 31 + Arrays.hashCode(contents);
    }

    @Override
    public String toString() {
        return "MapSpec[" + name + " (" + kernelName + ") " + kind + " type " + type + " key " + keySize + " value " + valueSize
                + " max_entries " + maxEntries + " flags 0x" + Integer.toHexString(flags)
                + (pinning != 0 ? " pinned by name" : "") + (innerMap.isPresent() ? " inner " + innerMap.get().name() : "")
                + (initialSlots.isEmpty() ? "" : " slots " + initialSlots) + "]";
    }
}

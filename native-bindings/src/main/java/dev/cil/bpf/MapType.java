package dev.cil.bpf;

/**
 * BPF map types ({@code enum bpf_map_type}).
 * Names are bpftool's (libbpf's) spelling. Decoding never throws: {@link #of(int)} returns null for a
 * number newer than this enum, and {@link #nameOf(int)} prints it as {@code type N}.
 */
public enum MapType {
    UNSPEC(0, "unspec"),
    HASH(1, "hash"),
    ARRAY(2, "array"),
    PROG_ARRAY(3, "prog_array"),
    PERF_EVENT_ARRAY(4, "perf_event_array"),
    PERCPU_HASH(5, "percpu_hash"),
    PERCPU_ARRAY(6, "percpu_array"),
    STACK_TRACE(7, "stack_trace"),
    CGROUP_ARRAY(8, "cgroup_array"),
    LRU_HASH(9, "lru_hash"),
    LRU_PERCPU_HASH(10, "lru_percpu_hash"),
    LPM_TRIE(11, "lpm_trie"),
    ARRAY_OF_MAPS(12, "array_of_maps"),
    HASH_OF_MAPS(13, "hash_of_maps"),
    DEVMAP(14, "devmap"),
    SOCKMAP(15, "sockmap"),
    CPUMAP(16, "cpumap"),
    XSKMAP(17, "xskmap"),
    SOCKHASH(18, "sockhash"),
    CGROUP_STORAGE(19, "cgroup_storage"),
    REUSEPORT_SOCKARRAY(20, "reuseport_sockarray"),
    PERCPU_CGROUP_STORAGE(21, "percpu_cgroup_storage"),
    QUEUE(22, "queue"),
    STACK(23, "stack"),
    SK_STORAGE(24, "sk_storage"),
    DEVMAP_HASH(25, "devmap_hash"),
    STRUCT_OPS(26, "struct_ops"),
    RINGBUF(27, "ringbuf"),
    INODE_STORAGE(28, "inode_storage"),
    TASK_STORAGE(29, "task_storage"),
    BLOOM_FILTER(30, "bloom_filter"),
    USER_RINGBUF(31, "user_ringbuf"),
    CGRP_STORAGE(32, "cgrp_storage"),
    ARENA(33, "arena");

    private static final MapType[] BY_NUMBER = new MapType[34];
    static {
        for (MapType t : values()) BY_NUMBER[t.number] = t;
    }

    private final int number;
    private final String kernelName;

    MapType(int number, String kernelName) {
        this.number = number;
        this.kernelName = kernelName;
    }

    /** The kernel's number. */
    public int number() { return number; }

    /** bpftool's name for this type. */
    public String kernelName() { return kernelName; }

    /** The constant for a kernel number, or null when this enum does not know it. */
    public static MapType of(int number) {
        return number >= 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : null;
    }

    /** bpftool's name for a kernel number: the known name, or {@code type N}. */
    public static String nameOf(int number) {
        MapType t = of(number);
        return t != null ? t.kernelName : "type " + Integer.toUnsignedString(number);
    }

    /** The constant whose bpftool name is {@code name} (case-insensitive), or null. */
    public static MapType byName(String name) {
        for (MapType t : values()) if (t.kernelName.equalsIgnoreCase(name)) return t;
        return null;
    }

    /** Per-CPU maps store one value per possible CPU, each rounded up to 8 bytes. */
    public boolean perCpu() {
        return this == PERCPU_HASH || this == PERCPU_ARRAY || this == LRU_PERCPU_HASH || this == PERCPU_CGROUP_STORAGE;
    }
}

package dev.cil.bpf;

/**
 * BPF link types ({@code enum bpf_link_type}).
 * Names are bpftool's (libbpf's) spelling. Decoding never throws: {@link #of(int)} returns null for a
 * number newer than this enum, and {@link #nameOf(int)} prints it as {@code type N}.
 */
public enum LinkType {
    UNSPEC(0, "unspec"),
    RAW_TRACEPOINT(1, "raw_tracepoint"),
    TRACING(2, "tracing"),
    CGROUP(3, "cgroup"),
    ITER(4, "iter"),
    NETNS(5, "netns"),
    XDP(6, "xdp"),
    PERF_EVENT(7, "perf_event"),
    KPROBE_MULTI(8, "kprobe_multi"),
    STRUCT_OPS(9, "struct_ops"),
    NETFILTER(10, "netfilter"),
    TCX(11, "tcx"),
    UPROBE_MULTI(12, "uprobe_multi"),
    NETKIT(13, "netkit"),
    SOCKMAP(14, "sockmap");

    private static final LinkType[] BY_NUMBER = new LinkType[15];
    static {
        for (LinkType t : values()) BY_NUMBER[t.number] = t;
    }

    private final int number;
    private final String kernelName;

    LinkType(int number, String kernelName) {
        this.number = number;
        this.kernelName = kernelName;
    }

    /** The kernel's number. */
    public int number() { return number; }

    /** bpftool's name for this type. */
    public String kernelName() { return kernelName; }

    /** The constant for a kernel number, or null when this enum does not know it. */
    public static LinkType of(int number) {
        return number >= 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : null;
    }

    /** bpftool's name for a kernel number: the known name, or {@code type N}. */
    public static String nameOf(int number) {
        LinkType t = of(number);
        return t != null ? t.kernelName : "type " + Integer.toUnsignedString(number);
    }

    /** The constant whose bpftool name is {@code name} (case-insensitive), or null. */
    public static LinkType byName(String name) {
        for (LinkType t : values()) if (t.kernelName.equalsIgnoreCase(name)) return t;
        return null;
    }
}

package dev.cil.bpf;

/**
 * BPF program types ({@code enum bpf_prog_type}).
 * Names are bpftool's (libbpf's) spelling. Decoding never throws: {@link #of(int)} returns null for a
 * number newer than this enum, and {@link #nameOf(int)} prints it as {@code type N}.
 */
public enum ProgramType {
    UNSPEC(0, "unspec"),
    SOCKET_FILTER(1, "socket_filter"),
    KPROBE(2, "kprobe"),
    SCHED_CLS(3, "sched_cls"),
    SCHED_ACT(4, "sched_act"),
    TRACEPOINT(5, "tracepoint"),
    XDP(6, "xdp"),
    PERF_EVENT(7, "perf_event"),
    CGROUP_SKB(8, "cgroup_skb"),
    CGROUP_SOCK(9, "cgroup_sock"),
    LWT_IN(10, "lwt_in"),
    LWT_OUT(11, "lwt_out"),
    LWT_XMIT(12, "lwt_xmit"),
    SOCK_OPS(13, "sock_ops"),
    SK_SKB(14, "sk_skb"),
    CGROUP_DEVICE(15, "cgroup_device"),
    SK_MSG(16, "sk_msg"),
    RAW_TRACEPOINT(17, "raw_tracepoint"),
    CGROUP_SOCK_ADDR(18, "cgroup_sock_addr"),
    LWT_SEG6LOCAL(19, "lwt_seg6local"),
    LIRC_MODE2(20, "lirc_mode2"),
    SK_REUSEPORT(21, "sk_reuseport"),
    FLOW_DISSECTOR(22, "flow_dissector"),
    CGROUP_SYSCTL(23, "cgroup_sysctl"),
    RAW_TRACEPOINT_WRITABLE(24, "raw_tracepoint_writable"),
    CGROUP_SOCKOPT(25, "cgroup_sockopt"),
    TRACING(26, "tracing"),
    STRUCT_OPS(27, "struct_ops"),
    EXT(28, "ext"),
    LSM(29, "lsm"),
    SK_LOOKUP(30, "sk_lookup"),
    SYSCALL(31, "syscall"),
    NETFILTER(32, "netfilter");

    private static final ProgramType[] BY_NUMBER = new ProgramType[33];
    static {
        for (ProgramType t : values()) BY_NUMBER[t.number] = t;
    }

    private final int number;
    private final String kernelName;

    ProgramType(int number, String kernelName) {
        this.number = number;
        this.kernelName = kernelName;
    }

    /** The kernel's number. */
    public int number() { return number; }

    /** bpftool's name for this type. */
    public String kernelName() { return kernelName; }

    /** The constant for a kernel number, or null when this enum does not know it. */
    public static ProgramType of(int number) {
        return number >= 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : null;
    }

    /** bpftool's name for a kernel number: the known name, or {@code type N}. */
    public static String nameOf(int number) {
        ProgramType t = of(number);
        return t != null ? t.kernelName : "type " + Integer.toUnsignedString(number);
    }

    /** The constant whose bpftool name is {@code name} (case-insensitive), or null. */
    public static ProgramType byName(String name) {
        for (ProgramType t : values()) if (t.kernelName.equalsIgnoreCase(name)) return t;
        return null;
    }
}

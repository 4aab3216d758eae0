package dev.cil.bpf;

/**
 * BPF attach types ({@code enum bpf_attach_type}).
 * Names are bpftool's (libbpf's) spelling. Decoding never throws: {@link #of(int)} returns null for a
 * number newer than this enum, and {@link #nameOf(int)} prints it as {@code type N}.
 */
public enum AttachType {
    CGROUP_INET_INGRESS(0, "cgroup_inet_ingress"),
    CGROUP_INET_EGRESS(1, "cgroup_inet_egress"),
    CGROUP_INET_SOCK_CREATE(2, "cgroup_inet_sock_create"),
    CGROUP_SOCK_OPS(3, "cgroup_sock_ops"),
    SK_SKB_STREAM_PARSER(4, "sk_skb_stream_parser"),
    SK_SKB_STREAM_VERDICT(5, "sk_skb_stream_verdict"),
    CGROUP_DEVICE(6, "cgroup_device"),
    SK_MSG_VERDICT(7, "sk_msg_verdict"),
    CGROUP_INET4_BIND(8, "cgroup_inet4_bind"),
    CGROUP_INET6_BIND(9, "cgroup_inet6_bind"),
    CGROUP_INET4_CONNECT(10, "cgroup_inet4_connect"),
    CGROUP_INET6_CONNECT(11, "cgroup_inet6_connect"),
    CGROUP_INET4_POST_BIND(12, "cgroup_inet4_post_bind"),
    CGROUP_INET6_POST_BIND(13, "cgroup_inet6_post_bind"),
    CGROUP_UDP4_SENDMSG(14, "cgroup_udp4_sendmsg"),
    CGROUP_UDP6_SENDMSG(15, "cgroup_udp6_sendmsg"),
    LIRC_MODE2(16, "lirc_mode2"),
    FLOW_DISSECTOR(17, "flow_dissector"),
    CGROUP_SYSCTL(18, "cgroup_sysctl"),
    CGROUP_UDP4_RECVMSG(19, "cgroup_udp4_recvmsg"),
    CGROUP_UDP6_RECVMSG(20, "cgroup_udp6_recvmsg"),
    CGROUP_GETSOCKOPT(21, "cgroup_getsockopt"),
    CGROUP_SETSOCKOPT(22, "cgroup_setsockopt"),
    TRACE_RAW_TP(23, "trace_raw_tp"),
    TRACE_FENTRY(24, "trace_fentry"),
    TRACE_FEXIT(25, "trace_fexit"),
    MODIFY_RETURN(26, "modify_return"),
    LSM_MAC(27, "lsm_mac"),
    TRACE_ITER(28, "trace_iter"),
    CGROUP_INET4_GETPEERNAME(29, "cgroup_inet4_getpeername"),
    CGROUP_INET6_GETPEERNAME(30, "cgroup_inet6_getpeername"),
    CGROUP_INET4_GETSOCKNAME(31, "cgroup_inet4_getsockname"),
    CGROUP_INET6_GETSOCKNAME(32, "cgroup_inet6_getsockname"),
    XDP_DEVMAP(33, "xdp_devmap"),
    CGROUP_INET_SOCK_RELEASE(34, "cgroup_inet_sock_release"),
    XDP_CPUMAP(35, "xdp_cpumap"),
    SK_LOOKUP(36, "sk_lookup"),
    XDP(37, "xdp"),
    SK_SKB_VERDICT(38, "sk_skb_verdict"),
    SK_REUSEPORT_SELECT(39, "sk_reuseport_select"),
    SK_REUSEPORT_SELECT_OR_MIGRATE(40, "sk_reuseport_select_or_migrate"),
    PERF_EVENT(41, "perf_event"),
    TRACE_KPROBE_MULTI(42, "trace_kprobe_multi"),
    LSM_CGROUP(43, "lsm_cgroup"),
    STRUCT_OPS(44, "struct_ops"),
    NETFILTER(45, "netfilter"),
    TCX_INGRESS(46, "tcx_ingress"),
    TCX_EGRESS(47, "tcx_egress"),
    TRACE_UPROBE_MULTI(48, "trace_uprobe_multi"),
    CGROUP_UNIX_CONNECT(49, "cgroup_unix_connect"),
    CGROUP_UNIX_SENDMSG(50, "cgroup_unix_sendmsg"),
    CGROUP_UNIX_RECVMSG(51, "cgroup_unix_recvmsg"),
    CGROUP_UNIX_GETPEERNAME(52, "cgroup_unix_getpeername"),
    CGROUP_UNIX_GETSOCKNAME(53, "cgroup_unix_getsockname"),
    NETKIT_PRIMARY(54, "netkit_primary"),
    NETKIT_PEER(55, "netkit_peer"),
    TRACE_KPROBE_SESSION(56, "trace_kprobe_session"),
    TRACE_UPROBE_SESSION(57, "trace_uprobe_session");

    private static final AttachType[] BY_NUMBER = new AttachType[58];
    static {
        for (AttachType t : values()) BY_NUMBER[t.number] = t;
    }

    private final int number;
    private final String kernelName;

    AttachType(int number, String kernelName) {
        this.number = number;
        this.kernelName = kernelName;
    }

    /** The kernel's number. */
    public int number() { return number; }

    /** bpftool's name for this type. */
    public String kernelName() { return kernelName; }

    /** The constant for a kernel number, or null when this enum does not know it. */
    public static AttachType of(int number) {
        return number >= 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : null;
    }

    /** bpftool's name for a kernel number: the known name, or {@code type N}. */
    public static String nameOf(int number) {
        AttachType t = of(number);
        return t != null ? t.kernelName : "type " + Integer.toUnsignedString(number);
    }

    /** The constant whose bpftool name is {@code name} (case-insensitive), or null. */
    public static AttachType byName(String name) {
        for (AttachType t : values()) if (t.kernelName.equalsIgnoreCase(name)) return t;
        return null;
    }
}

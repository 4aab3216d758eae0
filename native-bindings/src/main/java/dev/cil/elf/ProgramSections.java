package dev.cil.elf;

import java.util.List;
import java.util.Optional;

/**
 * libbpf's section naming conventions ({@code SEC("...")}): a program's ELF section name gives its
 * program type, expected attach type and load flags. The table follows libbpf's
 * {@code section_defs} (libbpf 1.7 and later) entry for entry, in the same order, and matches
 * the same way: an entry ending in {@code +} matches the bare name or the name followed by
 * {@code /anything}; an entry ending in {@code /} needs something after it; any other entry must
 * match exactly. The first match wins. A leading {@code ?} (libbpf: do not load by default) is
 * ignored for matching.
 *
 * <p>Program and attach types are kernel numbers ({@code enum bpf_prog_type},
 * {@code enum bpf_attach_type}); an expected attach type of 0 with
 * {@link Match#expectedAttachType()} unset means none.
 */
public final class ProgramSections {
    private ProgramSections() { }

    static final int EXP_ATTACH_OPT = 1, ATTACHABLE = 2, ATTACH_BTF = 4, SLEEPABLE = 8, XDP_FRAGS = 16, USDT = 32;

    /** bpf(2) program flags implied by a section. */
    public static final int BPF_F_SLEEPABLE = 1 << 4, BPF_F_XDP_HAS_FRAGS = 1 << 5;

    private record Def(String pattern, int programType, int attachType, int flags) { }

    /**
     * The outcome of matching a section name.
     *
     * @param pattern the libbpf table entry that matched (e.g. {@code kprobe+})
     * @param programType kernel program type number
     * @param expectedAttachType kernel attach type number to pass at load; meaningful when
     *     {@link #hasExpectedAttachType()}
     * @param hasExpectedAttachType whether the entry names an attach type (BPF_CGROUP_INET_INGRESS is 0)
     * @param attachTypeOptional libbpf may drop the expected attach type on kernels that reject it
     * @param attachBtf the program attaches to a BTF-described kernel function named by {@link #target()}
     * @param programFlags BPF_F_SLEEPABLE / BPF_F_XDP_HAS_FRAGS to pass at load
     * @param target what follows the entry's prefix and {@code /} (the kprobe's function, the
     *     tracepoint's name, ...), "" when nothing follows
     */
    public record Match(String pattern, int programType, int expectedAttachType, boolean hasExpectedAttachType,
                        boolean attachTypeOptional, boolean attachBtf, int programFlags, String target) { }

    private static Def d(String pattern, int programType, int attachType, int flags) {
        return new Def(pattern, programType, attachType, flags);
    }

    /** Entries with an explicit attach type of 0 (BPF_CGROUP_INET_INGRESS). */
    private static boolean namesAttachType(Def def) {
        return def.attachType != 0 || def.pattern.equals("cgroup_skb/ingress");
    }

    private static final List<Def> DEFS = List.of(
        d("socket", 1, 0, 0),
        d("sk_reuseport/migrate", 21, 40, ATTACHABLE),
        d("sk_reuseport", 21, 39, ATTACHABLE),
        d("kprobe+", 2, 0, 0),
        d("uprobe+", 2, 0, 0),
        d("uprobe.s+", 2, 0, SLEEPABLE),
        d("kretprobe+", 2, 0, 0),
        d("uretprobe+", 2, 0, 0),
        d("uretprobe.s+", 2, 0, SLEEPABLE),
        d("kprobe.multi+", 2, 42, 0),
        d("kretprobe.multi+", 2, 42, 0),
        d("kprobe.session+", 2, 56, 0),
        d("uprobe.multi+", 2, 48, 0),
        d("uretprobe.multi+", 2, 48, 0),
        d("uprobe.session+", 2, 57, 0),
        d("uprobe.multi.s+", 2, 48, SLEEPABLE),
        d("uretprobe.multi.s+", 2, 48, SLEEPABLE),
        d("uprobe.session.s+", 2, 57, SLEEPABLE),
        d("ksyscall+", 2, 0, 0),
        d("kretsyscall+", 2, 0, 0),
        d("usdt+", 2, 0, USDT),
        d("usdt.s+", 2, 0, USDT | SLEEPABLE),
        d("tc/ingress", 3, 46, 0),
        d("tc/egress", 3, 47, 0),
        d("tcx/ingress", 3, 46, 0),
        d("tcx/egress", 3, 47, 0),
        d("tc", 3, 0, 0),
        d("classifier", 3, 0, 0),
        d("action", 4, 0, 0),
        d("netkit/primary", 3, 54, 0),
        d("netkit/peer", 3, 55, 0),
        d("tracepoint+", 5, 0, 0),
        d("tp+", 5, 0, 0),
        d("tracepoint.s+", 5, 0, SLEEPABLE),
        d("tp.s+", 5, 0, SLEEPABLE),
        d("raw_tracepoint+", 17, 0, 0),
        d("raw_tp+", 17, 0, 0),
        d("raw_tracepoint.s+", 17, 0, SLEEPABLE),
        d("raw_tp.s+", 17, 0, SLEEPABLE),
        d("raw_tracepoint.w+", 24, 0, 0),
        d("raw_tp.w+", 24, 0, 0),
        d("tp_btf+", 26, 23, ATTACH_BTF),
        d("tp_btf.s+", 26, 23, ATTACH_BTF | SLEEPABLE),
        d("fentry+", 26, 24, ATTACH_BTF),
        d("fmod_ret+", 26, 26, ATTACH_BTF),
        d("fexit+", 26, 25, ATTACH_BTF),
        d("fentry.s+", 26, 24, ATTACH_BTF | SLEEPABLE),
        d("fmod_ret.s+", 26, 26, ATTACH_BTF | SLEEPABLE),
        d("fexit.s+", 26, 25, ATTACH_BTF | SLEEPABLE),
        d("fsession+", 26, 58, ATTACH_BTF),
        d("fsession.s+", 26, 58, ATTACH_BTF | SLEEPABLE),
        d("fsession.multi+", 26, 61, 0),
        d("fsession.multi.s+", 26, 61, SLEEPABLE),
        d("fentry.multi+", 26, 59, 0),
        d("fexit.multi+", 26, 60, 0),
        d("fentry.multi.s+", 26, 59, SLEEPABLE),
        d("fexit.multi.s+", 26, 60, SLEEPABLE),
        d("freplace+", 28, 0, ATTACH_BTF),
        d("lsm+", 29, 27, ATTACH_BTF),
        d("lsm.s+", 29, 27, ATTACH_BTF | SLEEPABLE),
        d("lsm_cgroup+", 29, 43, ATTACH_BTF),
        d("iter+", 26, 28, ATTACH_BTF),
        d("iter.s+", 26, 28, ATTACH_BTF | SLEEPABLE),
        d("syscall", 31, 0, SLEEPABLE),
        d("xdp.frags/devmap", 6, 33, XDP_FRAGS),
        d("xdp/devmap", 6, 33, ATTACHABLE),
        d("xdp.frags/cpumap", 6, 35, XDP_FRAGS),
        d("xdp/cpumap", 6, 35, ATTACHABLE),
        d("xdp.frags", 6, 37, XDP_FRAGS),
        d("xdp", 6, 37, ATTACHABLE | EXP_ATTACH_OPT),
        d("perf_event", 7, 0, 0),
        d("lwt_in", 10, 0, 0),
        d("lwt_out", 11, 0, 0),
        d("lwt_xmit", 12, 0, 0),
        d("lwt_seg6local", 19, 0, 0),
        d("sockops", 13, 3, ATTACHABLE | EXP_ATTACH_OPT),
        d("sk_skb/stream_parser", 14, 4, ATTACHABLE | EXP_ATTACH_OPT),
        d("sk_skb/stream_verdict", 14, 5, ATTACHABLE | EXP_ATTACH_OPT),
        d("sk_skb/verdict", 14, 38, ATTACHABLE | EXP_ATTACH_OPT),
        d("sk_skb", 14, 0, 0),
        d("sk_msg", 16, 7, ATTACHABLE | EXP_ATTACH_OPT),
        d("lirc_mode2", 20, 16, ATTACHABLE | EXP_ATTACH_OPT),
        d("flow_dissector", 22, 17, ATTACHABLE | EXP_ATTACH_OPT),
        d("cgroup_skb/ingress", 8, 0, ATTACHABLE | EXP_ATTACH_OPT),
        d("cgroup_skb/egress", 8, 1, ATTACHABLE | EXP_ATTACH_OPT),
        d("cgroup/skb", 8, 0, 0),
        d("cgroup/sock_create", 9, 2, ATTACHABLE),
        d("cgroup/sock_release", 9, 34, ATTACHABLE),
        d("cgroup/sock", 9, 2, ATTACHABLE | EXP_ATTACH_OPT),
        d("cgroup/post_bind4", 9, 12, ATTACHABLE),
        d("cgroup/post_bind6", 9, 13, ATTACHABLE),
        d("cgroup/bind4", 18, 8, ATTACHABLE),
        d("cgroup/bind6", 18, 9, ATTACHABLE),
        d("cgroup/connect4", 18, 10, ATTACHABLE),
        d("cgroup/connect6", 18, 11, ATTACHABLE),
        d("cgroup/connect_unix", 18, 49, ATTACHABLE),
        d("cgroup/sendmsg4", 18, 14, ATTACHABLE),
        d("cgroup/sendmsg6", 18, 15, ATTACHABLE),
        d("cgroup/sendmsg_unix", 18, 50, ATTACHABLE),
        d("cgroup/recvmsg4", 18, 19, ATTACHABLE),
        d("cgroup/recvmsg6", 18, 20, ATTACHABLE),
        d("cgroup/recvmsg_unix", 18, 51, ATTACHABLE),
        d("cgroup/getpeername4", 18, 29, ATTACHABLE),
        d("cgroup/getpeername6", 18, 30, ATTACHABLE),
        d("cgroup/getpeername_unix", 18, 52, ATTACHABLE),
        d("cgroup/getsockname4", 18, 31, ATTACHABLE),
        d("cgroup/getsockname6", 18, 32, ATTACHABLE),
        d("cgroup/getsockname_unix", 18, 53, ATTACHABLE),
        d("cgroup/sysctl", 23, 18, ATTACHABLE),
        d("cgroup/getsockopt", 25, 21, ATTACHABLE),
        d("cgroup/setsockopt", 25, 22, ATTACHABLE),
        d("cgroup/dev", 15, 6, ATTACHABLE | EXP_ATTACH_OPT),
        d("struct_ops+", 27, 0, 0),
        d("struct_ops.s+", 27, 0, SLEEPABLE),
        d("sk_lookup", 30, 36, ATTACHABLE),
        d("netfilter", 32, 45, 0)
    );

    /** Matches a section name against the table; empty when libbpf would not know the section. */
    public static Optional<Match> match(String sectionName) {
        String s = sectionName.startsWith("?") ? sectionName.substring(1) : sectionName;
        for (Def def : DEFS) {
            String p = def.pattern;
            String target;
            if (p.endsWith("/")) {
                if (!s.startsWith(p)) continue;
                target = s.substring(p.length());
            } else if (p.endsWith("+")) {
                String base = p.substring(0, p.length() - 1);
                if (!s.startsWith(base)) continue;
                if (s.length() == base.length()) target = "";
                else if (s.charAt(base.length()) == '/') target = s.substring(base.length() + 1);
                else continue;
            } else {
                if (!s.equals(p)) continue;
                target = "";
            }
            int pf = ((def.flags & SLEEPABLE) != 0 ? BPF_F_SLEEPABLE : 0)
                    | ((def.flags & XDP_FRAGS) != 0 && def.programType == 6 ? BPF_F_XDP_HAS_FRAGS : 0);
            return Optional.of(new Match(p, def.programType, def.attachType, namesAttachType(def),
                    (def.flags & EXP_ATTACH_OPT) != 0, (def.flags & ATTACH_BTF) != 0, pf, target));
        }
        return Optional.empty();
    }
}

package dev.cil.bpf.link;

import dev.cil.bpf.AttachType;
import dev.cil.bpf.BpfLink;
import dev.cil.bpf.BpfProgram;
import dev.cil.error.KernelException;
import dev.cil.internal.sys.BpfCalls;
import dev.cil.internal.sys.Fd;

/**
 * An XDP program attached through a link (LINK_CREATE BPF_XDP, kernel 5.9+; the mode is the
 * driver's if it has native XDP, else generic, chosen by {@code flags}).
 */
public final class XdpLink extends BpfLink implements XdpAttachment {
    /** XDP_FLAGS_SKB_MODE and XDP_FLAGS_DRV_MODE. */
    public static final int SKB_MODE = 1 << 1, DRV_MODE = 1 << 2;
    private final int ifindex;

    private XdpLink(Fd fd, int ifindex) {
        super(fd);
        this.ifindex = ifindex;
    }

    public static XdpLink attach(BpfProgram prog, int ifindex, int flags) {
        String what = "xdp of ifindex " + ifindex;
        int fd = BpfCalls.linkCreate(prog.fd().raw(), ifindex, AttachType.XDP.number(), flags, 0, 0, what);
        return new XdpLink(new Fd(fd, "xdp link on " + what), ifindex);
    }

    /** Whether LINK_CREATE refused XDP for reasons a legacy netlink attach would not have (old kernel). */
    public static boolean linkUnsupported(KernelException e) {
        return e.errnoNumber() == 22 || e.errnoNumber() == 95 || e.errnoNumber() == 524;
    }

    @Override public int ifindex() { return ifindex; }

    @Override public boolean legacy() { return false; }
}

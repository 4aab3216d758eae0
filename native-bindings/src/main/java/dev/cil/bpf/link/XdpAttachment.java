package dev.cil.bpf.link;

import dev.cil.bpf.BpfProgram;
import dev.cil.error.KernelException;
import dev.cil.netlink.Rtnl;
import dev.cil.netlink.XdpMode;
import dev.cil.netns.NetNs;

/**
 * An XDP program on a device: through a link where the kernel has XDP links (5.9+), else attached
 * through netlink (IFLA_XDP) as a fallback that is reported, not hidden ({@link #legacy()}). Closing
 * detaches either way (a pinned link stays).
 */
public interface XdpAttachment extends AutoCloseable {
    /** True when attached through netlink rather than a link. */
    boolean legacy();

    int ifindex();

    @Override void close();

    /**
     * Attaches {@code prog} to {@code ifindex} (calling thread's namespace) in {@code mode}; falls back to
     * netlink when LINK_CREATE does not support XDP here.
     */
    static XdpAttachment attach(BpfProgram prog, int ifindex, XdpMode mode) {
        int flags = mode == XdpMode.SKB ? XdpLink.SKB_MODE : mode == XdpMode.DRV ? XdpLink.DRV_MODE : 0;
        try {
            return XdpLink.attach(prog, ifindex, flags);
        } catch (KernelException e) {
            if (!XdpLink.linkUnsupported(e) || mode == XdpMode.HW) throw e;
            return attachLegacy(prog, ifindex, mode);
        }
    }

    /** Attaches through netlink only (no link object); fails if a program is attached already. */
    static XdpAttachment attachLegacy(BpfProgram prog, int ifindex, XdpMode mode) {
        NetNs ns = NetNs.current();
        try (Rtnl rtnl = Rtnl.open()) {
            rtnl.attachXdp(ifindex, prog.fd(), mode, false);
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        }
        return new LegacyXdp(ns, ifindex, mode);
    }

    /** A netlink XDP attachment: detached (same mode, same network namespace) on close, from any thread. */
    final class LegacyXdp implements XdpAttachment {
        private final NetNs ns;
        private final int ifindex;
        private final XdpMode mode;
        private boolean closed;

        LegacyXdp(NetNs ns, int ifindex, XdpMode mode) {
            this.ns = ns;
            this.ifindex = ifindex;
            this.mode = mode;
        }

        @Override public boolean legacy() { return true; }

        @Override public int ifindex() { return ifindex; }

        public XdpMode mode() { return mode; }

        @Override
        public void close() {
            if (closed) return;
            closed = true;
            Netlink.inNamespace(ns, rtnl -> rtnl.detachXdp(ifindex, mode));
        }
    }
}

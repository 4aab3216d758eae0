package dev.cil.bpf.link;

import dev.cil.bpf.BpfLink;
import dev.cil.internal.sys.Fd;

/** A program attached to a device's tcx hook through a link. */
public final class TcxLink extends BpfLink {
    private final int ifindex;
    private final TcxDirection direction;

    TcxLink(Fd fd, int ifindex, TcxDirection direction) {
        super(fd);
        this.ifindex = ifindex;
        this.direction = direction;
    }

    public int ifindex() { return ifindex; }

    public TcxDirection direction() { return direction; }
}

package dev.cil.bpf;

import dev.cil.internal.sys.BpfCalls;
import dev.cil.internal.sys.Fd;
import dev.cil.internal.sys.NativeBuffer;

/** A live BPF link: an owned fd. Closing it detaches the program unless the link is pinned. */
public class BpfLink implements AutoCloseable {
    private final Fd fd;

    protected BpfLink(Fd fd) { this.fd = fd; }

    public static BpfLink openById(LinkId id) { return new BpfLink(BpfObjects.openById(BpfObjects.Kind.LINK, id.value(), 0)); }

    public static BpfLink openPinned(String path) { return new BpfLink(BpfObjects.openPinned(path, BpfObjects.Kind.LINK, 0)); }

    public Fd fd() { return fd; }

    public LinkInfo info() {
        NativeBuffer b = NativeBuffer.allocate(LinkInfo.SIZE);
        BpfCalls.objGetInfo(fd.raw(), b, fd.what());
        String tp = null;
        if (b.getInt(0) == LinkType.RAW_TRACEPOINT.number()) {
            NativeBuffer name = NativeBuffer.allocate(256);
            NativeBuffer q = NativeBuffer.allocate(LinkInfo.SIZE).putLong(16, name.address()).putInt(24, 256);
            BpfCalls.objGetInfo(fd.raw(), q, fd.what());
            tp = name.cString(0, 256);
            name.keepAlive();
        }
        return LinkInfo.decode(b, tp);
    }

    public void pin(String path) { BpfCalls.objPin(fd.raw(), path, fd.what()); }

    /** Detaches the program (LINK_DETACH); the link object remains until its last fd and pin are gone. */
    public void detach() { BpfCalls.linkDetach(fd.raw(), fd.what()); }

    @Override public void close() { fd.close(); }
}

package dev.cil.bpf.link;

/**
 * Where a tcx program goes in the device's chain: appended (the default), or before / after a
 * program or link given by id (BPF_F_BEFORE / BPF_F_AFTER with BPF_F_ID), optionally only if the
 * chain is still at {@code expectedRevision} (0: any).
 */
public record TcxOptions(TcxDirection direction, Order order, int relativeProgId, int relativeLinkId, long expectedRevision) {
    public enum Order { APPEND, FIRST, BEFORE, AFTER }

    public static TcxOptions ingress() { return new TcxOptions(TcxDirection.INGRESS, Order.APPEND, 0, 0, 0); }

    public static TcxOptions egress() { return new TcxOptions(TcxDirection.EGRESS, Order.APPEND, 0, 0, 0); }

    public TcxOptions first() { return new TcxOptions(direction, Order.FIRST, 0, 0, expectedRevision); }

    public TcxOptions beforeProg(int id) { return new TcxOptions(direction, Order.BEFORE, id, 0, expectedRevision); }

    public TcxOptions afterProg(int id) { return new TcxOptions(direction, Order.AFTER, id, 0, expectedRevision); }

    public TcxOptions beforeLink(int id) { return new TcxOptions(direction, Order.BEFORE, 0, id, expectedRevision); }

    public TcxOptions afterLink(int id) { return new TcxOptions(direction, Order.AFTER, 0, id, expectedRevision); }

    public TcxOptions atRevision(long revision) { return new TcxOptions(direction, order, relativeProgId, relativeLinkId, revision); }

    int flags() {
        int f;
        switch (order) {
            case FIRST: return dev.cil.internal.sys.BpfCalls.BPF_F_BEFORE;
            case BEFORE: f = dev.cil.internal.sys.BpfCalls.BPF_F_BEFORE; break;
            case AFTER: f = dev.cil.internal.sys.BpfCalls.BPF_F_AFTER; break;
            default: return 0;
        }
        f |= dev.cil.internal.sys.BpfCalls.BPF_F_ID;
        if (relativeLinkId != 0) f |= dev.cil.internal.sys.BpfCalls.BPF_F_LINK;
        return f;
    }

    int relativeId() { return relativeLinkId != 0 ? relativeLinkId : relativeProgId; }
}

package dev.cil.bpf.link;

import dev.cil.bpf.BpfProgram;
import dev.cil.netlink.Rtnl;
import dev.cil.netlink.Tc;
import dev.cil.netns.NetNs;

/**
 * A legacy tc attachment: a direct-action bpf filter on a clsact qdisc (created if missing), the
 * fallback where tcx is missing. Closing deletes the filter (the qdisc stays: others may use it), in
 * the network namespace it was attached in, from any thread. Ifindexes are those of the calling
 * thread's network namespace.
 */
public final class TcFilterAttachment implements AutoCloseable {
    private final NetNs ns;
    private final int ifindex;
    private final int parent;
    private final int priority;
    private final int handle;
    private boolean closed;

    private TcFilterAttachment(NetNs ns, int ifindex, int parent, int priority, int handle) {
        this.ns = ns;
        this.ifindex = ifindex;
        this.parent = parent;
        this.priority = priority;
        this.handle = handle;
    }

    /** Adds clsact when missing, then the filter (direct-action) at {@code priority}/{@code handle}. */
    public static TcFilterAttachment attach(BpfProgram prog, int ifindex, TcxDirection dir, int priority, int handle, String name) {
        int parent = dir == TcxDirection.INGRESS ? Tc.INGRESS : Tc.EGRESS;
        NetNs ns = NetNs.current();
        try (Rtnl rtnl = Rtnl.open()) {
            boolean clsact = rtnl.qdiscs(ifindex).stream().anyMatch(q -> q.kind().equals("clsact"));
            if (!clsact) rtnl.addClsact(ifindex);
            rtnl.addBpfFilter(ifindex, parent, priority, handle, prog.fd(), name, true);
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        }
        return new TcFilterAttachment(ns, ifindex, parent, priority, handle);
    }

    public int ifindex() { return ifindex; }

    /** bpftool's location name: {@code clsact/ingress} or {@code clsact/egress}. */
    public String location() { return parent == Tc.INGRESS ? "clsact/ingress" : "clsact/egress"; }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        Netlink.inNamespace(ns, rtnl -> rtnl.deleteFilter(ifindex, parent, priority, handle));
    }
}

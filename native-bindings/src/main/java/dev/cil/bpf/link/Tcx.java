package dev.cil.bpf.link;

import dev.cil.bpf.BpfProgram;
import dev.cil.bpf.LinkId;
import dev.cil.bpf.ProgramId;
import dev.cil.error.KernelException;
import dev.cil.error.NotSupportedException;
import dev.cil.internal.sys.BpfCalls;
import dev.cil.internal.sys.Fd;

import java.util.ArrayList;
import java.util.List;

/**
 * tcx, the multi-program attach point of a device's ingress and egress (kernel 6.6+). Ifindexes are
 * those of the calling thread's network namespace: run these inside {@code NetNs.run} for a device
 * in another namespace.
 */
public final class Tcx {
    private Tcx() { }

    /** One program in a device's tcx chain, in run order. {@link #linkId()} is 0 when attached without a link. */
    public record Entry(ProgramId progId, int progFlags, LinkId linkId, int linkFlags) { }

    /** The chain and its revision. */
    public record Chain(List<Entry> entries, long revision) { }

    /** The programs on a device's tcx hook, in run order (PROG_QUERY). An empty chain when there are none. */
    public static Chain query(int ifindex, TcxDirection dir) {
        BpfCalls.QueryResult q;
        try {
            q = BpfCalls.progQuery(ifindex, dir.attachType().number(), 0, 64, "tcx query of ifindex " + ifindex);
        } catch (KernelException e) {
            if (e.errnoNumber() == 22 || e.errnoNumber() == 19) return new Chain(List.of(), 0); // no tcx / no device
            throw e;
        }
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < q.progIds().length; i++) {
            out.add(new Entry(new ProgramId(q.progIds()[i]), q.progAttachFlags()[i], new LinkId(q.linkIds()[i]), 0));
        }
        return new Chain(List.copyOf(out), q.revision());
    }

    /** Attaches through a link (LINK_CREATE BPF_TCX_*): detached when the link is closed and not pinned. */
    public static TcxLink attach(BpfProgram prog, int ifindex, TcxOptions o) {
        String what = o.direction().location() + " of ifindex " + ifindex;
        try {
            int fd = BpfCalls.linkCreate(prog.fd().raw(), ifindex, o.direction().attachType().number(), o.flags(),
                    o.relativeId(), o.expectedRevision(), what);
            return new TcxLink(new Fd(fd, "tcx link on " + what), ifindex, o.direction());
        } catch (KernelException e) {
            throw explain(e, what);
        }
    }

    /** Attaches without a link (PROG_ATTACH, as bpftool net attach): stays until {@link #detach}. */
    public static void attachProgram(BpfProgram prog, int ifindex, TcxOptions o) {
        String what = o.direction().location() + " of ifindex " + ifindex;
        try {
            BpfCalls.progAttach(ifindex, prog.fd().raw(), o.direction().attachType().number(), o.flags(), o.relativeId(),
                    o.expectedRevision(), what);
        } catch (KernelException e) {
            throw explain(e, what);
        }
    }

    /** Detaches a program attached without a link (PROG_DETACH with its fd). */
    public static void detachProgram(BpfProgram prog, int ifindex, TcxDirection dir) {
        BpfCalls.progDetach(ifindex, prog.fd().raw(), dir.attachType().number(), 0, dir.location() + " of ifindex " + ifindex);
    }

    static KernelException explain(KernelException e, String what) {
        if (e.errnoNumber() == 22 && !supported()) {
            return new NotSupportedException(e.op(), e.errnoNumber(), "tcx requires Linux >= 6.6");
        }
        return e;
    }

    /** Whether this kernel has tcx: a query of loopback's tcx ingress is not rejected with EINVAL. */
    public static boolean supported() {
        try {
            BpfCalls.progQuery(1, TcxDirection.INGRESS.attachType().number(), 0, 1, "tcx probe");
            return true;
        } catch (KernelException e) {
            return e.errnoNumber() != 22;
        }
    }
}

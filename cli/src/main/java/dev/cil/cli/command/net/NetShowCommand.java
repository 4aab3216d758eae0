package dev.cil.cli.command.net;

import dev.cil.bpf.BpfLink;
import dev.cil.bpf.BpfObjects;
import dev.cil.bpf.BpfProgram;
import dev.cil.bpf.LinkId;
import dev.cil.bpf.LinkInfo;
import dev.cil.bpf.LinkType;
import dev.cil.bpf.ProgramId;
import dev.cil.bpf.link.Tcx;
import dev.cil.bpf.link.TcxDirection;
import dev.cil.cli.CilException;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.LeafCommand;
import dev.cil.cli.command.Args;
import dev.cil.cli.command.link.LinkView;
import dev.cil.error.KernelException;
import dev.cil.internal.sys.BpfCalls;
import dev.cil.internal.sys.ErrnoException;
import dev.cil.internal.sys.Fd;
import dev.cil.internal.sys.Sys;
import dev.cil.netlink.Link;
import dev.cil.netlink.Rtnl;
import dev.cil.netlink.TcBpf;
import dev.cil.netlink.TcBpfEntry;
import dev.cil.netlink.XdpInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cil net show|list [dev NAME]}: every networking attachment of the current network namespace
 * (or {@code --netns}): XDP from the link dump, tcx/netkit chains from PROG_QUERY, classic tc filters
 * from the filter dumps, the netns flow dissector, and netfilter links. One netlink dump per kind, not
 * per device, except the per-device tc filter and tcx queries.
 */
@Command(name = "show", aliases = "list",
        description = "Show XDP, tcx, tc, flow dissector and netfilter attachments (as bpftool 7.3+).",
        footer = {"%nDevices are those of the current network namespace; use --netns NAME for another.",
                "%nExamples:", "  cil net show", "  cil --netns cil-k8s-s net show dev lxc7408fc78b9ff", "  cil -j net show"})
public final class NetShowCommand extends LeafCommand {
    @Parameters(paramLabel = "dev NAME", arity = "0..2", description = "Only this device's attachments.")
    List<String> words;

    private static final TcxDirection[] TCX = TcxDirection.values();
    private static final int NETKIT_PRIMARY = 54, NETKIT_PEER = 55;

    @Override
    protected int execute() {
        Args args = new Args(words);
        String devFilter = null;
        if (args.hasNext()) {
            if (!args.accept("dev")) throw CilException.usage("expected 'dev', got: '" + args.peek() + "'");
            devFilter = args.valueOf("dev");
            args.end();
        }
        List<NetView.Xdp> xdp = new ArrayList<>();
        List<NetView.Tc> tc = new ArrayList<>();
        Map<Integer, String> names = new HashMap<>();
        try (Rtnl rtnl = Rtnl.open()) {
            List<Link> links = rtnl.links();
            if (devFilter != null) {
                String want = devFilter;
                links = links.stream().filter(l -> l.name().equals(want)).toList();
                if (links.isEmpty()) throw CilException.failure("no device named " + devFilter + " in this network namespace");
            }
            for (Link l : links) {
                XdpInfo x = l.xdp();
                if (x != null && x.isAttached()) {
                    List<String[]> modes = new ArrayList<>();
                    for (XdpInfo.Program p : x.programs()) modes.add(new String[] {p.mode(), Integer.toUnsignedString(p.id())});
                    xdp.add(new NetView.Xdp(l.name(), l.ifindex(), modes));
                }
            }
            for (Link l : links) {
                for (TcxDirection d : TCX) {
                    for (Tcx.Entry e : Tcx.query(l.ifindex(), d).entries()) {
                        tc.add(chainLine(l, d.location(), e.progId().value(), e.progFlags(), e.linkId().value(), e.linkFlags(), names));
                    }
                }
                netkit(l, NETKIT_PRIMARY, "netkit/primary", tc, names);
                netkit(l, NETKIT_PEER, "netkit/peer", tc, names);
                for (TcBpfEntry f : rtnl.bpfFilters(l)) {
                    TcBpf b = f.bpf();
                    List<String[]> acts = null;
                    if (!b.actions().isEmpty()) {
                        acts = new ArrayList<>();
                        for (TcBpf.Action a : b.actions()) {
                            if (!"bpf".equals(a.kind())) continue;
                            acts.add(new String[] {a.name().orElse(null), a.progId() == 0 ? null : Integer.toUnsignedString(a.progId())});
                        }
                    }
                    tc.add(new NetView.Tc(f.device() == null ? "" : f.device(), f.ifindex(), f.location(), b.name().orElse(null),
                            false, b.progId(), List.of(), 0, List.of(), acts));
                }
            }
        }
        output().one(new NetView(xdp, tc, flowDissector(), netfilter()));
        return ExitCodes.OK;
    }

    private static NetView.Tc chainLine(Link l, String kind, int progId, int progFlags, int linkId, int linkFlags,
                                        Map<Integer, String> names) {
        return new NetView.Tc(l.name(), l.ifindex(), kind, progName(progId, names), true, progId, bits(progFlags), linkId, bits(linkFlags), null);
    }

    private static void netkit(Link l, int attachType, String kind, List<NetView.Tc> tc, Map<Integer, String> names) {
        if (!"netkit".equals(l.kind().orElse(""))) return;
        try {
            BpfCalls.QueryResult q = BpfCalls.progQuery(l.ifindex(), attachType, 0, 64, kind + " of " + l.name());
            for (int i = 0; i < q.progIds().length; i++) {
                tc.add(chainLine(l, kind, q.progIds()[i], q.progAttachFlags()[i], q.linkIds()[i], 0, names));
            }
        } catch (KernelException e) {
            // not queryable: bpftool shows nothing either
        }
    }

    static List<Integer> bits(int flags) {
        List<Integer> out = new ArrayList<>();
        for (int j = 0; j < 32; j++) if ((flags & (1 << j)) != 0) out.add(1 << j);
        return out;
    }

    /** The program's full name (BTF), or null when it has none, as bpftool's __show_dev_tc_bpf_name. */
    static String progName(int id, Map<Integer, String> cache) {
        return cache.computeIfAbsent(id, x -> {
            try (BpfProgram p = BpfProgram.openById(new ProgramId(id))) {
                String n = p.info().fullName();
                return n.isEmpty() ? null : n;
            } catch (KernelException e) {
                return null;
            }
        });
    }

    /** The flow dissector of this thread's network namespace (PROG_QUERY on its nsfs fd). */
    private static Integer flowDissector() {
        int raw;
        try {
            raw = Sys.get().open("/proc/thread-self/ns/net", Sys.O_RDONLY, 0);
        } catch (ErrnoException e) {
            return null;
        }
        try (Fd ns = new Fd(raw, "netns")) {
            BpfCalls.QueryResult q = BpfCalls.progQuery(ns.raw(), 17, 0, 1, "flow dissector query");
            return q.progIds().length == 1 ? q.progIds()[0] : null;
        } catch (KernelException e) {
            if (e.errnoNumber() == 22) return null;
            throw e;
        }
    }

    /** Every netfilter link, sorted as bpftool sorts them (pf, hook, priority, flags). */
    private static List<NetView.Netfilter> netfilter() {
        List<LinkInfo> nf = new ArrayList<>();
        for (int id : BpfObjects.ids(BpfObjects.Kind.LINK)) {
            try (BpfLink l = BpfLink.openById(new LinkId(id))) {
                LinkInfo info = l.info();
                if (info.linkType() == LinkType.NETFILTER) nf.add(info);
            } catch (KernelException e) {
                // gone meanwhile
            }
        }
        nf.sort(Comparator.comparingInt(LinkInfo::netfilterPf).thenComparingInt(LinkInfo::netfilterHooknum)
                .thenComparingInt(LinkInfo::netfilterPriority).thenComparingInt(LinkInfo::netfilterFlags));
        List<NetView.Netfilter> out = new ArrayList<>();
        for (LinkInfo i : nf) {
            out.add(new NetView.Netfilter(i.netfilterPf(), i.netfilterHooknum(), i.netfilterPriority(), i.netfilterFlags(),
                    i.progId().value(), LinkView.netfilterPlain(i)));
        }
        return out;
    }
}

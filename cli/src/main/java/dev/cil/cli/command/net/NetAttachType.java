package dev.cil.cli.command.net;

import dev.cil.bpf.ProgramType;
import dev.cil.bpf.link.TcxDirection;
import dev.cil.cli.CilException;
import dev.cil.cli.command.Args;
import dev.cil.netlink.XdpMode;

/** bpftool's net attach types. */
enum NetAttachType {
    XDP("xdp", XdpMode.AUTO, null), XDPGENERIC("xdpgeneric", XdpMode.SKB, null), XDPDRV("xdpdrv", XdpMode.DRV, null),
    XDPOFFLOAD("xdpoffload", XdpMode.HW, null), TCX_INGRESS("tcx_ingress", null, TcxDirection.INGRESS),
    TCX_EGRESS("tcx_egress", null, TcxDirection.EGRESS);

    static final String SPEC = "xdp | xdpgeneric | xdpdrv | xdpoffload | tcx_ingress | tcx_egress";

    final String word;
    final XdpMode xdp;
    final TcxDirection tcx;

    NetAttachType(String word, XdpMode xdp, TcxDirection tcx) {
        this.word = word;
        this.xdp = xdp;
        this.tcx = tcx;
    }

    /** bpftool's parse_attach_type: the first type the word is a prefix of. */
    static NetAttachType parse(String s) {
        for (NetAttachType t : values()) if (Args.isPrefix(s, t.word)) return t;
        throw CilException.usage("invalid net attach/detach type: " + s + " (" + SPEC + ")");
    }

    ProgramType programType() { return xdp != null ? ProgramType.XDP : ProgramType.SCHED_CLS; }
}

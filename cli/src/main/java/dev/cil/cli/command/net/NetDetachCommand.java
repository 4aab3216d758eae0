package dev.cil.cli.command.net;

import dev.cil.bpf.BpfProgram;
import dev.cil.bpf.link.Tcx;
import dev.cil.cli.CilException;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.LeafCommand;
import dev.cil.cli.command.Args;
import dev.cil.error.KernelException;
import dev.cil.netlink.Rtnl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

/**
 * {@code cil net detach ATTACH_TYPE dev NAME}: removes the XDP program, or for tcx the programs attached
 * without a link (a link-based attachment belongs to its link: {@code cil link detach}).
 */
@Command(name = "detach",
        description = "Detach from a device: ATTACH_TYPE := " + NetAttachType.SPEC + ".",
        footer = {"%nFor tcx, removes the programs attached without a link; links are detached with 'cil link detach'.",
                "%nExamples:", "  cil net detach xdpgeneric dev veth0", "  cil --netns pod1 net detach tcx_ingress dev eth0"})
public final class NetDetachCommand extends LeafCommand {
    @Parameters(paramLabel = "ARGS", arity = "1..*", description = "ATTACH_TYPE dev NAME")
    List<String> words;

    @Override
    protected int execute() {
        Args args = new Args(words);
        NetAttachType type = NetAttachType.parse(args.next("ATTACH_TYPE"));
        if (!args.accept("dev")) throw CilException.usage(args.hasNext() ? "expected 'dev', got: '" + args.peek() + "'" : "expected 'dev NAME'");
        String dev = args.valueOf("dev");
        args.end();
        try (Rtnl rtnl = Rtnl.open()) {
            int ifindex = NetDevices.ifindex(rtnl, dev);
            try {
                if (type.xdp != null) {
                    rtnl.detachXdp(ifindex, type.xdp);
                } else {
                    int detached = 0;
                    for (Tcx.Entry e : Tcx.query(ifindex, type.tcx).entries()) {
                        if (e.linkId().value() != 0) continue;
                        try (BpfProgram p = BpfProgram.openById(e.progId())) {
                            Tcx.detachProgram(p, ifindex, type.tcx);
                            detached++;
                        }
                    }
                    if (detached == 0) throw CilException.failure("no " + type.tcx.location() + " program attached without a link on " + dev);
                }
            } catch (KernelException e) {
                throw CilException.failure(type.word + " detach from " + dev + " failed: " + e.errno().message() + " (" + e.errno().name() + ")");
            }
        }
        output().nothing();
        return ExitCodes.OK;
    }
}

package dev.cil.cli.command.net;

import dev.cil.bpf.BpfProgram;
import dev.cil.bpf.ProgramInfo;
import dev.cil.bpf.link.Tcx;
import dev.cil.bpf.link.TcxDirection;
import dev.cil.bpf.link.TcxOptions;
import dev.cil.cli.CilException;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.LeafCommand;
import dev.cil.cli.command.Args;
import dev.cil.cli.command.Selectors;
import dev.cil.error.KernelException;
import dev.cil.netlink.Rtnl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

/**
 * {@code cil net attach ATTACH_TYPE PROG dev NAME [overwrite|prepend]}: XDP through netlink, tcx with
 * PROG_ATTACH (no link), so the attachment stays after cil exits, as bpftool's.
 */
@Command(name = "attach",
        description = "Attach PROG to a device: ATTACH_TYPE := " + NetAttachType.SPEC + " (PROG := " + Selectors.PROG_SPEC + ").",
        footer = {"%n'overwrite' replaces an XDP program; 'prepend' puts a tcx program first in the chain.",
                "%nExamples:", "  cil net attach xdpgeneric pinned /sys/fs/bpf/xdp_pass dev veth0",
                "  cil --netns pod1 net attach tcx_ingress id 1312 dev eth0 prepend"})
public final class NetAttachCommand extends LeafCommand {
    @Parameters(paramLabel = "ARGS", arity = "1..*", description = "ATTACH_TYPE PROG dev NAME [overwrite|prepend]")
    List<String> words;

    @Override
    protected int execute() {
        Args args = new Args(words);
        NetAttachType type = NetAttachType.parse(args.next("ATTACH_TYPE"));
        List<BpfProgram> progs = Selectors.programs(args);
        try {
            if (progs.size() != 1) throw CilException.failure("several programs match this handle: use 'id ID'");
            BpfProgram prog = progs.get(0);
            if (!args.accept("dev")) throw CilException.usage("expected 'dev', got: '" + args.peek() + "'");
            String dev = args.valueOf("dev");
            boolean overwrite = false, prepend = false;
            if (args.hasNext()) {
                if (args.accept("overwrite")) {
                    if (type.xdp == null) throw CilException.usage("'overwrite' is only supported for xdp types");
                    overwrite = true;
                } else if (args.accept("prepend")) {
                    if (type.tcx == null) throw CilException.usage("'prepend' is only supported for tcx_ingress/tcx_egress");
                    prepend = true;
                } else {
                    throw CilException.usage("expected 'overwrite' or 'prepend', got: '" + args.peek() + "'");
                }
            }
            args.end();
            ProgramInfo info = prog.info();
            if (info.type() != type.programType().number()) {
                throw CilException.failure("program " + info.id() + " is " + info.typeName() + ", " + type.word + " needs "
                        + type.programType().kernelName());
            }
            try (Rtnl rtnl = Rtnl.open()) {
                int ifindex = NetDevices.ifindex(rtnl, dev);
                try {
                    if (type.xdp != null) {
                        rtnl.attachXdp(ifindex, prog.fd(), type.xdp, overwrite);
                    } else {
                        TcxOptions o = type.tcx == TcxDirection.INGRESS ? TcxOptions.ingress() : TcxOptions.egress();
                        Tcx.attachProgram(prog, ifindex, prepend ? o.first() : o);
                    }
                } catch (KernelException e) {
                    String hint = e.errnoNumber() == 16 ? "; a program is attached already: add 'overwrite'" : "";
                    throw CilException.failure(type.word + " attach to " + dev + " failed: " + e.errno().message() + " ("
                            + e.errno().name() + hint + ")");
                }
            }
        } finally {
            Selectors.closeAll(progs);
        }
        output().nothing();
        return ExitCodes.OK;
    }
}

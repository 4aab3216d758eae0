package dev.cil.cli;

import dev.cil.cli.command.bpf.BpfCommand;
import dev.cil.cli.command.daemon.DaemonCommand;
import dev.cil.cli.command.endpoint.EndpointCommand;
import dev.cil.cli.command.identity.IdentityCommand;
import dev.cil.cli.command.ip.IpCommand;
import dev.cil.cli.command.link.LinkCommand;
import dev.cil.cli.command.map.MapCommand;
import dev.cil.cli.command.net.NetCommand;
import dev.cil.cli.command.prog.ProgCommand;
import dev.cil.cli.command.status.StatusCommand;
import dev.cil.cli.command.whoami.WhoamiCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root: {@code cil OBJECT COMMAND [ARGS]}. */
@Command(name = "cil",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        scope = picocli.CommandLine.ScopeType.INHERIT,
        header = "cil: bpftool, cilium-dbg and hubble for one node, in one command.",
        synopsisHeading = "%nUsage: ",
        description = {"",
                "Shows and changes any BPF object on this machine (prog, map, link), read straight from the kernel.",
                "Any unambiguous prefix selects a command: 'cil p s' is 'cil prog show'.",
                "",
                "cil runs on the JVM: one-shot commands start in tens of milliseconds, not one as bpftool does."},
        commandListHeading = "%nCommands:%n",
        optionListHeading = "%nOptions:%n",
        footer = {"%nExamples:",
                "  cil prog show",
                "  cil -j map show name cilium_lxc",
                "  cil map dump pinned /sys/fs/bpf/tc/globals/cilium_metrics",
                ExitCodes.HELP},
        subcommands = {ProgCommand.class, MapCommand.class, LinkCommand.class, NetCommand.class, TrainCommand.class,
                // the node's loader daemon and the agent commands (cilium-dbg's)
                DaemonCommand.class, StatusCommand.class, EndpointCommand.class, IpCommand.class, IdentityCommand.class,
                BpfCommand.class, WhoamiCommand.class})
public final class CilCommand implements Runnable {
    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    public GlobalOptions global() { return global; }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

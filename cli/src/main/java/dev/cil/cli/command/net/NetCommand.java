package dev.cil.cli.command.net;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cil net}: networking attachments. */
@Command(name = "net", description = "Show and change networking attachments: XDP, tcx, tc (as bpftool net).",
        subcommands = {NetShowCommand.class, NetAttachCommand.class, NetDetachCommand.class})
public final class NetCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }
}

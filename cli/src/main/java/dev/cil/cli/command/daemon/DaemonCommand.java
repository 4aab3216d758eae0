package dev.cil.cli.command.daemon;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cil daemon}: the node's loader daemon. */
@Command(name = "daemon", description = "Start, stop and remove a node's loader daemon (its pods, maps and programs).",
        subcommands = {DaemonStartCommand.class, DaemonRunCommand.class, DaemonStopCommand.class, DaemonCleanCommand.class})
public final class DaemonCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }
}

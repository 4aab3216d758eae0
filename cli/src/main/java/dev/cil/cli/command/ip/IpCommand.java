package dev.cil.cli.command.ip;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cil ip}: the ipcache as the daemon knows it. */
@Command(name = "ip", description = "The IP cache as the node's daemon knows it (addresses and prefixes to identities).",
        subcommands = {IpListCommand.class})
public final class IpCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }
}

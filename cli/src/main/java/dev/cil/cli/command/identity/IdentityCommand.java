package dev.cil.cli.command.identity;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cil identity}: security identities. */
@Command(name = "identity", description = "Security identities: numbers for label sets (shared by every node on this machine).",
        subcommands = {IdentityListCommand.class, IdentityGetCommand.class})
public final class IdentityCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }
}

package dev.cil.cli.command.link;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cil link}: BPF links. */
@Command(name = "link", description = "Inspect BPF links (as bpftool link).", subcommands = {LinkShowCommand.class, LinkPinCommand.class, LinkDetachCommand.class})
public final class LinkCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }
}

package dev.cil.cli.command.prog;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cil prog}: BPF programs. */
@Command(name = "prog", description = "Inspect BPF programs (as bpftool prog).",
        subcommands = {ProgShowCommand.class, ProgDumpCommand.class, ProgLoadCommand.class, ProgLoadallCommand.class})
public final class ProgCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }
}

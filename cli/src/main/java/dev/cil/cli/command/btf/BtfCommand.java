package dev.cil.cli.command.btf;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cil btf}: BTF objects. */
@Command(name = "btf", description = "Inspect BTF type information (as bpftool btf).",
        subcommands = {BtfShowCommand.class, BtfDumpCommand.class})
public final class BtfCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }
}

package dev.cil.cli.command.map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cil map}: BPF maps. */
@Command(name = "map", description = "Inspect and change BPF maps (as bpftool map).",
        subcommands = {MapShowCommand.class, MapDumpCommand.class, MapLookupCommand.class, MapGetnextCommand.class,
                MapUpdateCommand.class, MapDeleteCommand.class, MapCreateCommand.class, MapPinCommand.class,
                MapFreezeCommand.class, MapGetCommand.class})
public final class MapCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }
}

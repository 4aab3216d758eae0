package dev.cil.cli.command.map;

import dev.cil.bpf.BpfMap;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.LeafCommand;
import dev.cil.cli.command.Args;
import dev.cil.cli.command.Selectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code cil map pin MAP FILE}. */
@Command(name = "pin", description = "Pin MAP at FILE on a bpf file system (MAP := " + Selectors.MAP_SPEC + ").",
        footer = {"%nExamples:", "  cil map pin id 42 /sys/fs/bpf/mymap"})
public final class MapPinCommand extends LeafCommand {
    @Parameters(paramLabel = "ARGS", arity = "1..*", description = "MAP FILE")
    List<String> words;

    @Override
    protected int execute() {
        Args args = new Args(words);
        try (BpfMap m = Selectors.map(args, 0)) {
            String path = args.next("FILE (where to pin)");
            args.end();
            m.pin(path);
            output().nothing();
            return ExitCodes.OK;
        }
    }
}

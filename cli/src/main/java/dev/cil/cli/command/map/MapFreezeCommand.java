package dev.cil.cli.command.map;

import dev.cil.bpf.BpfMap;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.LeafCommand;
import dev.cil.cli.command.Args;
import dev.cil.cli.command.Selectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code cil map freeze MAP}. */
@Command(name = "freeze", description = "Freeze MAP: user space can no longer write it (MAP := " + Selectors.MAP_SPEC + ").",
        footer = {"%nExamples:", "  cil map freeze id 42"})
public final class MapFreezeCommand extends LeafCommand {
    @Parameters(paramLabel = "MAP", arity = "1..*", description = "id ID | pinned PATH | name NAME")
    List<String> words;

    @Override
    protected int execute() {
        Args args = new Args(words);
        try (BpfMap m = Selectors.map(args, 0)) {
            args.end();
            m.freeze();
            output().nothing();
            return ExitCodes.OK;
        }
    }
}

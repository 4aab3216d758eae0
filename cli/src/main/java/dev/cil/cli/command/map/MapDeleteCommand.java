package dev.cil.cli.command.map;

import dev.cil.bpf.BpfMap;
import dev.cil.cli.CilException;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.LeafCommand;
import dev.cil.cli.command.Args;
import dev.cil.cli.command.Selectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code cil map delete MAP key BYTES}. */
@Command(name = "delete",
        description = "Delete one key (MAP := " + Selectors.MAP_SPEC + ").",
        footer = {"%nA missing key is an error (exit 1).", "%nExamples:", "  cil map delete id 42 key 1 0 0 0"})
public final class MapDeleteCommand extends LeafCommand {
    @Parameters(paramLabel = "ARGS", arity = "1..*", description = "MAP key BYTES")
    List<String> words;

    @Override
    protected int execute() {
        Args args = new Args(words);
        try (BpfMap m = Selectors.map(args, 0)) {
            if (!args.accept("key")) throw CilException.usage("expected 'key' and the key's bytes");
            byte[] key = ByteArgs.parse(args, "key", m.keySize());
            args.end();
            if (!MapErrors.supported(m, "delete", () -> m.delete(key))) throw CilException.failure("delete failed: no such key in " + m.describe());
            output().nothing();
            return ExitCodes.OK;
        }
    }
}

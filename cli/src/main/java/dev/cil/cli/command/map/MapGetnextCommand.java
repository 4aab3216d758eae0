package dev.cil.cli.command.map;

import dev.cil.bpf.BpfMap;
import dev.cil.bpf.PossibleCpus;
import dev.cil.cli.CilException;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.LeafCommand;
import dev.cil.cli.command.Args;
import dev.cil.cli.command.Selectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/** {@code cil map getnext MAP [key BYTES]}. */
@Command(name = "getnext",
        description = "Print the key after BYTES, or the first key (MAP := " + Selectors.MAP_SPEC + ").",
        footer = {"%nExamples:", "  cil map getnext id 42", "  cil map getnext id 42 key 1 0 0 0"})
public final class MapGetnextCommand extends LeafCommand {
    @Parameters(paramLabel = "ARGS", arity = "1..*", description = "MAP [key BYTES]")
    List<String> words;

    @Override
    protected int execute() {
        Args args = new Args(words);
        try (BpfMap m = Selectors.map(args, BpfMap.F_RDONLY)) {
            byte[] key = null;
            if (args.accept("key")) key = ByteArgs.parse(args, "key", m.keySize());
            args.end();
            byte[] from = key;
            Optional<byte[]> next = MapErrors.supported(m, "getnext", () -> m.nextKey(from));
            if (next.isEmpty()) {
                throw CilException.failure("can't get next key: " + (key == null ? "the map is empty" : "no key after this one"));
            }
            EntryWriter w = new EntryWriter(out(), m.keySize(), m.valueSize(), m.perCpu(), PossibleCpus.count(), false);
            if (global().json()) {
                w.append("{\"key\":");
                if (key == null) w.append("null");
                else w.jsonHex(ByteBuffer.wrap(key), 0, key.length);
                w.append(",\"next_key\":");
                w.jsonHex(ByteBuffer.wrap(next.get()), 0, m.keySize());
                w.append("}\n");
            } else {
                if (key != null) {
                    w.append("key:\n");
                    w.hex(ByteBuffer.wrap(key), 0, key.length);
                    w.append('\n');
                } else {
                    w.append("key: None\n");
                }
                w.append("next key:\n");
                w.hex(ByteBuffer.wrap(next.get()), 0, m.keySize());
                w.append('\n');
            }
            w.flush();
            return ExitCodes.OK;
        }
    }
}

package dev.cil.cli.command.map;

import dev.cil.bpf.BpfMap;
import dev.cil.bpf.MapType;
import dev.cil.bpf.PossibleCpus;
import dev.cil.cli.CilException;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.LeafCommand;
import dev.cil.cli.command.Args;
import dev.cil.cli.command.Selectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** {@code cil map lookup MAP key BYTES}. */
@Command(name = "lookup",
        description = "Look up one key (MAP := " + Selectors.MAP_SPEC + "; BYTES := 0x01 2 … | hex 01 02 …).",
        footer = {"%nA missing key prints 'Not found' (JSON: null) and exits 1.",
                "%nExamples:", "  cil map lookup id 42 key 0x0a 0 0 1", "  cil map lookup name cilium_lxc key hex 0a000001 00000000 00000000 00000000 01 00 0000"})
public final class MapLookupCommand extends LeafCommand {
    @Parameters(paramLabel = "ARGS", arity = "1..*", description = "MAP key BYTES")
    List<String> words;

    @Override
    protected int execute() {
        Args args = new Args(words);
        try (BpfMap m = Selectors.map(args, BpfMap.F_RDONLY)) {
            if (!args.accept("key")) throw CilException.usage("expected 'key' and the key's bytes");
            byte[] key = ByteArgs.parse(args, "key", m.keySize());
            args.end();
            var value = MapErrors.supported(m, "lookup", () -> m.lookup(key));
            EntryWriter w = new EntryWriter(out(), m.keySize(), m.valueSize(), m.perCpu(), PossibleCpus.count(),
                    m.type() == MapType.ARRAY_OF_MAPS || m.type() == MapType.HASH_OF_MAPS);
            ByteBuffer kb = ByteBuffer.wrap(key).order(ByteOrder.LITTLE_ENDIAN);
            if (value.isEmpty()) {
                if (global().json()) {
                    w.append("null\n");
                } else {
                    w.append("key:\n");
                    w.hex(kb, 0, key.length);
                    w.append("\n\nNot found\n");
                }
                w.flush();
                return ExitCodes.FAILURE;
            }
            ByteBuffer vb = ByteBuffer.wrap(value.get()).order(ByteOrder.LITTLE_ENDIAN);
            if (m.btfId() != 0 && BtfEntryDump.btfOf(m) != null) {
                BtfEntryDump.open(m, global().json(), global().pretty(), out()).entry(kb, 0, vb, 0);
                out().println();
                return ExitCodes.OK;
            }
            if (global().json()) {
                w.json(kb, 0, vb, 0);
                w.append('\n');
            } else {
                w.plain(kb, 0, vb, 0);
            }
            w.flush();
            return ExitCodes.OK;
        }
    }
}

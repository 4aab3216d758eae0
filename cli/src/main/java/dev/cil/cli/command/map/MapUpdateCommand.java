package dev.cil.cli.command.map;

import dev.cil.bpf.BpfMap;
import dev.cil.bpf.BpfProgram;
import dev.cil.bpf.MapType;
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

/**
 * {@code cil map update MAP key BYTES value VALUE [any|exist|noexist]}; VALUE is bytes, or for a
 * prog array a program ({@code id N | pinned PATH}), for a map of maps a map.
 */
@Command(name = "update",
        description = "Write one entry (MAP := " + Selectors.MAP_SPEC + "; VALUE := BYTES | PROG for prog arrays | MAP for maps of maps).",
        footer = {"%nPer-CPU maps take one value, written to every CPU.",
                "%nExamples:", "  cil map update id 42 key 1 0 0 0 value 0x2a 0 0 0 0 0 0 0", "  cil map update name calls key 0 0 0 0 value id 1312 noexist"})
public final class MapUpdateCommand extends LeafCommand {
    @Parameters(paramLabel = "ARGS", arity = "1..*", description = "MAP key BYTES value VALUE [any|exist|noexist]")
    List<String> words;

    @Override
    protected int execute() {
        Args args = new Args(words);
        try (BpfMap m = Selectors.map(args, 0)) {
            if (!args.accept("key")) throw CilException.usage("expected 'key' and the key's bytes");
            byte[] key = ByteArgs.parse(args, "key", m.keySize());
            if (!args.accept("value")) throw CilException.usage("expected 'value'");
            byte[] value = value(args, m);
            int flags = BpfMap.UPDATE_ANY;
            if (args.accept("any")) flags = BpfMap.UPDATE_ANY;
            else if (args.accept("exist")) flags = BpfMap.UPDATE_EXIST;
            else if (args.accept("noexist")) flags = BpfMap.UPDATE_NOEXIST;
            args.end();
            int f = flags;
            MapErrors.supported(m, "update", () -> m.update(key, value, f));
            output().nothing();
            return ExitCodes.OK;
        }
    }

    private static byte[] value(Args args, BpfMap m) {
        MapType t = m.type();
        if (t == MapType.PROG_ARRAY) {
            List<BpfProgram> progs = Selectors.programs(args);
            try {
                if (progs.size() != 1) throw CilException.failure("several programs match this handle: use 'id ID'");
                return fdBytes(progs.get(0).fd().raw());
            } finally {
                Selectors.closeAll(progs);
            }
        }
        if (t == MapType.ARRAY_OF_MAPS || t == MapType.HASH_OF_MAPS) {
            try (BpfMap inner = Selectors.map(args, 0)) {
                return fdBytes(inner.fd().raw());
            }
        }
        byte[] one = ByteArgs.parse(args, "value", m.valueSize());
        if (!m.perCpu()) return one;
        int step = (m.valueSize() + 7) & ~7;
        int cpus = m.valueBufferSize() / step;
        byte[] all = new byte[m.valueBufferSize()];
        for (int i = 0; i < cpus; i++) System.arraycopy(one, 0, all, i * step, one.length);
        return all;
    }

    private static byte[] fdBytes(int fd) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, fd).array();
    }
}

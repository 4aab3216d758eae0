package dev.cil.cli.command.map;

import dev.cil.bpf.BpfMap;
import dev.cil.bpf.MapType;
import dev.cil.cli.CilException;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.LeafCommand;
import dev.cil.cli.command.Args;
import dev.cil.cli.command.Selectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

/**
 * {@code cil map create FILE type TYPE key KEY_SIZE value VALUE_SIZE entries MAX_ENTRIES name NAME
 * [flags FLAGS] [inner_map MAP]}: creates a map and pins it at FILE.
 */
@Command(name = "create",
        description = "Create a map and pin it at FILE.",
        footer = {"%nTYPE is a bpftool map type name (hash, array, percpu_hash, lru_hash, lpm_trie, prog_array, ringbuf, …).",
                "%nExamples:", "  cil map create /sys/fs/bpf/m type hash key 4 value 8 entries 1024 name m",
                "  cil map create /sys/fs/bpf/t type lpm_trie key 8 value 4 entries 64 name t flags 1"})
public final class MapCreateCommand extends LeafCommand {
    @Parameters(paramLabel = "ARGS", arity = "1..*",
            description = "FILE type TYPE key KEY_SIZE value VALUE_SIZE entries MAX_ENTRIES name NAME [flags FLAGS] [inner_map MAP]")
    List<String> words;

    @Override
    protected int execute() {
        Args args = new Args(words);
        String file = args.next("FILE (where to pin the new map)");
        MapType type = null;
        Integer key = null, value = null, entries = null;
        String name = null;
        int flags = 0;
        BpfMap inner = null;
        try {
            while (args.hasNext()) {
                if (args.accept("type")) {
                    String t = args.valueOf("type");
                    type = MapType.byName(t);
                    if (type == null || type == MapType.UNSPEC) throw CilException.usage("unknown map type '" + t + "'");
                } else if (args.accept("key")) {
                    key = size(args.valueOf("key"), "key size");
                } else if (args.accept("value")) {
                    value = size(args.valueOf("value"), "value size");
                } else if (args.accept("entries")) {
                    entries = size(args.valueOf("entries"), "entries");
                } else if (args.accept("name")) {
                    name = args.valueOf("name");
                    if (name.length() > 15) throw CilException.usage("map name '" + name + "' is longer than 15 characters");
                } else if (args.accept("flags")) {
                    flags = Args.parseId(args.valueOf("flags"));
                } else if (args.accept("inner_map")) {
                    if (inner != null) throw CilException.usage("inner_map given twice");
                    inner = Selectors.map(args, 0);
                } else {
                    throw CilException.usage("unknown argument '" + args.peek() + "'");
                }
            }
            if (type == null) throw CilException.usage("map type not specified (type TYPE)");
            if (key == null || value == null || entries == null) throw CilException.usage("key, value and entries are required");
            if (name == null) throw CilException.usage("map name not specified (name NAME)");
            BpfMap.CreateOptions o = new BpfMap.CreateOptions(type, key, value, entries, flags, name, inner, 0, 0, 0, 0);
            try (BpfMap m = BpfMap.create(o)) {
                m.pin(file);
            }
        } finally {
            if (inner != null) inner.close();
        }
        output().nothing();
        return ExitCodes.OK;
    }

    private static int size(String s, String what) {
        try {
            return Args.parseId(s);
        } catch (CilException e) {
            throw CilException.usage("can't parse " + what + " '" + s + "'");
        }
    }
}

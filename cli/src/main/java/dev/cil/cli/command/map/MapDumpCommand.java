package dev.cil.cli.command.map;

import dev.cil.bpf.BpfMap;
import dev.cil.bpf.MapInfo;
import dev.cil.bpf.MapType;
import dev.cil.bpf.PossibleCpus;
import dev.cil.btf.BpftoolJsonWriter;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.LeafCommand;
import dev.cil.cli.command.Args;
import dev.cil.cli.command.Selectors;
import dev.cil.error.KernelException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code cil map dump MAP}: every entry, in the kernel's order, streamed in constant memory.
 * MAP_LOOKUP_BATCH where the map type has it, else GET_NEXT_KEY + LOOKUP (named with --debug).
 */
@Command(name = "dump",
        description = "Dump every entry of MAP (MAP := " + Selectors.MAP_SPEC + ").",
        footer = {"%nExamples:", "  cil map dump name cilium_metrics", "  cil -j map dump pinned /sys/fs/bpf/tc/globals/cilium_lxc"})
public final class MapDumpCommand extends LeafCommand {
    @Parameters(paramLabel = "MAP", arity = "1..*", description = "id ID | pinned PATH | name NAME")
    List<String> selector;

    /** Map types GET_NEXT_KEY refuses: bpftool prints an empty dump for them and fails. */
    static final Set<MapType> KEYLESS = EnumSet.of(MapType.QUEUE, MapType.STACK, MapType.BLOOM_FILTER, MapType.RINGBUF,
            MapType.USER_RINGBUF);

    /** What an ENOENT lookup of a key the walk found means to a dump: bpftool's "no entry" line. */
    private static final KernelException NO_ENTRY = KernelException.of("MAP_LOOKUP_ELEM", 2, null);

    private final List<String> keyless = new ArrayList<>();

    @Override
    protected int execute() throws IOException {
        int code = dumpAll();
        if (!keyless.isEmpty()) {
            // bpftool prints the same empty dump and exits with the negative errno; we say why, on stderr
            err().println("cil: " + String.join("; ", keyless) + ": no keys to walk, so the dump is empty (bpftool fails here too)");
            return ExitCodes.FAILURE;
        }
        return code;
    }

    private int dumpAll() throws IOException {
        Args args = new Args(selector);
        List<BpfMap> maps = Selectors.maps(args, BpfMap.F_RDONLY);
        try {
            args.end();
            boolean json = global().json();
            boolean several = maps.size() > 1;
            PrintWriter out = out();
            if (json && global().pretty() && !(maps.size() == 1 && maps.get(0).btfId() != 0 && BtfEntryDump.btfOf(maps.get(0)) != null)) {
                BpftoolJsonWriter w = new BpftoolJsonWriter(out, true);
                if (several) w.beginArray();
                for (BpfMap m : maps) dumpPretty(m, w, several);
                if (several) w.endArray();
                out.println();
                return ExitCodes.OK;
            }
            if (json && several) out.print('[');
            for (int i = 0; i < maps.size(); i++) {
                if (json && i > 0) out.print(',');
                dump(maps.get(i), out, json, several);
                if (!json && i != maps.size() - 1) out.println();
            }
            if (json && several) out.print(']');
            if (json) out.println();
        } finally {
            Selectors.closeAll(maps);
        }
        return ExitCodes.OK;
    }

    /** Walks {@code m}, or nothing for a type without keys (noted for the final error). */
    private BpfMap.WalkMethod walk(BpfMap m, BpfMap.EntryVisitor v) {
        if (KEYLESS.contains(m.type())) {
            keyless.add(m.describe() + " is a " + MapType.nameOf(m.typeNumber()) + " map");
            return null;
        }
        return MapErrors.supported(m, "dump", () -> m.walk(v));
    }

    private boolean mapOfMaps(BpfMap m) {
        return m.type() == MapType.ARRAY_OF_MAPS || m.type() == MapType.HASH_OF_MAPS;
    }

    private boolean silentMiss(BpfMap m, KernelException e) {
        return e.errnoNumber() == 2 && (mapOfMaps(m) || m.type() == MapType.PROG_ARRAY);
    }

    private void dump(BpfMap m, PrintWriter out, boolean json, boolean header) {
        if (m.btfId() != 0 && BtfEntryDump.btfOf(m) != null) {
            dumpBtf(m, out, json, header);
            return;
        }
        MapInfo info = m.info();
        EntryWriter w = new EntryWriter(out, m.keySize(), m.valueSize(), m.perCpu(), PossibleCpus.count(), mapOfMaps(m));
        if (header) {
            MapView v = new MapView(info, List.of());
            if (json) {
                w.append("{\"id\":" + Integer.toUnsignedString(info.id().value()) + ",\"type\":");
                w.append(MapType.of(info.type()) != null ? "\"" + info.typeName() + "\"" : Integer.toUnsignedString(info.type()));
                if (!info.name().isEmpty()) w.append(",\"name\":\"" + info.name() + "\"");
                w.append(",\"flags\":" + Integer.toUnsignedString(info.flags()) + ",\"elements\":");
            } else {
                w.append(v.header());
                w.append('\n');
            }
        }
        if (json) w.append('[');
        Progress progress = Progress.start(err(), m.maxEntries());
        long[] count = {0};     // entries, for "Found N elements"
        long[] elements = {0};  // entries and errors, for the JSON commas
        BpfMap.WalkMethod method = walk(m, new BpfMap.EntryVisitor() {
            @Override
            public void entry(ByteBuffer keys, int keyOff, ByteBuffer values, int valueOff) {
                if (json) {
                    if (elements[0]++ > 0) w.append(',');
                    w.json(keys, keyOff, values, valueOff);
                } else {
                    w.plain(keys, keyOff, values, valueOff);
                }
                if ((++count[0] & 0xfff) == 0) progress.tick(count[0]);
            }

            @Override
            public void error(ByteBuffer keys, int keyOff, KernelException e) {
                if (silentMiss(m, e)) return;
                String msg = e.errnoNumber() == 2 ? "<no entry>" : e.errno().message();
                if (json) {
                    if (elements[0]++ > 0) w.append(',');
                    w.jsonError(keys, keyOff, e.errno().message());
                } else {
                    w.plainError(keys, keyOff, msg);
                }
            }

            @Override
            public void missing(ByteBuffer keys, int keyOff) { error(keys, keyOff, NO_ENTRY); }
        });
        progress.done();
        if (json) {
            w.append(']');
            if (header) w.append('}');
        } else {
            w.append("Found " + count[0] + (count[0] != 1 ? " elements\n" : " element\n"));
        }
        w.flush();
        if (method != null) debug("dumped " + m.describe() + " with " + method.description());
    }

    /** A map with BTF: bpftool's btf_dumper output (formatted entries). */
    private void dumpBtf(BpfMap m, PrintWriter out, boolean json, boolean header) {
        BtfEntryDump d = BtfEntryDump.open(m, json, global().pretty(), out);
        var w = d.writer();
        if (header) jsonHeader(w, m.info());
        w.beginArray();
        BpfMap.WalkMethod method = walk(m, new BpfMap.EntryVisitor() {
            @Override
            public void entry(ByteBuffer keys, int keyOff, ByteBuffer values, int valueOff) {
                d.entry(keys, keyOff, values, valueOff);
            }

            @Override
            public void error(ByteBuffer keys, int keyOff, KernelException e) {
                if (!silentMiss(m, e)) d.error(keys, keyOff, e);
            }

            @Override
            public void missing(ByteBuffer keys, int keyOff) { error(keys, keyOff, NO_ENTRY); }
        });
        w.endArray();
        if (header) w.endObject();
        if (!json) out.println();
        if (method != null) debug("dumped " + m.describe() + " through its BTF with " + method.description());
    }

    /** {@code -p}: bpftool's pretty json_writer, byte for byte (arrays of hex strings stay on one line). */
    private void dumpPretty(BpfMap m, BpftoolJsonWriter w, boolean header) {
        MapInfo info = m.info();
        int cpus = PossibleCpus.count();
        int step = (m.valueSize() + 7) & ~7;
        if (header) jsonHeader(w, info);
        w.beginArray();
        walk(m, new BpfMap.EntryVisitor() {
            @Override
            public void entry(ByteBuffer keys, int keyOff, ByteBuffer values, int valueOff) {
                w.beginObject();
                w.name("key");
                hex(w, keys, keyOff, m.keySize());
                if (!m.perCpu()) {
                    w.name("value");
                    hex(w, values, valueOff, m.valueSize());
                    if (mapOfMaps(m)) {
                        w.name("inner_map_id");
                        w.unsignedNumber(Integer.toUnsignedLong(values.getInt(valueOff)));
                    }
                } else {
                    w.name("values");
                    w.beginArray();
                    for (int i = 0; i < cpus; i++) {
                        w.beginObject();
                        w.name("cpu");
                        w.number(i);
                        w.name("value");
                        hex(w, values, valueOff + i * step, m.valueSize());
                        w.endObject();
                    }
                    w.endArray();
                }
                w.endObject();
            }

            @Override
            public void error(ByteBuffer keys, int keyOff, KernelException e) {
                if (!silentMiss(m, e)) errorEntry(w, keys, keyOff, m.keySize(), e);
            }

            @Override
            public void missing(ByteBuffer keys, int keyOff) { error(keys, keyOff, NO_ENTRY); }
        });
        w.endArray();
        if (header) w.endObject();
    }

    /** bpftool's header of one map in a dump of several: the object opens, {@code elements} follows. */
    static void jsonHeader(BpftoolJsonWriter w, MapInfo info) {
        w.beginObject();
        w.name("id");
        w.unsignedNumber(Integer.toUnsignedLong(info.id().value()));
        w.name("type");
        if (MapType.of(info.type()) != null) w.string(info.typeName());
        else w.unsignedNumber(Integer.toUnsignedLong(info.type()));
        if (!info.name().isEmpty()) {
            w.name("name");
            w.string(info.name());
        }
        w.name("flags");
        w.unsignedNumber(Integer.toUnsignedLong(info.flags()));
        w.name("elements");
    }

    /** bpftool's JSON entry for a key whose value could not be read. */
    static void errorEntry(BpftoolJsonWriter w, ByteBuffer keys, int keyOff, int keySize, KernelException e) {
        w.beginObject();
        w.name("key");
        hex(w, keys, keyOff, keySize);
        w.name("value");
        w.beginObject();
        w.name("error");
        w.string(e.errno().message());
        w.endObject();
        w.endObject();
    }

    private static final String[] HEX_TOKENS = new String[256];

    static {
        for (int i = 0; i < 256; i++) HEX_TOKENS[i] = String.format("\"0x%02x\"", i);
    }

    static void hex(BpftoolJsonWriter w, ByteBuffer b, int off, int n) {
        w.beginArray();
        for (int i = 0; i < n; i++) w.raw(HEX_TOKENS[b.get(off + i) & 0xff]);
        w.endArray();
    }

    /** Progress on stderr, only when stderr is a terminal and the dump has run for more than a second. */
    static final class Progress {
        private final PrintWriter err;
        private final long max;
        private final long start = System.nanoTime();
        private boolean shown;

        private Progress(PrintWriter err, long max) {
            this.err = err;
            this.max = max;
        }

        static Progress start(PrintWriter err, long max) {
            return new Progress(stderrIsTerminal() ? err : null, max);
        }

        static boolean stderrIsTerminal() {
            try {
                String t = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
                return t.startsWith("/dev/pts/") || t.startsWith("/dev/tty") || t.equals("/dev/console");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }

        void tick(long n) {
            if (err == null || System.nanoTime() - start < 1_000_000_000L) return;
            shown = true;
            err.print("\rcil: dumped " + n + " of at most " + max + " entries");
            err.flush();
        }

        void done() {
            if (shown) {
                err.print("\r\033[K");
                err.flush();
            }
        }
    }
}

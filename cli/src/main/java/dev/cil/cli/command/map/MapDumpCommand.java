package dev.cil.cli.command.map;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cil.bpf.BpfMap;
import dev.cil.bpf.MapInfo;
import dev.cil.bpf.MapType;
import dev.cil.bpf.PossibleCpus;
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
import java.util.List;

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

    @Override
    protected int execute() throws IOException {
        Args args = new Args(selector);
        List<BpfMap> maps = Selectors.maps(args, BpfMap.F_RDONLY);
        try {
            args.end();
            boolean json = global().json();
            boolean several = maps.size() > 1;
            PrintWriter out = out();
            if (json && global().pretty() && !(maps.size() == 1 && maps.get(0).btfId() != 0 && BtfEntryDump.btfOf(maps.get(0)) != null)) {
                try (JsonGenerator g = output().generator()) {
                    if (several) g.writeStartArray();
                    for (BpfMap m : maps) dumpPretty(m, g, several);
                    if (several) g.writeEndArray();
                }
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
        long[] count = {0};
        BpfMap.WalkMethod method = MapErrors.supported(m, "dump", () -> m.walk(new BpfMap.EntryVisitor() {
            @Override
            public void entry(ByteBuffer keys, int keyOff, ByteBuffer values, int valueOff) {
                if (json) {
                    if (count[0] > 0) w.append(',');
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
                    if (count[0] > 0) w.append(',');
                    w.jsonError(keys, keyOff, e.errno().message());
                } else {
                    w.plainError(keys, keyOff, msg);
                }
            }
        }));
        progress.done();
        if (json) {
            w.append(']');
            if (header) w.append('}');
        } else {
            w.append("Found " + count[0] + (count[0] != 1 ? " elements\n" : " element\n"));
        }
        w.flush();
        debug("dumped " + m.describe() + " with " + method.description());
    }

    /** A map with BTF: bpftool's btf_dumper output (formatted entries). */
    private void dumpBtf(BpfMap m, PrintWriter out, boolean json, boolean header) {
        BtfEntryDump d = BtfEntryDump.open(m, json, global().pretty(), out);
        var w = d.writer();
        if (header) {
            MapInfo info = m.info();
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
        w.beginArray();
        BpfMap.WalkMethod method = MapErrors.supported(m, "dump", () -> m.walk(new BpfMap.EntryVisitor() {
            @Override
            public void entry(ByteBuffer keys, int keyOff, ByteBuffer values, int valueOff) {
                d.entry(keys, keyOff, values, valueOff);
            }

            @Override
            public void error(ByteBuffer keys, int keyOff, KernelException e) {
                if (!silentMiss(m, e)) d.error(keys, keyOff, e);
            }
        }));
        w.endArray();
        if (header) w.endObject();
        if (!json) out.println();
        debug("dumped " + m.describe() + " through its BTF with " + method.description());
    }

    private void dumpPretty(BpfMap m, JsonGenerator g, boolean header) throws IOException {
        MapInfo info = m.info();
        int cpus = PossibleCpus.count();
        int step = (m.valueSize() + 7) & ~7;
        if (header) {
            g.writeStartObject();
            new MapView(info, List.of()).jsonHeader(g);
            g.writeFieldName("elements");
        }
        g.writeStartArray();
        MapErrors.supported(m, "dump", () -> m.walk(new BpfMap.EntryVisitor() {
            @Override
            public void entry(ByteBuffer keys, int keyOff, ByteBuffer values, int valueOff) {
                try {
                    g.writeStartObject();
                    g.writeFieldName("key");
                    hex(g, keys, keyOff, m.keySize());
                    if (!m.perCpu()) {
                        g.writeFieldName("value");
                        hex(g, values, valueOff, m.valueSize());
                        if (mapOfMaps(m)) g.writeNumberField("inner_map_id", Integer.toUnsignedLong(values.getInt(valueOff)));
                    } else {
                        g.writeArrayFieldStart("values");
                        for (int i = 0; i < cpus; i++) {
                            g.writeStartObject();
                            g.writeNumberField("cpu", i);
                            g.writeFieldName("value");
                            hex(g, values, valueOff + i * step, m.valueSize());
                            g.writeEndObject();
                        }
                        g.writeEndArray();
                    }
                    g.writeEndObject();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            @Override
            public void error(ByteBuffer keys, int keyOff, KernelException e) {
                if (silentMiss(m, e)) return;
                try {
                    g.writeStartObject();
                    g.writeFieldName("key");
                    hex(g, keys, keyOff, m.keySize());
                    g.writeObjectFieldStart("value");
                    g.writeStringField("error", e.errno().message());
                    g.writeEndObject();
                    g.writeEndObject();
                } catch (IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            }
        }));
        g.writeEndArray();
        if (header) g.writeEndObject();
    }

    static void hex(JsonGenerator g, ByteBuffer b, int off, int n) throws IOException {
        g.writeStartArray();
        for (int i = 0; i < n; i++) g.writeString(String.format("0x%02x", b.get(off + i) & 0xff));
        g.writeEndArray();
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

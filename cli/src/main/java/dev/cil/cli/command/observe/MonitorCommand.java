package dev.cil.cli.command.observe;

import dev.cil.api.NodePaths;
import dev.cil.bpf.BpfMap;
import dev.cil.bpf.Interfaces;
import dev.cil.cli.CilException;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.LeafCommand;
import dev.cil.cli.command.Selectors;
import dev.cil.error.NoSuchObjectException;
import dev.cil.flow.EventDecoder;
import dev.cil.flow.MonitorApi;
import dev.cil.flow.MonitorEvent;
import dev.cil.flow.MonitorPrinter;
import dev.cil.ringbuf.RingBufReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * {@code cil monitor}: cilium-dbg monitor over the datapath's event ring buffer: one line per event,
 * {@code -v} for the headers, {@code -o json} for objects. The node's events come through its daemon
 * while it runs (the ring buffer's one consumer, {@code GET /v1/monitor}), from the pin itself when
 * it does not, or from {@code --pinned PATH}. Lost events (the datapath's {@code cilium_evt_lost}
 * next to the ring buffer) are printed as cilium-dbg prints them.
 */
@Command(name = "monitor",
        description = {"Print the datapath's raw events as they happen (as cilium-dbg monitor).",
            "Reads the node's cilium_events ring buffer through its daemon while it runs, else from the pin itself;",
            "runs until Ctrl-C or --count events."},
        sortOptions = false,
        footer = {"%nThe default ring buffer is the node's: /sys/fs/bpf/cil/NODE/cilium_events (NODE from -N/--node).",
            "A ring buffer has one reader: while the node's daemon runs it is that reader and monitor gets a copy",
            "of every record from it (GET /v1/monitor); --pinned reads a pin directly.",
            "Interfaces are shown by index; with --netns NODE (the datapath's namespace) by name.",
            "%nExamples:",
            "  cil monitor",
            "  cil monitor --type drop -v",
            "  cil monitor -N node1 --related-to 416 -o json",
            "  cil monitor --pinned /sys/fs/bpf/cil/node1/cilium_events --count 10"})
public final class MonitorCommand extends LeafCommand {
    private static final String LOST = "cilium_evt_lost";

    @Option(names = "--pinned", paramLabel = "PATH", order = 1, description = "Read this pinned ring buffer map directly (not through the daemon).")
    String pinned;

    @Option(names = {"-v", "--verbose"}, order = 2, description = "Print each event's details and decoded headers.")
    boolean verbose;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", order = 3, description = "text (default) or json: one object per event.")
    String output;

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE", order = 4,
            description = "Only events of this type: drop, debug, capture, trace (repeatable).")
    List<String> types = new ArrayList<>();

    @Option(names = "--from", paramLabel = "EP", order = 5, description = "Only events from this endpoint id (repeatable).")
    List<Integer> from = new ArrayList<>();

    @Option(names = "--to", paramLabel = "EP", order = 6, description = "Only events to this endpoint id (repeatable).")
    List<Integer> to = new ArrayList<>();

    @Option(names = "--related-to", paramLabel = "EP", order = 7, description = "Only events from or to this endpoint id (repeatable).")
    List<Integer> related = new ArrayList<>();

    @Option(names = {"-n", "--numeric"}, order = 8, description = "Identities as numbers (not world, host, …).")
    boolean numeric;

    @Option(names = "--count", paramLabel = "N", order = 9, description = "Stop after N printed events.")
    long count;

    /** Ends a running monitor from another thread (tests). */
    volatile AutoCloseable running;

    @Override
    protected int execute() throws Exception {
        MonitorPrinter.Verbosity v;
        String fmt = output != null ? output : global().json() ? "json" : "text";
        switch (fmt) {
            case "json": v = MonitorPrinter.Verbosity.JSON; break;
            case "text": case "plain": v = verbose ? MonitorPrinter.Verbosity.VERBOSE : MonitorPrinter.Verbosity.INFO; break;
            default: throw CilException.usage("invalid output format '" + fmt + "' (text, json)");
        }
        List<Integer> typeNumbers = new ArrayList<>();
        for (String t : types) {
            Integer n = MonitorApi.TYPE_NAMES.get(t);
            if (n == null) {
                throw CilException.usage("unknown type (" + t + "); use one of: " + String.join(", ", MonitorApi.TYPE_NAMES.keySet()));
            }
            typeNumbers.add(n);
        }
        if (count < 0) throw CilException.usage("--count must be 0 or more");
        // an event's ifindex is one of the datapath's namespace: names only when cil runs in it (--netns)
        MonitorPrinter printer = new MonitorPrinter(v, numeric, global().netns() != null ? Interfaces::name : null);
        EventDecoder decoder = new EventDecoder();
        Path lostPin;
        try (Source source = openSource(); BpfMap lost = Files.exists(lostPin = source.lostPin()) ? BpfMap.openPinned(lostPin.toString(), BpfMap.F_RDONLY) : null) {
            running = source;
            if (v != MonitorPrinter.Verbosity.JSON) {
                err().println("Listening for events on " + source.describe());
                err().println("Press Ctrl-C to quit");
                err().flush();
            }
            long[] lostBefore = lost == null ? null : perCpu(lost);
            long[] printed = {0};
            CountDownLatch done = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                source.close();
                try {
                    done.await(2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "cil-monitor-interrupt");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                RingBufReader.Handler h = (data, off, len) -> {
                    if (count > 0 && printed[0] >= count) return;
                    MonitorEvent e = decoder.decodeRecord(data, off, len);
                    if (!MonitorPrinter.matches(e, typeNumbers, from, to, related)) return;
                    out().print(printer.format(e));
                    printed[0]++;
                };
                LongConsumer slow = n -> out().print(printer.slow(n));
                long lastLostCheck = 0;
                while (count == 0 || printed[0] < count) {
                    int n;
                    try {
                        n = source.poll(h, slow, 500);
                    } catch (IOException e) {
                        if (source.closed()) break;   // Ctrl-C while reading from the daemon
                        throw CilException.failure("the daemon stopped sending events: " + e.getMessage());
                    }
                    if (n < 0) break;
                    out().flush();
                    long now = System.nanoTime();
                    if (lost != null && now - lastLostCheck > 250_000_000L) {
                        lastLostCheck = now;
                        long[] cur = perCpu(lost);
                        for (int cpu = 0; cpu < cur.length; cpu++) {
                            long d = cur[cpu] - (cpu < lostBefore.length ? lostBefore[cpu] : 0);
                            if (d > 0) out().print(printer.lost(cpu, d));
                        }
                        lostBefore = cur;
                        out().flush();
                    }
                }
            } finally {
                done.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // shutting down: the hook runs
                }
                out().flush();
                running = null;
            }
        }
        return ExitCodes.OK;
    }

    /**
     * The records' source. {@code --pinned}: that ring buffer. Otherwise the node's: through its daemon
     * while it runs (a ring buffer has one consumer, and the daemon is it: reading the pin beside it
     * would steal the events its flows are made of), else straight from the pin (the datapath keeps
     * running, and reporting, while the daemon is down).
     */
    private Source openSource() throws IOException {
        if (pinned != null) {
            if (!Files.exists(Path.of(pinned))) {
                throw CilException.precondition("no ring buffer pinned at " + pinned + " (is the datapath loaded?)");
            }
            return new RingSource(pinned);
        }
        NodePaths node = NodePaths.of(global().node());
        if (Files.exists(node.socket())) {
            try {
                return new DaemonSource(DaemonRecords.open(node), node.mapPin(LOST));
            } catch (DaemonFlowsClient.Unreachable e) {
                // a stale socket of a daemon that is gone: read the pin
            }
        }
        return new RingSource(defaultPin(node));
    }

    /** Where {@code cil monitor} reads records from. */
    private interface Source extends AutoCloseable {
        String describe();

        /** The datapath's lost-events counter beside the ring buffer. */
        Path lostPin();

        /** Hands on the records that arrive within about {@code timeoutMs}; -1 once the source has ended. */
        int poll(RingBufReader.Handler h, LongConsumer dropped, int timeoutMs) throws IOException;

        boolean closed();

        @Override
        void close();
    }

    private static final class RingSource implements Source {
        private final RingBufReader reader;
        private final Path pin;
        private volatile boolean closed;

        RingSource(String pin) {
            this.reader = open(pin);
            this.pin = Path.of(pin);
        }

        @Override public String describe() { return reader.describe() + " (" + reader.size() + " bytes of ring buffer)"; }

        @Override public Path lostPin() { return pin.resolveSibling(LOST); }

        @Override public int poll(RingBufReader.Handler h, LongConsumer dropped, int timeoutMs) { return reader.poll(h, timeoutMs); }

        @Override public boolean closed() { return closed; }

        @Override
        public void close() {
            closed = true;
            reader.close();
        }
    }

    /** Records the daemon copies from the ring buffer it consumes; it sends a heartbeat when quiet, so a poll never blocks long. */
    private static final class DaemonSource implements Source {
        private final DaemonRecords records;
        private final Path lostPin;
        private volatile boolean closed;

        DaemonSource(DaemonRecords records, Path lostPin) {
            this.records = records;
            this.lostPin = lostPin;
        }

        @Override public String describe() { return records.describe(); }

        @Override public Path lostPin() { return lostPin; }

        @Override
        public int poll(RingBufReader.Handler h, LongConsumer dropped, int timeoutMs) throws IOException {
            return records.next(new DaemonRecords.Sink() {
                @Override public void record(ByteBuffer data, int off, int len) { h.onRecord(data, off, len); }

                @Override public void dropped(long n) { dropped.accept(n); }
            }) ? 1 : -1;
        }

        @Override public boolean closed() { return closed; }

        @Override
        public void close() {
            closed = true;
            records.close();
        }
    }

    private static RingBufReader open(String path) {
        return Selectors.pinned(path, "map", () -> {
            try {
                return RingBufReader.openPinned(path);
            } catch (NoSuchObjectException e) {
                throw CilException.precondition("no ring buffer pinned at " + path + " (is the datapath loaded?)");
            }
        });
    }

    /** The per-CPU values of a u64 per-CPU counter at key 0. */
    private static long[] perCpu(BpfMap m) {
        byte[] k = new byte[4];
        byte[] v = m.lookup(k).orElse(new byte[0]);
        ByteBuffer b = ByteBuffer.wrap(v).order(ByteOrder.nativeOrder());
        long[] out = new long[v.length / 8];
        for (int i = 0; i < out.length; i++) out[i] = b.getLong(i * 8);
        return out;
    }

    /** The node's {@code cilium_events} pin (the daemon pins its maps by name under {@link NodePaths#pinDir}). */
    static String defaultPin(NodePaths node) {
        Path pin = node.mapPin("cilium_events");
        if (!Files.exists(pin)) {
            throw CilException.precondition("no ring buffer cilium_events pinned at " + pin + ": node " + node.node()
                    + " has no datapath (start it with 'cil daemon start -N " + node.node() + "', or name one with --pinned PATH)");
        }
        return pin.toString();
    }
}

package dev.cil.daemon;

import dev.cil.bpf.BpfMap;
import dev.cil.flow.EndpointTable;
import dev.cil.flow.FlowBuilder;
import dev.cil.flow.FlowPump;
import dev.cil.flow.FlowStore;
import dev.cil.ringbuf.LostCounter;
import dev.cil.ringbuf.RingBufReader;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The node's flow source, hubble's observer in the daemon: a thread drains the datapath's
 * {@code cilium_events} ring buffer (epoll, no busy loop), decodes each record into a Flow named
 * through the daemon's own tables (an immutable {@link EndpointTable} swapped on every endpoint or
 * identity change), and keeps the last flows in a bounded {@link FlowStore} that {@code GET /v1/flows}
 * reads. Events the datapath could not queue ({@code cilium_evt_lost}) and flows a slow follower
 * missed are counted, never waited for.
 */
final class FlowService implements AutoCloseable {
    static final String EVENTS = "cilium_events", LOST = "cilium_evt_lost";
    /** {@code -Dcil.flows.capacity}: how many flows the daemon keeps (hubble's default 4095). */
    static final int CAPACITY = Integer.getInteger("cil.flows.capacity", FlowStore.DEFAULT_CAPACITY);

    private final String node;
    private final DaemonLog log;
    private final AtomicReference<EndpointTable> names;
    private final FlowStore store;
    private final BpfMap lostMap;
    private final RingBufReader reader;
    private final FlowPump pump;
    private final Thread thread;
    private final int ringBytes;

    private FlowService(String node, DaemonLog log, EndpointTable first, BpfMap events, BpfMap lost) {
        this.node = node;
        this.log = log;
        this.names = new AtomicReference<>(first);
        this.store = new FlowStore(CAPACITY, node);
        this.lostMap = lost;
        this.ringBytes = events.maxEntries();
        this.reader = RingBufReader.open(events);
        this.pump = new FlowPump(reader, new FlowBuilder(EndpointTable.via(names::get)), store, () -> LostCounter.sum(lostMap, 0));
        this.thread = new Thread(pump, "cil-flows");
        this.thread.setDaemon(true);
    }

    /** Opens the ring buffer and starts draining; the decode path is warmed beside it. */
    static FlowService start(String node, DaemonLog log, Datapath dp, Supplier<EndpointTable> table) {
        BpfMap events = dp.map(EVENTS);
        BpfMap lost = null;
        try {
            lost = dp.map(LOST);
            FlowService s = new FlowService(node, log, table.get(), events, lost);
            s.thread.start();
            log.info("flows: draining " + EVENTS + " (" + s.ringBytes / 1024 + " KiB), keeping the last " + CAPACITY);
            return s;
        } catch (RuntimeException e) {
            if (lost != null) lost.close();
            throw e;
        } finally {
            events.close();   // the reader holds its own mapping and fd
        }
    }

    /**
     * A cold decode path loses events to a flood: a second thread runs it for a second, with a builder
     * of its own, while the pump drains. The daemon calls this once its API is up, so its start does
     * not share the CPU with it.
     */
    void warmUpInBackground() {
        EndpointTable now = names.get();
        Thread warm = new Thread(() -> {
            pump.warmUp(1000, new FlowBuilder(EndpointTable.via(() -> now)));
            System.gc();   // its garbage would keep the heap at its maximum, as the loader's would (DaemonMain)
        }, "cil-flows-warm-up");
        warm.setDaemon(true);
        warm.start();
    }

    /** Names flows from now on with a new snapshot of the daemon's tables. */
    void update(EndpointTable table) { names.set(table); }

    FlowStore store() { return store; }

    /** Raw records for a {@code cil monitor} client of the daemon. */
    dev.cil.flow.RecordTap tap() { return pump.tap(dev.cil.flow.RecordTap.DEFAULT_QUEUE); }

    /** Ring size in pages, for status's NodeMonitor line. */
    int pages() { return ringBytes / 4096; }

    long lost() { return store.lostEvents(); }

    long events() { return pump.events(); }

    @Override
    public void close() {
        pump.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reader.close();
        lostMap.close();
        log.info("flows: stopped after " + pump.events() + " events on node " + node);
    }
}

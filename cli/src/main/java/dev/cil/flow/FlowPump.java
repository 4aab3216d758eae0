package dev.cil.flow;

import dev.cil.ringbuf.RingBufReader;

import java.util.function.LongSupplier;

/**
 * The datapath side of observe, ready for the daemon to host: reads the event ring buffer
 * ({@link RingBufReader}), decodes each record ({@link EventDecoder}), turns it into a Flow
 * ({@link FlowBuilder}) and adds it to the {@link FlowStore}; it also turns increases of the
 * datapath's own loss counter ({@code cilium_evt_lost}, via {@code datapathLost}) into lost-event
 * records. {@link #run()} loops until {@link #close()}; it never blocks the producer (records are
 * decoded straight from the mapping and released one by one).
 */
public final class FlowPump implements Runnable, AutoCloseable {
    private static final long LOST_CHECK_NANOS = 250_000_000L;

    private final RingBufReader reader;
    private final EventDecoder decoder = new EventDecoder();
    private final FlowBuilder builder;
    private final FlowStore store;
    private final LongSupplier datapathLost;
    private final RingBufReader.Handler handler = this::record;
    private final java.util.List<RecordTap> taps = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean stopped;
    private long events, flows, others, lastLost = -1, lastLostCheck;

    /**
     * @param datapathLost the datapath's running count of events it could not write (null: none);
     *                     its first value is the baseline, not a loss
     */
    public FlowPump(RingBufReader reader, FlowBuilder builder, FlowStore store, LongSupplier datapathLost) {
        this.reader = reader;
        this.builder = builder;
        this.store = store;
        this.datapathLost = datapathLost;
        if (datapathLost != null) lastLost = datapathLost.getAsLong();
    }

    private void record(java.nio.ByteBuffer data, int off, int len) {
        events++;
        for (RecordTap t : taps) t.offer(data, off, len);
        MonitorEvent e = decoder.decodeRecord(data, off, len);
        Flow f = builder.build(e);
        if (f == null) {
            others++;
            return;
        }
        flows++;
        store.add(f);
    }

    /** Waits up to {@code timeoutMs} for records and stores them; returns the number read (-1 once closed). */
    public int pollOnce(int timeoutMs) {
        int n = reader.poll(handler, timeoutMs);
        checkLost(false);
        return n;
    }

    /** Reads the datapath's loss counter now and records any increase. */
    public void checkLost(boolean now) {
        if (datapathLost == null) return;
        long t = System.nanoTime();
        if (!now && t - lastLostCheck < LOST_CHECK_NANOS) return;
        lastLostCheck = t;
        long v = datapathLost.getAsLong();
        if (v > lastLost) store.addLost(1, v - lastLost, null, null, null); // PERF_EVENT_RING_BUFFER
        lastLost = Math.max(lastLost, v);
    }

    @Override
    public void run() {
        while (!stopped) {
            if (pollOnce(500) < 0) break;
        }
    }

    /**
     * Runs the decoder and the builder over synthetic records for about {@code millis} ms, so that the
     * JIT has compiled them before the first burst arrives: a cold JVM is slow enough over its first
     * records for a 4 MiB ring to overflow under a flood (bench/observe.sh measures it). Nothing is
     * stored; the resolver is asked as for real events.
     */
    public void warmUp(long millis) { warmUp(millis, builder); }

    /**
     * The same, building with {@code twinBuilder} (a builder of its own), so it can run on another
     * thread while this pump drains: the JIT's profile is per method, not per object.
     */
    public void warmUp(long millis, FlowBuilder twinBuilder) {
        // direct and read-only like the mapped ring, so the JIT profiles the same buffer class
        java.nio.ByteBuffer rec = java.nio.ByteBuffer.allocateDirect(16 + 48 + 98).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        rec.putLong(System.nanoTime()).putInt(0).putInt(48 + 98);
        rec.put((byte) MonitorApi.TYPE_TRACE).put((byte) 0).putShort((short) 1).putInt(0).putInt(98).putShort((short) 98)
                .putShort((short) 1).putInt(2).putInt(2).putShort((short) 1).put((byte) 0).put((byte) 0).putInt(1).put(new byte[16]);
        rec.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 8, 0, 0x45, 0, 0, 84, 0, 1, 0x40, 0, 64, 1, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2,
            8, 0, 0, 0, 0, 1, 0, 1});
        java.nio.ByteBuffer ro = rec.asReadOnlyBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        FlowStore scratch = new FlowStore(1024, "warm-up"); // the same path as real records, into a throwaway store
        FlowPump twin = new FlowPump(reader, twinBuilder, scratch, null);
        long end = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 1000; i++) twin.record(ro, 0, rec.capacity());
        }
    }

    /** A copy of every record from now on, for a monitor client; close it to stop. */
    public RecordTap tap(int queue) {
        RecordTap[] holder = new RecordTap[1];
        holder[0] = new RecordTap(queue, () -> taps.remove(holder[0]));
        taps.add(holder[0]);
        return holder[0];
    }

    /** Records read so far. */
    public long events() { return events; }

    /** Records that became flows. */
    public long flows() { return flows; }

    /** Records that were not flows (debug, unknown types). */
    public long otherEvents() { return others; }

    /** Stops {@link #run()} (the reader stays open: its owner closes it). */
    @Override
    public void close() {
        stopped = true;
        reader.wakeup();
    }
}

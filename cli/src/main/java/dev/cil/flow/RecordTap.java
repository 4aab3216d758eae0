package dev.cil.flow;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A copy of every raw event record the {@link FlowPump} reads, for one {@code cil monitor} client of
 * the daemon (the ring buffer has one consumer, the daemon, so monitor clients read through it). The
 * pump never waits: when the client is slow the queue is full, the record is dropped and counted, and
 * the client is told how many it missed.
 */
public final class RecordTap implements AutoCloseable {
    public static final int DEFAULT_QUEUE = 4096;

    private final BlockingQueue<byte[]> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final Runnable onClose;
    private volatile boolean closed;

    RecordTap(int capacity, Runnable onClose) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.onClose = onClose;
    }

    /** Called on the pump's thread for each record: a copy is queued, or counted as dropped. */
    void offer(ByteBuffer data, int off, int len) {
        byte[] b = new byte[len];
        data.get(off, b);
        if (!queue.offer(b)) dropped.incrementAndGet();
    }

    /** The next record, or null after {@code timeoutMs} without one (or once closed). */
    public byte[] poll(long timeoutMs) throws InterruptedException {
        return closed ? null : queue.poll(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** Records dropped since the last call (the client was too slow). */
    public long takeDropped() { return dropped.getAndSet(0); }

    public boolean closed() { return closed; }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        onClose.run();
    }
}

package dev.cil.ringbuf;

import dev.cil.bpf.BpfMap;
import dev.cil.bpf.MapType;
import dev.cil.error.KernelException;
import dev.cil.internal.sys.ErrnoException;
import dev.cil.internal.sys.Fd;
import dev.cil.internal.sys.NativeBuffer;
import dev.cil.internal.sys.Sys;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The consumer side of a {@code BPF_MAP_TYPE_RINGBUF} map, read through its memory mappings as
 * libbpf's {@code ring_buffer__poll} does, without copying records.
 *
 * <p>Layout (kernel/bpf/ringbuf.c): page 0 of the map is the consumer page (user space writes the
 * consumer position there; mapped read-write), page 1 the producer page (the kernel's producer
 * position; read-only), then the data area, mapped twice in a row so that a record that wraps around
 * the end is contiguous. Each record is an 8-byte header ({@code u32 len} with the busy bit 31 and the
 * discard bit 30, {@code u32 page offset}) followed by {@code len} bytes, padded to 8 bytes.
 * Positions are read with acquire and written with release semantics (VarHandles on the mapped
 * buffers), matching the kernel's {@code smp_load_acquire}/{@code smp_store_release}.
 *
 * <p>The producer never waits for us: when the ring is full, the BPF program's reserve fails and it
 * counts the loss itself (the datapath's {@code cilium_evt_lost}). Discarded records (bit 30) are
 * skipped and counted here ({@link #discarded()}).
 *
 * <p>Waiting is epoll on the map fd (the kernel wakes it when a record is committed while the
 * consumer has caught up) plus an eventfd, so {@link #wakeup()} and {@link #close()} from another
 * thread end a blocked {@link #poll} at once. One thread polls at a time. The reader owns a
 * duplicate of the map's fd, the epoll fd, the eventfd and both mappings; {@link #close()} releases
 * them after any running poll has returned, so a record buffer is never unmapped under a handler.
 */
public final class RingBufReader implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.cil.ringbuf");
    private static final Cleaner CLEANER = Cleaner.create();

    /** Bit 31 of a record's length: reserved but not committed yet. */
    public static final int BUSY_BIT = 1 << 31;
    /** Bit 30 of a record's length: the producer discarded the record. */
    public static final int DISCARD_BIT = 1 << 30;
    /** Bytes of a record header. */
    public static final int HEADER_SIZE = 8;

    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final int EPOLL_CTL_ADD = 1, EPOLLIN = 1, EFD_NONBLOCK = 04000, EINTR = 4, EAGAIN = 11;

    /** Receives one record. The buffer is the read-only mapping itself: read it during the call only. */
    @FunctionalInterface
    public interface Handler {
        /**
         * One record: {@code length} bytes at {@code data[offset, offset + length)} (little endian).
         * The bytes are the producer's; they stay valid until this call returns.
         */
        void onRecord(ByteBuffer data, int offset, int length);
    }

    private final String what;
    private final int size;
    private final long mask;
    private final int page;
    private final Resources res;
    private final Cleaner.Cleanable cleanable;
    private final ByteBuffer consumer;   // consumer page, read-write
    private final ByteBuffer producer;   // producer page + data twice, read-only view
    private final NativeBuffer events = NativeBuffer.allocate(2 * 16);
    private final ReentrantLock lock = new ReentrantLock();

    private volatile boolean closing;
    private volatile boolean wakeRequested;
    private long records;
    private long discarded;
    private long bytes;

    /** What a reader holds; released once, by close() or (with a warning) by the cleaner. */
    private static final class Resources implements Runnable {
        final Fd map, epoll, wake;
        final String what;
        long consumerAddr, producerAddr, consumerLen, producerLen;
        volatile boolean explicit;

        Resources(Fd map, Fd epoll, Fd wake, String what) {
            this.map = map;
            this.epoll = epoll;
            this.wake = wake;
            this.what = what;
        }

        @Override
        public void run() {
            if (!explicit) LOG.log(System.Logger.Level.WARNING, "ring buffer reader of " + what + " was not closed; released by the cleaner");
            Sys sys = Sys.get();
            if (consumerAddr != 0) sys.munmap(consumerAddr, consumerLen);
            if (producerAddr != 0) sys.munmap(producerAddr, producerLen);
            consumerAddr = producerAddr = 0;
            if (wake != null) wake.close();
            if (epoll != null) epoll.close();
            if (map != null) map.close();
        }
    }

    private RingBufReader(Fd mapFd, int size, String what) {
        this.what = what;
        this.size = size;
        this.mask = size - 1L;
        this.page = Sys.pageSize();
        Sys sys = Sys.get();
        Fd epoll = null, wake = null;
        Resources r = null;
        try {
            epoll = new Fd(sys.epollCreate(), "epoll of " + what);
            wake = new Fd(sys.eventfd(0, EFD_NONBLOCK), "eventfd of " + what);
            r = new Resources(mapFd, epoll, wake, what);
            long prodLen = (long) page + 2L * size;
            if (prodLen > Integer.MAX_VALUE) {
                throw new RingBufException(what + ": a " + size + "-byte ring buffer is too large to map (at most 1 GiB - 1 page)", what);
            }
            r.consumerLen = page;
            r.consumerAddr = mmap(page, Sys.PROT_READ | Sys.PROT_WRITE, mapFd.raw(), 0, "consumer page");
            r.producerLen = prodLen;
            r.producerAddr = mmap(prodLen, Sys.PROT_READ, mapFd.raw(), page, "producer page and data");
            sys.epollCtl(epoll.raw(), EPOLL_CTL_ADD, mapFd.raw(), EPOLLIN, 1);
            sys.epollCtl(epoll.raw(), EPOLL_CTL_ADD, wake.raw(), EPOLLIN, 2);
        } catch (RuntimeException e) {
            if (r != null) {
                r.explicit = true;
                r.run();
            } else {
                if (wake != null) wake.close();
                if (epoll != null) epoll.close();
                mapFd.close();
            }
            if (e instanceof ErrnoException) throw KernelException.of("set up the reader of " + what, ((ErrnoException) e).errno(), null);
            throw e;
        }
        this.res = r;
        this.consumer = sys.wrap(r.consumerAddr, page).order(ByteOrder.nativeOrder());
        this.producer = sys.wrap(r.producerAddr, (int) r.producerLen).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
        this.cleanable = CLEANER.register(this, r);
    }

    private long mmap(long len, int prot, int fd, long off, String part) {
        try {
            return Sys.get().mmap(len, prot, Sys.MAP_SHARED, fd, off);
        } catch (ErrnoException e) {
            throw KernelException.of("mmap of the " + part + " of " + what, e.errno(), null);
        }
    }

    /**
     * A reader of {@code map}, which must be a ring buffer. The reader works on its own duplicate of
     * the map's fd: the caller keeps (and closes) {@code map}.
     */
    public static RingBufReader open(BpfMap map) {
        if (map.typeNumber() != MapType.RINGBUF.number()) {
            throw new RingBufException(map.describe() + " is a " + MapType.nameOf(map.typeNumber()) + " map, not a ringbuf", map.describe());
        }
        int size = map.maxEntries();
        if (size <= 0 || Integer.bitCount(size) != 1) {
            throw new RingBufException(map.describe() + ": ring buffer size " + size + " is not a power of 2", map.describe());
        }
        return new RingBufReader(map.fd().dup(), size, map.describe());
    }

    /** A reader of the ring buffer pinned at {@code path}. */
    public static RingBufReader openPinned(String path) {
        try (BpfMap m = BpfMap.openPinned(path)) {
            return open(m);
        }
    }

    /** Bytes of the data area (the map's max_entries). */
    public int size() { return size; }

    /** The map, for messages: {@code map 42 (cilium_events)}. */
    public String describe() { return what; }

    /** Records handed to handlers so far. */
    public long records() {
        lock.lock();
        try {
            return records;
        } finally {
            lock.unlock();
        }
    }

    /** Records the producer discarded (skipped, never handed on). */
    public long discarded() {
        lock.lock();
        try {
            return discarded;
        } finally {
            lock.unlock();
        }
    }

    /** Payload bytes handed to handlers so far. */
    public long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    /** Bytes committed or reserved by the producer and not consumed yet. */
    public long pending() {
        lock.lock();
        try {
            if (res.producerAddr == 0) return 0;
            return (long) LONG.getAcquire(producer, 0) - (long) LONG.getAcquire(consumer, 0);
        } finally {
            lock.unlock();
        }
    }

    public boolean isClosed() { return closing; }

    /**
     * Hands every committed record to {@code handler} without waiting, in producer order, and
     * releases each record's space to the producer right after its handler returns. Stops at a record
     * that is still being written (busy). Returns the number of records handled (0 when closed).
     */
    public int consume(Handler handler) {
        lock.lock();
        try {
            if (closing) return 0;
            return drain(handler, Integer.MAX_VALUE);
        } finally {
            lock.unlock();
            if (closing) releaseIfIdle();
        }
    }

    /**
     * Waits up to {@code timeoutMs} (negative: forever) for records, then hands them on as
     * {@link #consume} does. Returns the number handled: 0 after a timeout or a {@link #wakeup()},
     * -1 once the reader is closed.
     */
    public int poll(Handler handler, int timeoutMs) {
        lock.lock();
        try {
            if (closing) return -1;
            int n = drain(handler, Integer.MAX_VALUE);
            if (n > 0 || closing) return closing ? (n > 0 ? n : -1) : n;
            if (wakeRequested) {
                clearWakeup();
                return 0;
            }
            int ready;
            try {
                ready = Sys.get().epollWait(res.epoll.raw(), events, 2, timeoutMs);
            } catch (ErrnoException e) {
                if (e.errno() == EINTR) return 0;
                throw KernelException.of("epoll_wait on " + what, e.errno(), null);
            }
            if (closing) return -1;
            if (wakeRequested) clearWakeup();
            if (ready == 0) return 0;
            return drain(handler, Integer.MAX_VALUE);
        } finally {
            lock.unlock();
            if (closing) releaseIfIdle();
        }
    }

    /** Makes a {@link #poll} that is waiting (or the next one) return at once. Any thread. */
    public void wakeup() {
        wakeRequested = true;
        signal();
    }

    private void signal() {
        NativeBuffer one = NativeBuffer.allocate(8).putLong(0, 1);
        try {
            Sys.get().write(res.wake.raw(), one, 0, 8);
        } catch (ErrnoException | IllegalStateException e) {
            // the counter is saturated (the reader is woken anyway) or the reader is gone
        }
    }

    private void clearWakeup() {
        wakeRequested = false;
        NativeBuffer b = NativeBuffer.allocate(8);
        try {
            Sys.get().read(res.wake.raw(), b, 0, 8);
        } catch (ErrnoException e) {
            if (e.errno() != EAGAIN) throw KernelException.of("read of the eventfd of " + what, e.errno(), null);
        }
    }

    /** Called with the lock held. */
    private int drain(Handler handler, int max) {
        ByteBuffer p = producer;
        long cons = (long) LONG.getAcquire(consumer, 0);
        int n = 0;
        boolean progress = true;
        while (progress && n < max) {
            progress = false;
            long prod = (long) LONG.getAcquire(p, 0);
            while (cons < prod && n < max) {
                int hdr = page + (int) (cons & mask);
                int len = (int) INT.getAcquire(p, hdr);
                if ((len & BUSY_BIT) != 0) return n;
                int real = len & ~(BUSY_BIT | DISCARD_BIT);
                if (real > size - HEADER_SIZE) {
                    throw new RingBufException(what + ": corrupt record at position " + cons + " (length " + real + ")", what);
                }
                cons += (real + HEADER_SIZE + 7) & ~7L;
                progress = true;
                if ((len & DISCARD_BIT) != 0) {
                    discarded++;
                } else {
                    try {
                        handler.onRecord(p, hdr + HEADER_SIZE, real);
                    } finally {
                        records++;
                        bytes += real;
                        LONG.setRelease(consumer, 0, cons);
                    }
                    n++;
                    if (closing) return n;
                    continue;
                }
                LONG.setRelease(consumer, 0, cons);
            }
        }
        return n;
    }

    /**
     * Releases the fds and mappings. From another thread while a {@link #poll} waits: wakes it and
     * releases everything once it has returned. From inside a handler: releases after the poll ends.
     */
    @Override
    public void close() {
        if (closing) {
            releaseIfIdle();
            return;
        }
        closing = true;
        signal();
        releaseIfIdle();
    }

    private void releaseIfIdle() {
        if (lock.isHeldByCurrentThread()) return; // inside a handler: the poll releases on its way out
        lock.lock();
        try {
            if (res.producerAddr != 0 || res.map.isOpen()) {
                res.explicit = true;
                cleanable.clean();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "RingBufReader(" + what + ", " + size + " bytes" + (closing ? ", closed" : "") + ")";
    }
}

package dev.cil.flow;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The last flows, as hubble keeps them: a bounded ring (default {@value #DEFAULT_CAPACITY} entries)
 * written by the datapath reader, read by any number of queries and followers.
 *
 * <p>Lock-light: the ring is an array of immutable entries tagged with their sequence number and a
 * volatile write position; queries never lock and skip an entry that was overwritten while they
 * read. Writers (normally the one datapath reader) take a short lock among themselves, under which
 * each new item is also offered to the followers. A follower gets a bounded queue of its own: when
 * it is full the item is dropped for that follower and counted, and the follower later receives a
 * lost-events record (source HUBBLE_RING_BUFFER) where the items went missing; the writer never
 * waits for a reader. Lost events reported by the datapath ({@link #addLost}) are stored as records
 * like flows and always pass filters.
 */
public final class FlowStore {
    public static final int DEFAULT_CAPACITY = 4095;
    /** Default room of a follower's queue. */
    public static final int DEFAULT_FOLLOW_QUEUE = 4096;

    private record Entry(long seq, FlowsResponse item) { }

    private final int capacity;
    private final String nodeName;
    private final AtomicReferenceArray<Entry> ring;
    private volatile long written;        // sequence number of the next entry
    private final Object writeLock = new Object();
    private final CopyOnWriteArrayList<Follower> followers = new CopyOnWriteArrayList<>();
    private final AtomicLong flows = new AtomicLong();
    private final AtomicLong lostEvents = new AtomicLong();
    private final AtomicLong droppedForFollowers = new AtomicLong();

    public FlowStore(int capacity, String nodeName) {
        if (capacity < 1) throw new IllegalArgumentException("flow store capacity must be at least 1, not " + capacity);
        this.capacity = capacity;
        this.nodeName = nodeName;
        this.ring = new AtomicReferenceArray<>(capacity);
    }

    public FlowStore(String nodeName) { this(DEFAULT_CAPACITY, nodeName); }

    public int capacity() { return capacity; }

    /** Flows added since the store was made (hubble's "seen flows"). */
    public long seenFlows() { return flows.get(); }

    /** Flows currently held. */
    public int size() { return (int) Math.min(written, capacity); }

    /** Events the datapath or the reader reported lost ({@link #addLost}). */
    public long lostEvents() { return lostEvents.get(); }

    /** Flows dropped for followers that did not keep up (each also reported to that follower). */
    public long droppedForFollowers() { return droppedForFollowers.get(); }

    /** Adds a flow. Never blocks on readers. */
    public void add(Flow f) {
        flows.incrementAndGet();
        append(new FlowsResponse.OfFlow(f, f.nodeName(), f.time()));
    }

    /**
     * Records {@code count} events lost before they became flows: {@code source} is a
     * {@link ProtoEnum#LOST_EVENT_SOURCE} number (1 PERF_EVENT_RING_BUFFER for the datapath's ring
     * buffer); {@code first}/{@code last} may be null.
     */
    public void addLost(int source, long count, Integer cpu, Instant first, Instant last) {
        if (count <= 0) return;
        lostEvents.addAndGet(count);
        append(new FlowsResponse.OfLostEvents(new FlowsResponse.LostEvents(source, count, cpu, first, last), nodeName, Instant.now()));
    }

    private void append(FlowsResponse r) {
        synchronized (writeLock) {
            long seq = written;
            ring.set((int) (seq % capacity), new Entry(seq, r));
            written = seq + 1;
            for (Follower f : followers) f.offer(seq, r); // never waits: a full queue drops and counts
        }
    }

    /** The stored items with sequence numbers in [max(from, oldest), to), oldest first, skipping overwritten ones. */
    private List<Entry> entries(long to) {
        long from = Math.max(0, to - capacity);
        List<Entry> l = new ArrayList<>((int) (to - from));
        for (long s = from; s < to; s++) {
            Entry e = ring.get((int) (s % capacity));
            if (e != null && e.seq == s) l.add(e);
        }
        return l;
    }

    private static boolean passes(FlowRequest req, FlowsResponse r) {
        if (r instanceof FlowsResponse.OfFlow) {
            Flow f = ((FlowsResponse.OfFlow) r).flow();
            return req.inWindow(f.time()) && req.filter().test(f);
        }
        return req.inWindow(r.time());
    }

    /** The stored items a request selects (without following). */
    List<FlowsResponse> select(FlowRequest req, long head) {
        boolean none = req.follow() && req.number() == 0 && req.since() == null;
        if (none) return List.of();
        List<FlowsResponse> out = new ArrayList<>();
        long n = req.number();
        boolean bounded = n > 0;
        if (req.first() && bounded) {
            for (Entry e : entries(head)) {
                if (out.size() >= n) break;
                if (passes(req, e.item)) out.add(e.item);
            }
            return out;
        }
        Deque<FlowsResponse> last = new ArrayDeque<>();
        for (Entry e : entries(head)) {
            if (!passes(req, e.item)) continue;
            last.addLast(e.item);
            if (bounded && last.size() > n) last.removeFirst();
        }
        out.addAll(last);
        return out;
    }

    /**
     * Runs a query: the stored flows it selects, then (with follow) new ones, through a queue of
     * {@code followQueue} items. Close the stream to stop following.
     */
    public FlowStream query(FlowRequest req, int followQueue) {
        Follower f = null;
        long head;
        if (req.follow()) {
            synchronized (writeLock) {
                head = written;
                f = new Follower(req, followQueue, head);
                followers.add(f);
            }
        } else {
            head = written;
        }
        return new Stream(select(req, head), f);
    }

    /** This store as an {@link ObserverClient} (the daemon's API serves it; tests use it). */
    public ObserverClient observer() {
        return req -> query(req, DEFAULT_FOLLOW_QUEUE);
    }

    /** A queued item and the number of items dropped just before it. */
    private record Queued(long lostBefore, FlowsResponse item) { }

    private final class Follower {
        final FlowRequest req;
        final ArrayBlockingQueue<Queued> queue;
        final long from;
        private long dropped; // guarded by this

        Follower(FlowRequest req, int room, long from) {
            this.req = req;
            this.queue = new ArrayBlockingQueue<>(Math.max(1, room));
            this.from = from;
        }

        /** Called by the writer; never blocks. */
        synchronized void offer(long seq, FlowsResponse r) {
            if (seq < from || !passes(req, r)) return;
            if (queue.offer(new Queued(dropped, r))) {
                dropped = 0;
            } else {
                dropped++;
                droppedForFollowers.incrementAndGet();
            }
        }

        /** Losses not yet attached to a queued item, once the queue is empty. */
        synchronized long takeTrailingLoss() {
            if (!queue.isEmpty()) return 0;
            long d = dropped;
            dropped = 0;
            return d;
        }
    }

    private final class Stream implements FlowStream {
        private final ArrayDeque<FlowsResponse> initial;
        private final Follower follower;
        private FlowsResponse held; // an item whose preceding loss was reported first
        private volatile boolean closed;

        Stream(List<FlowsResponse> initial, Follower follower) {
            this.initial = new ArrayDeque<>(initial);
            this.follower = follower;
        }

        private FlowsResponse lost(long n) {
            return new FlowsResponse.OfLostEvents(new FlowsResponse.LostEvents(3, n, null, null, null), nodeName, Instant.now());
        }

        private FlowsResponse deliver(Queued q) {
            if (q.lostBefore() > 0) {
                held = q.item();
                return lost(q.lostBefore());
            }
            return q.item();
        }

        @Override
        public FlowsResponse poll(long timeoutMs) throws InterruptedException {
            if (closed) return null;
            FlowsResponse r = initial.pollFirst();
            if (r != null || follower == null) return r;
            if (held != null) {
                r = held;
                held = null;
                return r;
            }
            long deadline = timeoutMs < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutMs * 1_000_000L;
            while (!closed) {
                Queued q = follower.queue.poll();
                if (q != null) return deliver(q);
                long trailing = follower.takeTrailingLoss();
                if (trailing > 0) return lost(trailing);
                long left = deadline - System.nanoTime();
                if (left <= 0) return null;
                q = follower.queue.poll(Math.min(left, 200_000_000L), TimeUnit.NANOSECONDS);
                if (q != null) return deliver(q);
            }
            return null;
        }

        @Override
        public boolean ended() { return closed || (follower == null && initial.isEmpty()); }

        @Override
        public void close() {
            closed = true;
            if (follower != null) followers.remove(follower);
        }
    }
}

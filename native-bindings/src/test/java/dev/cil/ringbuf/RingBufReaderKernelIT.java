package dev.cil.ringbuf;

import dev.cil.bpf.BpfMap;
import dev.cil.bpf.BpfProgram;
import dev.cil.bpf.MapType;
import dev.cil.btf.TestTools;
import dev.cil.internal.sys.BpfCalls;
import dev.cil.testing.KernelTest;
import dev.cil.testing.Scratch;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RingBufReader against real ring buffers filled by a BPF program ({@code src/test/c/ringbuf_fill.c},
 * loaded by bpftool with our ring buffer map in place of its own, run with BPF_PROG_TEST_RUN). Every
 * record carries its sequence number, its size and {@code ~seq} in its last 4 bytes, so order,
 * lengths, alignment and wrap-around are checked on the bytes themselves.
 */
@KernelTest
class RingBufReaderKernelIT {
    /** A pinned ring buffer of a given size, with the fill program loaded to write into it. */
    static final class Ring implements AutoCloseable {
        final BpfMap map;
        final BpfMap lost;
        final BpfProgram prog;

        private static final AtomicInteger RINGS = new AtomicInteger();

        Ring(Scratch s, int size) {
            String name = s.name("r" + RINGS.incrementAndGet());
            String pin = s.pin(name);
            try (BpfMap m = BpfMap.create(BpfMap.CreateOptions.of(MapType.RINGBUF, 0, 0, size, 0, name))) {
                m.pin(pin);
            }
            String progs = s.pin(name + "_p"), maps = s.pin(name + "_m");
            TestTools.run("bpftool", "prog", "loadall", TestTools.fixture("ringbuf_fill").toString(), progs,
                    "map", "name", "rb", "pinned", pin, "pinmaps", maps).check(List.of("bpftool", "prog", "loadall"));
            map = BpfMap.openPinned(pin);
            lost = BpfMap.openPinned(maps + "/lost");
            prog = BpfProgram.openPinned(progs + "/fill");
        }

        /** Runs the program once; returns how many records did not fit. */
        int fill(int count, int size, int discardEvery, int firstSeq, int flags) {
            ByteBuffer pkt = ByteBuffer.allocate(14 + 20).order(ByteOrder.nativeOrder());
            pkt.position(14);
            pkt.putInt(count).putInt(size).putInt(discardEvery).putInt(firstSeq).putInt(flags);
            return BpfCalls.progTestRun(prog.fd().raw(), pkt.array(), 0, 0, "fill").retval();
        }

        @Override
        public void close() {
            prog.close();
            lost.close();
            map.close();
        }
    }

    /** Checks each record's bytes and remembers the sequence numbers seen. */
    static final class Collector implements RingBufReader.Handler {
        final List<Integer> seqs = new ArrayList<>();
        int wrapped;
        int misaligned;
        final int mapStart, dataEnd;

        Collector(RingBufReader r) {
            mapStart = dev.cil.internal.sys.Sys.pageSize();
            dataEnd = mapStart + r.size();
        }

        @Override
        public void onRecord(ByteBuffer data, int offset, int length) {
            int seq = data.getInt(offset);
            assertEquals(length, data.getInt(offset + 4), "record " + seq + ": its size field");
            assertEquals(~seq, data.getInt(offset + length - 4), "record " + seq + ": its tail marker");
            assertTrue(data.isReadOnly());
            if ((offset - 8) % 8 != 0) misaligned++;
            if (offset + length > dataEnd) wrapped++;
            seqs.add(seq);
        }
    }

    private static List<Integer> range(int from, int to, int skipEvery) {
        List<Integer> l = new ArrayList<>();
        for (int i = from; i < to; i++) if (skipEvery == 0 || i % skipEvery != 0) l.add(i);
        return l;
    }

    @Test
    void recordsArriveInOrderWithTheirBytes(Scratch s) {
        try (Ring ring = new Ring(s, 16384); RingBufReader r = RingBufReader.open(ring.map)) {
            assertEquals(16384, r.size());
            assertEquals(0, ring.fill(50, 0, 0, 1000, 0));
            Collector c = new Collector(r);
            assertEquals(50, r.consume(c));
            assertEquals(range(1000, 1050, 0), c.seqs);
            assertEquals(0, c.misaligned);
            assertEquals(50, r.records());
            assertEquals(0, r.pending(), "everything consumed");
            assertEquals(0, r.consume(c), "nothing new");
            long expectBytes = 0;
            for (int i = 1000; i < 1050; i++) expectBytes += 12 + i % 200;
            assertEquals(expectBytes, r.bytes());
        }
    }

    @Test
    void positionsWrapAroundTheDataAreaManyTimes(Scratch s) {
        try (Ring ring = new Ring(s, 8192); RingBufReader r = RingBufReader.open(ring.map)) {
            Collector c = new Collector(r);
            int seq = 0;
            for (int round = 0; round < 300; round++) {
                assertEquals(0, ring.fill(17, 0, 0, seq, 0), "round " + round);
                seq += 17;
                assertEquals(17, r.consume(c));
            }
            assertEquals(range(0, seq, 0), c.seqs);
            assertTrue(c.wrapped > 0, "some records span the end of the data area (read through the second mapping)");
            assertTrue(r.bytes() > 50L * 8192, "the positions went around the ring many times: " + r.bytes());
        }
    }

    @Test
    void discardedRecordsAreSkippedAndCounted(Scratch s) {
        try (Ring ring = new Ring(s, 16384); RingBufReader r = RingBufReader.open(ring.map)) {
            assertEquals(0, ring.fill(30, 24, 3, 0, 0));
            Collector c = new Collector(r);
            assertEquals(20, r.consume(c));
            assertEquals(range(0, 30, 3), c.seqs);
            assertEquals(10, r.discarded());
            assertEquals(20, r.records());
        }
    }

    @Test
    void aFullRingNeverBlocksTheProducerWhichCountsWhatItLoses(Scratch s) {
        try (Ring ring = new Ring(s, 4096); RingBufReader r = RingBufReader.open(ring.map)) {
            int failed = ring.fill(1000, 100, 0, 0, 0);
            assertTrue(failed > 900, "a 4 KiB ring holds about 37 records of 108 bytes: " + failed + " failed");
            assertEquals(failed, LostCounter.sum(ring.lost, 0));
            Collector c = new Collector(r);
            int got = r.consume(c);
            assertEquals(1000 - failed, got);
            assertEquals(range(0, got, 0), c.seqs, "the first records kept, in order");
            // the space is free again: a second batch fits
            assertEquals(0, ring.fill(10, 100, 0, 5000, 0));
            assertEquals(10, r.consume(c));
            assertEquals(failed, LostCounter.sum(ring.lost, 0));
        }
    }

    @Test
    void epollWakesAWaitingPollWithoutSpinning(Scratch s) throws Exception {
        try (Ring ring = new Ring(s, 16384); RingBufReader r = RingBufReader.open(ring.map)) {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            // nothing to read: the poll sleeps for its timeout
            long t0 = System.nanoTime();
            long cpu0 = mx.getCurrentThreadCpuTime();
            assertEquals(0, r.poll((d, o, l) -> { }, 300));
            long waited = (System.nanoTime() - t0) / 1_000_000;
            long cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1_000_000;
            assertTrue(waited >= 250, "timed out after " + waited + " ms");
            assertTrue(cpu < 100, "an idle wait costs no CPU: " + cpu + " ms");

            Collector c = new Collector(r);
            CompletableFuture<Integer> polled = CompletableFuture.supplyAsync(() -> r.poll(c, 20_000));
            Thread.sleep(200);
            assertFalse(polled.isDone(), "the poll waits for data");
            long t1 = System.nanoTime();
            assertEquals(0, ring.fill(5, 0, 0, 7, 0));
            assertEquals(5, polled.get(5, TimeUnit.SECONDS));
            assertTrue((System.nanoTime() - t1) / 1_000_000 < 2000, "woken by the commit, not by the timeout");
            assertEquals(range(7, 12, 0), c.seqs);
        }
    }

    @Test
    void noWakeupRecordsAreFoundByTheNextPollNotByEpoll(Scratch s) throws Exception {
        try (Ring ring = new Ring(s, 16384); RingBufReader r = RingBufReader.open(ring.map)) {
            Collector c = new Collector(r);
            CompletableFuture<Integer> polled = CompletableFuture.supplyAsync(() -> r.poll(c, 600));
            Thread.sleep(150);
            assertEquals(0, ring.fill(3, 0, 0, 0, 1 /* BPF_RB_NO_WAKEUP */));
            assertEquals(0, polled.get(5, TimeUnit.SECONDS), "no wakeup was sent: the poll timed out");
            assertEquals(3, r.consume(c), "the records are there all the same");
            assertEquals(0, ring.fill(2, 0, 0, 3, 2 /* BPF_RB_FORCE_WAKEUP */));
            assertEquals(2, r.poll(c, 5000));
            assertEquals(range(0, 5, 0), c.seqs);
        }
    }

    @Test
    void wakeupEndsAPollFromAnotherThread(Scratch s) throws Exception {
        try (Ring ring = new Ring(s, 16384); RingBufReader r = RingBufReader.open(ring.map)) {
            CompletableFuture<Integer> polled = CompletableFuture.supplyAsync(() -> r.poll((d, o, l) -> { }, -1));
            Thread.sleep(150);
            assertFalse(polled.isDone());
            r.wakeup();
            assertEquals(0, polled.get(5, TimeUnit.SECONDS));
            // the reader still works afterwards, and the wakeup was consumed
            assertEquals(0, r.poll((d, o, l) -> { }, 100));
            assertEquals(0, ring.fill(1, 0, 0, 0, 0));
            assertEquals(1, r.poll(new Collector(r), 1000));
        }
    }

    @Test
    void closeFromAnotherThreadEndsThePollAndReleasesEverything(Scratch s) throws Exception {
        try (Ring ring = new Ring(s, 16384)) {
            Map<String, Integer> before = openFiles();
            int mapsBefore = mappingsOfMaps();
            RingBufReader r = RingBufReader.open(ring.map);
            assertEquals(mapsBefore + 2, mappingsOfMaps(), "the consumer page and the producer/data mapping");
            CompletableFuture<Integer> polled = CompletableFuture.supplyAsync(() -> r.poll((d, o, l) -> { }, -1));
            Thread.sleep(150);
            r.close();
            assertEquals(-1, polled.get(5, TimeUnit.SECONDS));
            assertTrue(r.isClosed());
            assertEquals(-1, r.poll((d, o, l) -> { }, 10));
            assertEquals(0, r.consume((d, o, l) -> { }));
            r.close(); // idempotent
            r.wakeup(); // harmless
            assertEquals(before, openFiles(), "map dup, epoll and eventfd closed");
            assertEquals(mapsBefore, mappingsOfMaps(), "both mappings unmapped");
        }
    }

    @Test
    void closeInsideAHandlerStopsAfterThatRecord(Scratch s) throws Exception {
        try (Ring ring = new Ring(s, 16384)) {
            Map<String, Integer> before = openFiles();
            RingBufReader r = RingBufReader.open(ring.map);
            assertEquals(0, ring.fill(10, 0, 0, 0, 0));
            AtomicInteger seen = new AtomicInteger();
            int n = r.consume((d, o, l) -> {
                if (seen.incrementAndGet() == 4) r.close();
            });
            assertEquals(4, n);
            assertTrue(r.isClosed());
            assertEquals(before, openFiles());
        }
    }

    @Test
    void manyReadersLeaveNoFdOrMappingBehind(Scratch s) throws Exception {
        try (Ring ring = new Ring(s, 16384)) {
            Map<String, Integer> before = openFiles();
            int mapsBefore = mappingsOfMaps();
            for (int i = 0; i < 200; i++) {
                try (RingBufReader r = RingBufReader.open(ring.map)) {
                    r.consume((d, o, l) -> { });
                }
            }
            assertEquals(before, openFiles());
            assertEquals(mapsBefore, mappingsOfMaps());
        }
    }

    @Test
    void onlyRingBuffersAreAccepted(Scratch s) {
        try (BpfMap hash = BpfMap.create(BpfMap.CreateOptions.of(MapType.HASH, 4, 4, 8, 0, s.name("h")))) {
            RingBufException e = assertThrows(RingBufException.class, () -> RingBufReader.open(hash));
            assertTrue(e.getMessage().endsWith("is a hash map, not a ringbuf"), e.getMessage());
            assertThrows(RingBufException.class, () -> LostCounter.sum(hash, 0));
        }
    }

    /** Open fds by what they point to (anon inodes by kind), for leak checks. */
    static Map<String, Integer> openFiles() throws IOException {
        Map<String, Integer> m = new TreeMap<>();
        try (var st = Files.list(Path.of("/proc/self/fd"))) {
            for (Path p : (Iterable<Path>) st::iterator) {
                try {
                    String t = Files.readSymbolicLink(p).toString();
                    if (t.startsWith("anon_inode:")) m.merge(t, 1, Integer::sum);
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        return m;
    }

    /** Mappings of BPF maps in this process. */
    static int mappingsOfMaps() throws IOException {
        return (int) Files.readAllLines(Path.of("/proc/self/maps")).stream().filter(l -> l.contains("bpf-map")).count();
    }
}

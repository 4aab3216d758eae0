package dev.cil.flow;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bounded ring, queries (first/last/all/window/filter), followers and their losses; selection flags. */
class FlowStoreTest {
    static final Instant T0 = Instant.parse("2024-10-21T11:00:00Z");

    /** Flow number i: time T0 + i s, uuid "f<i>", source port i. */
    static Flow flow(int i) {
        return Flow.builder().time(T0.plusSeconds(i)).uuid("f" + i).nodeName("n").verdict(i % 2 == 0 ? 1 : 2)
                .ip(new Flow.IP("10.0.0.1", null, "10.0.0.2", 1, false)).l4(new Flow.Udp(i, 53)).build();
    }

    static List<String> drain(FlowStream s) throws InterruptedException {
        List<String> l = new ArrayList<>();
        FlowsResponse r;
        while ((r = s.poll(0)) != null) {
            l.add(r instanceof FlowsResponse.OfFlow ? ((FlowsResponse.OfFlow) r).flow().uuid()
                    : "lost:" + ((FlowsResponse.OfLostEvents) r).lost().numEventsLost() + ":"
                    + ProtoEnum.LOST_EVENT_SOURCE.name(((FlowsResponse.OfLostEvents) r).lost().source()));
        }
        return l;
    }

    static FlowRequest req(long number, boolean first, boolean follow) {
        return new FlowRequest(FlowFilter.ALL, number, first, follow, null, null);
    }

    @Test
    void theRingKeepsTheLastCapacityFlows() throws Exception {
        FlowStore s = new FlowStore(5, "n");
        for (int i = 0; i < 12; i++) s.add(flow(i));
        assertEquals(5, s.size());
        assertEquals(12, s.seenFlows());
        assertEquals(List.of("f7", "f8", "f9", "f10", "f11"), drain(s.query(req(FlowRequest.ALL, false, false), 10)));
        assertEquals(List.of("f10", "f11"), drain(s.query(req(2, false, false), 10)));
        assertEquals(List.of("f7", "f8"), drain(s.query(req(2, true, false), 10)));
        assertEquals(List.of("f7", "f8", "f9", "f10", "f11"), drain(s.query(req(0, false, false), 10)));
        assertEquals(4095, new FlowStore("n").capacity(), "hubble's default");
        assertThrows(IllegalArgumentException.class, () -> new FlowStore(0, "n"));
    }

    @Test
    void filtersAndTimeWindows() throws Exception {
        FlowStore s = new FlowStore(100, "n");
        for (int i = 0; i < 10; i++) s.add(flow(i));
        FlowFilter dropped = new FilterFlags().set("verdict", "DROPPED").build();
        assertEquals(List.of("f5", "f7", "f9"), drain(s.query(new FlowRequest(dropped, 3, false, false, null, null), 10)));
        assertEquals(List.of("f1", "f3"), drain(s.query(new FlowRequest(dropped, 2, true, false, null, null), 10)));
        FlowRequest window = new FlowRequest(FlowFilter.ALL, 0, false, false, T0.plusSeconds(3), T0.plusSeconds(5));
        assertEquals(List.of("f3", "f4", "f5"), drain(s.query(window, 10)));
    }

    @Test
    void lastNThenFollowWithoutGapsOrDuplicates() throws Exception {
        FlowStore s = new FlowStore(100, "n");
        for (int i = 0; i < 10; i++) s.add(flow(i));
        FlowStream f = s.query(req(3, false, true), 100);
        s.add(flow(10));
        s.add(flow(11));
        assertEquals(List.of("f7", "f8", "f9", "f10", "f11"), drain(f));
        assertNull(f.poll(50), "nothing new");
        s.add(flow(12));
        assertEquals("f12", ((FlowsResponse.OfFlow) f.poll(1000)).flow().uuid());
        f.close();
        s.add(flow(13));
        assertNull(f.poll(10));
        assertTrue(f.ended());
        // follow without --last: only new flows
        FlowStream g = s.query(req(0, false, true), 100);
        assertEquals(List.of(), drain(g));
        s.add(flow(14));
        assertEquals(List.of("f14"), drain(g));
        g.close();
    }

    @Test
    void aSlowFollowerLosesFlowsAndIsToldSoWhileTheWriterNeverWaits() throws Exception {
        FlowStore s = new FlowStore(10_000, "n");
        FlowStream f = s.query(req(0, false, true), 4);
        long t = System.nanoTime();
        for (int i = 0; i < 5000; i++) s.add(flow(i));
        assertTrue(System.nanoTime() - t < 2_000_000_000L, "the writer is not held up by a follower that reads nothing");
        assertEquals(4996, s.droppedForFollowers());
        List<String> got = drain(f);
        assertEquals(List.of("f0", "f1", "f2", "f3", "lost:4996:HUBBLE_RING_BUFFER"), got);
        s.add(flow(6000));
        assertEquals(List.of("f6000"), drain(f));
        f.close();
    }

    @Test
    void datapathLossesAreRecordsThatPassEveryFilter() throws Exception {
        FlowStore s = new FlowStore(100, "n");
        s.add(flow(0));
        s.addLost(1, 42, null, null, null);
        s.addLost(1, 0, null, null, null);
        assertEquals(42, s.lostEvents());
        FlowFilter none = new FilterFlags().set("verdict", "TRACED").build();
        List<String> got = drain(s.query(new FlowRequest(none, 0, false, false, null, null), 10));
        assertEquals(List.of("lost:42:PERF_EVENT_RING_BUFFER"), got);
    }

    @Test
    void concurrentWritersAndFollowers() throws Exception {
        FlowStore s = new FlowStore(1000, "n");
        int followers = 3, flows = 20_000;
        List<FlowStream> streams = new ArrayList<>();
        for (int i = 0; i < followers; i++) streams.add(s.query(req(0, false, true), 64));
        AtomicInteger[] seen = new AtomicInteger[followers];
        long[] lost = new long[followers];
        CountDownLatch done = new CountDownLatch(followers);
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < followers; i++) {
            int k = i;
            seen[k] = new AtomicInteger();
            Thread th = new Thread(() -> {
                try {
                    int last = -1;
                    while (true) {
                        FlowsResponse r = streams.get(k).poll(500);
                        if (r == null) break;
                        if (r instanceof FlowsResponse.OfLostEvents) {
                            lost[k] += ((FlowsResponse.OfLostEvents) r).lost().numEventsLost();
                            continue;
                        }
                        int n = Integer.parseInt(((FlowsResponse.OfFlow) r).flow().uuid().substring(1));
                        if (n <= last) throw new AssertionError("out of order: " + n + " after " + last);
                        last = n;
                        seen[k].incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
            ts.add(th);
            th.start();
        }
        for (int i = 0; i < flows; i++) s.add(flow(i));
        done.await();
        for (int k = 0; k < followers; k++) {
            assertEquals(flows, seen[k].get() + lost[k], "follower " + k + ": every flow delivered or counted lost");
        }
        for (FlowStream f : streams) f.close();
    }

    @Test
    void selectionFlagsAsHubble() {
        Instant now = T0;
        FlowRequest d = FlowRequest.fromFlags(FlowFilter.ALL, 0, 0, false, false, null, null, false, now);
        assertEquals(20, d.number(), "the default --last 20");
        assertEquals(0, FlowRequest.fromFlags(FlowFilter.ALL, 0, 0, false, false, null, null, true, now).number(),
                "a replayed file is printed whole");
        assertEquals(0, FlowRequest.fromFlags(FlowFilter.ALL, 0, 0, false, true, null, null, false, now).number(), "follow: new flows");
        assertEquals(FlowRequest.ALL, FlowRequest.fromFlags(FlowFilter.ALL, 0, 0, true, false, null, null, false, now).number());
        FlowRequest since = FlowRequest.fromFlags(FlowFilter.ALL, 0, 0, false, false, "1m", null, false, now);
        assertEquals(0, since.number(), "--since alone: every flow since");
        assertEquals(T0.minusSeconds(60), since.since());
        FlowRequest f = FlowRequest.fromFlags(FlowFilter.ALL, 0, 5, false, true, null, "1m", false, now);
        assertNull(f.until(), "--until is ignored with --follow");
        assertEquals(5, f.number());
        assertTrue(FlowRequest.fromFlags(FlowFilter.ALL, 3, 0, false, false, null, null, false, now).first());
        assertEquals("cannot set both --first and --last", err(() -> FlowRequest.fromFlags(FlowFilter.ALL, 1, 1, false, false, null, null, false, now)));
        assertEquals("cannot set both --first and --all", err(() -> FlowRequest.fromFlags(FlowFilter.ALL, 1, 0, true, false, null, null, false, now)));
        assertEquals("cannot set both --first and --follow", err(() -> FlowRequest.fromFlags(FlowFilter.ALL, 1, 0, false, true, null, null, false, now)));
        assertEquals("cannot set both --last and --all", err(() -> FlowRequest.fromFlags(FlowFilter.ALL, 0, 1, true, false, null, null, false, now)));
        assertEquals("failed to parse the since time: failed to convert soon to time",
                err(() -> FlowRequest.fromFlags(FlowFilter.ALL, 0, 0, false, false, "soon", null, false, now)));
        assertEquals("failed to parse the until time: failed to convert 5 to time",
                err(() -> FlowRequest.fromFlags(FlowFilter.ALL, 0, 0, false, false, null, "5", false, now)));
        assertInstanceOf(FlowRequest.class, FlowRequest.fromFlags(FlowFilter.ALL, 0, 0, false, true, null, "5", false, now),
                "a bad --until is not even parsed with --follow, as in hubble");
    }

    static String err(Runnable r) { return assertThrows(IllegalArgumentException.class, r::run).getMessage(); }
}

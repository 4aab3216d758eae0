package dev.cil.flow;

import org.junit.jupiter.api.Test;

import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The flows API contract of docs/flows-api.md: the query string, the NDJSON answer, both ends. */
class FlowsApiTest {
    @Test
    void requestsSurviveTheQueryString() {
        FlowFilter f = new FilterFlags().set("pod", "webpod1").set("verdict", "DROPPED").not().set("to-port", "53").build();
        FlowRequest r = new FlowRequest(f, 20, false, true, Instant.parse("2024-10-21T11:00:00Z"), null);
        String q = FlowQuery.encode(r);
        assertTrue(q.startsWith("number=20&follow=true&since=2024-10-21T11%3A00%3A00Z&allow=%7B%22source_pod"), q);
        FlowRequest back = FlowQuery.decode(q);
        assertEquals(r.number(), back.number());
        assertEquals(r.follow(), back.follow());
        assertEquals(r.since(), back.since());
        assertEquals(f.allow(), back.filter().allow());
        assertEquals(f.deny(), back.filter().deny());
        assertEquals(FlowRequest.ALL, FlowQuery.decode("number=all").number());
        assertEquals("", FlowQuery.encode(new FlowRequest(null, 0, false, false, null, null)));
        for (String bad : List.of("number=-1", "follow=yes", "since=yesterday", "allow=%7B", "limit=3",
                "allow=" + java.net.URLEncoder.encode("{\"http_method\":[\"GET\"]}", java.nio.charset.StandardCharsets.UTF_8),
                "allow=" + java.net.URLEncoder.encode("{\"source_port\":[\"x\"]}", java.nio.charset.StandardCharsets.UTF_8))) {
            assertThrows(IllegalArgumentException.class, () -> FlowsApi.request(bad), bad);
        }
    }

    @Test
    void theAnswerIsOurJsonLinesAndReadsBack() throws Exception {
        FlowStore store = new FlowStore(100, "k8s-s");
        List<Flow> seed = FlowPrinterTest.seedSequence();
        for (Flow x : seed) store.add(x);
        store.addLost(1, 3, null, null, null);
        FlowRequest r = FlowsApi.request(FlowQuery.encode(new FlowRequest(new FilterFlags().set("protocol", "icmp").build(),
                0, false, false, null, null)));
        StringWriter body = new StringWriter();
        assertEquals(3, FlowsApi.serve(store.query(r, 10), body, () -> false));
        List<String> lines = body.toString().lines().toList();
        assertEquals(FlowJson.line(FlowsResponse.OfFlow.of(seed.get(0))), lines.get(0));
        assertTrue(lines.get(2).startsWith("{\"lost_events\":{\"source\":\"PERF_EVENT_RING_BUFFER\",\"num_events_lost\":\"3\"}"));
        List<String> warnings = new ArrayList<>();
        NdjsonFlowStream client = new NdjsonFlowStream(new StringReader(body + "garbage\n"), warnings::add);
        List<FlowsResponse> got = new ArrayList<>();
        FlowsResponse x;
        while ((x = client.poll(-1)) != null) got.add(x);
        assertEquals(3, got.size());
        assertEquals(seed.get(1), ((FlowsResponse.OfFlow) got.get(1)).flow());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(client.ended());
    }

    @Test
    void followingStreamsNewFlowsUntilTheClientGoes() throws Exception {
        FlowStore store = new FlowStore(100, "k8s-s");
        List<Flow> seed = FlowPrinterTest.seedSequence();
        store.add(seed.get(0));
        PipedWriter serverSide = new PipedWriter();
        PipedReader clientSide = new PipedReader(serverSide, 1 << 16);
        FlowStream query = store.query(FlowsApi.request("number=1&follow=true"), 100);
        CompletableFuture<Long> served = CompletableFuture.supplyAsync(() -> {
            try {
                return FlowsApi.serve(query, serverSide, () -> false);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        NdjsonFlowStream client = new NdjsonFlowStream(clientSide, w -> { });
        assertEquals(seed.get(0), ((FlowsResponse.OfFlow) client.poll(-1)).flow(), "the last stored flow first");
        long t0 = System.nanoTime();
        assertNull(client.poll(200), "a quiet follower: nothing after the server's next empty line");
        long waited = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(waited >= 200 && waited < 3000, "returned after " + waited + " ms");
        assertFalse(client.ended());
        store.add(seed.get(1));
        assertEquals(seed.get(1), ((FlowsResponse.OfFlow) client.poll(-1)).flow(), "then new ones as they come");
        query.close(); // what the server does when the client disconnects
        assertEquals(2, served.get(5, TimeUnit.SECONDS));
    }
}

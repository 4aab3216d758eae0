package dev.cil.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cil.bpf.BpfMap;
import dev.cil.bpf.MapId;
import dev.cil.cli.CommandLineFactory;
import dev.cil.ringbuf.LostCounter;
import dev.cil.ringbuf.RingBufReader;
import dev.cil.testing.KernelTest;
import dev.cil.testing.Proc;
import dev.cil.testing.Scratch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The datapath's events end to end: bpf_lxc.o between two pod namespaces (observe-pods.sh), real
 * pings and TCP connections, the cilium_events ring buffer read with RingBufReader, decoded, turned
 * into flows with a resolver that knows the pods as the seed's netpod and webpod1, and printed.
 * The lines must have the shapes of the seed's {@code hubble observe --pod webpod1}.
 */
@KernelTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObserveDatapathKernelIT {
    PodsTopology pods;
    BpfMap events, lost, nodeCfg;
    EndpointResolver resolver;

    @BeforeAll
    void up(Scratch s) throws Exception {
        pods = new PodsTopology(s.prefix());
        events = BpfMap.openById(new MapId(pods.id("EVENTS_MAP_ID")));
        lost = BpfMap.openById(new MapId(pods.id("LOST_MAP_ID")));
        nodeCfg = BpfMap.openById(new MapId(pods.id("NODE_CFG_MAP_ID")));
        Map<String, Flow.Endpoint> local = Map.of(
                pods.get("IP_A"), Flow.Endpoint.of(416, 39126, "default", "netpod", SeedResolver.NETPOD_LABELS),
                pods.get("IP_B"), Flow.Endpoint.of(905, 25054, "default", "webpod1", SeedResolver.WEBPOD_LABELS));
        Map<Integer, String> ifnames = Map.of(pods.id("IFX_A"), pods.get("LXC_A"), pods.id("IFX_B"), pods.get("LXC_B"));
        resolver = new EndpointResolver() {
            @Override public Optional<Flow.Endpoint> localEndpoint(String ip) { return Optional.ofNullable(local.get(ip)); }

            @Override public Optional<Integer> identityOf(String ip) {
                return ip.equals(pods.get("ROUTER")) ? Optional.of(1) : Optional.empty();
            }

            @Override public String nodeName() { return "k8s-s"; }

            @Override public String interfaceName(int ifindex) { return ifnames.get(ifindex); }
        };
    }

    @AfterAll
    void down() throws Exception {
        for (BpfMap m : new BpfMap[] {events, lost, nodeCfg}) if (m != null) m.close();
        if (pods != null) pods.close();
    }

    /** Sets the datapath's monitor aggregation (node_config byte 18). */
    void aggregation(int level) {
        byte[] key = new byte[4];
        byte[] v = nodeCfg.lookup(key).orElseThrow();
        v[18] = (byte) level;
        nodeCfg.update(key, v, BpfMap.UPDATE_ANY);
    }

    /** Reads the ring buffer until it has been quiet for 300 ms, into a fresh store. */
    FlowStore drainInto(RingBufReader reader, FlowStore store) {
        FlowPump pump = new FlowPump(reader, new FlowBuilder(resolver), store, () -> LostCounter.sum(lost, 0));
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < 300_000_000L) {
            if (pump.pollOnce(100) > 0) quietSince = System.nanoTime();
        }
        pump.checkLost(true);
        return store;
    }

    static List<String> compact(FlowStore store, FlowFilter filter) throws InterruptedException {
        StringWriter w = new StringWriter();
        try (FlowPrinter p = new FlowPrinter(FlowPrinter.Options.defaults(FlowPrinter.Format.COMPACT), w)) {
            FlowStream s = store.query(new FlowRequest(filter, 0, false, false, null, null), 10);
            FlowsResponse r;
            while ((r = s.poll(0)) != null) p.print(r);
        }
        return w.toString().lines().toList();
    }

    /** A line without its time and with ephemeral ports as P (the parts that differ from run to run). */
    static String shape(String line) {
        assertTrue(line.matches("^[A-Z][a-z]{2} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}: .*"), line);
        return line.substring(21).replaceAll("default/netpod:\\d+ ", "default/netpod:P ");
    }

    @Test
    void theSeedsSequenceForWebpod1() throws Exception {
        try (RingBufReader reader = RingBufReader.open(events)) {
            reader.consume((d, o, l) -> { });
            pods.inPod("NS_A", "ping", "-c", "1", "-W", "2", pods.get("IP_B")).ok();
            Proc.Result body = pods.inPod("NS_A", "curl", "-sS", "-m", "5", "http://" + pods.get("IP_B") + "/").ok();
            assertTrue(body.out().startsWith("hello from"), body.out());
            Proc.Result refused = pods.inPod("NS_A", "curl", "-sS", "-m", "5", "http://" + pods.get("IP_B") + ":8080/");
            assertEquals(7, refused.code(), "connection refused: " + refused.err());
            FlowStore store = drainInto(reader, new FlowStore("k8s-s"));

            List<String> lines = compact(store, new FilterFlags().set("pod", "webpod1").build());
            List<String> shapes = lines.stream().map(ObserveDatapathKernelIT::shape).toList();
            String f = " FORWARDED ";
            assertEquals(List.of(
                    "default/netpod (ID:39126) -> default/webpod1 (ID:25054) to-endpoint" + f + "(ICMPv4 EchoRequest)",
                    "default/netpod (ID:39126) <- default/webpod1 (ID:25054) to-endpoint" + f + "(ICMPv4 EchoReply)",
                    "default/netpod:P (ID:39126) -> default/webpod1:80 (ID:25054) to-endpoint" + f + "(TCP Flags: SYN)",
                    "default/netpod:P (ID:39126) <- default/webpod1:80 (ID:25054) to-endpoint" + f + "(TCP Flags: SYN, ACK)",
                    "default/netpod:P (ID:39126) -> default/webpod1:80 (ID:25054) to-endpoint" + f + "(TCP Flags: ACK)",
                    "default/netpod:P (ID:39126) -> default/webpod1:80 (ID:25054) to-endpoint" + f + "(TCP Flags: ACK, PSH)",
                    "default/netpod:P (ID:39126) <- default/webpod1:80 (ID:25054) to-endpoint" + f + "(TCP Flags: ACK, PSH)",
                    "default/netpod:P (ID:39126) -> default/webpod1:80 (ID:25054) to-endpoint" + f + "(TCP Flags: ACK, FIN)",
                    "default/netpod:P (ID:39126) <- default/webpod1:80 (ID:25054) to-endpoint" + f + "(TCP Flags: ACK, FIN)",
                    "default/netpod:P (ID:39126) -> default/webpod1:8080 (ID:25054) to-endpoint" + f + "(TCP Flags: SYN)",
                    "default/netpod:P (ID:39126) <- default/webpod1:8080 (ID:25054) to-endpoint" + f + "(TCP Flags: ACK, RST)"),
                    shapes, String.join("\n", lines));
            // one client port per connection, on both directions of it
            assertEquals(1, lines.subList(2, 9).stream().map(l -> l.replaceAll(".*netpod:(\\d+) .*", "$1")).distinct().count());

            // -o json: hubble's keys and values for the SYN and its reply; a replay prints the same lines
            StringWriter json = new StringWriter();
            try (FlowPrinter p = new FlowPrinter(FlowPrinter.Options.defaults(FlowPrinter.Format.JSON), json)) {
                FlowStream st = store.query(new FlowRequest(new FilterFlags().set("pod", "webpod1").build(), 0, false, false, null, null), 10);
                FlowsResponse r;
                while ((r = st.poll(0)) != null) p.print(r);
            }
            List<String> jsonLines = json.toString().lines().toList();
            ObjectMapper m = new ObjectMapper();
            JsonNode syn = m.readTree(jsonLines.get(2));
            assertEquals("k8s-s", syn.get("node_name").asText());
            JsonNode flow = syn.get("flow");
            assertEquals("FORWARDED", flow.get("verdict").asText());
            assertEquals("TO_ENDPOINT", flow.get("trace_observation_point").asText());
            assertEquals("NEW", flow.get("trace_reason").asText());
            assertEquals("INGRESS", flow.get("traffic_direction").asText());
            assertEquals(false, flow.get("is_reply").asBoolean(true));
            assertEquals("{\"type\":4}", flow.get("event_type").toString());
            assertEquals(pods.get("LXC_B"), flow.get("interface").get("name").asText());
            assertEquals(905, flow.get("destination").get("ID").asInt());
            assertEquals(true, flow.get("l4").get("TCP").get("flags").get("SYN").asBoolean());
            assertTrue(flow.get("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3}|\\.\\d{6}|\\.\\d{9})?Z"));
            JsonNode synAck = m.readTree(jsonLines.get(3)).get("flow");
            assertEquals(true, synAck.get("is_reply").asBoolean(false));
            assertEquals("REPLY", synAck.get("trace_reason").asText());
            Path file = Files.createTempFile("cil-observe", ".json");
            try {
                Files.writeString(file, json.toString());
                StringWriter out = new StringWriter(), err = new StringWriter();
                assertEquals(0, CommandLineFactory.run(new PrintWriter(out), new PrintWriter(err), "observe", "--input-file", file.toString()),
                        err.toString());
                assertEquals(lines, out.toString().lines().toList(), "the replayed json prints the same compact lines");
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    @Test
    void aPacketToAnUnusedPodAddressIsDroppedWithReason151() throws Exception {
        try (RingBufReader reader = RingBufReader.open(events)) {
            reader.consume((d, o, l) -> { });
            pods.inPod("NS_A", "ping", "-c", "2", "-i", "0.2", "-W", "1", "10.200.0.99");
            FlowStore store = drainInto(reader, new FlowStore("k8s-s"));
            FlowFilter drops = new FilterFlags().set("drop-reason-desc", "STALE_OR_UNROUTABLE_IP").build();
            List<String> shapes = compact(store, drops).stream().map(ObserveDatapathKernelIT::shape).toList();
            String line = "default/netpod (ID:39126) <> 10.200.0.99 (world) Stale or unroutable IP DROPPED (ICMPv4 EchoRequest)";
            assertEquals(List.of(line, line), shapes);
            FlowStream st = store.query(new FlowRequest(drops, 1, true, false, null, null), 10);
            Flow f = ((FlowsResponse.OfFlow) st.poll(0)).flow();
            assertEquals(151, f.dropReason());
            assertEquals("STALE_OR_UNROUTABLE_IP", ProtoEnum.DROP_REASON.name(f.dropReasonDesc()));
            assertEquals("bpf_lxc.c", f.file().name());
            assertTrue(f.file().line() > 0);
            assertEquals("EGRESS", ProtoEnum.TRAFFIC_DIRECTION.name(f.trafficDirection()));
            assertEquals(List.of("reserved:world"), f.destination().labels());
        }
    }

    @Test
    void monitorReadsThePinnedRingBuffer(Scratch s) throws Exception {
        String pin = s.pin("cilium_events");
        events.pin(pin);
        lost.pin(s.pin("cilium_evt_lost"));
        StringWriter out = new StringWriter(), err = new StringWriter();
        try (RingBufReader drain = RingBufReader.open(events)) {
            drain.consume((d, o, l) -> { });
        }
        CompletableFuture<Integer> mon = CompletableFuture.supplyAsync(() -> CommandLineFactory.run(new PrintWriter(out),
                new PrintWriter(err), "monitor", "--pinned", pin, "--type", "trace", "--count", "2"));
        Thread.sleep(500);
        pods.inPod("NS_A", "ping", "-c", "1", "-W", "2", pods.get("IP_B")).ok();
        assertEquals(0, mon.get(20, TimeUnit.SECONDS), err.toString());
        List<String> lines = out.toString().lines().toList();
        assertEquals(2, lines.size(), out.toString());
        String ifb = pods.get("IFX_B"), ifa = pods.get("IFX_A");
        assertTrue(lines.get(0).matches("-> endpoint 905 flow 0x[0-9a-f]+ , identity 39126->25054 state new ifindex " + ifb
                + " orig-ip 0\\.0\\.0\\.0: 10\\.200\\.0\\.10 -> 10\\.200\\.0\\.20 EchoRequest"), lines.get(0));
        assertTrue(lines.get(1).matches("-> endpoint 416 flow 0x[0-9a-f]+ , identity 25054->39126 state reply ifindex " + ifa
                + " orig-ip 0\\.0\\.0\\.0: 10\\.200\\.0\\.20 -> 10\\.200\\.0\\.10 EchoReply"), lines.get(1));
        assertTrue(err.toString().startsWith("Listening for events on map "), err.toString());

        StringWriter jout = new StringWriter();
        CompletableFuture<Integer> mj = CompletableFuture.supplyAsync(() -> CommandLineFactory.run(new PrintWriter(jout),
                new PrintWriter(new StringWriter()), "monitor", "--pinned", pin, "-o", "json", "--count", "1", "--related-to", "905"));
        Thread.sleep(500);
        pods.inPod("NS_A", "ping", "-c", "1", "-W", "2", pods.get("IP_B")).ok();
        assertEquals(0, mj.get(20, TimeUnit.SECONDS));
        JsonNode j = new ObjectMapper().readTree(jout.toString());
        assertEquals("trace", j.get("type").asText());
        assertEquals("to-endpoint", j.get("observationPoint").asText());
        assertEquals(905, j.get("dstID").asInt());

        StringWriter nerr = new StringWriter();
        assertEquals(3, CommandLineFactory.run(new PrintWriter(new StringWriter()), new PrintWriter(nerr), "monitor", "--pinned", s.pin("nothing")));
        assertEquals("cil: no ring buffer pinned at " + s.pin("nothing") + " (is the datapath loaded?)\n", nerr.toString());
        StringWriter werr = new StringWriter();
        assertEquals(1, CommandLineFactory.run(new PrintWriter(new StringWriter()), new PrintWriter(werr), "monitor",
                "--pinned", s.pin("cilium_evt_lost")));
        assertTrue(werr.toString().contains("is a percpu_array map, not a ringbuf"), werr.toString());
    }

    @Test
    void ctrlCEndsAMonitorCleanly(Scratch s) throws Exception {
        String pin = s.pin("events_sigint");
        events.pin(pin);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.cil.cli.Main", "monitor",
                "--pinned", pin, "--type", "trace").start();
        try {
            java.io.BufferedReader err = new java.io.BufferedReader(new java.io.InputStreamReader(p.getErrorStream()));
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()));
            String banner = err.readLine();
            assertTrue(banner != null && banner.startsWith("Listening for events on map "), String.valueOf(banner));
            assertEquals("Press Ctrl-C to quit", err.readLine());
            pods.inPod("NS_A", "ping", "-c", "1", "-W", "2", pods.get("IP_B")).ok();
            String first = out.readLine();
            assertTrue(first != null && first.startsWith("-> endpoint 905 flow "), String.valueOf(first));
            Proc.run("kill", "-INT", Long.toString(p.pid())).ok();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "SIGINT ends the monitor");
            assertEquals(130, p.exitValue(), "the shell's exit status for SIGINT");
            StringBuilder rest = new StringBuilder();
            String l;
            while ((l = err.readLine()) != null) rest.append(l).append('\n');
            assertEquals("", rest.toString(), "no stack trace, no warning");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aFullRingBufferLosesEventsThatAreCountedAndReported() throws Exception {
        try (RingBufReader reader = RingBufReader.open(events)) {
            reader.consume((d, o, l) -> { });
            long lostBefore = LostCounter.sum(lost, 0);
            FlowStore store = new FlowStore(100_000, "k8s-s");
            // the pump's first reading of the counter is its baseline: made before the flood, as the daemon does
            FlowPump pump = new FlowPump(reader, new FlowBuilder(resolver), store, () -> LostCounter.sum(lost, 0));
            aggregation(0); // every observation point: 4 traces per ping and reply
            try {
                Proc.Result flood = pods.inPod("NS_A", "ping", "-f", "-q", "-c", "9000", pods.get("IP_B")).ok();
                String stats = flood.out().lines().filter(l -> l.contains("packets transmitted")).findFirst().orElseThrow();
                long sent = Long.parseLong(stats.replaceAll("^(\\d+) packets transmitted, (\\d+) received.*", "$1"));
                long rcvd = Long.parseLong(stats.replaceAll("^(\\d+) packets transmitted, (\\d+) received.*", "$2"));
                long quietSince = System.nanoTime();
                while (System.nanoTime() - quietSince < 300_000_000L) {
                    if (pump.pollOnce(100) > 0) quietSince = System.nanoTime();
                }
                pump.checkLost(true);
                long lostNow = LostCounter.sum(lost, 0) - lostBefore;
                assertTrue(lostNow > 0, "a 4 MiB ring holds ~21800 records: 9000 pings at aggregation none must overflow it");
                assertEquals(lostNow, store.lostEvents(), "every loss the datapath counted is reported");
                assertTrue(pump.flows() + lostNow >= 2 * sent + 2 * rcvd,
                        "flows " + pump.flows() + " + lost " + lostNow + " cover the " + (2 * sent + 2 * rcvd) + " traces");
                List<String> lostLines = compact(store, FlowFilter.ALL).stream().filter(l -> l.contains("EVENTS LOST")).toList();
                assertEquals(1, lostLines.size(), "the pump reports the loss as one record");
                assertTrue(lostLines.get(0).matches(".* EVENTS LOST: PERF_EVENT_RING_BUFFER CPU\\(0\\) " + lostNow), lostLines.get(0));
            } finally {
                aggregation(3);
            }
        }
    }
}

package dev.cil.cli.command.observe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cil.bpf.BpfMap;
import dev.cil.cli.CommandLineFactory;
import dev.cil.cli.support.Cil;
import dev.cil.cli.support.Json;
import dev.cil.cli.support.NodeChecks;
import dev.cil.cli.support.TestNode;
import dev.cil.client.DaemonClient;
import dev.cil.flow.EndpointTable;
import dev.cil.flow.FilterFlags;
import dev.cil.flow.FlowBuilder;
import dev.cil.flow.FlowJson;
import dev.cil.flow.FlowPrinter;
import dev.cil.flow.FlowPump;
import dev.cil.flow.FlowRequest;
import dev.cil.flow.FlowStore;
import dev.cil.flow.FlowStream;
import dev.cil.flow.FlowsResponse;
import dev.cil.ringbuf.LostCounter;
import dev.cil.ringbuf.RingBufReader;
import dev.cil.testing.KernelTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flows and monitor events of a node run by the real daemon (its loader, its pins, its endpoints and
 * identities): {@code cil -N NODE monitor} finds the node's ring buffer by itself; the flow pieces
 * the daemon will host (RingBufReader → FlowPump → FlowStore, names from {@link EndpointTable} over
 * the daemon's own API answers) print the seed's shapes with the daemon's ids; {@code cil observe}
 * live says there is no flow API yet.
 */
@KernelTest
class ObserveDaemonKernelIT {
    static TestNode node;
    static NodeChecks.Ep net, web;

    @BeforeAll
    static void node() {
        TestNode.useTestDatapath(false);
        node = new TestNode();
        node.start();
        node.cil("endpoint", "create", "netpod", "--labels", "app=netpod").ok();
        node.cil("endpoint", "create", "webpod1", "--labels", "app=webpod").ok();
        for (NodeChecks.Ep e : NodeChecks.endpoints(node).values()) {
            if (e.pod().equals("default/netpod")) net = e;
            if (e.pod().equals("default/webpod1")) web = e;
        }
        assertTrue(net != null && web != null, "endpoints: " + NodeChecks.endpoints(node));
    }

    @AfterAll
    static void clean() {
        if (node != null) node.close();
    }

    static Cil.Result inPod(String pod, String... cmd) {
        List<String> a = new ArrayList<>(List.of("endpoint", "exec", pod, "--"));
        a.addAll(List.of(cmd));
        return node.cil(a.toArray(new String[0]));
    }

    @Test
    void monitorFindsTheNodesRingBuffer() throws Exception {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CompletableFuture<Integer> mon = CompletableFuture.supplyAsync(() -> CommandLineFactory.run(new PrintWriter(out),
                new PrintWriter(err), "-N", node.name(), "monitor", "--type", "trace", "--count", "2"));
        for (int i = 0; i < 200 && !err.toString().contains("Press Ctrl-C"); i++) Thread.sleep(50);
        assertTrue(err.toString().startsWith("Listening for events on map "), err.toString());
        inPod("netpod", "ping", "-c", "1", "-W", "2", web.ip()).ok();
        assertEquals(0, mon.get(20, TimeUnit.SECONDS), err.toString());
        List<String> lines = out.toString().lines().toList();
        assertEquals(2, lines.size(), out.toString());
        String ids = net.identity() + "->" + web.identity(), back = web.identity() + "->" + net.identity();
        assertTrue(lines.get(0).matches("-> endpoint " + web.id() + " flow 0x[0-9a-f]+ , identity " + ids + " state new ifindex \\d+ orig-ip 0\\.0\\.0\\.0: "
                + net.ip().replace(".", "\\.") + " -> " + web.ip().replace(".", "\\.") + " EchoRequest"), lines.get(0));
        assertTrue(lines.get(1).matches("-> endpoint " + net.id() + " flow 0x[0-9a-f]+ , identity " + back + " state reply ifindex \\d+ orig-ip 0\\.0\\.0\\.0: "
                + web.ip().replace(".", "\\.") + " -> " + net.ip().replace(".", "\\.") + " EchoReply"), lines.get(1));
    }

    @Test
    void flowsWithTheDaemonsNames() throws Exception {
        String pin = node.paths().mapPin("cilium_events").toString();
        try (RingBufReader reader = RingBufReader.openPinned(pin);
             BpfMap lost = BpfMap.openPinned(node.paths().mapPin("cilium_evt_lost").toString(), BpfMap.F_RDONLY);
             DaemonClient client = DaemonClient.of(node.paths())) {
            reader.consume((d, o, l) -> { });
            EndpointTable table = EndpointTable.of(node.name(), client.endpoints(), client.ipList(), client.identities());
            FlowStore store = new FlowStore(node.name());
            FlowPump pump = new FlowPump(reader, new FlowBuilder(table), store, () -> LostCounter.sum(lost, 0));
            inPod("netpod", "ping", "-c", "1", "-W", "2", web.ip()).ok();
            Cil.Result refused = inPod("netpod", "curl", "-sS", "-m", "5", "http://" + web.ip() + ":8080/");
            assertEquals(7, refused.code(), "connection refused: " + refused.err());
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < 300_000_000L) {
                if (pump.pollOnce(100) > 0) quietSince = System.nanoTime();
            }
            pump.checkLost(true);
            assertEquals(0, store.lostEvents());

            StringWriter w = new StringWriter();
            List<String> json = new ArrayList<>();
            try (FlowPrinter p = new FlowPrinter(FlowPrinter.Options.defaults(FlowPrinter.Format.COMPACT), w)) {
                FlowStream s = store.query(new FlowRequest(new FilterFlags().set("pod", "webpod1").build(), 0, false, false, null, null), 10);
                FlowsResponse r;
                while ((r = s.poll(0)) != null) {
                    p.print(r);
                    json.add(FlowJson.line(r));
                }
            }
            List<String> shapes = w.toString().lines().map(l -> l.substring(21).replaceAll("default/netpod:\\d+ ", "default/netpod:P ")).toList();
            String n = "default/netpod (ID:" + net.identity() + ")", np = "default/netpod:P (ID:" + net.identity() + ")";
            String wb = "default/webpod1 (ID:" + web.identity() + ")", wp = "default/webpod1:8080 (ID:" + web.identity() + ")";
            assertEquals(List.of(
                    n + " -> " + wb + " to-endpoint FORWARDED (ICMPv4 EchoRequest)",
                    n + " <- " + wb + " to-endpoint FORWARDED (ICMPv4 EchoReply)",
                    np + " -> " + wp + " to-endpoint FORWARDED (TCP Flags: SYN)",
                    np + " <- " + wp + " to-endpoint FORWARDED (TCP Flags: ACK, RST)"), shapes, w.toString());

            JsonNode req = Json.parse(json.get(0));
            assertEquals(node.name(), req.get("node_name").asText());
            JsonNode f = req.get("flow");
            assertEquals(node.name(), f.get("node_name").asText());
            assertEquals(web.id(), f.get("destination").get("ID").asLong());
            assertEquals(net.id(), f.get("source").get("ID").asLong());
            List<String> labels = new ArrayList<>();
            f.get("source").get("labels").forEach(l -> labels.add(l.asText()));
            assertEquals(client.endpoint(String.valueOf(net.id())).status().identity().labels(), labels);
            assertEquals(web.ifname(), f.get("interface").get("name").asText());
            assertEquals("INGRESS", f.get("traffic_direction").asText());
        }
    }

    @Test
    void liveObserveSaysThereIsNoFlowApiYet() {
        Cil.Result r = node.cil("observe", "--last", "5");
        assertEquals(3, r.code());
        assertEquals("cil: no daemon API for flows yet (the daemon of node " + node.name() + " does not serve GET /v1/flows)\n", r.err());
    }
}

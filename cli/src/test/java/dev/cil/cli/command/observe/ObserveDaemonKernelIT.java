package dev.cil.cli.command.observe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cil.cli.CommandLineFactory;
import dev.cil.cli.support.Cil;
import dev.cil.cli.support.Json;
import dev.cil.cli.support.NodeChecks;
import dev.cil.cli.support.TestNode;
import dev.cil.client.DaemonClient;
import dev.cil.flow.FilterFlags;
import dev.cil.flow.FlowJson;
import dev.cil.flow.FlowRequest;
import dev.cil.flow.FlowStream;
import dev.cil.flow.FlowsResponse;
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
 * identities): {@code cil observe} live prints the seed's shapes with the daemon's endpoints and identities, and
 * {@code cil monitor} reads through the daemon (the ring buffer's one consumer) while it runs.
 */
@KernelTest
class ObserveDaemonKernelIT {
    static TestNode node;
    static NodeChecks.Ep net, web;
    static Process whoami;

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
        whoami = NodeChecks.whoami(node, "webpod1", web.ip());
    }

    @AfterAll
    static void clean() {
        if (whoami != null) whoami.destroyForcibly();
        if (node != null) node.close();
    }

    static Cil.Result inPod(String pod, String... cmd) {
        List<String> a = new ArrayList<>(List.of("endpoint", "exec", pod, "--"));
        a.addAll(List.of(cmd));
        return node.cil(a.toArray(new String[0]));
    }

    /** A live monitor through the daemon's GET /v1/monitor while the daemon consumes the ring buffer. */
    @Test
    void monitorReadsThroughTheDaemon() throws Exception {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CompletableFuture<Integer> mon = CompletableFuture.supplyAsync(() -> CommandLineFactory.run(new PrintWriter(out),
                new PrintWriter(err), "-N", node.name(), "monitor", "--type", "trace", "--count", "2"));
        for (int i = 0; i < 200 && !err.toString().contains("Press Ctrl-C"); i++) Thread.sleep(50);
        assertTrue(err.toString().startsWith("Listening for events on the cil daemon of node " + node.name()), err.toString());
        inPod("netpod", "ping", "-c", "1", "-W", "2", web.ip()).ok();
        assertEquals(0, mon.get(20, TimeUnit.SECONDS), err.toString());
        List<String> lines = out.toString().lines().toList();
        assertEquals(2, lines.size(), out.toString());
        String ids = net.identity() + "->" + web.identity(), back = web.identity() + "->" + net.identity();
        assertTrue(lines.get(0).matches("-> endpoint " + web.id() + " flow 0x[0-9a-f]+ , identity " + ids + " state new ifindex \\d+ orig-ip 0\\.0\\.0\\.0: "
                + net.ip().replace(".", "\\.") + " -> " + web.ip().replace(".", "\\.") + " EchoRequest"), lines.get(0));
        assertTrue(lines.get(1).matches("-> endpoint " + net.id() + " flow 0x[0-9a-f]+ , identity " + back + " state reply ifindex \\d+ orig-ip 0\\.0\\.0\\.0: "
                + web.ip().replace(".", "\\.") + " -> " + net.ip().replace(".", "\\.") + " EchoReply"), lines.get(1));
        // the daemon kept these events too: they are flows
        Thread.sleep(300);
        Cil.Result flows = node.cil("observe", "--last", "2", "--pod", "webpod1", "--protocol", "icmp");
        assertEquals(0, flows.code(), flows.err());
        assertEquals(2, flows.out().lines().count(), flows.out());
        assertTrue(flows.out().contains("EchoRequest") && flows.out().contains("EchoReply"), flows.out());
    }

    /**
     * The seed's {@code hubble observe --pod webpod1}: ping, curl :80 (a whoami answer), curl :8080
     * (refused), each flow named with the daemon's endpoints and identities, live from its flow API.
     */
    @Test
    void observeThePodLive() throws Exception {
        DaemonFlowsClient client = new DaemonFlowsClient(node.paths(), w -> { });
        FlowStream follow = client.getFlows(new FlowRequest(new FilterFlags().set("pod", "webpod1").build(), 0, false, true, null, null));
        inPod("netpod", "ping", "-c", "1", "-W", "2", web.ip()).ok();
        Cil.Result page = inPod("netpod", "curl", "-sS", "-m", "5", "http://" + web.ip() + "/");
        assertEquals(0, page.code(), page.err());
        assertTrue(page.out().contains("Hostname:"), page.out());
        Cil.Result refused = inPod("netpod", "curl", "-sS", "-m", "5", "http://" + web.ip() + ":8080/");
        assertEquals(7, refused.code(), "connection refused: " + refused.err());
        // the follower sees the flows as they come, until a quiet second and a half
        List<String> followed = new ArrayList<>();
        try {
            FlowsResponse fr;
            while ((fr = follow.poll(1500)) != null) followed.add(FlowJson.line(fr));
        } finally {
            follow.close();
            client.close();
        }
        assertTrue(followed.size() >= 10, "flows: " + followed);
        String last = String.valueOf(followed.size());
        Cil.Result r = node.cil("observe", "--pod", "webpod1", "--last", last);
        assertEquals(0, r.code(), r.err());
        List<String> shapes = r.out().lines().map(l -> l.substring(21)
                .replaceAll("default/netpod:\\d+ ", "default/netpod:P ")).toList();
        String n = "default/netpod (ID:" + net.identity() + ")", np = "default/netpod:P (ID:" + net.identity() + ")";
        String wb = "default/webpod1 (ID:" + web.identity() + ")", w80 = "default/webpod1:80 (ID:" + web.identity() + ")";
        String w8080 = "default/webpod1:8080 (ID:" + web.identity() + ")";
        List<String> expected = new ArrayList<>(List.of(
                n + " -> " + wb + " to-endpoint FORWARDED (ICMPv4 EchoRequest)",
                n + " <- " + wb + " to-endpoint FORWARDED (ICMPv4 EchoReply)",
                np + " -> " + w80 + " to-endpoint FORWARDED (TCP Flags: SYN)",
                np + " <- " + w80 + " to-endpoint FORWARDED (TCP Flags: SYN, ACK)",
                np + " -> " + w80 + " to-endpoint FORWARDED (TCP Flags: ACK)"));
        assertEquals(expected, shapes.subList(0, 5), r.out());
        assertTrue(shapes.contains(np + " -> " + w80 + " to-endpoint FORWARDED (TCP Flags: ACK, PSH)"), r.out());
        assertTrue(shapes.contains(np + " <- " + w80 + " to-endpoint FORWARDED (TCP Flags: ACK, PSH)"), r.out());
        assertTrue(shapes.stream().anyMatch(l -> l.endsWith("(TCP Flags: ACK, FIN)")), r.out());
        assertEquals(List.of(np + " -> " + w8080 + " to-endpoint FORWARDED (TCP Flags: SYN)",
                np + " <- " + w8080 + " to-endpoint FORWARDED (TCP Flags: ACK, RST)"), shapes.subList(shapes.size() - 2, shapes.size()), r.out());

        Cil.Result json = node.cil("observe", "--pod", "webpod1", "--last", last, "-o", "json");
        assertEquals(0, json.code(), json.err());
        assertEquals(json.out().lines().toList(), followed);

        JsonNode req = Json.parse(followed.get(0));
        assertEquals(node.name(), req.get("node_name").asText());
        JsonNode f = req.get("flow");
        assertEquals(node.name(), f.get("node_name").asText());
        assertEquals(web.id(), f.get("destination").get("ID").asLong());
        assertEquals(net.id(), f.get("source").get("ID").asLong());
        assertEquals("default", f.get("source").get("namespace").asText());
        assertEquals("netpod", f.get("source").get("pod_name").asText());
        assertEquals(web.ifname(), f.get("interface").get("name").asText());
        assertEquals("INGRESS", f.get("traffic_direction").asText());
        assertEquals("FORWARDED", f.get("verdict").asText());
        try (DaemonClient api = DaemonClient.of(node.paths())) {
            List<String> labels = new ArrayList<>();
            f.get("source").get("labels").forEach(l -> labels.add(l.asText()));
            assertEquals(api.endpoint(String.valueOf(net.id())).status().identity().labels(), labels);
        }

        // a replay of the saved JSON prints what the daemon printed
        java.nio.file.Path saved = java.nio.file.Files.createTempFile("cil-flows", ".json");
        try {
            java.nio.file.Files.write(saved, followed);
            Cil.Result replay = Cil.run("observe", "--input-file", saved.toString());
            assertEquals(0, replay.code(), replay.err());
            assertEquals(r.out(), replay.out());
        } finally {
            java.nio.file.Files.deleteIfExists(saved);
        }
    }

    /** A packet to an address no endpoint has is dropped by the datapath, and the daemon's flow says why, in Cilium's words. */
    @Test
    void aDropHasCiliumsReason() throws Exception {
        String nowhere = web.ip().substring(0, web.ip().lastIndexOf('.') + 1) + "250";
        assertEquals(1, inPod("netpod", "ping", "-c", "1", "-W", "1", nowhere).code(), "no answer from " + nowhere);
        Thread.sleep(300);
        Cil.Result r = node.cil("observe", "--type", "drop", "--from-pod", "netpod", "--last", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("\\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}: default/netpod \\(ID:" + net.identity() + "\\) <> "
                + nowhere.replace(".", "\\.") + " \\(world\\) Stale or unroutable IP DROPPED \\(ICMPv4 EchoRequest\\)\n"), r.out());
        JsonNode f = Json.parse(node.cil("observe", "--type", "drop", "--from-pod", "netpod", "--last", "1", "-o", "json").ok().out()).get("flow");
        assertEquals("DROPPED", f.get("verdict").asText());
        assertEquals("STALE_OR_UNROUTABLE_IP", f.get("drop_reason_desc").asText());
        assertEquals(151, f.get("drop_reason").asInt());
        assertEquals("default/netpod", f.get("source").get("namespace").asText() + "/" + f.get("source").get("pod_name").asText());
        assertEquals("reserved:world", f.get("destination").get("labels").get(0).asText());
    }
}

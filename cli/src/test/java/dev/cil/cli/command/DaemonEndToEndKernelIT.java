package dev.cil.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cil.api.maps.LxcMap;
import dev.cil.bpf.BpfLink;
import dev.cil.cli.support.Cil;
import dev.cil.cli.support.Json;
import dev.cil.cli.support.NodeChecks;
import dev.cil.cli.support.Peers;
import dev.cil.cli.support.TestNode;
import dev.cil.testing.KernelTest;
import dev.cil.testing.Proc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 5 end to end, with cil commands only: a node with netpod, webpod1 and webpod2 (app=webpod);
 * the web pods share an identity; netpod pings both (ttl 63: one routed hop, by the datapath); curl to
 * port 80 gets whoami's answer with netpod's address as RemoteAddr; port 8080 is refused (curl exit 7);
 * net show lists cil_from_container/cil_to_container on every lxc device with tcx; bpf endpoint list
 * agrees with bpftool; the metrics count the forwarded packets; without the programs the pods cannot
 * reach each other; a daemon killed while pings run loses none and comes back with its endpoints
 * restored.
 */
@KernelTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DaemonEndToEndKernelIT {
    static TestNode node;
    static final List<Process> servers = new ArrayList<>();
    static Map<String, NodeChecks.Ep> pods = new TreeMap<>();

    @BeforeAll
    static void node() {
        TestNode.useTestDatapath(false);
        node = new TestNode();
        node.start();
        node.cil("endpoint", "create", "netpod", "--labels", "app=netpod").ok();
        node.cil("endpoint", "create", "webpod1", "--labels", "app=webpod").ok();
        node.cil("endpoint", "create", "webpod2", "--labels", "app=webpod").ok();
        for (NodeChecks.Ep e : NodeChecks.endpoints(node).values()) if (!e.pod().isEmpty()) pods.put(e.pod().substring(8), e);
        for (String web : List.of("webpod1", "webpod2")) servers.add(NodeChecks.whoami(node, web, pods.get(web).ip()));
    }

    @AfterAll
    static void clean() {
        for (Process p : servers) p.destroyForcibly();
        if (node != null) node.close();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Cil.Result fromNetpod(String... cmd) {
        List<String> a = new ArrayList<>(List.of("endpoint", "exec", "netpod", "--"));
        a.addAll(List.of(cmd));
        return node.cil(a.toArray(new String[0]));
    }

    /** Packets counted as forwarded (reason Success) by bpf_lxc.c, per direction. */
    static Map<String, Long> forwarded() {
        Map<String, Long> m = new TreeMap<>();
        Cil.Result r = node.cil("-o", "json", "bpf", "metrics", "list");
        if (r.out().isBlank()) return m;
        for (JsonNode row : Json.parse(r.out())) {
            if (row.get("reason").asText().equals("Success") && row.get("file").asText().equals("bpf_lxc.c")) {
                m.merge(row.get("direction").asText(), row.get("packets").asLong(), Long::sum);
            }
        }
        return m;
    }

    @Test
    @Order(1)
    void webPodsShareAnIdentityNetpodHasAnother() {
        assertEquals(pods.get("webpod1").identity(), pods.get("webpod2").identity());
        assertNotEquals(pods.get("netpod").identity(), pods.get("webpod1").identity());
        NodeChecks.assertConsistent(node);
    }

    @Test
    @Order(2)
    void netpodPingsBothWebPodsThroughTheDatapath() {
        Map<String, Long> before = forwarded();
        for (String web : List.of("webpod1", "webpod2")) {
            Cil.Result r = fromNetpod("ping", "-c", "5", "-i", "0.2", "-W", "1", pods.get(web).ip());
            assertEquals(0, r.code(), r.out() + r.err());
            assertTrue(r.out().contains(" 0% packet loss"), r.out());
            assertTrue(r.out().contains("ttl=63"), "one routed hop (the datapath decrements the TTL): " + r.out());
        }
        Map<String, Long> after = forwarded();
        // 10 requests and 10 replies: each leaves one pod (egress) and enters another (ingress)
        assertTrue(after.getOrDefault("egress", 0L) - before.getOrDefault("egress", 0L) >= 20, before + " -> " + after);
        assertTrue(after.getOrDefault("ingress", 0L) - before.getOrDefault("ingress", 0L) >= 20, before + " -> " + after);
    }

    @Test
    @Order(3)
    void curlGetsWhoamiOn80AndIsRefusedOn8080() {
        for (String web : List.of("webpod1", "webpod2")) {
            String ip = pods.get(web).ip();
            Cil.Result r = fromNetpod("curl", "-s", "-m", "5", "http://" + ip + "/");
            assertEquals(0, r.code(), r.err());
            String[] l = r.out().split("\n");
            assertEquals("Hostname: " + web, l[0]);
            assertTrue(r.out().contains("\nIP: " + ip + "\n"), r.out());
            assertTrue(r.out().matches("(?s).*\nRemoteAddr: " + Pattern.quote(pods.get("netpod").ip()) + ":\\d+\n.*"), r.out());
            assertTrue(r.out().contains("GET / HTTP/1.1\r\nHost: " + ip + "\r\n"), r.out());
            assertEquals(7, fromNetpod("curl", "-s", "-m", "5", "http://" + ip + ":8080/").code(), "connection refused (RST)");
        }
    }

    @Test
    @Order(4)
    void netShowListsOurProgramsOnEveryLxcWithTcx() {
        String ours = Cil.run("--netns", node.netns(), "net", "show").ok().out();
        assertEquals(Proc.run("ip", "netns", "exec", node.netns(), Peers.BPFTOOL_NEW, "net", "show").ok().out(), ours);
        for (NodeChecks.Ep e : NodeChecks.endpoints(node).values()) {
            assertTrue(ours.matches("(?s).*\n" + e.ifname() + "\\(\\d+\\) tcx/ingress cil_from_container prog_id \\d+ link_id \\d+ \n.*"), ours);
            assertTrue(ours.matches("(?s).*\n" + e.ifname() + "\\(\\d+\\) tcx/egress cil_to_container prog_id \\d+ link_id \\d+ \n.*"), ours);
        }
        assertTrue(ours.contains("cilium_host("), ours);
        assertTrue(Cil.run("prog", "show", "name", "cil_from_container").ok().out().contains("sched_cls"));
    }

    @Test
    @Order(5)
    void bpfEndpointListAgreesWithBpftool() {
        JsonNode dump = Json.parse(Peers.bpftool("-j", "map", "dump", "pinned", node.paths().mapPin(LxcMap.NAME).toString()).ok().out());
        Map<String, String> peer = new TreeMap<>();
        for (JsonNode e : dump) {
            peer.put(LxcMap.Key.decode(DaemonViewsKernelIT.bytes(e.get("key"))).toString(),
                    LxcMap.Info.decode(DaemonViewsKernelIT.bytes(e.get("value"))).toString());
        }
        Map<String, String> ours = new TreeMap<>();
        node.json("bpf", "endpoint", "list").properties().forEach(f -> ours.put(f.getKey(), f.getValue().get(0).asText()));
        assertEquals(peer, ours);
    }

    @Test
    @Order(6)
    void withoutTheProgramsThePodsCannotTalk() throws Exception {
        String web1 = pods.get("webpod1").ifname();
        for (String dir : List.of("ingress", "egress")) {
            Path pin = node.paths().linkDir().resolve(web1).resolve(dir);
            try (BpfLink l = BpfLink.openPinned(pin.toString())) {
                l.detach();
            }
            Files.delete(pin);
        }
        Cil.Result r = fromNetpod("ping", "-c", "3", "-i", "0.2", "-W", "1", pods.get("webpod1").ip());
        assertNotEquals(0, r.code(), "the kernel alone (ip_forward=0) must not forward: " + r.out());
        assertEquals(0, fromNetpod("ping", "-c", "2", "-W", "1", pods.get("webpod2").ip()).code(), "webpod2 still has its programs");
        // the daemon's endpoint controller puts the links back
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && !Files.exists(node.paths().linkDir().resolve(web1).resolve("egress"))) sleep(200);
        assertEquals(0, fromNetpod("ping", "-c", "3", "-W", "1", pods.get("webpod1").ip()).code());
    }

    @Test
    @Order(7)
    void killingTheDaemonLosesNoPingAndARestartRestores() throws Exception {
        List<String> cmd = NodeChecks.cilProcess("-N", node.name(), "endpoint", "exec", "netpod", "--", "ping", "-c", "40", "-i", "0.1", "-W", "1",
                pods.get("webpod1").ip());
        Process ping = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        sleep(1000);
        node.kill9();
        assertTrue(ping.waitFor(30, TimeUnit.SECONDS));
        String out = new String(ping.getInputStream().readAllBytes());
        Matcher m = Pattern.compile("(\\d+) packets transmitted, (\\d+) received").matcher(out);
        assertTrue(m.find(), out);
        assertEquals(m.group(1), m.group(2), "no ping lost while the daemon was killed: " + out);
        node.start();
        String verbose = node.cil("status", "--verbose").ok().out();
        for (String p : List.of("netpod", "webpod1", "webpod2")) {
            assertTrue(verbose.contains("  " + pods.get(p).ip() + " (default/" + p + " [restored])\n"), verbose);
        }
        NodeChecks.assertConsistent(node);
        assertEquals(0, fromNetpod("ping", "-c", "2", "-W", "1", pods.get("webpod2").ip()).code());
    }
}

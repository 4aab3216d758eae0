package dev.cil.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cil.api.maps.CtMap;
import dev.cil.api.maps.IpcacheMap;
import dev.cil.api.maps.LxcMap;
import dev.cil.api.maps.MetricsMap;
import dev.cil.bpf.BpfMap;
import dev.cil.bpf.PossibleCpus;
import dev.cil.cli.support.Cil;
import dev.cil.cli.support.Json;
import dev.cil.cli.support.NodeChecks;
import dev.cil.cli.support.Peers;
import dev.cil.cli.support.TestNode;
import dev.cil.testing.KernelTest;
import dev.cil.testing.Proc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent views on a running node with netpod, webpod1 and webpod2: the pinned maps read by
 * {@code cil bpf …} against bpftool's dumps of the same pins, the daemon's cache ({@code map get})
 * against the kernel, the pods' plumbing against iproute2, {@code net show} against bpftool 7.5, JSON
 * keys against Cilium's models, and {@code endpoint exec} with {@code whoami}.
 */
@KernelTest
class DaemonViewsKernelIT {
    static TestNode node;

    @BeforeAll
    static void start() {
        TestNode.useTestDatapath(true);
        node = new TestNode();
        node.start();
        node.cil("endpoint", "create", "netpod", "--labels", "app=netpod").ok();
        node.cil("endpoint", "create", "webpod1", "--labels", "app=webpod").ok();
        node.cil("endpoint", "create", "webpod2", "--labels", "app=webpod").ok();
    }

    @AfterAll
    static void clean() {
        if (node != null) node.close();
    }

    static byte[] bytes(JsonNode hexArray) {
        byte[] b = new byte[hexArray.size()];
        for (int i = 0; i < b.length; i++) b[i] = (byte) Integer.parseInt(hexArray.get(i).asText().substring(2), 16);
        return b;
    }

    static JsonNode bpftoolDump(String map) {
        return Json.parse(Peers.bpftool("-j", "map", "dump", "pinned", node.paths().mapPin(map).toString()).ok().out());
    }

    @Test
    void bpfEndpointListAgreesWithBpftool() {
        Map<String, List<String>> peer = new TreeMap<>();
        for (JsonNode e : bpftoolDump(LxcMap.NAME)) {
            peer.put(LxcMap.Key.decode(bytes(e.get("key"))).toString(), List.of(LxcMap.Info.decode(bytes(e.get("value"))).toString()));
        }
        JsonNode ours = node.json("bpf", "endpoint", "list");
        Map<String, List<String>> mine = new TreeMap<>();
        ours.properties().forEach(f -> mine.put(f.getKey(), List.of(f.getValue().get(0).asText())));
        assertEquals(peer, mine);
        assertEquals(5, mine.size());   // router, health, three pods
        assertEquals(List.of("(localhost)"), mine.get(NodeChecks.router(node) + ":0"));
        // the text lists the same rows in kernel order, under cilium-dbg's header
        String text = node.cil("bpf", "endpoint", "list").ok().out();
        String[] lines = text.split("\n");
        assertTrue(lines[0].matches("IP ADDRESS +LOCAL ENDPOINT INFO +"), lines[0]);
        assertEquals(6, lines.length);
        for (Map.Entry<String, List<String>> e : peer.entrySet()) {
            assertTrue(text.contains(e.getKey() + " ") && text.contains(e.getValue().get(0)), e.toString());
        }
        // each pod's row names its lxc device's ifindex and MAC, and its eth0's MAC
        for (NodeChecks.Ep ep : NodeChecks.endpoints(node).values()) {
            JsonNode dev = Json.parse(Proc.run("ip", "-n", node.netns(), "-j", "link", "show", "dev", ep.ifname()).ok().out()).get(0);
            String v = mine.get(ep.ip() + ":0").get(0);
            assertTrue(v.contains("id=" + ep.id() + " ") && v.contains("ifindex=" + dev.get("ifindex").asInt() + " ")
                    && v.contains("nodemac=" + dev.get("address").asText().toUpperCase()) && v.contains("sec_id=" + ep.identity() + " "), v);
        }
    }

    @Test
    void bpfIpcacheListAgreesWithBpftoolAndTheDaemonsCache() {
        Map<String, String> peer = new TreeMap<>();
        for (JsonNode e : bpftoolDump(IpcacheMap.NAME)) {
            peer.put(IpcacheMap.Key.decode(bytes(e.get("key"))).toString(), IpcacheMap.Value.decode(bytes(e.get("value"))).toString());
        }
        Map<String, String> mine = new TreeMap<>();
        node.json("bpf", "ipcache", "list").properties().forEach(f -> mine.put(f.getKey(), f.getValue().get(0).asText()));
        assertEquals(peer, mine);
        Map<String, String> cache = new TreeMap<>();
        for (JsonNode c : node.json("map", "get", IpcacheMap.NAME).get("cache")) {
            assertEquals("sync", c.get("desired-action").asText());
            assertTrue(!c.has("last-error"), c.toString());
            cache.put(c.get("key").asText(), c.get("value").asText());
        }
        assertEquals(peer, cache);
        assertEquals("identity=2 encryptkey=0 tunnelendpoint=0.0.0.0, flags=<none>", peer.get("0.0.0.0/0"));
        String text = node.cil("map", "get", "cilium_ipcache").ok().out();
        assertTrue(text.startsWith("Key ") && text.split("\n")[0].endsWith("State   Error"), text);
        Map<String, String> lxcCache = new TreeMap<>();
        for (JsonNode c : node.json("map", "get", LxcMap.NAME).get("cache")) lxcCache.put(c.get("key").asText(), c.get("value").asText());
        Map<String, String> lxcKernel = new TreeMap<>();
        node.json("bpf", "endpoint", "list").properties().forEach(f -> lxcKernel.put(f.getKey(), f.getValue().get(0).asText()));
        assertEquals(lxcKernel, lxcCache);
    }

    @Test
    void theSyncControllerRepairsAMapChangedBehindTheDaemonsBack() throws Exception {
        NodeChecks.Ep web1 = NodeChecks.endpoints(node).values().stream().filter(e -> e.pod().equals("default/webpod1"))
                .findFirst().orElseThrow();
        byte[] key = LxcMap.Key.of((Inet4Address) InetAddress.getByName(web1.ip())).encode();
        try (BpfMap m = BpfMap.openPinned(node.paths().mapPin(LxcMap.NAME).toString())) {
            m.delete(key);
            m.update(LxcMap.Key.of((Inet4Address) InetAddress.getByName("10.200.0.250")).encode(), LxcMap.Info.host().encode(),
                    BpfMap.UPDATE_ANY);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            JsonNode k = node.json("bpf", "endpoint", "list");
            if (k.has(web1.ip() + ":0") && !k.has("10.200.0.250:0")) {
                NodeChecks.assertConsistent(node);
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("cilium_lxc was not repaired: " + node.cil("bpf", "endpoint", "list").out());
    }

    @Test
    void metricsAreSummedOverCpusAsBpftoolShowsThem() {
        int cpus = PossibleCpus.count();
        MetricsMap.Key fwd = new MetricsMap.Key(0, 2, 321, 2), drop = new MetricsMap.Key(151, 2, 388, 2);
        try (BpfMap m = BpfMap.openPinned(node.paths().mapPin(MetricsMap.NAME).toString())) {
            m.update(fwd.encode(), perCpu(cpus, 3, 98), BpfMap.UPDATE_ANY);    // CPU c: 3 packets, 98*(c+1) bytes
            m.update(drop.encode(), perCpu(cpus, 1, 64), BpfMap.UPDATE_ANY);
            Map<String, long[]> peer = new TreeMap<>();   // bpftool's per-CPU values, summed here
            for (JsonNode e : bpftoolDump(MetricsMap.NAME)) {
                long[] sum = new long[2];
                for (JsonNode v : e.get("values")) {
                    ByteBuffer b = ByteBuffer.wrap(bytes(v.get("value"))).order(ByteOrder.LITTLE_ENDIAN);
                    sum[0] += b.getLong(0);
                    sum[1] += b.getLong(8);
                }
                peer.put(MetricsMap.Key.decode(ByteBuffer.wrap(bytes(e.get("key"))), 0).toString(), sum);
            }
            long[] f = peer.get(fwd.toString()), d = peer.get(drop.toString());
            assertEquals(3L * cpus, f[0]);
            assertEquals(98L * cpus * (cpus + 1) / 2, f[1]);
            // Go's tabwriter (5,0,3): REASON 22+3, DIRECTION 9+3, PACKETS 7+3, BYTES max(5, digits)+3, LINE 4+3
            int bytesW = Math.max(5, Long.toString(Math.max(f[1], d[1])).length()) + 3;
            String row = "%-25s%-12s%-10s%-" + bytesW + "s%-7s%s\n";
            String want = String.format(row, "REASON", "DIRECTION", "PACKETS", "BYTES", "LINE", "FILE")
                    + String.format(row, "Stale or unroutable IP", "EGRESS", d[0], d[1], 388, "bpf_lxc.c")
                    + String.format(row, "Success", "EGRESS", f[0], f[1], 321, "bpf_lxc.c");
            assertEquals(want, node.cil("bpf", "metrics", "list").ok().out());
            JsonNode j = node.json("bpf", "metrics", "list");
            assertEquals(2, j.size());
            for (JsonNode r : j) {
                assertEquals(List.of("reason", "direction", "packets", "bytes", "line", "file"), Json.keys(r));
                assertEquals("egress", r.get("direction").asText());
            }
        } finally {
            try (BpfMap m = BpfMap.openPinned(node.paths().mapPin(MetricsMap.NAME).toString())) {
                m.delete(fwd.encode());
                m.delete(drop.encode());
            }
        }
        Cil.Result empty = node.cil("bpf", "metrics", "list");
        assertEquals(0, empty.code());
        assertEquals("", empty.out());
        assertEquals("No entries found.\n", empty.err());
    }

    static byte[] perCpu(int cpus, long packets, long unit) {
        ByteBuffer b = ByteBuffer.allocate(16 * cpus).order(ByteOrder.LITTLE_ENDIAN);
        for (int c = 0; c < cpus; c++) {
            b.putLong(16 * c, packets);
            b.putLong(16 * c + 8, unit * (c + 1));
        }
        return b.array();
    }

    @Test
    void conntrackEntriesAsCiliumDbgPrintsThem() throws Exception {
        CtMap.Tuple t = new CtMap.Tuple((Inet4Address) InetAddress.getByName("10.200.0.4"), (Inet4Address) InetAddress.getByName("10.200.0.3"),
                80, 41320, 6, 0);
        long now = System.nanoTime() / 1_000_000_000L;
        ByteBuffer v = ByteBuffer.allocate(CtMap.VALUE_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        v.putLong(CtMap.PACKETS_TX, 6).putLong(CtMap.BYTES_TX, 420).putLong(CtMap.PACKETS_RX, 5).putLong(CtMap.BYTES_RX, 999)
                .putInt(CtMap.LIFETIME, (int) (now + 21600)).putShort(CtMap.FLAGS, (short) CtMap.CT_F_SEEN_NON_SYN)
                .put(CtMap.TX_FLAGS_SEEN, (byte) 0x1b).put(CtMap.RX_FLAGS_SEEN, (byte) 0x1a).putInt(CtMap.SRC_SEC_ID, 256);
        try (BpfMap m = BpfMap.openPinned(node.paths().mapPin(CtMap.NAME).toString())) {
            m.update(t.encode(), v.array(), BpfMap.UPDATE_ANY);
            String text = node.cil("bpf", "ct", "list", "global").ok().out();
            String head = "TCP OUT 10.200.0.3:41320 -> 10.200.0.4:80 expires=" + (now + 21600) + " (remaining: ";
            String tail = " sec(s)) RxPackets=5 RxBytes=999 RxFlagsSeen=0x1a LastRxReport=0 TxPackets=6 TxBytes=420 TxFlagsSeen=0x1b"
                    + " LastTxReport=0 Flags=0x0004 [ SeenNonSyn ] RevNAT=0 SourceSecurityID=256 IfIndex=0 \n";
            assertTrue(text.startsWith(head) && text.endsWith(tail), text);
            long remaining = Long.parseLong(text.substring(head.length(), text.length() - tail.length()));
            assertTrue(remaining <= 21600 && remaining >= 21590, text);
            JsonNode e = bpftoolDump(CtMap.NAME).get(0);
            assertEquals(HexFormat.of().formatHex(t.encode()), HexFormat.of().formatHex(bytes(e.get("key"))));
            assertEquals(HexFormat.of().formatHex(v.array()), HexFormat.of().formatHex(bytes(e.get("value"))));
            JsonNode j = node.json("bpf", "ct", "list", "global").get(0);
            assertEquals("TCP", j.get("protocol").asText());
            assertEquals(41320, j.get("sport").asInt());
            assertEquals(256, j.get("src_sec_id").asInt());
            m.delete(t.encode());
        }
        Cil.Result usage = node.cil("bpf", "ct", "list", "endpoint");
        assertEquals(2, usage.code());
    }

    @Test
    void podsArePlumbedAsTheIssueSays() {
        String router = NodeChecks.router(node);
        for (NodeChecks.Ep ep : NodeChecks.endpoints(node).values()) {
            if (ep.pod().isEmpty()) continue;
            String ns = node.paths().podNetns("default", ep.pod().substring("default/".length()));
            JsonNode eth0 = Json.parse(Proc.run("ip", "-n", ns, "-j", "-4", "addr", "show", "dev", "eth0").ok().out()).get(0);
            assertEquals(1500, eth0.get("mtu").asInt());
            assertTrue(eth0.get("flags").toString().contains("UP"));
            JsonNode lo = Json.parse(Proc.run("ip", "-n", ns, "-j", "link", "show", "dev", "lo").ok().out()).get(0);
            assertTrue(lo.get("flags").toString().contains("\"UP\""), lo.toString());
            String routes = Proc.run("ip", "-n", ns, "route").ok().out();
            assertEquals("default via " + router + " dev eth0 \n" + router + " dev eth0 scope link \n", routes);
            assertTrue(ep.ifname().matches("lxc[0-9a-f]{11}"), ep.ifname());
            String nodeRoutes = Proc.run("ip", "-n", node.netns(), "route").ok().out();
            assertTrue(nodeRoutes.contains(ep.ip() + " dev " + ep.ifname() + " scope link"), nodeRoutes);
            // the pod reaches its router through the node's stack
            Proc.run("ip", "netns", "exec", ns, "ping", "-c", "1", "-W", "2", router).ok();
        }
        JsonNode host = Json.parse(Proc.run("ip", "-n", node.netns(), "-j", "-4", "addr", "show", "dev", "cilium_host").ok().out()).get(0);
        assertEquals(router, host.get("addr_info").get(0).get("local").asText());
        assertEquals("0\n", Proc.run("ip", "netns", "exec", node.netns(), "cat", "/proc/sys/net/ipv4/ip_forward").ok().out());
    }

    @Test
    void netShowListsTheTcxLinksAsBpftoolDoes() {
        String ours = Cil.run("--netns", node.netns(), "net", "show").ok().out();
        String peer = Proc.run("ip", "netns", "exec", node.netns(), Peers.BPFTOOL_NEW, "net", "show").ok().out();
        assertEquals(peer, ours);
        for (NodeChecks.Ep ep : NodeChecks.endpoints(node).values()) {
            assertTrue(ours.matches("(?s).*\n" + ep.ifname() + "\\(\\d+\\) tcx/ingress cil_from_contai prog_id \\d+ link_id \\d+ \n.*"), ours);
            assertTrue(ours.matches("(?s).*\n" + ep.ifname() + "\\(\\d+\\) tcx/egress cil_to_containe prog_id \\d+ link_id \\d+ \n.*"), ours);
        }
        assertTrue(ours.matches("(?s).*\ncilium_host\\(\\d+\\) tcx/ingress cil_to_host prog_id \\d+ link_id \\d+ \n.*"), ours);
    }

    @Test
    void jsonHasCiliumsKeys() {
        JsonNode st = node.json("status");
        assertEquals(List.of("attach-mode", "bandwidth-manager", "bpf-maps", "cilium", "clock-source", "controllers", "datapath-mode",
                "encryption", "host-firewall", "hubble", "identity-range", "ipam", "ipv4-big-tcp", "ipv6-big-tcp", "kubernetes",
                "kvstore", "masquerading", "nodeMonitor", "routing"), Json.keys(st));
        assertEquals(List.of("cpus", "npages", "pagesize"), Json.keys(st.get("nodeMonitor")), "nothing lost: lost and unknown omitted");
        assertEquals(List.of("observer", "state"), Json.keys(st.get("hubble")));
        assertEquals(List.of("current-flows", "max-flows", "seen-flows", "uptime"), Json.keys(st.get("hubble").get("observer")));
        assertEquals(List.of("allocations", "ipv4", "status"), Json.keys(st.get("ipam")));
        for (JsonNode ep : node.json("endpoint", "list")) {
            assertEquals(List.of("id", "status"), Json.keys(ep));
            assertTrue(Json.keys(ep.get("status")).containsAll(List.of("health", "identity", "labels", "networking", "policy", "state")));
            assertEquals(List.of("id", "labels", "labelsSHA256"), Json.keys(ep.get("status").get("identity")));
        }
        for (JsonNode ip : node.json("ip", "list")) {
            assertTrue(List.of(List.of("cidr", "identity"), List.of("cidr", "identity", "metadata")).contains(Json.keys(ip)), ip.toString());
        }
        JsonNode lxc = node.json("map", "get", "cilium_lxc");
        assertEquals(List.of("cache", "path"), Json.keys(lxc));
        assertEquals(node.paths().mapPin("cilium_lxc").toString(), lxc.get("path").asText());
        String oneLine = node.cil("-j", "identity", "list").ok().out();
        assertEquals(1, oneLine.split("\n").length);
    }

    @Test
    void identitiesAndIpListFollowTheLabels() {
        Map<String, Long> byPod = new TreeMap<>();
        for (NodeChecks.Ep e : NodeChecks.endpoints(node).values()) byPod.put(e.pod(), e.identity());
        assertEquals(byPod.get("default/webpod1"), byPod.get("default/webpod2"));
        assertTrue(!byPod.get("default/netpod").equals(byPod.get("default/webpod1")));
        assertEquals(4L, byPod.get(""));
        String ids = node.cil("identity", "list").ok().out();
        assertTrue(ids.matches("(?s)ID +LABELS\n1 +reserved:host\n2 +reserved:world\n.*"), ids);
        assertTrue(ids.matches("(?s).*\n" + byPod.get("default/webpod1") + " +k8s:app=webpod\n.*"), ids);
        String get = node.cil("identity", "get", "4").ok().out();
        assertEquals("ID   LABELS\n4    reserved:health\n", get);
        List<String> ipOrder = new ArrayList<>();
        for (JsonNode e : node.json("ip", "list")) ipOrder.add(e.get("cidr").asText());
        assertEquals("0.0.0.0/0", ipOrder.get(0));
        String ipText = node.cil("ip", "list").ok().out();
        assertTrue(ipText.contains("reserved:world") && ipText.contains("k8s:app=webpod") && ipText.contains("local"), ipText);
        assertTrue(node.cil("ip", "list", "-n").ok().out().contains("   " + byPod.get("default/netpod") + " "));
    }

    @Test
    void execRunsInThePodAndWhoamiAnswers() throws Exception {
        NodeChecks.Ep web1 = NodeChecks.endpoints(node).values().stream().filter(e -> e.pod().equals("default/webpod1"))
                .findFirst().orElseThrow();
        Cil.Result ip = node.cil("endpoint", "exec", "webpod1", "--", "ip", "-4", "-o", "addr", "show", "dev", "eth0");
        assertEquals(0, ip.code(), ip.err());
        assertTrue(ip.out().contains("inet " + web1.ip() + "/32"), ip.out());
        assertEquals(5, node.cil("endpoint", "exec", "netpod", "--", "sh", "-c", "exit 5").code());
        Cil.Result none = node.cil("endpoint", "exec", "nosuch", "--", "true");
        assertEquals(1, none.code());
        assertTrue(none.err().contains("no pod default/nosuch"), none.err());
        // the pins stay visible inside (the mount namespace is the caller's)
        node.cil("endpoint", "exec", "netpod", "--", "test", "-e", node.paths().mapPin("cilium_lxc").toString()).ok();

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        Process server = new ProcessBuilder(java, "-cp", cp, "dev.cil.cli.Main", "-N", node.name(), "endpoint", "exec", "webpod1", "--",
                java, "-cp", cp, "dev.cil.cli.Main", "whoami", "--port", "80").redirectErrorStream(true).start();
        try {
            String answer = null;
            for (int i = 0; i < 100 && answer == null; i++) {
                Cil.Result r = node.cil("endpoint", "exec", "webpod1", "--", "curl", "-s", "-m", "2", "http://" + web1.ip() + "/hello?x=1");
                if (r.code() == 0) answer = r.out();
                else Thread.sleep(100);
            }
            assertTrue(answer != null, "whoami did not answer");
            String[] l = answer.split("\n");
            assertEquals("Hostname: webpod1", l[0]);
            assertEquals("IP: 127.0.0.1", l[1]);
            assertEquals("IP: " + web1.ip(), l[2]);
            assertTrue(l[3].matches("RemoteAddr: " + web1.ip().replace(".", "\\.") + ":\\d+"), l[3]);
            assertEquals("GET /hello?x=1 HTTP/1.1\r", l[4]);
            assertEquals("Host: " + web1.ip() + "\r", l[5]);
            assertTrue(l[6].startsWith("User-Agent: curl/"), l[6]);
            assertEquals("Accept: */*\r", l[7]);
            Cil.Result refused = node.cil("endpoint", "exec", "webpod1", "--", "curl", "-s", "-m", "2", "http://" + web1.ip() + ":8080/");
            assertEquals(7, refused.code());
        } finally {
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
            // the whoami JVM is a child of the exec JVM, in the pod: kill what is left there
            for (String pid : Proc.run("ip", "netns", "pids", node.paths().podNetns("default", "webpod1")).out().split("\n")) {
                if (!pid.isBlank()) Proc.run("kill", "-9", pid.trim());
            }
        }
    }
}

package dev.cil.cli.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cil.testing.Proc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What "state and kernel agree" means for a node, checked through cil's own views (the daemon's API and
 * the pinned maps) and iproute2: one namespace, one lxc device and one pair of pinned links per
 * endpoint and nothing else; every endpoint address allocated once and written to cilium_lxc and
 * cilium_ipcache; every pod's eth0 carrying exactly its address.
 */
public final class NodeChecks {
    private NodeChecks() { }

    /** A pod or the health endpoint as the API shows it. */
    public record Ep(long id, String pod, String ip, String ifname, long identity) { }

    /** Endpoints with an address (pods and health), by id. */
    public static Map<Long, Ep> endpoints(TestNode n) {
        Map<Long, Ep> out = new TreeMap<>();
        for (JsonNode e : n.json("endpoint", "list")) {
            JsonNode net = e.path("status").path("networking");
            String ip = net.path("addressing").path(0).path("ipv4").asText("");
            if (ip.isEmpty()) continue;   // the host endpoint
            out.put(e.get("id").asLong(), new Ep(e.get("id").asLong(), e.path("status").path("external-identifiers").path("pod-name").asText(""),
                    ip, net.path("interface-name").asText(), e.path("status").path("identity").path("id").asLong()));
        }
        return out;
    }

    public static String router(TestNode n) {
        JsonNode alloc = n.json("status").path("ipam").path("allocations");
        for (Map.Entry<String, JsonNode> e : alloc.properties()) {
            if (e.getValue().asText().equals("router")) return e.getKey();
        }
        throw new AssertionError("no router address in " + alloc);
    }

    public static void assertConsistent(TestNode n) {
        Map<Long, Ep> eps = endpoints(n);
        String router = router(n);
        TreeSet<String> wantNs = new TreeSet<>(), wantDev = new TreeSet<>(), lxcKeys = new TreeSet<>(), ipcKeys = new TreeSet<>();
        List<String> ips = new ArrayList<>();
        for (Ep e : eps.values()) {
            ips.add(e.ip());
            wantDev.add(e.ifname());
            wantNs.add(e.pod().isEmpty() ? n.paths().healthNetns()
                    : n.paths().podNetns(e.pod().substring(0, e.pod().indexOf('/')), e.pod().substring(e.pod().indexOf('/') + 1)));
            lxcKeys.add(e.ip() + ":0");
            ipcKeys.add(e.ip() + "/32");
        }
        assertEquals(ips.size(), new HashSet<>(ips).size(), "an address twice: " + ips);
        assertTrue(!ips.contains(router), "the router address given to an endpoint");
        assertEquals(wantNs, n.endpointNamespaces(), "namespaces");
        assertEquals(wantDev, n.lxcDevices(), "lxc devices in " + n.netns());
        TreeSet<String> wantLinks = new TreeSet<>(wantDev);
        wantLinks.add("cilium_host");
        assertEquals(wantLinks, n.linkPinDevices(), "pinned links");
        lxcKeys.add(router + ":0");
        ipcKeys.add(router + "/32");
        ipcKeys.add("0.0.0.0/0");
        assertEquals(lxcKeys, keys(n.json("bpf", "endpoint", "list")), "cilium_lxc keys");
        assertEquals(ipcKeys, keys(n.json("bpf", "ipcache", "list")), "cilium_ipcache keys");
        TreeSet<String> alloc = keys(n.json("status").path("ipam").path("allocations"));
        TreeSet<String> wantAlloc = new TreeSet<>(ips);
        wantAlloc.add(router);
        assertEquals(wantAlloc, alloc, "IPAM allocations");
        for (Ep e : eps.values()) {
            String ns = e.pod().isEmpty() ? n.paths().healthNetns()
                    : n.paths().podNetns(e.pod().substring(0, e.pod().indexOf('/')), e.pod().substring(e.pod().indexOf('/') + 1));
            JsonNode addrs = Json.parse(Proc.run("ip", "-n", ns, "-j", "-4", "addr", "show", "dev", "eth0").ok().out());
            List<String> have = new ArrayList<>();
            for (JsonNode a : addrs.path(0).path("addr_info")) have.add(a.get("local").asText() + "/" + a.get("prefixlen").asInt());
            assertEquals(List.of(e.ip() + "/32"), have, "eth0 of " + ns);
        }
        for (JsonNode m : n.json("map", "get", "cilium_lxc").path("cache")) {
            assertEquals("sync", m.path("desired-action").asText(), "map cache entry " + m);
        }
    }

    static TreeSet<String> keys(JsonNode o) {
        TreeSet<String> k = new TreeSet<>();
        o.fieldNames().forEachRemaining(k::add);
        return k;
    }

    /** The set of pod names ({@code ns/name}). */
    public static Set<String> pods(TestNode n) {
        Set<String> out = new TreeSet<>();
        for (Ep e : endpoints(n).values()) if (!e.pod().isEmpty()) out.add(e.pod());
        return out;
    }

    /** The command line that runs cil in a fresh JVM (this test run's classes): for processes that outlive a call. */
    public static List<String> cilProcess(String... args) {
        List<String> cmd = new ArrayList<>(List.of(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.cil.cli.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Starts {@code cil whoami --port 80} inside a pod and waits until it answers on {@code ip}; the caller destroys it. */
    public static Process whoami(TestNode n, String pod, String ip) {
        List<String> cmd = cilProcess("-N", n.name(), "endpoint", "exec", pod, "--");
        cmd.addAll(cilProcess("whoami", "--port", "80"));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        try {
            for (int i = 0; i < 100; i++) {
                if (n.cil("endpoint", "exec", pod, "--", "curl", "-s", "-m", "1", "http://" + ip + "/").code() == 0) return p;
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        p.destroyForcibly();
        throw new AssertionError("whoami in " + pod + " did not start");
    }
}

package dev.cil.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cil.cli.support.Cil;
import dev.cil.cli.support.NodeChecks;
import dev.cil.cli.support.TestNode;
import dev.cil.testing.KernelTest;
import dev.cil.testing.Proc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Restart and restore: {@code kill -9} of the daemon leaves pods, maps and links in place; the next
 * start brings the endpoints back {@code [restored]} with the same ids, addresses and identities,
 * repairs missing pieces, removes orphans, and never hands an address out twice. A daemon killed at
 * each step of {@code endpoint create} (crash points, and kill -9 after seeded random delays) comes back
 * with its state and the kernel in agreement.
 */
@KernelTest
class DaemonRestartKernelIT {
    @BeforeAll
    static void datapath() { TestNode.useTestDatapath(true); }

    static Map<Long, NodeChecks.Ep> threePods(TestNode n) {
        n.start();
        n.cil("endpoint", "create", "netpod", "--labels", "app=netpod").ok();
        n.cil("endpoint", "create", "webpod1", "--labels", "app=webpod").ok();
        n.cil("endpoint", "create", "webpod2", "--labels", "app=webpod").ok();
        NodeChecks.assertConsistent(n);
        return NodeChecks.endpoints(n);
    }

    @Test
    void killedDaemonComesBackWithEndpointsRestored() {
        try (TestNode n = new TestNode()) {
            Map<Long, NodeChecks.Ep> before = threePods(n);
            String lxcBefore = n.cil("-o", "json", "bpf", "endpoint", "list").ok().out();
            n.kill9();
            // while the daemon is gone: pods, devices and pinned maps stay
            assertEquals(4, n.endpointNamespaces().size());
            assertEquals(4, n.lxcDevices().size());
            assertEquals(lxcBefore, n.cil("-o", "json", "bpf", "endpoint", "list").ok().out());
            assertEquals(3, n.cil("status").code());
            n.start();
            assertEquals(before, NodeChecks.endpoints(n), "same ids, addresses, devices and identities");
            assertEquals(lxcBefore, n.cil("-o", "json", "bpf", "endpoint", "list").ok().out(), "maps untouched by the restore");
            String verbose = n.cil("status", "--verbose").ok().out();
            for (NodeChecks.Ep e : before.values()) {
                String owner = e.pod().isEmpty() ? "health" : e.pod() + " [restored]";
                assertTrue(verbose.contains("  " + e.ip() + " (" + owner + ")\n"), verbose);
            }
            NodeChecks.assertConsistent(n);
            // a new pod after the restore gets an address nobody has
            n.cil("endpoint", "create", "after", "--labels", "app=after").ok();
            NodeChecks.assertConsistent(n);
            long web1 = before.values().stream().filter(e -> e.pod().equals("default/webpod1")).findFirst().orElseThrow().identity();
            long web2 = before.values().stream().filter(e -> e.pod().equals("default/webpod2")).findFirst().orElseThrow().identity();
            long net = before.values().stream().filter(e -> e.pod().equals("default/netpod")).findFirst().orElseThrow().identity();
            assertEquals(web1, web2);
            assertNotEquals(web1, net);
            assertTrue(web1 >= 256 && net >= 256);
        }
    }

    @Test
    void missingPiecesAreRecreatedAndOrphansRemoved() {
        try (TestNode n = new TestNode()) {
            Map<Long, NodeChecks.Ep> before = threePods(n);
            n.cil("daemon", "stop").ok();
            NodeChecks.Ep web1 = before.values().stream().filter(e -> e.pod().equals("default/webpod1")).findFirst().orElseThrow();
            NodeChecks.Ep web2 = before.values().stream().filter(e -> e.pod().equals("default/webpod2")).findFirst().orElseThrow();
            // damage: webpod1 loses its veth, webpod2 its whole namespace; add orphans of every kind
            Proc.run("ip", "-n", n.netns(), "link", "del", web1.ifname()).ok();
            Proc.run("ip", "netns", "del", n.paths().podNetns("default", "webpod2")).ok();
            Proc.run("ip", "netns", "add", n.paths().podNetns("default", "ghost")).ok();
            Proc.run("ip", "-n", n.netns(), "link", "add", "lxcdeadbeef000", "type", "veth", "peer", "name", "ghostpeer").ok();
            n.start();
            assertEquals(before.keySet(), NodeChecks.endpoints(n).keySet());
            NodeChecks.assertConsistent(n);
            assertTrue(!n.endpointNamespaces().contains(n.paths().podNetns("default", "ghost")));
            assertTrue(!n.lxcDevices().contains("lxcdeadbeef000"));
            // the repaired pods have their address and routes again, and the map their new devices
            for (NodeChecks.Ep e : List.of(web1, web2)) {
                String ns = n.paths().podNetns("default", e.pod().substring("default/".length()));
                String routes = Proc.run("ip", "-n", ns, "route").ok().out();
                assertTrue(routes.contains("default via " + NodeChecks.router(n) + " dev eth0"), routes);
                assertTrue(routes.contains(NodeChecks.router(n) + " dev eth0 scope link"), routes);
            }
        }
    }

    /** Every crash point of endpoint create: after a restart the pod is rolled back (or, after "ready", restored). */
    @Test
    void crashAtEachStepOfEndpointCreate() {
        try (TestNode n = new TestNode()) {
            threePods(n);
            n.cil("daemon", "stop").ok();
            String[] steps = {"create.persisted", "create.netns", "create.veth", "create.wired", "create.maps", "create.attached",
                "create.ready"};
            for (String step : steps) {
                n.startCrashingAt(step).ok();
                String pod = "crash-" + step.substring("create.".length());
                Cil.Result r = n.cil("endpoint", "create", pod, "--labels", "app=crash");
                assertNotEquals(0, r.code(), step + ": the create should have died with the daemon");
                waitDaemonGone(n);
                n.start();
                NodeChecks.assertConsistent(n);
                boolean present = NodeChecks.pods(n).contains("default/" + pod);
                assertEquals(step.equals("create.ready"), present, step + ": " + NodeChecks.pods(n));
                if (present) {
                    assertTrue(n.cil("status", "--verbose").ok().out().contains("(default/" + pod + " [restored])"));
                    n.cil("endpoint", "delete", pod).ok();
                }
                n.cil("daemon", "stop").ok();
            }
            n.start();
            NodeChecks.assertConsistent(n);
            assertEquals(3, NodeChecks.pods(n).size());
        }
    }

    /** kill -9 from outside at seeded random moments during endpoint create. */
    @Test
    void killAtRandomMomentsDuringEndpointCreate() throws Exception {
        try (TestNode n = new TestNode()) {
            threePods(n);
            long[] seeds = {1, 7, 42, 1234};
            int present = 0;
            for (long seed : seeds) {
                Random rnd = new Random(seed);
                int delayMs = rnd.nextInt(120);
                String pod = "kill-" + seed;
                CompletableFuture<Cil.Result> create = CompletableFuture.supplyAsync(
                        () -> n.cil("endpoint", "create", pod, "--labels", "app=kill"));
                Thread.sleep(delayMs);
                n.kill9();
                Cil.Result r = create.get(60, TimeUnit.SECONDS);
                n.start();
                NodeChecks.assertConsistent(n);
                boolean there = NodeChecks.pods(n).contains("default/" + pod);
                if (there) present++;
                if (r.code() == 0) assertTrue(there, "seed " + seed + ": create returned OK but the pod is gone");
                System.out.println("seed " + seed + ": kill after " + delayMs + " ms, create exit " + r.code() + ", pod "
                        + (there ? "restored" : "rolled back"));
            }
            assertEquals(3 + present, NodeChecks.pods(n).size());
        }
    }

    @Test
    void deleteReturnsEverythingAndTheAddressIsReused() {
        try (TestNode n = new TestNode()) {
            Map<Long, NodeChecks.Ep> before = threePods(n);
            NodeChecks.Ep web2 = before.values().stream().filter(e -> e.pod().equals("default/webpod2")).findFirst().orElseThrow();
            n.cil("endpoint", "delete", Long.toString(web2.id())).ok();
            NodeChecks.assertConsistent(n);
            assertTrue(!n.lxcDevices().contains(web2.ifname()));
            n.cil("endpoint", "create", "webpod3", "--labels", "app=webpod").ok();
            NodeChecks.Ep web3 = NodeChecks.endpoints(n).values().stream().filter(e -> e.pod().equals("default/webpod3"))
                    .findFirst().orElseThrow();
            assertEquals(web2.ip(), web3.ip(), "the lowest free address");
            assertEquals(web2.identity(), web3.identity(), "same labels, same identity");
            NodeChecks.assertConsistent(n);
        }
    }

    @Test
    void twoNodesShareIdentitiesButNothingElse() {
        try (TestNode a = new TestNode(); TestNode b = new TestNode()) {
            a.start();
            b.start("--pod-cidr", "10.201.0.0/24");
            a.cil("endpoint", "create", "web", "--labels", "app=shared-" + a.name()).ok();
            b.cil("endpoint", "create", "web", "--labels", "app=shared-" + a.name()).ok();
            long ia = NodeChecks.endpoints(a).values().stream().filter(e -> !e.pod().isEmpty()).findFirst().orElseThrow().identity();
            long ib = NodeChecks.endpoints(b).values().stream().filter(e -> !e.pod().isEmpty()).findFirst().orElseThrow().identity();
            assertEquals(ia, ib);
            assertTrue(NodeChecks.router(b).startsWith("10.201.0."));
            NodeChecks.assertConsistent(a);
            NodeChecks.assertConsistent(b);
            JsonNode ids = a.json("identity", "list");
            boolean found = false;
            for (JsonNode i : ids) if (i.get("id").asLong() == ia) found = true;
            assertTrue(found);
            // the pod CIDR of an existing node cannot change behind its back
            b.cil("daemon", "stop").ok();
            Cil.Result r = b.cil("daemon", "start", "--pod-cidr", "10.202.0.0/24");
            assertEquals(1, r.code(), r.err());
            assertTrue(r.err().contains("has pod CIDR 10.201.0.0/24"), r.err());
        }
    }

    static void waitDaemonGone(TestNode n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            var pid = n.pid();
            if (pid.isEmpty() || ProcessHandle.of(pid.get()).map(h -> !h.isAlive()).orElse(true)) return;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("the daemon did not halt at its crash point");
    }

    static List<String> lines(String s) { return new ArrayList<>(List.of(s.split("\n"))); }
}

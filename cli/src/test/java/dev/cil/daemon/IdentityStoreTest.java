package dev.cil.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdentityStoreTest {
    static final List<String> WEB = List.of("k8s:app=webpod", "k8s:io.kubernetes.pod.namespace=default");
    static final List<String> NET = List.of("k8s:app=netpod", "k8s:io.kubernetes.pod.namespace=default");

    @Test
    void sameLabelsSameIdentityFrom256AcrossNodesAndRestarts(@TempDir Path dir) {
        IdentityStore s = new IdentityStore(dir.resolve("identities.json"));
        long web = s.acquire("n1", WEB);
        long net = s.acquire("n1", NET);
        assertEquals(256, web);
        assertEquals(257, net);
        assertEquals(web, s.acquire("n2", WEB));   // another node, same labels
        IdentityStore reopened = new IdentityStore(dir.resolve("identities.json"));   // a restarted daemon
        assertEquals(net, reopened.acquire("n1", NET));
        assertEquals(Map.of("n1", 1, "n2", 1), reopened.get(web).orElseThrow().users());
    }

    @Test
    void releasedIdentitiesStayStableUntilTheirLastNodeIsCleaned(@TempDir Path dir) {
        IdentityStore s = new IdentityStore(dir.resolve("identities.json"));
        long web = s.acquire("n1", WEB);
        s.release("n1", web);
        assertEquals(Map.of("n1", 0), s.get(web).orElseThrow().users());
        assertEquals(web, s.acquire("n1", WEB));   // a pod re-created with the same labels
        s.acquire("n2", WEB);
        s.removeNode("n1");
        assertEquals(Map.of("n2", 1), s.get(web).orElseThrow().users());
        s.removeNode("n2");
        assertTrue(s.get(web).isEmpty());
        assertEquals(256, s.acquire("n3", NET));   // the number is free again
    }

    @Test
    void anIdentityWhoseLastPodWentIsFreedWhenTheNodeIsCleaned(@TempDir Path dir) {
        IdentityStore s = new IdentityStore(dir.resolve("identities.json"));
        long web = s.acquire("n1", WEB);
        long net = s.acquire("n2", NET);
        s.release("n1", web);   // the pod was deleted: no use left, the number stays n1's
        s.removeNode("n1");
        assertTrue(s.get(web).isEmpty(), "not kept forever");
        assertEquals(Map.of("n2", 1), s.get(net).orElseThrow().users());
    }

    @Test
    void setNodeMakesCountsMatchAState(@TempDir Path dir) {
        IdentityStore s = new IdentityStore(dir.resolve("identities.json"));
        long web = s.acquire("n1", WEB);
        s.acquire("n1", WEB);
        s.acquire("n1", WEB);
        s.setNode("n1", Map.of(web, 1));
        assertEquals(Map.of("n1", 1), s.get(web).orElseThrow().users());
        s.setNode("n1", Map.of());
        assertEquals(Map.of("n1", 0), s.get(web).orElseThrow().users(), "n1 used it: kept, with 0 uses");
        s.removeNode("n1");
        assertTrue(s.get(web).isEmpty(), "freed with the last node that used it");
    }

    @Test
    void fillsTheLowestGap(@TempDir Path dir) {
        IdentityStore s = new IdentityStore(dir.resolve("identities.json"));
        long a = s.acquire("x", List.of("k8s:a=1"));
        long b = s.acquire("y", List.of("k8s:b=1"));
        long c = s.acquire("x", List.of("k8s:c=1"));
        assertEquals(List.of(256L, 257L, 258L), List.of(a, b, c));
        s.removeNode("y");
        assertEquals(257, s.acquire("x", List.of("k8s:d=1")));
    }

    /** Two JVMs allocate concurrently through the file lock: every label set gets exactly one number. */
    @Test
    void concurrentProcessesNeverShareOrDuplicateNumbers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("identities.json");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ps.add(new ProcessBuilder(java, "-cp", cp, IdentityStoreWorker.class.getName(), file.toString(), "p" + i, "30")
                    .redirectErrorStream(true).start());
        }
        for (Process p : ps) assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes()));
        IdentityStore s = new IdentityStore(file);
        List<IdentityStore.Entry> all = s.all();
        assertEquals(30, all.size());   // both processes asked for the same 30 label sets
        Set<Long> ids = new HashSet<>();
        for (IdentityStore.Entry e : all) {
            assertTrue(ids.add(e.id()));
            assertEquals(Map.of("p0", 1, "p1", 1), e.users(), e.toString());
        }
        assertTrue(Files.exists(file));
    }
}

package dev.cil.netns;

import dev.cil.error.KeyExistsException;
import dev.cil.error.NoSuchObjectException;
import dev.cil.netlink.Link;
import dev.cil.netlink.Rtnl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.cil.netlink.KernelTestSupport.fdCensus;
import static dev.cil.netlink.KernelTestSupport.run;
import static dev.cil.netlink.KernelTestSupport.tryRun;
import static dev.cil.netlink.KernelTestSupport.unique;
import static dev.cil.netlink.KernelTestSupport.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Named network namespaces against the kernel and iproute2 (root). */
class NetNsKernelIT {
    private final List<String> made = new ArrayList<>();
    private Map<String, Integer> fdsBefore;

    @BeforeEach
    void census() { fdsBefore = fdCensus(); }

    @AfterEach
    void cleanup() {
        for (String n : made) {
            if (Files.exists(Path.of(NetNs.RUN_DIR, n))) tryRun("ip", "netns", "delete", n);
        }
        assertEquals(fdsBefore, fdCensus(), "socket/net fds leaked");
    }

    private String name() {
        String n = unique("cilns");
        made.add(n);
        return n;
    }

    private static List<String> ipNetnsList() {
        List<String> out = new ArrayList<>();
        for (String line : run("ip", "netns", "list").split("\n")) {
            if (!line.isBlank()) out.add(line.split(" ")[0]);
        }
        return out;
    }

    @Test
    void createdNamespaceIsSeenByIproute2AndDeleted() {
        String n = name();
        long inode;
        try (NetNs ns = NetNs.create(n)) {
            assertEquals(n, ns.name().orElseThrow());
            inode = ns.inode();
            try (NetNs self = NetNs.current()) {
                assertNotEquals(self.inode(), inode, "a new namespace differs from ours");
            }
        }
        assertTrue(ipNetnsList().contains(n), "ip netns list shows " + n);
        assertTrue(NetNs.list().contains(n));
        // iproute2 enters the same namespace: its /proc/self/ns/net link names our inode
        String link = run("ip", "netns", "exec", n, "readlink", "/proc/self/ns/net").trim();
        assertEquals("net:[" + inode + "]", link);
        // /run/netns is a shared mount point, as iproute2 makes it
        String mountinfo = run("findmnt", "-n", "-o", "PROPAGATION", NetNs.RUN_DIR).trim();
        assertTrue(mountinfo.contains("shared"), "propagation " + mountinfo);

        NetNs.delete(n);
        assertFalse(ipNetnsList().contains(n));
        assertFalse(NetNs.exists(n));
    }

    @Test
    void iproute2NamespaceOpensAndIsTheSame() {
        String n = name();
        run("ip", "netns", "add", n);
        String link = run("ip", "netns", "exec", n, "readlink", "/proc/self/ns/net").trim();
        try (NetNs ns = NetNs.open(n)) {
            assertEquals(link, "net:[" + ns.inode() + "]");
            try (NetNs again = NetNs.open(n)) {
                assertTrue(again.sameAs(ns));
            }
        }
        NetNs.delete(n);
        assertFalse(ipNetnsList().contains(n), "deleted by us, gone for iproute2");
    }

    @Test
    void missingNamespaceIsATypedOneLineError() {
        String n = name();
        NetNsNotFoundException e = assertThrows(NetNsNotFoundException.class, () -> NetNs.open(n));
        assertEquals("network namespace \"" + n + "\" not found", e.getMessage());
        assertTrue(e instanceof NoSuchObjectException);
        assertThrows(NetNsNotFoundException.class, () -> NetNs.delete(n));
        assertThrows(IllegalArgumentException.class, () -> NetNs.open("../etc"));
    }

    @Test
    void duplicateNameIsRejectedAndLeavesTheFirst() {
        String n = name();
        try (NetNs ns = NetNs.create(n)) {
            KeyExistsException e = assertThrows(KeyExistsException.class, () -> NetNs.create(n));
            assertTrue(e.getMessage().contains("already exists"), e.getMessage());
            try (NetNs again = NetNs.open(n)) {
                assertTrue(again.sameAs(ns));
            }
        } finally {
            NetNs.delete(n);
        }
    }

    @Test
    void runHappensInsideOnAnotherThreadAndCallerStaysOutside() throws Exception {
        String n = name();
        try (NetNs ns = NetNs.create(n); NetNs mine = NetNs.current()) {
            long callerTid = Thread.currentThread().getId();
            long[] seen = ns.run(() -> {
                try (NetNs here = NetNs.current()) {
                    return new long[] {here.inode(), Thread.currentThread().getId()};
                }
            });
            assertEquals(ns.inode(), seen[0]);
            assertNotEquals(callerTid, seen[1]);
            try (NetNs still = NetNs.current()) {
                assertEquals(mine.inode(), still.inode(), "the caller's thread did not move");
            }
            // a fresh namespace has only lo, seen through a socket opened inside and used from here
            try (Rtnl rt = Rtnl.open(ns)) {
                List<Link> links = rt.links();
                assertEquals(List.of("lo"), links.stream().map(Link::name).toList());
            }
            // checked exceptions pass through unchanged
            java.io.IOException thrown = assertThrows(java.io.IOException.class, () -> ns.run(() -> {
                throw new java.io.IOException("boom");
            }));
            assertEquals("boom", thrown.getMessage());
        } finally {
            NetNs.delete(n);
        }
    }

    @Test
    void processStartedFromTheNamespaceInheritsIt() throws Exception {
        String n = name();
        try (NetNs ns = NetNs.create(n)) {
            Process p = ns.start(new ProcessBuilder("readlink", "/proc/self/ns/net"));
            String out = waitFor(p, "readlink").out().trim();
            assertEquals("net:[" + ns.inode() + "]", out);
            // and it still sees our mount namespace (bpffs pins stay visible)
            Process q = ns.start(new ProcessBuilder("readlink", "/proc/self/ns/mnt"));
            assertEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")).toString(), waitFor(q, "readlink").out().trim());
            Process ip = ns.start(new ProcessBuilder("ip", "-o", "link", "show"));
            String links = waitFor(ip, "ip link").out();
            assertEquals(1, Arrays.stream(links.split("\n")).filter(l -> !l.isBlank()).count(), links);
        } finally {
            NetNs.delete(n);
        }
    }
}

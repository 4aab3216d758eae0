package dev.cil.cli.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cil.api.NodePaths;
import dev.cil.testing.Proc;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node for one test class, with a name unique per run ({@code t<pid>n<k>}): runs {@code cil -N NAME …}
 * in-process, starts and kills its daemon (a separate JVM, {@code cil daemon start}), and removes
 * everything with {@code cil daemon clean} at the end, checking that nothing of it is left.
 *
 * <p>Until the BPF loader lands, daemons use the test datapath ({@code dev.cil.daemon.TestDatapath}):
 * real maps, pins and tcx links, pass-through programs.
 */
public final class TestNode implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    public static final String TEST_DATAPATH = "dev.cil.daemon.TestDatapath";

    private final String name;
    private final NodePaths paths;

    public TestNode() {
        name = "t" + ProcessHandle.current().pid() + "n" + COUNTER.incrementAndGet();
        paths = NodePaths.of(name);
    }

    /** Daemons started from now on use the test datapath, unless {@code real} (the loader's). */
    public static void useTestDatapath(boolean test) {
        if (test) System.setProperty("cil.datapath", TEST_DATAPATH);
        else System.clearProperty("cil.datapath");
    }

    public String name() { return name; }

    public NodePaths paths() { return paths; }

    public String netns() { return paths.netns(); }

    public Cil.Result cil(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-N";
        all[1] = name;
        System.arraycopy(args, 0, all, 2, args.length);
        return Cil.run(all);
    }

    public void start(String... extra) {
        List<String> a = new ArrayList<>(List.of("daemon", "start"));
        a.addAll(List.of(extra));
        cil(a.toArray(new String[0])).ok();
    }

    /** Starts the daemon so that it halts at crash point {@code point} (it forwards cil.* properties). */
    public Cil.Result startCrashingAt(String point) {
        System.setProperty("cil.daemon.crashAt", point);
        try {
            return cil("daemon", "start");
        } finally {
            System.clearProperty("cil.daemon.crashAt");
        }
    }

    public Optional<Long> pid() {
        try {
            return Optional.of(Long.parseLong(Files.readString(paths.pidFile()).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** SIGKILL to the daemon, and waits for it to be gone. */
    public void kill9() {
        long pid = pid().orElseThrow(() -> new AssertionError("no daemon pid for " + name));
        ProcessHandle h = ProcessHandle.of(pid).orElseThrow();
        h.destroyForcibly();
        waitGone(h);
    }

    public static void waitGone(ProcessHandle h) {
        try {
            h.onExit().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("process " + h.pid() + " did not exit", e);
        }
    }

    /** JSON of a successful {@code cil -o json …}. */
    public JsonNode json(String... args) {
        String[] a = new String[args.length + 2];
        a[0] = "-o";
        a[1] = "json";
        System.arraycopy(args, 0, a, 2, args.length);
        return Json.parse(cil(a).ok().out());
    }

    /** Endpoint namespaces of this node that exist ({@code cil-NODE_*}). */
    public TreeSet<String> endpointNamespaces() {
        TreeSet<String> out = new TreeSet<>();
        for (String l : Proc.run("ip", "netns", "list").ok().out().split("\n")) {
            String n = l.split(" ")[0];
            if (n.startsWith(paths.endpointNetnsPrefix())) out.add(n);
        }
        return out;
    }

    /** {@code lxc*} devices in the node namespace. */
    public TreeSet<String> lxcDevices() {
        TreeSet<String> out = new TreeSet<>();
        JsonNode links = Json.parse(Proc.run("ip", "-n", netns(), "-j", "link", "show").ok().out());
        for (JsonNode l : links) if (l.get("ifname").asText().startsWith("lxc")) out.add(l.get("ifname").asText());
        return out;
    }

    /** Devices with pinned links (links/DEVICE/). */
    public TreeSet<String> linkPinDevices() {
        TreeSet<String> out = new TreeSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(paths.linkDir())) {
            for (Path p : ds) out.add(p.getFileName().toString());
        } catch (IOException e) {
            // none
        }
        return out;
    }

    @Override
    public void close() {
        Cil.Result r = cil("daemon", "clean");
        assertEquals(0, r.code(), "daemon clean: " + r.err());
        assertTrue(endpointNamespaces().isEmpty(), "namespaces left: " + endpointNamespaces());
        assertTrue(!Proc.run("ip", "netns", "list").ok().out().contains(netns() + " ")
                && !Proc.run("ip", "netns", "list").ok().out().contains(netns() + "\n"), "node namespace left");
        assertTrue(!Files.exists(paths.pinDir()) && !Files.exists(paths.stateDir()) && !Files.exists(paths.runDir()),
                "files left for " + name);
    }
}

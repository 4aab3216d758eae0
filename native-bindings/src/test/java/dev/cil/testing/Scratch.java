package dev.cil.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Unique names for one test class and the undo list of what it made. Names carry the pid and a
 * counter ({@code cilt-<pid>-<n>}), so parallel or aborted runs never collide; {@link #close()} undoes
 * everything in reverse order (netns, pins) and never throws before trying all of it.
 */
public final class Scratch implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private final String prefix;
    private final Path pinDir;
    private final Deque<Runnable> undo = new ArrayDeque<>();

    Scratch(String testClass) throws IOException {
        prefix = "cilt" + ProcessHandle.current().pid() + "x" + COUNTER.incrementAndGet();
        pinDir = Path.of("/sys/fs/bpf", prefix);
        Files.createDirectories(pinDir);
        undo.push(() -> deleteTree(pinDir));
    }

    /** A unique name with a suffix, at most 15 characters when the suffix is short (map and netdev names). */
    public String name(String suffix) {
        String n = prefix + suffix;
        if (n.length() > 15) n = "c" + Integer.toHexString(n.hashCode()) + suffix;
        return n.length() > 15 ? n.substring(0, 15) : n;
    }

    public String prefix() { return prefix; }

    /** A path under this class's own bpffs directory (removed at the end). */
    public String pin(String name) { return pinDir.resolve(name).toString(); }

    public Path pinDir() { return pinDir; }

    /** Registers an undo action (run in reverse order at the end). */
    public void onClose(Runnable r) { undo.push(r); }

    /** Creates a network namespace with iproute2 and registers its deletion. */
    public String netns(String suffix) {
        String ns = name(suffix);
        Proc.run("ip", "netns", "add", ns).ok();
        onClose(() -> Proc.run("ip", "netns", "del", ns));
        return ns;
    }

    @Override
    public void close() {
        while (!undo.isEmpty()) {
            try {
                undo.pop().run();
            } catch (RuntimeException e) {
                System.err.println("cleanup failed: " + e);
            }
        }
    }

    static void deleteTree(Path p) {
        if (!Files.exists(p)) return;
        try (var s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(x -> {
                try {
                    Files.deleteIfExists(x);
                } catch (IOException e) {
                    System.err.println("cannot remove " + x + ": " + e);
                }
            });
        } catch (IOException e) {
            System.err.println("cannot walk " + p + ": " + e);
        }
    }
}

package dev.cil.netlink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** Shared helpers for the kernel tests: unique names, running peer tools, fd census, BPF objects. */
public final class KernelTestSupport {
    private KernelTestSupport() { }

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final long PID = ProcessHandle.current().pid();

    /** A name unique to this run: {@code prefix + pid + counter}, at most 15 bytes (an interface name fits). */
    public static String unique(String prefix) {
        String n = prefix + (PID % 100000) + "x" + COUNTER.incrementAndGet();
        if (n.length() > 15) throw new IllegalStateException("name too long: " + n);
        return n;
    }

    /** Runs a command, returns stdout; a non-zero exit fails with stderr in the message. */
    public static String run(String... argv) {
        Result r = tryRun(argv);
        if (r.exit != 0) throw new AssertionError(String.join(" ", argv) + " exited " + r.exit + ": " + r.err.trim());
        return r.out;
    }

    public record Result(int exit, String out, String err) { }

    public static Result tryRun(String... argv) {
        try {
            return waitFor(new ProcessBuilder(argv).start(), String.join(" ", argv));
        } catch (IOException e) {
            throw new AssertionError("cannot start " + argv[0] + ": " + e.getMessage(), e);
        }
    }

    public static Result waitFor(Process p, String what) {
        try {
            p.getOutputStream().close();
            byte[][] out = new byte[2][];
            Thread t = new Thread(() -> out[1] = readAll(p.getErrorStream()));
            t.start();
            out[0] = readAll(p.getInputStream());
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(what + " did not finish in 60 s");
            }
            t.join();
            return new Result(p.exitValue(), new String(out[0], StandardCharsets.UTF_8), new String(out[1], StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static volatile boolean warmedUp;

    /**
     * Counts of this process's socket, network-namespace and bpf-object fds ({@code socket}, {@code netns},
     * {@code anon_inode:bpf-prog}, ...).
     * The first call loads the native backend first: jffi's start-up opens a unix socket of its own
     * once per process, which is not a leak.
     */
    public static Map<String, Integer> fdCensus() {
        if (!warmedUp) {
            dev.cil.internal.sys.Sys.get();
            warmedUp = true;
        }
        Map<String, Integer> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            for (Path p : (Iterable<Path>) s::iterator) {
                try {
                    String target = Files.readSymbolicLink(p).toString();
                    int colon = target.indexOf(':');
                    String kind = colon > 0 ? target.substring(0, colon) : "file";
                    if (target.startsWith("/run/netns/") || target.matches("/proc/\\d+/(task/\\d+/)?ns/net")) kind = "netns";
                    if (kind.equals("net")) kind = "netns";
                    if (target.startsWith("anon_inode:bpf")) kind = target;
                    if (kind.equals("socket") || kind.equals("netns") || kind.startsWith("anon_inode:bpf")) m.merge(kind, 1, Integer::sum);
                } catch (IOException ignored) {
                    // closed while listing (the listing's own fd)
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return m;
    }

    /** Compiles C source with clang for BPF into {@code dir}; returns the object path. */
    public static Path compileBpf(Path dir, String name, String source) {
        try {
            Path c = dir.resolve(name + ".c");
            Path o = dir.resolve(name + ".o");
            Files.writeString(c, source);
            run("clang", "-O2", "-g", "-target", "bpf", "-I/usr/include/x86_64-linux-gnu", "-c", c.toString(), "-o", o.toString());
            return o;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A tc program (section {@code tc}, returns TC_ACT_OK) and an XDP program (section {@code xdp}, XDP_PASS). */
    public static final String PASS_PROGRAMS = String.join("\n",
            "#include <linux/bpf.h>",
            "#define SEC(n) __attribute__((section(n), used))",
            "SEC(\"tc\") int cil_tc_pass(struct __sk_buff *skb) { return 0; }",
            "SEC(\"xdp\") int cil_xdp_pass(struct xdp_md *ctx) { return 2; }",
            "char _license[] SEC(\"license\") = \"GPL\";", "");

    /** Lists iproute2's view; {@code args} follow {@code ip -n NS -j}. */
    public static List<Map<String, Object>> ipJson(String ns, String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "-n", ns, "-j"));
        argv.addAll(List.of(args));
        return MiniJson.parseArray(run(argv.toArray(new String[0])));
    }
}

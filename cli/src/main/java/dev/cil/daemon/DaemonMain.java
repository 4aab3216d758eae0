package dev.cil.daemon;

import dev.cil.api.NodePaths;
import dev.cil.client.JettySetup;
import dev.cil.netns.NetNs;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The daemon's single entry point for the {@code cil daemon} commands: {@link #run} (foreground),
 * {@link #start} (background, returns when the API answers), {@link #stop} and {@link #clean}.
 * Failures are {@link Failure}s with a one-line message.
 */
public final class DaemonMain {
    private DaemonMain() { }

    /** How to run a node's daemon. {@code podCidr} null: the saved one, or {@value NodeDaemon#DEFAULT_POD_CIDR} for a new node. */
    public record Options(String node, String podCidr, boolean debug) { }

    /** A daemon operation failed; {@code precondition} marks a missing precondition (not root, datapath unavailable). */
    public static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean precondition;

        public Failure(String message, boolean precondition) {
            super(message);
            this.precondition = precondition;
        }

        public boolean precondition() { return precondition; }
    }

    public record Started(long pid, Path socket, Path log) { }

    public record Stopped(long pid, boolean forced) { }

    public record Cleaned(boolean daemonStopped, List<String> namespaces, int processes, boolean pins, boolean state) { }

    public static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    public static final String DEFAULT_POD_CIDR = NodeDaemon.DEFAULT_POD_CIDR;

    // ---------------------------------------------------------------- run

    /**
     * Runs the daemon in this process until SIGTERM/SIGINT; logs to {@code log}. Returns the exit code
     * when start-up fails; on a signal the JVM exits after the shutdown hook has stopped the daemon.
     */
    public static int run(Options o, PrintWriter logStream) {
        requireRoot("the daemon");
        NodePaths p = NodePaths.of(o.node());
        JettySetup.forDaemon();
        DaemonLog log = new DaemonLog(logStream, o.debug());
        FileChannel lockChannel;
        FileLock lock;
        try {
            Files.createDirectories(p.runDir(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            Files.createDirectories(p.stateDir(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            lockChannel = FileChannel.open(p.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = lockChannel.tryLock();
            if (lock == null) {
                lockChannel.close();
                String pid = Procs.readPid(p.pidFile()).map(x -> " (pid " + x + ")").orElse("");
                throw new Failure("the daemon of node " + o.node() + " is already running" + pid, false);
            }
            Files.writeString(p.pidFile(), ProcessHandle.current().pid() + "\n");
        } catch (IOException e) {
            throw new Failure("cannot prepare " + p.runDir() + ": " + e.getMessage(), false);
        }
        log.info("cil daemon for node " + o.node() + " starting (pid " + ProcessHandle.current().pid() + ")");
        NodeDaemon daemon;
        ApiServer api;
        try {
            daemon = new NodeDaemon(p, log, new IdentityStore(NodePaths.identityStore()));
            api = new ApiServer(daemon, p, log);
        } catch (RuntimeException e) {
            release(p, lock, lockChannel);
            throw new Failure("cannot set up the daemon: " + e, false);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable shutdown = () -> {
            log.info("stopping (the datapath stays pinned and keeps forwarding)");
            api.close();
            daemon.close();
            release(p, lock, lockChannel);
            stopped.countDown();
        };
        try {
            daemon.start(o.podCidr());
            api.start();
            FlowService flows = daemon.flows();
            if (flows != null) flows.warmUpInBackground();
        } catch (Exception | Error e) {
            boolean pre = e instanceof DatapathUnavailableException || e instanceof Failure && ((Failure) e).precondition();
            log.error("start-up failed: " + e.getMessage(), o.debug() ? e : null);
            shutdown.run();
            if (e instanceof Failure) throw (Failure) e;
            throw new Failure(String.valueOf(e.getMessage()), pre);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "cil-daemon-shutdown"));
        // loading the datapath (the kernel's BTF for CO-RE, the objects' ELF) fills the heap to its
        // maximum with garbage that no young collection returns: one full collection gives it back
        // (with -XX:-ShrinkHeapInSteps), so an idle node stays small (performance.md section 6)
        System.gc();
        log.info("ready: " + daemon.summary() + ", API on " + p.socket());
        while (true) {
            try {
                stopped.await();
                return 0;
            } catch (InterruptedException e) {
                // keep serving until the shutdown hook ran
            }
        }
    }

    private static void release(NodePaths p, FileLock lock, FileChannel lockChannel) {
        try {
            Files.deleteIfExists(p.pidFile());
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            // exiting anyway
        }
    }

    // ---------------------------------------------------------------- start

    /** Starts {@code cil daemon run} in the background (own session, output to the log file) and waits for its API. */
    public static Started start(Options o) {
        requireRoot("the daemon");
        NodePaths p = NodePaths.of(o.node());
        Optional<Long> running = runningPid(p);
        if (running.isPresent()) throw new Failure("the daemon of node " + o.node() + " is already running (pid " + running.get() + ")", false);
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) cmd.add("/usr/bin/setsid");
        cmd.addAll(javaCommand());
        cmd.addAll(List.of("daemon", "run", "-N", o.node()));
        if (o.podCidr() != null) cmd.addAll(List.of("--pod-cidr", o.podCidr()));
        if (o.debug()) cmd.add("--debug");
        Process proc;
        try {
            Files.createDirectories(p.runDir(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(p.logFile().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().put("CIL_NODE", o.node());
            proc = pb.start();
        } catch (IOException e) {
            throw new Failure("cannot start the daemon: " + e.getMessage(), false);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (accepts(p.socket())) {
                long pid = Procs.readPid(p.pidFile()).orElse(proc.pid());
                return new Started(pid, p.socket(), p.logFile());
            }
            if (!proc.isAlive()) {
                throw new Failure("the daemon of node " + o.node() + " exited with status " + proc.exitValue() + ": "
                        + lastError(p.logFile()) + " (log: " + p.logFile() + ")", proc.exitValue() == 3);
            }
            if (System.nanoTime() > deadline) {
                throw new Failure("the daemon of node " + o.node() + " did not answer within " + START_TIMEOUT.toSeconds()
                        + " s (log: " + p.logFile() + ")", false);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failure("interrupted while waiting for the daemon", false);
            }
        }
    }

    /**
     * Whether the API takes connections: the daemon binds its socket once the server's handlers have
     * started, so a connection means it answers (a stale socket file of a killed daemon refuses).
     * Cheaper than a first HTTP request, which would start an HTTP client and JSON here and the
     * daemon's cold status path there.
     */
    static boolean accepts(Path socket) {
        if (!Files.exists(socket)) return false;
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return false;
        }
    }

    /** The java command line of this JVM: binary, JVM options (minus start-up-archive recording and tier limits), class path and main class. */
    static List<String> javaCommand() {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-XX:AOTCacheOutput") || a.startsWith("-XX:AOTMode") || a.startsWith("-XX:ArchiveClassesAtExit")
                    || a.startsWith("-XX:TieredStopAtLevel") || a.startsWith("-agentlib:jdwp") || a.startsWith("-Dcil.daemon.crashAt")
                    || a.startsWith("-Xms") || a.startsWith("-Xmx") || a.startsWith("-Xss")
                    || a.startsWith("-Djdk.reflect.useNativeAccessorOnly")) {   // a start-up flag; a daemon JITs its reflection
                continue;
            }
            cmd.add(a);
        }
        // a long-lived process: C2 for the event decoding, but a small footprint (performance.md §6: <= 100 MB
        // with 50 endpoints); a user's own -X/-XX flags from JAVA_TOOL_OPTIONS still apply on top
        cmd.addAll(List.of("-Xms16m", "-Xmx96m", "-Xss512k", "-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:-ShrinkHeapInSteps", "-XX:MaxMetaspaceSize=96m",
                "-XX:ReservedCodeCacheSize=48m", "-XX:CICompilerCount=2"));
        // the JIT's scratch memory stays in malloc's arenas after start-up (about 30 MB here): give it
        // back every 10 s where this JVM can (JDK 17.0.9+, 21.0.1+, 22+)
        if (vmKnows("TrimNativeHeapInterval")) cmd.add("-XX:TrimNativeHeapInterval=10000");
        // jffi loads its stub with System.load: JDK 22+ warns (into the daemon's log) unless allowed;
        // `java -jar` reads this from the jar's manifest, the daemon is started with -cp
        if (Runtime.version().feature() >= 22 && cmd.stream().noneMatch(a -> a.startsWith("--enable-native-access"))) {
            cmd.add("--enable-native-access=ALL-UNNAMED");
        }
        for (Map.Entry<Object, Object> e : System.getProperties().entrySet()) {
            String k = String.valueOf(e.getKey());
            if (k.startsWith("cil.") || k.equals("jffi.boot.library.path")) cmd.add("-D" + k + "=" + e.getValue());
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.cil.cli.Main");
        return cmd;
    }

    private static boolean vmKnows(String flag) {
        try {
            ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class).getVMOption(flag);
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException | NullPointerException e) {
            return false;
        }
    }

    private static String lastError(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0 && i >= lines.size() - 50; i--) {
                String l = lines.get(i);
                int e = l.indexOf(" ERROR ");
                if (e >= 0) return l.substring(e + 7);
                if (l.startsWith("cil: ")) return l.substring(5);
            }
            return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
        } catch (IOException e) {
            return "no log";
        }
    }

    // ---------------------------------------------------------------- stop

    /** The pid of the node's running daemon, if there is one. */
    public static Optional<Long> runningPid(NodePaths p) {
        Optional<Long> pid = Procs.readPid(p.pidFile());
        if (pid.isEmpty()) return Optional.empty();
        Optional<ProcessHandle> h = ProcessHandle.of(pid.get());
        if (h.isEmpty() || !h.get().isAlive() || !Procs.isDaemonOf(pid.get(), p.node())) return Optional.empty();
        return pid;
    }

    /** SIGTERM to the node's daemon, SIGKILL after {@code grace}; empty if it was not running. */
    public static Optional<Stopped> stop(String node, Duration grace) {
        NodePaths p = NodePaths.of(node);
        Optional<Long> pid = runningPid(p);
        if (pid.isEmpty()) return Optional.empty();
        ProcessHandle h = ProcessHandle.of(pid.get()).orElse(null);
        if (h == null) return Optional.empty();
        h.destroy();
        boolean forced = false;
        if (!waitExit(h, grace)) {
            h.destroyForcibly();
            forced = true;
            waitExit(h, Duration.ofSeconds(10));
        }
        return Optional.of(new Stopped(pid.get(), forced));
    }

    private static boolean waitExit(ProcessHandle h, Duration d) {
        try {
            h.onExit().get(d.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return !h.isAlive();
        }
    }

    // ---------------------------------------------------------------- clean

    /**
     * Removes everything of a node: its daemon (stopped), the processes in its namespaces, its
     * namespaces (and so its devices), its pins (and so its programs, maps and links), its state and
     * run directories, and its uses of shared identities.
     */
    public static Cleaned clean(String node) {
        requireRoot("cleaning a node");
        NodePaths p = NodePaths.of(node);
        boolean stopped = stop(node, Duration.ofSeconds(5)).isPresent();
        List<String> gone = new ArrayList<>();
        int procs = 0;
        List<String> all = new ArrayList<>(NetNs.list());
        all.sort(Comparator.comparing((String n) -> n.equals(p.netns())));   // endpoints first, the node last
        for (String ns : all) {
            if (!ns.equals(p.netns()) && !ns.startsWith(p.endpointNetnsPrefix())) continue;
            procs += Procs.killAllIn(ns);
            try {
                NetNs.delete(ns);
                gone.add(ns);
            } catch (RuntimeException e) {
                throw new Failure("cannot delete network namespace " + ns + ": " + e.getMessage(), false);
            }
        }
        boolean pins = deleteTree(p.pinDir());
        boolean state = deleteTree(p.stateDir());
        deleteTree(p.runDir());
        // the shared parents go with the last node (another node's files keep them)
        for (Path parent : new Path[] {p.pinDir().getParent(), p.runDir().getParent()}) removeIfEmpty(parent);
        if (Files.exists(NodePaths.identityStore())) new IdentityStore(NodePaths.identityStore()).removeNode(node);
        return new Cleaned(stopped, gone, procs, pins, state);
    }

    private static void removeIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            // another node still lives here
        } catch (IOException e) {
            // best effort: an empty directory is harmless
        }
    }

    private static boolean deleteTree(Path root) {
        if (!Files.exists(root)) return false;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path x : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) Files.deleteIfExists(x);
        } catch (IOException e) {
            throw new Failure("cannot remove " + root + ": " + e.getMessage(), false);
        }
        return true;
    }

    private static void requireRoot(String what) {
        if (!Procs.isRoot()) throw new Failure(what + " needs root (network namespaces, bpffs pins, /var/lib/cil)", true);
    }
}

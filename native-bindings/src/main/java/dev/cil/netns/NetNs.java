package dev.cil.netns;

import dev.cil.error.KeyExistsException;
import dev.cil.internal.sys.ErrnoException;
import dev.cil.internal.sys.Fd;
import dev.cil.internal.sys.Sys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace, held open by an fd; named ones live under {@code /run/netns} exactly as
 * iproute2 keeps them, so {@code ip netns list} shows ours and we open theirs.
 *
 * <p>Work inside the namespace ({@link #run}) executes on a dedicated platform thread that entered
 * it with {@code setns(CLONE_NEWNET)}: the caller's thread never changes namespace, and the worker
 * thread belongs to this handle only (it is never returned to a shared pool; it ends after a few
 * idle seconds or at {@link #close()}). Sockets created there stay in the namespace wherever they are
 * used later, and processes started there ({@link #start}) inherit it. The mount namespace is not
 * changed, so pins under {@code /sys/fs/bpf} stay visible.
 */
public final class NetNs implements AutoCloseable {
    /** Where iproute2 keeps named network namespaces. */
    public static final String RUN_DIR = "/run/netns";

    static final int EINVAL = 22, EEXIST = 17, ENOENT = 2, EINTR = 4;
    private static final long IDLE_SECONDS = 5;
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ThreadLocal<NetNs> WORKER_OF = new ThreadLocal<>();

    /** Work to run inside the namespace; its checked exception passes through {@link #run}. */
    @FunctionalInterface
    public interface Task<T, E extends Exception> {
        T call() throws E;
    }

    private final String name;
    private final String path;
    private final Fd fd;
    private final Object lock = new Object();
    private ThreadPoolExecutor executor;
    private volatile boolean closed;

    private NetNs(String name, String path, Fd fd) {
        this.name = name;
        this.path = path;
        this.fd = fd;
    }

    // ---- named namespaces (iproute2-compatible) ----

    /**
     * Creates a named network namespace as {@code ip netns add NAME} does: {@code /run/netns} is made a
     * shared mount (bind-mounted onto itself first if it is not a mount point), an empty file
     * {@code /run/netns/NAME} is created, and a fresh thread unshares its network namespace and
     * bind-mounts {@code /proc/self/task/<tid>/ns/net} onto it.
     * @throws KeyExistsException if the name is taken
     * @throws NetNsException if a step fails (the file is removed again)
     */
    public static NetNs create(String name) {
        String p = pathOf(name);
        Sys sys = Sys.get();
        prepareRunDir(sys);
        try {
            sys.close(sys.open(p, Sys.O_RDONLY | Sys.O_CREAT | Sys.O_EXCL, 0));
        } catch (ErrnoException e) {
            if (e.errno() == EEXIST) {
                throw new KeyExistsException("create network namespace " + name, e.errno(), "\"" + name + "\" already exists");
            }
            throw new NetNsException("create " + p, e.errno(), null);
        }
        try {
            bindNewNamespace(sys, p);
            return openPath(p, name);
        } catch (RuntimeException e) {
            try { sys.umount2(p, Sys.MNT_DETACH); } catch (ErrnoException ignored) { /* was not mounted */ }
            try { Files.deleteIfExists(Path.of(p)); } catch (IOException ignored) { /* best effort */ }
            throw e;
        }
    }

    private static void prepareRunDir(Sys sys) {
        Path dir = Path.of(RUN_DIR);
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            }
        } catch (IOException e) {
            throw new NetNsException("mkdir " + RUN_DIR, 13, e.getMessage());
        }
        boolean madeMountPoint = false;
        while (true) {
            try {
                sys.mount("", RUN_DIR, "none", Sys.MS_SHARED | Sys.MS_REC);
                return;
            } catch (ErrnoException e) {
                if (e.errno() != EINVAL || madeMountPoint) throw new NetNsException("mount --make-shared " + RUN_DIR, e.errno(), null);
            }
            try {
                sys.mount(RUN_DIR, RUN_DIR, "none", Sys.MS_BIND | Sys.MS_REC);
            } catch (ErrnoException e) {
                throw new NetNsException("mount --bind " + RUN_DIR + " " + RUN_DIR, e.errno(), null);
            }
            madeMountPoint = true;
        }
    }

    /** On a new platform thread: unshare(CLONE_NEWNET), then bind its namespace file onto {@code target}. */
    private static void bindNewNamespace(Sys sys, String target) {
        RuntimeException[] failure = new RuntimeException[1];
        Thread t = new Thread(() -> {
            try {
                sys.unshare(Sys.CLONE_NEWNET);
                String self = "/proc/self/task/" + sys.gettid() + "/ns/net";
                sys.mount(self, target, "none", Sys.MS_BIND);
            } catch (ErrnoException e) {
                failure[0] = new NetNsException("create network namespace " + target, e.errno(), null);
            } catch (RuntimeException e) {
                failure[0] = e;
            }
        }, "netns-create");
        t.setDaemon(true);
        t.start();
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;   // the thread must finish before the file is used or removed
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        if (failure[0] != null) throw failure[0];
    }

    /**
     * Opens the named namespace {@code /run/netns/NAME}.
     * @throws NetNsNotFoundException if there is none by that name
     */
    public static NetNs open(String name) {
        return openPath(pathOf(name), name);
    }

    /** Opens the network namespace at a path ({@code /proc/PID/ns/net}, a bind mount, ...). */
    public static NetNs openPath(String path) {
        return openPath(path, null);
    }

    private static NetNs openPath(String p, String name) {
        Sys sys = Sys.get();
        Fd fd;
        try {
            fd = new Fd(sys.open(p, Sys.O_RDONLY, 0), name != null ? "netns " + name : p);
        } catch (ErrnoException e) {
            if (e.errno() == ENOENT && name != null) throw new NetNsNotFoundException(name);
            throw new NetNsException("open network namespace " + p, e.errno(), null);
        }
        String problem = describeIfNotNetns(fd.raw());
        if (problem != null) {
            fd.close();
            throw new NetNsException("open network namespace " + p, EINVAL, problem);
        }
        return new NetNs(name, p, fd);
    }

    /** The network namespace of the calling thread. */
    public static NetNs current() {
        return openPath("/proc/self/task/" + Sys.get().gettid() + "/ns/net", null);
    }

    /**
     * Deletes a named namespace as {@code ip netns delete NAME} does: lazy unmount, then unlink. The
     * namespace itself lives on while a process, fd or mount still holds it.
     * @throws NetNsNotFoundException if there is none by that name
     */
    public static void delete(String name) {
        String p = pathOf(name);
        Sys sys = Sys.get();
        if (!Files.exists(Path.of(p), LinkOption.NOFOLLOW_LINKS)) throw new NetNsNotFoundException(name);
        try {
            sys.umount2(p, Sys.MNT_DETACH);
        } catch (ErrnoException e) {
            if (e.errno() != EINVAL) throw new NetNsException("umount " + p, e.errno(), null);
        }
        try {
            Files.delete(Path.of(p));
        } catch (NoSuchFileException e) {
            throw new NetNsNotFoundException(name);
        } catch (IOException e) {
            throw new NetNsException("delete network namespace " + name, 16, e.getMessage());
        }
    }

    /** Whether {@code /run/netns/NAME} exists. */
    public static boolean exists(String name) {
        return Files.exists(Path.of(pathOf(name)), LinkOption.NOFOLLOW_LINKS);
    }

    /** The names under {@code /run/netns}, sorted (iproute2's and ours alike). */
    public static List<String> list() {
        Path dir = Path.of(RUN_DIR);
        if (!Files.isDirectory(dir)) return List.of();
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path e : ds) {
                if (Files.isRegularFile(e, LinkOption.NOFOLLOW_LINKS)) out.add(e.getFileName().toString());
            }
        } catch (IOException e) {
            throw new NetNsException("list " + RUN_DIR, 13, e.getMessage());
        }
        Collections.sort(out);
        return out;
    }

    static String pathOf(String name) {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\0') >= 0 || name.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new IllegalArgumentException("invalid network namespace name \"" + name
                    + "\": must be 1-255 bytes without '/' and not '.' or '..'");
        }
        return RUN_DIR + "/" + name;
    }

    /** {@code [st_dev, st_ino]} of what the fd refers to (stat follows the /proc/self/fd magic link). */
    private static long[] statFd(int rawFd) {
        try {
            Path p = Path.of("/proc/self/fd/" + rawFd);
            return new long[] {((Number) Files.getAttribute(p, "unix:dev")).longValue(),
                    ((Number) Files.getAttribute(p, "unix:ino")).longValue()};
        } catch (IOException | UnsupportedOperationException e) {
            return new long[] {-1, -1};
        }
    }

    /** The device number of nsfs, from our own thread's namespace link. */
    private static long nsfsDev() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self/ns/net"), "unix:dev")).longValue();
        } catch (IOException e) {
            return -2;
        }
    }

    /** Whether an fd refers to a network namespace (nsfs, and setns-able as one). */
    private static String describeIfNotNetns(int rawFd) {
        long[] st = statFd(rawFd);
        if (st[0] != nsfsDev()) return "not a namespace file: was it left by a crashed 'netns add'?";
        try {
            String link = Files.readSymbolicLink(Path.of("/proc/self/fd/" + rawFd)).toString();
            if (link.startsWith("net:[") || !link.matches("[a-z_]+:\\[\\d+\\]")) return null;
            return "a " + link.substring(0, link.indexOf(':')) + " namespace, not a network namespace";
        } catch (IOException e) {
            return null;
        }
    }

    // ---- the handle ----

    /** The name under {@code /run/netns}, if this is a named namespace. */
    public Optional<String> name() { return Optional.ofNullable(name); }

    /** The path it was opened from. */
    public String path() { return path; }

    /** The fd holding the namespace (for {@code IFLA_NET_NS_FD}); still owned by this handle. */
    public Fd fd() { return fd; }

    /** The namespace's inode number (what {@code readlink /proc/PID/ns/net} shows as {@code net:[N]}). */
    public long inode() {
        long ino = statFd(fd.raw())[1];
        if (ino < 0) throw new IllegalStateException("cannot stat " + this);
        return ino;
    }

    /** Whether this handle and {@code other} refer to the same namespace. */
    public boolean sameAs(NetNs other) { return inode() == other.inode(); }

    /**
     * Runs {@code task} inside this namespace on this handle's worker thread and returns its result;
     * its exceptions pass through unchanged. Called from the worker itself, it runs directly.
     * @throws NetNsException if the worker could not enter the namespace or the caller was interrupted
     */
    public <T, E extends Exception> T run(Task<T, E> task) throws E {
        if (WORKER_OF.get() == this) return task.call();
        Future<T> f;
        synchronized (lock) {
            if (closed) throw new IllegalStateException("network namespace handle " + this + " is closed");
            if (executor == null) executor = newExecutor();
            f = executor.submit(() -> {
                if (WORKER_OF.get() != this) {
                    throw new NetNsException("setns into " + this, EINVAL, "the worker thread is not in the namespace");
                }
                return task.call();
            });
        }
        try {
            return f.get();
        } catch (ExecutionException ee) {
            Throwable c = ee.getCause();
            if (c instanceof RuntimeException) throw (RuntimeException) c;
            if (c instanceof Error) throw (Error) c;
            @SuppressWarnings("unchecked") E e = (E) c;
            throw e;
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new NetNsException("run in " + this, EINTR, "interrupted while waiting for the task");
        } catch (CancellationException ce) {
            throw new NetNsException("run in " + this, EINTR, "the task was cancelled by close()");
        }
    }

    /**
     * Starts a process inside this namespace (its mount namespace is the caller's): the process is
     * forked from the worker thread, which is in the namespace, so the child inherits it.
     */
    public Process start(ProcessBuilder pb) throws IOException {
        return run(pb::start);
    }

    private ThreadPoolExecutor newExecutor() {
        int raw = fd.raw();
        String label = name != null ? name : path;
        ThreadPoolExecutor ex = new ThreadPoolExecutor(0, 1, IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(() -> {
                try {
                    Sys.get().setns(raw, Sys.CLONE_NEWNET);
                    WORKER_OF.set(this);   // tasks check this; without it they fail instead of running outside
                } catch (RuntimeException e) {
                    System.getLogger("dev.cil.netns").log(System.Logger.Level.WARNING, "setns into " + label + " failed: " + e.getMessage());
                }
                r.run();
            }, "netns-" + label + "-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        return ex;
    }

    /** Stops the worker thread (after its queued tasks) and closes the fd. */
    @Override
    public void close() {
        ThreadPoolExecutor ex;
        synchronized (lock) {
            if (closed) return;
            closed = true;
            ex = executor;
            executor = null;
        }
        if (ex != null) {
            ex.shutdown();
            try {
                if (WORKER_OF.get() != this) ex.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        fd.close();
    }

    @Override
    public String toString() { return name != null ? "netns " + name : "netns " + path; }
}

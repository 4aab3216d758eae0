package dev.cil.internal.sys;

import java.nio.ByteBuffer;

/**
 * The kernel, as the rest of the library sees it: typed system calls written once over a
 * {@link NativeBackend}. Nothing is loaded until the first call ({@link #get()}), so commands that
 * never touch the kernel ({@code --help}, completion) never pay for native start-up.
 *
 * <p>The backend is chosen with {@code -Dcil.native=jffi|jnr} (default {@code jffi}, the fastest to
 * start; see the README). Every method throws {@link ErrnoException} when the call fails.
 */
public final class Sys {
    public static final int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0100, O_EXCL = 0200, O_CLOEXEC = 02000000;
    public static final int PROT_READ = 1, PROT_WRITE = 2, MAP_SHARED = 1, MAP_PRIVATE = 2;
    public static final int CLONE_NEWNET = 0x40000000, CLONE_NEWNS = 0x00020000;
    public static final int MS_BIND = 4096, MS_REC = 16384, MS_SLAVE = 1 << 19, MS_SHARED = 1 << 20, MNT_DETACH = 2;
    public static final int F_DUPFD_CLOEXEC = 1030;
    public static final int AT_FDCWD = -100;

    private static volatile Sys instance;

    private final NativeBackend backend;
    private final SyscallTable nr;

    private Sys(NativeBackend backend, SyscallTable nr) {
        this.backend = backend;
        this.nr = nr;
    }

    /** The process-wide instance; the first call loads the native backend. */
    public static Sys get() {
        Sys s = instance;
        if (s == null) {
            synchronized (Sys.class) {
                s = instance;
                if (s == null) instance = s = new Sys(loadBackend(System.getProperty("cil.native", "jffi")), SyscallTable.current());
            }
        }
        return s;
    }

    static NativeBackend backend() { return get().backend; }

    /**
     * Loads the backend and makes one harmless call ({@code close(-1)}), so the first real call finds
     * the native side ready. A one-shot command runs it on a second thread while its command line is
     * parsed; a failure is left for that first real call to report.
     */
    public static void warmUp() {
        try {
            get().close(-1);
        } catch (RuntimeException | LinkageError e) {
            // reported by the command's own first call
        }
    }

    /** The backend's name, for {@code --debug} and {@code --version}. */
    public String backendName() { return backend.name(); }

    /** A separate instance over a named backend (tests compare backends). */
    public static Sys withBackend(String name) {
        return new Sys(loadBackend(name), SyscallTable.current());
    }

    private static NativeBackend loadBackend(String name) {
        switch (name) {
            case "jffi": return new JffiBackend();
            case "jnr": return new JnrBackend();
            default: throw new IllegalArgumentException("unknown native backend '" + name + "' (jffi, jnr)");
        }
    }

    // ---- bpf(2) ----

    /**
     * {@code bpf(cmd, attr, size)} with {@code size} = the whole buffer. Build attrs with
     * {@link BpfCalls#attr()}: the kernel writes some outputs (e.g. {@code query.revision}) at their offset in
     * {@code union bpf_attr} whatever size we pass, so the buffer must span the whole union.
     */
    public long bpf(int cmd, NativeBuffer attr) {
        try {
            return backend.syscall(nr.bpf, cmd, attr.address(), attr.size(), 0, 0);
        } finally {
            attr.keepAlive();
        }
    }

    // ---- files ----

    public void close(int fd) { backend.syscall(nr.close, fd, 0, 0, 0, 0); }

    public int open(String path, int flags, int mode) {
        NativeBuffer p = NativeBuffer.cString(path);
        try {
            return (int) backend.syscall(nr.openat, AT_FDCWD, p.address(), flags | O_CLOEXEC, mode, 0);
        } finally {
            p.keepAlive();
        }
    }

    public int dupCloexec(int fd) { return (int) backend.syscall(nr.fcntl, fd, F_DUPFD_CLOEXEC, 3, 0, 0); }

    public int read(int fd, NativeBuffer buf, int off, int len) {
        try {
            return (int) backend.syscall(nr.read, fd, buf.address() + off, len, 0, 0);
        } finally {
            buf.keepAlive();
        }
    }

    public int write(int fd, NativeBuffer buf, int off, int len) {
        try {
            return (int) backend.syscall(nr.write, fd, buf.address() + off, len, 0, 0);
        } finally {
            buf.keepAlive();
        }
    }

    public int ioctl(int fd, long request, NativeBuffer arg) {
        try {
            return (int) backend.syscall(nr.ioctl, fd, request, arg == null ? 0 : arg.address(), 0, 0);
        } finally {
            if (arg != null) arg.keepAlive();
        }
    }

    public int ioctl(int fd, long request, long arg) { return (int) backend.syscall(nr.ioctl, fd, request, arg, 0, 0); }

    // ---- memory ----

    public long mmap(long length, int prot, int flags, int fd, long offset) {
        return backend.mmap(0, length, prot, flags, fd, offset);
    }

    public void munmap(long address, long length) { backend.syscall(nr.munmap, address, length, 0, 0, 0); }

    private static volatile int pageSize;

    /** The kernel's page size (AT_PAGESZ from /proc/self/auxv; 4096 if it cannot be read). */
    public static int pageSize() {
        int p = pageSize;
        if (p == 0) {
            p = 4096;
            try {
                java.nio.ByteBuffer aux = java.nio.ByteBuffer.wrap(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/self/auxv")))
                        .order(java.nio.ByteOrder.nativeOrder());
                while (aux.remaining() >= 16) {
                    long type = aux.getLong(), value = aux.getLong();
                    if (type == 6 /* AT_PAGESZ */ && value > 0 && value <= (1 << 30)) {
                        p = (int) value;
                        break;
                    }
                    if (type == 0) break;
                }
            } catch (java.io.IOException | RuntimeException e) {
                // keep 4096: x86_64's only page size
            }
            pageSize = p;
        }
        return p;
    }

    /** A direct buffer over native memory (an mmap'd region); the caller keeps it mapped. */
    public ByteBuffer wrap(long address, int length) { return backend.wrap(address, length); }

    // ---- namespaces ----

    public void setns(int fd, int nstype) { backend.syscall(nr.setns, fd, nstype, 0, 0, 0); }

    public void unshare(int flags) { backend.syscall(nr.unshare, flags, 0, 0, 0, 0); }

    public void mount(String source, String target, String fstype, long flags) {
        NativeBuffer s = source == null ? null : NativeBuffer.cString(source);
        NativeBuffer t = NativeBuffer.cString(target);
        NativeBuffer f = fstype == null ? null : NativeBuffer.cString(fstype);
        try {
            backend.syscall(nr.mount, s == null ? 0 : s.address(), t.address(), f == null ? 0 : f.address(), flags, 0);
        } finally {
            if (s != null) s.keepAlive();
            t.keepAlive();
            if (f != null) f.keepAlive();
        }
    }

    public void umount2(String target, int flags) {
        NativeBuffer t = NativeBuffer.cString(target);
        try {
            backend.syscall(nr.umount2, t.address(), flags, 0, 0, 0);
        } finally {
            t.keepAlive();
        }
    }

    // ---- sockets ----

    public int socket(int domain, int type, int protocol) { return (int) backend.syscall(nr.socket, domain, type, protocol, 0, 0); }

    public void bind(int fd, NativeBuffer sockaddr) {
        try {
            backend.syscall(nr.bind, fd, sockaddr.address(), sockaddr.size(), 0, 0);
        } finally {
            sockaddr.keepAlive();
        }
    }

    public int send(int fd, NativeBuffer buf, int len, int flags) {
        try {
            return (int) backend.syscall(nr.sendto, fd, buf.address(), len, flags, 0);
        } finally {
            buf.keepAlive();
        }
    }

    public int recv(int fd, NativeBuffer buf, int off, int len, int flags) {
        try {
            return (int) backend.syscall(nr.recvfrom, fd, buf.address() + off, len, flags, 0);
        } finally {
            buf.keepAlive();
        }
    }

    public void setsockopt(int fd, int level, int option, int value) {
        NativeBuffer v = NativeBuffer.allocate(4).putInt(0, value);
        try {
            backend.syscall(nr.setsockopt, fd, level, option, v.address(), 4);
        } finally {
            v.keepAlive();
        }
    }

    public void setsockopt(int fd, int level, int option, NativeBuffer value) {
        try {
            backend.syscall(nr.setsockopt, fd, level, option, value.address(), value.size());
        } finally {
            value.keepAlive();
        }
    }

    // ---- epoll / eventfd ----

    public int epollCreate() { return (int) backend.syscall(nr.epollCreate1, O_CLOEXEC, 0, 0, 0, 0); }

    public void epollCtl(int epfd, int op, int fd, int events, long data) {
        NativeBuffer ev = NativeBuffer.allocate(12).putInt(0, events).putLong(4, data);
        try {
            backend.syscall(nr.epollCtl, epfd, op, fd, ev.address(), 0);
        } finally {
            ev.keepAlive();
        }
    }

    /** Waits; {@code events} holds packed 12-byte epoll_event records. Returns the count (0 on timeout). */
    public int epollWait(int epfd, NativeBuffer events, int max, int timeoutMs) {
        try {
            return (int) backend.syscall(nr.epollPwait, epfd, events.address(), max, timeoutMs, 0);
        } finally {
            events.keepAlive();
        }
    }

    public int eventfd(int initial, int flags) { return (int) backend.syscall(nr.eventfd2, initial, flags | O_CLOEXEC, 0, 0, 0); }

    // ---- process ----

    public static final int CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_BOOTTIME = 7;

    /** clock_gettime(clock) as {seconds, nanoseconds}. */
    public long[] clockGettime(int clock) {
        NativeBuffer ts = NativeBuffer.allocate(16);
        try {
            backend.syscall(nr.clockGettime, clock, ts.address(), 0, 0, 0);
            return new long[] {ts.getLong(0), ts.getLong(8)};
        } finally {
            ts.keepAlive();
        }
    }

    public int geteuid() { return (int) backend.syscall(nr.geteuid, 0, 0, 0, 0, 0); }

    public int getpid() { return (int) backend.syscall(nr.getpid, 0, 0, 0, 0, 0); }

    public int gettid() { return (int) backend.syscall(nr.gettid, 0, 0, 0, 0, 0); }

    // ---- added for netlink ----


    /** getsockname(2): fills {@code sockaddr} (its size is the room offered); returns the address length. */
    public int getsockname(int fd, NativeBuffer sockaddr) {
        NativeBuffer lenBuf = NativeBuffer.allocate(4).putInt(0, sockaddr.size());
        try {
            backend.syscall(nr.getsockname, fd, sockaddr.address(), lenBuf.address(), 0, 0);
            return lenBuf.getInt(0);
        } finally {
            sockaddr.keepAlive();
            lenBuf.keepAlive();
        }
    }

    /**
     * recvmsg(2) of one datagram into {@code buf[off, off + len)}, the sender's address written to
     * {@code name} (its size is the room offered). Returns the byte count; with {@code MSG_TRUNC} in
     * {@code flags}, the datagram's full length even when it was longer than {@code len}.
     */
    public int recvmsg(int fd, NativeBuffer buf, int off, int len, int flags, NativeBuffer name) {
        // struct msghdr (56 bytes on LP64) followed by one struct iovec (16 bytes)
        NativeBuffer msg = NativeBuffer.allocate(72);
        msg.putLong(0, name.address()).putInt(8, name.size())
                .putLong(16, msg.address() + 56).putLong(24, 1)
                .putLong(56, buf.address() + off).putLong(64, len);
        try {
            return (int) backend.syscall(nr.recvmsg, fd, msg.address(), flags, 0, 0);
        } finally {
            msg.keepAlive();
            buf.keepAlive();
            name.keepAlive();
        }
    }
}

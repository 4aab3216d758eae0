package dev.cil.internal.sys;

import dev.cil.error.KernelException;

/**
 * bpf(2), one method per command, with the {@code union bpf_attr} layouts of the uapi header.
 * Each call zeroes a fresh attr of exactly the size its fields need (a larger attr with a zero
 * tail is accepted by newer kernels, a non-zero tail is EINVAL). Failures become typed
 * {@link KernelException}s whose op reads {@code COMMAND on OBJECT}.
 */
public final class BpfCalls {
    private BpfCalls() { }

    /** Flags of BPF_MAP_UPDATE_ELEM. */
    public static final int BPF_ANY = 0, BPF_NOEXIST = 1, BPF_EXIST = 2;
    public static final int BPF_F_RDONLY = 1 << 3, BPF_F_WRONLY = 1 << 4;

    static KernelException fail(BpfCmd cmd, String obj, ErrnoException e, String hint) {
        String op = obj == null ? cmd.name() : cmd.name() + " on " + obj;
        int errno = e.errno();
        if ((errno == 1 || errno == 13) && isRoot()) {
            // root was refused: not a privilege problem but the object's state
            String why = hint;
            if (why == null && (cmd == BpfCmd.MAP_UPDATE_ELEM || cmd == BpfCmd.MAP_DELETE_ELEM || cmd == BpfCmd.MAP_UPDATE_BATCH
                    || cmd == BpfCmd.MAP_DELETE_BATCH)) {
                why = "the map is frozen or read-only for user space";
            }
            return new KernelException(op, errno, why);
        }
        return KernelException.of(op, errno, hint);
    }

    private static boolean isRoot() {
        try {
            return Sys.get().geteuid() == 0;
        } catch (ErrnoException ex) {
            return false;
        }
    }

    /**
     * Size of {@code union bpf_attr} on Linux 6.18 (BPF_PROG_LOAD is the largest member). Every attr we pass
     * has this size: the kernel reads min(size, its own) bytes, requires any tail beyond its own to be zero,
     * and writes outputs at their offsets within the union whatever size we pass.
     */
    public static final int ATTR_SIZE = 168;

    /** A zeroed attr spanning the whole union. */
    public static NativeBuffer attr() { return NativeBuffer.allocate(ATTR_SIZE); }

    private static long call(BpfCmd cmd, NativeBuffer attr, String obj) {
        try {
            return Sys.get().bpf(cmd.number, attr);
        } catch (ErrnoException e) {
            throw fail(cmd, obj, e, null);
        }
    }

    /** Raw call: returns the result or throws ErrnoException (for callers that treat an errno as an answer). */
    public static long raw(BpfCmd cmd, NativeBuffer attr) { return Sys.get().bpf(cmd.number, attr); }

    // ---- maps ----

    public record MapCreate(int type, int keySize, int valueSize, int maxEntries, int flags, int innerMapFd,
                            String name, int btfFd, int btfKeyTypeId, int btfValueTypeId, long mapExtra,
                            int ifindex) {
        public static MapCreate of(int type, int keySize, int valueSize, int maxEntries, int flags, String name) {
            return new MapCreate(type, keySize, valueSize, maxEntries, flags, 0, name, 0, 0, 0, 0, 0);
        }
    }

    /** MAP_CREATE; returns the new map's fd. */
    public static int mapCreate(MapCreate m) {
        NativeBuffer a = attr();
        a.putInt(0, m.type()).putInt(4, m.keySize()).putInt(8, m.valueSize()).putInt(12, m.maxEntries())
                .putInt(16, m.flags()).putInt(20, m.innerMapFd());
        putName(a, 28, m.name());
        a.putInt(44, m.ifindex()).putInt(48, m.btfFd()).putInt(52, m.btfKeyTypeId()).putInt(56, m.btfValueTypeId())
                .putLong(64, m.mapExtra());
        try {
            return (int) Sys.get().bpf(BpfCmd.MAP_CREATE.number, a);
        } catch (ErrnoException e) {
            String hint = e.errno() == 1 ? "need root or CAP_BPF; on old kernels raise RLIMIT_MEMLOCK" : null;
            throw fail(BpfCmd.MAP_CREATE, "map " + (m.name() == null || m.name().isEmpty() ? "(unnamed)" : m.name()), e, hint);
        }
    }

    static void putName(NativeBuffer a, int off, String name) {
        if (name == null) return;
        byte[] b = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        a.put(off, java.util.Arrays.copyOf(b, Math.min(b.length, 15)));
    }

    private static NativeBuffer elemAttr(int fd, long key, long value, long flags) {
        return attr().putInt(0, fd).putLong(8, key).putLong(16, value).putLong(24, flags);
    }

    /** MAP_LOOKUP_ELEM; false when the key is absent (ENOENT). */
    public static boolean mapLookup(int fd, NativeBuffer key, NativeBuffer value, long flags, String obj) {
        NativeBuffer a = elemAttr(fd, key.address(), value.address(), flags);
        try {
            Sys.get().bpf(BpfCmd.MAP_LOOKUP_ELEM.number, a);
            return true;
        } catch (ErrnoException e) {
            if (e.errno() == 2) return false;
            throw fail(BpfCmd.MAP_LOOKUP_ELEM, obj, e, null);
        } finally {
            key.keepAlive();
            value.keepAlive();
        }
    }

    /** MAP_UPDATE_ELEM with BPF_ANY, BPF_NOEXIST or BPF_EXIST. */
    public static void mapUpdate(int fd, NativeBuffer key, NativeBuffer value, long flags, String obj) {
        try {
            call(BpfCmd.MAP_UPDATE_ELEM, elemAttr(fd, key.address(), value.address(), flags), obj);
        } finally {
            key.keepAlive();
            value.keepAlive();
        }
    }

    /** MAP_DELETE_ELEM; false when the key is absent. */
    public static boolean mapDelete(int fd, NativeBuffer key, String obj) {
        try {
            Sys.get().bpf(BpfCmd.MAP_DELETE_ELEM.number, elemAttr(fd, key.address(), 0, 0));
            return true;
        } catch (ErrnoException e) {
            if (e.errno() == 2) return false;
            throw fail(BpfCmd.MAP_DELETE_ELEM, obj, e, null);
        } finally {
            key.keepAlive();
        }
    }

    /** MAP_GET_NEXT_KEY; {@code key} null for the first key. False at the end. */
    public static boolean mapGetNextKey(int fd, NativeBuffer key, NativeBuffer next, String obj) {
        try {
            Sys.get().bpf(BpfCmd.MAP_GET_NEXT_KEY.number, elemAttr(fd, key == null ? 0 : key.address(), next.address(), 0));
            return true;
        } catch (ErrnoException e) {
            if (e.errno() == 2) return false;
            throw fail(BpfCmd.MAP_GET_NEXT_KEY, obj, e, null);
        } finally {
            if (key != null) key.keepAlive();
            next.keepAlive();
        }
    }

    /** MAP_FREEZE. */
    public static void mapFreeze(int fd, String obj) {
        call(BpfCmd.MAP_FREEZE, attr().putInt(0, fd), obj);
    }

    /** The result of one batch call: how many entries came back and whether the walk ended. */
    public record BatchResult(int count, boolean done) { }

    /**
     * MAP_LOOKUP_BATCH (or LOOKUP_AND_DELETE_BATCH). {@code inBatch} null on the first call; the
     * kernel writes the resume token to {@code outBatch}. ENOENT ends the walk but still reports the
     * entries of the last partial batch.
     */
    public static BatchResult mapLookupBatch(BpfCmd cmd, int fd, NativeBuffer inBatch, NativeBuffer outBatch,
                                             NativeBuffer keys, NativeBuffer values, int count, String obj) {
        NativeBuffer a = attr();
        a.putLong(0, inBatch == null ? 0 : inBatch.address()).putLong(8, outBatch.address())
                .putLong(16, keys.address()).putLong(24, values.address()).putInt(32, count).putInt(36, fd);
        try {
            Sys.get().bpf(cmd.number, a);
            return new BatchResult(a.getInt(32), false);
        } catch (ErrnoException e) {
            if (e.errno() == 2) return new BatchResult(a.getInt(32), true);
            throw fail(cmd, obj, e, null);
        } finally {
            if (inBatch != null) inBatch.keepAlive();
            outBatch.keepAlive();
            keys.keepAlive();
            values.keepAlive();
        }
    }

    /** MAP_UPDATE_BATCH; returns how many entries were written. */
    public static int mapUpdateBatch(int fd, NativeBuffer keys, NativeBuffer values, int count, long elemFlags, String obj) {
        NativeBuffer a = attr();
        a.putLong(16, keys.address()).putLong(24, values.address()).putInt(32, count).putInt(36, fd).putLong(40, elemFlags);
        try {
            Sys.get().bpf(BpfCmd.MAP_UPDATE_BATCH.number, a);
            return a.getInt(32);
        } catch (ErrnoException e) {
            throw fail(BpfCmd.MAP_UPDATE_BATCH, obj + " (" + a.getInt(32) + " of " + count + " written)", e, null);
        } finally {
            keys.keepAlive();
            values.keepAlive();
        }
    }

    /** MAP_DELETE_BATCH; returns how many keys were deleted. */
    public static int mapDeleteBatch(int fd, NativeBuffer keys, int count, String obj) {
        NativeBuffer a = attr();
        a.putLong(16, keys.address()).putInt(32, count).putInt(36, fd);
        try {
            Sys.get().bpf(BpfCmd.MAP_DELETE_BATCH.number, a);
            return a.getInt(32);
        } catch (ErrnoException e) {
            throw fail(BpfCmd.MAP_DELETE_BATCH, obj + " (" + a.getInt(32) + " of " + count + " deleted)", e, null);
        } finally {
            keys.keepAlive();
        }
    }

    // ---- objects ----

    /** OBJ_PIN. */
    public static void objPin(int fd, String path, String obj) {
        NativeBuffer p = NativeBuffer.cString(path);
        NativeBuffer a = attr().putLong(0, p.address()).putInt(8, fd);
        try {
            call(BpfCmd.OBJ_PIN, a, obj + " at " + path);
        } finally {
            p.keepAlive();
        }
    }

    /** OBJ_GET; returns a new fd for the pinned object. */
    public static int objGet(String path, int fileFlags) {
        NativeBuffer p = NativeBuffer.cString(path);
        NativeBuffer a = attr().putLong(0, p.address()).putInt(12, fileFlags);
        try {
            return (int) Sys.get().bpf(BpfCmd.OBJ_GET.number, a);
        } catch (ErrnoException e) {
            throw KernelException.of("bpf obj get (" + path + ")", e.errno(), null);
        } finally {
            p.keepAlive();
        }
    }

    /** *_GET_NEXT_ID; returns the next id after {@code start}, or 0 at the end. */
    public static int getNextId(BpfCmd cmd, int start) {
        NativeBuffer a = attr().putInt(0, start);
        try {
            Sys.get().bpf(cmd.number, a);
            return a.getInt(4);
        } catch (ErrnoException e) {
            if (e.errno() == 2) return 0;
            throw fail(cmd, null, e, e.errno() == 1 ? "need root or CAP_SYS_ADMIN to list BPF objects" : null);
        }
    }

    /** *_GET_FD_BY_ID; returns a new fd. */
    public static int getFdById(BpfCmd cmd, int id, int openFlags, String kind) {
        NativeBuffer a = attr().putInt(0, id).putInt(8, openFlags);
        try {
            return (int) Sys.get().bpf(cmd.number, a);
        } catch (ErrnoException e) {
            throw KernelException.of(cmd.name() + " on " + kind + " " + Integer.toUnsignedString(id), e.errno(), null);
        }
    }

    /** OBJ_GET_INFO_BY_FD into {@code info}; returns the length the kernel filled. */
    public static int objGetInfo(int fd, NativeBuffer info, String obj) {
        NativeBuffer a = attr().putInt(0, fd).putInt(4, info.size()).putLong(8, info.address());
        try {
            call(BpfCmd.OBJ_GET_INFO_BY_FD, a, obj);
            return a.getInt(4);
        } finally {
            info.keepAlive();
        }
    }

    /** The result of PROG_QUERY. */
    public record QueryResult(int attachFlags, int[] progIds, int[] progAttachFlags, int[] linkIds, long revision) { }

    /** PROG_QUERY on a target (cgroup fd, netns fd or ifindex for tcx); up to {@code max} programs. */
    public static QueryResult progQuery(int target, int attachType, int queryFlags, int max, String obj) {
        NativeBuffer ids = NativeBuffer.allocate(4 * max);
        NativeBuffer pflags = NativeBuffer.allocate(4 * max);
        NativeBuffer links = NativeBuffer.allocate(4 * max);
        NativeBuffer a = attr();
        a.putInt(0, target).putInt(4, attachType).putInt(8, queryFlags).putLong(16, ids.address()).putInt(24, max)
                .putLong(32, pflags.address()).putLong(40, links.address());
        try {
            call(BpfCmd.PROG_QUERY, a, obj);
            int n = Math.min(a.getInt(24), max);
            int[] p = new int[n], pf = new int[n], l = new int[n];
            for (int i = 0; i < n; i++) {
                p[i] = ids.getInt(4 * i);
                pf[i] = pflags.getInt(4 * i);
                l[i] = links.getInt(4 * i);
            }
            return new QueryResult(a.getInt(12), p, pf, l, a.getLong(56));
        } finally {
            ids.keepAlive();
            pflags.keepAlive();
            links.keepAlive();
        }
    }

    // ---- programs and links ----

    /** Parameters of PROG_LOAD; arrays are passed by the caller in native buffers. */
    public record ProgLoad(int type, NativeBuffer insns, int insnCount, String license, String name,
                           int expectedAttachType, int progFlags, int btfFd, NativeBuffer funcInfo, int funcInfoRecSize,
                           int funcInfoCount, NativeBuffer lineInfo, int lineInfoRecSize, int lineInfoCount,
                           int attachBtfId, int attachBtfObjFd, NativeBuffer fdArray, int ifindex) {
        public static ProgLoad of(int type, NativeBuffer insns, String license, String name) {
            return new ProgLoad(type, insns, insns.size() / 8, license, name, 0, 0, 0, null, 0, 0, null, 0, 0, 0, 0, null, 0);
        }
    }

    /**
     * PROG_LOAD; returns the program fd. A rejection is retried once with a verifier log (level 1,
     * growing the buffer up to 16 MiB as libbpf does) and reported as a {@link dev.cil.error.VerifierException}.
     */
    public static int progLoad(ProgLoad p, String obj) {
        NativeBuffer license = NativeBuffer.cString(p.license() == null ? "" : p.license());
        try {
            return (int) Sys.get().bpf(BpfCmd.PROG_LOAD.number, progLoadAttr(p, license, null, 0));
        } catch (ErrnoException first) {
            if (first.errno() != 22 && first.errno() != 13 && first.errno() != 7 && first.errno() != 28) {
                throw fail(BpfCmd.PROG_LOAD, obj, first, null);
            }
            int size = 1 << 20;
            while (true) {
                NativeBuffer log = NativeBuffer.allocate(size);
                try {
                    return (int) Sys.get().bpf(BpfCmd.PROG_LOAD.number, progLoadAttr(p, license, log, 1));
                } catch (ErrnoException e) {
                    if (e.errno() == 28 && size < (16 << 20)) { // ENOSPC: the log did not fit
                        size <<= 2;
                        continue;
                    }
                    String text = log.cString(0, size);
                    throw new dev.cil.error.VerifierException(BpfCmd.PROG_LOAD.name() + " on " + obj, e.errno(), text);
                } finally {
                    log.keepAlive();
                }
            }
        } finally {
            license.keepAlive();
            p.insns().keepAlive();
        }
    }

    private static NativeBuffer progLoadAttr(ProgLoad p, NativeBuffer license, NativeBuffer log, int level) {
        NativeBuffer a = attr();
        a.putInt(0, p.type()).putInt(4, p.insnCount()).putLong(8, p.insns().address()).putLong(16, license.address());
        if (log != null) a.putInt(24, level).putInt(28, log.size()).putLong(32, log.address());
        a.putInt(44, p.progFlags());
        putName(a, 48, p.name());
        a.putInt(64, p.ifindex()).putInt(68, p.expectedAttachType()).putInt(72, p.btfFd());
        if (p.funcInfo() != null) a.putInt(76, p.funcInfoRecSize()).putLong(80, p.funcInfo().address()).putInt(88, p.funcInfoCount());
        if (p.lineInfo() != null) a.putInt(92, p.lineInfoRecSize()).putLong(96, p.lineInfo().address()).putInt(104, p.lineInfoCount());
        a.putInt(108, p.attachBtfId()).putInt(112, p.attachBtfObjFd());
        if (p.fdArray() != null) a.putLong(120, p.fdArray().address());
        return a;
    }

    /** BTF_LOAD; returns the BTF fd. On rejection the kernel's BTF log is in the exception's hint. */
    public static int btfLoad(NativeBuffer btf, String obj) {
        try {
            return (int) Sys.get().bpf(BpfCmd.BTF_LOAD.number, attr().putLong(0, btf.address()).putInt(16, btf.size()));
        } catch (ErrnoException first) {
            NativeBuffer log = NativeBuffer.allocate(1 << 16);
            NativeBuffer a = attr().putLong(0, btf.address()).putLong(8, log.address()).putInt(16, btf.size())
                    .putInt(20, log.size()).putInt(24, 1);
            try {
                return (int) Sys.get().bpf(BpfCmd.BTF_LOAD.number, a);
            } catch (ErrnoException e) {
                String text = log.cString(0, log.size()).trim();
                int nl = text.lastIndexOf('\n');
                throw fail(BpfCmd.BTF_LOAD, obj, e, text.isEmpty() ? null : "BTF log: " + (nl < 0 ? text : text.substring(nl + 1)));
            } finally {
                log.keepAlive();
            }
        } finally {
            btf.keepAlive();
        }
    }

    /** LINK_CREATE; {@code target} is an ifindex (tcx, xdp, netkit) or an fd (cgroup, netns). Returns the link fd. */
    public static int linkCreate(int progFd, int target, int attachType, int flags, int relativeFdOrId, long expectedRevision, String obj) {
        NativeBuffer a = attr().putInt(0, progFd).putInt(4, target).putInt(8, attachType).putInt(12, flags)
                .putInt(16, relativeFdOrId).putLong(24, expectedRevision);
        return (int) call(BpfCmd.LINK_CREATE, a, obj);
    }

    /** Flags of PROG_ATTACH / LINK_CREATE for multi-program attach points (tcx, netkit). */
    public static final int BPF_F_REPLACE = 1 << 2, BPF_F_BEFORE = 1 << 3, BPF_F_AFTER = 1 << 4, BPF_F_ID = 1 << 5,
            BPF_F_LINK = 1 << 13;

    /** PROG_ATTACH (no link: the attachment lives until detached). */
    public static void progAttach(int target, int progFd, int attachType, int flags, int relativeFdOrId, long expectedRevision, String obj) {
        NativeBuffer a = attr().putInt(0, target).putInt(4, progFd).putInt(8, attachType).putInt(12, flags)
                .putInt(20, relativeFdOrId).putLong(24, expectedRevision);
        call(BpfCmd.PROG_ATTACH, a, obj);
    }

    /** PROG_DETACH; {@code progFd} 0 detaches the attach point's program where the kernel allows it. */
    public static void progDetach(int target, int progFd, int attachType, int flags, String obj) {
        NativeBuffer a = attr().putInt(0, target).putInt(4, progFd).putInt(8, attachType).putInt(12, flags);
        call(BpfCmd.PROG_DETACH, a, obj);
    }

    /** LINK_DETACH: the link stays as an object but no longer attaches its program. */
    public static void linkDetach(int linkFd, String obj) {
        call(BpfCmd.LINK_DETACH, attr().putInt(0, linkFd), obj);
    }

    /** What PROG_TEST_RUN returned: the program's return value, the mean run time and the output packet. */
    public record TestRun(int retval, int durationNs, byte[] dataOut) { }

    /**
     * PROG_TEST_RUN: runs a loaded program {@code repeat} times (0 = once) on {@code dataIn} (a packet
     * for skb and xdp programs) and returns its result. {@code dataOutSize} is the room offered for
     * the output packet (0: none).
     */
    public static TestRun progTestRun(int progFd, byte[] dataIn, int dataOutSize, int repeat, String obj) {
        NativeBuffer in = NativeBuffer.of(dataIn);
        NativeBuffer out = dataOutSize > 0 ? NativeBuffer.allocate(dataOutSize) : null;
        NativeBuffer a = attr().putInt(0, progFd).putInt(8, dataIn.length).putInt(12, dataOutSize)
                .putLong(16, in.address()).putLong(24, out == null ? 0 : out.address()).putInt(32, repeat);
        try {
            call(BpfCmd.PROG_TEST_RUN, a, obj);
            int outLen = Math.min(a.getInt(12), dataOutSize);
            return new TestRun(a.getInt(4), a.getInt(36), out == null ? new byte[0] : out.bytes(0, outLen));
        } finally {
            in.keepAlive();
            if (out != null) out.keepAlive();
        }
    }

    /** PROG_BIND_MAP: the program holds a reference to the map (libbpf binds .rodata so it shows in map_ids). */
    public static void progBindMap(int progFd, int mapFd, String obj) {
        call(BpfCmd.PROG_BIND_MAP, attr().putInt(0, progFd).putInt(4, mapFd), obj);
    }

    /** ENABLE_STATS (BPF_STATS_RUN_TIME = 0): statistics stay on while the returned fd is open. */
    public static int enableStats(int type) {
        return (int) call(BpfCmd.ENABLE_STATS, attr().putInt(0, type), null);
    }
}

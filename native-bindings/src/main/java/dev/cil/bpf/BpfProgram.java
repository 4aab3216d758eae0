package dev.cil.bpf;

import dev.cil.error.KernelException;
import dev.cil.internal.sys.BpfCalls;
import dev.cil.internal.sys.ErrnoException;
import dev.cil.internal.sys.Fd;
import dev.cil.internal.sys.NativeBuffer;

/** A live BPF program: an owned fd. Close it, or pin it to keep it loaded after the process exits. */
public final class BpfProgram implements AutoCloseable {
    private final Fd fd;

    BpfProgram(Fd fd) { this.fd = fd; }

    /** Takes ownership of an fd that refers to a program. */
    public static BpfProgram adopt(Fd fd) { return new BpfProgram(fd); }

    public static BpfProgram openById(ProgramId id) {
        return new BpfProgram(BpfObjects.openById(BpfObjects.Kind.PROG, id.value(), 0));
    }

    public static BpfProgram openPinned(String path) {
        return new BpfProgram(BpfObjects.openPinned(path, BpfObjects.Kind.PROG, 0));
    }

    public Fd fd() { return fd; }

    /** The kernel's view of the program, with the full BTF name, map ids and memlock filled in. */
    public ProgramInfo info() {
        int raw = fd.raw();
        String what = fd.what();
        NativeBuffer b = NativeBuffer.allocate(ProgramInfo.SIZE);
        boolean orphaned = false;
        try {
            BpfCalls.objGetInfo(raw, b, what);
        } catch (KernelException e) {
            // ENODEV: an offloaded program whose device is gone; the info is still filled (bpftool: orphaned)
            if (e.errnoNumber() != 19) throw e;
            orphaned = true;
        }
        int nrMaps = b.getInt(52);
        int[] mapIds = new int[0];
        if (nrMaps > 0) {
            NativeBuffer ids = NativeBuffer.allocate(4 * nrMaps);
            NativeBuffer q = NativeBuffer.allocate(ProgramInfo.SIZE).putInt(52, nrMaps).putLong(56, ids.address());
            objGetInfoQuiet(raw, q, what);
            int n = Math.min(nrMaps, q.getInt(52));
            mapIds = new int[n];
            for (int i = 0; i < n; i++) mapIds[i] = ids.getInt(4 * i);
            ids.keepAlive();
        }
        String name = b.cString(64, 16);
        String fullName = null;
        if (name.length() >= 15 && b.getInt(128) != 0 && b.getInt(144) != 0) fullName = btfFuncName(raw, b, what);
        long memlock = FdInfo.read(raw).getLong("memlock", -1);
        return ProgramInfo.decode(b, mapIds, fullName, memlock, orphaned);
    }

    private static void objGetInfoQuiet(int fd, NativeBuffer q, String what) {
        try {
            BpfCalls.objGetInfo(fd, q, what);
        } catch (KernelException e) {
            if (e.errnoNumber() != 19) throw e;
        }
    }

    /** The name of the program's main function from its BTF (bpftool's get_prog_full_name), or null. */
    private static String btfFuncName(int fd, NativeBuffer info, String what) {
        int recSize = Math.min(info.getInt(132), 8);
        if (recSize < 8) return null;
        NativeBuffer rec = NativeBuffer.allocate(8);
        NativeBuffer q = NativeBuffer.allocate(ProgramInfo.SIZE).putInt(132, recSize).putLong(136, rec.address())
                .putInt(144, 1);
        try {
            objGetInfoQuiet(fd, q, what);
            int typeId = rec.getInt(4);
            int btfId = q.getInt(128);
            try (Btf btf = Btf.openById(new BtfId(btfId))) {
                return BtfNames.funcName(btf.bytes(), typeId);
            }
        } catch (KernelException | ErrnoException e) {
            return null;
        } finally {
            rec.keepAlive();
        }
    }

    /** The program's BTF object id (0: none), with a single info call. */
    public int btfId() {
        NativeBuffer b = NativeBuffer.allocate(ProgramInfo.SIZE);
        try {
            BpfCalls.objGetInfo(fd.raw(), b, fd.what());
        } catch (KernelException e) {
            if (e.errnoNumber() != 19) throw e;
        }
        return b.getInt(128);
    }

    /** The translated (post-verifier) instructions, as the kernel reports them. */
    public byte[] xlatedInstructions() {
        NativeBuffer b = NativeBuffer.allocate(ProgramInfo.SIZE);
        BpfCalls.objGetInfo(fd.raw(), b, fd.what());
        int len = b.getInt(20);
        NativeBuffer insns = NativeBuffer.allocate(len);
        NativeBuffer q = NativeBuffer.allocate(ProgramInfo.SIZE).putInt(20, len).putLong(32, insns.address());
        BpfCalls.objGetInfo(fd.raw(), q, fd.what());
        byte[] out = insns.bytes(0, Math.min(len, q.getInt(20)));
        insns.keepAlive();
        return out;
    }

    /** Pins the program at a bpffs path. */
    public void pin(String path) { BpfCalls.objPin(fd.raw(), path, fd.what()); }

    @Override public void close() { fd.close(); }
}

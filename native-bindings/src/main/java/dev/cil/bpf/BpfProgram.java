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

    /**
     * What a disassembler needs about the translated program, read with two OBJ_GET_INFO_BY_FD calls
     * (counts first, then the arrays), the way bpftool's {@code prog dump xlated} asks for them.
     *
     * @param insns              the translated instructions (8 bytes each; map pointers given back as
     *                           map ids, helper calls as offsets from {@code __bpf_call_base})
     * @param jitedKsyms         the JIT image address of the program and of each subprogram (empty if
     *                           not JITed, zeros when the caller may not see kernel addresses)
     * @param jitedFuncLens      the JIT image length of each of them
     * @param btfId              the program's BTF object id, 0 without BTF
     * @param funcInfo           raw {@code struct bpf_func_info} records ({@code insn_off}, {@code type_id})
     * @param funcInfoRecSize    the size of one func_info record
     * @param lineInfo           raw {@code struct bpf_line_info} records ({@code insn_off},
     *                           {@code file_name_off}, {@code line_off}, {@code line_col})
     * @param lineInfoRecSize    the size of one line_info record
     * @param jitedLineInfo      raw JIT addresses, one per line_info record
     * @param jitedLineInfoRecSize the size of one jited_line_info record
     */
    public record XlatedDump(byte[] insns, long[] jitedKsyms, int[] jitedFuncLens, int btfId,
                             byte[] funcInfo, int funcInfoRecSize, byte[] lineInfo, int lineInfoRecSize,
                             byte[] jitedLineInfo, int jitedLineInfoRecSize) { }

    /** The translated instructions with the JIT symbols, func_info and line_info that describe them. */
    public XlatedDump xlatedDump() {
        int raw = fd.raw();
        NativeBuffer b = NativeBuffer.allocate(ProgramInfo.SIZE);
        BpfCalls.objGetInfo(raw, b, fd.what());
        int xlatedLen = b.getInt(20);
        int nrKsyms = b.getInt(104), nrFuncLens = b.getInt(108);
        int finfoRec = b.getInt(132), nrFinfo = b.getInt(144);
        int nrLinfo = b.getInt(148), linfoRec = b.getInt(172);
        int nrJlinfo = b.getInt(168), jlinfoRec = b.getInt(176);
        NativeBuffer insns = NativeBuffer.allocate(xlatedLen);
        NativeBuffer ksyms = NativeBuffer.allocate(8 * nrKsyms);
        NativeBuffer lens = NativeBuffer.allocate(4 * nrFuncLens);
        NativeBuffer finfo = NativeBuffer.allocate(nrFinfo * finfoRec);
        NativeBuffer linfo = NativeBuffer.allocate(nrLinfo * linfoRec);
        NativeBuffer jlinfo = NativeBuffer.allocate(nrJlinfo * jlinfoRec);
        NativeBuffer q = NativeBuffer.allocate(ProgramInfo.SIZE)
                .putInt(20, xlatedLen).putLong(32, insns.address())
                .putInt(104, nrKsyms).putLong(112, ksyms.address())
                .putInt(108, nrFuncLens).putLong(120, lens.address())
                .putInt(132, finfoRec).putLong(136, finfo.address()).putInt(144, nrFinfo)
                .putInt(148, nrLinfo).putInt(172, linfoRec).putLong(152, linfo.address())
                .putInt(168, nrJlinfo).putInt(176, jlinfoRec).putLong(160, jlinfo.address());
        try {
            BpfCalls.objGetInfo(raw, q, fd.what());
            // the kernel reports its own counts: copy no more than it had and we asked for
            int n = Math.min(xlatedLen, q.getInt(20));
            long[] ks = new long[Math.min(nrKsyms, q.getInt(104))];
            for (int i = 0; i < ks.length; i++) ks[i] = ksyms.getLong(8 * i);
            int[] fl = new int[Math.min(nrFuncLens, q.getInt(108))];
            for (int i = 0; i < fl.length; i++) fl[i] = lens.getInt(4 * i);
            int fi = Math.min(nrFinfo, q.getInt(144)), li = Math.min(nrLinfo, q.getInt(148));
            int jli = Math.min(nrJlinfo, q.getInt(168));
            return new XlatedDump(insns.bytes(0, n), ks, fl, q.getInt(128),
                    finfo.bytes(0, fi * finfoRec), finfoRec, linfo.bytes(0, li * linfoRec), linfoRec,
                    jlinfo.bytes(0, jli * jlinfoRec), jlinfoRec);
        } finally {
            insns.keepAlive();
            ksyms.keepAlive();
            lens.keepAlive();
            finfo.keepAlive();
            linfo.keepAlive();
            jlinfo.keepAlive();
        }
    }

    /** Pins the program at a bpffs path. */
    public void pin(String path) { BpfCalls.objPin(fd.raw(), path, fd.what()); }

    @Override public void close() { fd.close(); }
}

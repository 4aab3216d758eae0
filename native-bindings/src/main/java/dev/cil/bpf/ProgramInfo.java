package dev.cil.bpf;

import dev.cil.internal.sys.NativeBuffer;

/**
 * What the kernel reports about a loaded program ({@code struct bpf_prog_info}), plus the fields bpftool
 * reads elsewhere: the full name from BTF ({@link #name()} is the kernel's 15-character name,
 * {@link #fullName()} the untruncated one), {@code memlock} from fdinfo, and whether the program is
 * orphaned (its offload device is gone).
 */
public record ProgramInfo(
        int type, ProgramId id, byte[] tag, int jitedLen, int xlatedLen, long loadTimeNs, int uid,
        int[] mapIds, String name, String fullName, int ifindex, boolean gplCompatible, long netnsDev,
        long netnsIno, int btfId, int funcInfoRecSize, int nrFuncInfo, int nrLineInfo, int lineInfoRecSize,
        long runTimeNs, long runCnt, long recursionMisses, int verifiedInsns, int attachBtfObjId,
        int attachBtfId, long memlock, boolean orphaned) {

    /** Size of {@code struct bpf_prog_info} as this library knows it (kernel 6.18). */
    public static final int SIZE = 232;

    public ProgramType programType() { return ProgramType.of(type); }

    /** bpftool's type name ({@code sched_cls}, or {@code type N}). */
    public String typeName() { return ProgramType.nameOf(type); }

    /** The tag as 16 lowercase hex digits. */
    public String tagHex() {
        StringBuilder b = new StringBuilder(16);
        for (byte x : tag) {
            b.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return b.toString();
    }

    static ProgramInfo decode(NativeBuffer b, int[] mapIds, String fullName, long memlock, boolean orphaned) {
        byte[] tag = b.bytes(8, 8);
        String name = b.cString(64, 16);
        return new ProgramInfo(b.getInt(0), new ProgramId(b.getInt(4)), tag, b.getInt(16), b.getInt(20),
                b.getLong(40), b.getInt(48), mapIds, name, fullName == null ? name : fullName, b.getInt(80),
                (b.getInt(84) & 1) != 0, b.getLong(88), b.getLong(96), b.getInt(128), b.getInt(132),
                b.getInt(144), b.getInt(148), b.getInt(172), b.getLong(192), b.getLong(200), b.getLong(208),
                b.getInt(216), b.getInt(220), b.getInt(224), memlock, orphaned);
    }
}

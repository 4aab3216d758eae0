package dev.cil.bpf;

import dev.cil.internal.sys.NativeBuffer;

/**
 * What the kernel reports about a map ({@code struct bpf_map_info}), plus the fdinfo fields bpftool
 * prints: {@code memlock}, {@code frozen}, and for prog arrays the owner program type and JIT state.
 */
public record MapInfo(
        int type, MapId id, int keySize, int valueSize, int maxEntries, int flags, String name, int ifindex,
        int btfVmlinuxValueTypeId, long netnsDev, long netnsIno, int btfId, int btfKeyTypeId,
        int btfValueTypeId, int btfVmlinuxId, long mapExtra, long memlock, boolean frozen,
        Integer ownerProgType, Boolean ownerJited) {

    /** Size of {@code struct bpf_map_info} as this library knows it (kernel 6.18). */
    public static final int SIZE = 104;

    public MapType mapType() { return MapType.of(type); }

    /** bpftool's type name ({@code hash}, or {@code type N}). */
    public String typeName() { return MapType.nameOf(type); }

    public boolean perCpu() {
        MapType t = mapType();
        return t != null && t.perCpu();
    }

    static MapInfo decode(NativeBuffer b, FdInfo fdinfo) {
        String owner = fdinfo.get("owner_prog_type");
        String jited = fdinfo.get("owner_jited");
        Integer ownerType = null;
        if (owner != null) {
            try { ownerType = Integer.parseInt(owner); } catch (NumberFormatException e) { ownerType = null; }
        }
        return new MapInfo(b.getInt(0), new MapId(b.getInt(4)), b.getInt(8), b.getInt(12), b.getInt(16),
                b.getInt(20), b.cString(24, 16), b.getInt(40), b.getInt(44), b.getLong(48), b.getLong(56),
                b.getInt(64), b.getInt(68), b.getInt(72), b.getInt(76), b.getLong(80),
                fdinfo.getLong("memlock", -1), fdinfo.getLong("frozen", 0) != 0, ownerType,
                jited == null ? null : !"0".equals(jited.trim()));
    }
}

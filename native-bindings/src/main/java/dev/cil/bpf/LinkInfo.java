package dev.cil.bpf;

import dev.cil.internal.sys.NativeBuffer;

/**
 * What the kernel reports about a link ({@code struct bpf_link_info}): the common part and the
 * fields bpftool prints for the kinds we decode (tcx, netkit, xdp, netns, cgroup, tracing, netfilter,
 * raw tracepoint). {@link #attachType()} is -1 when the kind has none.
 */
public record LinkInfo(int type, LinkId id, ProgramId progId, int ifindex, int attachType, long cgroupId,
                       int netnsIno, int targetObjId, int targetBtfId, int netfilterPf, int netfilterHooknum,
                       int netfilterPriority, int netfilterFlags, String tpName, int mapId, long cookie) {

    /** Size of {@code struct bpf_link_info} (kernel 6.18). */
    public static final int SIZE = 64;

    public LinkType linkType() { return LinkType.of(type); }

    public String typeName() { return LinkType.nameOf(type); }

    static LinkInfo decode(NativeBuffer b, String tpName) {
        int type = b.getInt(0);
        int ifindex = 0, attach = -1, netnsIno = 0, targetObj = 0, targetBtf = 0, pf = 0, hook = 0, prio = 0,
                nfFlags = 0, mapId = 0;
        long cgroupId = 0, cookie = 0;
        LinkType t = LinkType.of(type);
        if (t != null) {
            switch (t) {
                case RAW_TRACEPOINT:
                    cookie = b.getLong(32);
                    break;
                case TRACING:
                    attach = b.getInt(16); targetObj = b.getInt(20); targetBtf = b.getInt(24); cookie = b.getLong(32);
                    break;
                case CGROUP:
                    cgroupId = b.getLong(16); attach = b.getInt(24);
                    break;
                case NETNS:
                    netnsIno = b.getInt(16); attach = b.getInt(20);
                    break;
                case XDP:
                    ifindex = b.getInt(16);
                    break;
                case STRUCT_OPS:
                    mapId = b.getInt(16);
                    break;
                case NETFILTER:
                    pf = b.getInt(16); hook = b.getInt(20); prio = b.getInt(24); nfFlags = b.getInt(28);
                    break;
                case TCX: case NETKIT:
                    ifindex = b.getInt(16); attach = b.getInt(20);
                    break;
                case SOCKMAP:
                    mapId = b.getInt(16); attach = b.getInt(20);
                    break;
                default:
                    break;
            }
        }
        return new LinkInfo(type, new LinkId(b.getInt(4)), new ProgramId(b.getInt(8)), ifindex, attach, cgroupId,
                netnsIno, targetObj, targetBtf, pf, hook, prio, nfFlags, tpName, mapId, cookie);
    }
}

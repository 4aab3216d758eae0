package dev.cil.netlink;

/** Traffic-control handles: {@code major:minor} in 32 bits, as in {@code linux/pkt_sched.h}. */
public final class Tc {
    private Tc() { }

    public static final int ROOT = 0xffffffff;
    /** The clsact (and ingress) qdisc's parent. */
    public static final int CLSACT = 0xfffffff1;
    public static final int MIN_INGRESS = 0xfff2, MIN_EGRESS = 0xfff3;
    /** The clsact qdisc's own handle, {@code ffff:}. */
    public static final int CLSACT_HANDLE = 0xffff0000;
    /** Filter parents on a clsact qdisc. */
    public static final int INGRESS = make(CLSACT, MIN_INGRESS), EGRESS = make(CLSACT, MIN_EGRESS);

    /** TCA_BPF_FLAGS bit: the program's return value is the tc action (direct-action). */
    public static final int BPF_FLAG_ACT_DIRECT = 1;
    /** ETH_P_ALL: the protocol {@code tc filter add} uses by default. */
    public static final int ETH_P_ALL = 0x0003;

    public static int make(int major, int minor) { return (major & 0xffff0000) | (minor & 0xffff); }

    public static int major(int handle) { return handle & 0xffff0000; }

    public static int minor(int handle) { return handle & 0xffff; }

    /** tc's spelling: {@code root}, {@code ingress}, {@code egress} (clsact), {@code ffff:}, {@code 1:2}, {@code none}. */
    public static String format(int handle) {
        if (handle == ROOT) return "root";
        if (handle == 0) return "none";
        if (handle == INGRESS) return "ffff:fff2";
        if (handle == EGRESS) return "ffff:fff3";
        String maj = Integer.toHexString(handle >>> 16);
        return minor(handle) == 0 ? maj + ":" : maj + ":" + Integer.toHexString(minor(handle));
    }
}

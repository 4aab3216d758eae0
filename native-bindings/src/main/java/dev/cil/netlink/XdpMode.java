package dev.cil.netlink;

/** Where an XDP program is attached: the {@code XDP_FLAGS_*_MODE} flag sent with IFLA_XDP_FLAGS. */
public enum XdpMode {
    /** Let the kernel choose (driver if supported, else generic). */
    AUTO(0),
    /** Generic XDP in the stack ({@code xdpgeneric}). */
    SKB(1 << 1),
    /** Native XDP in the driver ({@code xdpdrv}). */
    DRV(1 << 2),
    /** Offloaded to the NIC ({@code xdpoffload}). */
    HW(1 << 3);

    public static final int XDP_FLAGS_UPDATE_IF_NOEXIST = 1, XDP_FLAGS_REPLACE = 1 << 4;

    private final int flag;

    XdpMode(int flag) { this.flag = flag; }

    public int flag() { return flag; }
}

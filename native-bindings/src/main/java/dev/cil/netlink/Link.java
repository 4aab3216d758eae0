package dev.cil.netlink;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A network device as {@code RTM_GETLINK} reports it.
 *
 * @param ifindex     the interface index (per network namespace)
 * @param name        IFLA_IFNAME
 * @param type        the ARPHRD type ({@code ifi_type}: 1 ether, 772 loopback, ...)
 * @param flags       the IFF_* flags ({@code ifi_flags}); {@link #flagNames()} spells them like iproute2
 * @param mtu         IFLA_MTU
 * @param mac         IFLA_ADDRESS as {@code aa:bb:cc:dd:ee:ff}, when the device has one
 * @param kind        IFLA_LINKINFO/IFLA_INFO_KIND ({@code veth}, {@code bridge}, ...), when reported
 * @param master      IFLA_MASTER: the ifindex of the bridge or bond this device is enslaved to
 * @param link        IFLA_LINK: the ifindex of the lower or peer device (in {@link #linkNetnsId()} if present)
 * @param linkNetnsId IFLA_LINK_NETNSID: the peer's namespace id as seen from this namespace
 * @param operState   IFLA_OPERSTATE (RFC 2863: 0 unknown ... 6 up); see {@link #operStateName()}
 * @param xdp         the XDP programs attached (IFLA_XDP), {@link XdpInfo#NONE} when none
 */
public record Link(int ifindex, String name, int type, int flags, int mtu, Optional<String> mac, Optional<String> kind,
                   OptionalInt master, OptionalInt link, OptionalInt linkNetnsId, int operState, XdpInfo xdp) {

    public static final int IFF_UP = 0x1, IFF_BROADCAST = 0x2, IFF_DEBUG = 0x4, IFF_LOOPBACK = 0x8,
            IFF_POINTOPOINT = 0x10, IFF_NOTRAILERS = 0x20, IFF_RUNNING = 0x40, IFF_NOARP = 0x80, IFF_PROMISC = 0x100,
            IFF_ALLMULTI = 0x200, IFF_MASTER = 0x400, IFF_SLAVE = 0x800, IFF_MULTICAST = 0x1000, IFF_PORTSEL = 0x2000,
            IFF_AUTOMEDIA = 0x4000, IFF_DYNAMIC = 0x8000, IFF_LOWER_UP = 0x10000, IFF_DORMANT = 0x20000, IFF_ECHO = 0x40000;

    private static final String[] OPER_STATES = {"UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN", "TESTING", "DORMANT", "UP"};

    // iproute2's print order (ip/ipaddress.c, print_link_flags)
    private static final int[] FLAG_ORDER = {IFF_LOOPBACK, IFF_BROADCAST, IFF_POINTOPOINT, IFF_MULTICAST, IFF_NOARP,
            IFF_ALLMULTI, IFF_PROMISC, IFF_MASTER, IFF_SLAVE, IFF_DEBUG, IFF_DYNAMIC, IFF_AUTOMEDIA, IFF_PORTSEL,
            IFF_NOTRAILERS, IFF_UP, IFF_LOWER_UP, IFF_DORMANT, IFF_ECHO};
    private static final String[] FLAG_NAMES = {"LOOPBACK", "BROADCAST", "POINTOPOINT", "MULTICAST", "NOARP",
            "ALLMULTI", "PROMISC", "MASTER", "SLAVE", "DEBUG", "DYNAMIC", "AUTOMEDIA", "PORTSEL",
            "NOTRAILERS", "UP", "LOWER_UP", "DORMANT", "ECHO"};

    /** Administratively up (IFF_UP). */
    public boolean isUp() { return (flags & IFF_UP) != 0; }

    /**
     * The flags as iproute2 prints them ({@code NO-CARRIER} first when up without carrier, RUNNING
     * hidden). iproute2 also appends {@code M-DOWN} when the {@link #link()} device is in the same
     * namespace and down; that needs the other device, so callers add it themselves.
     */
    public List<String> flagNames() {
        List<String> out = new ArrayList<>();
        int f = flags;
        if ((f & IFF_UP) != 0 && (f & IFF_RUNNING) == 0) out.add("NO-CARRIER");
        f &= ~IFF_RUNNING;
        for (int i = 0; i < FLAG_ORDER.length; i++) {
            if ((f & FLAG_ORDER[i]) != 0) {
                out.add(FLAG_NAMES[i]);
                f &= ~FLAG_ORDER[i];
            }
        }
        if (f != 0) out.add(Integer.toHexString(f));
        return out;
    }

    /** iproute2's name for the operational state ({@code UP}, {@code DOWN}, {@code UNKNOWN}, ...). */
    public String operStateName() {
        return operState >= 0 && operState < OPER_STATES.length ? OPER_STATES[operState] : "state " + operState;
    }
}

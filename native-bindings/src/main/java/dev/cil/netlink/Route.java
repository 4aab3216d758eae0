package dev.cil.netlink;

import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A route: read from {@code RTM_GETROUTE}, or built with {@link #to(String)} and the {@code with}
 * methods to add or delete one.
 *
 * @param family   2 (AF_INET)
 * @param table    the table (254 main, 255 local)
 * @param dst      RTA_DST (absent for the default route)
 * @param dstLen   the prefix length ({@code rtm_dst_len})
 * @param gateway  RTA_GATEWAY
 * @param oif      RTA_OIF: the output device
 * @param scope    RT_SCOPE_* (0 universe, 253 link, 254 host); {@link #SCOPE_AUTO} when building means
 *                 iproute2's choice: link without a gateway, universe with one
 * @param protocol RTPROT_* (2 kernel, 3 boot, 4 static)
 * @param type     RTN_* (1 unicast, 2 local, 3 broadcast, ...)
 * @param prefsrc  RTA_PREFSRC
 * @param priority RTA_PRIORITY (the metric)
 */
public record Route(int family, int table, Optional<InetAddress> dst, int dstLen, Optional<InetAddress> gateway,
                    OptionalInt oif, int scope, int protocol, int type, Optional<InetAddress> prefsrc, OptionalInt priority) {

    public static final int TABLE_MAIN = 254, TABLE_LOCAL = 255;
    public static final int SCOPE_UNIVERSE = 0, SCOPE_LINK = 253, SCOPE_HOST = 254, SCOPE_NOWHERE = 255, SCOPE_AUTO = -1;
    public static final int PROTO_UNSPEC = 0, PROTO_KERNEL = 2, PROTO_BOOT = 3, PROTO_STATIC = 4;
    public static final int TYPE_UNICAST = 1, TYPE_LOCAL = 2, TYPE_BROADCAST = 3;

    /** A unicast route in the main table to {@code prefix} ({@code 10.0.0.0/24}, {@code 10.0.0.1}, {@code default}), protocol boot. */
    public static Route to(String prefix) { return to(IpPrefix.parse(prefix)); }

    public static Route to(IpPrefix p) {
        return new Route(Ip.family(p.address()), TABLE_MAIN, p.isDefault() ? Optional.empty() : Optional.of(p.address()),
                p.length(), Optional.empty(), OptionalInt.empty(), SCOPE_AUTO, PROTO_BOOT, TYPE_UNICAST, Optional.empty(),
                OptionalInt.empty());
    }

    public Route via(String gw) { return via(Ip.v4(gw)); }

    public Route via(InetAddress gw) {
        return new Route(family, table, dst, dstLen, Optional.of(gw), oif, scope, protocol, type, prefsrc, priority);
    }

    public Route dev(int ifindex) {
        return new Route(family, table, dst, dstLen, gateway, OptionalInt.of(ifindex), scope, protocol, type, prefsrc, priority);
    }

    public Route withScope(int s) {
        return new Route(family, table, dst, dstLen, gateway, oif, s, protocol, type, prefsrc, priority);
    }

    public Route withTable(int t) {
        return new Route(family, t, dst, dstLen, gateway, oif, scope, protocol, type, prefsrc, priority);
    }

    public Route withProtocol(int p) {
        return new Route(family, table, dst, dstLen, gateway, oif, scope, p, type, prefsrc, priority);
    }

    public Route withPriority(int metric) {
        return new Route(family, table, dst, dstLen, gateway, oif, scope, protocol, type, prefsrc, OptionalInt.of(metric));
    }

    public Route withPrefsrc(InetAddress src) {
        return new Route(family, table, dst, dstLen, gateway, oif, scope, protocol, type, Optional.of(src), priority);
    }

    /** The scope a request carries: {@link #SCOPE_AUTO} resolved as iproute2 does. */
    int effectiveScope() {
        if (scope != SCOPE_AUTO) return scope;
        if (type == TYPE_LOCAL) return SCOPE_HOST;
        return gateway.isPresent() ? SCOPE_UNIVERSE : SCOPE_LINK;
    }

    /** The destination as iproute2 prints it: {@code default}, {@code 10.0.0.1} for a host route, else {@code 10.0.0.0/24}. */
    public String dstString() {
        if (dst.isEmpty() || dstLen == 0 && dst.get().isAnyLocalAddress()) return dstLen == 0 ? "default" : "?/" + dstLen;
        int max = family == 2 ? 32 : 128;
        return dstLen == max ? dst.get().getHostAddress() : dst.get().getHostAddress() + "/" + dstLen;
    }
}

package dev.cil.netlink;

import dev.cil.internal.sys.Fd;
import dev.cil.netns.NetNs;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.cil.netlink.RtnlCodec.*;

/**
 * An rtnetlink client for one network namespace: links (veth pairs, up/down, MTU, MAC, rename, netns
 * move, XDP), addresses, routes, neighbours and tc (clsact qdisc, bpf filters). It owns one
 * {@link NetlinkSocket}; the namespace is the one the socket was opened in ({@link #open(NetNs)}),
 * whatever thread calls the methods afterwards. Every failure is a {@link NetlinkException} naming the
 * request and the object, e.g. {@code RTM_NEWLINK veth0: File exists (EEXIST)}.
 */
public final class Rtnl implements AutoCloseable {
    private final NetlinkSocket sock;

    private Rtnl(NetlinkSocket sock) { this.sock = sock; }

    /** A client for the calling thread's network namespace. */
    public static Rtnl open() { return new Rtnl(NetlinkSocket.openRoute()); }

    /** A client for {@code ns}: its socket is created by a thread inside it. */
    public static Rtnl open(NetNs ns) { return new Rtnl(ns.run(NetlinkSocket::openRoute)); }

    /** The underlying socket. */
    public NetlinkSocket socket() { return sock; }

    @Override
    public void close() { sock.close(); }

    // ---- links ----

    /** All devices, by ifindex. */
    public List<Link> links() {
        List<Link> out = new ArrayList<>();
        for (NlMessage m : sock.dump(linkDump(), "RTM_GETLINK")) {
            if (m.type() == RTM_NEWLINK) out.add(RtnlCodec.link(m));
        }
        out.sort(Comparator.comparingInt(Link::ifindex));
        return out;
    }

    /** The device named {@code name}. @throws NetlinkException ENODEV if there is none */
    public Link link(String name) { return one(linkGet(0, name), "RTM_GETLINK " + name); }

    /** The device with index {@code ifindex}. @throws NetlinkException ENODEV if there is none */
    public Link link(int ifindex) { return one(linkGet(ifindex, null), "RTM_GETLINK ifindex " + ifindex); }

    /** The device named {@code name}, or empty. */
    public Optional<Link> findLink(String name) {
        try {
            return Optional.of(link(name));
        } catch (NetlinkException e) {
            if (e.errnoNumber() == 19) return Optional.empty();
            throw e;
        }
    }

    public int ifindex(String name) { return link(name).ifindex(); }

    private Link one(NlMsg req, String op) {
        for (NlMessage m : sock.request(req, op)) {
            if (m.type() == RTM_NEWLINK) return RtnlCodec.link(m);
        }
        throw NetlinkException.local(op, 19, "no RTM_NEWLINK in the reply", 0);
    }

    /** Creates a veth pair in this namespace. */
    public void createVeth(String name, String peerName) { createVeth(name, peerName, null); }

    /**
     * Creates a veth pair: {@code name} here and {@code peerName} created directly in {@code peerNs}
     * (VETH_INFO_PEER with IFLA_NET_NS_FD), which is much faster than creating it here and moving it.
     * @param peerNs the peer's namespace, or null for this one
     * @throws NetlinkException EEXIST if a name is taken
     */
    public void createVeth(String name, String peerName, NetNs peerNs) {
        int peerFd = peerNs == null ? -1 : peerNs.fd().raw();
        try {
            sock.execute(vethCreate(name, peerName, -1, peerFd), "RTM_NEWLINK " + name);
        } finally {
            if (peerNs != null) java.lang.ref.Reference.reachabilityFence(peerNs);
        }
    }

    public void setUp(String name) { sock.execute(linkChange(0, name, Link.IFF_UP, Link.IFF_UP), "RTM_NEWLINK " + name + " up"); }

    public void setUp(int ifindex) { sock.execute(linkChange(ifindex, null, Link.IFF_UP, Link.IFF_UP), "RTM_NEWLINK ifindex " + ifindex + " up"); }

    public void setDown(String name) { sock.execute(linkChange(0, name, 0, Link.IFF_UP), "RTM_NEWLINK " + name + " down"); }

    public void setDown(int ifindex) { sock.execute(linkChange(ifindex, null, 0, Link.IFF_UP), "RTM_NEWLINK ifindex " + ifindex + " down"); }

    public void setMtu(String name, int mtu) {
        sock.execute(linkChange(0, name, 0, 0).attrU32(IFLA_MTU, mtu), "RTM_NEWLINK " + name + " mtu " + mtu);
    }

    /** Sets the link-layer address ({@code aa:bb:cc:dd:ee:ff}). */
    public void setMac(String name, String mac) {
        sock.execute(linkChange(0, name, 0, 0).attr(IFLA_ADDRESS, Ip.mac(mac)), "RTM_NEWLINK " + name + " address " + mac);
    }

    public void rename(String name, String newName) {
        checkName(newName);
        int idx = ifindex(name);
        sock.execute(linkChange(idx, null, 0, 0).attrString(IFLA_IFNAME, newName), "RTM_NEWLINK " + name + " name " + newName);
    }

    /** Moves device {@code name} into {@code ns} (it keeps its name unless that is taken there). */
    public void moveToNetns(String name, NetNs ns) {
        try {
            sock.execute(linkChange(0, name, 0, 0).attrU32(IFLA_NET_NS_FD, ns.fd().raw()), "RTM_NEWLINK " + name + " netns " + ns);
        } finally {
            java.lang.ref.Reference.reachabilityFence(ns);
        }
    }

    /** Deletes a device (for a veth, both ends). */
    public void deleteLink(String name) { sock.execute(linkDelete(0, name), "RTM_DELLINK " + name); }

    public void deleteLink(int ifindex) { sock.execute(linkDelete(ifindex, null), "RTM_DELLINK ifindex " + ifindex); }

    // ---- XDP (netlink attach, the legacy path) ----

    /**
     * Attaches an XDP program by fd in {@code mode}; with {@code replace} false the kernel refuses if a
     * program is already attached (XDP_FLAGS_UPDATE_IF_NOEXIST, EBUSY).
     */
    public void attachXdp(int ifindex, Fd prog, XdpMode mode, boolean replace) {
        int flags = mode.flag() | (replace ? 0 : XdpMode.XDP_FLAGS_UPDATE_IF_NOEXIST);
        sock.execute(xdp(ifindex, prog.raw(), flags), "RTM_SETLINK ifindex " + ifindex + " xdp " + mode.name().toLowerCase());
    }

    /** Detaches the XDP program attached in {@code mode} (AUTO: whichever mode the kernel picks). */
    public void detachXdp(int ifindex, XdpMode mode) {
        sock.execute(xdp(ifindex, -1, mode.flag()), "RTM_SETLINK ifindex " + ifindex + " xdp off");
    }

    // ---- addresses ----

    /** Adds {@code prefix} ({@code 10.0.0.1/24}) to a device, scope global. @throws NetlinkException EEXIST if present */
    public void addAddress(int ifindex, String prefix) {
        IpPrefix p = IpPrefix.parse(prefix);
        addAddress(ifindex, p.address(), p.length());
    }

    public void addAddress(int ifindex, InetAddress addr, int prefixLen) {
        sock.execute(addr(RTM_NEWADDR, NlMsg.NLM_F_CREATE | NlMsg.NLM_F_EXCL, ifindex, addr, prefixLen, 0),
                "RTM_NEWADDR " + addr.getHostAddress() + "/" + prefixLen + " ifindex " + ifindex);
    }

    public void deleteAddress(int ifindex, InetAddress addr, int prefixLen) {
        sock.execute(addr(RTM_DELADDR, 0, ifindex, addr, prefixLen, 0),
                "RTM_DELADDR " + addr.getHostAddress() + "/" + prefixLen + " ifindex " + ifindex);
    }

    /** IPv4 addresses of every device. */
    public List<Address> addresses() { return addresses(AF_INET); }

    /** Addresses of family {@code family} (2 IPv4, 10 IPv6, 0 both), in kernel order. */
    public List<Address> addresses(int family) {
        List<Address> out = new ArrayList<>();
        for (NlMessage m : sock.dump(addrDump(family), "RTM_GETADDR")) {
            if (m.type() == RTM_NEWADDR) {
                Address a = RtnlCodec.address(m);
                if (family == AF_UNSPEC || a.family() == family) out.add(a);
            }
        }
        return out;
    }

    // ---- routes ----

    /** Adds a route. @throws NetlinkException EEXIST if an equal route exists */
    public void addRoute(Route r) {
        sock.execute(route(RTM_NEWROUTE, NlMsg.NLM_F_CREATE | NlMsg.NLM_F_EXCL, r), "RTM_NEWROUTE " + r.dstString());
    }

    /** Adds or replaces a route. */
    public void replaceRoute(Route r) {
        sock.execute(route(RTM_NEWROUTE, NlMsg.NLM_F_CREATE | NlMsg.NLM_F_REPLACE, r), "RTM_NEWROUTE " + r.dstString());
    }

    /** Deletes the route matching {@code r} (scope and protocol match any unless set). */
    public void deleteRoute(Route r) {
        sock.execute(route(RTM_DELROUTE, 0, r), "RTM_DELROUTE " + r.dstString());
    }

    /** IPv4 routes of the main table (what {@code ip route show} lists). */
    public List<Route> routes() { return routes(AF_INET, Route.TABLE_MAIN); }

    /** Routes of {@code family} in {@code table} (0: every table); cache clones are left out. */
    public List<Route> routes(int family, int table) {
        List<Route> out = new ArrayList<>();
        for (NlMessage m : sock.dump(routeDump(family), "RTM_GETROUTE")) {
            if (m.type() != RTM_NEWROUTE) continue;
            RtnlCodec.route(m).filter(r -> (table == 0 || r.table() == table) && r.family() == family).ifPresent(out::add);
        }
        return out;
    }

    // ---- neighbours ----

    /** Adds a permanent neighbour entry {@code ip -> mac}; {@code replace} overwrites an existing one. */
    public void addNeighbour(int ifindex, InetAddress ip, String mac, boolean replace) {
        int flags = NlMsg.NLM_F_CREATE | (replace ? NlMsg.NLM_F_REPLACE : NlMsg.NLM_F_EXCL);
        sock.execute(neigh(RTM_NEWNEIGH, flags, ifindex, ip, Ip.mac(mac), Neighbour.NUD_PERMANENT),
                "RTM_NEWNEIGH " + ip.getHostAddress() + " ifindex " + ifindex);
    }

    public void deleteNeighbour(int ifindex, InetAddress ip) {
        sock.execute(neigh(RTM_DELNEIGH, 0, ifindex, ip, null, 0), "RTM_DELNEIGH " + ip.getHostAddress() + " ifindex " + ifindex);
    }

    /** IPv4 neighbour entries of every device. */
    public List<Neighbour> neighbours() {
        List<Neighbour> out = new ArrayList<>();
        for (NlMessage m : sock.dump(neighDump(AF_INET), "RTM_GETNEIGH")) {
            if (m.type() == RTM_NEWNEIGH) RtnlCodec.neighbour(m).filter(n -> n.family() == AF_INET).ifPresent(out::add);
        }
        return out;
    }

    // ---- tc ----

    /** {@code tc qdisc add dev X clsact}. @throws NetlinkException EEXIST if present */
    public void addClsact(int ifindex) {
        sock.execute(qdisc(RTM_NEWQDISC, NlMsg.NLM_F_CREATE | NlMsg.NLM_F_EXCL, ifindex, Tc.CLSACT_HANDLE, Tc.CLSACT, "clsact"),
                "RTM_NEWQDISC clsact ifindex " + ifindex);
    }

    /** {@code tc qdisc del dev X clsact} (its filters go with it). */
    public void deleteClsact(int ifindex) {
        sock.execute(qdisc(RTM_DELQDISC, 0, ifindex, Tc.CLSACT_HANDLE, Tc.CLSACT, "clsact"), "RTM_DELQDISC clsact ifindex " + ifindex);
    }

    /** The qdiscs of a device (the kernel dumps every device's; this keeps {@code ifindex}'s). */
    public List<TcQdisc> qdiscs(int ifindex) { return tcObjects(RTM_GETQDISC, RTM_NEWQDISC, ifindex); }

    /** The classes of a device. */
    public List<TcQdisc> classes(int ifindex) { return tcObjects(RTM_GETTCLASS, RTM_NEWTCLASS, ifindex); }

    private List<TcQdisc> tcObjects(int get, int reply, int ifindex) {
        List<TcQdisc> out = new ArrayList<>();
        String op = (get == RTM_GETQDISC ? "RTM_GETQDISC" : "RTM_GETTCLASS") + " ifindex " + ifindex;
        for (NlMessage m : sock.dump(tcDump(get, ifindex, 0), op)) {
            if (m.type() != reply) continue;
            TcQdisc q = RtnlCodec.qdisc(m);
            if (q.ifindex() == ifindex) out.add(q);
        }
        return out;
    }

    /** The filters on {@code parent} ({@link Tc#INGRESS}, {@link Tc#EGRESS}, {@link Tc#ROOT}, a qdisc handle). */
    public List<TcFilter> filters(int ifindex, int parent) {
        List<TcFilter> out = new ArrayList<>();
        for (NlMessage m : sock.dump(tcDump(RTM_GETTFILTER, ifindex, parent), "RTM_GETTFILTER ifindex " + ifindex + " parent " + Tc.format(parent))) {
            if (m.type() == RTM_NEWTFILTER) out.add(RtnlCodec.filter(m));
        }
        return out;
    }

    /**
     * Adds a cls_bpf filter running {@code prog}, as {@code tc filter add dev X ingress|egress prio P
     * handle H bpf [da] fd F name N} would (protocol all).
     * @param parent      {@link Tc#INGRESS} or {@link Tc#EGRESS} (or any qdisc/class handle)
     * @param priority    the preference; 0 lets the kernel choose
     * @param handle      the filter handle; 0 lets the kernel choose
     * @param name        TCA_BPF_NAME (shown by tc and bpftool), or null
     */
    public void addBpfFilter(int ifindex, int parent, int priority, int handle, Fd prog, String name, boolean directAction) {
        sock.execute(bpfFilter(RTM_NEWTFILTER, NlMsg.NLM_F_CREATE | NlMsg.NLM_F_EXCL, ifindex, parent, priority, Tc.ETH_P_ALL,
                        handle, prog.raw(), name, directAction ? Tc.BPF_FLAG_ACT_DIRECT : 0),
                "RTM_NEWTFILTER bpf ifindex " + ifindex + " parent " + Tc.format(parent) + (name == null ? "" : " " + name));
    }

    /** Deletes the filter {@code priority}/{@code handle} (handle 0: every filter of that priority). */
    public void deleteFilter(int ifindex, int parent, int priority, int handle) {
        sock.execute(filterDelete(ifindex, parent, priority, Tc.ETH_P_ALL, handle, handle != 0 ? "bpf" : null),
                "RTM_DELTFILTER ifindex " + ifindex + " parent " + Tc.format(parent) + " pref " + priority);
    }

    /**
     * The bpf filters of one device in {@code bpftool net show}'s order and naming: filters on each
     * class, then on each qdisc (clsact and handle-0 qdiscs skipped), labelled with its kind; then on
     * {@code root}, {@code clsact/ingress} and {@code clsact/egress}. Only entries with bpf options count.
     */
    public List<TcBpfEntry> bpfFilters(Link dev) {
        List<Map.Entry<Integer, String>> order = new ArrayList<>();
        for (TcQdisc c : classes(dev.ifindex())) order.add(Map.entry(c.handle(), c.kind()));
        for (TcQdisc q : qdiscs(dev.ifindex())) {
            if (q.kind().equals("clsact") || q.handle() == 0) continue;
            order.add(Map.entry(q.handle(), q.kind()));
        }
        order.add(Map.entry(Tc.ROOT, "root"));
        order.add(Map.entry(Tc.INGRESS, "clsact/ingress"));
        order.add(Map.entry(Tc.EGRESS, "clsact/egress"));
        List<TcBpfEntry> out = new ArrayList<>();
        for (Map.Entry<Integer, String> e : order) {
            List<TcFilter> fs;
            try {
                fs = filters(dev.ifindex(), e.getKey());
            } catch (NetlinkException ex) {
                if (ex.errnoNumber() == 22 || ex.errnoNumber() == 2) continue;  // no such parent on this device
                throw ex;
            }
            for (TcFilter f : fs) {
                if (f.bpf().isPresent()) out.add(new TcBpfEntry(dev.ifindex(), dev.name(), e.getValue(), f));
            }
        }
        return out;
    }

    /** Index to name for every device (one dump). */
    public Map<Integer, String> linkNames() {
        Map<Integer, String> m = new HashMap<>();
        for (Link l : links()) m.put(l.ifindex(), l.name());
        return m;
    }
}

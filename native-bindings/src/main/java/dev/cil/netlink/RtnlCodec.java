package dev.cil.netlink;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * rtnetlink requests and replies as pure functions on bytes: each encoder returns an {@link NlMsg},
 * each decoder reads one {@link NlMessage}. Layouts follow {@code linux/rtnetlink.h},
 * {@code if_link.h}, {@code if_addr.h}, {@code neighbour.h}, {@code pkt_sched.h} and {@code pkt_cls.h}.
 */
final class RtnlCodec {
    private RtnlCodec() { }

    static final int RTM_NEWLINK = 16, RTM_DELLINK = 17, RTM_GETLINK = 18, RTM_SETLINK = 19;
    static final int RTM_NEWADDR = 20, RTM_DELADDR = 21, RTM_GETADDR = 22;
    static final int RTM_NEWROUTE = 24, RTM_DELROUTE = 25, RTM_GETROUTE = 26;
    static final int RTM_NEWNEIGH = 28, RTM_DELNEIGH = 29, RTM_GETNEIGH = 30;
    static final int RTM_NEWQDISC = 36, RTM_DELQDISC = 37, RTM_GETQDISC = 38;
    static final int RTM_NEWTCLASS = 40, RTM_GETTCLASS = 42;
    static final int RTM_NEWTFILTER = 44, RTM_DELTFILTER = 45, RTM_GETTFILTER = 46;

    static final int AF_UNSPEC = 0, AF_INET = 2, AF_INET6 = 10;

    static final int IFINFOMSG_LEN = 16, IFADDRMSG_LEN = 8, RTMSG_LEN = 12, NDMSG_LEN = 12, TCMSG_LEN = 20;

    static final int IFLA_ADDRESS = 1, IFLA_IFNAME = 3, IFLA_MTU = 4, IFLA_LINK = 5, IFLA_MASTER = 10,
            IFLA_OPERSTATE = 16, IFLA_LINKINFO = 18, IFLA_NET_NS_FD = 28, IFLA_EXT_MASK = 29,
            IFLA_LINK_NETNSID = 37, IFLA_XDP = 43;
    static final int IFLA_INFO_KIND = 1, IFLA_INFO_DATA = 2;
    static final int VETH_INFO_PEER = 1;
    static final int IFLA_XDP_FD = 1, IFLA_XDP_ATTACHED = 2, IFLA_XDP_FLAGS = 3, IFLA_XDP_PROG_ID = 4,
            IFLA_XDP_DRV_PROG_ID = 5, IFLA_XDP_SKB_PROG_ID = 6, IFLA_XDP_HW_PROG_ID = 7;

    static final int IFA_ADDRESS = 1, IFA_LOCAL = 2, IFA_LABEL = 3, IFA_FLAGS = 8;
    static final int RTA_DST = 1, RTA_OIF = 4, RTA_GATEWAY = 5, RTA_PRIORITY = 6, RTA_PREFSRC = 7, RTA_TABLE = 15;
    static final int RTM_F_CLONED = 0x200;
    static final int NDA_DST = 1, NDA_LLADDR = 2;

    static final int TCA_KIND = 1, TCA_OPTIONS = 2, TCA_CHAIN = 11;
    static final int TCA_BPF_ACT = 1, TCA_BPF_FD = 6, TCA_BPF_NAME = 7, TCA_BPF_FLAGS = 8, TCA_BPF_FLAGS_GEN = 9,
            TCA_BPF_TAG = 10, TCA_BPF_ID = 11;
    static final int TCA_ACT_KIND = 1, TCA_ACT_OPTIONS = 2;
    static final int TCA_ACT_BPF_NAME = 6, TCA_ACT_BPF_ID = 9;

    static final int IFNAMSIZ = 16;

    // ---- links ----

    static NlMsg ifinfo(NlMsg m, int family, int ifindex, int flags, int change) {
        return m.u8(family).u8(0).u16(0).u32(ifindex).u32(flags).u32(change);
    }

    static void checkName(String name) {
        int n = name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (n == 0 || n >= IFNAMSIZ || name.indexOf('/') >= 0 || name.indexOf(':') >= 0 || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("invalid interface name \"" + name + "\": 1-15 bytes, no '/', ':' or spaces");
        }
    }

    static NlMsg linkDump() {
        NlMsg m = ifinfo(NlMsg.request(RTM_GETLINK, 0), AF_UNSPEC, 0, 0, 0);
        return m;
    }

    /** RTM_GETLINK for one device, by index (when > 0) or by name. */
    static NlMsg linkGet(int ifindex, String name) {
        NlMsg m = ifinfo(NlMsg.request(RTM_GETLINK, 0), AF_UNSPEC, Math.max(ifindex, 0), 0, 0);
        if (ifindex <= 0) {
            checkName(name);
            m.attrString(IFLA_IFNAME, name);
        }
        return m;
    }

    /**
     * RTM_NEWLINK creating a veth pair {@code name} / {@code peer}; the peer is created directly in
     * the namespace {@code peerNsFd} when it is >= 0, the host end in {@code nsFd} when >= 0.
     */
    static NlMsg vethCreate(String name, String peer, int nsFd, int peerNsFd) {
        checkName(name);
        checkName(peer);
        NlMsg m = ifinfo(NlMsg.request(RTM_NEWLINK, NlMsg.NLM_F_CREATE | NlMsg.NLM_F_EXCL), AF_UNSPEC, 0, 0, 0);
        m.attrString(IFLA_IFNAME, name);
        if (nsFd >= 0) m.attrU32(IFLA_NET_NS_FD, nsFd);
        m.beginNested(IFLA_LINKINFO).attrString(IFLA_INFO_KIND, "veth")
                .beginNested(IFLA_INFO_DATA).beginNested(VETH_INFO_PEER);
        ifinfo(m, AF_UNSPEC, 0, 0, 0);
        m.attrString(IFLA_IFNAME, peer);
        if (peerNsFd >= 0) m.attrU32(IFLA_NET_NS_FD, peerNsFd);
        m.endNested().endNested().endNested();
        return m;
    }

    /** RTM_NEWLINK changing an existing device, selected by index (when > 0) or by name. */
    static NlMsg linkChange(int ifindex, String name, int flags, int change) {
        NlMsg m = ifinfo(NlMsg.request(RTM_NEWLINK, 0), AF_UNSPEC, Math.max(ifindex, 0), flags, change);
        if (ifindex <= 0) {
            checkName(name);
            m.attrString(IFLA_IFNAME, name);
        }
        return m;
    }

    static NlMsg linkDelete(int ifindex, String name) {
        NlMsg m = ifinfo(NlMsg.request(RTM_DELLINK, 0), AF_UNSPEC, Math.max(ifindex, 0), 0, 0);
        if (ifindex <= 0) {
            checkName(name);
            m.attrString(IFLA_IFNAME, name);
        }
        return m;
    }

    /** RTM_SETLINK with IFLA_XDP { FD, FLAGS } (fd -1 detaches), as libbpf's legacy XDP path sends it. */
    static NlMsg xdp(int ifindex, int progFd, int flags) {
        NlMsg m = ifinfo(NlMsg.request(RTM_SETLINK, 0), AF_UNSPEC, ifindex, 0, 0);
        m.beginNested(IFLA_XDP).attrS32(IFLA_XDP_FD, progFd);
        if (flags != 0) m.attrU32(IFLA_XDP_FLAGS, flags);
        return m.endNested();
    }

    static Link link(NlMessage msg) {
        msg.requirePayload(IFINFOMSG_LEN, "RTM_NEWLINK");
        int type = msg.u16(2);
        int ifindex = msg.u32(4);
        int flags = msg.u32(8);
        NlAttrs a = msg.attrs(IFINFOMSG_LEN, "RTM_NEWLINK");
        Optional<String> kind = Optional.empty();
        if (a.has(IFLA_LINKINFO)) {
            NlAttrs info = a.nested(IFLA_LINKINFO);
            if (info.has(IFLA_INFO_KIND)) kind = Optional.of(info.string(IFLA_INFO_KIND));
        }
        XdpInfo xdp = XdpInfo.NONE;
        if (a.has(IFLA_XDP)) {
            NlAttrs x = a.nested(IFLA_XDP);
            xdp = new XdpInfo(x.u8(IFLA_XDP_ATTACHED, 0), x.u32(IFLA_XDP_PROG_ID, 0), x.u32(IFLA_XDP_DRV_PROG_ID, 0),
                    x.u32(IFLA_XDP_SKB_PROG_ID, 0), x.u32(IFLA_XDP_HW_PROG_ID, 0));
        }
        return new Link(ifindex, a.string(IFLA_IFNAME, ""), type, flags, a.u32(IFLA_MTU, 0),
                a.has(IFLA_ADDRESS) ? Optional.of(Ip.macString(a.bytes(IFLA_ADDRESS))) : Optional.empty(), kind,
                optInt(a, IFLA_MASTER), optInt(a, IFLA_LINK), optInt(a, IFLA_LINK_NETNSID),
                a.u8(IFLA_OPERSTATE, 0), xdp);
    }

    private static OptionalInt optInt(NlAttrs a, int type) {
        return a.has(type) ? OptionalInt.of(a.u32(type)) : OptionalInt.empty();
    }

    // ---- addresses ----

    static NlMsg addr(int type, int flags, int ifindex, InetAddress addr, int prefixLen, int scope) {
        NlMsg m = NlMsg.request(type, flags).u8(Ip.family(addr)).u8(prefixLen).u8(0).u8(scope).u32(ifindex);
        byte[] b = addr.getAddress();
        if (Ip.family(addr) == AF_INET) m.attr(IFA_LOCAL, b);
        m.attr(IFA_ADDRESS, b);
        return m;
    }

    static NlMsg addrDump(int family) {
        return NlMsg.request(RTM_GETADDR, 0).u8(family).u8(0).u8(0).u8(0).u32(0);
    }

    static Address address(NlMessage msg) {
        msg.requirePayload(IFADDRMSG_LEN, "RTM_NEWADDR");
        NlAttrs a = msg.attrs(IFADDRMSG_LEN, "RTM_NEWADDR");
        return new Address(msg.u32(4), msg.u8(0), msg.u8(1), msg.u8(3), a.u32(IFA_FLAGS, msg.u8(2)),
                optAddr(a, IFA_LOCAL), optAddr(a, IFA_ADDRESS),
                a.has(IFA_LABEL) ? Optional.of(a.string(IFA_LABEL)) : Optional.empty());
    }

    private static Optional<InetAddress> optAddr(NlAttrs a, int type) {
        return a.has(type) ? Optional.of(Ip.fromBytes(a.bytes(type))) : Optional.empty();
    }

    // ---- routes ----

    /** RTM_NEWROUTE (flags CREATE|EXCL or CREATE|REPLACE) or RTM_DELROUTE for {@code r}. */
    static NlMsg route(int type, int flags, Route r) {
        boolean del = type == RTM_DELROUTE;
        int table = r.table();
        NlMsg m = NlMsg.request(type, flags).u8(r.family()).u8(r.dstLen()).u8(0).u8(0)
                .u8(table < 256 ? table : 0)
                .u8(del ? Route.PROTO_UNSPEC : r.protocol())
                .u8(del ? (r.scope() == Route.SCOPE_AUTO ? Route.SCOPE_NOWHERE : r.scope()) : r.effectiveScope())
                .u8(del ? 0 : r.type())
                .u32(0);
        if (table >= 256) m.attrU32(RTA_TABLE, table);
        r.dst().ifPresent(d -> m.attr(RTA_DST, d.getAddress()));
        r.gateway().ifPresent(g -> m.attr(RTA_GATEWAY, g.getAddress()));
        r.oif().ifPresent(o -> m.attrU32(RTA_OIF, o));
        r.prefsrc().ifPresent(p -> m.attr(RTA_PREFSRC, p.getAddress()));
        r.priority().ifPresent(p -> m.attrU32(RTA_PRIORITY, p));
        return m;
    }

    static NlMsg routeDump(int family) {
        return NlMsg.request(RTM_GETROUTE, 0).u8(family).u8(0).u8(0).u8(0).u8(0).u8(0).u8(0).u8(0).u32(0);
    }

    /** The route, or empty for cache clones ({@code RTM_F_CLONED}), which {@code ip route} hides too. */
    static Optional<Route> route(NlMessage msg) {
        msg.requirePayload(RTMSG_LEN, "RTM_NEWROUTE");
        if ((msg.u32(8) & RTM_F_CLONED) != 0) return Optional.empty();
        NlAttrs a = msg.attrs(RTMSG_LEN, "RTM_NEWROUTE");
        int table = a.u32(RTA_TABLE, msg.u8(4));
        return Optional.of(new Route(msg.u8(0), table, optAddr(a, RTA_DST), msg.u8(1), optAddr(a, RTA_GATEWAY),
                optInt(a, RTA_OIF), msg.u8(6), msg.u8(5), msg.u8(7), optAddr(a, RTA_PREFSRC), optInt(a, RTA_PRIORITY)));
    }

    // ---- neighbours ----

    static NlMsg neigh(int type, int flags, int ifindex, InetAddress ip, byte[] mac, int state) {
        NlMsg m = NlMsg.request(type, flags).u8(Ip.family(ip)).u8(0).u16(0).u32(ifindex).u16(state).u8(0).u8(0);
        m.attr(NDA_DST, ip.getAddress());
        if (mac != null) m.attr(NDA_LLADDR, mac);
        return m;
    }

    static NlMsg neighDump(int family) {
        return NlMsg.request(RTM_GETNEIGH, 0).u8(family).u8(0).u16(0).u32(0).u16(0).u8(0).u8(0);
    }

    static Optional<Neighbour> neighbour(NlMessage msg) {
        msg.requirePayload(NDMSG_LEN, "RTM_NEWNEIGH");
        NlAttrs a = msg.attrs(NDMSG_LEN, "RTM_NEWNEIGH");
        if (!a.has(NDA_DST)) return Optional.empty();   // proxy or bridge entries without an IP
        return Optional.of(new Neighbour(msg.u32(4), msg.u8(0), Ip.fromBytes(a.bytes(NDA_DST)),
                a.has(NDA_LLADDR) ? Optional.of(Ip.macString(a.bytes(NDA_LLADDR))) : Optional.empty(),
                msg.u16(8), msg.u8(10)));
    }

    // ---- tc ----

    static NlMsg tcmsg(NlMsg m, int ifindex, int handle, int parent, int info) {
        return m.u8(AF_UNSPEC).u8(0).u16(0).u32(ifindex).u32(handle).u32(parent).u32(info);
    }

    static NlMsg qdisc(int type, int flags, int ifindex, int handle, int parent, String kind) {
        return tcmsg(NlMsg.request(type, flags), ifindex, handle, parent, 0).attrString(TCA_KIND, kind);
    }

    static NlMsg tcDump(int type, int ifindex, int parent) {
        return tcmsg(NlMsg.request(type, 0), ifindex, 0, parent, 0);
    }

    static TcQdisc qdisc(NlMessage msg) {
        msg.requirePayload(TCMSG_LEN, "RTM_NEWQDISC");
        NlAttrs a = msg.attrs(TCMSG_LEN, "RTM_NEWQDISC");
        return new TcQdisc(msg.u32(4), msg.u32(8), msg.u32(12), a.string(TCA_KIND, "unknown"));
    }

    /** {@code tcm_info} of a filter: priority in the upper 16 bits, protocol in network order below. */
    static int filterInfo(int priority, int protocol) {
        return priority << 16 | ((protocol & 0xff) << 8 | (protocol >>> 8) & 0xff);
    }

    static NlMsg bpfFilter(int type, int flags, int ifindex, int parent, int priority, int protocol, int handle,
                           int progFd, String name, int bpfFlags) {
        NlMsg m = tcmsg(NlMsg.request(type, flags), ifindex, handle, parent, filterInfo(priority, protocol));
        m.attrString(TCA_KIND, "bpf");
        m.beginNested(TCA_OPTIONS).attrU32(TCA_BPF_FD, progFd);
        if (name != null) m.attrString(TCA_BPF_NAME, name);
        m.attrU32(TCA_BPF_FLAGS, bpfFlags);
        return m.endNested();
    }

    static NlMsg filterDelete(int ifindex, int parent, int priority, int protocol, int handle, String kind) {
        NlMsg m = tcmsg(NlMsg.request(RTM_DELTFILTER, 0), ifindex, handle, parent, filterInfo(priority, protocol));
        if (kind != null) m.attrString(TCA_KIND, kind);
        return m;
    }

    static TcFilter filter(NlMessage msg) {
        msg.requirePayload(TCMSG_LEN, "RTM_NEWTFILTER");
        NlAttrs a = msg.attrs(TCMSG_LEN, "RTM_NEWTFILTER");
        int info = msg.u32(16);
        int proto = ((info & 0xff) << 8) | ((info >>> 8) & 0xff);
        String kind = a.string(TCA_KIND, "");
        Optional<TcBpf> bpf = Optional.empty();
        if (kind.equals("bpf") && a.has(TCA_OPTIONS)) bpf = Optional.of(bpfOptions(a.nested(TCA_OPTIONS)));
        return new TcFilter(msg.u32(4), msg.u32(12), msg.u32(8), info >>> 16, proto, kind, a.u32(TCA_CHAIN, 0), bpf);
    }

    static TcBpf bpfOptions(NlAttrs o) {
        List<TcBpf.Action> acts = new ArrayList<>();
        if (o.has(TCA_BPF_ACT)) {
            NlAttrs prios = o.nested(TCA_BPF_ACT);
            for (NlAttrs.Attr slot : prios.list()) {
                NlAttrs act = prios.nested(slot, "TCA_BPF_ACT/" + slot.type());
                String k = act.string(TCA_ACT_KIND, "");
                Optional<String> name = Optional.empty();
                int id = 0;
                if (k.equals("bpf") && act.has(TCA_ACT_OPTIONS)) {
                    NlAttrs ao = act.nested(TCA_ACT_OPTIONS);
                    if (ao.has(TCA_ACT_BPF_NAME)) name = Optional.of(ao.string(TCA_ACT_BPF_NAME));
                    id = ao.u32(TCA_ACT_BPF_ID, 0);
                }
                acts.add(new TcBpf.Action(slot.type(), k, name, id));
            }
        }
        Optional<String> tag = Optional.empty();
        if (o.has(TCA_BPF_TAG)) {
            StringBuilder sb = new StringBuilder();
            for (byte b : o.bytes(TCA_BPF_TAG)) sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            tag = Optional.of(sb.toString());
        }
        return new TcBpf(o.has(TCA_BPF_NAME) ? Optional.of(o.string(TCA_BPF_NAME)) : Optional.empty(),
                o.u32(TCA_BPF_ID, 0), tag, o.u32(TCA_BPF_FLAGS, 0), o.u32(TCA_BPF_FLAGS_GEN, 0), List.copyOf(acts));
    }
}

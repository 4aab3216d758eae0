package dev.cil.netlink;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requests against golden bytes written from the kernel's struct layouts; replies decoded from bytes. */
class RtnlCodecTest {
    private static void assertBytes(String expectedHex, NlMsg m) {
        assertEquals(Hex.string(Hex.bytes(expectedHex)), Hex.string(m.toBytes(0, 0)));
    }

    private static NlMessage reply(NlMsg m) {
        byte[] b = m.toBytes(1, 1);
        return NlMessage.parseAll(b, b.length).get(0);
    }

    @Test
    void vethWithPeerInAnotherNamespace() {
        assertBytes("68000000 10000106 00000000 00000000"
                + "00000000 00000000 00000000 00000000"                 // ifinfomsg
                + "0a000300 76657468 30000000"                          // IFLA_IFNAME veth0
                + "3c001280"                                            // IFLA_LINKINFO
                + "09000100 76657468 00000000"                          //   IFLA_INFO_KIND veth
                + "2c000280"                                            //   IFLA_INFO_DATA
                + "28000180"                                            //     VETH_INFO_PEER
                + "00000000 00000000 00000000 00000000"                 //       ifinfomsg
                + "09000300 65746830 00000000"                          //       IFLA_IFNAME eth0
                + "08001c00 07000000",                                  //       IFLA_NET_NS_FD 7
                RtnlCodec.vethCreate("veth0", "eth0", -1, 7));
    }

    @Test
    void routeWithGateway() {
        assertBytes("34000000 18000106 00000000 00000000"
                + "02100000 fe030001 00000000"                          // rtmsg: inet /16 main boot universe unicast
                + "08000100 0a010000"                                   // RTA_DST
                + "08000500 0a000001"                                   // RTA_GATEWAY
                + "08000400 03000000",                                  // RTA_OIF
                RtnlCodec.route(RtnlCodec.RTM_NEWROUTE, NlMsg.NLM_F_CREATE | NlMsg.NLM_F_EXCL,
                        Route.to("10.1.0.0/16").via("10.0.0.1").dev(3)));
    }

    @Test
    void routeScopeIsChosenLikeIproute2AndDeletesMatchAnything() {
        NlMessage add = reply(RtnlCodec.route(RtnlCodec.RTM_NEWROUTE, 0, Route.to("10.0.0.9").dev(2)));
        assertEquals(32, add.u8(1));
        assertEquals(Route.SCOPE_LINK, add.u8(6));
        NlMessage del = reply(RtnlCodec.route(RtnlCodec.RTM_DELROUTE, 0, Route.to("default")));
        assertEquals(0, del.u8(1));
        assertEquals(Route.PROTO_UNSPEC, del.u8(5));
        assertEquals(Route.SCOPE_NOWHERE, del.u8(6));
        assertEquals(0, del.u8(7));
        assertTrue(del.attrs(12, "t").isEmpty(), "the default route has no RTA_DST");
        NlMessage big = reply(RtnlCodec.route(RtnlCodec.RTM_NEWROUTE, 0, Route.to("default").via("10.0.0.1").withTable(1000)));
        assertEquals(0, big.u8(4));
        assertEquals(1000, big.attrs(12, "t").u32(RtnlCodec.RTA_TABLE));
    }

    @Test
    void addressAndNeighbour() {
        assertBytes("28000000 14000106 00000000 00000000"
                + "02180000 05000000"                                   // ifaddrmsg: inet /24 ifindex 5
                + "08000200 0a000001"                                   // IFA_LOCAL
                + "08000100 0a000001",                                  // IFA_ADDRESS
                RtnlCodec.addr(RtnlCodec.RTM_NEWADDR, NlMsg.NLM_F_CREATE | NlMsg.NLM_F_EXCL, 5, Ip.v4("10.0.0.1"), 24, 0));
        assertBytes("30000000 1c000105 00000000 00000000"
                + "02000000 05000000 80000000"                          // ndmsg: inet ifindex 5 permanent
                + "08000100 0a000009"                                   // NDA_DST
                + "0a000200 02000000 00770000",                         // NDA_LLADDR
                RtnlCodec.neigh(RtnlCodec.RTM_NEWNEIGH, NlMsg.NLM_F_CREATE | NlMsg.NLM_F_REPLACE, 5, Ip.v4("10.0.0.9"),
                        Ip.mac("02:00:00:00:00:77"), Neighbour.NUD_PERMANENT));
    }

    @Test
    void xdpAttach() {
        assertBytes("34000000 13000100 00000000 00000000"
                + "00000000 04000000 00000000 00000000"
                + "14002b80 08000100 08000000 08000300 03000000",
                RtnlCodec.xdp(4, 8, XdpMode.SKB.flag() | XdpMode.XDP_FLAGS_UPDATE_IF_NOEXIST));
        assertBytes("2c000000 13000100 00000000 00000000"
                + "00000000 04000000 00000000 00000000"
                + "0c002b80 08000100 ffffffff", RtnlCodec.xdp(4, -1, 0));
    }

    @Test
    void clsactAndBpfFilter() {
        assertBytes("30000000 24000106 00000000 00000000"
                + "00000000 05000000 0000ffff f1ffffff 00000000"
                + "0b000100 636c7361 63740000",
                RtnlCodec.qdisc(RtnlCodec.RTM_NEWQDISC, NlMsg.NLM_F_CREATE | NlMsg.NLM_F_EXCL, 5, Tc.CLSACT_HANDLE, Tc.CLSACT, "clsact"));
        assertBytes("48000000 2c000106 00000000 00000000"
                + "00000000 05000000 01000000 f2ffffff 00030100"       // tcmsg: prio 1, protocol all (network order)
                + "08000100 62706600"                                   // TCA_KIND bpf
                + "1c000280 08000600 09000000 06000700 70000000 08000800 01000000",
                RtnlCodec.bpfFilter(RtnlCodec.RTM_NEWTFILTER, NlMsg.NLM_F_CREATE | NlMsg.NLM_F_EXCL, 5, Tc.INGRESS, 1,
                        Tc.ETH_P_ALL, 1, 9, "p", Tc.BPF_FLAG_ACT_DIRECT));
    }

    @Test
    void tcHandles() {
        assertEquals(0xfffffff2, Tc.INGRESS);
        assertEquals(0xfffffff3, Tc.EGRESS);
        assertEquals("ffff:", Tc.format(Tc.CLSACT_HANDLE));
        assertEquals("1:5", Tc.format(Tc.make(0x10000, 5)));
        assertEquals("root", Tc.format(Tc.ROOT));
        assertEquals(0x00310300, RtnlCodec.filterInfo(0x31, Tc.ETH_P_ALL));
    }

    @Test
    void linkDecodes() {
        NlMsg m = NlMsg.message(RtnlCodec.RTM_NEWLINK, 0).u8(0).u8(0).u16(1).u32(7).u32(0x11043).u32(0)
                .attrString(RtnlCodec.IFLA_IFNAME, "veth0").attrU32(RtnlCodec.IFLA_MTU, 1500)
                .attr(RtnlCodec.IFLA_ADDRESS, Ip.mac("02:AB:00:00:00:01")).attrU32(RtnlCodec.IFLA_LINK, 9)
                .attrS32(RtnlCodec.IFLA_LINK_NETNSID, 0).attrU8(RtnlCodec.IFLA_OPERSTATE, 6)
                .beginNested(RtnlCodec.IFLA_LINKINFO).attrString(RtnlCodec.IFLA_INFO_KIND, "veth").endNested()
                .beginNested(RtnlCodec.IFLA_XDP).attrU8(RtnlCodec.IFLA_XDP_ATTACHED, 2).attrU32(RtnlCodec.IFLA_XDP_PROG_ID, 42).endNested();
        Link l = RtnlCodec.link(reply(m));
        assertEquals(7, l.ifindex());
        assertEquals("veth0", l.name());
        assertEquals(1, l.type());
        assertEquals(1500, l.mtu());
        assertEquals(Optional.of("02:ab:00:00:00:01"), l.mac());
        assertEquals(Optional.of("veth"), l.kind());
        assertEquals(9, l.link().getAsInt());
        assertEquals(0, l.linkNetnsId().getAsInt());
        assertTrue(l.master().isEmpty());
        assertEquals("UP", l.operStateName());
        assertEquals(List.of("BROADCAST", "MULTICAST", "UP", "LOWER_UP"), l.flagNames());
        assertEquals(List.of(new XdpInfo.Program("generic", 42)), l.xdp().programs());
        Link down = new Link(1, "x", 1, Link.IFF_UP | Link.IFF_BROADCAST, 0, Optional.empty(), Optional.empty(),
                l.master(), l.master(), l.master(), 2, XdpInfo.NONE);
        assertEquals(List.of("NO-CARRIER", "BROADCAST", "UP"), down.flagNames());
        assertEquals(List.of(new XdpInfo.Program("generic", 3), new XdpInfo.Program("driver", 4)),
                new XdpInfo(XdpInfo.MULTI, 0, 4, 3, 0).programs());
    }

    @Test
    void bpfFilterDecodesWithActions() {
        NlMsg m = NlMsg.message(RtnlCodec.RTM_NEWTFILTER, NlMsg.NLM_F_MULTI).u8(0).u8(0).u16(0).u32(5).u32(1)
                .u32(Tc.INGRESS).u32(RtnlCodec.filterInfo(49152, Tc.ETH_P_ALL))
                .attrString(RtnlCodec.TCA_KIND, "bpf").attrU32(RtnlCodec.TCA_CHAIN, 0)
                .beginNested(RtnlCodec.TCA_OPTIONS)
                .attrString(RtnlCodec.TCA_BPF_NAME, "pass.o:[tc]").attrU32(RtnlCodec.TCA_BPF_ID, 77)
                .attr(RtnlCodec.TCA_BPF_TAG, Hex.bytes("0123456789abcdef")).attrU32(RtnlCodec.TCA_BPF_FLAGS, 1)
                .beginNested(RtnlCodec.TCA_BPF_ACT).beginNested(1).attrString(RtnlCodec.TCA_ACT_KIND, "bpf")
                .beginNested(RtnlCodec.TCA_ACT_OPTIONS).attrString(RtnlCodec.TCA_ACT_BPF_NAME, "act").attrU32(RtnlCodec.TCA_ACT_BPF_ID, 78)
                .endNested().endNested().endNested()
                .endNested();
        TcFilter f = RtnlCodec.filter(reply(m));
        assertEquals(5, f.ifindex());
        assertEquals(Tc.INGRESS, f.parent());
        assertEquals(1, f.handle());
        assertEquals(49152, f.priority());
        assertEquals(Tc.ETH_P_ALL, f.protocol());
        TcBpf b = f.bpf().orElseThrow();
        assertEquals(Optional.of("pass.o:[tc]"), b.name());
        assertEquals(77, b.progId());
        assertEquals(Optional.of("0123456789abcdef"), b.tag());
        assertTrue(b.directAction());
        assertEquals(List.of(new TcBpf.Action(1, "bpf", Optional.of("act"), 78)), b.actions());
        // the classifier's own entry (no options) has no bpf part
        NlMsg head = NlMsg.message(RtnlCodec.RTM_NEWTFILTER, 0).u8(0).u8(0).u16(0).u32(5).u32(0).u32(Tc.INGRESS).u32(0)
                .attrString(RtnlCodec.TCA_KIND, "bpf");
        assertTrue(RtnlCodec.filter(reply(head)).bpf().isEmpty());
    }

    @Test
    void namesAndAddressesAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> RtnlCodec.linkGet(0, "sixteen-bytes-xx"));
        assertThrows(IllegalArgumentException.class, () -> RtnlCodec.linkGet(0, "a/b"));
        assertThrows(IllegalArgumentException.class, () -> Ip.v4("10.0.0.256"));
        assertThrows(IllegalArgumentException.class, () -> Ip.v4("example.com"));
        assertThrows(IllegalArgumentException.class, () -> Ip.mac("02:00:00:00:00"));
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("10.0.0.0/33"));
        assertEquals("10.0.0.0/8", IpPrefix.parse("10.0.0.0/8").toString());
        assertEquals("default", Route.to("default").dstString());
        assertEquals("10.0.0.1", Route.to("10.0.0.1").dstString());
    }
}

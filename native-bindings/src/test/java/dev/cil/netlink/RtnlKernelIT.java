package dev.cil.netlink;

import dev.cil.internal.sys.BpfCalls;
import dev.cil.internal.sys.BpfCmd;
import dev.cil.internal.sys.Fd;
import dev.cil.netns.NetNs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static dev.cil.netlink.KernelTestSupport.compileBpf;
import static dev.cil.netlink.KernelTestSupport.fdCensus;
import static dev.cil.netlink.KernelTestSupport.ipJson;
import static dev.cil.netlink.KernelTestSupport.run;
import static dev.cil.netlink.KernelTestSupport.tryRun;
import static dev.cil.netlink.KernelTestSupport.unique;
import static dev.cil.netlink.KernelTestSupport.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * rtnetlink against the kernel, compared with iproute2 (ip, tc) and bpftool in namespaces this test
 * creates: two namespaces joined by a veth pair whose peer is created directly in the second one.
 */
class RtnlKernelIT {
    @TempDir
    static Path tmp;
    static Path passObj;

    private final List<String> namespaces = new ArrayList<>();
    private Map<String, Integer> fdsBefore;
    private String nsA, nsB, vA, vB;

    @BeforeAll
    static void compile() {
        passObj = compileBpf(tmp, "pass", KernelTestSupport.PASS_PROGRAMS);
    }

    @BeforeEach
    void setUp() {
        fdsBefore = fdCensus();
        nsA = unique("cilA");
        nsB = unique("cilB");
        vA = unique("va");
        vB = unique("vb");
    }

    @AfterEach
    void tearDown() {
        for (String n : namespaces) {
            if (NetNs.exists(n)) tryRun("ip", "netns", "delete", n);
        }
        assertEquals(fdsBefore, fdCensus(), "socket/netns fds leaked");
    }

    private NetNs ns(String name) {
        namespaces.add(name);
        return NetNs.create(name);
    }

    private static Map<String, Object> byName(List<Map<String, Object>> list, String key, Object value) {
        return list.stream().filter(m -> value.equals(m.get(key))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + "=" + value + " in " + list));
    }

    private static String scopeName(int s) {
        switch (s) {
            case 0: return "global";
            case 253: return "link";
            case 254: return "host";
            default: return Integer.toString(s);
        }
    }

    private static String protoName(int p) {
        switch (p) {
            case 2: return "kernel";
            case 3: return "boot";
            case 4: return "static";
            default: return Integer.toString(p);
        }
    }

    /**
     * Our links in iproute2's terms: ifname, ifindex, mtu, address, flags, operstate. iproute2 adds
     * {@code M-DOWN} when the IFLA_LINK device is in the same namespace and down; we derive it from
     * our own data the same way.
     */
    private static Set<String> ourLinks(Rtnl rt) {
        List<Link> links = rt.links();
        Map<Integer, Link> byIndex = links.stream().collect(Collectors.toMap(Link::ifindex, l -> l));
        return links.stream().map(l -> {
            List<String> flags = new ArrayList<>(l.flagNames());
            if (l.link().isPresent() && l.linkNetnsId().isEmpty() && byIndex.containsKey(l.link().getAsInt())
                    && !byIndex.get(l.link().getAsInt()).isUp()) {
                flags.add("M-DOWN");
            }
            return l.name() + " " + l.ifindex() + " " + l.mtu() + " " + l.mac().orElse("-") + " " + flags + " " + l.operStateName();
        }).collect(Collectors.toCollection(TreeSet::new));
    }

    @SuppressWarnings("unchecked")
    private static Set<String> ipLinks(String ns) {
        return ipJson(ns, "link", "show").stream().map(m -> m.get("ifname") + " " + m.get("ifindex") + " " + m.get("mtu") + " "
                + m.getOrDefault("address", "-") + " " + m.get("flags") + " " + m.get("operstate"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void podTopologyPingsAndEveryListMatchesIproute2() throws Exception {
        try (NetNs a = ns(nsA); NetNs b = ns(nsB); Rtnl ra = Rtnl.open(a); Rtnl rb = Rtnl.open(b)) {
            ra.createVeth(vA, vB, b);
            Link la = ra.link(vA);
            Link lb = rb.link(vB);
            assertEquals("veth", la.kind().orElseThrow());
            assertTrue(ra.findLink(vB).isEmpty(), "the peer was created in B, not in A");
            assertEquals(lb.ifindex(), la.link().orElseThrow(), "IFLA_LINK names the peer's ifindex");
            assertTrue(la.linkNetnsId().isPresent(), "the peer is in another namespace");

            ra.addAddress(la.ifindex(), "10.231.0.1/24");
            rb.addAddress(lb.ifindex(), "10.231.0.2/24");
            ra.setUp("lo");
            rb.setUp("lo");
            ra.setUp(vA);
            rb.setUp(lb.ifindex());
            rb.addRoute(Route.to("10.232.0.0/16").via("10.231.0.1").dev(lb.ifindex()));
            ra.addRoute(Route.to("10.233.0.9").dev(la.ifindex()).withScope(Route.SCOPE_LINK));
            ra.addAddress(ra.ifindex("lo"), "10.232.1.1/32");
            rb.addNeighbour(lb.ifindex(), Ip.v4("10.231.0.77"), "02:00:00:00:00:77", false);
            rb.addNeighbour(lb.ifindex(), Ip.v4("10.231.0.77"), "02:00:00:00:00:78", true);

            // traffic: from B to A's loopback address through the gateway route, with our process-in-namespace
            Process ping = b.start(new ProcessBuilder("ping", "-c", "1", "-W", "5", "10.232.1.1"));
            KernelTestSupport.Result r = waitFor(ping, "ping");
            assertEquals(0, r.exit(), "ping from B: " + r.out() + r.err());
            run("ip", "netns", "exec", nsA, "ping", "-c", "1", "-W", "5", "10.231.0.2");

            // links
            assertEquals(ipLinks(nsA), ourLinks(ra));
            assertEquals(ipLinks(nsB), ourLinks(rb));
            Map<String, Object> ipA = byName(ipJson(nsA, "link", "show"), "ifname", vA);
            assertEquals(((Number) ipA.get("link_netnsid")).intValue(), la.linkNetnsId().getAsInt());
            assertEquals(((Number) ipA.get("link_index")).intValue(), ra.link(vA).link().getAsInt());

            // addresses
            for (String n : List.of(nsA, nsB)) {
                Rtnl rt = n.equals(nsA) ? ra : rb;
                Set<String> ours = rt.addresses().stream().map(x -> x.ifindex() + " " + x.local().orElseThrow().getHostAddress()
                        + "/" + x.prefixLen() + " " + scopeName(x.scope()) + " " + x.label().orElse("-")).collect(Collectors.toCollection(TreeSet::new));
                Set<String> theirs = new TreeSet<>();
                for (Map<String, Object> dev : ipJson(n, "-4", "addr", "show")) {
                    for (Object o : (List<Object>) dev.get("addr_info")) {
                        Map<String, Object> ai = (Map<String, Object>) o;
                        theirs.add(dev.get("ifindex") + " " + ai.get("local") + "/" + ai.get("prefixlen") + " " + ai.get("scope") + " "
                                + ai.getOrDefault("label", "-"));
                    }
                }
                assertEquals(theirs, ours, "addresses in " + n);
                assertFalse(ours.isEmpty());
            }

            // routes (main table)
            for (String n : List.of(nsA, nsB)) {
                Rtnl rt = n.equals(nsA) ? ra : rb;
                Map<Integer, String> names = rt.linkNames();
                Set<String> ours = rt.routes().stream().map(x -> x.dstString() + " via " + x.gateway().map(InetAddress::getHostAddress).orElse("-")
                        + " dev " + (x.oif().isPresent() ? names.get(x.oif().getAsInt()) : "-")
                        + " proto " + protoName(x.protocol()) + " scope " + scopeName(x.scope())
                        + " src " + x.prefsrc().map(InetAddress::getHostAddress).orElse("-")).collect(Collectors.toCollection(TreeSet::new));
                Set<String> theirs = ipJson(n, "route", "show").stream().map(m -> m.get("dst") + " via " + m.getOrDefault("gateway", "-")
                        + " dev " + m.getOrDefault("dev", "-") + " proto " + m.getOrDefault("protocol", "boot")
                        + " scope " + m.getOrDefault("scope", "global") + " src " + m.getOrDefault("prefsrc", "-"))
                        .collect(Collectors.toCollection(TreeSet::new));
                assertEquals(theirs, ours, "routes in " + n);
            }
            assertTrue(rb.routes().stream().anyMatch(x -> x.dstString().equals("10.232.0.0/16")
                    && x.gateway().orElseThrow().getHostAddress().equals("10.231.0.1")));

            // neighbours: the permanent entry, replaced
            Set<String> ours = rb.neighbours().stream().filter(Neighbour::isPermanent)
                    .map(x -> x.ip().getHostAddress() + " " + x.ifindex() + " " + x.mac().orElse("-") + " " + x.stateNames())
                    .collect(Collectors.toCollection(TreeSet::new));
            Map<Integer, String> namesB = rb.linkNames();
            Set<String> theirs = ipJson(nsB, "neigh", "show", "nud", "permanent").stream()
                    .map(m -> m.get("dst") + " " + namesB.entrySet().stream().filter(e -> e.getValue().equals(m.get("dev"))).findFirst().orElseThrow().getKey()
                            + " " + m.get("lladdr") + " " + m.get("state"))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(theirs, ours);
            assertEquals(Set.of("10.231.0.77 " + lb.ifindex() + " 02:00:00:00:00:78 [PERMANENT]"), ours);

            // deletes
            rb.deleteNeighbour(lb.ifindex(), Ip.v4("10.231.0.77"));
            assertTrue(rb.neighbours().stream().noneMatch(Neighbour::isPermanent));
            rb.deleteRoute(Route.to("10.232.0.0/16"));
            assertTrue(rb.routes().stream().noneMatch(x -> x.dstString().equals("10.232.0.0/16")));
            ra.deleteAddress(la.ifindex(), Ip.v4("10.231.0.1"), 24);
            assertTrue(ra.addresses().stream().noneMatch(x -> x.ifindex() == la.ifindex()));
        }
    }

    @Test
    void linkChangesAreSeenByIproute2() {
        try (NetNs a = ns(nsA); NetNs b = ns(nsB); Rtnl ra = Rtnl.open(a); Rtnl rb = Rtnl.open(b)) {
            ra.createVeth(vA, vB);
            assertTrue(ra.findLink(vB).isPresent(), "both ends in A");
            ra.setMac(vA, "02:11:22:33:44:55");
            ra.setMtu(vA, 1400);
            ra.setUp(vA);
            Map<String, Object> m = byName(ipJson(nsA, "link", "show"), "ifname", vA);
            assertEquals("02:11:22:33:44:55", m.get("address"));
            assertEquals(1400L, m.get("mtu"));
            assertTrue(((List<?>) m.get("flags")).contains("UP"));
            ra.setDown(vA);
            assertFalse(((List<?>) byName(ipJson(nsA, "link", "show"), "ifname", vA).get("flags")).contains("UP"));
            assertFalse(ra.link(vA).isUp());

            String renamed = unique("vr");
            ra.rename(vA, renamed);
            assertTrue(ra.findLink(vA).isEmpty());
            assertEquals("02:11:22:33:44:55", ra.link(renamed).mac().orElseThrow());

            ra.moveToNetns(vB, b);
            assertTrue(ra.findLink(vB).isEmpty());
            assertEquals(vB, byName(ipJson(nsB, "link", "show"), "ifname", vB).get("ifname"));
            assertEquals(rb.link(vB).ifindex(), ((Number) byName(ipJson(nsB, "link", "show"), "ifname", vB).get("ifindex")).intValue());

            ra.deleteLink(renamed);
            assertTrue(ra.findLink(renamed).isEmpty());
            assertTrue(rb.findLink(vB).isEmpty(), "deleting one end of a veth removes the peer");
        }
    }

    @Test
    void errorsAreTypedOneLiners() {
        try (NetNs a = ns(nsA); Rtnl ra = Rtnl.open(a)) {
            NetlinkException e = assertThrows(NetlinkException.class, () -> ra.link("nosuchdev0"));
            assertEquals(19, e.errnoNumber());
            assertTrue(e.getMessage().startsWith("RTM_GETLINK nosuchdev0: No such device (ENODEV"), e.getMessage());
            assertThrows(NetlinkException.class, () -> ra.setUp("nosuchdev0"));

            ra.createVeth(vA, vB);
            NetlinkException dup = assertThrows(NetlinkException.class, () -> ra.createVeth(vA, unique("vc")));
            assertEquals(17, dup.errnoNumber());
            assertTrue(dup.getMessage().startsWith("RTM_NEWLINK " + vA + ": File exists (EEXIST"), dup.getMessage());
            assertFalse(dup.getMessage().contains("\n"));

            // the kernel's extended ack text travels in the message
            NetlinkException mtu = assertThrows(NetlinkException.class, () -> ra.setMtu(vA, 10));
            assertEquals(22, mtu.errnoNumber());
            assertTrue(mtu.extack().isPresent(), mtu.getMessage());
            assertEquals("RTM_NEWLINK " + vA + " mtu 10: Invalid argument (EINVAL; " + mtu.extack().get() + ")", mtu.getMessage());
            ra.setUp(vA);
            int idx = ra.ifindex(vA);
            ra.addAddress(idx, "10.231.0.1/24");
            NetlinkException gw = assertThrows(NetlinkException.class,
                    () -> ra.addRoute(Route.to("10.7.0.0/16").via("10.99.0.2").dev(idx)));
            assertTrue(gw.extack().orElse("").toLowerCase().contains("gateway"), gw.getMessage());
            NetlinkException twice = assertThrows(NetlinkException.class, () -> ra.addAddress(idx, "10.231.0.1/24"));
            assertEquals(17, twice.errnoNumber());
            assertThrows(IllegalArgumentException.class, () -> ra.createVeth("this-name-is-too-long", vB));
        }
    }

    @Test
    void xdpAttachedByIproute2IsReportedAndOursIsSeenByIproute2() {
        try (NetNs a = ns(nsA); NetNs b = ns(nsB); Rtnl ra = Rtnl.open(a); Rtnl rb = Rtnl.open(b)) {
            ra.createVeth(vA, vB, b);
            run("ip", "-n", nsA, "link", "set", "dev", vA, "xdpgeneric", "obj", passObj.toString(), "sec", "xdp");
            Map<String, Object> x = (Map<String, Object>) byName(ipJson(nsA, "link", "show"), "ifname", vA).get("xdp");
            int id = ((Number) ((Map<String, Object>) x.get("prog")).get("id")).intValue();
            XdpInfo ours = ra.link(vA).xdp();
            assertEquals(XdpInfo.SKB, ours.attached());
            assertEquals(((Number) x.get("mode")).intValue(), ours.attached());
            assertEquals(id, ours.progId());
            assertEquals(List.of(new XdpInfo.Program("generic", id)), ours.programs());
            assertFalse(rb.link(vB).xdp().isAttached());

            // the same program attached by us on the peer, natively (veth supports driver mode), then generic
            try (Fd prog = new Fd(BpfCalls.getFdById(BpfCmd.PROG_GET_FD_BY_ID, id, 0, "prog " + id), "prog " + id)) {
                int ib = rb.ifindex(vB);
                rb.attachXdp(ib, prog, XdpMode.DRV, false);
                Map<String, Object> y = (Map<String, Object>) byName(ipJson(nsB, "link", "show"), "ifname", vB).get("xdp");
                assertEquals(1L, y.get("mode"), "XDP_ATTACHED_DRV");
                assertEquals((long) id, ((Map<String, Object>) y.get("prog")).get("id"));
                assertEquals(List.of(new XdpInfo.Program("driver", id)), rb.link(vB).xdp().programs());
                NetlinkException busy = assertThrows(NetlinkException.class, () -> rb.attachXdp(ib, prog, XdpMode.DRV, false));
                assertEquals(16, busy.errnoNumber(), busy.getMessage());
                rb.attachXdp(ib, prog, XdpMode.DRV, true);
                rb.detachXdp(ib, XdpMode.DRV);
                assertFalse(rb.link(vB).xdp().isAttached());
                assertFalse(byName(ipJson(nsB, "link", "show"), "ifname", vB).containsKey("xdp"));

                // bpftool agrees with our view of A
                List<Map<String, Object>> bt = bpftoolNet(nsA, vA, "xdp");
                assertEquals(1, bt.size(), bt.toString());
                assertEquals("generic", bt.get(0).get("mode"));
                assertEquals((long) id, bt.get(0).get("id"));
            }
            ra.detachXdp(ra.ifindex(vA), XdpMode.SKB);
            assertFalse(ra.link(vA).xdp().isAttached());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> bpftoolNet(String ns, String dev, String section) {
        String out = run("ip", "netns", "exec", ns, "bpftool", "-j", "net", "show", "dev", dev);
        List<Object> top = (List<Object>) MiniJson.parse(out);
        Map<String, Object> first = (Map<String, Object>) top.get(0);
        return (List<Map<String, Object>>) first.get(section);
    }

    @Test
    @SuppressWarnings("unchecked")
    void tcFiltersMatchTcAndBpftool() {
        try (NetNs a = ns(nsA); NetNs b = ns(nsB); Rtnl ra = Rtnl.open(a); Rtnl rb = Rtnl.open(b)) {
            ra.createVeth(vA, vB, b);
            Link la = ra.link(vA);
            run("tc", "-n", nsA, "qdisc", "add", "dev", vA, "clsact");
            run("tc", "-n", nsA, "filter", "add", "dev", vA, "ingress", "bpf", "da", "obj", passObj.toString(), "sec", "tc");
            // a filter on a classful root qdisc too: bpftool names it by the qdisc's kind
            run("tc", "-n", nsA, "qdisc", "add", "dev", vA, "root", "handle", "1:", "htb");
            run("tc", "-n", nsA, "class", "add", "dev", vA, "parent", "1:", "classid", "1:5", "htb", "rate", "1mbit");
            run("tc", "-n", nsA, "filter", "add", "dev", vA, "parent", "1:", "bpf", "obj", passObj.toString(), "sec", "tc");
            run("tc", "-n", nsA, "filter", "add", "dev", vA, "parent", "1:5", "bpf", "obj", passObj.toString(), "sec", "tc");

            List<Map<String, Object>> tcIngress = MiniJson.parseArray(run("tc", "-n", nsA, "-j", "filter", "show", "dev", vA, "ingress"));
            Map<String, Object> withOpts = tcIngress.stream().filter(m -> m.containsKey("options")).findFirst().orElseThrow();
            Map<String, Object> opts = (Map<String, Object>) withOpts.get("options");
            long id = (Long) ((Map<String, Object>) opts.get("prog")).get("id");

            List<TcFilter> ours = ra.filters(la.ifindex(), Tc.INGRESS);
            List<TcFilter> bpf = ours.stream().filter(f -> f.bpf().isPresent()).toList();
            assertEquals(1, bpf.size(), ours.toString());
            TcFilter f = bpf.get(0);
            assertEquals(id, f.bpf().get().progId());
            assertEquals(opts.get("bpf_name"), f.bpf().get().name().orElseThrow());
            assertEquals(Boolean.TRUE.equals(opts.get("direct-action")), f.bpf().get().directAction());
            assertTrue(f.bpf().get().directAction());
            assertEquals(((Number) withOpts.get("pref")).intValue(), f.priority());
            assertEquals("all", withOpts.get("protocol"));
            assertEquals(Tc.ETH_P_ALL, f.protocol());
            assertEquals(((Map<String, Object>) opts.get("prog")).get("tag"), f.bpf().get().tag().orElseThrow());
            assertTrue(ra.qdiscs(la.ifindex()).stream().anyMatch(q -> q.kind().equals("clsact") && q.handle() == Tc.CLSACT_HANDLE));

            // bpftool net show's tc lines equal ours
            List<String> theirs = bpftoolNet(nsA, vA, "tc").stream()
                    .map(m -> m.get("devname") + "(" + m.get("ifindex") + ") " + m.get("kind") + " " + m.get("name") + " id " + m.get("id"))
                    .toList();
            List<String> mine = ra.bpfFilters(la).stream()
                    .map(e -> e.device() + "(" + e.ifindex() + ") " + e.location() + " " + e.bpf().name().orElse("") + " id " + e.bpf().progId())
                    .toList();
            assertEquals(theirs, mine);
            assertEquals(3, mine.size(), mine.toString());
            assertTrue(mine.get(0).contains(" htb "), mine.toString());
            assertTrue(mine.get(1).contains(" htb "), mine.toString());
            assertTrue(mine.get(2).contains(" clsact/ingress "), mine.toString());

            // ours on the peer, by prog fd, read back by tc
            try (Fd prog = new Fd(BpfCalls.getFdById(BpfCmd.PROG_GET_FD_BY_ID, (int) id, 0, "prog " + id), "prog " + id)) {
                int ib = rb.ifindex(vB);
                rb.addClsact(ib);
                NetlinkException again = assertThrows(NetlinkException.class, () -> rb.addClsact(ib));
                assertEquals(17, again.errnoNumber());
                rb.addBpfFilter(ib, Tc.EGRESS, 7, 3, prog, "cil_pass", true);
                List<Map<String, Object>> tcEgress = MiniJson.parseArray(run("tc", "-n", nsB, "-j", "filter", "show", "dev", vB, "egress"));
                Map<String, Object> e = tcEgress.stream().filter(m -> m.containsKey("options")).findFirst().orElseThrow();
                Map<String, Object> eo = (Map<String, Object>) e.get("options");
                assertEquals(7L, e.get("pref"));
                assertEquals("all", e.get("protocol"));
                assertEquals("0x3", eo.get("handle"));
                assertEquals("cil_pass", eo.get("bpf_name"));
                assertEquals(Boolean.TRUE, eo.get("direct-action"));
                assertEquals(id, ((Map<String, Object>) eo.get("prog")).get("id"));
                Link lb = rb.link(vB);
                assertEquals(List.of(vB + " clsact/egress cil_pass " + id),
                        rb.bpfFilters(lb).stream().map(x -> x.device() + " " + x.location() + " " + x.bpf().name().orElse("") + " " + x.bpf().progId()).toList());

                rb.deleteFilter(ib, Tc.EGRESS, 7, 3);
                assertTrue(rb.filters(ib, Tc.EGRESS).isEmpty());
                assertTrue(MiniJson.parseArray(run("tc", "-n", nsB, "-j", "filter", "show", "dev", vB, "egress")).isEmpty());
                rb.deleteClsact(ib);
                assertTrue(rb.qdiscs(ib).stream().noneMatch(q -> q.kind().equals("clsact")));
            }
        }
    }

    @Test
    void largeDumpsSpanSeveralDatagramsAndStayComplete() {
        try (NetNs a = ns(nsA); Rtnl ra = Rtnl.open(a)) {
            for (int i = 0; i < 60; i++) {
                ra.createVeth("d" + i + "a", "d" + i + "b");
                ra.addAddress(ra.ifindex("d" + i + "a"), "10.240." + i + ".1/24");
            }
            List<Link> links = ra.links();
            assertEquals(121, links.size());
            assertEquals(ipLinks(nsA), ourLinks(ra));
            assertEquals(60, ra.addresses().size());
            assertEquals(ipJson(nsA, "route", "show", "table", "all").stream().filter(m -> !"local".equals(m.get("type"))
                    && !"broadcast".equals(m.get("type")) && !String.valueOf(m.get("dst")).contains(":")).count(),
                    ra.routes(2, 0).stream().filter(r -> r.type() == Route.TYPE_UNICAST).count());
        }
    }

    @Test
    void namespaceFdsAndSocketsAreNotLeakedByManyOpens() {
        try (NetNs a = ns(nsA)) {
            for (int i = 0; i < 20; i++) {
                try (Rtnl rt = Rtnl.open(a)) {
                    assertEquals(1, rt.links().size());
                }
                try (NetNs again = NetNs.open(nsA)) {
                    assertTrue(again.sameAs(a));
                }
            }
            assertNotEquals(0, a.inode());
        }
    }
}

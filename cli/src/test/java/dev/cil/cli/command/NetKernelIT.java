package dev.cil.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cil.bpf.BpfMap;
import dev.cil.bpf.BpfProgram;
import dev.cil.bpf.link.Tcx;
import dev.cil.bpf.link.TcxLink;
import dev.cil.bpf.link.TcxOptions;
import dev.cil.bpf.link.XdpLink;
import dev.cil.cli.support.Cil;
import dev.cil.cli.support.Fixtures;
import dev.cil.cli.support.Json;
import dev.cil.cli.support.Peers;
import dev.cil.netlink.Rtnl;
import dev.cil.netlink.Tc;
import dev.cil.netns.NetNs;
import dev.cil.testing.KernelTest;
import dev.cil.testing.Proc;
import dev.cil.testing.Scratch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cil net show|attach|detach} in two test namespaces joined by a veth, with programs loaded by our
 * own loader: attachments made by cil,
 * by our library (tcx and XDP links) and by iproute2 (a classic tc filter), compared with bpftool 7.5
 * (text and JSON) and, for XDP and classic tc, bpftool 7.1; and real pings counted by the attached
 * programs until they are detached.
 */
@KernelTest
class NetKernelIT {
    static Scratch s;
    static String nsA, nsB, progs, maps;

    @BeforeAll
    static void topology(Scratch scratch) {
        s = scratch;
        nsA = s.netns("na");
        nsB = s.netns("nb");
        Proc.run("ip", "-n", nsA, "link", "add", "veth0", "type", "veth", "peer", "name", "veth1", "netns", nsB).ok();
        Proc.run("ip", "-n", nsA, "addr", "add", "10.250.0.1/24", "dev", "veth0").ok();
        Proc.run("ip", "-n", nsB, "addr", "add", "10.250.0.2/24", "dev", "veth1").ok();
        Proc.run("ip", "-n", nsA, "link", "set", "veth0", "up").ok();
        Proc.run("ip", "-n", nsB, "link", "set", "veth1", "up").ok();
        // loaded by our own loader: the counting below proves our programs run where we attached them
        String[] dirs = Fixtures.loadAllWithCil(s, "fixture_count");
        progs = dirs[0];
        maps = dirs[1];
    }

    static long count(int key) {
        try (BpfMap m = BpfMap.openPinned(maps + "/cnt_packets")) {
            byte[] k = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(key).array();
            return ByteBuffer.wrap(m.lookup(k).orElseThrow()).order(ByteOrder.LITTLE_ENDIAN).getLong();
        }
    }

    static void ping() { Proc.run("ip", "netns", "exec", nsA, "ping", "-c", "3", "-i", "0.05", "-W", "1", "10.250.0.2").ok(); }

    static void assertSameAsBpftool75(String ns) {
        String peer = Proc.run("ip", "netns", "exec", ns, Peers.BPFTOOL_NEW, "net", "show").ok().out();
        assertEquals(peer, Cil.run("--netns", ns, "net", "show").ok().out());
        JsonNode pj = Json.parse(Proc.run("ip", "netns", "exec", ns, Peers.BPFTOOL_NEW, "-j", "net", "show").ok().out());
        assertEquals(pj, Json.parse(Cil.run("--netns", ns, "-j", "net", "show").ok().out()));
        String dev = ns.equals(nsA) ? "veth0" : "veth1";
        assertEquals(Proc.run("ip", "netns", "exec", ns, Peers.BPFTOOL_NEW, "net", "show", "dev", dev).ok().out(),
                Cil.run("--netns", ns, "net", "show", "dev", dev).ok().out());
    }

    @Test
    void tcxAttachedByCilCountsPacketsAndDetaches() {
        Cil.run("--netns", nsB, "net", "attach", "tcx_ingress", "pinned", progs + "/cnt_tc", "dev", "veth1").ok();
        try {
            String show = Cil.run("--netns", nsB, "net", "show").ok().out();
            assertTrue(show.matches("(?s).*\nveth1\\(\\d+\\) tcx/ingress cnt_tc prog_id \\d+ \n.*"), show);
            assertSameAsBpftool75(nsB);
            long before = count(0);
            ping();
            assertTrue(count(0) - before >= 3, "ingress of veth1 saw the pings");
        } finally {
            Cil.run("--netns", nsB, "net", "detach", "tcx_ingress", "dev", "veth1").ok();
        }
        long after = count(0);
        ping();
        assertEquals(after, count(0), "detached: no more counting");
        assertTrue(!Cil.run("--netns", nsB, "net", "show").ok().out().contains("tcx/ingress"));
    }

    @Test
    void tcxAndXdpLinksFromOurLibrary() throws Exception {
        try (NetNs ns = NetNs.open(nsB); BpfProgram tc = BpfProgram.openPinned(progs + "/cnt_tc");
             BpfProgram tcB = BpfProgram.openPinned(progs + "/cnt_tc_b");
             BpfProgram xdp = BpfProgram.openPinned(progs + "/cnt_xdp")) {
            int ifindex = ns.run(() -> { try (Rtnl r = Rtnl.open()) { return r.ifindex("veth1"); } });
            try (TcxLink first = ns.run(() -> Tcx.attach(tc, ifindex, TcxOptions.ingress()));
                 TcxLink before = ns.run(() -> Tcx.attach(tcB, ifindex, TcxOptions.ingress().beforeLink(first.info().id().value())));
                 XdpLink x = ns.run(() -> XdpLink.attach(xdp, ifindex, XdpLink.SKB_MODE))) {
                String show = Cil.run("--netns", nsB, "net", "show").ok().out();
                int a = show.indexOf("link_id " + before.info().id() + " "), b = show.indexOf("link_id " + first.info().id() + " ");
                assertTrue(a >= 0 && b > a, "the 'before' link runs first:\n" + show);
                assertSameAsBpftool75(nsB);
                long t0 = count(0), b0 = count(2), x0 = count(1);
                ping();
                assertTrue(count(2) - b0 >= 3, "the program linked 'before' runs first and counts the pings");
                assertEquals(t0, count(0), "it returns TCX_PASS, which ends the chain: the first-attached one never runs");
                assertTrue(count(1) - x0 >= 3, "xdp link counted");
                // what bpftool 7.1 can show (xdp) matches too
                JsonNode old = Json.parse(Proc.run("ip", "netns", "exec", nsB, Peers.BPFTOOL, "-j", "net", "show").ok().out());
                JsonNode ours = Json.parse(Cil.run("--netns", nsB, "-j", "net", "show").ok().out());
                assertEquals(old.get(0).get("xdp"), ours.get(0).get("xdp"));
            }
            long t1 = count(0), b1 = count(2), x1 = count(1);
            ping();
            assertEquals(t1, count(0), "closing the links detached the programs");
            assertEquals(b1, count(2));
            assertEquals(x1, count(1));
        }
    }

    @Test
    void xdpAttachedByCilAndLegacyTcFilters() throws Exception {
        Cil.run("--netns", nsB, "net", "attach", "xdpgeneric", "pinned", progs + "/cnt_xdp", "dev", "veth1").ok();
        Cil.Result busy = Cil.run("--netns", nsB, "net", "attach", "xdpgeneric", "pinned", progs + "/cnt_xdp", "dev", "veth1");
        assertEquals(1, busy.code());
        assertTrue(busy.err().contains("add 'overwrite'"), busy.err());
        Cil.run("--netns", nsB, "net", "attach", "xdpgeneric", "pinned", progs + "/cnt_xdp", "dev", "veth1", "overwrite").ok();
        // a classic clsact filter added by iproute2, and one by our library
        // nsenter, not 'ip netns exec': that remounts /sys and hides the pins under /sys/fs/bpf
        Proc.run("nsenter", "--net=/run/netns/" + nsB, "tc", "qdisc", "add", "dev", "veth1", "clsact").ok();
        Proc.run("nsenter", "--net=/run/netns/" + nsB, "tc", "filter", "add", "dev", "veth1", "egress", "bpf", "da", "pinned",
                progs + "/cnt_tc").ok();
        try (NetNs ns = NetNs.open(nsB); BpfProgram tc = BpfProgram.openPinned(progs + "/cnt_tc")) {
            ns.run(() -> {
                try (Rtnl r = Rtnl.open()) {
                    r.addBpfFilter(r.ifindex("veth1"), Tc.INGRESS, 1, 1, tc.fd(), "cil_counter", true);
                }
                return null;
            });
            long x0 = count(1), t0 = count(0);
            ping();
            assertTrue(count(1) - x0 >= 3 && count(0) - t0 >= 6, "xdp and both tc filters counted");
            assertSameAsBpftool75(nsB);
            // bpftool 7.1 shows classic tc and xdp the same way
            String old = Proc.run("ip", "netns", "exec", nsB, Peers.BPFTOOL, "net", "show").ok().out();
            String ours = Cil.run("--netns", nsB, "net", "show").ok().out();
            assertEquals(old, ours.replace("netfilter:\n\n", ""));
        } finally {
            Proc.run("nsenter", "--net=/run/netns/" + nsB, "tc", "qdisc", "del", "dev", "veth1", "clsact");
            Cil.run("--netns", nsB, "net", "detach", "xdpgeneric", "dev", "veth1").ok();
        }
        long x1 = count(1);
        ping();
        assertEquals(x1, count(1));
        assertEquals("xdp:\n\ntc:\n\nflow_dissector:\n\nnetfilter:\n\n", Cil.run("--netns", nsB, "net", "show").ok().out());
    }

    @Test
    void legacyXdpAndTcFilterFromOurLibrary() throws Exception {
        try (NetNs ns = NetNs.open(nsB); BpfProgram tc = BpfProgram.openPinned(progs + "/cnt_tc");
             BpfProgram xdp = BpfProgram.openPinned(progs + "/cnt_xdp")) {
            int ifindex = ns.run(() -> { try (Rtnl r = Rtnl.open()) { return r.ifindex("veth1"); } });
            try (dev.cil.bpf.link.XdpAttachment x = ns.run(() -> dev.cil.bpf.link.XdpAttachment.attachLegacy(xdp, ifindex,
                         dev.cil.netlink.XdpMode.SKB));
                 dev.cil.bpf.link.TcFilterAttachment f = ns.run(() -> dev.cil.bpf.link.TcFilterAttachment.attach(tc, ifindex,
                         dev.cil.bpf.link.TcxDirection.INGRESS, 7, 3, "cil_legacy"))) {
                assertTrue(x.legacy());
                String show = Cil.run("--netns", nsB, "net", "show").ok().out();
                assertTrue(show.contains("veth1(" + ifindex + ") generic id "), show);
                assertTrue(show.contains("veth1(" + ifindex + ") clsact/ingress cil_legacy id "), show);
                assertSameAsBpftool75(nsB);
                long t0 = count(0), x0 = count(1);
                ping();
                assertTrue(count(0) - t0 >= 3 && count(1) - x0 >= 3, "both legacy attachments counted");
            } // closed from this (root-namespace) thread: they detach in the namespace they were made in
            long t1 = count(0), x1 = count(1);
            ping();
            assertEquals(t1, count(0));
            assertEquals(x1, count(1));
            Proc.run("nsenter", "--net=/run/netns/" + nsB, "tc", "qdisc", "del", "dev", "veth1", "clsact");
        }
    }

    @Test
    void runTimeStatisticsShowAsBpftoolPrintsThem() throws Exception {
        Cil.run("--netns", nsB, "net", "attach", "tcx_ingress", "pinned", progs + "/cnt_tc_b", "dev", "veth1").ok();
        try (dev.cil.bpf.BpfStats stats = dev.cil.bpf.BpfStats.enable()) {
            ping();
            String pin = progs + "/cnt_tc_b";
            String ours = Cil.run("prog", "show", "pinned", pin).ok().out();
            assertTrue(ours.lines().findFirst().orElseThrow().matches("\\d+: sched_cls  name cnt_tc_b  tag \\w+  gpl run_time_ns \\d+ run_cnt [1-9]\\d*"), ours);
            assertEquals(Peers.bpftool("prog", "show", "pinned", pin).ok().out(), ours);
            assertEquals(Json.parse(Peers.bpftoolNew("-j", "prog", "show", "pinned", pin).ok().out()),
                    Json.parse(Cil.run("-j", "prog", "show", "pinned", pin).ok().out()));
        } finally {
            Cil.run("--netns", nsB, "net", "detach", "tcx_ingress", "dev", "veth1").ok();
        }
    }

    @Test
    void badInput() {
        Cil.Result r = Cil.run("--netns", nsB, "net", "show", "dev", "nosuchdev");
        assertEquals(1, r.code());
        assertEquals("cil: no device named nosuchdev in this network namespace\n", r.err());
        Cil.Result ns = Cil.run("--netns", "cil-no-such-ns", "net", "show");
        assertEquals(1, ns.code());
        assertEquals("cil: network namespace \"cil-no-such-ns\" not found\n", ns.err());
        Cil.Result type = Cil.run("--netns", nsB, "net", "attach", "xdp", "pinned", progs + "/cnt_tc", "dev", "veth1");
        assertEquals(1, type.code());
        assertTrue(type.err().matches("cil: program \\d+ is sched_cls, xdp needs xdp\n"), type.err());
        Cil.Result bad = Cil.run("net", "attach", "frob", "id", "1", "dev", "x");
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("cil: invalid net attach/detach type: frob"), bad.err());
        Cil.Result ow = Cil.run("--netns", nsB, "net", "attach", "tcx_ingress", "pinned", progs + "/cnt_tc", "dev", "veth1", "overwrite");
        assertEquals(2, ow.code());
        Cil.Result none = Cil.run("--netns", nsB, "net", "detach", "tcx_egress", "dev", "veth1");
        assertEquals(1, none.code());
    }
}

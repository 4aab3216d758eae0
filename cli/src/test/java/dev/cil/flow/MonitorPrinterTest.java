package dev.cil.flow;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** cilium-dbg monitor's lines for raw events. */
class MonitorPrinterTest {
    final EventDecoder d = new EventDecoder();
    final MonitorPrinter info = new MonitorPrinter(MonitorPrinter.Verbosity.INFO, false, i -> i == 12 ? "lxc1234" : null);

    MonitorEvent syn() {
        return d.decodeRecord(Frames.trace(1, 1, 0, 905, 39126, 25054, 905, 0, 12,
                Frames.tcpFrame("10.200.0.10", 41320, "10.200.0.20", 80, Packet.TCP_SYN)));
    }

    MonitorEvent drop() {
        return d.decodeRecord(Frames.drop(1, 0, 151, 416, 39126, 2, 0, 123, 2, 12, Frames.icmpFrame("10.200.0.10", "10.200.0.99", 8)));
    }

    @Test
    void oneLinePerEvent() {
        assertEquals("-> endpoint 905 flow 0x0 , identity 39126->25054 state new ifindex lxc1234 orig-ip 0.0.0.0: "
                + "10.200.0.10:41320 -> 10.200.0.20:80 tcp SYN\n", info.format(syn()));
        assertEquals("xx drop (Stale or unroutable IP) flow 0x0 to endpoint 0, ifindex 12, file bpf_lxc.c:123, , identity 39126->world: "
                + "10.200.0.10 -> 10.200.0.99 EchoRequest\n", info.format(drop()));
        MonitorEvent reply = d.decodeRecord(Frames.trace(1, 0, 3, 416, 39126, 1, 0, 2, 7,
                Frames.eth(1, 2, 0x0800, Frames.ipv4(Frames.ip("10.200.0.10"), Frames.ip("10.200.0.1"), 17, 64, Frames.udp(5353, 53)))));
        assertEquals("-> stack flow 0x0 , identity 39126->host state reply ifindex 7 orig-ip 0.0.0.0: "
                + "10.200.0.10:5353 -> 10.200.0.1:53 udp\n", info.format(reply));
        MonitorPrinter numeric = new MonitorPrinter(MonitorPrinter.Verbosity.INFO, true, null);
        assertTrue(numeric.format(drop()).contains(", identity 39126->2: "));
        assertEquals("CPU 01: Lost 7 events\n", info.lost(1, 7));
        MonitorEvent u = d.decodeRecord(Frames.record(1, 2, new byte[] {(byte) 200, 0, 0, 0, 0, 0, 0, 0}));
        assertEquals("CPU 02: Unknown event: [200 0 0 0 0 0 0 0]\n", info.format(u));
        MonitorEvent shortTrace = d.decodeRecord(Frames.record(1, 0, new byte[] {4, 0, 0, 0, 0, 0, 0, 0, 0}));
        assertEquals("CPU 00: Undecodable event (trace notification of 9 bytes)\n", info.format(shortTrace));
    }

    @Test
    void verboseAddsTheHeaders() {
        MonitorPrinter v = new MonitorPrinter(MonitorPrinter.Verbosity.VERBOSE, false, i -> null);
        String s = v.format(syn());
        List<String> lines = s.lines().toList();
        assertEquals(MonitorPrinter.SEPARATOR, lines.get(0));
        assertEquals("CPU 01: MARK 0x0 FROM 905 to-endpoint: 54 bytes (54 captured), state new, interface 12, , identity 39126->25054, "
                + "orig-ip 0.0.0.0, to endpoint 905", lines.get(1));
        assertTrue(lines.get(2).startsWith("Ethernet\t{SrcMAC=92:ef:86:7b:d1:d4 DstMAC=5e:b5:9a:19:fb:b3 EthernetType=IPv4}"), lines.get(2));
        assertTrue(lines.get(3).startsWith("IPv4\t{Version=4 IHL=5"), lines.get(3));
        assertTrue(lines.get(4).startsWith("TCP\t{SrcPort=41320 DstPort=80"), lines.get(4));
        assertTrue(v.format(drop()).contains("MARK 0x0 FROM 416 DROP: 50 bytes, reason Stale or unroutable IP, identity 39126->world\n"));
    }

    @Test
    void jsonObjects() throws Exception {
        MonitorPrinter j = new MonitorPrinter(MonitorPrinter.Verbosity.JSON, false, i -> "lxc1234");
        com.fasterxml.jackson.databind.JsonNode t = new com.fasterxml.jackson.databind.ObjectMapper().readTree(j.format(syn()));
        assertEquals("trace", t.get("type").asText());
        assertEquals("CPU 01:", t.get("cpu").asText());
        assertEquals("to-endpoint", t.get("observationPoint").asText());
        assertEquals("-> endpoint 905", t.get("traceSummary").asText());
        assertEquals(39126, t.get("srcLabel").asInt());
        assertEquals("10.200.0.20", t.get("summary").get("l3").get("dst").asText());
        com.fasterxml.jackson.databind.JsonNode x = new com.fasterxml.jackson.databind.ObjectMapper().readTree(j.format(drop()));
        assertEquals("Stale or unroutable IP", x.get("reason").asText());
        assertEquals(123, x.get("Line").asInt());
    }

    @Test
    void filtersLikeCiliumDbg() {
        MonitorEvent s = syn(), dr = drop();
        assertTrue(MonitorPrinter.matches(s, List.of(), List.of(), List.of(), List.of()));
        assertTrue(MonitorPrinter.matches(dr, List.of(1), List.of(), List.of(), List.of()));
        assertFalse(MonitorPrinter.matches(s, List.of(1), List.of(), List.of(), List.of()));
        assertTrue(MonitorPrinter.matches(s, List.of(), List.of(905), List.of(905), List.of()));
        assertFalse(MonitorPrinter.matches(dr, List.of(), List.of(), List.of(905), List.of()));
        assertTrue(MonitorPrinter.matches(dr, List.of(), List.of(), List.of(), List.of(416)));
        assertFalse(MonitorPrinter.matches(dr, List.of(), List.of(), List.of(), List.of(905)));
    }
}

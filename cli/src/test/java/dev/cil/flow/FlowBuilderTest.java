package dev.cil.flow;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Events to flows, field by field, against hubble's threefour parser rules. */
class FlowBuilderTest {
    static final Instant T0 = Instant.parse("2024-10-21T11:12:10.998123456Z");
    static final long KTIME = 5_000_000_000L;

    static FlowBuilder builder() {
        long epoch = T0.getEpochSecond() * 1_000_000_000L + T0.getNano();
        return new FlowBuilder(new SeedResolver("k8s-s"), MonotonicClock.fixed(epoch - KTIME), () -> "uuid-1");
    }

    static Flow flow(byte[] record) {
        return builder().build(new EventDecoder().decodeRecord(record));
    }

    static final int SYN = Packet.TCP_SYN, ACK = Packet.TCP_ACK;

    @Test
    void aToEndpointTraceOfANewConnection() {
        Flow f = flow(Frames.trace(KTIME, 1, MonitorApi.TRACE_TO_LXC, 905, 39126, 25054, 905, 0, 12,
                Frames.tcpFrame(SeedResolver.NETPOD_IP, 41320, SeedResolver.WEBPOD_IP, 80, SYN)));
        assertEquals(T0, f.time());
        assertEquals("uuid-1", f.uuid());
        assertEquals(1, f.verdict(), "FORWARDED");
        assertEquals(new Flow.Ethernet("92:ef:86:7b:d1:d4", "5e:b5:9a:19:fb:b3"), f.ethernet());
        assertEquals(new Flow.IP("10.200.0.10", null, "10.200.0.20", 1, false), f.ip());
        assertEquals(new Flow.Tcp(41320, 80, new Flow.TcpFlags(SYN)), f.l4());
        assertEquals(416, f.source().id());
        assertEquals(39126, f.source().identity());
        assertEquals("netpod", f.source().podName());
        assertEquals(List.of("k8s:app=netpod", "k8s:io.kubernetes.pod.namespace=default"), f.source().labels(), "sorted");
        assertEquals(905, f.destination().id());
        assertEquals(1, f.type(), "L3_L4");
        assertEquals("k8s-s", f.nodeName());
        assertEquals(new Flow.EventType(4, 0), f.eventType());
        assertEquals(101, f.traceObservationPoint(), "the monitor's 0 is TO_ENDPOINT (101)");
        assertEquals(1, f.traceReason(), "monitor reason 0 (new) is NEW (1)");
        assertEquals(Boolean.FALSE, f.isReply());
        assertEquals(1, f.trafficDirection(), "traced at the receiver, not a reply: INGRESS");
        assertEquals(new Flow.NetworkInterface(12, "lxc1234"), f.iface());
        assertEquals("TCP Flags: SYN", f.summary());
        assertEquals(0, f.dropReasonDesc());
        assertNull(f.file());
    }

    @Test
    void repliesAndDirections() {
        // the SYN-ACK traced at the client's endpoint (416) with CT reply
        Flow f = flow(Frames.trace(KTIME, 0, MonitorApi.TRACE_TO_LXC, 416, 25054, 39126, 416, 2, 12,
                Frames.tcpFrame(SeedResolver.WEBPOD_IP, 80, SeedResolver.NETPOD_IP, 41320, SYN | ACK)));
        assertEquals(Boolean.TRUE, f.isReply());
        assertTrue(f.reply());
        assertEquals(3, f.traceReason(), "REPLY");
        assertEquals(2, f.trafficDirection(), "a reply to the local endpoint that is not the source: EGRESS (hubble's rule)");
        // to-stack from the pod (source = sender EP 416), established
        Flow g = flow(Frames.trace(KTIME, 0, MonitorApi.TRACE_TO_STACK, 416, 39126, 1, 0, 1, 12,
                Frames.tcpFrame(SeedResolver.NETPOD_IP, 5000, SeedResolver.ROUTER_IP, 80, ACK)));
        assertEquals(3, g.traceObservationPoint(), "TO_STACK");
        assertEquals(new Flow.EventType(4, 3), g.eventType());
        assertEquals(2, g.traceReason(), "ESTABLISHED");
        assertEquals(2, g.trafficDirection(), "source endpoint, not a reply: EGRESS");
        assertEquals(0, g.destination().id(), "the router is no local endpoint");
        assertEquals(1, g.destination().identity());
        assertEquals(List.of("reserved:host"), g.destination().labels());
        // reason unknown (5): no is_reply, no direction
        Flow u = flow(Frames.trace(KTIME, 0, MonitorApi.TRACE_FROM_HOST, 1234, 0, 0, 0, 5, 3,
                Frames.icmpFrame("10.200.0.1", "10.200.98.1", 8)));
        assertNull(u.isReply());
        assertEquals(0, u.trafficDirection());
        assertEquals(0, u.traceReason());
        assertEquals("ICMPv4 EchoRequest", u.summary());
        assertEquals(1, u.source().identity(), "no datapath identity: the ipcache's");
        assertEquals(List.of("reserved:host"), u.source().labels());
        assertEquals(0, u.destination().identity(), "unknown everywhere");
        assertTrue(u.destination().labels().isEmpty());
    }

    @Test
    void aDropOfAnUnroutableAddress() {
        Flow f = flow(Frames.drop(KTIME, 1, 151, 416, 39126, 2, 0, 123, 2, 12,
                Frames.icmpFrame(SeedResolver.NETPOD_IP, "10.200.0.99", 8)));
        assertEquals(2, f.verdict(), "DROPPED");
        assertEquals(151, f.dropReason());
        assertEquals(151, f.dropReasonDesc());
        assertEquals("STALE_OR_UNROUTABLE_IP", ProtoEnum.DROP_REASON.name(f.dropReasonDesc()));
        assertEquals(new Flow.FileInfo("bpf_lxc.c", 123), f.file());
        assertEquals(new Flow.EventType(1, 151), f.eventType());
        assertNull(f.isReply(), "drops have no known direction");
        assertEquals(2, f.trafficDirection(), "dropped at the sender's endpoint: EGRESS");
        assertEquals(2, f.destination().identity());
        assertEquals(List.of("reserved:world"), f.destination().labels());
        assertEquals(0, f.traceObservationPoint());
        assertNull(f.iface(), "hubble gives drops no interface");
    }

    @Test
    void truncatedAndEmptyPacketsStillMakeFlows() {
        byte[] full = Frames.tcpFrame(SeedResolver.NETPOD_IP, 1, SeedResolver.WEBPOD_IP, 2, SYN);
        byte[] cut = java.util.Arrays.copyOf(full, 14 + 20 + 10);
        Flow f = flow(Frames.drop(KTIME, 0, 135, 416, 39126, 25054, 0, 7, 2, 0, cut));
        assertEquals("IPv4", f.summary(), "the last complete header");
        assertNull(f.l4());
        assertEquals("10.200.0.20", f.ip().destination());
        Flow e = flow(Frames.trace(KTIME, 0, 0, 905, 1, 2, 905, 0, 0, new byte[0]));
        assertNull(e.ip());
        assertNull(e.ethernet());
        assertEquals("", e.summary());
        assertTrue(e.source() != null && e.destination() != null, "hubble always sets both endpoints");
    }

    @Test
    void debugAndUnknownEventsAreNotFlows() {
        assertNull(builder().build(new MonitorEvent.Debug(1, 0, 3, 1, 0, 1, 2, 3)));
        assertNull(builder().build(new MonitorEvent.Unknown(1, 0, 99, 0, 0, 0, new byte[] {99}, null)));
    }
}

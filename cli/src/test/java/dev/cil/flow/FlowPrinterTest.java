package dev.cil.flow;

import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Golden output of every printer, for the seed's flows (formats.md §14.1-14.3). */
class FlowPrinterTest {
    static final long K = FlowBuilderTest.KTIME;
    static final int SYN = Packet.TCP_SYN, ACK = Packet.TCP_ACK, PSH = Packet.TCP_PSH, FIN = Packet.TCP_FIN, RST = Packet.TCP_RST;
    static final String NET = SeedResolver.NETPOD_IP, WEB = SeedResolver.WEBPOD_IP;

    static Flow toWeb(int flags, int reason) {
        return FlowBuilderTest.flow(Frames.trace(K, 1, 0, 905, 39126, 25054, 905, reason, 12, Frames.tcpFrame(NET, 41320, WEB, 80, flags)));
    }

    static Flow toNet(int flags, int reason) {
        return FlowBuilderTest.flow(Frames.trace(K, 1, 0, 416, 25054, 39126, 416, reason, 12, Frames.tcpFrame(WEB, 80, NET, 41320, flags)));
    }

    /** The seed's `hubble observe --pod webpod1` sequence, as our datapath traces it on one node. */
    static List<Flow> seedSequence() {
        return List.of(
                FlowBuilderTest.flow(Frames.trace(K, 1, 0, 905, 39126, 25054, 905, 0, 12, Frames.icmpFrame(NET, WEB, 8))),
                FlowBuilderTest.flow(Frames.trace(K, 1, 0, 416, 25054, 39126, 416, 2, 12, Frames.icmpFrame(WEB, NET, 0))),
                toWeb(SYN, 0), toNet(SYN | ACK, 2), toWeb(ACK, 1), toWeb(ACK | PSH, 1), toNet(ACK | PSH, 2),
                toWeb(ACK | FIN, 1), toNet(ACK | FIN, 2), toWeb(ACK, 1),
                FlowBuilderTest.flow(Frames.trace(K, 1, 0, 905, 39126, 25054, 905, 0, 12, Frames.tcpFrame(NET, 38492, WEB, 8080, SYN))),
                FlowBuilderTest.flow(Frames.trace(K, 1, 0, 416, 25054, 39126, 416, 2, 12, Frames.tcpFrame(WEB, 8080, NET, 38492, ACK | RST))));
    }

    static String print(FlowPrinter.Options o, List<? extends FlowsResponse> items) {
        StringWriter w = new StringWriter();
        try (FlowPrinter p = new FlowPrinter(o, w)) {
            for (FlowsResponse r : items) p.print(r);
        }
        return w.toString();
    }

    static List<FlowsResponse> responses(List<Flow> flows) {
        return flows.stream().map(f -> (FlowsResponse) FlowsResponse.OfFlow.of(f)).toList();
    }

    @Test
    void compactLinesHaveTheSeedsShapes() {
        String out = print(FlowPrinter.Options.defaults(FlowPrinter.Format.COMPACT), responses(seedSequence()));
        String t = "Oct 21 11:12:10.998: ";
        assertEquals(String.join("\n",
                t + "default/netpod (ID:39126) -> default/webpod1 (ID:25054) to-endpoint FORWARDED (ICMPv4 EchoRequest)",
                t + "default/netpod (ID:39126) <- default/webpod1 (ID:25054) to-endpoint FORWARDED (ICMPv4 EchoReply)",
                t + "default/netpod:41320 (ID:39126) -> default/webpod1:80 (ID:25054) to-endpoint FORWARDED (TCP Flags: SYN)",
                t + "default/netpod:41320 (ID:39126) <- default/webpod1:80 (ID:25054) to-endpoint FORWARDED (TCP Flags: SYN, ACK)",
                t + "default/netpod:41320 (ID:39126) -> default/webpod1:80 (ID:25054) to-endpoint FORWARDED (TCP Flags: ACK)",
                t + "default/netpod:41320 (ID:39126) -> default/webpod1:80 (ID:25054) to-endpoint FORWARDED (TCP Flags: ACK, PSH)",
                t + "default/netpod:41320 (ID:39126) <- default/webpod1:80 (ID:25054) to-endpoint FORWARDED (TCP Flags: ACK, PSH)",
                t + "default/netpod:41320 (ID:39126) -> default/webpod1:80 (ID:25054) to-endpoint FORWARDED (TCP Flags: ACK, FIN)",
                t + "default/netpod:41320 (ID:39126) <- default/webpod1:80 (ID:25054) to-endpoint FORWARDED (TCP Flags: ACK, FIN)",
                t + "default/netpod:41320 (ID:39126) -> default/webpod1:80 (ID:25054) to-endpoint FORWARDED (TCP Flags: ACK)",
                t + "default/netpod:38492 (ID:39126) -> default/webpod1:8080 (ID:25054) to-endpoint FORWARDED (TCP Flags: SYN)",
                t + "default/netpod:38492 (ID:39126) <- default/webpod1:8080 (ID:25054) to-endpoint FORWARDED (TCP Flags: ACK, RST)",
                ""), out);
    }

    @Test
    void dropsHaveNoDirectionAndTheirReasonAsType() {
        Flow d = FlowBuilderTest.flow(Frames.drop(K, 1, 151, 416, 39126, 2, 0, 123, 2, 12, Frames.icmpFrame(NET, "10.200.0.99", 8)));
        assertEquals("Oct 21 11:12:10.998: default/netpod (ID:39126) <> 10.200.0.99 (world) Stale or unroutable IP DROPPED (ICMPv4 EchoRequest)\n",
                print(FlowPrinter.Options.defaults(FlowPrinter.Format.COMPACT), List.of(FlowsResponse.OfFlow.of(d))));
        // --numeric prints addresses; --print-node-name the node; another time format
        FlowPrinter.Options o = new FlowPrinter.Options(FlowPrinter.Format.COMPACT, GoTime.Layout.RFC3339_MILLI, true, false, false);
        assertEquals("2024-10-21T11:12:10.998Z [k8s-s]: 10.200.0.10 (ID:39126) <> 10.200.0.99 (world) Stale or unroutable IP DROPPED (ICMPv4 EchoRequest)\n",
                print(o, List.of(FlowsResponse.OfFlow.of(d))));
    }

    @Test
    void dictKeysAreRightAlignedWithSeparatorsBetweenFlows() {
        List<Flow> two = seedSequence().subList(2, 4);
        assertEquals(String.join("\n",
                "  TIMESTAMP: Oct 21 11:12:10.998",
                "     SOURCE: default/netpod:41320",
                "DESTINATION: default/webpod1:80",
                "       TYPE: to-endpoint",
                "    VERDICT: FORWARDED",
                "    SUMMARY: TCP Flags: SYN",
                "------------",
                "  TIMESTAMP: Oct 21 11:12:10.998",
                "     SOURCE: default/webpod1:80",
                "DESTINATION: default/netpod:41320",
                "       TYPE: to-endpoint",
                "    VERDICT: FORWARDED",
                "    SUMMARY: TCP Flags: SYN, ACK",
                ""), print(FlowPrinter.Options.defaults(FlowPrinter.Format.DICT), responses(two)));
    }

    @Test
    void tableIsGoTabwriterTwoZeroThree() {
        List<Flow> flows = List.of(seedSequence().get(2), seedSequence().get(0));
        assertEquals(String.join("\n",
                "TIMESTAMP             SOURCE                 DESTINATION          TYPE          VERDICT     SUMMARY",
                "Oct 21 11:12:10.998   default/netpod:41320   default/webpod1:80   to-endpoint   FORWARDED   TCP Flags: SYN",
                "Oct 21 11:12:10.998   default/netpod         default/webpod1      to-endpoint   FORWARDED   ICMPv4 EchoRequest",
                ""), print(FlowPrinter.Options.defaults(FlowPrinter.Format.TABLE), responses(flows)));
        FlowPrinter.Options node = new FlowPrinter.Options(FlowPrinter.Format.TABLE, GoTime.Layout.STAMP_MILLI, true, true, true);
        String withNode = print(node, responses(flows.subList(0, 1)));
        assertEquals("TIMESTAMP             NODE    SOURCE                 DESTINATION          TYPE          VERDICT     SUMMARY\n"
                + "Oct 21 11:12:10.998   k8s-s   default/netpod:41320   default/webpod1:80   to-endpoint   FORWARDED   TCP Flags: SYN\n",
                withNode, "colours are never used in tables");
    }

    @Test
    void jsonIsOneGetFlowsResponsePerLine() {
        String out = print(FlowPrinter.Options.defaults(FlowPrinter.Format.JSON), responses(seedSequence().subList(2, 3)));
        assertEquals("{\"flow\":{\"time\":\"2024-10-21T11:12:10.998123456Z\",\"uuid\":\"uuid-1\",\"verdict\":\"FORWARDED\","
                + "\"ethernet\":{\"source\":\"92:ef:86:7b:d1:d4\",\"destination\":\"5e:b5:9a:19:fb:b3\"},"
                + "\"IP\":{\"source\":\"10.200.0.10\",\"destination\":\"10.200.0.20\",\"ipVersion\":\"IPv4\"},"
                + "\"l4\":{\"TCP\":{\"source_port\":41320,\"destination_port\":80,\"flags\":{\"SYN\":true}}},"
                + "\"source\":{\"ID\":416,\"identity\":39126,\"namespace\":\"default\",\"labels\":[\"k8s:app=netpod\","
                + "\"k8s:io.kubernetes.pod.namespace=default\"],\"pod_name\":\"netpod\"},"
                + "\"destination\":{\"ID\":905,\"identity\":25054,\"namespace\":\"default\",\"labels\":[\"k8s:app=webpod\","
                + "\"k8s:io.kubernetes.pod.namespace=default\"],\"pod_name\":\"webpod1\"},"
                + "\"Type\":\"L3_L4\",\"node_name\":\"k8s-s\",\"event_type\":{\"type\":4},\"traffic_direction\":\"INGRESS\","
                + "\"trace_observation_point\":\"TO_ENDPOINT\",\"trace_reason\":\"NEW\",\"is_reply\":false,"
                + "\"interface\":{\"index\":12,\"name\":\"lxc1234\"},\"Summary\":\"TCP Flags: SYN\"},"
                + "\"node_name\":\"k8s-s\",\"time\":\"2024-10-21T11:12:10.998123456Z\"}\n", out);
    }

    @Test
    void coloursAreHubblesAndOnlyWhenAsked() {
        FlowPrinter.Options c = new FlowPrinter.Options(FlowPrinter.Format.COMPACT, GoTime.Layout.STAMP_MILLI, false, true, true);
        String out = print(c, responses(seedSequence().subList(2, 3)));
        String e = "\u001b[", r = "\u001b[0m";
        assertEquals("Oct 21 11:12:10.998: " + e + "36mdefault/netpod:" + e + "33m41320" + r + r + " " + e + "35m(ID:39126)" + r
                + " -> " + e + "36mdefault/webpod1:" + e + "33m80" + r + r + " " + e + "35m(ID:25054)" + r + " to-endpoint "
                + e + "32mFORWARDED" + r + " (TCP Flags: SYN)\n", out);
        FlowPrinter.Options d = new FlowPrinter.Options(FlowPrinter.Format.DICT, GoTime.Layout.STAMP_MILLI, false, true, true);
        String dict = print(d, responses(List.of(FlowBuilderTest.flow(Frames.drop(K, 1, 133, 416, 39126, 25054, 0, 1, 2, 0,
                Frames.tcpFrame(NET, 1, WEB, 2, SYN))))));
        assertEquals(true, dict.contains("    VERDICT: " + e + "31mDROPPED" + r + "\n"), dict);
    }

    @Test
    void lostEventsAsHubblePrintsThem() {
        Instant t = FlowBuilderTest.T0;
        FlowsResponse lost = new FlowsResponse.OfLostEvents(new FlowsResponse.LostEvents(1, 42, 3, null, null), "k8s-s", t);
        FlowsResponse lost2 = new FlowsResponse.OfLostEvents(new FlowsResponse.LostEvents(3, 7, null, t, t.plusSeconds(1)), "", t);
        assertEquals("Oct 21 11:12:10.998 EVENTS LOST: PERF_EVENT_RING_BUFFER CPU(3) 42\n"
                        + "Oct 21 11:12:10.998 EVENTS LOST: HUBBLE_RING_BUFFER CPU(0) 7 (first: Oct 21 11:12:10.998, last: Oct 21 11:12:11.998)\n",
                print(FlowPrinter.Options.defaults(FlowPrinter.Format.COMPACT), List.of(lost, lost2)));
        FlowPrinter.Options dn = new FlowPrinter.Options(FlowPrinter.Format.DICT, GoTime.Layout.STAMP_MILLI, true, true, false);
        assertEquals("  TIMESTAMP: Oct 21 11:12:10.998\n       NODE: -\n     SOURCE: HUBBLE_RING_BUFFER\n       TYPE: EVENTS LOST\n"
                + "    VERDICT: -\n    SUMMARY: CPU(0) - 7 (first: Oct 21 11:12:10.998, last: Oct 21 11:12:11.998)\n",
                print(dn, List.of(lost2)));
        assertEquals("{\"lost_events\":{\"source\":\"PERF_EVENT_RING_BUFFER\",\"num_events_lost\":\"42\",\"cpu\":3},"
                + "\"node_name\":\"k8s-s\",\"time\":\"2024-10-21T11:12:10.998123456Z\"}\n",
                print(FlowPrinter.Options.defaults(FlowPrinter.Format.JSON), List.of(lost)));
        assertEquals("TIMESTAMP             SOURCE                   DESTINATION   TYPE          VERDICT   SUMMARY\n"
                + "Oct 21 11:12:10.998   PERF_EVENT_RING_BUFFER   -             EVENTS LOST   -         CPU(3) - 42\n",
                print(FlowPrinter.Options.defaults(FlowPrinter.Format.TABLE), List.of(lost)));
    }

    @Test
    void terminalEscapesInNamesAndSummaries() {
        Flow f = seedSequence().get(2).toBuilder()
                .source(Flow.Endpoint.of(416, 39126, "default", "net\u001b[2Jpod\r", List.of()))
                .summary("a\nb").build();
        String out = print(FlowPrinter.Options.defaults(FlowPrinter.Format.COMPACT), List.of(FlowsResponse.OfFlow.of(f)));
        assertEquals("Oct 21 11:12:10.998: default/net^[[2Jpod\\r:41320 (ID:39126) -> default/webpod1:80 (ID:25054) "
                + "to-endpoint FORWARDED (a\\x0ab)\n", out);
    }

    @Test
    void flowTypesOfOtherEvents() {
        Flow base = seedSequence().get(0);
        assertEquals("policy-verdict:L3-L4 INGRESS", FlowPrinter.flowType(base.toBuilder().eventType(new Flow.EventType(5, 0))
                .policyMatchType(2).trafficDirection(1).build()));
        assertEquals("pre-xlate-rev", FlowPrinter.flowType(base.toBuilder().eventType(new Flow.EventType(7, 0)).sockXlatePoint(3).build()));
        assertEquals("DBG_CAPTURE_DELIVERY", FlowPrinter.flowType(base.toBuilder().eventType(new Flow.EventType(3, 4)).debugCapturePoint(4).build()));
        assertEquals("159, 0", FlowPrinter.flowType(base.toBuilder().eventType(new Flow.EventType(1, 159)).build()), "unknown drop reason");
        assertEquals("UNKNOWN", FlowPrinter.flowType(base.toBuilder().eventType(new Flow.EventType(9, 0)).build()));
        assertEquals("http-request", FlowPrinter.flowType(base.toBuilder().l7(new Flow.L7(1, "http", null)).build()));
        assertEquals("dns-response proxy", FlowPrinter.flowType(base.toBuilder().l7(new Flow.L7(2, "dns", "proxy")).build()));
    }
}

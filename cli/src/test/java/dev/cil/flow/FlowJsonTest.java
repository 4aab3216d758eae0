package dev.cil.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** hubble's Flow JSON (formats.md §14.3): keys, order, types and omission rules; reading it back. */
class FlowJsonTest {
    static final ObjectMapper M = new ObjectMapper();

    /** formats.md §14.3's list of flow keys in declaration order. */
    static final List<String> FORMATS_MD_KEYS = List.of("time", "uuid", "emitter", "verdict", "drop_reason", "auth_type",
            "ethernet", "IP", "l4", "tunnel", "source", "destination", "Type", "node_name", "node_labels", "source_names",
            "destination_names", "l7", "reply", "event_type", "source_service", "destination_service", "traffic_direction",
            "policy_match_type", "trace_observation_point", "trace_reason", "file", "ip_trace_id", "drop_reason_desc",
            "is_reply", "debug_capture_point", "interface", "proxy_port", "trace_context", "sock_xlate_point",
            "socket_cookie", "cgroup_id", "Summary", "extensions", "egress_allowed_by", "ingress_allowed_by",
            "egress_denied_by", "ingress_denied_by", "policy_log", "aggregate");

    static List<String> keys(JsonNode n) {
        List<String> k = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) k.add(it.next());
        return k;
    }

    /** A flow with every modelled field set. */
    static Flow full() {
        return Flow.builder().time(Instant.parse("2024-10-21T11:12:10.998Z")).uuid("u").emitter(new Flow.Emitter("cil", "0.1"))
                .verdict(2).dropReason(133).authType(1).ethernet(new Flow.Ethernet("aa:aa:aa:aa:aa:aa", "bb:bb:bb:bb:bb:bb"))
                .ip(new Flow.IP("10.0.0.1", "10.0.0.9", "fd00::1", 1, true))
                .l4(new Flow.Tcp(1, 2, new Flow.TcpFlags(Packet.TCP_FIN | Packet.TCP_NS)))
                .source(new Flow.Endpoint(1, 2, "c", "ns", List.of("a:b"), "p", List.of(new Flow.Workload("w", "Deployment"))))
                .destination(Flow.Endpoint.of(0, 0, null, null, List.of())).type(1).nodeName("n").nodeLabels(List.of("x=y"))
                .sourceNames(List.of("a.example")).destinationNames(List.of("b.example")).reply(true)
                .eventType(new Flow.EventType(1, 133)).sourceService(new Flow.Service("s", "ns"))
                .destinationService(new Flow.Service("d", "ns")).trafficDirection(2).policyMatchType(3)
                .traceObservationPoint(101).traceReason(4).file(new Flow.FileInfo("bpf_lxc.c", 9))
                .ipTraceId(new Flow.IpTraceId(-1L, 136)).dropReasonDesc(133).isReply(true).debugCapturePoint(4)
                .iface(new Flow.NetworkInterface(3, "eth0")).proxyPort(8080).sockXlatePoint(2).socketCookie(-2L)
                .cgroupId(1L << 40).summary("TCP Flags: FIN, NS")
                .raw("l7", "{\"type\":\"REQUEST\",\"http\":{\"code\":200}}").raw("tunnel", "{\"protocol\":\"VXLAN\"}")
                .raw("trace_context", "{\"parent\":{\"trace_id\":\"t\"}}").raw("extensions", "{}")
                .raw("egress_allowed_by", "[]").raw("ingress_allowed_by", "[]").raw("egress_denied_by", "[]")
                .raw("ingress_denied_by", "[]").raw("policy_log", "[\"p\"]").raw("aggregate", "{}").build();
    }

    @Test
    void keysFollowDeclarationOrderAndTypesAreProtojsons() throws Exception {
        String line = FlowJson.line(FlowsResponse.OfFlow.of(full()));
        JsonNode r = M.readTree(line);
        assertEquals(List.of("flow", "node_name", "time"), keys(r));
        JsonNode f = r.get("flow");
        assertEquals(FORMATS_MD_KEYS, keys(f), "every key, in formats.md's order");
        assertEquals(FORMATS_MD_KEYS, FlowJson.FLOW_FIELDS);
        assertTrue(f.get("time").isTextual());
        assertEquals("2024-10-21T11:12:10.998Z", f.get("time").asText(), "3 fraction digits when they suffice");
        assertEquals("DROPPED", f.get("verdict").asText(), "enums by name");
        assertEquals(133, f.get("drop_reason").asInt());
        assertTrue(f.get("drop_reason").isInt());
        assertEquals("SPIRE", f.get("auth_type").asText());
        assertEquals(List.of("source", "source_xlated", "destination", "ipVersion", "encrypted"), keys(f.get("IP")));
        assertEquals("IPv4", f.get("IP").get("ipVersion").asText());
        assertTrue(f.get("IP").get("encrypted").asBoolean());
        assertEquals("{\"FIN\":true,\"NS\":true}", f.get("l4").get("TCP").get("flags").toString(), "only true flags");
        assertEquals(List.of("ID", "identity", "cluster_name", "namespace", "labels", "pod_name", "workloads"), keys(f.get("source")));
        assertEquals("{}", f.get("destination").toString(), "an empty endpoint is an empty object");
        assertEquals("L3_L4", f.get("Type").asText());
        assertEquals("{\"type\":1,\"sub_type\":133}", f.get("event_type").toString());
        assertEquals("EGRESS", f.get("traffic_direction").asText());
        assertEquals("TO_ENDPOINT", f.get("trace_observation_point").asText());
        assertEquals("RELATED", f.get("trace_reason").asText());
        assertEquals("18446744073709551615", f.get("ip_trace_id").get("trace_id").asText(), "uint64 as a string");
        assertTrue(f.get("ip_trace_id").get("trace_id").isTextual());
        assertEquals("POLICY_DENIED", f.get("drop_reason_desc").asText());
        assertTrue(f.get("is_reply").isBoolean());
        assertEquals("DBG_CAPTURE_DELIVERY", f.get("debug_capture_point").asText());
        assertEquals("SOCK_XLATE_POINT_POST_DIRECTION_FWD", f.get("sock_xlate_point").asText());
        assertEquals("18446744073709551614", f.get("socket_cookie").asText());
        assertEquals("1099511627776", f.get("cgroup_id").asText());
        assertTrue(f.get("cgroup_id").isTextual());
        assertEquals("TCP Flags: FIN, NS", f.get("Summary").asText());
    }

    @Test
    void zeroValuesAreLeftOutButASetIsReplyIsNot() throws Exception {
        Flow f = Flow.builder().isReply(false).eventType(new Flow.EventType(4, 0)).build();
        assertEquals("{\"event_type\":{\"type\":4},\"is_reply\":false}", FlowJson.flow(f));
        assertEquals("{}", FlowJson.flow(Flow.builder().build()));
        assertEquals("{\"flow\":{}}", FlowJson.line(new FlowsResponse.OfFlow(Flow.builder().build(), null, null)));
        assertEquals("{\"drop_reason_desc\":159}", FlowJson.flow(Flow.builder().dropReasonDesc(159).build()),
                "an enum number without a name is printed as the number");
    }

    @Test
    void timestampsHaveZeroThreeSixOrNineDigits() {
        assertEquals("{\"time\":\"2024-10-21T11:12:10Z\"}", FlowJson.flow(Flow.builder().time(Instant.parse("2024-10-21T11:12:10Z")).build()));
        assertEquals("{\"time\":\"2024-10-21T11:12:10.000001Z\"}",
                FlowJson.flow(Flow.builder().time(Instant.parse("2024-10-21T11:12:10.000001Z")).build()));
        assertEquals("{\"time\":\"2024-10-21T11:12:10.120000001Z\"}",
                FlowJson.flow(Flow.builder().time(Instant.parse("2024-10-21T11:12:10.120000001Z")).build()));
        assertEquals("{\"time\":\"1969-12-31T23:59:59.500Z\"}", FlowJson.flow(Flow.builder().time(Instant.ofEpochMilli(-500)).build()));
    }

    @Test
    void stringsAreEscapedAsGoDoes() {
        Flow f = Flow.builder().summary("<a> & \"b\"\\ \n\t\u0001\u2028").build();
        assertEquals("{\"Summary\":\"\\u003ca\\u003e \\u0026 \\\"b\\\"\\\\ \\n\\t\\u0001\\u2028\"}", FlowJson.flow(f));
    }

    @Test
    void readingBackGivesTheSameFlowAndLine() {
        FlowsResponse r = FlowsResponse.OfFlow.of(full());
        String line = FlowJson.line(r);
        FlowsResponse back = FlowJson.parse(line);
        assertEquals(line, FlowJson.line(back));
        assertEquals(full(), ((FlowsResponse.OfFlow) back).flow());
        assertEquals("http", ((FlowsResponse.OfFlow) back).flow().l7().protocol());
        FlowsResponse lost = new FlowsResponse.OfLostEvents(new FlowsResponse.LostEvents(1, 5, 0, null, null), "n", Instant.EPOCH);
        assertEquals(FlowJson.line(lost), FlowJson.line(FlowJson.parse(FlowJson.line(lost))));
    }

    @Test
    void readsHubblesOwnLines() {
        // formats.md §14.3's example, and a capture of the public shape with a reserved peer
        String hubble = "{\"flow\":{\"time\":\"2024-10-21T11:12:10.998123456Z\",\"uuid\":\"5a3d\",\"verdict\":\"FORWARDED\","
                + "\"ethernet\":{\"source\":\"92:ef:86:7b:d1:d4\",\"destination\":\"5e:b5:9a:19:fb:b3\"},\"IP\":{\"source\":"
                + "\"172.16.0.230\",\"destination\":\"172.16.1.111\",\"ipVersion\":\"IPv4\"},\"l4\":{\"TCP\":{\"source_port\":41320,"
                + "\"destination_port\":80,\"flags\":{\"SYN\":true}}},\"source\":{\"ID\":416,\"identity\":39126,\"namespace\":"
                + "\"default\",\"labels\":[\"k8s:app=netpod\",\"k8s:io.kubernetes.pod.namespace=default\"],\"pod_name\":\"netpod\"},"
                + "\"destination\":{\"identity\":25054,\"namespace\":\"default\",\"labels\":[\"k8s:app=webpod\","
                + "\"k8s:io.kubernetes.pod.namespace=default\"],\"pod_name\":\"webpod1\"},\"Type\":\"L3_L4\",\"node_name\":\"k8s-s\","
                + "\"event_type\":{\"type\":4,\"sub_type\":11},\"traffic_direction\":\"EGRESS\",\"trace_observation_point\":"
                + "\"TO_NETWORK\",\"trace_reason\":\"NEW\",\"is_reply\":false,\"Summary\":\"TCP Flags: SYN\"},\"node_name\":\"k8s-s\","
                + "\"time\":\"2024-10-21T11:12:10.998123456Z\"}";
        FlowsResponse r = FlowJson.parse(hubble);
        assertEquals(hubble, FlowJson.line(r), "printed back byte for byte");
        Flow f = ((FlowsResponse.OfFlow) r).flow();
        assertEquals(11, f.eventType().subType());
        assertEquals(new Flow.Tcp(41320, 80, new Flow.TcpFlags(Packet.TCP_SYN)), f.l4());
        // lowerCamel names, enum numbers, 64-bit strings, offsets and null are all protojson input
        FlowsResponse c = FlowJson.parse("{\"flow\":{\"time\":\"2024-10-21T13:12:10+02:00\",\"verdict\":2,\"dropReasonDesc\":"
                + "\"POLICY_DENIED\",\"isReply\":null,\"socketCookie\":\"7\",\"destination\":{\"identity\":2,\"labels\":"
                + "[\"reserved:world\"]},\"newerField\":{\"x\":[1,\"<\"]}},\"nodeName\":\"n\"}");
        Flow g = ((FlowsResponse.OfFlow) c).flow();
        assertEquals(Instant.parse("2024-10-21T11:12:10Z"), g.time());
        assertEquals(2, g.verdict());
        assertEquals(133, g.dropReasonDesc());
        assertNull(g.isReply());
        assertEquals(7, g.socketCookie());
        assertEquals("{\"x\":[1,\"\\u003c\"]}", g.rawFields().get("newerField"), "an unknown field is kept, re-escaped");
        assertEquals("n", c.nodeName());
        // hubble's legacy json: a bare flow
        FlowsResponse bare = FlowJson.parse("{\"time\":\"2024-10-21T11:12:10Z\",\"verdict\":\"DROPPED\",\"node_name\":\"x\"}");
        assertEquals(2, ((FlowsResponse.OfFlow) bare).flow().verdict());
        assertEquals("x", bare.nodeName());
        assertNull(FlowJson.parse("{\"node_status\":{\"state_change\":\"NODE_CONNECTED\"}}"), "not a flow, not an error");
    }

    @Test
    void badLinesAreOneLineErrors() {
        for (String bad : List.of("", "[]", "{\"flow\":", "{\"flow\":{\"verdict\":\"MAYBE\"}}", "{\"flow\":{\"time\":\"yesterday\"}}",
                "{\"flow\":{\"IP\":3}}", "{\"flow\":{\"source\":{\"ID\":-1}}}", "{} {}", "{\"x\":1}")) {
            FlowJson.ParseException e = assertThrows(FlowJson.ParseException.class, () -> FlowJson.parse(bad), bad);
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        }
    }
}

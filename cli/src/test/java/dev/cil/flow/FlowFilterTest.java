package dev.cil.flow;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** hubble's filter flags, one family at a time, with its OR/AND/--not rules and errors. */
class FlowFilterTest {
    static final int SYN = Packet.TCP_SYN, ACK = Packet.TCP_ACK;

    /** netpod -> webpod1:80 SYN (to-endpoint, new), its SYN-ACK reply, a drop to world, a to-stack ICMP to the host. */
    static final Flow SYN_FLOW = FlowPrinterTest.toWeb(SYN, 0);
    static final Flow SYNACK = FlowPrinterTest.toNet(SYN | ACK, 2);
    static final Flow DROP = FlowBuilderTest.flow(Frames.drop(1, 0, 151, 416, 39126, 2, 0, 1, 2, 0,
            Frames.icmpFrame(SeedResolver.NETPOD_IP, "10.200.0.99", 8)));
    static final Flow TO_HOST = FlowBuilderTest.flow(Frames.trace(1, 0, 3, 416, 39126, 1, 0, 0, 12,
            Frames.eth(1, 2, 0x0800, Frames.ipv4(Frames.ip(SeedResolver.NETPOD_IP), Frames.ip("10.200.0.1"), 17, 64, Frames.udp(5353, 53)))));
    static final Flow OTHER_NS = SYN_FLOW.toBuilder()
            .source(Flow.Endpoint.of(7, 4242, "kube-system", "coredns-1", List.of("k8s:k8s-app=kube-dns")))
            .nodeName("k8s-w1").build();
    static final List<Flow> ALL = List.of(SYN_FLOW, SYNACK, DROP, TO_HOST, OTHER_NS);

    /** Which of ALL pass, by index. */
    static List<Integer> pass(String... flags) {
        FilterFlags ff = new FilterFlags();
        for (String f : flags) {
            if (f.equals("--not")) {
                ff.not();
                continue;
            }
            String[] kv = f.substring(2).split("=", 2);
            ff.set(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        FlowFilter filter = ff.build();
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < ALL.size(); i++) if (filter.test(ALL.get(i))) out.add(i);
        return out;
    }

    static String error(String... flags) {
        return assertThrows(IllegalArgumentException.class, () -> pass(flags)).getMessage();
    }

    @Test
    void noFilterPassesEverything() {
        assertEquals(List.of(0, 1, 2, 3, 4), pass());
    }

    @Test
    void pods() {
        assertEquals(List.of(0, 1, 4), pass("--pod=webpod1"), "either side; a bare name is in namespace default");
        assertEquals(List.of(0, 1, 4), pass("--pod=web"), "a prefix");
        assertEquals(List.of(0, 2, 3), pass("--from-pod=netpod"));
        assertEquals(List.of(1), pass("--to-pod=default/net"));
        assertEquals(List.of(4), pass("--from-pod=kube-system/coredns"));
        assertEquals(List.of(), pass("--from-pod=coredns"), "not in namespace default");
        assertEquals(List.of(0, 1, 2, 3, 4), pass("--pod=netpod", "--pod=webpod1"), "the same flag twice: OR");
        assertEquals(List.of(1, 2, 3, 4), pass("--not", "--from-pod=netpod", "--not", "--to-pod=webpod1"),
                "negated flags form one deny filter: denied only when both match (hubble's documented rule)");
        assertEquals(List.of(1, 4), pass("--not", "--from-pod=netpod"));
        assertTrue(error("--pod=").contains("name must not be empty"));
    }

    @Test
    void namespaces() {
        assertEquals(List.of(0, 1, 2, 3, 4), pass("--namespace=default"), "every flow has a side in default");
        assertEquals(List.of(4), pass("--from-namespace=kube-system"));
        assertEquals(List.of(0, 1, 4), pass("--to-namespace=default"));
        assertEquals(List.of(0, 1, 4), pass("--pod=webpod1", "--namespace=default"));
        assertEquals(List.of(0, 1), pass("--from-pod=default/", "--to-pod=default/"), "both sides in default");
        assertEquals(List.of(0, 1, 2, 3, 4), pass("--all-namespaces"));
        assertEquals("invalid argument \"default\" for \"--namespace\" flag: filters --from-pod and --namespace cannot be combined",
                error("--from-pod=netpod", "--namespace=default"));
        assertTrue(error("--from-namespace=a", "--from-pod=b/x").contains("namespace conflict: \"a\" does not contain \"b/x\""));
    }

    @Test
    void addresses() {
        assertEquals(List.of(0, 1, 2, 3, 4), pass("--ip=10.200.0.10"));
        assertEquals(List.of(0, 2, 3, 4), pass("--from-ip=10.200.0.10"));
        assertEquals(List.of(1, 3), pass("--to-ip=10.200.0.0/28", "--not", "--to-ip=10.200.0.20"));
        assertEquals(List.of(2), pass("--to-ip=10.200.0.99/32"));
        assertEquals(List.of(), pass("--ip=fd00::1"));
        assertEquals(List.of(0, 1, 2, 3, 4), pass("--ipv4"));
        assertEquals(List.of(), pass("--ip-version=v6"));
        assertTrue(error("--ip=10.0.0.300").contains("invalid IP address \"10.0.0.300\""));
        assertTrue(error("--to-ip=10.0.0.0/33").contains("invalid IP prefix \"10.0.0.0/33\""));
        assertEquals("invalid argument \"10.0.0.1\" for \"--from-ip\" flag: filters --from-ip and --ip cannot be combined",
                error("--ip=1.1.1.1", "--from-ip=10.0.0.1"));
    }

    @Test
    void identitiesAndLabels() {
        assertEquals(List.of(2), pass("--to-identity=world"));
        assertEquals(List.of(2, 3), pass("--to-identity=world", "--to-identity=1"));
        assertEquals(List.of(0, 1, 2, 3), pass("--identity=39126"));
        assertEquals(List.of(3), pass("--identity=host"));
        assertEquals(List.of(0, 1, 2, 3), pass("--identity=0x98d6"), "Go's base prefixes");
        assertTrue(error("--identity=nobody").startsWith("invalid argument \"nobody\" for \"--identity\" flag: invalid security identity, expected one of [host world"));
        assertEquals(List.of(0, 1, 2, 3), pass("--label=app=netpod"));
        assertEquals(List.of(0, 2, 3), pass("--from-label=k8s:app=netpod"));
        assertEquals(List.of(2), pass("--to-label=reserved:world"));
        assertEquals(List.of(0, 4), pass("--to-label=app in (webpod, other)"));
        assertEquals(List.of(0, 1, 2, 3, 4), pass("--from-label=!nothere"));
        assertEquals(List.of(4), pass("--from-label=k8s-app", "--from-label=reserved:host"));
        assertEquals(List.of(0, 2, 3), pass("--from-label=app,app!=webpod"), "comma: AND inside one selector");
        assertTrue(error("--label=app in (a").contains("invalid source label filter"));
    }

    @Test
    void protocolsPortsAndTcpFlags() {
        assertEquals(List.of(0, 1, 4), pass("--protocol=tcp"));
        assertEquals(List.of(2, 3), pass("--protocol=icmp", "--protocol=UDP"));
        assertTrue(error("--protocol=gre").contains("unknown protocol: \"gre\""));
        assertEquals(List.of(0, 1, 4), pass("--port=80"));
        assertEquals(List.of(0, 4), pass("--to-port=80"));
        assertEquals(List.of(3), pass("--from-port=5353"));
        assertTrue(error("--port=http").contains("invalid source port filter: invalid port \"http\""));
        assertTrue(error("--to-port=70000").contains("invalid destination port filter"));
        assertEquals("invalid argument \"80\" for \"--to-port\" flag: filters --port and --to-port cannot be combined",
                error("--port=1", "--to-port=80"));
        assertEquals(List.of(0, 1, 4), pass("--tcp-flags=syn"));
        assertEquals(List.of(1), pass("--tcp-flags=SYN,ACK"), "all the flags of one value");
        assertEquals(List.of(0, 1, 4), pass("--tcp-flags=SYN,ACK", "--tcp-flags=syn"));
        assertTrue(error("--tcp-flags=SYN,XMAS").endsWith("unknown tcp flag: XMAS"));
    }

    @Test
    void verdictsReasonsTypesAndDirections() {
        assertEquals(List.of(2), pass("--verdict=DROPPED"));
        assertEquals(List.of(0, 1, 3, 4), pass("--not", "--verdict=DROPPED"));
        assertEquals("invalid argument \"dropped\" for \"--verdict\" flag: invalid --verdict value: dropped", error("--verdict=dropped"));
        assertEquals(List.of(2), pass("--drop-reason-desc=STALE_OR_UNROUTABLE_IP"));
        assertEquals(List.of(), pass("--drop-reason-desc=POLICY_DENIED"));
        assertTrue(error("--drop-reason-desc=Policy denied").contains("invalid --drop-reason-desc value: Policy denied"));
        assertTrue(error("--drop-reason-desc=").contains("empty --drop-reason-desc value"));
        assertEquals(List.of(2), pass("--type=drop"));
        assertEquals(List.of(0, 1, 3, 4), pass("--type=trace"));
        assertEquals(List.of(0, 1, 4), pass("--type=trace:to-endpoint"));
        assertEquals(List.of(3), pass("--type=trace:3"));
        assertEquals(List.of(2, 3), pass("--type=drop", "--type=trace:to-stack"));
        assertEquals(List.of(2), pass("--type=1:151"));
        assertTrue(error("--type=bogus").contains("unable to parse type 'bogus'"));
        assertTrue(error("--type=trace:to-moon").contains("unable to parse event sub-type 'to-moon'"));
        assertEquals(List.of(0, 4), pass("--traffic-direction=ingress"));
        assertEquals(List.of(1, 2, 3), pass("--traffic-direction=EGRESS"));
        assertTrue(error("--traffic-direction=up").endsWith("up: invalid traffic direction, expected ingress or egress"));
    }

    @Test
    void nodesAndUuids() {
        assertEquals(List.of(0, 1, 2, 3), pass("--node-name=k8s-s"));
        assertEquals(List.of(0, 1, 2, 3, 4), pass("--node-name=k8s*"));
        assertEquals(List.of(4), pass("--node-name=default/k8s-w*"), "the default cluster");
        assertEquals(List.of(), pass("--node-name=other/k8s*"));
        assertTrue(error("--node-name=a/b/c").contains("too many slashes"));
        assertEquals(List.of(0, 1, 2, 3, 4), pass("--uuid=uuid-1"));
    }

    @Test
    void notRules() {
        assertEquals("invalid argument \"true\" for \"--not\" flag: consecutive --not statements", error("--not", "--not"));
        assertEquals("trailing --not found in the arguments", error("--verdict=DROPPED", "--not"));
        assertEquals(List.of(0, 1, 3, 4), pass("--not", "--to-identity=world"));
        // allow AND deny: SYN flows not from netpod
        assertEquals(List.of(1, 4), pass("--protocol=tcp", "--not", "--from-pod=netpod"));
    }

    @Test
    void filtersTravelAsHubbleFlowFilterJson() {
        FlowFilter f = new FilterFlags().set("pod", "webpod1").set("verdict", "FORWARDED").set("type", "trace:to-endpoint")
                .set("tcp-flags", "syn").not().set("to-identity", "world").build();
        assertEquals(2, f.allow().size(), "--pod makes a source and a destination filter");
        assertEquals("{\"source_pod\":[\"webpod1\"],\"verdict\":[\"FORWARDED\"],\"event_type\":[{\"type\":4,\"match_sub_type\":true}],"
                + "\"tcp_flags\":[{\"SYN\":true}]}", f.allow().get(0).toJson());
        assertEquals("{\"destination_identity\":[2]}", f.deny().get(0).toJson());
        for (FilterSpec s : f.allow()) assertEquals(s, FilterSpec.fromJson(s.toJson()));
        FilterSpec camel = FilterSpec.fromJson("{\"destinationPod\":[\"x\"],\"verdict\":[2],\"trafficDirection\":[\"INGRESS\"]}");
        assertEquals("{\"destination_pod\":[\"x\"],\"traffic_direction\":[\"INGRESS\"],\"verdict\":[\"DROPPED\"]}", camel.toJson(),
                "flow.proto's declaration order");
        assertThrows(IllegalArgumentException.class, () -> FilterSpec.fromJson("{\"http_method\":[\"GET\"]}"));
        assertThrows(IllegalArgumentException.class, () -> FilterSpec.fromJson("{\"verdict\":\"DROPPED\"}"));
        assertFalse(f.isEmpty());
    }
}

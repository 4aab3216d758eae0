package dev.cil.flow;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.cil.api.ApiJson;
import dev.cil.api.Endpoint;
import dev.cil.api.Identity;
import dev.cil.api.IpListEntry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The resolver over the daemon's API answers: the JSON below is what a real node served
 * ({@code cil -o json endpoint list}, {@code ip list}, {@code identity list}, trimmed), parsed with
 * the api models the daemon and its client use.
 */
class EndpointTableTest {
    static final String ENDPOINTS = """
[
 {
  "id": 1024,
  "status": {
   "external-identifiers": {
    "k8s-namespace": "default",
    "k8s-pod-name": "netpod",
    "pod-name": "default/netpod"
   },
   "health": {
    "bpf": "OK",
    "connected": true,
    "overallHealth": "OK",
    "policy": "OK"
   },
   "identity": {
    "id": 256,
    "labels": [
     "k8s:app=netpod",
     "k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=default",
     "k8s:io.cilium.k8s.policy.cluster=default",
     "k8s:io.cilium.k8s.policy.serviceaccount=default",
     "k8s:io.kubernetes.pod.namespace=default"
    ],
    "labelsSHA256": "fccb7ac03a2b1f4401b0d4ecb4c1ed102cbb39333c904a6b0fe688ca0565fd17"
   },
   "labels": {
    "derived": [],
    "realized": {
     "user": [
      "k8s:app=netpod"
     ]
    },
    "security-relevant": [
     "k8s:app=netpod",
     "k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=default",
     "k8s:io.cilium.k8s.policy.cluster=default",
     "k8s:io.cilium.k8s.policy.serviceaccount=default",
     "k8s:io.kubernetes.pod.namespace=default"
    ]
   },
   "networking": {
    "addressing": [
     {
      "ipv4": "10.200.0.3"
     }
    ],
    "host-mac": "12:02:a1:c1:8e:db",
    "interface-index": 5,
    "interface-name": "lxc06a275cd4c7",
    "mac": "5a:c8:be:57:31:42"
   },
   "policy": {
    "realized": {
     "policy-enabled": "none"
    }
   },
   "state": "ready"
  }
 },
 {
  "id": 1163,
  "status": {
   "health": {
    "bpf": "OK",
    "connected": true,
    "overallHealth": "OK",
    "policy": "OK"
   },
   "identity": {
    "id": 4,
    "labels": [
     "reserved:health"
    ],
    "labelsSHA256": "a32e0490097d49f381a45235ea3f13b3ce50043fb7ba672811b84d190b5a7827"
   },
   "labels": {
    "derived": [],
    "realized": {
     "user": []
    },
    "security-relevant": [
     "reserved:health"
    ]
   },
   "networking": {
    "addressing": [
     {
      "ipv4": "10.200.0.2"
     }
    ],
    "host-mac": "d6:f0:8c:c3:86:26",
    "interface-index": 4,
    "interface-name": "lxc_health",
    "mac": "fa:11:93:38:b5:a4"
   },
   "policy": {
    "realized": {
     "policy-enabled": "none"
    }
   },
   "state": "ready"
  }
 },
 {
  "id": 1436,
  "status": {
   "health": {
    "bpf": "OK",
    "connected": true,
    "overallHealth": "OK",
    "policy": "OK"
   },
   "identity": {
    "id": 1,
    "labels": [
     "reserved:host"
    ],
    "labelsSHA256": "7cda449607794f63b7950fadd0ce20ae45a6113d8d5f4a26cb9955938f51a957"
   },
   "labels": {
    "derived": [],
    "realized": {
     "user": []
    },
    "security-relevant": [
     "reserved:host"
    ]
   },
   "networking": {
    "addressing": [
     {}
    ],
    "host-mac": "d6:f9:6c:f4:16:40",
    "interface-index": 3,
    "interface-name": "cilium_host",
    "mac": "d6:f9:6c:f4:16:40"
   },
   "policy": {
    "realized": {
     "policy-enabled": "none"
    }
   },
   "state": "ready"
  }
 },
 {
  "id": 4080,
  "status": {
   "external-identifiers": {
    "k8s-namespace": "default",
    "k8s-pod-name": "webpod1",
    "pod-name": "default/webpod1"
   },
   "health": {
    "bpf": "OK",
    "connected": true,
    "overallHealth": "OK",
    "policy": "OK"
   },
   "identity": {
    "id": 258,
    "labels": [
     "k8s:app=webpod",
     "k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=default",
     "k8s:io.cilium.k8s.policy.cluster=default",
     "k8s:io.cilium.k8s.policy.serviceaccount=default",
     "k8s:io.kubernetes.pod.namespace=default"
    ],
    "labelsSHA256": "de371f70aa1464aaf18cc6c3df2803203bb13b101b76941b0f56ffe90bd6dd44"
   },
   "labels": {
    "derived": [],
    "realized": {
     "user": [
      "k8s:app=webpod"
     ]
    },
    "security-relevant": [
     "k8s:app=webpod",
     "k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=default",
     "k8s:io.cilium.k8s.policy.cluster=default",
     "k8s:io.cilium.k8s.policy.serviceaccount=default",
     "k8s:io.kubernetes.pod.namespace=default"
    ]
   },
   "networking": {
    "addressing": [
     {
      "ipv4": "10.200.0.4"
     }
    ],
    "host-mac": "1e:95:e4:fc:c1:fa",
    "interface-index": 6,
    "interface-name": "lxc81834bd44fe",
    "mac": "c6:01:20:23:0b:f1"
   },
   "policy": {
    "realized": {
     "policy-enabled": "none"
    }
   },
   "state": "ready"
  }
 }
]
""";
    static final String IPCACHE = """
[
 {
  "cidr": "0.0.0.0/0",
  "identity": 2
 },
 {
  "cidr": "10.200.0.1/32",
  "identity": 1
 },
 {
  "cidr": "10.200.0.2/32",
  "identity": 4
 },
 {
  "cidr": "10.200.0.3/32",
  "identity": 256,
  "metadata": {
   "name": "netpod",
   "namespace": "default",
   "source": "local"
  }
 },
 {
  "cidr": "10.200.0.4/32",
  "identity": 258,
  "metadata": {
   "name": "webpod1",
   "namespace": "default",
   "source": "local"
  }
 }
]
""";
    static final String IDENTITIES = """
[
 {
  "id": 1,
  "labels": [
   "reserved:host"
  ],
  "labelsSHA256": "7cda449607794f63b7950fadd0ce20ae45a6113d8d5f4a26cb9955938f51a957"
 },
 {
  "id": 2,
  "labels": [
   "reserved:world"
  ],
  "labelsSHA256": "9141fb7e9c4de7898ce88fd59716d4ad94453537befc761c8ca671e1cba7cd0b"
 },
 {
  "id": 4,
  "labels": [
   "reserved:health"
  ],
  "labelsSHA256": "a32e0490097d49f381a45235ea3f13b3ce50043fb7ba672811b84d190b5a7827"
 },
 {
  "id": 256,
  "labels": [
   "k8s:app=netpod",
   "k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=default",
   "k8s:io.cilium.k8s.policy.cluster=default",
   "k8s:io.cilium.k8s.policy.serviceaccount=default",
   "k8s:io.kubernetes.pod.namespace=default"
  ],
  "labelsSHA256": "fccb7ac03a2b1f4401b0d4ecb4c1ed102cbb39333c904a6b0fe688ca0565fd17"
 },
 {
  "id": 258,
  "labels": [
   "k8s:app=webpod",
   "k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=default",
   "k8s:io.cilium.k8s.policy.cluster=default",
   "k8s:io.cilium.k8s.policy.serviceaccount=default",
   "k8s:io.kubernetes.pod.namespace=default"
  ],
  "labelsSHA256": "de371f70aa1464aaf18cc6c3df2803203bb13b101b76941b0f56ffe90bd6dd44"
 }
]
""";

    static <T> List<T> parse(String json, TypeReference<List<T>> type) throws Exception {
        return ApiJson.lenient().readValue(json, type);
    }

    static EndpointTable table(String node) throws Exception {
        return EndpointTable.of(node, parse(ENDPOINTS, new TypeReference<List<Endpoint>>() { }),
                parse(IPCACHE, new TypeReference<List<IpListEntry>>() { }), parse(IDENTITIES, new TypeReference<List<Identity>>() { }));
    }

    static final List<String> NETPOD = List.of("k8s:app=netpod", "k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=default",
            "k8s:io.cilium.k8s.policy.cluster=default", "k8s:io.cilium.k8s.policy.serviceaccount=default",
            "k8s:io.kubernetes.pod.namespace=default");

    @Test
    void podsHealthHostAndWorld() throws Exception {
        EndpointTable t = table("node1");
        assertEquals("node1", t.nodeName());
        assertEquals(Optional.of(Flow.Endpoint.of(1024, 256, "default", "netpod", NETPOD)), t.localEndpoint("10.200.0.3"));
        Flow.Endpoint web = t.localEndpoint("10.200.0.4").orElseThrow();
        assertEquals(4080, web.id());
        assertEquals(258, web.identity());
        assertEquals("webpod1", web.podName());
        Flow.Endpoint health = t.localEndpoint("10.200.0.2").orElseThrow();
        assertEquals(1163, health.id());
        assertEquals(4, health.identity());
        assertNull(health.podName());
        assertNull(health.namespace());
        assertEquals(List.of("reserved:health"), health.labels());
        assertEquals(Optional.empty(), t.localEndpoint("10.200.0.1"), "the router address is no endpoint's");
        assertEquals(Optional.of(1), t.identityOf("10.200.0.1"));
        assertEquals(Optional.of(256), t.identityOf("10.200.0.3"));
        assertEquals(Optional.of(2), t.identityOf("192.0.2.7"), "0.0.0.0/0 is world");
        assertEquals(Optional.empty(), t.identityOf("fd00::1"));
        assertEquals(Optional.of(new EndpointResolver.PodName("default", "webpod1")), t.podOf("10.200.0.4"));
        assertEquals(Optional.empty(), t.podOf("10.200.0.1"));
        assertEquals(NETPOD, t.labelsOf(256));
        assertEquals(List.of("reserved:world"), t.labelsOf(2));
        assertEquals(List.of("reserved:remote-node"), t.labelsOf(6), "reserved identities the daemon did not list");
        assertEquals(List.of(), t.labelsOf(99999));
        assertEquals("lxc06a275cd4c7", t.interfaceName(5));
        assertNull(t.interfaceName(1));
    }

    @Test
    void longestPrefixWinsAndBadEntriesAreIgnored() {
        EndpointTable t = EndpointTable.of("n", null, List.of(new IpListEntry("0.0.0.0/0", null, 2, null),
                new IpListEntry("10.0.0.0/8", null, 16777217, null), new IpListEntry("10.1.0.0/16", null, 16777218, null),
                new IpListEntry("10.1.2.3/32", null, 300, null), new IpListEntry("fd00::/64", null, 5, null),
                new IpListEntry("10.9.9.9/33", null, 5, null), new IpListEntry("bogus", null, 5, null)), null);
        assertEquals(Optional.of(300), t.identityOf("10.1.2.3"));
        assertEquals(Optional.of(16777218), t.identityOf("10.1.2.4"));
        assertEquals(Optional.of(16777217), t.identityOf("10.2.0.1"));
        assertEquals(Optional.of(2), t.identityOf("11.0.0.1"));
        assertEquals(Optional.empty(), t.identityOf("not an ip"));
    }

    static String compact(Flow f) {
        return FlowPrinterTest.print(FlowPrinter.Options.defaults(FlowPrinter.Format.COMPACT), List.of(FlowsResponse.OfFlow.of(f))).strip();
    }

    @Test
    void flowsBuiltOverASwappedTable() throws Exception {
        AtomicReference<EndpointTable> current = new AtomicReference<>(EndpointTable.of("node1", null, null, null));
        Instant t0 = Instant.parse("2024-10-21T11:12:10.998123456Z");
        long ktime = 5_000_000_000L;
        FlowBuilder b = new FlowBuilder(EndpointTable.via(current::get),
                MonotonicClock.fixed(t0.getEpochSecond() * 1_000_000_000L + t0.getNano() - ktime), () -> "u");
        byte[] rec = Frames.trace(ktime, 1, MonitorApi.TRACE_TO_LXC, 4080, 256, 258, 4080, 0, 6,
                Frames.icmpFrame("10.200.0.3", "10.200.0.4", 8));
        assertEquals("Oct 21 11:12:10.998: 10.200.0.3 (ID:256) -> 10.200.0.4 (ID:258) to-endpoint FORWARDED (ICMPv4 EchoRequest)",
                compact(b.build(new EventDecoder().decodeRecord(rec))));
        current.set(table("node1"));
        Flow f = b.build(new EventDecoder().decodeRecord(rec));
        assertEquals("Oct 21 11:12:10.998: default/netpod (ID:256) -> default/webpod1 (ID:258) to-endpoint FORWARDED (ICMPv4 EchoRequest)",
                compact(f));
        assertEquals(NETPOD, f.source().labels());
        assertEquals("node1", f.nodeName());
    }
}

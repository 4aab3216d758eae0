package dev.cil.flow;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cilium's monitor numbering and names (pkg/monitor/api, cilium v1.19.4): message types, trace
 * observation points as the monitor and hubble's compact output name them, drop and forward reason
 * descriptions, BPF source file ids.
 */
public final class MonitorApi {
    private MonitorApi() { }

    public static final int TYPE_UNSPEC = 0, TYPE_DROP = 1, TYPE_DEBUG = 2, TYPE_CAPTURE = 3, TYPE_TRACE = 4,
            TYPE_POLICY_VERDICT = 5, TYPE_TRACE_SOCK = 7, TYPE_ACCESS_LOG = 129, TYPE_AGENT = 130;

    /** Message type names ({@code -t/--type} values). */
    public static final Map<String, Integer> TYPE_NAMES;
    static {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("drop", TYPE_DROP);
        m.put("debug", TYPE_DEBUG);
        m.put("capture", TYPE_CAPTURE);
        m.put("trace", TYPE_TRACE);
        m.put("policy-verdict", TYPE_POLICY_VERDICT);
        m.put("trace-sock", TYPE_TRACE_SOCK);
        m.put("l7", TYPE_ACCESS_LOG);
        m.put("agent", TYPE_AGENT);
        TYPE_NAMES = java.util.Collections.unmodifiableMap(m);
    }

    /** The monitor's name of a message type, or its number. */
    public static String typeName(int type) {
        for (Map.Entry<String, Integer> e : TYPE_NAMES.entrySet()) if (e.getValue() == type) return e.getKey();
        return Integer.toString(type);
    }

    public static final int TRACE_TO_LXC = 0, TRACE_TO_PROXY = 1, TRACE_TO_HOST = 2, TRACE_TO_STACK = 3, TRACE_TO_OVERLAY = 4,
            TRACE_FROM_LXC = 5, TRACE_FROM_PROXY = 6, TRACE_FROM_HOST = 7, TRACE_FROM_STACK = 8, TRACE_FROM_OVERLAY = 9,
            TRACE_FROM_NETWORK = 10, TRACE_TO_NETWORK = 11, TRACE_FROM_CRYPTO = 12, TRACE_TO_CRYPTO = 13;

    private static final String[] OBSERVATION_POINTS = {
        "to-endpoint", "to-proxy", "to-host", "to-stack", "to-overlay", "from-endpoint", "from-proxy", "from-host",
        "from-stack", "from-overlay", "from-network", "to-network", "from-crypto", "to-crypto",
    };

    /** The monitor's observation point name ({@code to-endpoint}), or the number for an unknown point. */
    public static String observationPoint(int obsPoint) {
        return obsPoint >= 0 && obsPoint < OBSERVATION_POINTS.length ? OBSERVATION_POINTS[obsPoint] : Integer.toString(obsPoint);
    }

    /** The monitor number of an observation point name, -1 if unknown. */
    public static int observationPointNumber(String name) {
        for (int i = 0; i < OBSERVATION_POINTS.length; i++) if (OBSERVATION_POINTS[i].equals(name)) return i;
        return -1;
    }

    /** Trace subtypes offered by {@code -t trace:…}, in hubble's order. */
    public static final String[] TRACE_SUBTYPES = {
        "from-endpoint", "from-host", "from-network", "from-overlay", "from-proxy", "from-stack", "from-crypto",
        "to-endpoint", "to-host", "to-network", "to-overlay", "to-proxy", "to-stack", "to-crypto",
    };

    public static final int TRACE_REASON_POLICY = 0, TRACE_REASON_CT_ESTABLISHED = 1, TRACE_REASON_CT_REPLY = 2,
            TRACE_REASON_CT_RELATED = 3, TRACE_REASON_CT_REOPENED = 4, TRACE_REASON_UNKNOWN = 5, TRACE_REASON_SRV6_ENCAP = 6,
            TRACE_REASON_SRV6_DECAP = 7, TRACE_REASON_ENCRYPT_OVERLAY = 8, TRACE_REASON_ENCRYPT_MASK = 0x80;

    private static final String[] TRACE_REASONS = {
        "new", "established", "reply", "related", "reopened", "unknown", "srv6-encap", "srv6-decap", "encrypt-overlay",
    };

    /** The monitor's state name of a trace reason ({@code new}, {@code reply}); the raw number when unknown. */
    public static String traceReason(int reason) {
        int r = reason & ~TRACE_REASON_ENCRYPT_MASK;
        return r < TRACE_REASONS.length ? TRACE_REASONS[r] : Integer.toString(reason);
    }

    /** Reason codes below this are not drops (forward reasons such as 3 "Interface"). */
    public static final int DROP_MIN = 130;

    private static final String[] REASONS = new String[256];
    static {
        Object[] t = {
            0, "Success", 2, "Invalid packet", 3, "Interface", 4, "Interface Decrypted",
            5, "LB, sock cgroup: No backend slot entry found", 6, "LB, sock cgroup: No backend entry found",
            7, "LB, sock cgroup: Reverse entry update failed", 8, "LB, sock cgroup: Reverse entry stale",
            9, "Fragmented packet", 10, "Fragmented packet entry update failed", 11, "Missed tail call to custom program",
            12, "Interface Decrypting", 13, "Interface Encrypting", 14, "LB: sock cgroup: Reverse entry delete succeeded",
            15, "MTU error message",
            130, "Invalid source mac", 131, "Invalid destination mac", 132, "Invalid source ip", 133, "Policy denied",
            134, "Invalid packet", 135, "CT: Truncated or invalid header", 136, "Fragmentation needed",
            137, "CT: Unknown L4 protocol", 138, "CT: Can't create entry from packet", 139, "Unsupported L3 protocol",
            140, "Missed tail call", 141, "Error writing to packet", 142, "Unknown L4 protocol", 143, "Unknown ICMPv4 code",
            144, "Unknown ICMPv4 type", 145, "Unknown ICMPv6 code", 146, "Unknown ICMPv6 type",
            147, "Error retrieving tunnel key", 148, "Error retrieving tunnel options", 149, "Invalid Geneve option",
            150, "Unknown L3 target address", 151, "Stale or unroutable IP", 152, "No matching local container found",
            153, "Error while correcting L3 checksum", 154, "Error while correcting L4 checksum",
            155, "CT: Map insertion failed", 156, "Invalid IPv6 extension header", 157, "IP fragmentation not supported",
            158, "Service backend not found", 160, "No tunnel/encapsulation endpoint (datapath BUG!)",
            161, "NAT 46/64 not enabled", 162, "Reached EDT rate-limiting drop horizon",
            163, "Unknown connection tracking state", 164, "Local host is unreachable",
            165, "No configuration available to perform policy decision", 166, "Unsupported L2 protocol",
            167, "No mapping for NAT masquerade", 168, "Unsupported protocol for NAT masquerade", 169, "FIB lookup failed",
            170, "Encapsulation traffic is prohibited", 171, "Invalid identity", 172, "Unknown sender", 173, "NAT not needed",
            174, "Is a ClusterIP", 175, "First logical datagram fragment not found", 176, "Forbidden ICMPv6 message",
            177, "Denied by LB src range check", 178, "Socket lookup failed", 179, "Socket assign failed",
            180, "Proxy redirection not supported for protocol", 181, "Policy denied by denylist",
            182, "VLAN traffic disallowed by VLAN filter", 183, "Incorrect VNI from VTEP",
            184, "Failed to update or lookup TC buffer", 185, "No SID was found for the IP address",
            186, "SRv6 state was removed during tail call", 187, "L3 translation from IPv4 to IPv6 failed (NAT46)",
            188, "L3 translation from IPv6 to IPv4 failed (NAT64)", 189, "Authentication required",
            190, "No conntrack map found", 191, "No nat map found", 192, "Invalid ClusterID",
            193, "Unsupported packet protocol for DSR encapsulation", 194, "No egress gateway found",
            195, "Traffic is unencrypted", 196, "TTL exceeded", 197, "No node ID found", 198, "Rate limited",
            199, "IGMP handled", 200, "IGMP subscribed", 201, "Multicast handled", 202, "Host datapath not ready",
            203, "Endpoint policy program not available", 204, "No Egress IP configured", 205, "Punt to proxy",
        };
        for (int i = 0; i < t.length; i += 2) REASONS[(Integer) t[i]] = (String) t[i + 1];
    }

    /** The description of a drop or forward reason, or null when Cilium has none. */
    public static String reasonDescription(int reason) {
        return reason >= 0 && reason < 256 ? REASONS[reason] : null;
    }

    /** Cilium's {@code DropReasonExt}: the description (plus {@code , ext} when non-zero), or {@code N, E}. */
    public static String dropReason(int reason, int extError) {
        String d = reasonDescription(reason);
        if (d == null) return reason + ", " + extError;
        return extError == 0 ? d : d + ", " + extError;
    }

    /** {@code DropReason(reason)}: the description with no extended error. */
    public static String dropReason(int reason) { return dropReason(reason, 0); }

    private static final Map<Integer, String> FILES = Map.ofEntries(
            Map.entry(1, "bpf_host.c"), Map.entry(2, "bpf_lxc.c"), Map.entry(3, "bpf_overlay.c"), Map.entry(4, "bpf_xdp.c"),
            Map.entry(5, "bpf_sock.c"), Map.entry(6, "bpf_network.c"), Map.entry(7, "bpf_wireguard.c"),
            Map.entry(101, "drop.h"), Map.entry(102, "srv6.h"), Map.entry(103, "icmp6.h"), Map.entry(104, "nodeport.h"),
            Map.entry(105, "lb.h"), Map.entry(106, "mcast.h"), Map.entry(107, "ipv4.h"), Map.entry(108, "conntrack.h"),
            Map.entry(109, "local_delivery.h"), Map.entry(110, "trace.h"), Map.entry(111, "encap.h"),
            Map.entry(112, "host_firewall.h"), Map.entry(113, "nodeport_egress.h"), Map.entry(114, "ipv6.h"),
            Map.entry(115, "classifiers.h"));

    /** Cilium's {@code BPFFileName}: the source file of a drop, {@code unknown(N)} otherwise. */
    public static String bpfFileName(int id) {
        String f = FILES.get(id);
        return f != null ? f : "unknown(" + id + ")";
    }
}

package dev.cil.flow;

import java.util.HashMap;
import java.util.Map;

/**
 * A protobuf enum of hubble's flow.proto: numbers and names. protojson prints a known value by name
 * and an unknown one by number, and reads either; {@link #name(int)} and {@link #parse(String)} do
 * the same.
 */
public final class ProtoEnum {
    private final String type;
    private final String[] small;             // names of values 0..small.length-1
    private final Map<Integer, String> large = new HashMap<>();
    private final Map<String, Integer> byName = new HashMap<>();

    private ProtoEnum(String type, Object... numberNamePairs) {
        this.type = type;
        int max = -1;
        for (int i = 0; i < numberNamePairs.length; i += 2) {
            int n = (Integer) numberNamePairs[i];
            if (n >= 0 && n < 256) max = Math.max(max, n);
        }
        small = new String[max + 1];
        for (int i = 0; i < numberNamePairs.length; i += 2) {
            int n = (Integer) numberNamePairs[i];
            String name = (String) numberNamePairs[i + 1];
            if (n >= 0 && n < 256) small[n] = name;
            else large.put(n, name);
            byName.put(name, n);
        }
    }

    static ProtoEnum of(String type, Object... numberNamePairs) { return new ProtoEnum(type, numberNamePairs); }

    /** The proto type name, for messages ({@code flow.Verdict}). */
    public String type() { return type; }

    /** The value's name, or null for a number the enum does not define. */
    public String name(int number) {
        if (number >= 0 && number < small.length) return small[number];
        return large.get(number);
    }

    /** The name as protojson prints it: the name, or the number for an unknown value. */
    public String jsonName(int number) {
        String n = name(number);
        return n != null ? n : Integer.toString(number);
    }

    /** The number of a name; -1 when the enum has no such name. */
    public int number(String name) {
        Integer n = byName.get(name);
        return n == null ? -1 : n;
    }

    /** protojson's reading: a name or a decimal number; throws IllegalArgumentException otherwise. */
    public int parse(String nameOrNumber) {
        Integer n = byName.get(nameOrNumber);
        if (n != null) return n;
        try {
            return Integer.parseInt(nameOrNumber);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value for enum " + type + ": " + nameOrNumber);
        }
    }

    // ---- the enums of flow.proto / observer.proto (cilium v1.19.4) ----

    public static final ProtoEnum VERDICT = of("flow.Verdict",
            0, "VERDICT_UNKNOWN", 1, "FORWARDED", 2, "DROPPED", 3, "ERROR", 4, "AUDIT", 5, "REDIRECTED", 6, "TRACED", 7, "TRANSLATED");

    public static final ProtoEnum FLOW_TYPE = of("flow.FlowType", 0, "UNKNOWN_TYPE", 1, "L3_L4", 2, "L7", 3, "SOCK");

    public static final ProtoEnum AUTH_TYPE = of("flow.AuthType", 0, "DISABLED", 1, "SPIRE", 2, "TEST_ALWAYS_FAIL");

    /** Note the three numberings: the monitor's TRACE_TO_LXC (0) is TO_ENDPOINT (101) here. */
    public static final ProtoEnum TRACE_OBSERVATION_POINT = of("flow.TraceObservationPoint",
            0, "UNKNOWN_POINT", 1, "TO_PROXY", 2, "TO_HOST", 3, "TO_STACK", 4, "TO_OVERLAY", 101, "TO_ENDPOINT",
            5, "FROM_ENDPOINT", 6, "FROM_PROXY", 7, "FROM_HOST", 8, "FROM_STACK", 9, "FROM_OVERLAY", 10, "FROM_NETWORK",
            11, "TO_NETWORK", 12, "FROM_CRYPTO", 13, "TO_CRYPTO");

    public static final ProtoEnum TRACE_REASON = of("flow.TraceReason",
            0, "TRACE_REASON_UNKNOWN", 1, "NEW", 2, "ESTABLISHED", 3, "REPLY", 4, "RELATED", 5, "REOPENED",
            6, "SRV6_ENCAP", 7, "SRV6_DECAP", 8, "ENCRYPT_OVERLAY");

    public static final ProtoEnum IP_VERSION = of("flow.IPVersion", 0, "IP_NOT_USED", 1, "IPv4", 2, "IPv6");

    public static final ProtoEnum TRAFFIC_DIRECTION = of("flow.TrafficDirection", 0, "TRAFFIC_DIRECTION_UNKNOWN", 1, "INGRESS", 2, "EGRESS");

    public static final ProtoEnum DEBUG_CAPTURE_POINT = of("flow.DebugCapturePoint",
            0, "DBG_CAPTURE_POINT_UNKNOWN", 4, "DBG_CAPTURE_DELIVERY", 5, "DBG_CAPTURE_FROM_LB", 6, "DBG_CAPTURE_AFTER_V46",
            7, "DBG_CAPTURE_AFTER_V64", 8, "DBG_CAPTURE_PROXY_PRE", 9, "DBG_CAPTURE_PROXY_POST", 10, "DBG_CAPTURE_SNAT_PRE",
            11, "DBG_CAPTURE_SNAT_POST");

    public static final ProtoEnum SOCK_XLATE_POINT = of("flow.SocketTranslationPoint",
            0, "SOCK_XLATE_POINT_UNKNOWN", 1, "SOCK_XLATE_POINT_PRE_DIRECTION_FWD", 2, "SOCK_XLATE_POINT_POST_DIRECTION_FWD",
            3, "SOCK_XLATE_POINT_PRE_DIRECTION_REV", 4, "SOCK_XLATE_POINT_POST_DIRECTION_REV");

    public static final ProtoEnum LOST_EVENT_SOURCE = of("flow.LostEventSource",
            0, "UNKNOWN_LOST_EVENT_SOURCE", 1, "PERF_EVENT_RING_BUFFER", 2, "OBSERVER_EVENTS_QUEUE", 3, "HUBBLE_RING_BUFFER");

    public static final ProtoEnum L7_FLOW_TYPE = of("flow.L7FlowType", 0, "UNKNOWN_L7_TYPE", 1, "REQUEST", 2, "RESPONSE", 3, "SAMPLE");

    /**
     * flow.DropReason: the proto names, a table separate from the monitor's descriptions
     * ({@link MonitorApi#dropReason}); 136 is "Fragmentation needed" there and CT_MISSING_TCP_ACK_FLAG here.
     */
    public static final ProtoEnum DROP_REASON = of("flow.DropReason",
            0, "DROP_REASON_UNKNOWN",
            130, "INVALID_SOURCE_MAC", 131, "INVALID_DESTINATION_MAC", 132, "INVALID_SOURCE_IP", 133, "POLICY_DENIED",
            134, "INVALID_PACKET_DROPPED", 135, "CT_TRUNCATED_OR_INVALID_HEADER", 136, "CT_MISSING_TCP_ACK_FLAG",
            137, "CT_UNKNOWN_L4_PROTOCOL", 138, "CT_CANNOT_CREATE_ENTRY_FROM_PACKET", 139, "UNSUPPORTED_L3_PROTOCOL",
            140, "MISSED_TAIL_CALL", 141, "ERROR_WRITING_TO_PACKET", 142, "UNKNOWN_L4_PROTOCOL", 143, "UNKNOWN_ICMPV4_CODE",
            144, "UNKNOWN_ICMPV4_TYPE", 145, "UNKNOWN_ICMPV6_CODE", 146, "UNKNOWN_ICMPV6_TYPE",
            147, "ERROR_RETRIEVING_TUNNEL_KEY", 148, "ERROR_RETRIEVING_TUNNEL_OPTIONS", 149, "INVALID_GENEVE_OPTION",
            150, "UNKNOWN_L3_TARGET_ADDRESS", 151, "STALE_OR_UNROUTABLE_IP", 152, "NO_MATCHING_LOCAL_CONTAINER_FOUND",
            153, "ERROR_WHILE_CORRECTING_L3_CHECKSUM", 154, "ERROR_WHILE_CORRECTING_L4_CHECKSUM",
            155, "CT_MAP_INSERTION_FAILED", 156, "INVALID_IPV6_EXTENSION_HEADER", 157, "IP_FRAGMENTATION_NOT_SUPPORTED",
            158, "SERVICE_BACKEND_NOT_FOUND", 160, "NO_TUNNEL_OR_ENCAPSULATION_ENDPOINT", 161, "FAILED_TO_INSERT_INTO_PROXYMAP",
            162, "REACHED_EDT_RATE_LIMITING_DROP_HORIZON", 163, "UNKNOWN_CONNECTION_TRACKING_STATE",
            164, "LOCAL_HOST_IS_UNREACHABLE", 165, "NO_CONFIGURATION_AVAILABLE_TO_PERFORM_POLICY_DECISION",
            166, "UNSUPPORTED_L2_PROTOCOL", 167, "NO_MAPPING_FOR_NAT_MASQUERADE", 168, "UNSUPPORTED_PROTOCOL_FOR_NAT_MASQUERADE",
            169, "FIB_LOOKUP_FAILED", 170, "ENCAPSULATION_TRAFFIC_IS_PROHIBITED", 171, "INVALID_IDENTITY",
            172, "UNKNOWN_SENDER", 173, "NAT_NOT_NEEDED", 174, "IS_A_CLUSTERIP", 175, "FIRST_LOGICAL_DATAGRAM_FRAGMENT_NOT_FOUND",
            176, "FORBIDDEN_ICMPV6_MESSAGE", 177, "DENIED_BY_LB_SRC_RANGE_CHECK", 178, "SOCKET_LOOKUP_FAILED",
            179, "SOCKET_ASSIGN_FAILED", 180, "PROXY_REDIRECTION_NOT_SUPPORTED_FOR_PROTOCOL", 181, "POLICY_DENY",
            182, "VLAN_FILTERED", 183, "INVALID_VNI", 184, "INVALID_TC_BUFFER", 185, "NO_SID", 186, "MISSING_SRV6_STATE",
            187, "NAT46", 188, "NAT64", 189, "AUTH_REQUIRED", 190, "CT_NO_MAP_FOUND", 191, "SNAT_NO_MAP_FOUND",
            192, "INVALID_CLUSTER_ID", 193, "UNSUPPORTED_PROTOCOL_FOR_DSR_ENCAP", 194, "NO_EGRESS_GATEWAY",
            195, "UNENCRYPTED_TRAFFIC", 196, "TTL_EXCEEDED", 197, "NO_NODE_ID", 198, "DROP_RATE_LIMITED",
            199, "IGMP_HANDLED", 200, "IGMP_SUBSCRIBED", 201, "MULTICAST_HANDLED", 202, "DROP_HOST_NOT_READY",
            203, "DROP_EP_NOT_READY", 204, "DROP_NO_EGRESS_IP", 205, "DROP_PUNT_PROXY");
}

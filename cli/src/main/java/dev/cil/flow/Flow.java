package dev.cil.flow;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * hubble's Flow (cilium api/v1/flow/flow.proto, v1.19.4): the fields cil fills from datapath events
 * and the fields a replayed hubble line may carry. Zero values mean "unset", as in proto3: 0, "",
 * empty lists and null messages are left out of JSON. Enum fields hold the proto number
 * ({@link ProtoEnum}); {@link #isReply()} is a BoolValue (null = unknown).
 *
 * <p>Fields cil does not model (l7 details, policies, extensions, …) are kept as their raw JSON text
 * ({@link #rawFields()}) so that a replayed flow is written out again unchanged.
 */
public final class Flow {
    public record Ethernet(String source, String destination) { }

    public record IP(String source, String sourceXlated, String destination, int ipVersion, boolean encrypted) { }

    public record TcpFlags(int bits) {
        public boolean has(int flag) { return (bits & flag) != 0; }
    }

    /** Layer4's oneof. */
    public sealed interface L4 permits Tcp, Udp, Icmpv4, Icmpv6, Sctp, Vrrp, Igmp { }

    public record Tcp(int sourcePort, int destinationPort, TcpFlags flags) implements L4 { }

    public record Udp(int sourcePort, int destinationPort) implements L4 { }

    public record Icmpv4(int type, int code) implements L4 { }

    public record Icmpv6(int type, int code) implements L4 { }

    /** {@code chunkType} is the proto number of SCTPChunkType (newer than v1.19.4; 0 = unset). */
    public record Sctp(int sourcePort, int destinationPort, int chunkType) implements L4 { }

    public record Vrrp(int type, int vrid, int priority) implements L4 { }

    public record Igmp(int type, String groupAddress) implements L4 { }

    public record Workload(String name, String kind) { }

    public record Endpoint(int id, int identity, String clusterName, String namespace, List<String> labels, String podName,
                           List<Workload> workloads) {
        public Endpoint {
            labels = labels == null ? List.of() : List.copyOf(labels);
            workloads = workloads == null ? List.of() : List.copyOf(workloads);
        }

        public static Endpoint of(int id, int identity, String namespace, String podName, List<String> labels) {
            return new Endpoint(id, identity, null, namespace, labels, podName, null);
        }

        public boolean isEmpty() {
            return id == 0 && identity == 0 && empty(clusterName) && empty(namespace) && labels.isEmpty() && empty(podName)
                    && workloads.isEmpty();
        }
    }

    public record EventType(int type, int subType) { }

    public record Service(String name, String namespace) { }

    public record FileInfo(String name, int line) { }

    public record IpTraceId(long traceId, int ipOptionType) { }

    public record NetworkInterface(int index, String name) { }

    public record Emitter(String name, String version) { }

    /** What cil knows of an l7 record (the whole record stays raw): its type and which protocol it is. */
    public record L7(int type, String protocol, String dnsObservationSource) { }

    private final Instant time;
    private final String uuid;
    private final Emitter emitter;
    private final int verdict;
    private final int dropReason;
    private final int authType;
    private final Ethernet ethernet;
    private final IP ip;
    private final L4 l4;
    private final Endpoint source;
    private final Endpoint destination;
    private final int type;
    private final String nodeName;
    private final List<String> nodeLabels;
    private final List<String> sourceNames;
    private final List<String> destinationNames;
    private final L7 l7;
    private final boolean reply;
    private final EventType eventType;
    private final Service sourceService;
    private final Service destinationService;
    private final int trafficDirection;
    private final int policyMatchType;
    private final int traceObservationPoint;
    private final int traceReason;
    private final FileInfo file;
    private final IpTraceId ipTraceId;
    private final int dropReasonDesc;
    private final Boolean isReply;
    private final int debugCapturePoint;
    private final NetworkInterface iface;
    private final int proxyPort;
    private final int sockXlatePoint;
    private final long socketCookie;
    private final long cgroupId;
    private final String summary;
    private final Map<String, String> raw;

    private Flow(Builder b) {
        time = b.time;
        uuid = b.uuid;
        emitter = b.emitter;
        verdict = b.verdict;
        dropReason = b.dropReason;
        authType = b.authType;
        ethernet = b.ethernet;
        ip = b.ip;
        l4 = b.l4;
        source = b.source;
        destination = b.destination;
        type = b.type;
        nodeName = b.nodeName;
        nodeLabels = List.copyOf(b.nodeLabels);
        sourceNames = List.copyOf(b.sourceNames);
        destinationNames = List.copyOf(b.destinationNames);
        l7 = b.l7;
        reply = b.reply;
        eventType = b.eventType;
        sourceService = b.sourceService;
        destinationService = b.destinationService;
        trafficDirection = b.trafficDirection;
        policyMatchType = b.policyMatchType;
        traceObservationPoint = b.traceObservationPoint;
        traceReason = b.traceReason;
        file = b.file;
        ipTraceId = b.ipTraceId;
        dropReasonDesc = b.dropReasonDesc;
        isReply = b.isReply;
        debugCapturePoint = b.debugCapturePoint;
        iface = b.iface;
        proxyPort = b.proxyPort;
        sockXlatePoint = b.sockXlatePoint;
        socketCookie = b.socketCookie;
        cgroupId = b.cgroupId;
        summary = b.summary;
        raw = b.raw.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(b.raw));
    }

    static boolean empty(String s) { return s == null || s.isEmpty(); }

    public Instant time() { return time; }

    public String uuid() { return uuid; }

    public Emitter emitter() { return emitter; }

    /** {@link ProtoEnum#VERDICT}. */
    public int verdict() { return verdict; }

    /** The deprecated numeric drop reason. */
    public int dropReason() { return dropReason; }

    public int authType() { return authType; }

    public Ethernet ethernet() { return ethernet; }

    public IP ip() { return ip; }

    public L4 l4() { return l4; }

    public Endpoint source() { return source; }

    public Endpoint destination() { return destination; }

    /** {@link ProtoEnum#FLOW_TYPE}. */
    public int type() { return type; }

    public String nodeName() { return nodeName; }

    public List<String> nodeLabels() { return nodeLabels; }

    public List<String> sourceNames() { return sourceNames; }

    public List<String> destinationNames() { return destinationNames; }

    public L7 l7() { return l7; }

    /** The deprecated {@code reply} bool. */
    public boolean reply() { return reply; }

    public EventType eventType() { return eventType; }

    public Service sourceService() { return sourceService; }

    public Service destinationService() { return destinationService; }

    /** {@link ProtoEnum#TRAFFIC_DIRECTION}. */
    public int trafficDirection() { return trafficDirection; }

    public int policyMatchType() { return policyMatchType; }

    /** {@link ProtoEnum#TRACE_OBSERVATION_POINT} (TO_ENDPOINT is 101). */
    public int traceObservationPoint() { return traceObservationPoint; }

    /** {@link ProtoEnum#TRACE_REASON}. */
    public int traceReason() { return traceReason; }

    public FileInfo file() { return file; }

    public IpTraceId ipTraceId() { return ipTraceId; }

    /** {@link ProtoEnum#DROP_REASON}. */
    public int dropReasonDesc() { return dropReasonDesc; }

    /** The BoolValue {@code is_reply}: null when the direction is unknown. */
    public Boolean isReply() { return isReply; }

    public int debugCapturePoint() { return debugCapturePoint; }

    public NetworkInterface iface() { return iface; }

    public int proxyPort() { return proxyPort; }

    public int sockXlatePoint() { return sockXlatePoint; }

    /** uint64, unsigned. */
    public long socketCookie() { return socketCookie; }

    /** uint64, unsigned. */
    public long cgroupId() { return cgroupId; }

    public String summary() { return summary; }

    /** Unmodelled fields by proto name, as raw JSON text. */
    public Map<String, String> rawFields() { return raw; }

    /** The TCP flags when the flow is TCP, else null. */
    public TcpFlags tcpFlags() { return l4 instanceof Tcp ? ((Tcp) l4).flags() : null; }

    public Builder toBuilder() { return new Builder(this); }

    public static Builder builder() { return new Builder(); }

    @Override
    public String toString() { return "Flow" + FlowJson.flow(this); }

    @Override
    public boolean equals(Object o) {
        return o instanceof Flow && FlowJson.flow(this).equals(FlowJson.flow((Flow) o));
    }

    @Override
    public int hashCode() { return FlowJson.flow(this).hashCode(); }

    /** Builds a Flow; every setter accepts the zero value. Not thread-safe. */
    public static final class Builder {
        Instant time;
        String uuid;
        Emitter emitter;
        int verdict, dropReason, authType;
        Ethernet ethernet;
        IP ip;
        L4 l4;
        Endpoint source, destination;
        int type;
        String nodeName;
        List<String> nodeLabels = List.of(), sourceNames = List.of(), destinationNames = List.of();
        L7 l7;
        boolean reply;
        EventType eventType;
        Service sourceService, destinationService;
        int trafficDirection, policyMatchType, traceObservationPoint, traceReason;
        FileInfo file;
        IpTraceId ipTraceId;
        int dropReasonDesc;
        Boolean isReply;
        int debugCapturePoint;
        NetworkInterface iface;
        int proxyPort, sockXlatePoint;
        long socketCookie, cgroupId;
        String summary;
        final Map<String, String> raw = new LinkedHashMap<>();

        Builder() { }

        Builder(Flow f) {
            time = f.time; uuid = f.uuid; emitter = f.emitter; verdict = f.verdict; dropReason = f.dropReason;
            authType = f.authType; ethernet = f.ethernet; ip = f.ip; l4 = f.l4; source = f.source;
            destination = f.destination; type = f.type; nodeName = f.nodeName; nodeLabels = f.nodeLabels;
            sourceNames = f.sourceNames; destinationNames = f.destinationNames; l7 = f.l7; reply = f.reply;
            eventType = f.eventType; sourceService = f.sourceService; destinationService = f.destinationService;
            trafficDirection = f.trafficDirection; policyMatchType = f.policyMatchType;
            traceObservationPoint = f.traceObservationPoint; traceReason = f.traceReason; file = f.file;
            ipTraceId = f.ipTraceId; dropReasonDesc = f.dropReasonDesc; isReply = f.isReply;
            debugCapturePoint = f.debugCapturePoint; iface = f.iface; proxyPort = f.proxyPort;
            sockXlatePoint = f.sockXlatePoint; socketCookie = f.socketCookie; cgroupId = f.cgroupId;
            summary = f.summary; raw.putAll(f.raw);
        }

        public Builder time(Instant v) { time = v; return this; }
        public Builder uuid(String v) { uuid = v; return this; }
        public Builder emitter(Emitter v) { emitter = v; return this; }
        public Builder verdict(int v) { verdict = v; return this; }
        public Builder dropReason(int v) { dropReason = v; return this; }
        public Builder authType(int v) { authType = v; return this; }
        public Builder ethernet(Ethernet v) { ethernet = v; return this; }
        public Builder ip(IP v) { ip = v; return this; }
        public Builder l4(L4 v) { l4 = v; return this; }
        public Builder source(Endpoint v) { source = v; return this; }
        public Builder destination(Endpoint v) { destination = v; return this; }
        public Builder type(int v) { type = v; return this; }
        public Builder nodeName(String v) { nodeName = v; return this; }
        public Builder nodeLabels(List<String> v) { nodeLabels = v == null ? List.of() : v; return this; }
        public Builder sourceNames(List<String> v) { sourceNames = v == null ? List.of() : v; return this; }
        public Builder destinationNames(List<String> v) { destinationNames = v == null ? List.of() : v; return this; }
        public Builder l7(L7 v) { l7 = v; return this; }
        public Builder reply(boolean v) { reply = v; return this; }
        public Builder eventType(EventType v) { eventType = v; return this; }
        public Builder sourceService(Service v) { sourceService = v; return this; }
        public Builder destinationService(Service v) { destinationService = v; return this; }
        public Builder trafficDirection(int v) { trafficDirection = v; return this; }
        public Builder policyMatchType(int v) { policyMatchType = v; return this; }
        public Builder traceObservationPoint(int v) { traceObservationPoint = v; return this; }
        public Builder traceReason(int v) { traceReason = v; return this; }
        public Builder file(FileInfo v) { file = v; return this; }
        public Builder ipTraceId(IpTraceId v) { ipTraceId = v; return this; }
        public Builder dropReasonDesc(int v) { dropReasonDesc = v; return this; }
        public Builder isReply(Boolean v) { isReply = v; return this; }
        public Builder debugCapturePoint(int v) { debugCapturePoint = v; return this; }
        public Builder iface(NetworkInterface v) { iface = v; return this; }
        public Builder proxyPort(int v) { proxyPort = v; return this; }
        public Builder sockXlatePoint(int v) { sockXlatePoint = v; return this; }
        public Builder socketCookie(long v) { socketCookie = v; return this; }
        public Builder cgroupId(long v) { cgroupId = v; return this; }
        public Builder summary(String v) { summary = v; return this; }
        /** Keeps an unmodelled field's raw JSON (null removes it). */
        public Builder raw(String field, String json) {
            if (json == null) raw.remove(field); else raw.put(field, json);
            return this;
        }

        public Flow build() { return new Flow(this); }
    }
}

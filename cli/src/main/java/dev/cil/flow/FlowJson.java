package dev.cil.flow;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * hubble's {@code -o json} (= jsonpb) form of flows: protojson with proto field names, zero values
 * left out, enums by name, 64-bit integers as strings, RFC 3339 UTC timestamps with 0, 3, 6 or 9
 * fractional digits, fields in flow.proto's declaration order, Go's HTML-safe escaping; one compact
 * GetFlowsResponse object per line ({@code {"flow":{…},"node_name":…,"time":…}}).
 *
 * <p>{@link #parse(String)} reads such lines back (ours and hubble's; proto or lowerCamel names,
 * enums by name or number, {@code null} as unset), keeping fields cil does not model as raw JSON.
 */
public final class FlowJson {
    private FlowJson() { }

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    /** Flow fields cil keeps as raw JSON text, and their place in flow.proto's declaration order. */
    private static final Set<String> RAW_FIELDS = Set.of("tunnel", "l7", "trace_context", "extensions", "egress_allowed_by",
            "ingress_allowed_by", "egress_denied_by", "ingress_denied_by", "policy_log", "aggregate");

    /** Every field of flow.Flow (v1.19.4), in declaration order. */
    static final List<String> FLOW_FIELDS = List.of("time", "uuid", "emitter", "verdict", "drop_reason", "auth_type",
            "ethernet", "IP", "l4", "tunnel", "source", "destination", "Type", "node_name", "node_labels", "source_names",
            "destination_names", "l7", "reply", "event_type", "source_service", "destination_service", "traffic_direction",
            "policy_match_type", "trace_observation_point", "trace_reason", "file", "ip_trace_id", "drop_reason_desc",
            "is_reply", "debug_capture_point", "interface", "proxy_port", "trace_context", "sock_xlate_point",
            "socket_cookie", "cgroup_id", "Summary", "extensions", "egress_allowed_by", "ingress_allowed_by",
            "egress_denied_by", "ingress_denied_by", "policy_log", "aggregate");

    // ---- writing ----

    /** One line of {@code -o json} (no newline). */
    public static String line(FlowsResponse r) {
        StringBuilder b = new StringBuilder(768);
        append(b, r);
        return b.toString();
    }

    /** Appends one GetFlowsResponse object. */
    public static void append(StringBuilder b, FlowsResponse r) {
        JsonOut o = new JsonOut(b).begin();
        if (r instanceof FlowsResponse.OfFlow) {
            o.key("flow");
            writeFlow(o, ((FlowsResponse.OfFlow) r).flow());
        } else {
            FlowsResponse.LostEvents l = ((FlowsResponse.OfLostEvents) r).lost();
            o.key("lost_events").begin();
            o.enumValue("source", ProtoEnum.LOST_EVENT_SOURCE, l.source());
            o.u64("num_events_lost", l.numEventsLost());
            if (l.cpu() != null) o.key("cpu").b.append(l.cpu().intValue());
            o.time("first", l.first());
            o.time("last", l.last());
            o.end();
        }
        o.str("node_name", r.nodeName());
        o.time("time", r.time());
        o.end();
    }

    /** The Flow object alone (hubble's legacy json form). */
    public static String flow(Flow f) {
        StringBuilder b = new StringBuilder(640);
        writeFlow(new JsonOut(b), f);
        return b.toString();
    }

    private static void writeFlow(JsonOut o, Flow f) {
        o.begin();
        for (String field : FLOW_FIELDS) writeField(o, f, field);
        for (var e : f.rawFields().entrySet()) {
            if (!FLOW_FIELDS.contains(e.getKey())) o.raw(e.getKey(), e.getValue());
        }
        o.end();
    }

    private static void writeField(JsonOut o, Flow f, String field) {
        switch (field) {
            case "time": o.time("time", f.time()); return;
            case "uuid": o.str("uuid", f.uuid()); return;
            case "emitter":
                if (f.emitter() != null) o.key("emitter").begin().str("name", f.emitter().name()).str("version", f.emitter().version()).end();
                return;
            case "verdict": o.enumValue("verdict", ProtoEnum.VERDICT, f.verdict()); return;
            case "drop_reason": o.u32("drop_reason", f.dropReason()); return;
            case "auth_type": o.enumValue("auth_type", ProtoEnum.AUTH_TYPE, f.authType()); return;
            case "ethernet":
                if (f.ethernet() != null) {
                    o.key("ethernet").begin().str("source", f.ethernet().source()).str("destination", f.ethernet().destination()).end();
                }
                return;
            case "IP":
                if (f.ip() != null) {
                    Flow.IP ip = f.ip();
                    o.key("IP").begin().str("source", ip.source()).str("source_xlated", ip.sourceXlated())
                            .str("destination", ip.destination()).enumValue("ipVersion", ProtoEnum.IP_VERSION, ip.ipVersion())
                            .bool("encrypted", ip.encrypted()).end();
                }
                return;
            case "l4":
                if (f.l4() != null) {
                    o.key("l4").begin();
                    writeL4(o, f.l4());
                    o.end();
                }
                return;
            case "source": endpoint(o, "source", f.source()); return;
            case "destination": endpoint(o, "destination", f.destination()); return;
            case "Type": o.enumValue("Type", ProtoEnum.FLOW_TYPE, f.type()); return;
            case "node_name": o.str("node_name", f.nodeName()); return;
            case "node_labels": o.strings("node_labels", f.nodeLabels()); return;
            case "source_names": o.strings("source_names", f.sourceNames()); return;
            case "destination_names": o.strings("destination_names", f.destinationNames()); return;
            case "reply": o.bool("reply", f.reply()); return;
            case "event_type":
                if (f.eventType() != null) {
                    o.key("event_type").begin().num("type", f.eventType().type()).num("sub_type", f.eventType().subType()).end();
                }
                return;
            case "source_service": service(o, "source_service", f.sourceService()); return;
            case "destination_service": service(o, "destination_service", f.destinationService()); return;
            case "traffic_direction": o.enumValue("traffic_direction", ProtoEnum.TRAFFIC_DIRECTION, f.trafficDirection()); return;
            case "policy_match_type": o.u32("policy_match_type", f.policyMatchType()); return;
            case "trace_observation_point":
                o.enumValue("trace_observation_point", ProtoEnum.TRACE_OBSERVATION_POINT, f.traceObservationPoint());
                return;
            case "trace_reason": o.enumValue("trace_reason", ProtoEnum.TRACE_REASON, f.traceReason()); return;
            case "file":
                if (f.file() != null) o.key("file").begin().str("name", f.file().name()).u32("line", f.file().line()).end();
                return;
            case "ip_trace_id":
                if (f.ipTraceId() != null) {
                    o.key("ip_trace_id").begin().u64("trace_id", f.ipTraceId().traceId())
                            .u32("ip_option_type", f.ipTraceId().ipOptionType()).end();
                }
                return;
            case "drop_reason_desc": o.enumValue("drop_reason_desc", ProtoEnum.DROP_REASON, f.dropReasonDesc()); return;
            case "is_reply":
                if (f.isReply() != null) o.key("is_reply").b.append(f.isReply() ? "true" : "false");
                return;
            case "debug_capture_point": o.enumValue("debug_capture_point", ProtoEnum.DEBUG_CAPTURE_POINT, f.debugCapturePoint()); return;
            case "interface":
                if (f.iface() != null) o.key("interface").begin().u32("index", f.iface().index()).str("name", f.iface().name()).end();
                return;
            case "proxy_port": o.u32("proxy_port", f.proxyPort()); return;
            case "sock_xlate_point": o.enumValue("sock_xlate_point", ProtoEnum.SOCK_XLATE_POINT, f.sockXlatePoint()); return;
            case "socket_cookie": o.u64("socket_cookie", f.socketCookie()); return;
            case "cgroup_id": o.u64("cgroup_id", f.cgroupId()); return;
            case "Summary": o.str("Summary", f.summary()); return;
            default:
                if (RAW_FIELDS.contains(field)) o.raw(field, f.rawFields().get(field));
        }
    }

    private static void writeL4(JsonOut o, Flow.L4 l4) {
        if (l4 instanceof Flow.Tcp) {
            Flow.Tcp t = (Flow.Tcp) l4;
            o.key("TCP").begin().u32("source_port", t.sourcePort()).u32("destination_port", t.destinationPort());
            if (t.flags() != null) {
                int b = t.flags().bits();
                o.key("flags").begin().bool("FIN", (b & Packet.TCP_FIN) != 0).bool("SYN", (b & Packet.TCP_SYN) != 0)
                        .bool("RST", (b & Packet.TCP_RST) != 0).bool("PSH", (b & Packet.TCP_PSH) != 0)
                        .bool("ACK", (b & Packet.TCP_ACK) != 0).bool("URG", (b & Packet.TCP_URG) != 0)
                        .bool("ECE", (b & Packet.TCP_ECE) != 0).bool("CWR", (b & Packet.TCP_CWR) != 0)
                        .bool("NS", (b & Packet.TCP_NS) != 0).end();
            }
            o.end();
        } else if (l4 instanceof Flow.Udp) {
            Flow.Udp u = (Flow.Udp) l4;
            o.key("UDP").begin().u32("source_port", u.sourcePort()).u32("destination_port", u.destinationPort()).end();
        } else if (l4 instanceof Flow.Icmpv4) {
            Flow.Icmpv4 i = (Flow.Icmpv4) l4;
            o.key("ICMPv4").begin().u32("type", i.type()).u32("code", i.code()).end();
        } else if (l4 instanceof Flow.Icmpv6) {
            Flow.Icmpv6 i = (Flow.Icmpv6) l4;
            o.key("ICMPv6").begin().u32("type", i.type()).u32("code", i.code()).end();
        } else if (l4 instanceof Flow.Sctp) {
            Flow.Sctp s = (Flow.Sctp) l4;
            o.key("SCTP").begin().u32("source_port", s.sourcePort()).u32("destination_port", s.destinationPort())
                    .num("chunk_type", s.chunkType()).end();
        } else if (l4 instanceof Flow.Vrrp) {
            Flow.Vrrp v = (Flow.Vrrp) l4;
            o.key("VRRP").begin().u32("type", v.type()).u32("vrid", v.vrid()).u32("priority", v.priority()).end();
        } else if (l4 instanceof Flow.Igmp) {
            Flow.Igmp g = (Flow.Igmp) l4;
            o.key("IGMP").begin().u32("type", g.type()).str("group_address", g.groupAddress()).end();
        }
    }

    private static void endpoint(JsonOut o, String name, Flow.Endpoint e) {
        if (e == null) return;
        o.key(name).begin().u32("ID", e.id()).u32("identity", e.identity()).str("cluster_name", e.clusterName())
                .str("namespace", e.namespace()).strings("labels", e.labels()).str("pod_name", e.podName());
        if (!e.workloads().isEmpty()) {
            o.key("workloads").beginArray();
            for (Flow.Workload w : e.workloads()) {
                o.element();
                o.begin().str("name", w.name()).str("kind", w.kind()).end();
            }
            o.endArray();
        }
        o.end();
    }

    private static void service(JsonOut o, String name, Flow.Service s) {
        if (s != null) o.key(name).begin().str("name", s.name()).str("namespace", s.namespace()).end();
    }

    // ---- reading ----

    /** Why a line is not a flow: a one-line message. */
    public static final class ParseException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public ParseException(String message) { super(message); }
    }

    /**
     * Reads one GetFlowsResponse line (or a bare Flow object, hubble's legacy json). Returns null for
     * a response that is neither a flow nor lost events (e.g. node_status). Throws
     * {@link ParseException} for text that is not such an object.
     */
    public static FlowsResponse parse(String line) {
        try (JsonParser p = FACTORY.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new ParseException("not a JSON object");
            Flow flow = null;
            FlowsResponse.LostEvents lost = null;
            String nodeName = null;
            Instant time = null;
            boolean other = false;
            Flow.Builder bare = null;
            boolean bareKnown = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (t == JsonToken.VALUE_NULL) continue;
                switch (protoName(name, RESPONSE_FIELDS)) {
                    case "flow": flow = readFlow(p); break;
                    case "lost_events": lost = readLost(p); break;
                    case "node_status": other = true; p.skipChildren(); break;
                    case "node_name": nodeName = text(p, name); break;
                    case "time": time = timestamp(p, name); break;
                    default:
                        // a bare Flow (hubble's legacy json): every key is a flow field
                        if (bare == null) bare = Flow.builder();
                        if (FLOW_FIELD_SET.contains(protoName(name, FLOW_FIELD_SET))) bareKnown = true;
                        readFlowField(p, bare, name);
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) throw new ParseException("not a JSON object");
            if (p.nextToken() != null) throw new ParseException("trailing data after the JSON object");
            if (bare != null && bareKnown && flow == null && lost == null) {
                if (time != null) bare.time(time);
                if (nodeName != null) bare.nodeName(nodeName);
                Flow f = bare.build();
                return new FlowsResponse.OfFlow(f, f.nodeName(), f.time());
            }
            if (flow != null) return new FlowsResponse.OfFlow(flow, nodeName, time);
            if (lost != null) return new FlowsResponse.OfLostEvents(lost, nodeName, time);
            if (other) return null;
            throw new ParseException("neither a flow nor lost events");
        } catch (IOException e) {
            String m = e.getMessage();
            int nl = m == null ? -1 : m.indexOf('\n');
            throw new ParseException("invalid JSON: " + (nl < 0 ? m : m.substring(0, nl)));
        }
    }

    private static final Set<String> RESPONSE_FIELDS = Set.of("flow", "lost_events", "node_status", "node_name", "time");
    private static final Set<String> IP_TRACE_FIELDS = Set.of("trace_id", "ip_option_type");
    private static final Set<String> IP_FIELDS = Set.of("source", "source_xlated", "destination", "ipVersion", "encrypted");
    private static final Set<String> L4_FIELDS = Set.of("source_port", "destination_port", "flags", "type", "code", "vrid",
            "priority", "group_address", "chunk_type");
    private static final Set<String> ENDPOINT_FIELDS = Set.of("ID", "identity", "cluster_name", "namespace", "labels", "pod_name",
            "workloads");
    private static final Set<String> LOST_FIELDS = Set.of("source", "num_events_lost", "cpu", "first", "last");
    private static final Set<String> EVENT_TYPE_FIELDS = Set.of("type", "sub_type");

    /** The proto name of a key that may be the lowerCamel JSON name. */
    private static String protoName(String key, Set<String> known) {
        if (known.contains(key)) return key;
        StringBuilder s = new StringBuilder(key.length() + 4);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isUpperCase(c) && i > 0) s.append('_').append(Character.toLowerCase(c));
            else s.append(c);
        }
        String snake = s.toString();
        return known.contains(snake) ? snake : key;
    }

    private static final Set<String> FLOW_FIELD_SET = Set.copyOf(FLOW_FIELDS);

    static Flow readFlow(JsonParser p) throws IOException {
        expect(p, JsonToken.START_OBJECT, "flow");
        Flow.Builder b = Flow.builder();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (p.nextToken() == JsonToken.VALUE_NULL) continue;
            readFlowField(p, b, name);
        }
        return b.build();
    }

    private static void readFlowField(JsonParser p, Flow.Builder b, String key) throws IOException {
        String name = protoName(key, FLOW_FIELD_SET);
        switch (name) {
            case "time": b.time(timestamp(p, name)); break;
            case "uuid": b.uuid(text(p, name)); break;
            case "emitter": {
                String[] v = strings2(p, name, "name", "version");
                b.emitter(new Flow.Emitter(v[0], v[1]));
                break;
            }
            case "verdict": b.verdict(enumValue(p, name, ProtoEnum.VERDICT)); break;
            case "drop_reason": b.dropReason((int) uint(p, name)); break;
            case "auth_type": b.authType(enumValue(p, name, ProtoEnum.AUTH_TYPE)); break;
            case "ethernet": {
                String[] v = strings2(p, name, "source", "destination");
                b.ethernet(new Flow.Ethernet(v[0], v[1]));
                break;
            }
            case "IP": b.ip(readIp(p)); break;
            case "l4": b.l4(readL4(p)); break;
            case "source": b.source(readEndpoint(p, name)); break;
            case "destination": b.destination(readEndpoint(p, name)); break;
            case "Type": b.type(enumValue(p, name, ProtoEnum.FLOW_TYPE)); break;
            case "node_name": b.nodeName(text(p, name)); break;
            case "node_labels": b.nodeLabels(stringList(p, name)); break;
            case "source_names": b.sourceNames(stringList(p, name)); break;
            case "destination_names": b.destinationNames(stringList(p, name)); break;
            case "l7": {
                String raw = copyRaw(p);
                b.raw("l7", raw);
                b.l7(l7Summary(raw));
                break;
            }
            case "reply": b.reply(bool(p, name)); break;
            case "event_type": {
                long[] v = ints2(p, name, "type", "sub_type", EVENT_TYPE_FIELDS);
                b.eventType(new Flow.EventType((int) v[0], (int) v[1]));
                break;
            }
            case "source_service": {
                String[] v = strings2(p, name, "name", "namespace");
                b.sourceService(new Flow.Service(v[0], v[1]));
                break;
            }
            case "destination_service": {
                String[] v = strings2(p, name, "name", "namespace");
                b.destinationService(new Flow.Service(v[0], v[1]));
                break;
            }
            case "traffic_direction": b.trafficDirection(enumValue(p, name, ProtoEnum.TRAFFIC_DIRECTION)); break;
            case "policy_match_type": b.policyMatchType((int) uint(p, name)); break;
            case "trace_observation_point": b.traceObservationPoint(enumValue(p, name, ProtoEnum.TRACE_OBSERVATION_POINT)); break;
            case "trace_reason": b.traceReason(enumValue(p, name, ProtoEnum.TRACE_REASON)); break;
            case "file": {
                expect(p, JsonToken.START_OBJECT, name);
                String fname = null;
                int line = 0;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    if (p.nextToken() == JsonToken.VALUE_NULL) continue;
                    if (k.equals("name")) fname = text(p, k);
                    else if (k.equals("line")) line = (int) uint(p, k);
                    else p.skipChildren();
                }
                b.file(new Flow.FileInfo(fname, line));
                break;
            }
            case "ip_trace_id": {
                expect(p, JsonToken.START_OBJECT, name);
                long id = 0;
                int opt = 0;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = protoName(p.currentName(), IP_TRACE_FIELDS);
                    if (p.nextToken() == JsonToken.VALUE_NULL) continue;
                    if (k.equals("trace_id")) id = uint(p, k);
                    else if (k.equals("ip_option_type")) opt = (int) uint(p, k);
                    else p.skipChildren();
                }
                b.ipTraceId(new Flow.IpTraceId(id, opt));
                break;
            }
            case "drop_reason_desc": b.dropReasonDesc(enumValue(p, name, ProtoEnum.DROP_REASON)); break;
            case "is_reply": b.isReply(bool(p, name)); break;
            case "debug_capture_point": b.debugCapturePoint(enumValue(p, name, ProtoEnum.DEBUG_CAPTURE_POINT)); break;
            case "interface": {
                expect(p, JsonToken.START_OBJECT, name);
                int index = 0;
                String ifname = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    if (p.nextToken() == JsonToken.VALUE_NULL) continue;
                    if (k.equals("index")) index = (int) uint(p, k);
                    else if (k.equals("name")) ifname = text(p, k);
                    else p.skipChildren();
                }
                b.iface(new Flow.NetworkInterface(index, ifname));
                break;
            }
            case "proxy_port": b.proxyPort((int) uint(p, name)); break;
            case "sock_xlate_point": b.sockXlatePoint(enumValue(p, name, ProtoEnum.SOCK_XLATE_POINT)); break;
            case "socket_cookie": b.socketCookie(uint(p, name)); break;
            case "cgroup_id": b.cgroupId(uint(p, name)); break;
            case "Summary": b.summary(text(p, name)); break;
            default:
                // unmodelled (tunnel, policies, …) or newer than v1.19.4: kept as raw JSON
                b.raw(name, copyRaw(p));
        }
    }

    private static Flow.IP readIp(JsonParser p) throws IOException {
        expect(p, JsonToken.START_OBJECT, "IP");
        String src = null, xl = null, dst = null;
        int ver = 0;
        boolean enc = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = protoName(p.currentName(), IP_FIELDS);
            if (p.nextToken() == JsonToken.VALUE_NULL) continue;
            switch (k) {
                case "source": src = text(p, k); break;
                case "source_xlated": xl = text(p, k); break;
                case "destination": dst = text(p, k); break;
                case "ipVersion": case "ip_version": ver = enumValue(p, k, ProtoEnum.IP_VERSION); break;
                case "encrypted": enc = bool(p, k); break;
                default: p.skipChildren();
            }
        }
        return new Flow.IP(src, xl, dst, ver, enc);
    }

    private static Flow.L4 readL4(JsonParser p) throws IOException {
        expect(p, JsonToken.START_OBJECT, "l4");
        Flow.L4 l4 = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            if (p.nextToken() == JsonToken.VALUE_NULL) continue;
            expect(p, JsonToken.START_OBJECT, k);
            long[] v = new long[3];
            int flags = 0;
            String group = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = protoName(p.currentName(), L4_FIELDS);
                if (p.nextToken() == JsonToken.VALUE_NULL) continue;
                switch (f) {
                    case "source_port": case "type": v[0] = uint(p, f); break;
                    case "destination_port": case "code": case "vrid": v[1] = uint(p, f); break;
                    case "priority": v[2] = uint(p, f); break;
                    case "chunk_type": v[2] = p.currentToken() == JsonToken.VALUE_STRING ? 0 : p.getIntValue(); break;
                    case "group_address": group = text(p, f); break;
                    case "flags": flags = readTcpFlags(p); break;
                    default: p.skipChildren();
                }
            }
            switch (k) {
                case "TCP": l4 = new Flow.Tcp((int) v[0], (int) v[1], new Flow.TcpFlags(flags)); break;
                case "UDP": l4 = new Flow.Udp((int) v[0], (int) v[1]); break;
                case "ICMPv4": l4 = new Flow.Icmpv4((int) v[0], (int) v[1]); break;
                case "ICMPv6": l4 = new Flow.Icmpv6((int) v[0], (int) v[1]); break;
                case "SCTP": l4 = new Flow.Sctp((int) v[0], (int) v[1], (int) v[2]); break;
                case "VRRP": l4 = new Flow.Vrrp((int) v[0], (int) v[1], (int) v[2]); break;
                case "IGMP": l4 = new Flow.Igmp((int) v[0], group); break;
                default: break;
            }
        }
        return l4;
    }

    private static int readTcpFlags(JsonParser p) throws IOException {
        expect(p, JsonToken.START_OBJECT, "flags");
        int bits = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            if (p.nextToken() == JsonToken.VALUE_NULL) continue;
            boolean on = bool(p, k);
            int bit = Packet.tcpFlagBit(k);
            if (on) bits |= bit;
        }
        return bits;
    }

    private static Flow.Endpoint readEndpoint(JsonParser p, String name) throws IOException {
        expect(p, JsonToken.START_OBJECT, name);
        int id = 0, identity = 0;
        String cluster = null, ns = null, pod = null;
        List<String> labels = List.of();
        List<Flow.Workload> workloads = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = protoName(p.currentName(), ENDPOINT_FIELDS);
            if (p.nextToken() == JsonToken.VALUE_NULL) continue;
            switch (k) {
                case "ID": id = (int) uint(p, k); break;
                case "identity": identity = (int) uint(p, k); break;
                case "cluster_name": cluster = text(p, k); break;
                case "namespace": ns = text(p, k); break;
                case "labels": labels = stringList(p, k); break;
                case "pod_name": pod = text(p, k); break;
                case "workloads":
                    expect(p, JsonToken.START_ARRAY, k);
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        if (p.currentToken() == JsonToken.VALUE_NULL) continue;
                        String[] w = strings2(p, k, "name", "kind");
                        workloads.add(new Flow.Workload(w[0], w[1]));
                    }
                    break;
                default: p.skipChildren();
            }
        }
        return new Flow.Endpoint(id, identity, cluster, ns, labels, pod, workloads);
    }

    private static FlowsResponse.LostEvents readLost(JsonParser p) throws IOException {
        expect(p, JsonToken.START_OBJECT, "lost_events");
        int source = 0;
        long n = 0;
        Integer cpu = null;
        Instant first = null, last = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = protoName(p.currentName(), LOST_FIELDS);
            if (p.nextToken() == JsonToken.VALUE_NULL) continue;
            switch (k) {
                case "source": source = enumValue(p, k, ProtoEnum.LOST_EVENT_SOURCE); break;
                case "num_events_lost": n = uint(p, k); break;
                case "cpu":
                    if (p.currentToken() == JsonToken.START_OBJECT) { // a wrapper written as {"value": n}
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            p.nextToken();
                            cpu = (int) number(p, k);
                        }
                    } else {
                        cpu = (int) number(p, k);
                    }
                    break;
                case "first": first = timestamp(p, k); break;
                case "last": last = timestamp(p, k); break;
                default: p.skipChildren();
            }
        }
        return new FlowsResponse.LostEvents(source, n, cpu, first, last);
    }

    /** The l7 facts the printers and filters use, from the raw record. */
    private static Flow.L7 l7Summary(String raw) throws IOException {
        try (JsonParser p = FACTORY.createParser(raw)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return new Flow.L7(0, null, null);
            int type = 0;
            String protocol = null, obs = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String k = p.currentName();
                JsonToken t = p.nextToken();
                if (t == JsonToken.VALUE_NULL) continue;
                switch (k) {
                    case "type": type = enumValue(p, k, ProtoEnum.L7_FLOW_TYPE); break;
                    case "dns":
                        protocol = "dns";
                        if (t == JsonToken.START_OBJECT) {
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String f = p.currentName();
                                p.nextToken();
                                if ((f.equals("observation_source") || f.equals("observationSource")) && p.currentToken() == JsonToken.VALUE_STRING) {
                                    obs = p.getText();
                                } else {
                                    p.skipChildren();
                                }
                            }
                        }
                        break;
                    case "http": protocol = "http"; p.skipChildren(); break;
                    case "kafka": protocol = "kafka"; p.skipChildren(); break;
                    default: p.skipChildren();
                }
            }
            return new Flow.L7(type, protocol, obs);
        }
    }

    // ---- token helpers ----

    private static void expect(JsonParser p, JsonToken t, String field) throws IOException {
        if (p.currentToken() != t) {
            throw new ParseException("field " + field + ": expected " + (t == JsonToken.START_OBJECT ? "an object" : "an array")
                    + ", got " + describe(p));
        }
    }

    private static String describe(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) return "end of input";
        switch (t) {
            case VALUE_STRING: return "string \"" + p.getText() + "\"";
            case VALUE_NUMBER_INT: case VALUE_NUMBER_FLOAT: return "number " + p.getText();
            case VALUE_TRUE: case VALUE_FALSE: return p.getText();
            case START_OBJECT: return "an object";
            case START_ARRAY: return "an array";
            default: return t.toString();
        }
    }

    private static String text(JsonParser p, String field) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) throw new ParseException("field " + field + ": expected a string, got " + describe(p));
        return p.getText();
    }

    private static boolean bool(JsonParser p, String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_TRUE) return true;
        if (t == JsonToken.VALUE_FALSE) return false;
        if (t == JsonToken.START_OBJECT) { // BoolValue written as {"value": b}
            boolean v = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                p.nextToken();
                v = bool(p, field);
            }
            return v;
        }
        throw new ParseException("field " + field + ": expected true or false, got " + describe(p));
    }

    /** An integer written as a number or (protojson for 64-bit values, accepted for all) a string. */
    private static long number(JsonParser p, String field) throws IOException {
        JsonToken t = p.currentToken();
        try {
            if (t == JsonToken.VALUE_NUMBER_INT) return p.getLongValue();
            if (t == JsonToken.VALUE_STRING) return Long.parseLong(p.getText().trim());
            if (t == JsonToken.VALUE_NUMBER_FLOAT) {
                double d = p.getDoubleValue();
                if (d == Math.rint(d)) return (long) d;
            }
        } catch (NumberFormatException | IOException e) {
            // reported below
        }
        throw new ParseException("field " + field + ": expected an integer, got " + describe(p));
    }

    private static long uint(JsonParser p, String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            try {
                return Long.parseUnsignedLong(p.getText().trim());
            } catch (NumberFormatException e) {
                throw new ParseException("field " + field + ": expected an unsigned integer, got " + describe(p));
            }
        }
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            return p.getBigIntegerValue().longValue();
        }
        long v = number(p, field);
        if (v < 0) throw new ParseException("field " + field + ": expected an unsigned integer, got " + describe(p));
        return v;
    }

    private static int enumValue(JsonParser p, String field, ProtoEnum e) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            try {
                return e.parse(p.getText());
            } catch (IllegalArgumentException x) {
                throw new ParseException("field " + field + ": " + x.getMessage());
            }
        }
        if (t == JsonToken.VALUE_NUMBER_INT) return p.getIntValue();
        throw new ParseException("field " + field + ": expected an enum name or number, got " + describe(p));
    }

    private static Instant timestamp(JsonParser p, String field) throws IOException {
        String s = text(p, field);
        try {
            Instant t = GoTime.parseRfc3339(s);
            if (t != null) return t;
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ParseException("field " + field + ": invalid timestamp \"" + s + "\"");
    }

    private static List<String> stringList(JsonParser p, String field) throws IOException {
        expect(p, JsonToken.START_ARRAY, field);
        List<String> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() == JsonToken.VALUE_NULL) continue;
            l.add(text(p, field));
        }
        return l;
    }

    private static String[] strings2(JsonParser p, String field, String a, String b) throws IOException {
        expect(p, JsonToken.START_OBJECT, field);
        String[] v = new String[2];
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            if (p.nextToken() == JsonToken.VALUE_NULL) continue;
            if (k.equals(a)) v[0] = text(p, field + "." + k);
            else if (k.equals(b)) v[1] = text(p, field + "." + k);
            else p.skipChildren();
        }
        return v;
    }

    private static long[] ints2(JsonParser p, String field, String a, String b, Set<String> names) throws IOException {
        expect(p, JsonToken.START_OBJECT, field);
        long[] v = new long[2];
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = protoName(p.currentName(), names);
            if (p.nextToken() == JsonToken.VALUE_NULL) continue;
            if (k.equals(a)) v[0] = number(p, field + "." + k);
            else if (k.equals(b)) v[1] = number(p, field + "." + k);
            else p.skipChildren();
        }
        return v;
    }

    /** The current value re-serialised compactly with hubble's escaping. */
    private static String copyRaw(JsonParser p) throws IOException {
        StringBuilder b = new StringBuilder();
        copy(p, b);
        return b.toString();
    }

    private static void copy(JsonParser p, StringBuilder b) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                b.append('{');
                boolean first = true;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    if (!first) b.append(',');
                    first = false;
                    JsonOut.string(b, p.currentName());
                    b.append(':');
                    p.nextToken();
                    copy(p, b);
                }
                b.append('}');
                return;
            }
            case START_ARRAY: {
                b.append('[');
                boolean first = true;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (!first) b.append(',');
                    first = false;
                    copy(p, b);
                }
                b.append(']');
                return;
            }
            case VALUE_STRING: JsonOut.string(b, p.getText()); return;
            case VALUE_NUMBER_INT: case VALUE_NUMBER_FLOAT: b.append(p.getText()); return;
            case VALUE_TRUE: b.append("true"); return;
            case VALUE_FALSE: b.append("false"); return;
            case VALUE_NULL: b.append("null"); return;
            default: throw new ParseException("unexpected " + t);
        }
    }
}

package dev.cil.flow;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One hubble FlowFilter (flow.proto): lists of values per field; a flow matches when, for every
 * non-empty field, it matches one of the field's values. The JSON form is protojson with proto names,
 * the format of hubble's {@code --allowlist}/{@code --denylist} and of the {@code allow}/{@code deny}
 * parameters of cil's flows API (docs/flows-api.md).
 *
 * <p>Fields (proto names): uuid, source_ip, source_ip_xlated, source_pod, source_fqdn, source_label,
 * source_service, destination_ip, destination_pod, destination_fqdn, destination_label,
 * destination_service, traffic_direction, verdict,
 * drop_reason_desc, event_type, protocol, source_port, destination_port, reply, source_identity,
 * destination_identity, tcp_flags, node_name, node_labels, ip_version. Others (http_*, dns_query,
 * workloads, cluster names, …) are refused when read, so that a filter is never silently ignored.
 */
public final class FilterSpec {
    /** An event type filter: {@code type}, and {@code subType} when {@code matchSubType}. */
    public record EventTypeFilter(int type, boolean matchSubType, int subType) { }

    /** String-valued fields, by proto name, in declaration order. */
    static final List<String> STRING_FIELDS = List.of("uuid", "source_ip", "source_ip_xlated", "source_pod", "source_fqdn",
            "source_label", "source_service", "destination_ip", "destination_pod", "destination_fqdn",
            "destination_label", "destination_service", "protocol", "source_port",
            "destination_port", "node_name", "node_labels");

    final Map<String, List<String>> strings = new LinkedHashMap<>();
    final List<Integer> trafficDirection = new ArrayList<>();
    final List<Integer> verdict = new ArrayList<>();
    final List<Integer> dropReasonDesc = new ArrayList<>();
    final List<EventTypeFilter> eventType = new ArrayList<>();
    final List<Boolean> reply = new ArrayList<>();
    final List<Long> sourceIdentity = new ArrayList<>();
    final List<Long> destinationIdentity = new ArrayList<>();
    final List<Integer> tcpFlags = new ArrayList<>();
    final List<Integer> ipVersion = new ArrayList<>();

    public FilterSpec() { }

    /** The values of a string field (empty list when unset). */
    public List<String> strings(String field) { return strings.getOrDefault(field, List.of()); }

    void add(String field, String value) {
        if (!STRING_FIELDS.contains(field)) throw new IllegalArgumentException("not a string field: " + field);
        strings.computeIfAbsent(field, k -> new ArrayList<>()).add(value);
    }

    void set(String field, List<String> values) {
        if (values == null || values.isEmpty()) strings.remove(field);
        else strings.put(field, new ArrayList<>(values));
    }

    public List<Integer> trafficDirection() { return trafficDirection; }

    public List<Integer> verdict() { return verdict; }

    public List<Integer> dropReasonDesc() { return dropReasonDesc; }

    public List<EventTypeFilter> eventType() { return eventType; }

    public List<Boolean> reply() { return reply; }

    public List<Long> sourceIdentity() { return sourceIdentity; }

    public List<Long> destinationIdentity() { return destinationIdentity; }

    public List<Integer> tcpFlags() { return tcpFlags; }

    public List<Integer> ipVersion() { return ipVersion; }

    FilterSpec copy() {
        FilterSpec c = new FilterSpec();
        strings.forEach((k, v) -> c.strings.put(k, new ArrayList<>(v)));
        c.trafficDirection.addAll(trafficDirection);
        c.verdict.addAll(verdict);
        c.dropReasonDesc.addAll(dropReasonDesc);
        c.eventType.addAll(eventType);
        c.reply.addAll(reply);
        c.sourceIdentity.addAll(sourceIdentity);
        c.destinationIdentity.addAll(destinationIdentity);
        c.tcpFlags.addAll(tcpFlags);
        c.ipVersion.addAll(ipVersion);
        return c;
    }

    @Override
    public boolean equals(Object o) { return o instanceof FilterSpec && toJson().equals(((FilterSpec) o).toJson()); }

    @Override
    public int hashCode() { return Objects.hash(toJson()); }

    @Override
    public String toString() { return toJson(); }

    // ---- JSON (protojson, proto names, declaration order) ----

    private static final List<String> ORDER = List.of("uuid", "source_ip", "source_ip_xlated", "source_pod", "source_fqdn",
            "source_label", "source_service", "destination_ip", "destination_pod", "destination_fqdn",
            "destination_label", "destination_service", "traffic_direction", "verdict",
            "drop_reason_desc", "event_type", "protocol", "source_port", "destination_port", "reply", "source_identity",
            "destination_identity", "tcp_flags", "node_name", "node_labels", "ip_version");

    public String toJson() {
        StringBuilder b = new StringBuilder(64);
        JsonOut o = new JsonOut(b).begin();
        for (String f : ORDER) {
            switch (f) {
                case "traffic_direction": enums(o, f, ProtoEnum.TRAFFIC_DIRECTION, trafficDirection); break;
                case "verdict": enums(o, f, ProtoEnum.VERDICT, verdict); break;
                case "drop_reason_desc": enums(o, f, ProtoEnum.DROP_REASON, dropReasonDesc); break;
                case "ip_version": enums(o, f, ProtoEnum.IP_VERSION, ipVersion); break;
                case "event_type":
                    if (!eventType.isEmpty()) {
                        o.key(f).beginArray();
                        for (EventTypeFilter e : eventType) {
                            o.element();
                            o.begin().num("type", e.type()).bool("match_sub_type", e.matchSubType()).num("sub_type", e.subType()).end();
                        }
                        o.endArray();
                    }
                    break;
                case "reply":
                    if (!reply.isEmpty()) {
                        o.key(f).beginArray();
                        for (Boolean r : reply) o.element().b.append(r);
                        o.endArray();
                    }
                    break;
                case "source_identity": case "destination_identity": {
                    List<Long> l = f.equals("source_identity") ? sourceIdentity : destinationIdentity;
                    if (!l.isEmpty()) {
                        o.key(f).beginArray();
                        for (Long v : l) o.element().b.append(v);
                        o.endArray();
                    }
                    break;
                }
                case "tcp_flags":
                    if (!tcpFlags.isEmpty()) {
                        o.key(f).beginArray();
                        for (int m : tcpFlags) {
                            o.element();
                            o.begin().bool("FIN", (m & Packet.TCP_FIN) != 0).bool("SYN", (m & Packet.TCP_SYN) != 0)
                                    .bool("RST", (m & Packet.TCP_RST) != 0).bool("PSH", (m & Packet.TCP_PSH) != 0)
                                    .bool("ACK", (m & Packet.TCP_ACK) != 0).bool("URG", (m & Packet.TCP_URG) != 0)
                                    .bool("ECE", (m & Packet.TCP_ECE) != 0).bool("CWR", (m & Packet.TCP_CWR) != 0)
                                    .bool("NS", (m & Packet.TCP_NS) != 0).end();
                        }
                        o.endArray();
                    }
                    break;
                default:
                    List<String> v = strings.get(f);
                    if (v != null && !v.isEmpty()) {
                        o.key(f).beginArray();
                        for (String s : v) {
                            o.element();
                            JsonOut.string(b, s);
                        }
                        o.endArray();
                    }
            }
        }
        return o.end().b.toString();
    }

    private static void enums(JsonOut o, String f, ProtoEnum e, List<Integer> v) {
        if (v.isEmpty()) return;
        o.key(f).beginArray();
        for (int x : v) {
            o.element();
            String n = e.name(x);
            if (n != null) JsonOut.string(o.b, n);
            else o.b.append(x);
        }
        o.endArray();
    }

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    /** Reads a FlowFilter (protojson; proto or lowerCamel names); throws IllegalArgumentException. */
    public static FilterSpec fromJson(String json) {
        FilterSpec s = new FilterSpec();
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IllegalArgumentException("a flow filter is a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = snake(p.currentName());
                JsonToken t = p.nextToken();
                if (t == JsonToken.VALUE_NULL) continue;
                if (t != JsonToken.START_ARRAY) throw new IllegalArgumentException("flow filter field " + name + ": expected an array");
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (p.currentToken() == JsonToken.VALUE_NULL) continue;
                    switch (name) {
                        case "traffic_direction": s.trafficDirection.add(enumOf(p, name, ProtoEnum.TRAFFIC_DIRECTION)); break;
                        case "verdict": s.verdict.add(enumOf(p, name, ProtoEnum.VERDICT)); break;
                        case "drop_reason_desc": s.dropReasonDesc.add(enumOf(p, name, ProtoEnum.DROP_REASON)); break;
                        case "ip_version": s.ipVersion.add(enumOf(p, name, ProtoEnum.IP_VERSION)); break;
                        case "reply":
                            if (!p.currentToken().isBoolean()) throw new IllegalArgumentException("flow filter field reply: expected booleans");
                            s.reply.add(p.getBooleanValue());
                            break;
                        case "source_identity": s.sourceIdentity.add(uint32(p, name)); break;
                        case "destination_identity": s.destinationIdentity.add(uint32(p, name)); break;
                        case "event_type": s.eventType.add(eventTypeOf(p)); break;
                        case "tcp_flags": s.tcpFlags.add(tcpFlagsOf(p)); break;
                        default:
                            if (!STRING_FIELDS.contains(name)) {
                                throw new IllegalArgumentException("flow filter field " + name + " is not supported by cil");
                            }
                            if (p.currentToken() != JsonToken.VALUE_STRING) {
                                throw new IllegalArgumentException("flow filter field " + name + ": expected strings");
                            }
                            s.add(name, p.getText());
                    }
                }
            }
            if (p.nextToken() != null) throw new IllegalArgumentException("trailing data after the flow filter");
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid flow filter JSON: " + firstLine(e.getMessage()));
        }
        return s;
    }

    private static String firstLine(String m) {
        if (m == null) return "";
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static String snake(String key) {
        if (key.indexOf('_') >= 0 || key.equals(key.toLowerCase(java.util.Locale.ROOT))) return key;
        StringBuilder b = new StringBuilder();
        for (char c : key.toCharArray()) {
            if (Character.isUpperCase(c)) b.append('_').append(Character.toLowerCase(c));
            else b.append(c);
        }
        return b.toString();
    }

    private static int enumOf(JsonParser p, String field, ProtoEnum e) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) return p.getIntValue();
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            int n = e.number(p.getText());
            if (n >= 0) return n;
        }
        throw new IllegalArgumentException("flow filter field " + field + ": invalid value " + p.getText());
    }

    private static long uint32(JsonParser p, String field) throws IOException {
        try {
            long v = p.currentToken() == JsonToken.VALUE_STRING ? Long.parseLong(p.getText()) : p.getLongValue();
            if (v >= 0 && v <= 0xffffffffL) return v;
        } catch (NumberFormatException | IOException e) {
            // below
        }
        throw new IllegalArgumentException("flow filter field " + field + ": invalid value " + p.getText());
    }

    private static EventTypeFilter eventTypeOf(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) throw new IllegalArgumentException("flow filter field event_type: expected objects");
        int type = 0, sub = 0;
        boolean match = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = snake(p.currentName());
            p.nextToken();
            switch (k) {
                case "type": type = p.getValueAsInt(); break;
                case "match_sub_type": match = p.getValueAsBoolean(); break;
                case "sub_type": sub = p.getValueAsInt(); break;
                default: p.skipChildren();
            }
        }
        return new EventTypeFilter(type, match, sub);
    }

    private static int tcpFlagsOf(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) throw new IllegalArgumentException("flow filter field tcp_flags: expected objects");
        int m = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            p.nextToken();
            if (!p.getValueAsBoolean()) continue;
            int bit = Packet.tcpFlagBit(k);
            if (bit == 0) throw new IllegalArgumentException("flow filter field tcp_flags: unknown flag " + k);
            m |= bit;
        }
        return m;
    }
}

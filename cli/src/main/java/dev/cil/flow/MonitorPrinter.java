package dev.cil.flow;

import java.util.List;
import java.util.function.IntFunction;

/**
 * cilium-dbg monitor's text for raw datapath events (pkg/monitor, Cilium 1.16): one line per event
 * by default ({@code -> endpoint 905 flow 0x0 , identity 39126->25054 state new ifindex lxc… orig-ip
 * 0.0.0.0: 10.0.0.1:41320 -> 10.0.0.2:80 tcp SYN}, {@code xx drop (Policy denied) flow …}); with
 * {@code -v} a separator, a {@code CPU NN: MARK …} line and the decoded headers; with JSON one object
 * per event (cilium's TraceNotifyVerbose/DropNotifyVerbose keys, and a summary of addresses).
 */
public final class MonitorPrinter {
    public enum Verbosity { INFO, VERBOSE, JSON }

    static final String SEPARATOR = "------------------------------------------------------------------------------";

    private final Verbosity verbosity;
    private final boolean numeric;
    private final IntFunction<String> ifname;

    /** {@code ifname}: an interface name for an ifindex, or null (then the number is printed). */
    public MonitorPrinter(Verbosity verbosity, boolean numeric, IntFunction<String> ifname) {
        this.verbosity = verbosity;
        this.numeric = numeric;
        this.ifname = ifname == null ? i -> null : ifname;
    }

    /** cilium-dbg monitor's filter: types, and source / destination / either endpoint ids. */
    public static boolean matches(MonitorEvent e, List<Integer> types, List<Integer> from, List<Integer> to, List<Integer> related) {
        int dst = 0;
        if (e instanceof MonitorEvent.Trace) dst = ((MonitorEvent.Trace) e).dstId();
        else if (e instanceof MonitorEvent.Drop) dst = ((MonitorEvent.Drop) e).dstId() & 0xffff;
        int src = e.source();
        if (!types.isEmpty() && !types.contains(e.type())) return false;
        if (!from.isEmpty() && !from.contains(src)) return false;
        if (!to.isEmpty() && !to.contains(dst)) return false;
        return related.isEmpty() || related.contains(src) || related.contains(dst);
    }

    /** The lines for one event, each ending with a newline. */
    public String format(MonitorEvent e) {
        StringBuilder b = new StringBuilder(160);
        String prefix = String.format("CPU %02d:", Math.max(e.cpu(), 0));
        if (e instanceof MonitorEvent.Trace) trace(b, (MonitorEvent.Trace) e, prefix);
        else if (e instanceof MonitorEvent.Drop) drop(b, (MonitorEvent.Drop) e, prefix);
        else if (e instanceof MonitorEvent.Debug) debug(b, (MonitorEvent.Debug) e, prefix);
        else if (e instanceof MonitorEvent.Capture) capture(b, (MonitorEvent.Capture) e, prefix);
        else unknown(b, (MonitorEvent.Unknown) e, prefix);
        return b.toString();
    }

    /** cilium-dbg's line for lost samples. */
    public String lost(int cpu, long count) {
        if (verbosity == Verbosity.JSON) {
            return "{\"cpu\":\"" + String.format("CPU %02d:", cpu) + "\",\"type\":\"lost\",\"lost\":" + count + "}\n";
        }
        return String.format("CPU %02d: Lost %d events%n", cpu, count);
    }

    /** Records the daemon read but could not pass on to this monitor: it printed too slowly. */
    public String slow(long count) {
        if (verbosity == Verbosity.JSON) return "{\"type\":\"lost\",\"lost\":" + count + ",\"reason\":\"monitor too slow\"}\n";
        return String.format("Lost %d events: this monitor read them too slowly%n", count);
    }

    private String identities(int src, int dst) {
        return numeric ? Integer.toUnsignedString(src) + "->" + Integer.toUnsignedString(dst)
                : ReservedIdentity.toString(src) + "->" + ReservedIdentity.toString(dst);
    }

    private String ifName(int ifindex) {
        String n = ifindex == 0 ? null : ifname.apply(ifindex);
        return FlowPrinter.esc(n != null ? n : Integer.toString(ifindex));
    }

    private static String hex(int v) { return v == 0 ? "0x0" : "0x" + Integer.toHexString(v); }

    private static String traceSummary(MonitorEvent.Trace t) {
        switch (t.obsPoint()) {
            case MonitorApi.TRACE_TO_LXC: return "-> endpoint " + t.dstId();
            case MonitorApi.TRACE_TO_PROXY: return "-> proxy" + (t.dstId() != 0 ? " port " + t.dstId() : "");
            case MonitorApi.TRACE_TO_HOST: return "-> host from";
            case MonitorApi.TRACE_TO_STACK: return "-> stack";
            case MonitorApi.TRACE_TO_OVERLAY: return "-> overlay";
            case MonitorApi.TRACE_TO_NETWORK: return "-> network";
            case MonitorApi.TRACE_FROM_LXC: return "<- endpoint " + t.source();
            case MonitorApi.TRACE_FROM_PROXY: return "<- proxy";
            case MonitorApi.TRACE_FROM_HOST: return "<- host";
            case MonitorApi.TRACE_FROM_STACK: return "<- stack";
            case MonitorApi.TRACE_FROM_OVERLAY: return "<- overlay";
            case MonitorApi.TRACE_FROM_NETWORK: return "<- network";
            case MonitorApi.TRACE_FROM_CRYPTO: return "<- crypto";
            case MonitorApi.TRACE_TO_CRYPTO: return "-> crypto";
            default: return "unknown trace";
        }
    }

    private static String origIp(MonitorEvent.Trace t) {
        String o = t.originalIp();
        return o != null ? o : t.ipv6() ? "::" : "0.0.0.0";
    }

    private void trace(StringBuilder b, MonitorEvent.Trace t, String prefix) {
        switch (verbosity) {
            case INFO:
                b.append(traceSummary(t));
                if (t.encrypted()) b.append(" encrypted");
                b.append(" flow ").append(hex(t.hash())).append(" , identity ").append(identities(t.srcLabel(), t.dstLabel()))
                        .append(" state ").append(MonitorApi.traceReason(t.reason())).append(" ifindex ").append(ifName(t.ifindex()))
                        .append(" orig-ip ").append(origIp(t)).append(": ").append(connectionSummary(t.packet())).append('\n');
                return;
            case JSON:
                b.append("{\"cpu\":\"").append(prefix).append("\",\"type\":\"trace\",\"mark\":\"").append(hex(t.hash()))
                        .append("\",\"ifindex\":");
                JsonOut.string(b, ifName(t.ifindex()));
                b.append(",\"state\":\"").append(MonitorApi.traceReason(t.reason())).append("\",\"observationPoint\":\"")
                        .append(MonitorApi.observationPoint(t.obsPoint())).append("\",\"traceSummary\":");
                JsonOut.string(b, traceSummary(t));
                b.append(",\"source\":").append(t.source()).append(",\"bytes\":").append(Integer.toUnsignedString(t.lenOrig()))
                        .append(",\"srcLabel\":").append(Integer.toUnsignedString(t.srcLabel())).append(",\"dstLabel\":")
                        .append(Integer.toUnsignedString(t.dstLabel())).append(",\"dstID\":").append(t.dstId());
                jsonSummary(b, t.lenCap(), t.packet());
                b.append("}\n");
                return;
            default:
                b.append(SEPARATOR).append('\n').append(prefix).append(" MARK ").append(hex(t.hash())).append(" FROM ")
                        .append(t.source()).append(' ').append(MonitorApi.observationPoint(t.obsPoint())).append(": ")
                        .append(Integer.toUnsignedString(t.lenOrig())).append(" bytes (").append(t.lenCap()).append(" captured), state ")
                        .append(MonitorApi.traceReason(t.reason()));
                if (t.ifindex() != 0) b.append(", interface ").append(ifName(t.ifindex()));
                if (t.srcLabel() != 0 || t.dstLabel() != 0) b.append(", , identity ").append(identities(t.srcLabel(), t.dstLabel()));
                b.append(", orig-ip ").append(origIp(t));
                if (t.dstId() != 0) b.append(", to ").append(t.obsPoint() == MonitorApi.TRACE_TO_PROXY ? "proxy-port " : "endpoint ").append(t.dstId());
                b.append('\n');
                dissect(b, t.packet());
        }
    }

    private void drop(StringBuilder b, MonitorEvent.Drop d, String prefix) {
        String reason = MonitorApi.dropReason(d.reason(), d.extError());
        switch (verbosity) {
            case INFO:
                b.append("xx drop (").append(reason).append(") flow ").append(hex(d.hash())).append(" to endpoint ")
                        .append(Integer.toUnsignedString(d.dstId())).append(", ifindex ").append(Integer.toUnsignedString(d.ifindex()))
                        .append(", file ").append(MonitorApi.bpfFileName(d.file())).append(':').append(d.line()).append(", ")
                        .append(", identity ").append(identities(d.srcLabel(), d.dstLabel())).append(": ")
                        .append(connectionSummary(d.packet())).append('\n');
                return;
            case JSON:
                b.append("{\"cpu\":\"").append(prefix).append("\",\"type\":\"drop\",\"mark\":\"").append(hex(d.hash()))
                        .append("\",\"reason\":");
                JsonOut.string(b, reason);
                b.append(",\"source\":").append(d.source()).append(",\"bytes\":").append(Integer.toUnsignedString(d.lenOrig()))
                        .append(",\"srcLabel\":").append(Integer.toUnsignedString(d.srcLabel())).append(",\"dstLabel\":")
                        .append(Integer.toUnsignedString(d.dstLabel())).append(",\"dstID\":").append(Integer.toUnsignedString(d.dstId()))
                        .append(",\"Line\":").append(d.line()).append(",\"File\":").append(d.file()).append(",\"ExtError\":")
                        .append(d.extError()).append(",\"Ifindex\":").append(Integer.toUnsignedString(d.ifindex()));
                jsonSummary(b, d.lenCap(), d.packet());
                b.append("}\n");
                return;
            default:
                b.append(SEPARATOR).append('\n').append(prefix).append(" MARK ").append(hex(d.hash())).append(" FROM ")
                        .append(d.source()).append(" DROP: ").append(Integer.toUnsignedString(d.lenOrig())).append(" bytes, reason ")
                        .append(reason);
                if (d.srcLabel() != 0 || d.dstLabel() != 0) b.append(", identity ").append(identities(d.srcLabel(), d.dstLabel()));
                if (d.dstId() != 0) b.append(", to endpoint ").append(Integer.toUnsignedString(d.dstId()));
                b.append('\n');
                dissect(b, d.packet());
        }
    }

    private void debug(StringBuilder b, MonitorEvent.Debug d, String prefix) {
        if (verbosity == Verbosity.JSON) {
            b.append("{\"cpu\":\"").append(prefix).append("\",\"type\":\"debug\",\"message\":\"subtype ").append(d.subtype())
                    .append(" arg1 ").append(hex(d.arg1())).append(" arg2 ").append(hex(d.arg2())).append(" arg3 ")
                    .append(hex(d.arg3())).append("\",\"source\":").append(d.source()).append(",\"hash\":\"").append(hex(d.hash()))
                    .append("\"}\n");
            return;
        }
        b.append(prefix).append(" MARK ").append(hex(d.hash())).append(" FROM ").append(d.source()).append(" DEBUG: subtype ")
                .append(d.subtype()).append(" arg1 ").append(hex(d.arg1())).append(" arg2 ").append(hex(d.arg2()))
                .append(" arg3 ").append(hex(d.arg3())).append('\n');
    }

    private void capture(StringBuilder b, MonitorEvent.Capture c, String prefix) {
        if (verbosity == Verbosity.JSON) {
            b.append("{\"cpu\":\"").append(prefix).append("\",\"type\":\"capture\",\"mark\":\"").append(hex(c.hash()))
                    .append("\",\"source\":").append(c.source()).append(",\"bytes\":").append(Integer.toUnsignedString(c.lenOrig()))
                    .append(",\"subtype\":").append(c.subtype());
            jsonSummary(b, c.lenCap(), c.packet());
            b.append("}\n");
            return;
        }
        if (verbosity == Verbosity.VERBOSE) b.append(SEPARATOR).append('\n');
        b.append(prefix).append(" MARK ").append(hex(c.hash())).append(" FROM ").append(c.source()).append(" DEBUG: ")
                .append(ProtoEnum.DEBUG_CAPTURE_POINT.jsonName(c.subtype())).append(": ").append(connectionSummary(c.packet())).append('\n');
        if (verbosity == Verbosity.VERBOSE) dissect(b, c.packet());
    }

    private void unknown(StringBuilder b, MonitorEvent.Unknown u, String prefix) {
        if (verbosity == Verbosity.JSON) {
            b.append("{\"cpu\":\"").append(prefix).append("\",\"type\":\"unknown\",\"message_type\":").append(u.type());
            if (u.why() != null) {
                b.append(",\"error\":");
                JsonOut.string(b, u.why());
            }
            b.append(",\"length\":").append(u.data().length).append("}\n");
            return;
        }
        if (u.why() != null) {
            b.append(prefix).append(" Undecodable event (").append(u.why()).append(")\n");
            return;
        }
        b.append(prefix).append(" Unknown event: [");
        byte[] d = u.data();
        for (int i = 0; i < d.length; i++) {
            if (i > 0) b.append(' ');
            b.append(d[i] & 0xff);
        }
        b.append("]\n");
    }

    /** cilium's GetConnectionSummary. */
    static String connectionSummary(Packet p) {
        if (p.length() == 0) return "[unknown]";
        String src = p.ipSourceString(), dst = p.ipDestinationString();
        Packet.Layer l = p.lastLayer();
        if (l == Packet.Layer.ICMPV4) return src + " -> " + dst + " " + Packet.icmpv4TypeCode(p.icmpType(), p.icmpCode());
        if (l == Packet.Layer.ICMPV6) return src + " -> " + dst + " " + Packet.icmpv6TypeCode(p.icmpType(), p.icmpCode());
        if (l == Packet.Layer.TCP || l == Packet.Layer.UDP || l == Packet.Layer.SCTP) {
            String proto = l == Packet.Layer.TCP ? "tcp" : l == Packet.Layer.UDP ? "udp" : "sctp";
            String s = hostPort(src, p.sourcePort()) + " -> " + hostPort(dst, p.destinationPort()) + " " + proto;
            if (l == Packet.Layer.TCP) {
                StringBuilder f = new StringBuilder();
                int fl = p.tcpFlags();
                if ((fl & Packet.TCP_SYN) != 0) f.append("SYN");
                if ((fl & Packet.TCP_ACK) != 0) f.append(f.length() > 0 ? ", " : "").append("ACK");
                if ((fl & Packet.TCP_RST) != 0) f.append(f.length() > 0 ? ", " : "").append("RST");
                if ((fl & Packet.TCP_FIN) != 0) f.append(f.length() > 0 ? ", " : "").append("FIN");
                s += " " + f;
            }
            return s;
        }
        if (src != null) return src + " -> " + dst;
        if (p.has(Packet.Layer.ETHERNET)) {
            return Net.mac(p.ethSource()) + " -> " + Net.mac(p.ethDestination()) + " " + etherType(p.ethType());
        }
        return "[unknown]";
    }

    private static String hostPort(String ip, int port) {
        return ip.indexOf(':') >= 0 ? "[" + ip + "]:" + port : ip + ":" + port;
    }

    /** gopacket's EthernetType names for the common types. */
    static String etherType(int t) {
        switch (t) {
            case Packet.ETH_P_IP: return "IPv4";
            case Packet.ETH_P_ARP: return "ARP";
            case Packet.ETH_P_IPV6: return "IPv6";
            case 0x8100: return "Dot1Q";
            case 0x88cc: return "LinkLayerDiscovery";
            default: return "UnknownEthernetType";
        }
    }

    /** {@code -v}: the decoded headers, one line per layer. */
    private static void dissect(StringBuilder b, Packet p) {
        if (p.length() == 0) return;
        if (p.has(Packet.Layer.ETHERNET)) {
            b.append("Ethernet\t{SrcMAC=").append(Net.mac(p.ethSource())).append(" DstMAC=").append(Net.mac(p.ethDestination()))
                    .append(" EthernetType=").append(etherType(p.ethType())).append("}\n");
        }
        if (p.has(Packet.Layer.ARP)) {
            b.append("ARP\t{Operation=").append(p.arpOp()).append(" SourceHwAddress=").append(Net.mac(p.arpSenderMac()))
                    .append(" SourceProtAddress=").append(Net.ipv4(p.arpSenderIp())).append(" DstHwAddress=")
                    .append(Net.mac(p.arpTargetMac())).append(" DstProtAddress=").append(Net.ipv4(p.arpTargetIp())).append("}\n");
        }
        if (p.has(Packet.Layer.IPV4)) {
            b.append("IPv4\t{Version=4 IHL=").append(p.ihl).append(" TOS=").append(p.tos).append(" Length=").append(p.ipTotalLength())
                    .append(" Id=").append(p.ipId()).append(" Flags=").append((p.ipFlags() & 2) != 0 ? "DF" : "")
                    .append((p.ipFlags() & 1) != 0 ? "MF" : "").append(" FragOffset=").append(p.fragOffset()).append(" TTL=")
                    .append(p.ttl()).append(" Protocol=").append(p.ipProto()).append(" SrcIP=").append(p.ipSourceString())
                    .append(" DstIP=").append(p.ipDestinationString()).append("}\n");
        }
        if (p.has(Packet.Layer.IPV6)) {
            b.append("IPv6\t{Version=6 Length=").append(p.ip6PayloadLength).append(" NextHeader=").append(p.ipProto())
                    .append(" HopLimit=").append(p.ttl()).append(" SrcIP=").append(p.ipSourceString()).append(" DstIP=")
                    .append(p.ipDestinationString()).append("}\n");
        }
        if (p.has(Packet.Layer.TCP)) {
            b.append("TCP\t{SrcPort=").append(p.sourcePort()).append(" DstPort=").append(p.destinationPort()).append(" Seq=")
                    .append(p.tcpSeq()).append(" Ack=").append(p.tcpAck()).append(" Flags=").append(Packet.tcpFlagsText(p.tcpFlags()))
                    .append(" Window=").append(p.tcpWindow()).append("}\n");
        }
        if (p.has(Packet.Layer.UDP)) {
            b.append("UDP\t{SrcPort=").append(p.sourcePort()).append(" DstPort=").append(p.destinationPort()).append(" Length=")
                    .append(p.udpLength()).append("}\n");
        }
        if (p.has(Packet.Layer.ICMPV4)) {
            b.append("ICMPv4\t{TypeCode=").append(Packet.icmpv4TypeCode(p.icmpType(), p.icmpCode())).append(" Id=")
                    .append(p.icmpId()).append(" Seq=").append(p.icmpSeq()).append("}\n");
        }
        if (p.has(Packet.Layer.ICMPV6)) {
            b.append("ICMPv6\t{TypeCode=").append(Packet.icmpv6TypeCode(p.icmpType(), p.icmpCode())).append("}\n");
        }
        if (p.truncated() != null) b.append("(truncated: ").append(p.truncated()).append(")\n");
    }

    private static void jsonSummary(StringBuilder b, int lenCap, Packet p) {
        if (lenCap == 0 || p.length() == 0) return;
        b.append(",\"summary\":{");
        boolean any = false;
        if (p.has(Packet.Layer.ETHERNET)) {
            b.append("\"l2\":{\"src\":\"").append(Net.mac(p.ethSource())).append("\",\"dst\":\"").append(Net.mac(p.ethDestination())).append("\"}");
            any = true;
        }
        String s = p.ipSourceString();
        if (s != null) {
            b.append(any ? "," : "").append("\"l3\":{\"src\":\"").append(s).append("\",\"dst\":\"").append(p.ipDestinationString()).append("\"}");
            any = true;
        }
        Packet.Layer l = p.lastLayer();
        if (l == Packet.Layer.TCP || l == Packet.Layer.UDP || l == Packet.Layer.SCTP) {
            b.append(any ? "," : "").append("\"l4\":{\"src\":\"").append(p.sourcePort()).append("\",\"dst\":\"")
                    .append(p.destinationPort()).append("\"}");
        }
        b.append('}');
    }
}

package dev.cil.flow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * hubble observe's printers (hubble/pkg/printer): {@code compact} (the default), {@code dict},
 * {@code table} and {@code json}/{@code jsonpb}, for flows and lost-event records. Text outputs go
 * through hubble's terminal escaping (ESC becomes {@code ^[}, CR {@code \r}; cil also shows other
 * control characters as {@code \xNN}, so one flow stays one line); colours only when asked for, and
 * never in tables. Call {@link #close()} at the end: a table is printed then.
 */
public final class FlowPrinter implements AutoCloseable {
    /** {@code -o} values. */
    public enum Format {
        COMPACT, DICT, JSON, TABLE;

        /** hubble's names: compact, dict, json, jsonpb, table (and tab); null for anything else. */
        public static Format parse(String s) {
            switch (s) {
                case "compact": return COMPACT;
                case "dict": return DICT;
                case "json": case "JSON": case "jsonpb": return JSON;
                case "tab": case "table": return TABLE;
                default: return null;
            }
        }
    }

    /** How to print. {@code ipTranslation}: names instead of addresses (hubble's default; {@code --numeric} turns it off). */
    public record Options(Format format, GoTime.Layout timeLayout, boolean nodeName, boolean ipTranslation, boolean color) {
        public static Options defaults(Format f) { return new Options(f, GoTime.Layout.STAMP_MILLI, false, true, false); }
    }

    private static final String RED = "\u001b[31m", GREEN = "\u001b[32m", YELLOW = "\u001b[33m", MAGENTA = "\u001b[35m",
            CYAN = "\u001b[36m", RESET = "\u001b[0m";
    private static final String DICT_SEPARATOR = "------------";

    private final Options opts;
    private final Writer out;
    private final boolean color;
    private final TabWriter table;
    private final StringBuilder tableText;
    private long line;

    public FlowPrinter(Options opts, Writer out) {
        this.opts = opts;
        this.out = out;
        this.color = opts.color() && opts.format() != Format.TABLE && opts.format() != Format.JSON;
        if (opts.format() == Format.TABLE) {
            tableText = new StringBuilder();
            table = new TabWriter(tableText, 2, 3);
        } else {
            tableText = null;
            table = null;
        }
    }

    public Options options() { return opts; }

    /** Prints one stream item. */
    public void print(FlowsResponse r) {
        StringBuilder b = new StringBuilder(256);
        if (r instanceof FlowsResponse.OfFlow) {
            Flow f = ((FlowsResponse.OfFlow) r).flow();
            switch (opts.format()) {
                case COMPACT: compact(b, f); break;
                case DICT: dict(b, f); break;
                case TABLE: tableRow(f); break;
                case JSON:
                default: FlowJson.append(b, r); b.append('\n');
            }
        } else {
            FlowsResponse.OfLostEvents l = (FlowsResponse.OfLostEvents) r;
            switch (opts.format()) {
                case COMPACT: lostCompact(b, l); break;
                case DICT: lostDict(b, l); break;
                case TABLE: lostTable(l); break;
                case JSON:
                default: FlowJson.append(b, r); b.append('\n');
            }
        }
        line++;
        write(b);
    }

    private void write(CharSequence s) {
        if (s.length() == 0) return;
        try {
            out.append(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flushes the writer (and prints the table). */
    @Override
    public void close() {
        if (table != null) {
            table.flush();
            write(tableText);
            tableText.setLength(0);
        }
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flushes the writer without ending a table. */
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- compact ----

    private void compact(StringBuilder b, Flow f) {
        String[] hosts = hostNames(f);
        String src = hosts[0], dst = hosts[1];
        String srcId = identity(f.source()), dstId = identity(f.destination());
        String arrow = "->";
        if (f.isReply() == null) {
            arrow = "<>";
        } else if (f.isReply()) {
            String t = src; src = dst; dst = t;
            t = srcId; srcId = dstId; dstId = t;
            arrow = "<-";
        }
        b.append(esc(time(f.time())));
        if (opts.nodeName()) b.append(" [").append(esc(nz(f.nodeName()))).append(']');
        b.append(": ").append(src).append(' ').append(srcId).append(' ').append(arrow).append(' ').append(dst).append(' ')
                .append(dstId).append(' ').append(esc(flowType(f))).append(' ').append(verdict(f)).append(" (")
                .append(summary(f)).append(")\n");
    }

    private void dict(StringBuilder b, Flow f) {
        String[] hosts = hostNames(f);
        if (line != 0) b.append(DICT_SEPARATOR).append('\n');
        b.append("  TIMESTAMP: ").append(esc(time(f.time()))).append('\n');
        if (opts.nodeName()) b.append("       NODE: ").append(esc(nz(f.nodeName()))).append('\n');
        b.append("     SOURCE: ").append(hosts[0]).append('\n')
                .append("DESTINATION: ").append(hosts[1]).append('\n')
                .append("       TYPE: ").append(esc(flowType(f))).append('\n')
                .append("    VERDICT: ").append(verdict(f)).append('\n')
                .append("    SUMMARY: ").append(summary(f)).append('\n');
    }

    private void tableHeader() {
        if (line != 0) return;
        table.write("TIMESTAMP\t");
        if (opts.nodeName()) table.write("NODE\t");
        table.write("SOURCE\tDESTINATION\tTYPE\tVERDICT\tSUMMARY\n");
    }

    private void tableRow(Flow f) {
        tableHeader();
        String[] hosts = hostNames(f);
        StringBuilder b = new StringBuilder(160);
        b.append(esc(time(f.time()))).append('\t');
        if (opts.nodeName()) b.append(esc(nz(f.nodeName()))).append('\t');
        b.append(hosts[0]).append('\t').append(hosts[1]).append('\t').append(esc(flowType(f))).append('\t')
                .append(verdict(f)).append('\t').append(summary(f)).append('\n');
        table.write(b.toString());
    }

    // ---- lost events ----

    private String lostSummary(FlowsResponse.LostEvents l, boolean dash) {
        StringBuilder s = new StringBuilder("CPU(").append(l.cpu() == null ? 0 : l.cpu()).append(')')
                .append(dash ? " - " : " ").append(Long.toUnsignedString(l.numEventsLost()));
        if (l.first() != null && l.last() != null) {
            s.append(" (first: ").append(time(l.first())).append(", last: ").append(time(l.last())).append(')');
        }
        return s.toString();
    }

    private void lostCompact(StringBuilder b, FlowsResponse.OfLostEvents r) {
        b.append(esc(time(r.time()))).append(" EVENTS LOST: ").append(ProtoEnum.LOST_EVENT_SOURCE.jsonName(r.lost().source()))
                .append(' ').append(lostSummary(r.lost(), false)).append('\n');
    }

    private void lostDict(StringBuilder b, FlowsResponse.OfLostEvents r) {
        if (line != 0) b.append(DICT_SEPARATOR).append('\n');
        b.append("  TIMESTAMP: ").append(esc(time(r.time()))).append('\n');
        if (opts.nodeName()) b.append("       NODE: ").append(esc(r.nodeName() == null || r.nodeName().isEmpty() ? "-" : r.nodeName())).append('\n');
        b.append("     SOURCE: ").append(ProtoEnum.LOST_EVENT_SOURCE.jsonName(r.lost().source())).append('\n')
                .append("       TYPE: EVENTS LOST\n")
                .append("    VERDICT: -\n")
                .append("    SUMMARY: ").append(lostSummary(r.lost(), true)).append('\n');
    }

    private void lostTable(FlowsResponse.OfLostEvents r) {
        tableHeader();
        StringBuilder b = new StringBuilder(120);
        b.append(esc(time(r.time()))).append('\t');
        if (opts.nodeName()) b.append(esc(r.nodeName() == null || r.nodeName().isEmpty() ? "-" : r.nodeName())).append('\t');
        b.append(ProtoEnum.LOST_EVENT_SOURCE.jsonName(r.lost().source())).append("\t-\tEVENTS LOST\t-\t")
                .append(lostSummary(r.lost(), true)).append('\n');
        table.write(b.toString());
    }

    // ---- pieces (hubble's printer.go) ----

    private String time(java.time.Instant t) { return GoTime.format(t, opts.timeLayout()); }

    private static String nz(String s) { return s == null ? "" : s; }

    private String paint(String c, String s) { return color ? c + s + RESET : s; }

    /** GetHostNames: pod, service, DNS names or IP, with {@code :port}; the MACs for flows without IP. */
    String[] hostNames(Flow f) {
        if (f.ip() == null) {
            if (f.ethernet() != null) {
                return new String[] {paint(CYAN, esc(nz(f.ethernet().source()))), paint(CYAN, esc(nz(f.ethernet().destination())))};
            }
            return new String[] {"", ""};
        }
        String srcNs = null, dstNs = null, srcPod = null, dstPod = null, srcSvc = null, dstSvc = null;
        if (f.source() != null) {
            srcNs = f.source().namespace();
            srcPod = f.source().podName();
        }
        if (f.destination() != null) {
            dstNs = f.destination().namespace();
            dstPod = f.destination().podName();
        }
        if (f.sourceService() != null) {
            srcNs = f.sourceService().namespace();
            srcSvc = f.sourceService().name();
        }
        if (f.destinationService() != null) {
            dstNs = f.destinationService().namespace();
            dstSvc = f.destinationService().name();
        }
        String[] ports = ports(f);
        String src = hostname(f.ip().source(), ports[0], srcNs, srcPod, srcSvc, f.sourceNames());
        String dst = hostname(f.ip().destination(), ports[1], dstNs, dstPod, dstSvc, f.destinationNames());
        return new String[] {paint(CYAN, src), paint(CYAN, dst)};
    }

    static String[] ports(Flow f) {
        Flow.L4 l4 = f.l4();
        if (l4 instanceof Flow.Tcp) {
            return new String[] {Integer.toString(((Flow.Tcp) l4).sourcePort()), Integer.toString(((Flow.Tcp) l4).destinationPort())};
        }
        if (l4 instanceof Flow.Udp) {
            return new String[] {Integer.toString(((Flow.Udp) l4).sourcePort()), Integer.toString(((Flow.Udp) l4).destinationPort())};
        }
        if (l4 instanceof Flow.Sctp) {
            return new String[] {Integer.toString(((Flow.Sctp) l4).sourcePort()), Integer.toString(((Flow.Sctp) l4).destinationPort())};
        }
        return new String[] {"", ""};
    }

    private String hostname(String ip, String port, String ns, String pod, String svc, List<String> names) {
        String host = nz(ip);
        if (opts.ipTranslation()) {
            if (pod != null && !pod.isEmpty()) host = pathJoin(ns, pod);
            else if (svc != null && !svc.isEmpty()) host = pathJoin(ns, svc);
            else if (names != null && !names.isEmpty()) host = String.join(",", names);
        }
        host = esc(host);
        if (!port.isEmpty() && !port.equals("0")) {
            String p = paint(YELLOW, port);
            return host.indexOf(':') >= 0 ? "[" + host + "]:" + p : host + ":" + p;
        }
        return host;
    }

    /** Go's path.Join for two elements: empty elements dropped, the result cleaned of repeated slashes. */
    static String pathJoin(String a, String b) {
        String j = a == null || a.isEmpty() ? nz(b) : (b == null || b.isEmpty() ? a : a + "/" + b);
        if (j.isEmpty()) return "";
        String c = j.replaceAll("/{2,}", "/");
        if (c.length() > 1 && c.endsWith("/")) c = c.substring(0, c.length() - 1);
        return c;
    }

    private String identity(Flow.Endpoint e) {
        int id = e == null ? 0 : e.identity();
        String n = ReservedIdentity.name(id);
        return paint(MAGENTA, n != null ? "(" + n + ")" : "(ID:" + Integer.toUnsignedString(id) + ")");
    }

    private static final String[] POLICY_MATCH = {"none", "L3-Only", "L3-L4", "L4-Only", "all", "L3-Proto", "Proto-Only"};

    /** GetFlowType: the l7 type, observation point, drop reason, policy verdict, capture or socket point. */
    public static String flowType(Flow f) {
        if (f.l7() != null) {
            String proto = f.l7().protocol() != null ? f.l7().protocol() : "l7";
            String type = nz(ProtoEnum.L7_FLOW_TYPE.jsonName(f.l7().type())).toLowerCase(Locale.ROOT);
            if ("dns".equals(proto)) type += " " + nz(f.l7().dnsObservationSource());
            return proto + "-" + type;
        }
        Flow.EventType et = f.eventType();
        int type = et == null ? 0 : et.type(), sub = et == null ? 0 : et.subType();
        switch (type) {
            case MonitorApi.TYPE_TRACE: return MonitorApi.observationPoint(sub & 0xff);
            case MonitorApi.TYPE_DROP: return MonitorApi.dropReason(sub & 0xff);
            case MonitorApi.TYPE_POLICY_VERDICT: {
                int m = f.policyMatchType();
                String match = m >= 0 && m < POLICY_MATCH.length ? POLICY_MATCH[m] : "unknown";
                return "policy-verdict:" + match + " " + ProtoEnum.TRAFFIC_DIRECTION.jsonName(f.trafficDirection());
            }
            case MonitorApi.TYPE_CAPTURE: return ProtoEnum.DEBUG_CAPTURE_POINT.jsonName(f.debugCapturePoint());
            case MonitorApi.TYPE_TRACE_SOCK:
                switch (f.sockXlatePoint()) {
                    case 2: return "post-xlate-fwd";
                    case 4: return "post-xlate-rev";
                    case 1: return "pre-xlate-fwd";
                    case 3: return "pre-xlate-rev";
                    default: return ProtoEnum.SOCK_XLATE_POINT.jsonName(f.sockXlatePoint());
                }
            default: return "UNKNOWN";
        }
    }

    private String verdict(Flow f) {
        int v = f.verdict();
        String msg = ProtoEnum.VERDICT.jsonName(v);
        boolean pv = f.eventType() != null && f.eventType().type() == MonitorApi.TYPE_POLICY_VERDICT;
        switch (v) {
            case 1: case 5: return paint(GREEN, pv ? "ALLOWED" : msg);
            case 2: case 3: return paint(RED, pv ? "DENIED" : msg);
            case 4: return paint(YELLOW, pv ? "AUDITED" : msg);
            case 6: case 7: return paint(YELLOW, msg);
            default: return msg;
        }
    }

    private String summary(Flow f) {
        StringBuilder s = new StringBuilder();
        if (f.ipTraceId() != null && f.ipTraceId().traceId() != 0) {
            s.append("IP Trace ID: ").append(Long.toUnsignedString(f.ipTraceId().traceId())).append("; ");
        }
        s.append(esc(nz(f.summary())));
        if (f.authType() != 0) {
            s.append("; Auth: ").append(paint(f.authType() == 2 ? RED : GREEN, ProtoEnum.AUTH_TYPE.jsonName(f.authType())));
        }
        return s.toString();
    }

    /**
     * hubble's terminal escaping ({@code ESC} as {@code ^[}, {@code CR} as backslash-r) plus, for one
     * line per flow, every other control character as {@code \xNN}.
     */
    static String esc(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && !Character.isISOControl(s.charAt(i))) i++;
        if (i == n) return s;
        StringBuilder b = new StringBuilder(n + 8).append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c == 0x1b) b.append("^[");
            else if (c == '\r') b.append("\\r");
            else if (Character.isISOControl(c)) b.append(String.format("\\x%02x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }
}

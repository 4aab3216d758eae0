package dev.cil.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * hubble's flow filtering (pkg/hubble/filters): a flow passes when it matches at least one allow
 * filter (or there is none) and no deny filter. Within a {@link FilterSpec} every non-empty field must
 * match, and a field matches when any of its values does. Compiling checks every value (addresses,
 * prefixes, ports, selectors, patterns) and throws IllegalArgumentException with hubble's message.
 * Immutable and thread-safe.
 */
public final class FlowFilter implements Predicate<Flow> {
    /** Lets every flow through. */
    public static final FlowFilter ALL = new FlowFilter(List.of(), List.of());

    private final List<FilterSpec> allow;
    private final List<FilterSpec> deny;
    private final List<List<Predicate<Flow>>> allowCompiled = new ArrayList<>();
    private final List<List<Predicate<Flow>>> denyCompiled = new ArrayList<>();

    private FlowFilter(List<FilterSpec> allow, List<FilterSpec> deny) {
        this.allow = List.copyOf(allow);
        this.deny = List.copyOf(deny);
        for (FilterSpec s : this.allow) allowCompiled.add(compile(s));
        for (FilterSpec s : this.deny) denyCompiled.add(compile(s));
    }

    /** Compiles allow and deny lists; throws IllegalArgumentException for a bad value. */
    public static FlowFilter of(List<FilterSpec> allow, List<FilterSpec> deny) {
        if (allow.isEmpty() && deny.isEmpty()) return ALL;
        return new FlowFilter(allow, deny);
    }

    public List<FilterSpec> allow() { return allow; }

    public List<FilterSpec> deny() { return deny; }

    public boolean isEmpty() { return allow.isEmpty() && deny.isEmpty(); }

    @Override
    public boolean test(Flow f) {
        if (!allowCompiled.isEmpty()) {
            boolean any = false;
            for (List<Predicate<Flow>> spec : allowCompiled) {
                if (all(spec, f)) {
                    any = true;
                    break;
                }
            }
            if (!any) return false;
        }
        for (List<Predicate<Flow>> spec : denyCompiled) if (all(spec, f)) return false;
        return true;
    }

    private static boolean all(List<Predicate<Flow>> spec, Flow f) {
        for (Predicate<Flow> p : spec) if (!p.test(f)) return false;
        return true;
    }

    @Override
    public String toString() { return "allow " + allow + " deny " + deny; }

    // ---- compilation, one OnBuildFilter of hubble's at a time ----

    private static List<Predicate<Flow>> compile(FilterSpec s) {
        List<Predicate<Flow>> fs = new ArrayList<>();
        List<String> uuid = s.strings("uuid");
        if (!uuid.isEmpty()) fs.add(f -> uuid.contains(f.uuid()));
        if (!s.eventType().isEmpty()) fs.add(eventType(s.eventType()));
        if (!s.verdict().isEmpty()) {
            List<Integer> v = List.copyOf(s.verdict());
            fs.add(f -> v.contains(f.verdict()));
        }
        if (!s.dropReasonDesc().isEmpty()) {
            List<Integer> v = List.copyOf(s.dropReasonDesc());
            fs.add(f -> f.verdict() == 2 && v.contains(f.dropReasonDesc()));
        }
        if (!s.reply().isEmpty()) {
            List<Boolean> v = List.copyOf(s.reply());
            fs.add(f -> {
                if (f.isReply() == null && f.verdict() != 2) return false;
                return v.contains(f.isReply() != null && f.isReply());
            });
        }
        if (!s.sourceIdentity().isEmpty()) {
            List<Long> v = List.copyOf(s.sourceIdentity());
            fs.add(f -> f.source() != null && v.contains(Integer.toUnsignedLong(f.source().identity())));
        }
        if (!s.destinationIdentity().isEmpty()) {
            List<Long> v = List.copyOf(s.destinationIdentity());
            fs.add(f -> f.destination() != null && v.contains(Integer.toUnsignedLong(f.destination().identity())));
        }
        if (!s.strings("protocol").isEmpty()) fs.add(protocol(s.strings("protocol")));
        ips(fs, s.strings("source_ip"), f -> f.ip() == null ? "" : nz(f.ip().source()));
        ips(fs, s.strings("destination_ip"), f -> f.ip() == null ? "" : nz(f.ip().destination()));
        ips(fs, s.strings("source_ip_xlated"), f -> f.ip() == null ? "" : nz(f.ip().sourceXlated()));
        if (!s.strings("source_pod").isEmpty()) fs.add(names(s.strings("source_pod"), f -> f.source(), null));
        if (!s.strings("destination_pod").isEmpty()) fs.add(names(s.strings("destination_pod"), f -> f.destination(), null));
        if (!s.strings("source_service").isEmpty()) {
            fs.add(names(s.strings("source_service"), null, f -> f.sourceService()));
        }
        if (!s.strings("destination_service").isEmpty()) {
            fs.add(names(s.strings("destination_service"), null, f -> f.destinationService()));
        }
        if (!s.strings("source_fqdn").isEmpty()) {
            Pattern p = fqdnPattern(s.strings("source_fqdn"), "source");
            fs.add(f -> anyMatch(p, f.sourceNames()));
        }
        if (!s.strings("destination_fqdn").isEmpty()) {
            Pattern p = fqdnPattern(s.strings("destination_fqdn"), "destination");
            fs.add(f -> anyMatch(p, f.destinationNames()));
        }
        if (!s.strings("source_label").isEmpty()) {
            List<LabelSelector> sel = selectors(s.strings("source_label"), "source label");
            fs.add(f -> anySelector(sel, f.source() == null ? List.of() : f.source().labels()));
        }
        if (!s.strings("destination_label").isEmpty()) {
            List<LabelSelector> sel = selectors(s.strings("destination_label"), "destination label");
            fs.add(f -> anySelector(sel, f.destination() == null ? List.of() : f.destination().labels()));
        }
        if (!s.strings("node_labels").isEmpty()) {
            List<LabelSelector> sel = selectors(s.strings("node_labels"), "node label");
            fs.add(f -> anySelector(sel, f.nodeLabels()));
        }
        if (!s.strings("source_port").isEmpty()) fs.add(ports(s.strings("source_port"), true));
        if (!s.strings("destination_port").isEmpty()) fs.add(ports(s.strings("destination_port"), false));
        if (!s.tcpFlags().isEmpty()) {
            List<Integer> masks = List.copyOf(s.tcpFlags());
            fs.add(f -> {
                Flow.TcpFlags t = f.tcpFlags();
                if (t == null) return false;
                for (int m : masks) if ((t.bits() & m) == m) return true;
                return false;
            });
        }
        if (!s.strings("node_name").isEmpty()) {
            Pattern p = nodeNamePattern(s.strings("node_name"));
            fs.add(f -> {
                String n = f.nodeName();
                if (n == null || n.isEmpty()) return false;
                if (n.indexOf('/') < 0) n = "default/" + n; // ciliumDefaults.ClusterName
                return p.matcher(n).matches();
            });
        }
        if (!s.ipVersion().isEmpty()) {
            List<Integer> v = List.copyOf(s.ipVersion());
            fs.add(f -> v.contains(f.ip() == null ? 0 : f.ip().ipVersion()));
        }
        if (!s.trafficDirection().isEmpty()) {
            List<Integer> v = List.copyOf(s.trafficDirection());
            fs.add(f -> v.contains(f.trafficDirection()));
        }
        return fs;
    }

    private static String nz(String s) { return s == null ? "" : s; }

    private static Predicate<Flow> eventType(List<FilterSpec.EventTypeFilter> types) {
        List<FilterSpec.EventTypeFilter> t = List.copyOf(types);
        return f -> {
            Flow.EventType e = f.eventType();
            if (e == null) return false;
            for (FilterSpec.EventTypeFilter x : t) {
                if (x.type() != 0 && e.type() != x.type()) continue;
                if (x.matchSubType() && x.subType() != e.subType()) continue;
                return true;
            }
            return false;
        };
    }

    private static Predicate<Flow> protocol(List<String> protocols) {
        List<String> l4 = new ArrayList<>(), l7 = new ArrayList<>();
        for (String p : protocols) {
            String x = p.toLowerCase(Locale.ROOT);
            switch (x) {
                case "icmp": case "icmpv4": case "icmpv6": case "tcp": case "udp": case "sctp": case "vrrp": case "igmp":
                    l4.add(x);
                    break;
                case "dns": case "http": case "kafka":
                    l7.add(x);
                    break;
                default:
                    throw new IllegalArgumentException("invalid protocol filter: unknown protocol: \"" + p + "\"");
            }
        }
        return f -> {
            Flow.L4 l = f.l4();
            for (String p : l4) {
                switch (p) {
                    case "icmp": if (l instanceof Flow.Icmpv4 || l instanceof Flow.Icmpv6) return true; break;
                    case "icmpv4": if (l instanceof Flow.Icmpv4) return true; break;
                    case "icmpv6": if (l instanceof Flow.Icmpv6) return true; break;
                    case "tcp": if (l instanceof Flow.Tcp) return true; break;
                    case "udp": if (l instanceof Flow.Udp) return true; break;
                    case "sctp": if (l instanceof Flow.Sctp) return true; break;
                    case "vrrp": if (l instanceof Flow.Vrrp) return true; break;
                    case "igmp": if (l instanceof Flow.Igmp) return true; break;
                    default:
                }
            }
            for (String p : l7) if (f.l7() != null && p.equals(f.l7().protocol())) return true;
            return false;
        };
    }

    /** An IPv4/IPv6 prefix: address bytes and prefix length. */
    private record Prefix(byte[] addr, int bits) {
        boolean contains(byte[] ip) {
            if (ip.length != addr.length) return false;
            int full = bits / 8, rest = bits % 8;
            for (int i = 0; i < full; i++) if (ip[i] != addr[i]) return false;
            if (rest == 0) return true;
            int mask = (0xff << (8 - rest)) & 0xff;
            return (ip[full] & mask) == (addr[full] & mask);
        }
    }

    private static void ips(List<Predicate<Flow>> fs, List<String> values, java.util.function.Function<Flow, String> get) {
        if (values.isEmpty()) return;
        List<String> exact = new ArrayList<>();
        List<Prefix> prefixes = new ArrayList<>();
        for (String ip : values) {
            if (ip.indexOf('/') >= 0) {
                int slash = ip.indexOf('/');
                byte[] a;
                int bits;
                try {
                    a = Net.parseIp(ip.substring(0, slash));
                    String b = ip.substring(slash + 1);
                    if (b.isEmpty() || b.length() > 3 || !b.chars().allMatch(Character::isDigit)) throw new IllegalArgumentException();
                    bits = Integer.parseInt(b);
                    if (bits > a.length * 8) throw new IllegalArgumentException();
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("invalid IP prefix \"" + ip + "\" in filter");
                }
                prefixes.add(new Prefix(a, bits));
            } else {
                try {
                    Net.parseIp(ip);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("invalid IP address \"" + ip + "\" in filter");
                }
                exact.add(ip);
            }
        }
        fs.add(f -> {
            String ip = get.apply(f);
            if (ip.isEmpty()) return false;
            if (exact.contains(ip)) return true;
            if (prefixes.isEmpty()) return false;
            byte[] a;
            try {
                a = Net.parseIp(ip);
            } catch (IllegalArgumentException e) {
                return false;
            }
            for (Prefix p : prefixes) if (p.contains(a)) return true;
            return false;
        });
    }

    /** hubble's k8s.ParseNamespaceName: {@code ns/name}, or {@code name} in namespace {@code default}. */
    static String[] parseNamespaceName(String s) {
        String[] parts = s.split("/", -1);
        if (parts.length > 1) return new String[] {parts[0], parts[1]};
        if (parts[0].isEmpty()) return new String[] {"", ""};
        return new String[] {"default", parts[0]};
    }

    private static Predicate<Flow> names(List<String> values, java.util.function.Function<Flow, Flow.Endpoint> ep,
                                         java.util.function.Function<Flow, Flow.Service> svc) {
        List<String[]> filters = new ArrayList<>();
        for (String v : values) {
            if (v.isEmpty()) {
                throw new IllegalArgumentException((svc != null ? "invalid service filter: " : "")
                        + "invalid filter, name must not be empty");
            }
            filters.add(parseNamespaceName(v));
        }
        return f -> {
            String ns, name;
            if (ep != null) {
                Flow.Endpoint e = ep.apply(f);
                ns = e == null ? "" : nz(e.namespace());
                name = e == null ? "" : nz(e.podName());
            } else {
                Flow.Service s = svc.apply(f);
                ns = s == null ? "" : nz(s.namespace());
                name = s == null ? "" : nz(s.name());
            }
            if (ns.isEmpty() && name.isEmpty()) return false;
            for (String[] x : filters) {
                if ((x[1].isEmpty() || name.startsWith(x[1])) && (x[0].isEmpty() || x[0].equals(ns))) return true;
            }
            return false;
        };
    }

    private static Predicate<Flow> ports(List<String> values, boolean source) {
        List<Integer> ports = new ArrayList<>();
        for (String p : values) {
            int v = -1;
            if (!p.isEmpty() && p.length() <= 5 && p.chars().allMatch(Character::isDigit)) v = Integer.parseInt(p);
            if (v < 0 || v > 65535) {
                throw new IllegalArgumentException("invalid " + (source ? "source" : "destination") + " port filter: invalid port \""
                        + p + "\"");
            }
            ports.add(v);
        }
        return f -> {
            Flow.L4 l = f.l4();
            int port;
            if (l instanceof Flow.Tcp) port = source ? ((Flow.Tcp) l).sourcePort() : ((Flow.Tcp) l).destinationPort();
            else if (l instanceof Flow.Udp) port = source ? ((Flow.Udp) l).sourcePort() : ((Flow.Udp) l).destinationPort();
            else if (l instanceof Flow.Sctp) port = source ? ((Flow.Sctp) l).sourcePort() : ((Flow.Sctp) l).destinationPort();
            else return false;
            return ports.contains(port & 0xffff);
        };
    }

    private static List<LabelSelector> selectors(List<String> values, String what) {
        List<LabelSelector> l = new ArrayList<>();
        for (String v : values) {
            try {
                l.add(LabelSelector.parse(v));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid " + what + " filter: " + e.getMessage());
            }
        }
        return l;
    }

    private static boolean anySelector(List<LabelSelector> sel, List<String> labels) {
        for (LabelSelector s : sel) if (s.matches(labels)) return true;
        return false;
    }

    private static boolean anyMatch(Pattern p, List<String> names) {
        for (String n : names) if (p.matcher(n).matches()) return true;
        return false;
    }

    private static final String FQDN_RE = "(?:[-0-9_a-z]+(?:\\.[-0-9_a-z]+)*)";

    private static void fqdnRegexp(StringBuilder sb, String pattern) {
        String p = pattern.trim();
        if (p.endsWith(".")) p = p.substring(0, p.length() - 1);
        p = p.toLowerCase(Locale.ROOT);
        if (p.isEmpty()) throw new IllegalArgumentException("empty pattern");
        if (p.endsWith(".")) throw new IllegalArgumentException("multiple trailing dots in pattern");
        for (int i = 0; i < p.length(); i++) {
            char r = p.charAt(i);
            if (r == '.') sb.append("\\.");
            else if (r == '*') sb.append("[-.0-9a-z]*");
            else if (r == '-' || r == '_' || (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z')) sb.append(r);
            else throw new IllegalArgumentException("'" + r + "': invalid rune in pattern");
        }
    }

    private static Pattern fqdnPattern(List<String> patterns, String side) {
        StringBuilder sb = new StringBuilder("(?:");
        try {
            for (int i = 0; i < patterns.size(); i++) {
                if (i > 0) sb.append('|');
                fqdnRegexp(sb, patterns.get(i));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid " + side + " fqdn filter: " + e.getMessage());
        }
        return Pattern.compile(sb.append(')').toString());
    }

    private static Pattern nodeNamePattern(List<String> patterns) {
        StringBuilder sb = new StringBuilder("(?:");
        for (int i = 0; i < patterns.size(); i++) {
            if (i > 0) sb.append('|');
            String pat = patterns.get(i);
            if (pat.isEmpty()) throw new IllegalArgumentException("invalid node name filter: empty pattern");
            String[] el = pat.split("/", -1);
            String cluster, node;
            if (el.length == 1) {
                cluster = "";
                node = el[0];
            } else if (el.length == 2) {
                cluster = el[0];
                node = el[1];
            } else {
                throw new IllegalArgumentException("invalid node name filter: too many slashes in pattern");
            }
            try {
                if (cluster.isEmpty()) sb.append(FQDN_RE);
                else fqdnRegexp(sb, cluster);
                sb.append('/');
                if (node.isEmpty()) sb.append(FQDN_RE);
                else fqdnRegexp(sb, node);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid node name filter: " + e.getMessage());
            }
        }
        return Pattern.compile(sb.append(')').toString());
    }
}

package dev.cil.flow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * hubble observe's filter flags (hubble/cmd/observe/flows_filter.go), fed in command-line order:
 * the same flag twice means OR, different flags AND, {@code --not} negates the next filter flag.
 * Flags that name either side ({@code --pod}, {@code --ip}, {@code --label}, {@code --port},
 * {@code --identity}, {@code --fqdn}, {@code --service}) build two filters, one for each side, as
 * hubble does; namespaces ({@code -n}, {@code --from-namespace}, {@code --to-namespace}) are applied to
 * the pod and service filters at the end, a bare pod name meaning namespace {@code default}.
 *
 * <p>Flag names are without dashes ({@code from-pod}). Errors are IllegalArgumentExceptions with
 * hubble's one-line messages ({@code filters --port and --to-port cannot be combined}).
 */
public final class FilterFlags {
    /** Every filter flag cil accepts, hubble's names. */
    public static final List<String> NAMES = List.of("not", "uuid", "fqdn", "from-fqdn", "to-fqdn", "pod", "from-pod",
            "to-pod", "ip", "from-ip", "to-ip", "snat-ip", "ipv4", "ipv6", "ip-version", "label", "from-label", "to-label",
            "namespace", "from-namespace", "to-namespace", "all-namespaces", "from-all-namespaces", "to-all-namespaces",
            "service", "from-service", "to-service", "port", "from-port", "to-port", "verdict", "drop-reason-desc", "type",
            "protocol", "identity", "from-identity", "to-identity", "node-name", "node-label", "tcp-flags",
            "traffic-direction");

    private static final List<List<String>> CONFLICTS = List.of(
            List.of("from-fqdn", "from-ip", "ip", "fqdn", "from-namespace", "namespace", "from-all-namespaces", "all-namespaces"),
            List.of("from-fqdn", "from-ip", "ip", "fqdn", "from-pod", "pod"),
            List.of("to-fqdn", "to-ip", "ip", "fqdn", "to-namespace", "namespace", "to-all-namespaces", "all-namespaces"),
            List.of("to-fqdn", "to-ip", "ip", "fqdn", "to-pod", "pod"),
            List.of("to-pod", "namespace", "all-namespaces"),
            List.of("from-pod", "namespace", "all-namespaces"),
            List.of("to-service", "namespace", "all-namespaces"),
            List.of("from-service", "namespace", "all-namespaces"),
            List.of("label", "from-label"),
            List.of("label", "to-label"),
            List.of("service", "from-service"),
            List.of("service", "to-service"),
            List.of("port", "to-port"),
            List.of("port", "from-port"),
            List.of("identity", "to-identity"),
            List.of("identity", "from-identity"));

    /** One side of the result (allow or deny): the "left OR right" pair of hubble's filterTracker. */
    private static final class Tracker {
        FilterSpec left, right;
        final List<String> ns = new ArrayList<>(), srcNs = new ArrayList<>(), dstNs = new ArrayList<>();
        final List<String> changed = new ArrayList<>();

        void apply(Consumer<FilterSpec> u) {
            applyLeft(u);
            applyRight(u);
        }

        void applyLeft(Consumer<FilterSpec> u) {
            if (left == null) left = new FilterSpec();
            u.accept(left);
        }

        void applyRight(Consumer<FilterSpec> u) {
            if (right == null) right = new FilterSpec();
            u.accept(right);
        }

        List<FilterSpec> filters() {
            if (left == null && right == null && ns.isEmpty() && srcNs.isEmpty() && dstNs.isEmpty()) return List.of();
            FilterSpec l = left == null ? new FilterSpec() : left.copy();
            FilterSpec r = right == null ? new FilterSpec() : right.copy();
            if (!dstNs.isEmpty()) {
                applyDest(dstNs, l);
                applyDest(dstNs, r);
            }
            if (!srcNs.isEmpty()) {
                applySrc(srcNs, l);
                applySrc(srcNs, r);
            }
            if (!ns.isEmpty()) {
                applySrc(ns, l);
                applyDest(ns, r);
            }
            if (l.equals(r)) return List.of(l);
            return List.of(l, r);
        }
    }

    private static void applySrc(List<String> nm, FilterSpec f) {
        if (f.strings("source_pod").isEmpty() && f.strings("source_service").isEmpty()) f.set("source_pod", List.of(""));
        f.set("source_pod", addNamespaces(f.strings("source_pod"), nm));
        f.set("source_service", addNamespaces(f.strings("source_service"), nm));
    }

    private static void applyDest(List<String> nm, FilterSpec f) {
        if (f.strings("destination_pod").isEmpty() && f.strings("destination_service").isEmpty()) f.set("destination_pod", List.of(""));
        f.set("destination_pod", addNamespaces(f.strings("destination_pod"), nm));
        f.set("destination_service", addNamespaces(f.strings("destination_service"), nm));
    }

    private static List<String> addNamespaces(List<String> filter, List<String> ns) {
        if (ns.isEmpty() || filter.isEmpty()) return filter;
        List<String> res = new ArrayList<>();
        for (String f : filter) {
            if (f.contains("/")) {
                res.add(f);
                continue;
            }
            for (String n : ns) res.add(n + "/" + f);
        }
        return res;
    }

    private Tracker allow, deny;
    private boolean negateNext;

    /** Applies one flag ({@code name} without dashes); throws IllegalArgumentException. */
    public FilterFlags set(String name, String value) {
        if (name.equals("not")) {
            if (negateNext) throw new IllegalArgumentException("invalid argument \"" + value + "\" for \"--not\" flag: consecutive --not statements");
            negateNext = true;
            return this;
        }
        if (!NAMES.contains(name)) throw new IllegalArgumentException("unknown filter flag --" + name);
        Tracker t;
        if (negateNext) {
            negateNext = false;
            if (deny == null) deny = new Tracker();
            t = deny;
        } else {
            if (allow == null) allow = new Tracker();
            t = allow;
        }
        try {
            apply(t, name, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid argument \"" + value + "\" for \"--" + name + "\" flag: " + e.getMessage());
        }
        return this;
    }

    /** {@code --not}: the next filter flag goes to the deny list. */
    public FilterFlags not() { return set("not", "true"); }

    /**
     * The allow and deny filters, compiled; throws IllegalArgumentException for a trailing
     * {@code --not} or a value hubble's server would refuse (bad address, port, selector …).
     */
    public FlowFilter build() {
        if (negateNext) throw new IllegalArgumentException("trailing --not found in the arguments");
        List<FilterSpec> a = allow == null ? List.of() : allow.filters();
        List<FilterSpec> d = deny == null ? List.of() : deny.filters();
        return FlowFilter.of(a, d);
    }

    private static void conflicts(Tracker t) {
        for (List<String> group : CONFLICTS) {
            for (String flag : group) {
                if (!t.changed.contains(flag)) continue;
                for (String other : group) {
                    if (!flag.equals(other) && t.changed.contains(other)) {
                        throw new ConflictException("filters --" + flag + " and --" + other + " cannot be combined");
                    }
                }
            }
        }
    }

    /** Two flags that cannot be used together, or pod and namespace filters that contradict each other. */
    private static final class ConflictException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        ConflictException(String m) { super(m); }
    }

    private static void namespaceConflicts(Tracker t, FilterSpec f) {
        if (f == null) return;
        nsConflict(t.ns, f.strings("source_pod"));
        nsConflict(t.ns, f.strings("source_service"));
        nsConflict(t.ns, f.strings("destination_pod"));
        nsConflict(t.ns, f.strings("destination_service"));
        nsConflict(t.srcNs, f.strings("source_pod"));
        nsConflict(t.srcNs, f.strings("source_service"));
        nsConflict(t.dstNs, f.strings("destination_pod"));
        nsConflict(t.dstNs, f.strings("destination_service"));
        inconsistent(f.strings("source_pod"), f.strings("source_service"));
        inconsistent(f.strings("destination_pod"), f.strings("destination_service"));
    }

    private static String namespaceOf(String name) {
        String[] p = name.split("/", -1);
        return p.length > 1 ? p[0] : "";
    }

    private static void nsConflict(List<String> nm, List<String> names) {
        for (String ns : nm) {
            for (String name : names) {
                String nn = namespaceOf(name);
                if (!nn.isEmpty() && !nn.equals(ns)) {
                    throw new ConflictException("namespace conflict: \"" + ns + "\" does not contain \"" + name + "\"");
                }
            }
        }
    }

    private static void inconsistent(List<String> pods, List<String> services) {
        for (String pod : pods) {
            String podNs = namespaceOf(pod);
            if (podNs.isEmpty()) continue;
            for (String svc : services) {
                if (!namespaceOf(svc).equals(podNs)) {
                    throw new ConflictException("namespace of service \"" + svc + "\" conflict with pod \"" + podNs + "\"");
                }
            }
        }
    }

    private static void apply(Tracker t, String name, String val) {
        if (!t.changed.contains(name)) t.changed.add(name);
        conflicts(t);
        switch (name) {
            case "uuid": t.apply(f -> f.add("uuid", val)); break;
            case "fqdn":
                t.applyLeft(f -> f.add("source_fqdn", val));
                t.applyRight(f -> f.add("destination_fqdn", val));
                break;
            case "from-fqdn": t.apply(f -> f.add("source_fqdn", val)); break;
            case "to-fqdn": t.apply(f -> f.add("destination_fqdn", val)); break;
            case "pod":
                t.applyLeft(f -> f.add("source_pod", val));
                t.applyRight(f -> f.add("destination_pod", val));
                break;
            case "from-pod": t.apply(f -> f.add("source_pod", val)); break;
            case "to-pod": t.apply(f -> f.add("destination_pod", val)); break;
            case "from-ip": t.apply(f -> f.add("source_ip", val)); break;
            case "snat-ip": t.apply(f -> f.add("source_ip_xlated", val)); break;
            case "ip":
                t.applyLeft(f -> f.add("source_ip", val));
                t.applyRight(f -> f.add("destination_ip", val));
                break;
            case "to-ip": t.apply(f -> f.add("destination_ip", val)); break;
            case "ipv4": t.apply(f -> f.ipVersion.add(1)); break;
            case "ipv6": t.apply(f -> f.ipVersion.add(2)); break;
            case "ip-version": {
                int v;
                switch (val.toLowerCase(Locale.ROOT)) {
                    case "4": case "v4": case "ipv4": case "ip4": v = 1; break;
                    case "6": case "v6": case "ipv6": case "ip6": v = 2; break;
                    default: v = 0;
                }
                t.apply(f -> f.ipVersion.add(v));
                break;
            }
            case "label":
                t.applyLeft(f -> f.add("source_label", val));
                t.applyRight(f -> f.add("destination_label", val));
                break;
            case "from-label": t.apply(f -> f.add("source_label", val)); break;
            case "to-label": t.apply(f -> f.add("destination_label", val)); break;
            case "namespace": t.ns.add(val); break;
            case "from-namespace": t.srcNs.add(val); break;
            case "to-namespace": t.dstNs.add(val); break;
            case "all-namespaces": t.ns.add(""); break;
            case "from-all-namespaces": t.srcNs.add(""); break;
            case "to-all-namespaces": t.dstNs.add(""); break;
            case "service":
                t.applyLeft(f -> f.add("source_service", val));
                t.applyRight(f -> f.add("destination_service", val));
                break;
            case "from-service": t.apply(f -> f.add("source_service", val)); break;
            case "to-service": t.apply(f -> f.add("destination_service", val)); break;
            case "port":
                t.applyLeft(f -> f.add("source_port", val));
                t.applyRight(f -> f.add("destination_port", val));
                break;
            case "from-port": t.apply(f -> f.add("source_port", val)); break;
            case "to-port": t.apply(f -> f.add("destination_port", val)); break;
            case "verdict": {
                int v = ProtoEnum.VERDICT.number(val);
                if (v < 0) throw new IllegalArgumentException("invalid --verdict value: " + val);
                t.apply(f -> f.verdict.add(v));
                break;
            }
            case "drop-reason-desc": {
                if (val.isEmpty()) throw new IllegalArgumentException("empty --drop-reason-desc value");
                int v = ProtoEnum.DROP_REASON.number(val);
                if (v < 0) throw new IllegalArgumentException("invalid --drop-reason-desc value: " + val);
                t.apply(f -> f.dropReasonDesc.add(v));
                break;
            }
            case "type": {
                FilterSpec.EventTypeFilter e = eventType(val);
                t.apply(f -> f.eventType.add(e));
                break;
            }
            case "protocol": t.apply(f -> f.add("protocol", val)); break;
            case "identity": {
                long id = identity(val);
                t.applyLeft(f -> f.sourceIdentity.add(id));
                t.applyRight(f -> f.destinationIdentity.add(id));
                break;
            }
            case "from-identity": {
                long id = identity(val);
                t.apply(f -> f.sourceIdentity.add(id));
                break;
            }
            case "to-identity": {
                long id = identity(val);
                t.apply(f -> f.destinationIdentity.add(id));
                break;
            }
            case "node-name": t.apply(f -> f.add("node_name", val)); break;
            case "node-label": t.apply(f -> f.add("node_labels", val)); break;
            case "tcp-flags": {
                int m = tcpFlags(val);
                t.apply(f -> f.tcpFlags.add(m));
                break;
            }
            case "traffic-direction": {
                String td = val.toLowerCase(Locale.ROOT);
                int v;
                if (td.equals("ingress")) v = 1;
                else if (td.equals("egress")) v = 2;
                else throw new IllegalArgumentException(td + ": invalid traffic direction, expected ingress or egress");
                t.apply(f -> f.trafficDirection.add(v));
                break;
            }
            default: throw new IllegalArgumentException("unknown filter flag --" + name);
        }
        namespaceConflicts(t, t.left);
        namespaceConflicts(t, t.right);
    }

    /** {@code TYPE[:SUBTYPE]}, names or numbers, as hubble's {@code -t}. */
    static FilterSpec.EventTypeFilter eventType(String val) {
        String[] s = val.split(":", 2);
        Integer type = MonitorApi.TYPE_NAMES.get(s[0]);
        if (type == null) {
            try {
                type = (int) parseUint(s[0], 10, 32);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("unable to parse type '" + s[0]
                        + "', not a known type name and unable to parse as numeric value");
            }
        }
        if (s.length == 1) return new FilterSpec.EventTypeFilter(type, false, 0);
        if (type == MonitorApi.TYPE_TRACE) {
            int sub = MonitorApi.observationPointNumber(s[1]);
            if (sub >= 0) return new FilterSpec.EventTypeFilter(type, true, sub);
        }
        try {
            return new FilterSpec.EventTypeFilter(type, true, (int) parseUint(s[1], 10, 32));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unable to parse event sub-type '" + s[1]
                    + "', not a known sub-type name and unable to parse as numeric value");
        }
    }

    /** Reserved identity names or a number (Go's base prefixes 0x, 0o, 0b, 0 accepted). */
    static long identity(String val) {
        int r = ReservedIdentity.byName(val);
        if (r >= 0) return r;
        try {
            return parseUint(val, 0, 32);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid security identity, expected one of "
                    + Arrays.toString(ReservedIdentity.names().toArray()).replace(",", "") + " or a numeric value");
        }
    }

    static int tcpFlags(String val) {
        int m = 0;
        for (String f : val.split(",", -1)) {
            int bit = Packet.tcpFlagBit(f.toUpperCase(Locale.ROOT));
            if (bit == 0) throw new IllegalArgumentException("unknown tcp flag: " + f);
            m |= bit;
        }
        return m;
    }

    /** Go's strconv.ParseUint (base 0: prefixes 0x, 0o, 0b, and a leading 0 for octal). */
    static long parseUint(String s, int base, int bits) {
        if (s.isEmpty()) throw new NumberFormatException("empty");
        String digits = s;
        int radix = base;
        if (base == 0) {
            radix = 10;
            if (s.length() > 1 && s.charAt(0) == '0') {
                char c = Character.toLowerCase(s.charAt(1));
                if (c == 'x') { radix = 16; digits = s.substring(2); }
                else if (c == 'o') { radix = 8; digits = s.substring(2); }
                else if (c == 'b') { radix = 2; digits = s.substring(2); }
                else { radix = 8; digits = s.substring(1); }
            }
        }
        if (digits.isEmpty() || digits.charAt(0) == '+' || digits.charAt(0) == '-') throw new NumberFormatException(s);
        long v = Long.parseLong(digits, radix);
        if (v < 0 || (bits < 64 && v >= (1L << bits))) throw new NumberFormatException(s);
        return v;
    }
}

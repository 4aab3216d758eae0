package dev.cil.api.maps;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Map;

/**
 * {@code cilium_metrics}: packet and byte counters by (reason, direction, line, file); per-CPU hash,
 * key {@code metrics_key} 8 B, value {@code metrics_value} 16 B per CPU. Names as cilium-dbg
 * {@code bpf metrics list} prints them (formats.md §13, §15.5).
 */
public final class MetricsMap {
    private MetricsMap() { }

    public static final String NAME = "cilium_metrics";
    public static final int KEY_SIZE = 8, VALUE_SIZE = 16, MAX_ENTRIES = 1024;
    public static final int REASON = 0, DIR = 1, LINE = 2, FILE = 4, RESERVED = 5;
    public static final int COUNT = 0, BYTES = 8;

    public record Key(int reason, int dir, int line, int file) {
        public static Key decode(ByteBuffer b, int off) {
            ByteBuffer k = Bytes.le(b, off, KEY_SIZE);
            return new Key(k.get(REASON) & 0xff, k.get(DIR) & 0xff, k.getShort(LINE) & 0xffff, k.get(FILE) & 0xff);
        }

        public byte[] encode() {
            byte[] b = new byte[KEY_SIZE];
            Bytes.le(b).put(REASON, (byte) reason).put(DIR, (byte) dir).putShort(LINE, (short) line).put(FILE, (byte) file);
            return b;
        }
    }

    /** Counters summed over CPUs. */
    public record Value(long packets, long bytes) {
        /** Sums a per-CPU value buffer ({@code cpus} slots of round_up(16, 8) bytes) at {@code off}. */
        public static Value sumPerCpu(ByteBuffer b, int off, int cpus) {
            ByteBuffer v = Bytes.le(b, off, cpus * VALUE_SIZE);
            long p = 0, by = 0;
            for (int c = 0; c < cpus; c++) {
                p += v.getLong(c * VALUE_SIZE + COUNT);
                by += v.getLong(c * VALUE_SIZE + BYTES);
            }
            return new Value(p, by);
        }
    }

    /** {@code UNKNOWN}, {@code INGRESS}, {@code EGRESS}, {@code SERVICE}; other values print as a number. */
    public static String direction(int dir) {
        switch (dir) {
            case 0: return "UNKNOWN";
            case 1: return "INGRESS";
            case 2: return "EGRESS";
            case 3: return "SERVICE";
            default: return Integer.toString(dir);
        }
    }

    /** The JSON form of a direction: lowercase. */
    public static String directionJson(int dir) { return direction(dir).toLowerCase(Locale.ROOT); }

    private static final Map<Integer, String> FILES = Map.ofEntries(
            Map.entry(1, "bpf_host.c"), Map.entry(2, "bpf_lxc.c"), Map.entry(3, "bpf_overlay.c"), Map.entry(4, "bpf_xdp.c"),
            Map.entry(5, "bpf_sock.c"), Map.entry(6, "bpf_network.c"), Map.entry(7, "bpf_wireguard.c"),
            Map.entry(101, "drop.h"), Map.entry(102, "srv6.h"), Map.entry(103, "icmp6.h"), Map.entry(104, "nodeport.h"),
            Map.entry(105, "lb.h"), Map.entry(106, "mcast.h"), Map.entry(107, "ipv4.h"), Map.entry(108, "conntrack.h"),
            Map.entry(109, "local_delivery.h"), Map.entry(110, "trace.h"), Map.entry(111, "encap.h"),
            Map.entry(112, "host_firewall.h"), Map.entry(113, "nodeport_egress.h"), Map.entry(114, "ipv6.h"),
            Map.entry(115, "classifiers.h"));

    /** The source file of a metric ({@code pkg/monitor/api/files.go}), or {@code unknown(N)}. */
    public static String file(int id) {
        String f = FILES.get(id);
        return f != null ? f : "unknown(" + id + ")";
    }

    /** Descriptions of forward/drop reason codes ({@code pkg/monitor/api/drop.go}). */
    private static final String[] REASONS = new String[256];

    static {
        String[][] t = {
            {"0", "Success"}, {"2", "Invalid packet"}, {"3", "Interface"}, {"4", "Interface Decrypted"},
            {"5", "LB, sock cgroup: No backend slot entry found"}, {"6", "LB, sock cgroup: No backend entry found"},
            {"7", "LB, sock cgroup: Reverse entry update failed"}, {"8", "LB, sock cgroup: Reverse entry stale"},
            {"9", "Fragmented packet"}, {"10", "Fragmented packet entry update failed"},
            {"11", "Missed tail call to custom program"}, {"12", "Interface Decrypting"}, {"13", "Interface Encrypting"},
            {"14", "LB: sock cgroup: Reverse entry delete succeeded"}, {"15", "MTU error message"},
            {"130", "Invalid source mac"}, {"131", "Invalid destination mac"}, {"132", "Invalid source ip"},
            {"133", "Policy denied"}, {"134", "Invalid packet"}, {"135", "CT: Truncated or invalid header"},
            {"136", "Fragmentation needed"}, {"137", "CT: Unknown L4 protocol"}, {"138", "CT: Can't create entry from packet"},
            {"139", "Unsupported L3 protocol"}, {"140", "Missed tail call"}, {"141", "Error writing to packet"},
            {"142", "Unknown L4 protocol"}, {"143", "Unknown ICMPv4 code"}, {"144", "Unknown ICMPv4 type"},
            {"145", "Unknown ICMPv6 code"}, {"146", "Unknown ICMPv6 type"}, {"147", "Error retrieving tunnel key"},
            {"148", "Error retrieving tunnel options"}, {"149", "Invalid Geneve option"}, {"150", "Unknown L3 target address"},
            {"151", "Stale or unroutable IP"}, {"152", "No matching local container found"},
            {"153", "Error while correcting L3 checksum"}, {"154", "Error while correcting L4 checksum"},
            {"155", "CT: Map insertion failed"}, {"156", "Invalid IPv6 extension header"},
            {"157", "IP fragmentation not supported"}, {"158", "Service backend not found"},
            {"160", "No tunnel/encapsulation endpoint (datapath BUG!)"}, {"161", "NAT 46/64 not enabled"},
            {"162", "Reached EDT rate-limiting drop horizon"}, {"163", "Unknown connection tracking state"},
            {"164", "Local host is unreachable"}, {"165", "No configuration available to perform policy decision"},
            {"166", "Unsupported L2 protocol"}, {"167", "No mapping for NAT masquerade"},
            {"168", "Unsupported protocol for NAT masquerade"}, {"169", "FIB lookup failed"},
            {"170", "Encapsulation traffic is prohibited"}, {"171", "Invalid identity"}, {"172", "Unknown sender"},
            {"173", "NAT not needed"}, {"174", "Is a ClusterIP"}, {"175", "First logical datagram fragment not found"},
            {"176", "Forbidden ICMPv6 message"}, {"177", "Denied by LB src range check"}, {"178", "Socket lookup failed"},
            {"179", "Socket assign failed"}, {"180", "Proxy redirection not supported for protocol"},
            {"181", "Policy denied by denylist"}, {"182", "VLAN traffic disallowed by VLAN filter"},
            {"183", "Incorrect VNI from VTEP"}, {"184", "Failed to update or lookup TC buffer"},
            {"185", "No SID was found for the IP address"}, {"186", "SRv6 state was removed during tail call"},
            {"187", "L3 translation from IPv4 to IPv6 failed (NAT46)"}, {"188", "L3 translation from IPv6 to IPv4 failed (NAT64)"},
            {"189", "Authentication required"}, {"190", "No conntrack map found"}, {"191", "No nat map found"},
            {"192", "Invalid ClusterID"}, {"193", "Unsupported packet protocol for DSR encapsulation"},
            {"194", "No egress gateway found"}, {"195", "Traffic is unencrypted"}, {"196", "TTL exceeded"},
            {"197", "No node ID found"}, {"198", "Rate limited"}, {"199", "IGMP handled"}, {"200", "IGMP subscribed"},
            {"201", "Multicast handled"}, {"202", "Host datapath not ready"}, {"203", "Endpoint policy program not available"},
            {"204", "No Egress IP configured"}, {"205", "Punt to proxy"},
        };
        for (String[] e : t) REASONS[Integer.parseInt(e[0])] = e[1];
    }

    /** cilium-dbg's description of a reason code; an unknown code N prints as {@code N, 0}. */
    public static String reason(int code) {
        String r = code >= 0 && code < 256 ? REASONS[code] : null;
        return r != null ? r : code + ", 0";
    }
}

package dev.cil.flow;

import java.nio.ByteBuffer;

/**
 * The headers of a captured packet (the bytes a trace or drop event carries after its message),
 * decoded in the order gopacket's DecodingLayerParser does for hubble: Ethernet, then IPv4 or IPv6,
 * then TCP, UDP, SCTP, ICMPv4 or ICMPv6. ARP is decoded too (hubble does not, and summarises such a
 * frame as {@code Ethernet}). Decoding stops at the first header that is missing or cut short; what
 * was decoded before stays, and {@link #truncated()} says what was cut. Never throws.
 */
public final class Packet {
    /** Header kinds, with gopacket's layer names (used as the flow summary). */
    public enum Layer {
        ETHERNET("Ethernet"), ARP("ARP"), IPV4("IPv4"), IPV6("IPv6"), TCP("TCP"), UDP("UDP"), ICMPV4("ICMPv4"),
        ICMPV6("ICMPv6"), SCTP("SCTP");

        private final String goName;

        Layer(String goName) { this.goName = goName; }

        /** gopacket's {@code LayerType.String()}. */
        public String goName() { return goName; }
    }

    public static final int TCP_FIN = 1, TCP_SYN = 2, TCP_RST = 4, TCP_PSH = 8, TCP_ACK = 16, TCP_URG = 32, TCP_ECE = 64,
            TCP_CWR = 128, TCP_NS = 256;

    public static final int ETH_P_IP = 0x0800, ETH_P_ARP = 0x0806, ETH_P_IPV6 = 0x86DD;
    public static final int IPPROTO_ICMP = 1, IPPROTO_TCP = 6, IPPROTO_UDP = 17, IPPROTO_ICMPV6 = 58, IPPROTO_SCTP = 132;

    /** An empty packet (an event that captured no bytes). */
    public static final Packet EMPTY = new Packet(0);

    private int layers;           // bit set of Layer ordinals
    private Layer last;           // the last layer hubble would name (ARP excluded)
    private final int length;     // captured bytes
    private String truncated;

    long ethSrc, ethDst;
    int ethType;
    int arpOp, arpSpa, arpTpa;
    long arpSha, arpTha;
    int ipSrc, ipDst, ipProto, ttl, ihl, ipTotalLength, ipId, ipFlags, fragOffset, tos;
    byte[] ip6Src, ip6Dst;
    int nextHeader, hopLimit, ip6PayloadLength;
    int srcPort, dstPort, tcpFlags, window, tcpDataOffset, udpLength;
    long tcpSeq, tcpAck;
    int icmpType, icmpCode, icmpId, icmpSeq;

    private Packet(int length) { this.length = length; }

    /** Decodes {@code len} bytes at {@code buf[off]} starting with an Ethernet header. */
    public static Packet decode(ByteBuffer buf, int off, int len) {
        if (len <= 0) return EMPTY;
        Packet p = new Packet(len);
        p.decodeEthernet(buf, off, off + len);
        return p;
    }

    /** Decodes a byte array holding a frame from its Ethernet header. */
    public static Packet decode(byte[] frame) {
        return decode(ByteBuffer.wrap(frame), 0, frame.length);
    }

    private void add(Layer l) {
        layers |= 1 << l.ordinal();
        if (l != Layer.ARP) last = l;
    }

    private void cut(String what) { truncated = what; }

    private static int u8(ByteBuffer b, int i) { return b.get(i) & 0xff; }

    private static int u16(ByteBuffer b, int i) { return ((b.get(i) & 0xff) << 8) | (b.get(i + 1) & 0xff); }

    private static int be32(ByteBuffer b, int i) { return (u16(b, i) << 16) | u16(b, i + 2); }

    private static long mac(ByteBuffer b, int i) {
        return ((long) u16(b, i) << 32) | (((long) u16(b, i + 2)) << 16) | u16(b, i + 4);
    }

    private void decodeEthernet(ByteBuffer b, int o, int end) {
        if (end - o < 14) {
            cut("Ethernet header (" + (end - o) + " of 14 bytes)");
            return;
        }
        ethDst = mac(b, o);
        ethSrc = mac(b, o + 6);
        ethType = u16(b, o + 12);
        add(Layer.ETHERNET);
        int p = o + 14;
        switch (ethType) {
            case ETH_P_IP: decodeIpv4(b, p, end); break;
            case ETH_P_IPV6: decodeIpv6(b, p, end); break;
            case ETH_P_ARP: decodeArp(b, p, end); break;
            default: break;
        }
    }

    private void decodeArp(ByteBuffer b, int o, int end) {
        if (end - o < 8) {
            cut("ARP header (" + (end - o) + " of 8 bytes)");
            return;
        }
        int hlen = u8(b, o + 4), plen = u8(b, o + 5);
        arpOp = u16(b, o + 6);
        if (hlen != 6 || plen != 4) {
            add(Layer.ARP);
            return;
        }
        if (end - o < 28) {
            cut("ARP addresses (" + (end - o) + " of 28 bytes)");
            return;
        }
        arpSha = mac(b, o + 8);
        arpSpa = be32(b, o + 14);
        arpTha = mac(b, o + 18);
        arpTpa = be32(b, o + 24);
        add(Layer.ARP);
    }

    private void decodeIpv4(ByteBuffer b, int o, int end) {
        int avail = end - o;
        if (avail < 20) {
            cut("IPv4 header (" + avail + " of 20 bytes)");
            return;
        }
        int vihl = u8(b, o);
        ihl = vihl & 15;
        tos = u8(b, o + 1);
        ipTotalLength = u16(b, o + 2);
        ipId = u16(b, o + 4);
        int ff = u16(b, o + 6);
        ipFlags = ff >>> 13;
        fragOffset = ff & 0x1fff;
        ttl = u8(b, o + 8);
        ipProto = u8(b, o + 9);
        ipSrc = be32(b, o + 12);
        ipDst = be32(b, o + 16);
        // gopacket's checks, in its order
        if (ipTotalLength < 20) {
            cut("IPv4 total length " + ipTotalLength + " < 20");
            return;
        }
        if (ihl < 5) {
            cut("IPv4 header length " + ihl * 4 + " < 20");
            return;
        }
        if (ihl * 4 > ipTotalLength) {
            cut("IPv4 header length " + ihl * 4 + " > total length " + ipTotalLength);
            return;
        }
        if (ihl * 4 > avail) {
            cut("IPv4 options (" + avail + " of " + ihl * 4 + " bytes)");
            return;
        }
        add(Layer.IPV4);
        if ((ipFlags & 1) != 0 || fragOffset != 0) return; // a fragment: gopacket stops at LayerTypeFragment
        int p = o + ihl * 4;
        int payloadEnd = Math.min(end, o + ipTotalLength);
        decodeL4(b, ipProto, p, payloadEnd, false);
    }

    private void decodeIpv6(ByteBuffer b, int o, int end) {
        int avail = end - o;
        if (avail < 40) {
            cut("IPv6 header (" + avail + " of 40 bytes)");
            return;
        }
        ip6PayloadLength = u16(b, o + 4);
        nextHeader = u8(b, o + 6);
        hopLimit = u8(b, o + 7);
        ip6Src = new byte[16];
        ip6Dst = new byte[16];
        for (int i = 0; i < 16; i++) {
            ip6Src[i] = b.get(o + 8 + i);
            ip6Dst[i] = b.get(o + 24 + i);
        }
        add(Layer.IPV6);
        int p = o + 40;
        int payloadEnd = ip6PayloadLength == 0 ? end : Math.min(end, p + ip6PayloadLength);
        decodeL4(b, nextHeader, p, payloadEnd, true);
    }

    private void decodeL4(ByteBuffer b, int proto, int o, int end, boolean v6) {
        int avail = Math.max(0, end - o);
        switch (proto) {
            case IPPROTO_TCP: {
                if (avail < 20) {
                    cut("TCP header (" + avail + " of 20 bytes)");
                    return;
                }
                srcPort = u16(b, o);
                dstPort = u16(b, o + 2);
                tcpSeq = be32(b, o + 4) & 0xffffffffL;
                tcpAck = be32(b, o + 8) & 0xffffffffL;
                tcpDataOffset = u8(b, o + 12) >>> 4;
                tcpFlags = u8(b, o + 13) | ((u8(b, o + 12) & 1) << 8);
                window = u16(b, o + 14);
                if (tcpDataOffset < 5) {
                    cut("TCP data offset " + tcpDataOffset * 4 + " < 20");
                    return;
                }
                if (tcpDataOffset * 4 > avail) {
                    cut("TCP options (" + avail + " of " + tcpDataOffset * 4 + " bytes)");
                    return;
                }
                add(Layer.TCP);
                return;
            }
            case IPPROTO_UDP:
                if (avail < 8) {
                    cut("UDP header (" + avail + " of 8 bytes)");
                    return;
                }
                srcPort = u16(b, o);
                dstPort = u16(b, o + 2);
                udpLength = u16(b, o + 4);
                add(Layer.UDP);
                return;
            case IPPROTO_SCTP:
                if (avail < 12) {
                    cut("SCTP header (" + avail + " of 12 bytes)");
                    return;
                }
                srcPort = u16(b, o);
                dstPort = u16(b, o + 2);
                add(Layer.SCTP);
                return;
            case IPPROTO_ICMP:
                if (v6) return;
                if (avail < 8) {
                    cut("ICMPv4 header (" + avail + " of 8 bytes)");
                    return;
                }
                icmpType = u8(b, o);
                icmpCode = u8(b, o + 1);
                icmpId = u16(b, o + 4);
                icmpSeq = u16(b, o + 6);
                add(Layer.ICMPV4);
                return;
            case IPPROTO_ICMPV6:
                if (!v6) return;
                if (avail < 4) {
                    cut("ICMPv6 header (" + avail + " of 4 bytes)");
                    return;
                }
                icmpType = u8(b, o);
                icmpCode = u8(b, o + 1);
                if (avail >= 8) {
                    icmpId = u16(b, o + 4);
                    icmpSeq = u16(b, o + 6);
                }
                add(Layer.ICMPV6);
                return;
            default:
        }
    }

    // ---- accessors ----

    /** Bytes captured. */
    public int length() { return length; }

    public boolean has(Layer l) { return (layers & (1 << l.ordinal())) != 0; }

    /** The last decoded layer hubble knows (ARP excluded), or null for an empty or undecodable frame. */
    public Layer lastLayer() { return last; }

    /** What was cut short (e.g. {@code TCP header (10 of 20 bytes)}), or null. */
    public String truncated() { return truncated; }

    public long ethSource() { return ethSrc; }

    public long ethDestination() { return ethDst; }

    public int ethType() { return ethType; }

    public int arpOp() { return arpOp; }

    public long arpSenderMac() { return arpSha; }

    public int arpSenderIp() { return arpSpa; }

    public long arpTargetMac() { return arpTha; }

    public int arpTargetIp() { return arpTpa; }

    /** IPv4 source, network order. */
    public int ipv4Source() { return ipSrc; }

    public int ipv4Destination() { return ipDst; }

    public int ipProto() { return has(Layer.IPV6) ? nextHeader : ipProto; }

    public int ttl() { return has(Layer.IPV6) ? hopLimit : ttl; }

    public int ipTotalLength() { return ipTotalLength; }

    public int ipId() { return ipId; }

    /** IPv4 flags (bit 1 DF, bit 0 MF). */
    public int ipFlags() { return ipFlags; }

    public int fragOffset() { return fragOffset; }

    public byte[] ipv6Source() { return ip6Src == null ? null : ip6Src.clone(); }

    public byte[] ipv6Destination() { return ip6Dst == null ? null : ip6Dst.clone(); }

    /** Source address text (netip form), null without an IP header. */
    public String ipSourceString() {
        if (has(Layer.IPV4)) return Net.ipv4(ipSrc);
        if (has(Layer.IPV6)) return Net.ipv6(ip6Src, 0);
        return null;
    }

    public String ipDestinationString() {
        if (has(Layer.IPV4)) return Net.ipv4(ipDst);
        if (has(Layer.IPV6)) return Net.ipv6(ip6Dst, 0);
        return null;
    }

    public int sourcePort() { return srcPort; }

    public int destinationPort() { return dstPort; }

    /** TCP flag bits: {@link #TCP_FIN} … {@link #TCP_NS}. */
    public int tcpFlags() { return tcpFlags; }

    public long tcpSeq() { return tcpSeq; }

    public long tcpAck() { return tcpAck; }

    public int tcpWindow() { return window; }

    public int udpLength() { return udpLength; }

    public int icmpType() { return icmpType; }

    public int icmpCode() { return icmpCode; }

    public int icmpId() { return icmpId; }

    public int icmpSeq() { return icmpSeq; }

    // ---- names ----

    private static final String[] TCP_FLAG_NAMES = {"SYN", "ACK", "RST", "FIN", "PSH", "URG", "ECE", "CWR", "NS"};
    private static final int[] TCP_FLAG_BITS = {TCP_SYN, TCP_ACK, TCP_RST, TCP_FIN, TCP_PSH, TCP_URG, TCP_ECE, TCP_CWR, TCP_NS};
    /** The bit of a TCP flag named as hubble names it ({@code SYN} … {@code NS}, exact case), 0 if none. */
    public static int tcpFlagBit(String name) {
        for (int i = 0; i < TCP_FLAG_NAMES.length; i++) if (TCP_FLAG_NAMES[i].equals(name)) return TCP_FLAG_BITS[i];
        return 0;
    }

    private static final String[] TCP_FLAG_TEXT = new String[512];
    static {
        for (int m = 0; m < 512; m++) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < 9; i++) {
                if ((m & TCP_FLAG_BITS[i]) != 0) {
                    if (s.length() > 0) s.append(", ");
                    s.append(TCP_FLAG_NAMES[i]);
                }
            }
            TCP_FLAG_TEXT[m] = s.toString();
        }
    }

    /** hubble's flag list: SYN, ACK, RST, FIN, PSH, URG, ECE, CWR, NS in that order, joined by {@code , }. */
    public static String tcpFlagsText(int flags) { return TCP_FLAG_TEXT[flags & 511]; }

    private static final String[][] ICMP4_CODES = new String[19][];
    private static final String[] ICMP4_TYPES = new String[19];
    static {
        ICMP4_TYPES[0] = "EchoReply";
        ICMP4_TYPES[3] = "DestinationUnreachable";
        ICMP4_CODES[3] = new String[] {"Net", "Host", "Protocol", "Port", "FragmentationNeeded", "SourceRoutingFailed",
            "NetUnknown", "HostUnknown", "SourceIsolated", "NetAdminProhibited", "HostAdminProhibited", "NetTOS", "HostTOS",
            "CommAdminProhibited", "HostPrecedence", "PrecedenceCutoff"};
        ICMP4_TYPES[4] = "SourceQuench";
        ICMP4_TYPES[5] = "Redirect";
        ICMP4_CODES[5] = new String[] {"Net", "Host", "TOS+Net", "TOS+Host"};
        ICMP4_TYPES[8] = "EchoRequest";
        ICMP4_TYPES[9] = "RouterAdvertisement";
        ICMP4_TYPES[10] = "RouterSolicitation";
        ICMP4_TYPES[11] = "TimeExceeded";
        ICMP4_CODES[11] = new String[] {"TTLExceeded", "FragmentReassemblyTimeExceeded"};
        ICMP4_TYPES[12] = "ParameterProblem";
        ICMP4_CODES[12] = new String[] {"PointerIndicatesError", "MissingOption", "BadLength"};
        ICMP4_TYPES[13] = "TimestampRequest";
        ICMP4_TYPES[14] = "TimestampReply";
        ICMP4_TYPES[15] = "InfoRequest";
        ICMP4_TYPES[16] = "InfoReply";
        ICMP4_TYPES[17] = "AddressMaskRequest";
        ICMP4_TYPES[18] = "AddressMaskReply";
    }

    /** gopacket's {@code ICMPv4TypeCode.String()}: {@code EchoRequest}, {@code DestinationUnreachable(Port)}. */
    public static String icmpv4TypeCode(int type, int code) {
        String t = type >= 0 && type < ICMP4_TYPES.length ? ICMP4_TYPES[type] : null;
        return goTypeCode(type, code, t, t == null ? null : ICMP4_CODES[type]);
    }

    /** gopacket's {@code ICMPv6TypeCode.String()}. */
    public static String icmpv6TypeCode(int type, int code) {
        String t;
        String[] codes = null;
        switch (type) {
            case 1: t = "DestinationUnreachable"; codes = new String[] {"NoRouteToDst", "AdminProhibited", "BeyondScopeOfSrc",
                "AddressUnreachable", "PortUnreachable", "SrcAddressFailedPolicy", "RejectRouteToDst"}; break;
            case 2: t = "PacketTooBig"; break;
            case 3: t = "TimeExceeded"; codes = new String[] {"HopLimitExceeded", "FragmentReassemblyTimeExceeded"}; break;
            case 4: t = "ParameterProblem"; codes = new String[] {"ErroneousHeaderField", "UnrecognizedNextHeader",
                "UnrecognizedIPv6Option"}; break;
            case 128: t = "EchoRequest"; break;
            case 129: t = "EchoReply"; break;
            case 133: t = "RouterSolicitation"; break;
            case 134: t = "RouterAdvertisement"; break;
            case 135: t = "NeighborSolicitation"; break;
            case 136: t = "NeighborAdvertisement"; break;
            case 137: t = "Redirect"; break;
            default: t = null;
        }
        return goTypeCode(type, code, t, codes);
    }

    private static String goTypeCode(int type, int code, String t, String[] codes) {
        if (t == null) return type + "(" + code + ")";
        if (codes == null) return code == 0 ? t : t + "(Code: " + code + ")";
        if (code < codes.length) return t + "(" + codes[code] + ")";
        return t + "(Code: " + code + ")";
    }

    /** hubble's summary of the packet: {@code TCP Flags: SYN}, {@code ICMPv4 EchoRequest}, or the last layer's name. */
    public String summary() {
        if (last == null) return "";
        switch (last) {
            case TCP: return "TCP Flags: " + tcpFlagsText(tcpFlags);
            case ICMPV4: return "ICMPv4 " + icmpv4TypeCode(icmpType, icmpCode);
            case ICMPV6: return "ICMPv6 " + icmpv6TypeCode(icmpType, icmpCode);
            default: return last.goName();
        }
    }
}

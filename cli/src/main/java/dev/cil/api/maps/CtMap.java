package dev.cil.api.maps;

import java.net.Inet4Address;
import java.nio.ByteBuffer;

/**
 * {@code cilium_ct4_global}: IPv4 connection tracking (LRU hash, key {@code ipv4_ct_tuple} 14 B packed,
 * value {@code ct_entry} 56 B). The tuple holds the creating packet's addresses and ports as they were
 * on the wire. Text as cilium-dbg {@code bpf ct list global}.
 */
public final class CtMap {
    private CtMap() { }

    public static final String NAME = "cilium_ct4_global";
    public static final int KEY_SIZE = 14, VALUE_SIZE = 56, MAX_ENTRIES = 65536;
    // ipv4_ct_tuple
    public static final int DADDR = 0, SADDR = 4, DPORT = 8, SPORT = 10, NEXTHDR = 12, TUPLE_FLAGS = 13;
    // ct_entry
    public static final int PACKETS_TX = 0, BYTES_TX = 8, PACKETS_RX = 16, BYTES_RX = 24, LIFETIME = 32, FLAGS = 36,
            TX_FLAGS_SEEN = 38, RX_FLAGS_SEEN = 39, LAST_TX_REPORT = 40, LAST_RX_REPORT = 44, SRC_SEC_ID = 48, CREATED = 52;
    public static final int TUPLE_F_IN = 1, TUPLE_F_RELATED = 2, TUPLE_F_SERVICE = 4;
    public static final int CT_F_RX_CLOSING = 1, CT_F_TX_CLOSING = 2, CT_F_SEEN_NON_SYN = 4;

    public record Tuple(Inet4Address daddr, Inet4Address saddr, int dport, int sport, int nexthdr, int flags) {
        public static Tuple decode(ByteBuffer b, int off) {
            ByteBuffer k = Bytes.le(b, off, KEY_SIZE);
            return new Tuple(Bytes.ip4(k, DADDR), Bytes.ip4(k, SADDR), Bytes.be16(k, DPORT), Bytes.be16(k, SPORT),
                    k.get(NEXTHDR) & 0xff, k.get(TUPLE_FLAGS) & 0xff);
        }

        public byte[] encode() {
            byte[] b = new byte[KEY_SIZE];
            ByteBuffer w = Bytes.le(b);
            Bytes.putIp4(w, DADDR, daddr);
            Bytes.putIp4(w, SADDR, saddr);
            Bytes.putBe16(w, DPORT, dport);
            Bytes.putBe16(w, SPORT, sport);
            w.put(NEXTHDR, (byte) nexthdr).put(TUPLE_FLAGS, (byte) flags);
            return b;
        }

        /** {@code TCP OUT 10.0.0.1:41320 -> 10.0.0.2:80 } (then {@code related }/{@code service }), as cilium-dbg. */
        public String text() {
            StringBuilder s = new StringBuilder(64).append(protocol(nexthdr))
                    .append((flags & TUPLE_F_IN) != 0 ? " IN " : " OUT ")
                    .append(saddr.getHostAddress()).append(':').append(sport).append(" -> ")
                    .append(daddr.getHostAddress()).append(':').append(dport).append(' ');
            if ((flags & TUPLE_F_RELATED) != 0) s.append("related ");
            if ((flags & TUPLE_F_SERVICE) != 0) s.append("service ");
            return s.toString();
        }
    }

    public record Entry(long packetsTx, long bytesTx, long packetsRx, long bytesRx, long lifetime, int flags,
                        int txFlagsSeen, int rxFlagsSeen, long lastTxReport, long lastRxReport, long srcSecId, long created) {
        public static Entry decode(ByteBuffer b, int off) {
            ByteBuffer v = Bytes.le(b, off, VALUE_SIZE);
            return new Entry(v.getLong(PACKETS_TX), v.getLong(BYTES_TX), v.getLong(PACKETS_RX), v.getLong(BYTES_RX),
                    Integer.toUnsignedLong(v.getInt(LIFETIME)), v.getShort(FLAGS) & 0xffff, v.get(TX_FLAGS_SEEN) & 0xff,
                    v.get(RX_FLAGS_SEEN) & 0xff, Integer.toUnsignedLong(v.getInt(LAST_TX_REPORT)),
                    Integer.toUnsignedLong(v.getInt(LAST_RX_REPORT)), Integer.toUnsignedLong(v.getInt(SRC_SEC_ID)),
                    Integer.toUnsignedLong(v.getInt(CREATED)));
        }

        /**
         * cilium-dbg's entry text: {@code expires=N (remaining: S sec(s)) RxPackets=… Flags=0x0004 [ SeenNonSyn ]
         * RevNAT=0 SourceSecurityID=N IfIndex=0 \n}. {@code nowSeconds} is CLOCK_MONOTONIC in seconds, the
         * datapath's clock; negative leaves the remaining time out.
         */
        public String text(long nowSeconds) {
            StringBuilder s = new StringBuilder(256).append("expires=").append(lifetime);
            if (nowSeconds >= 0) s.append(" (remaining: ").append(lifetime - nowSeconds).append(" sec(s))");
            s.append(" RxPackets=").append(Long.toUnsignedString(packetsRx))
                    .append(" RxBytes=").append(Long.toUnsignedString(bytesRx))
                    .append(" RxFlagsSeen=").append(goHex02(rxFlagsSeen))
                    .append(" LastRxReport=").append(lastRxReport)
                    .append(" TxPackets=").append(Long.toUnsignedString(packetsTx))
                    .append(" TxBytes=").append(Long.toUnsignedString(bytesTx))
                    .append(" TxFlagsSeen=").append(goHex02(txFlagsSeen))
                    .append(" LastTxReport=").append(lastTxReport)
                    .append(" Flags=").append(goHex04(flags)).append(" [ ");
            if ((flags & CT_F_RX_CLOSING) != 0) s.append("RxClosing ");
            if ((flags & CT_F_TX_CLOSING) != 0) s.append("TxClosing ");
            if ((flags & CT_F_SEEN_NON_SYN) != 0) s.append("SeenNonSyn ");
            int unknown = flags & ~(CT_F_RX_CLOSING | CT_F_TX_CLOSING | CT_F_SEEN_NON_SYN);
            if (unknown != 0) s.append("Unknown=").append(goHex04(unknown)).append(' ');
            s.append("] RevNAT=0 SourceSecurityID=").append(srcSecId).append(" IfIndex=0 \n");
            return s.toString();
        }
    }

    /** Go's {@code %#02x}: the digits zero-padded to 2, then {@code 0x}: {@code 0x00}, {@code 0x1b}. */
    static String goHex02(int v) { return "0x" + zeroPad(Integer.toHexString(v), 2); }

    /** Go's {@code %#04x}: the digits zero-padded to 4, then {@code 0x}: {@code 0x0000}, {@code 0x0013}. */
    static String goHex04(int v) { return "0x" + zeroPad(Integer.toHexString(v), 4); }

    private static String zeroPad(String h, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = h.length(); i < n; i++) b.append('0');
        return b.append(h).toString();
    }

    /** Cilium's protocol names ({@code u8proto}): ANY, ICMP, TCP, UDP, ICMPv6, SCTP, else the number. */
    public static String protocol(int p) {
        switch (p) {
            case 0: return "ANY";
            case 1: return "ICMP";
            case 6: return "TCP";
            case 17: return "UDP";
            case 58: return "ICMPv6";
            case 132: return "SCTP";
            default: return Integer.toString(p);
        }
    }
}

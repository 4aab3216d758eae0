package dev.cil.api.maps;

import java.net.Inet4Address;
import java.nio.ByteBuffer;

/**
 * {@code cilium_lxc}: local endpoints by IP (hash, key {@code endpoint_key} 20 B, value
 * {@code endpoint_info} 48 B). Text forms as cilium-dbg's {@code bpf endpoint list} (formats.md §9).
 */
public final class LxcMap {
    private LxcMap() { }

    public static final String NAME = "cilium_lxc";
    public static final int KEY_SIZE = 20, VALUE_SIZE = 48, MAX_ENTRIES = 65535;
    // endpoint_key
    public static final int KEY_IP4 = 0, KEY_FAMILY = 16, KEY_KEY = 17, KEY_CLUSTER_ID = 18;
    // endpoint_info
    public static final int IFINDEX = 0, UNUSED = 4, LXC_ID = 6, FLAGS = 8, PAD0 = 12, MAC = 16, NODE_MAC = 24,
            SEC_ID = 32, PAD = 36;
    public static final int ENDPOINT_KEY_IPV4 = 1;
    /** {@code ENDPOINT_F_HOST}: the host itself (router IP, node IPs). */
    public static final int F_HOST = 1;

    /** An {@code endpoint_key} for an IPv4 address. */
    public record Key(Inet4Address ip, int clusterId) {
        public static Key of(Inet4Address ip) { return new Key(ip, 0); }

        public byte[] encode() {
            byte[] b = new byte[KEY_SIZE];
            ByteBuffer w = Bytes.le(b);
            Bytes.putIp4(w, KEY_IP4, ip);
            w.put(KEY_FAMILY, (byte) ENDPOINT_KEY_IPV4);
            w.putShort(KEY_CLUSTER_ID, (short) clusterId);
            return b;
        }

        public static Key decode(ByteBuffer b, int off) {
            ByteBuffer k = Bytes.le(b, off, KEY_SIZE);
            return new Key(Bytes.ip4(k, KEY_IP4), k.getShort(KEY_CLUSTER_ID) & 0xffff);
        }

        public static Key decode(byte[] b) { return decode(ByteBuffer.wrap(b), 0); }

        /** {@code IP:0}, or {@code IP@CLUSTER:0}: cilium-dbg's key column. */
        @Override
        public String toString() {
            return ip.getHostAddress() + (clusterId != 0 ? "@" + clusterId : "") + ":0";
        }
    }

    /** An {@code endpoint_info}; MACs are 6 bytes. */
    public record Info(int ifindex, int lxcId, int flags, byte[] mac, byte[] nodeMac, long secId) {
        /** A host entry ({@code ENDPOINT_F_HOST}, zeros elsewhere). */
        public static Info host() { return new Info(0, 0, F_HOST, new byte[6], new byte[6], 0); }

        public static Info endpoint(int ifindex, int lxcId, String mac, String nodeMac, long secId) {
            return new Info(ifindex, lxcId, 0, Bytes.mac(mac), Bytes.mac(nodeMac), secId);
        }

        public boolean isHost() { return (flags & F_HOST) != 0; }

        public byte[] encode() {
            byte[] b = new byte[VALUE_SIZE];
            ByteBuffer w = Bytes.le(b);
            w.putInt(IFINDEX, ifindex);
            w.putShort(LXC_ID, (short) lxcId);
            w.putInt(FLAGS, flags);
            for (int i = 0; i < 6; i++) {
                w.put(MAC + i, mac[i]);
                w.put(NODE_MAC + i, nodeMac[i]);
            }
            w.putInt(SEC_ID, (int) secId);
            return b;
        }

        public static Info decode(ByteBuffer b, int off) {
            ByteBuffer v = Bytes.le(b, off, VALUE_SIZE);
            byte[] mac = new byte[6], nodeMac = new byte[6];
            for (int i = 0; i < 6; i++) {
                mac[i] = v.get(MAC + i);
                nodeMac[i] = v.get(NODE_MAC + i);
            }
            return new Info(v.getInt(IFINDEX), v.getShort(LXC_ID) & 0xffff, v.getInt(FLAGS), mac, nodeMac,
                    Integer.toUnsignedLong(v.getInt(SEC_ID)));
        }

        public static Info decode(byte[] b) { return decode(ByteBuffer.wrap(b), 0); }

        /**
         * {@code (localhost)} for host entries, else Go's
         * {@code id=%-5d sec_id=%-5d flags=0x%04X ifindex=%-3d mac=%s nodemac=%s}.
         */
        @Override
        public String toString() {
            if (isHost()) return "(localhost)";
            return "id=" + Bytes.left(lxcId, 5) + " sec_id=" + Bytes.left(secId, 5) + " flags=0x"
                    + String.format("%04X", flags & 0xffffffffL) + " ifindex=" + Bytes.left(Integer.toUnsignedLong(ifindex), 3)
                    + " mac=" + Bytes.macUpper(mac) + " nodemac=" + Bytes.macUpper(nodeMac);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Info i && i.ifindex == ifindex && i.lxcId == lxcId && i.flags == flags
                    && java.util.Arrays.equals(i.mac, mac) && java.util.Arrays.equals(i.nodeMac, nodeMac) && i.secId == secId;
        }

        @Override
        public int hashCode() { return java.util.Objects.hash(ifindex, lxcId, flags, secId) * 31 + java.util.Arrays.hashCode(mac); }
    }
}

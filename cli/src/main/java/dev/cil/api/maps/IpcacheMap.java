package dev.cil.api.maps;

import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cilium_ipcache}: prefix → identity (LPM trie, key {@code ipcache_key} 24 B, value
 * {@code remote_endpoint_info} 12 B, Cilium 1.16's "v1" value). Text as cilium-dbg
 * {@code map get cilium_ipcache} / {@code bpf ipcache list} (formats.md §10).
 */
public final class IpcacheMap {
    private IpcacheMap() { }

    public static final String NAME = "cilium_ipcache";
    public static final int KEY_SIZE = 24, VALUE_SIZE = 12, MAX_ENTRIES = 512000;
    /** Bits of the key before the address that every lookup matches (cluster_id, pad1, family). */
    public static final int STATIC_PREFIX = 32;
    // ipcache_key
    public static final int KEY_PREFIXLEN = 0, KEY_CLUSTER_ID = 4, KEY_PAD1 = 6, KEY_FAMILY = 7, KEY_IP4 = 8;
    // remote_endpoint_info
    public static final int SEC_IDENTITY = 0, TUNNEL_ENDPOINT = 4, PAD = 8, ENCRYPT_KEY = 10, FLAGS = 11;
    public static final int F_SKIP_TUNNEL = 1, F_HAS_TUNNEL = 2, F_IPV6_TUNNEL = 4, F_REMOTE_CLUSTER = 8;

    /** An IPv4 prefix (address masked to {@code length} bits). */
    public record Key(Inet4Address prefix, int length, int clusterId) {
        public Key {
            if (length < 0 || length > 32) throw new IllegalArgumentException("prefix length " + length + " out of range 0-32");
        }

        public static Key of(Inet4Address prefix, int length) { return new Key(prefix, length, 0); }

        public byte[] encode() {
            byte[] b = new byte[KEY_SIZE];
            ByteBuffer w = Bytes.le(b);
            w.putInt(KEY_PREFIXLEN, STATIC_PREFIX + length);
            w.putShort(KEY_CLUSTER_ID, (short) clusterId);
            w.put(KEY_FAMILY, (byte) LxcMap.ENDPOINT_KEY_IPV4);
            Bytes.putIp4(w, KEY_IP4, prefix);
            return b;
        }

        public static Key decode(ByteBuffer b, int off) {
            ByteBuffer k = Bytes.le(b, off, KEY_SIZE);
            int len = k.getInt(KEY_PREFIXLEN) - STATIC_PREFIX;
            return new Key(Bytes.ip4(k, KEY_IP4), Math.max(0, Math.min(32, len)), k.getShort(KEY_CLUSTER_ID) & 0xffff);
        }

        public static Key decode(byte[] b) { return decode(ByteBuffer.wrap(b), 0); }

        /** {@code PREFIX/LEN}, or {@code PREFIX/LEN@CLUSTER}. */
        @Override
        public String toString() {
            return prefix.getHostAddress() + "/" + length + (clusterId != 0 ? "@" + clusterId : "");
        }
    }

    /** A {@code remote_endpoint_info}. */
    public record Value(long identity, Inet4Address tunnelEndpoint, int encryptKey, int flags) {
        public static Value local(long identity) { return new Value(identity, zero(), 0, 0); }

        public byte[] encode() {
            byte[] b = new byte[VALUE_SIZE];
            ByteBuffer w = Bytes.le(b);
            w.putInt(SEC_IDENTITY, (int) identity);
            Bytes.putIp4(w, TUNNEL_ENDPOINT, tunnelEndpoint);
            w.put(ENCRYPT_KEY, (byte) encryptKey);
            w.put(FLAGS, (byte) flags);
            return b;
        }

        public static Value decode(ByteBuffer b, int off) {
            ByteBuffer v = Bytes.le(b, off, VALUE_SIZE);
            return new Value(Integer.toUnsignedLong(v.getInt(SEC_IDENTITY)), Bytes.ip4(v, TUNNEL_ENDPOINT),
                    v.get(ENCRYPT_KEY) & 0xff, v.get(FLAGS) & 0xff);
        }

        public static Value decode(byte[] b) { return decode(ByteBuffer.wrap(b), 0); }

        /** Cilium 1.16: {@code identity=N encryptkey=K tunnelendpoint=IP, flags=F}. */
        @Override
        public String toString() {
            return "identity=" + identity + " encryptkey=" + encryptKey + " tunnelendpoint="
                    + tunnelEndpoint.getHostAddress() + ", flags=" + flagsString(flags);
        }
    }

    /** {@code <none>}, or the set flags comma-joined in Cilium's order. */
    public static String flagsString(int flags) {
        List<String> f = new ArrayList<>();
        if ((flags & F_SKIP_TUNNEL) != 0) f.add("skiptunnel");
        if ((flags & F_HAS_TUNNEL) != 0) f.add("hastunnel");
        if ((flags & F_IPV6_TUNNEL) != 0) f.add("ipv6tunnel");
        if ((flags & F_REMOTE_CLUSTER) != 0) f.add("remotecluster");
        return f.isEmpty() ? "<none>" : String.join(",", f);
    }

    /** {@code 0.0.0.0}. */
    public static Inet4Address zero() {
        try {
            return (Inet4Address) java.net.InetAddress.getByAddress(new byte[4]);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}

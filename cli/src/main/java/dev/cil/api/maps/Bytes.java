package dev.cil.api.maps;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Small helpers for the codecs. */
final class Bytes {
    private Bytes() { }

    static ByteBuffer le(byte[] b) { return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN); }

    /** A little-endian view of {@code len} bytes at {@code off} of {@code src}. */
    static ByteBuffer le(ByteBuffer src, int off, int len) {
        ByteBuffer b = src.duplicate();
        b.limit(off + len).position(off);
        return b.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    static Inet4Address ip4(ByteBuffer b, int off) {
        byte[] a = new byte[4];
        for (int i = 0; i < 4; i++) a[i] = b.get(off + i);
        try {
            return (Inet4Address) InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static void putIp4(ByteBuffer b, int off, Inet4Address ip) {
        byte[] a = ip.getAddress();
        for (int i = 0; i < 4; i++) b.put(off + i, a[i]);
    }

    /** Network-order 16-bit value at {@code off}. */
    static int be16(ByteBuffer b, int off) { return ((b.get(off) & 0xff) << 8) | (b.get(off + 1) & 0xff); }

    static void putBe16(ByteBuffer b, int off, int v) {
        b.put(off, (byte) (v >>> 8));
        b.put(off + 1, (byte) v);
    }

    /** {@code AA:BB:CC:DD:EE:FF}: Cilium's {@code mac_t} String(), uppercase. */
    static String macUpper(byte[] mac) {
        StringBuilder s = new StringBuilder(17);
        for (int i = 0; i < 6; i++) {
            if (i > 0) s.append(':');
            s.append(Character.toUpperCase(Character.forDigit((mac[i] >> 4) & 0xf, 16)))
                    .append(Character.toUpperCase(Character.forDigit(mac[i] & 0xf, 16)));
        }
        return s.toString();
    }

    /** Six bytes from {@code aa:bb:cc:dd:ee:ff}. */
    static byte[] mac(String s) {
        String[] p = s.split(":", -1);
        if (p.length != 6) throw new IllegalArgumentException("not a MAC address: \"" + s + "\"");
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            if (p[i].length() != 2) throw new IllegalArgumentException("not a MAC address: \"" + s + "\"");
            b[i] = (byte) Integer.parseInt(p[i], 16);
        }
        return b;
    }

    /** Go's {@code %-Nd}: left-justified, space-padded to {@code n}. */
    static String left(long v, int n) {
        String s = Long.toString(v);
        StringBuilder b = new StringBuilder(Math.max(n, s.length())).append(s);
        while (b.length() < n) b.append(' ');
        return b.toString();
    }
}

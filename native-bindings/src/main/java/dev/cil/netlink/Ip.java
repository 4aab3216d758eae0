package dev.cil.netlink;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** IPv4 and MAC text forms, parsed strictly and without name lookups. */
public final class Ip {
    private Ip() { }

    /** A dotted-quad IPv4 address ({@code 10.0.0.1}); anything else is an {@link IllegalArgumentException}. */
    public static Inet4Address v4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) throw new IllegalArgumentException("not an IPv4 address: \"" + s + "\"");
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("not an IPv4 address: \"" + s + "\"");
            }
            int v = Integer.parseInt(p);
            if (v > 255) throw new IllegalArgumentException("not an IPv4 address: \"" + s + "\"");
            b[i] = (byte) v;
        }
        return (Inet4Address) fromBytes(b);
    }

    /** An address from 4 or 16 raw bytes (never a name lookup). */
    public static InetAddress fromBytes(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw NetlinkException.malformed("parse address", b.length + "-byte address");
        }
    }

    /** Six bytes from {@code aa:bb:cc:dd:ee:ff} (case-insensitive). */
    public static byte[] mac(String s) {
        String[] parts = s.split(":", -1);
        if (parts.length != 6) throw new IllegalArgumentException("not a MAC address: \"" + s + "\"");
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            if (parts[i].length() != 2) throw new IllegalArgumentException("not a MAC address: \"" + s + "\"");
            try {
                b[i] = (byte) Integer.parseInt(parts[i], 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a MAC address: \"" + s + "\"");
            }
        }
        return b;
    }

    /** Lower-case colon-separated hex of any length (iproute2's form of link-layer addresses). */
    public static String macString(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 3);
        for (int i = 0; i < b.length; i++) {
            if (i > 0) sb.append(':');
            sb.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
        }
        return sb.toString();
    }

    static int family(InetAddress a) { return a instanceof Inet4Address ? 2 : 10; }
}

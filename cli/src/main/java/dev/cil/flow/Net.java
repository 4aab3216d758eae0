package dev.cil.flow;

/** Text forms of addresses as Go prints them (net/netip for IPs, net.HardwareAddr for MACs). */
public final class Net {
    private Net() { }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Dotted IPv4 of a big-endian (network order) int: {@code 10.200.0.10}. */
    public static String ipv4(int be) {
        return ((be >>> 24) & 0xff) + "." + ((be >>> 16) & 0xff) + "." + ((be >>> 8) & 0xff) + "." + (be & 0xff);
    }

    /** netip.Addr's IPv6 text: lowercase, no leading zeros, the longest run (>= 2) of zero groups as {@code ::}. */
    public static String ipv6(byte[] a, int off) {
        boolean mapped = true;
        for (int i = 0; i < 10; i++) if (a[off + i] != 0) mapped = false;
        if (mapped && a[off + 10] == (byte) 0xff && a[off + 11] == (byte) 0xff) {
            return "::ffff:" + (a[off + 12] & 0xff) + "." + (a[off + 13] & 0xff) + "." + (a[off + 14] & 0xff) + "." + (a[off + 15] & 0xff);
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) g[i] = ((a[off + 2 * i] & 0xff) << 8) | (a[off + 2 * i + 1] & 0xff);
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) j++;
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder b = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLen - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') b.append(':');
            b.append(Integer.toHexString(g[i]));
        }
        return b.toString();
    }

    /** {@code aa:bb:cc:dd:ee:ff} of the 6 bytes in the low 48 bits of {@code mac}. */
    public static String mac(long mac) {
        char[] c = new char[17];
        for (int i = 0; i < 6; i++) {
            int b = (int) (mac >>> (8 * (5 - i))) & 0xff;
            c[3 * i] = HEX[b >> 4];
            c[3 * i + 1] = HEX[b & 15];
            if (i < 5) c[3 * i + 2] = ':';
        }
        return new String(c);
    }

    /** Parses dotted IPv4 into a big-endian int; throws IllegalArgumentException. */
    public static int parseIpv4(String s) {
        String[] p = s.split("\\.", -1);
        if (p.length != 4) throw new IllegalArgumentException("not an IPv4 address: " + s);
        int v = 0;
        for (String x : p) {
            if (x.isEmpty() || x.length() > 3 || (x.length() > 1 && x.charAt(0) == '0')) {
                throw new IllegalArgumentException("not an IPv4 address: " + s);
            }
            int n;
            try {
                n = Integer.parseInt(x);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IPv4 address: " + s);
            }
            if (n > 255) throw new IllegalArgumentException("not an IPv4 address: " + s);
            v = (v << 8) | n;
        }
        return v;
    }

    /**
     * Parses an IPv4 or IPv6 address into 4 or 16 bytes, as netip.ParseAddr accepts them (IPv6 zones
     * are not supported); throws IllegalArgumentException.
     */
    public static byte[] parseIp(String s) {
        if (s.indexOf(':') < 0) {
            int v = parseIpv4(s);
            return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        }
        if (s.indexOf('%') >= 0) throw new IllegalArgumentException("IPv6 zones are not supported: " + s);
        byte[] out = new byte[16];
        String head = s, tail = "";
        int dc = s.indexOf("::");
        if (dc >= 0) {
            if (s.indexOf("::", dc + 1) >= 0) throw new IllegalArgumentException("not an IPv6 address: " + s);
            head = s.substring(0, dc);
            tail = s.substring(dc + 2);
        }
        int[] h = groups(head, s, tail.isEmpty() && dc < 0);
        int[] t = dc >= 0 ? groups(tail, s, true) : new int[0];
        int total = h.length + t.length;
        if (dc < 0 && total != 16) throw new IllegalArgumentException("not an IPv6 address: " + s);
        if (dc >= 0 && total > 14) throw new IllegalArgumentException("not an IPv6 address: " + s);
        for (int i = 0; i < h.length; i++) out[i] = (byte) h[i];
        for (int i = 0; i < t.length; i++) out[16 - t.length + i] = (byte) t[i];
        return out;
    }

    /** Bytes of colon-separated groups, the last of which may be a dotted IPv4 when {@code last}. */
    private static int[] groups(String part, String whole, boolean last) {
        if (part.isEmpty()) return new int[0];
        String[] gs = part.split(":", -1);
        int[] out = new int[gs.length * 2 + 2];
        int n = 0;
        for (int i = 0; i < gs.length; i++) {
            String g = gs[i];
            if (i == gs.length - 1 && g.indexOf('.') >= 0) {
                int v = parseIpv4(g);
                out[n++] = (v >>> 24) & 0xff;
                out[n++] = (v >>> 16) & 0xff;
                out[n++] = (v >>> 8) & 0xff;
                out[n++] = v & 0xff;
                continue;
            }
            if (g.isEmpty() || g.length() > 4) throw new IllegalArgumentException("not an IPv6 address: " + whole);
            int v;
            try {
                v = Integer.parseInt(g, 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IPv6 address: " + whole);
            }
            out[n++] = v >> 8;
            out[n++] = v & 0xff;
        }
        return java.util.Arrays.copyOf(out, n);
    }
}

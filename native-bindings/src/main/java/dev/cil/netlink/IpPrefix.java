package dev.cil.netlink;

import java.net.Inet4Address;
import java.net.InetAddress;

/** An address and prefix length: {@code 10.0.0.0/24}; {@code default} is {@code 0.0.0.0/0}. */
public record IpPrefix(InetAddress address, int length) {
    public IpPrefix {
        int max = address instanceof Inet4Address ? 32 : 128;
        if (length < 0 || length > max) throw new IllegalArgumentException("prefix length " + length + " out of range 0-" + max);
    }

    /** {@code a.b.c.d/len}, {@code a.b.c.d} (a /32) or {@code default}. */
    public static IpPrefix parse(String s) {
        if (s.equals("default")) return new IpPrefix(Ip.v4("0.0.0.0"), 0);
        int slash = s.indexOf('/');
        if (slash < 0) return new IpPrefix(Ip.v4(s), 32);
        String len = s.substring(slash + 1);
        if (len.isEmpty() || len.length() > 2 || !len.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("bad prefix length in \"" + s + "\"");
        }
        return new IpPrefix(Ip.v4(s.substring(0, slash)), Integer.parseInt(len));
    }

    public boolean isDefault() { return length == 0; }

    @Override
    public String toString() { return address.getHostAddress() + "/" + length; }
}

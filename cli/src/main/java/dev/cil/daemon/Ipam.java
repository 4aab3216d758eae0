package dev.cil.daemon;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.TreeMap;

/**
 * IPv4 address management for one node's pod CIDR: hands out the lowest free host address (the network
 * and broadcast addresses are never used), records each allocation's owner ({@code router},
 * {@code health}, {@code NAMESPACE/POD}), and never hands out an address twice.
 */
final class Ipam {
    private final int network;
    private final int bits;
    private final String cidr;
    private final TreeMap<Integer, String> owners = new TreeMap<>(Integer::compareUnsigned);

    /** @throws IllegalArgumentException unless {@code cidr} is an IPv4 network {@code a.b.c.d/len}, len 8-30 */
    Ipam(String cidr) {
        int slash = cidr == null ? -1 : cidr.indexOf('/');
        if (slash < 0) throw new IllegalArgumentException("pod CIDR '" + cidr + "' is not a.b.c.d/len");
        int len;
        try {
            len = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("pod CIDR '" + cidr + "': bad prefix length");
        }
        if (len < 8 || len > 30) throw new IllegalArgumentException("pod CIDR '" + cidr + "': prefix length must be 8-30");
        int addr = toInt(parse(cidr.substring(0, slash)));
        int mask = -1 << (32 - len);
        if ((addr & ~mask) != 0) {
            throw new IllegalArgumentException("pod CIDR '" + cidr + "' has host bits set (the network is "
                    + toAddress(addr & mask).getHostAddress() + "/" + len + ")");
        }
        this.network = addr;
        this.bits = len;
        this.cidr = toAddress(addr).getHostAddress() + "/" + len;
    }

    String cidr() { return cidr; }

    int prefixLength() { return bits; }

    Inet4Address networkAddress() { return toAddress(network); }

    /** Usable host addresses (what Cilium prints as the pool size, e.g. 254 for a /24). */
    int capacity() { return (1 << (32 - bits)) - 2; }

    int used() { return owners.size(); }

    /** The lowest free address, now owned by {@code owner}. @throws IllegalStateException when the pool is full */
    Inet4Address allocateNext(String owner) {
        for (int i = 1; i <= capacity(); i++) {
            int a = network + i;
            if (!owners.containsKey(a)) {
                owners.put(a, owner);
                return toAddress(a);
            }
        }
        throw new IllegalStateException("pod CIDR " + cidr + " is exhausted (" + capacity() + " addresses in use)");
    }

    /** Records an existing allocation (restore). @throws IllegalArgumentException if outside the pool or taken */
    void allocate(Inet4Address ip, String owner) {
        int a = toInt(ip);
        if (!contains(ip)) throw new IllegalArgumentException(ip.getHostAddress() + " is not a host address of " + cidr);
        String prev = owners.putIfAbsent(a, owner);
        if (prev != null) throw new IllegalArgumentException(ip.getHostAddress() + " is already allocated to " + prev);
    }

    void release(Inet4Address ip) { owners.remove(toInt(ip)); }

    boolean contains(Inet4Address ip) {
        int a = toInt(ip);
        int off = a - network;
        return off >= 1 && off <= capacity() && (a & (-1 << (32 - bits))) == network;
    }

    /** address → owner, in address order. */
    Map<String, String> allocations() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (Map.Entry<Integer, String> e : owners.entrySet()) m.put(toAddress(e.getKey()).getHostAddress(), e.getValue());
        return m;
    }

    static Inet4Address parse(String s) {
        String[] p = s.split("\\.", -1);
        if (p.length != 4) throw new IllegalArgumentException("not an IPv4 address: '" + s + "'");
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (p[i].isEmpty() || p[i].length() > 3 || !p[i].chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("not an IPv4 address: '" + s + "'");
            }
            int v = Integer.parseInt(p[i]);
            if (v > 255) throw new IllegalArgumentException("not an IPv4 address: '" + s + "'");
            b[i] = (byte) v;
        }
        return toAddress(b);
    }

    static int toInt(Inet4Address a) {
        byte[] b = a.getAddress();
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    static Inet4Address toAddress(int v) {
        return toAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }

    private static Inet4Address toAddress(byte[] b) {
        try {
            return (Inet4Address) InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}

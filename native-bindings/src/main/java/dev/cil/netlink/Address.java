package dev.cil.netlink;

import java.net.InetAddress;
import java.util.Optional;

/**
 * An interface address as {@code RTM_GETADDR} reports it.
 *
 * @param ifindex   the device
 * @param family    2 (AF_INET) or 10 (AF_INET6)
 * @param prefixLen the prefix length
 * @param scope     RT_SCOPE_* (0 global, 253 link, 254 host)
 * @param flags     IFA_F_* (IFA_FLAGS when present, else the header's 8 bits)
 * @param local     IFA_LOCAL: the address itself (IPv4)
 * @param address   IFA_ADDRESS: the peer on point-to-point links, else equal to local (IPv6 has only this)
 * @param label     IFA_LABEL
 */
public record Address(int ifindex, int family, int prefixLen, int scope, int flags, Optional<InetAddress> local,
                      Optional<InetAddress> address, Optional<String> label) {

    /** The address to show: IFA_LOCAL when present, else IFA_ADDRESS (what {@code ip addr} prints first). */
    public Optional<InetAddress> primary() { return local.isPresent() ? local : address; }
}

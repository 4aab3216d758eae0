package dev.cil.netlink;

import java.util.Optional;

/**
 * A tc filter ({@code RTM_GETTFILTER}). A dump reports, for each priority, one entry for the
 * classifier itself (handle 0, no options) and one per filter.
 *
 * @param ifindex  the device
 * @param parent   the qdisc or class it hangs on ({@link Tc#INGRESS}, {@link Tc#EGRESS}, ...)
 * @param handle   the filter handle
 * @param priority the preference ({@code pref} in tc)
 * @param protocol the ethertype, host order ({@link Tc#ETH_P_ALL} = all)
 * @param kind     TCA_KIND ({@code bpf}, {@code u32}, {@code flower}, ...)
 * @param chain    TCA_CHAIN (0 when absent)
 * @param bpf      the cls_bpf options, for kind {@code bpf} entries that carry options
 */
public record TcFilter(int ifindex, int parent, int handle, int priority, int protocol, String kind, int chain,
                       Optional<TcBpf> bpf) { }

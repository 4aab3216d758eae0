package dev.cil.netlink;

/**
 * One line of {@code bpftool net show}'s {@code tc:} section: a bpf filter with options on a device,
 * at a location named as bpftool names it ({@code clsact/ingress}, {@code clsact/egress}, {@code root},
 * or the kind of the qdisc or class it hangs on, e.g. {@code htb}).
 */
public record TcBpfEntry(int ifindex, String device, String location, TcFilter filter) {
    public TcBpf bpf() { return filter.bpf().orElseThrow(); }
}

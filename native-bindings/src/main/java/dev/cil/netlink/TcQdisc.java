package dev.cil.netlink;

/** A qdisc ({@code RTM_GETQDISC}) or class ({@code RTM_GETTCLASS}) of a device: kind and handles. */
public record TcQdisc(int ifindex, int handle, int parent, String kind) { }

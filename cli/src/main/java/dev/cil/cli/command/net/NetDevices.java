package dev.cil.cli.command.net;

import dev.cil.cli.CilException;
import dev.cil.netlink.Link;
import dev.cil.netlink.Rtnl;

import java.util.Optional;

/** Device lookups with the CLI's error message. */
final class NetDevices {
    private NetDevices() { }

    static int ifindex(Rtnl rtnl, String name) {
        Optional<Link> l = rtnl.findLink(name);
        if (l.isEmpty()) throw CilException.failure("no device named " + name + " in this network namespace");
        return l.get().ifindex();
    }
}

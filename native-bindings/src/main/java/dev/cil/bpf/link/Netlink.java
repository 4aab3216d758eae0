package dev.cil.bpf.link;

import dev.cil.netlink.Rtnl;
import dev.cil.netns.NetNs;

import java.util.function.Consumer;

/** Netlink work for the legacy attachments, done in the namespace they were made in. */
final class Netlink {
    private Netlink() { }

    /** Runs {@code work} with an rtnetlink socket inside {@code ns}, then closes {@code ns}. */
    static void inNamespace(NetNs ns, Consumer<Rtnl> work) {
        try (ns) {
            ns.run(() -> {
                try (Rtnl rtnl = Rtnl.open()) {
                    work.accept(rtnl);
                }
                return null;
            });
        }
    }
}

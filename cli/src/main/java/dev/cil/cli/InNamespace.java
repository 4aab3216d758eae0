package dev.cil.cli;

import dev.cil.netns.NetNs;
import dev.cil.netns.NetNsNotFoundException;

import java.util.concurrent.Callable;

/**
 * Runs a command inside a named network namespace ({@code --netns NAME}, iproute2's names) on the
 * namespace's own platform thread: the caller's thread never changes namespace.
 */
public final class InNamespace {
    private InNamespace() { }

    public static <T> T call(String netns, Callable<T> work) throws Exception {
        NetNs ns;
        try {
            ns = netns.contains("/") ? NetNs.openPath(netns) : NetNs.open(netns);
        } catch (NetNsNotFoundException e) {
            throw CilException.failure(e.getMessage());
        }
        try (ns) {
            return ns.run(work::call);
        }
    }
}

package dev.cil.cli;

import dev.cil.internal.sys.ErrnoException;
import dev.cil.internal.sys.Fd;
import dev.cil.internal.sys.Sys;
import dev.cil.error.Errno;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs work inside a named network namespace ({@code /run/netns/NAME}, as iproute2 names them) on a
 * dedicated platform thread that did setns: the caller's thread never changes namespace, and the
 * thread dies with the work.
 */
public final class InNamespace {
    private InNamespace() { }

    public static <T> T call(String netns, Callable<T> work) throws Exception {
        String path = netns.contains("/") ? netns : "/run/netns/" + netns;
        Fd nsFd;
        try {
            nsFd = new Fd(Sys.get().open(path, Sys.O_RDONLY, 0), "netns " + netns);
        } catch (ErrnoException e) {
            if (e.errno() == 2) throw CilException.failure("network namespace \"" + netns + "\" not found");
            throw CilException.failure("cannot open network namespace \"" + netns + "\": " + Errno.message(e.errno()));
        }
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (nsFd) {
            Thread t = new Thread(() -> {
                try {
                    Sys.get().setns(nsFd.raw(), Sys.CLONE_NEWNET);
                } catch (ErrnoException e) {
                    failure.set(CilException.precondition("cannot enter network namespace \"" + netns + "\": "
                            + Errno.message(e.errno()) + (e.errno() == 1 ? " (need root or CAP_SYS_ADMIN)" : "")));
                    return;
                }
                try {
                    result.set(work.call());
                } catch (Exception e) {
                    failure.set(e);
                }
            }, "netns-" + netns);
            t.start();
            t.join();
        }
        if (failure.get() != null) throw failure.get();
        return result.get();
    }
}

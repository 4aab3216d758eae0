package dev.cil.internal.sys;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A file descriptor with exactly one owner. {@link #close()} closes it once; {@link #disown()}
 * hands the raw number to a new owner. A {@link Cleaner} is only a safety net: when an Fd becomes
 * unreachable while still open, it closes it and logs a warning naming the fd and its creator.
 */
public final class Fd implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final System.Logger LOG = System.getLogger("dev.cil.fd");

    private final State state;
    private final Cleaner.Cleanable net;

    private static final class State implements Runnable {
        final AtomicInteger raw;
        final String what;

        State(int raw, String what) {
            this.raw = new AtomicInteger(raw);
            this.what = what;
        }

        @Override
        public void run() {
            int r = raw.getAndSet(-1);
            if (r >= 0) {
                LOG.log(System.Logger.Level.WARNING, "fd " + r + " (" + what + ") leaked; closed by the cleaner");
                try { Sys.get().close(r); } catch (RuntimeException ignored) { /* best effort */ }
            }
        }
    }

    public Fd(int raw, String what) {
        if (raw < 0) throw new IllegalArgumentException("bad fd " + raw);
        this.state = new State(raw, what);
        this.net = CLEANER.register(this, state);
    }

    /** The number; throws if closed or disowned. */
    public int raw() {
        int r = state.raw.get();
        if (r < 0) throw new IllegalStateException("fd of " + state.what + " is closed");
        return r;
    }

    public boolean isOpen() { return state.raw.get() >= 0; }

    /** What this fd refers to, for messages. */
    public String what() { return state.what; }

    /** Hands the number to the caller, who must close it; this Fd no longer owns it. */
    public int disown() {
        int r = state.raw.getAndSet(-1);
        net.clean();
        return r;
    }

    /** A new owner of a duplicate (F_DUPFD_CLOEXEC). */
    public Fd dup() {
        return new Fd(Sys.get().dupCloexec(raw()), state.what);
    }

    @Override
    public void close() {
        int r = state.raw.getAndSet(-1);
        net.clean();
        if (r >= 0) Sys.get().close(r);
    }

    @Override
    public String toString() { return "Fd(" + state.raw.get() + ", " + state.what + ")"; }
}

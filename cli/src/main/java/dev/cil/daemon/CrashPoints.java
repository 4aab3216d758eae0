package dev.cil.daemon;

/**
 * Fault injection for the restart tests: with {@code -Dcil.daemon.crashAt=NAME} the daemon halts at the
 * named step as {@code kill -9} would (no shutdown hooks, no cleanup, exit status 137). The names
 * are the steps of endpoint creation ({@link #STEPS}); they fire only inside an API create (the same
 * code also runs when endpoints are restored). Unset in normal runs: a no-op.
 */
final class CrashPoints {
    private CrashPoints() { }

    /** The points, in the order {@code endpoint create} reaches them. */
    static final String[] STEPS = {"create.persisted", "create.netns", "create.veth", "create.wired", "create.maps",
        "create.attached", "create.ready"};

    private static final String AT = System.getProperty("cil.daemon.crashAt", "");
    private static final ThreadLocal<Boolean> ARMED = ThreadLocal.withInitial(() -> false);

    /** Crash points fire on this thread until {@link #disarm()}. */
    static void arm() { ARMED.set(true); }

    static void disarm() { ARMED.set(false); }

    static void reached(String point) {
        if (!AT.isEmpty() && AT.equals(point) && ARMED.get()) {
            System.err.println("cil daemon: crash point " + point + " reached: halting (cil.daemon.crashAt)");
            System.err.flush();
            Runtime.getRuntime().halt(137);
        }
    }
}

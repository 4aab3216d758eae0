package dev.cil.client;

/**
 * System properties Jetty reads once, set before its first class loads (the first caller in a JVM wins;
 * a property the user set is kept).
 *
 * <ul>
 * <li>Logging: Jetty logs through SLF4J. Two providers ship with cil: slf4j-nop for commands (nothing to
 * log, and it starts ~40 ms faster than discovering providers) and Jetty's own for the daemon (warnings
 * into its log). Naming the provider with {@code slf4j.provider} skips SLF4J's service lookup; the
 * verbosity setting keeps SLF4J's own "provider chosen" note off stderr.</li>
 * <li>{@code org.eclipse.jetty.util.referencesPerCacheLine}: without it Jetty's {@code MemoryUtils} asks
 * the platform MBean server whether oops are compressed, which registers every platform MXBean
 * (about 25 ms of a one-shot command). 16 is its answer for compressed oops, a heap under 32 GB; it
 * only sizes the padding of Jetty's queues.</li>
 * </ul>
 */
public final class JettySetup {
    private JettySetup() { }

    public static final String NOP = "org.slf4j.nop.NOPServiceProvider";
    public static final String JETTY = "org.eclipse.jetty.logging.JettyLoggingServiceProvider";

    /** For commands: no logging. */
    public static void forCommands() { apply(NOP); }

    /** For the daemon: Jetty's warnings into the daemon's log. */
    public static void forDaemon() { apply(JETTY); }

    private static void apply(String provider) {
        setIfAbsent("slf4j.provider", provider);
        setIfAbsent("slf4j.internal.verbosity", "WARN");
        setIfAbsent("org.eclipse.jetty.util.referencesPerCacheLine", "16");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) System.setProperty(key, value);
    }
}

package dev.cil.client;

/**
 * Jetty logs through SLF4J. Two providers ship with cil: slf4j-nop for commands (nothing to log, and it
 * starts ~40 ms faster than discovering providers) and Jetty's own for the daemon (warnings into its
 * log). Naming the provider with {@code slf4j.provider} skips SLF4J's service lookup; the verbosity
 * setting keeps SLF4J's own "provider chosen" note off stderr.
 */
public final class Slf4j {
    private Slf4j() { }

    public static final String NOP = "org.slf4j.nop.NOPServiceProvider";
    public static final String JETTY = "org.eclipse.jetty.logging.JettyLoggingServiceProvider";

    /** For commands: no logging (unless a provider was chosen already). */
    public static void quiet() { choose(NOP); }

    /** Chooses a provider unless one was chosen already (the first caller in a JVM wins). */
    public static void choose(String provider) {
        if (System.getProperty("slf4j.provider") == null) System.setProperty("slf4j.provider", provider);
        if (System.getProperty("slf4j.internal.verbosity") == null) System.setProperty("slf4j.internal.verbosity", "WARN");
    }
}

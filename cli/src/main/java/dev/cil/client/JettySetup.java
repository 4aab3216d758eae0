package dev.cil.client;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Jetty as cil uses it: the daemon clients' HTTP client ({@link #startClient}), and the system
 * properties Jetty reads once, set before its first class loads (the first caller in a JVM wins; a
 * property the user set is kept).
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

    /**
     * A started HTTP client for a daemon's unix socket, set up for one-shot commands: no TLS context
     * (Jetty would initialise an SSLContext and its key store), a small pool of daemon threads named
     * {@code threadName}. {@code idle}: null keeps Jetty's idle timeouts, zero turns them off (a
     * follower may wait long between lines).
     */
    public static HttpClient startClient(String threadName, Duration connectTimeout, Duration idle) {
        ClientConnector connector = new ClientConnector() {
            @Override
            protected SslContextFactory.Client newSslContextFactory() { return null; }
        };
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        connector.setExecutor(pool);
        connector.setConnectTimeout(connectTimeout);
        if (idle != null) connector.setIdleTimeout(idle);
        HttpClient c = new HttpClient(new HttpClientTransportOverHTTP(connector));
        c.setExecutor(pool);
        c.setFollowRedirects(false);
        if (idle != null) c.setIdleTimeout(idle.toMillis());
        try {
            c.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the HTTP client: " + e, e);
        }
        return c;
    }

    /** Stops a client from {@link #startClient} and its threads. */
    public static void stop(HttpClient c) {
        try {
            c.stop();
        } catch (Exception e) {
            // stopping daemon threads of a one-shot client: nothing to do
        }
        if (c.getExecutor() instanceof ExecutorService) ((ExecutorService) c.getExecutor()).shutdownNow();
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) System.setProperty(key, value);
    }
}

package dev.cil.flow;

/**
 * A stream of flow responses from a source ({@link ObserverClient}): blocking reads, an end, and
 * {@link #close()} from any thread to stop it (a blocked {@link #poll} then returns null).
 */
public interface FlowStream extends AutoCloseable {
    /**
     * The next item, waiting up to {@code timeoutMs} (negative: until one arrives or the stream ends).
     * Returns null after a timeout or at the end; {@link #ended()} tells which.
     */
    FlowsResponse poll(long timeoutMs) throws InterruptedException;

    /** True once the stream has nothing more to give (it ended or was closed). */
    boolean ended();

    @Override
    void close();
}

package dev.cil.flow;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * The client side of {@code GET /v1/flows}: the response body's lines read back as a
 * {@link FlowStream} (the server has already filtered and selected). A line that is not a flow is
 * reported to {@code warnings} and skipped; the stream ends with the body. {@link #close()} closes
 * the body, which ends a blocked read.
 */
public final class NdjsonFlowStream implements FlowStream {
    private final BufferedReader in;
    private final Consumer<String> warnings;
    private final Closeable source;
    private volatile boolean ended;
    private long lineNo;

    public NdjsonFlowStream(Reader body, Consumer<String> warnings) { this(body, warnings, null); }

    /**
     * {@code source}: the stream under {@code body} (e.g. the HTTP response's). {@link #close()}
     * closes it first: readers hold their lock while blocked in a read, so closing only the reader
     * from another thread would wait for the next line; closing the source ends the read at once.
     */
    public NdjsonFlowStream(Reader body, Consumer<String> warnings, Closeable source) {
        this.in = body instanceof BufferedReader ? (BufferedReader) body : new BufferedReader(body, 1 << 16);
        this.warnings = warnings;
        this.source = source;
    }

    /**
     * With {@code timeoutMs} 0: the next line if one is already there, else null at once. Negative:
     * blocks until a flow arrives or the body ends. Positive: as negative, but returns null at the
     * first empty line read once {@code timeoutMs} have passed (the daemon sends one after each quiet
     * second, so a quiet stream answers within about a second of the timeout).
     */
    @Override
    public FlowsResponse poll(long timeoutMs) {
        if (ended) return null;
        long deadline = timeoutMs > 0 ? System.nanoTime() + timeoutMs * 1_000_000L : 0;
        try {
            if (timeoutMs == 0 && !in.ready()) return null;
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    if (timeoutMs > 0 && System.nanoTime() - deadline >= 0) return null;
                    continue;
                }
                try {
                    FlowsResponse r = FlowJson.parse(line);
                    if (r != null) return r;
                } catch (IllegalArgumentException e) {
                    warnings.accept("line " + lineNo + " of the flow stream: " + e.getMessage());
                }
            }
        } catch (IOException e) {
            if (ended) return null;
            throw new UncheckedIOException(e);
        }
        ended = true;
        return null;
    }

    @Override
    public boolean ended() { return ended; }

    @Override
    public void close() {
        ended = true;
        if (source != null) {
            try {
                source.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
        try {
            in.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}

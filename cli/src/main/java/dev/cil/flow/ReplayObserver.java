package dev.cil.flow;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * {@code --input-file}: flows replayed from NDJSON lines (cil's and hubble's {@code -o json}), through
 * the same request semantics as hubble's IOReaderObserver: lines in file order, the window and the
 * filter applied, then the first N, the last N (at most 1,000,000) or all. A line that is not a flow
 * is reported to {@code warnings} ({@code line 3: …}) and skipped. {@code follow} is ignored: the
 * stream ends at the end of the input.
 */
public final class ReplayObserver implements ObserverClient {
    private final BufferedReader in;
    private final Consumer<String> warnings;

    public ReplayObserver(Reader in, Consumer<String> warnings) {
        this.in = in instanceof BufferedReader ? (BufferedReader) in : new BufferedReader(in, 1 << 16);
        this.warnings = warnings;
    }

    @Override
    public FlowStream getFlows(FlowRequest req) {
        long n = req.number();
        if (!req.first() && n > 1_000_000) throw new IllegalArgumentException("--last must be <= 1_000_000, got " + n);
        return new FlowStream() {
            private long lineNo;
            private long returned;
            private boolean eof;
            private ArrayDeque<FlowsResponse> last;
            private volatile boolean closed;

            private FlowsResponse nextMatching() {
                try {
                    String line;
                    while (!closed && (line = in.readLine()) != null) {
                        lineNo++;
                        if (line.isBlank()) continue;
                        FlowsResponse r;
                        try {
                            r = FlowJson.parse(line);
                        } catch (IllegalArgumentException e) {
                            warnings.accept("line " + lineNo + ": not a flow: " + e.getMessage());
                            continue;
                        }
                        if (r == null) continue;
                        if (r instanceof FlowsResponse.OfFlow) {
                            Flow f = ((FlowsResponse.OfFlow) r).flow();
                            if (!req.inWindow(r.time() != null ? r.time() : f.time()) || !req.filter().test(f)) continue;
                        } else if (!req.inWindow(r.time())) {
                            continue;
                        }
                        return r;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                eof = true;
                return null;
            }

            @Override
            public FlowsResponse poll(long timeoutMs) {
                if (closed) return null;
                boolean bounded = n > 0 && n != FlowRequest.ALL;
                if (bounded && req.first()) {
                    if (returned >= n) return null;
                    FlowsResponse r = nextMatching();
                    if (r != null) returned++;
                    return r;
                }
                if (bounded) {
                    if (last == null) {
                        last = new ArrayDeque<>();
                        FlowsResponse r;
                        while ((r = nextMatching()) != null) {
                            last.addLast(r);
                            if (last.size() > n) last.removeFirst();
                        }
                    }
                    return last.pollFirst();
                }
                return nextMatching();
            }

            @Override
            public boolean ended() {
                if (closed) return true;
                if (n > 0 && n != FlowRequest.ALL && req.first()) return returned >= n || eof;
                if (last != null) return last.isEmpty();
                return eof;
            }

            @Override
            public void close() { closed = true; }
        };
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}

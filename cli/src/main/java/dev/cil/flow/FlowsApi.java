package dev.cil.flow;

import java.io.IOException;
import java.io.Writer;
import java.util.function.BooleanSupplier;

/**
 * The server side of {@code GET /v1/flows} for the daemon's HTTP layer to call: decode the query,
 * run it on the {@link FlowStore}, write one {@code -o json} line per item, flushing whenever the
 * stream has nothing more right away (so a follower sees flows as they come). The HTTP layer maps
 * {@link IllegalArgumentException} from {@link #request} to 400 with its error body
 * {@code {"code":400,"message":"…"}} (docs/flows-api.md).
 */
public final class FlowsApi {
    private FlowsApi() { }

    /** Media type of the response body. */
    public static final String CONTENT_TYPE = "application/x-ndjson";

    /** The request of a query string; IllegalArgumentException for a bad one (answer 400). */
    public static FlowRequest request(String rawQuery) { return FlowQuery.decode(rawQuery); }

    /**
     * Streams the answer to {@code out} until it ends, the client goes away ({@code clientGone}, or
     * an IOException on write) or {@code stream} is closed from another thread. Returns the number of
     * lines written.
     */
    public static long serve(FlowStream stream, Writer out, BooleanSupplier clientGone) throws IOException, InterruptedException {
        long lines = 0;
        StringBuilder b = new StringBuilder(1024);
        try {
            while (!clientGone.getAsBoolean()) {
                FlowsResponse r = stream.poll(0);
                if (r == null) {
                    if (stream.ended()) break;
                    out.flush();
                    r = stream.poll(1000);
                    if (r == null) {
                        if (stream.ended()) break;
                        out.write('\n');   // a quiet second: an empty line (readers skip it) finds a follower that went away
                        out.flush();
                        continue;
                    }
                }
                b.setLength(0);
                FlowJson.append(b, r);
                b.append('\n');
                out.append(b);
                lines++;
            }
            out.flush();
        } finally {
            stream.close();
        }
        return lines;
    }
}

package dev.cil.cli.command.observe;

import dev.cil.api.NodePaths;
import dev.cil.cli.CilException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code cil monitor}'s source while the node's daemon runs: the daemon owns the ring buffer (it has
 * one consumer), so monitor reads a copy of every record from {@code GET /v1/monitor} — NDJSON lines
 * {@code {"record":"BASE64"}} and {@code {"dropped":N}} — and decodes and prints them as it would
 * from the ring buffer itself.
 */
final class DaemonRecords implements AutoCloseable {
    /** Receives one record (little-endian, as in the ring) or a count of records the daemon dropped for this client. */
    interface Sink {
        void record(ByteBuffer data, int off, int len);

        void dropped(long n);
    }

    private final DaemonFlowsClient http;
    private final BufferedReader lines;
    private final InputStream body;
    private final String node;

    private DaemonRecords(DaemonFlowsClient http, InputStream body, String node) {
        this.http = http;
        this.body = body;
        this.lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        this.node = node;
    }

    /** Subscribes; the daemon answers with {@code {"started":true}} once the copy is in place. */
    static DaemonRecords open(NodePaths paths) throws IOException {
        DaemonFlowsClient http = new DaemonFlowsClient(paths, w -> { });
        try {
            InputStream body = http.open("/v1/monitor", "application/x-ndjson", true,
                    "the daemon of node " + paths.node() + " does not serve GET /v1/monitor");
            DaemonRecords r = new DaemonRecords(http, body, paths.node());
            String first = r.lines.readLine();
            if (first == null || !first.contains("\"started\"")) throw CilException.failure("unexpected answer from GET /v1/monitor: " + first);
            return r;
        } catch (IOException | RuntimeException e) {
            http.close();
            throw e;
        }
    }

    String describe() { return "the cil daemon of node " + node + " (GET /v1/monitor)"; }

    /** Reads the next line and hands it on; false at the end of the stream. */
    boolean next(Sink sink) throws IOException {
        String l = lines.readLine();
        if (l == null) return false;
        int k = l.indexOf("\"record\":\"");
        if (k >= 0) {
            byte[] b = Base64.getDecoder().decode(l.substring(k + 10, l.lastIndexOf('"')));
            sink.record(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN), 0, b.length);
        } else if ((k = l.indexOf("\"dropped\":")) >= 0) {
            sink.dropped(Long.parseLong(l.substring(k + 10, l.indexOf('}', k)).trim()));
        }
        return true;
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            // closing a one-shot stream
        }
        http.close();
    }
}

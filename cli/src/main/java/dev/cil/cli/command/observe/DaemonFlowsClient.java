package dev.cil.cli.command.observe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cil.api.ApiJson;
import dev.cil.api.NodePaths;
import dev.cil.cli.CilException;
import dev.cil.cli.ExitCodes;
import dev.cil.client.JettySetup;
import dev.cil.flow.FlowQuery;
import dev.cil.flow.FlowRequest;
import dev.cil.flow.FlowStream;
import dev.cil.flow.FlowsApi;
import dev.cil.flow.NdjsonFlowStream;
import dev.cil.flow.ObserverClient;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.io.Transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * {@code cil observe}'s live source: {@code GET /v1/flows?QUERY} on the node's daemon socket
 * (docs/flows-api.md), the NDJSON body read as it arrives. The daemon's client
 * ({@code dev.cil.client.DaemonClient}) reads whole answers only, so this one sets up the same Jetty
 * client (HTTP/1.1 over the unix socket, no TLS, daemon threads) with a streaming listener.
 *
 * <p>Answers: 200 → the stream; 400 → IllegalArgumentException (exit 2); 404 → the daemon has no
 * flow API (exit 3, "no daemon API for flows yet"); 403, 503 → exit 3; others → exit 1; no daemon →
 * exit 3 with the socket and how to start it, as the agent commands say it.
 */
final class DaemonFlowsClient implements ObserverClient {
    // also the transport of cil monitor's daemon source (DaemonRecords)
    static {
        JettySetup.forCommands();
    }

    static final String NO_API = "no daemon API for flows yet";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** How long to wait for the status line (the server answers before it looks for flows). */
    private static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(30);
    /** Without --follow, the longest silence inside a body; a follower waits for flows forever. */
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(120);

    private final NodePaths paths;
    private final Consumer<String> warnings;
    private HttpClient http;

    DaemonFlowsClient(NodePaths paths, Consumer<String> warnings) {
        this.paths = paths;
        this.warnings = warnings;
    }

    @Override
    public FlowStream getFlows(FlowRequest request) throws IOException {
        String query = FlowQuery.encode(request);
        InputStream body = open("/v1/flows" + (query.isEmpty() ? "" : "?" + query), FlowsApi.CONTENT_TYPE, request.follow(),
                NO_API + " (the daemon of node " + paths.node() + " does not serve GET /v1/flows)");
        return new NdjsonFlowStream(new InputStreamReader(body, StandardCharsets.UTF_8), warnings, body);
    }

    /**
     * GET {@code path} on the node's socket; the body as it arrives when the answer is 200. Errors map
     * to exit codes: 400 → IllegalArgumentException (2); 404 → {@code notServed} (3); 403, 503 → 3; others → 1.
     */
    InputStream open(String path, String accept, boolean endless, String notServed) throws IOException {
        if (!Files.exists(paths.socket())) throw unreachable("no socket there");
        Request req = client().newRequest("http://localhost" + path)
                .transport(new Transport.TCPUnix(paths.socket()))
                .method("GET")
                .headers(h -> h.put("Accept", accept))
                .idleTimeout(endless ? -1 : IDLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        InputStreamResponseListener listener = new InputStreamResponseListener();
        req.send(listener);
        Response r;
        try {
            r = listener.get(HEADERS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            req.abort(e);
            Thread.currentThread().interrupt();
            throw unreachable("interrupted");
        } catch (TimeoutException e) {
            req.abort(e);
            throw unreachable("no answer within " + HEADERS_TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            String m = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
            if (m.contains("Permission denied")) throw unreachable("permission denied (the API is root-only: run as root)");
            throw unreachable(m);
        }
        InputStream body = listener.getInputStream();
        if (r.getStatus() == 200) return body;
        String message = errorMessage(body, r.getStatus());
        switch (r.getStatus()) {
            case 400: throw new IllegalArgumentException(message);
            case 404: throw CilException.precondition(notServed);
            case 403: case 503: throw CilException.precondition(message);
            default: throw CilException.failure("GET " + path.replaceFirst("\\?.*", "") + ": " + message);
        }
    }

    /** The daemon's {@code {"code":N,"message":"…"}} (or hubble-style {@code {"error":"…"}}), else the status. */
    private static String errorMessage(InputStream body, int status) {
        try (InputStream in = body) {
            byte[] b = in.readNBytes(64 * 1024);
            JsonNode n = ApiJson.lenient().readTree(b);
            if (n != null && n.hasNonNull("message")) return n.get("message").asText();
            if (n != null && n.hasNonNull("error")) return n.get("error").asText();
        } catch (IOException | RuntimeException e) {
            // no JSON body
        }
        return "HTTP " + status;
    }

    /** The daemon is not there to answer (no socket, nobody listening, no permission). */
    static final class Unreachable extends CilException {
        private static final long serialVersionUID = 1L;

        Unreachable(String message) { super(message, ExitCodes.PRECONDITION); }
    }

    private CilException unreachable(String why) {
        return new Unreachable("cannot reach the cil daemon of node " + paths.node() + " at " + paths.socket() + ": " + why
                + " (start it with 'cil daemon start -N " + paths.node() + "')");
    }

    private HttpClient client() {
        if (http == null) http = JettySetup.startClient("cil-flows-client", CONNECT_TIMEOUT, Duration.ZERO);
        return http;
    }

    @Override
    public void close() {
        if (http == null) return;
        JettySetup.stop(http);
        http = null;
    }
}

package dev.cil.daemon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.cil.api.ApiJson;
import dev.cil.api.EndpointChangeRequest;
import dev.cil.api.ErrorBody;
import dev.cil.api.NodePaths;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The daemon's REST API on a unix socket ({@code /run/cil/NODE/cil.sock}), shaped like Cilium's
 * {@code /v1}: {@code GET healthz, config, endpoint, endpoint/{id}, ip, identity, identity/{id}, map,
 * map/{name}}, {@code POST endpoint}, {@code DELETE endpoint/{id}} ({@code id}: a number or
 * {@code pod-name:NAMESPACE/POD}). Root only, twice over: the socket's mode is 0600, and each request's
 * peer credentials ({@code SO_PEERCRED}) must be root's or the daemon's own user. Every error is a 4xx/5xx
 * with {@code {"code","message"}}; a refused request changes nothing.
 */
final class ApiServer implements AutoCloseable {
    static final int MAX_BODY = 64 * 1024;

    private final NodeDaemon daemon;
    private final NodePaths paths;
    private final DaemonLog log;
    private final ObjectMapper json = ApiJson.strict();
    private final Set<String> allowedUsers;
    private volatile boolean stopping;
    private Server server;

    ApiServer(NodeDaemon daemon, NodePaths paths, DaemonLog log) {
        this.daemon = daemon;
        this.paths = paths;
        this.log = log;
        this.allowedUsers = new java.util.HashSet<>(java.util.List.of("root", System.getProperty("user.name", "root")));
    }

    void start() throws Exception {
        Path sock = paths.socket();
        Files.deleteIfExists(sock);   // a stale socket of a killed daemon (we hold the node lock)
        QueuedThreadPool pool = new QueuedThreadPool(16, 2);
        pool.setName("cil-api");
        pool.setDaemon(true);
        server = new Server(pool);
        HttpConfiguration hc = new HttpConfiguration();
        hc.setSendServerVersion(false);
        hc.setSendDateHeader(false);
        UnixDomainServerConnector c = new UnixDomainServerConnector(server, new HttpConnectionFactory(hc));
        c.setUnixDomainPath(sock);
        c.setIdleTimeout(0);   // a quiet `cil observe --follow` must not be cut off; one-shot clients close their side
        server.addConnector(c);
        server.setHandler(new Router());
        server.start();
        Files.setPosixFilePermissions(sock, PosixFilePermissions.fromString("rw-------"));
        log.info("API listening on " + sock);
    }

    @Override
    public void close() {
        if (server == null) return;
        stopping = true;   // ends the flow streams, so the server can stop
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("stopping the API server: " + e);
        }
        try {
            Files.deleteIfExists(paths.socket());
        } catch (IOException e) {
            // gone
        }
    }

    /** The peer's user name from SO_PEERCRED, or null when it cannot be read. */
    static String peerUser(Request req) {
        EndPoint ep = req.getConnectionMetaData().getConnection().getEndPoint();
        if (!(ep instanceof SocketChannelEndPoint)) return null;
        try {
            UnixDomainPrincipal p = ((SocketChannelEndPoint) ep).getChannel().getOption(ExtendedSocketOptions.SO_PEERCRED);
            return p == null ? null : p.user().getName();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private final class Router extends Handler.Abstract {
        @Override
        public boolean handle(Request req, Response resp, Callback cb) {
            int status = 200;
            Object body;
            String method = req.getMethod();
            String path = req.getHttpURI().getDecodedPath();
            try {
                String user = peerUser(req);
                if (user == null || !allowedUsers.contains(user)) {
                    throw new ApiException(403, "permission denied: the cil API is root-only (peer user "
                            + (user == null ? "unknown" : user) + ")");
                }
                if ("/v1/flows".equals(path)) return flows(method, req, resp, cb);
                if ("/v1/monitor".equals(path)) return monitor(method, resp, cb);
                Object[] r = route(method, path, req);
                status = (Integer) r[0];
                body = r[1];
            } catch (ApiException e) {
                status = e.status;
                body = new ErrorBody(e.status, e.getMessage());
                if (e.status >= 500) log.warn(method + " " + path + ": " + e.getMessage());
            } catch (RuntimeException | IOException e) {
                status = 500;
                body = new ErrorBody(500, "internal error: " + e);
                log.error(method + " " + path, e);
            }
            byte[] out;
            try {
                out = json.writeValueAsBytes(body);
            } catch (JsonProcessingException e) {
                status = 500;
                out = ("{\"code\":500,\"message\":\"cannot encode the response\"}").getBytes(StandardCharsets.UTF_8);
            }
            resp.setStatus(status);
            resp.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            resp.write(true, java.nio.ByteBuffer.wrap(out), cb);
            return true;
        }
    }

    /** The body of a streaming answer, written to the client until it ends or the client goes away. */
    private interface StreamBody {
        void write(java.io.Writer w) throws IOException, InterruptedException;
    }

    /**
     * A GET answered with an NDJSON stream over the flow source; {@code open} may refuse it (ApiException)
     * before the status line, or return the body. Holds this API thread for as long as the stream runs.
     */
    private boolean stream(String method, Response resp, Callback cb, String what,
                           java.util.function.Function<FlowService, StreamBody> open) {
        try {
            only(method, "GET");
            FlowService f = daemon.flows();
            if (f == null) throw new ApiException(503, "no " + what + ": the node's datapath events (" + FlowService.EVENTS + ") are not being read");
            StreamBody body = open.apply(f);
            resp.setStatus(200);
            resp.getHeaders().put(HttpHeader.CONTENT_TYPE, dev.cil.flow.FlowsApi.CONTENT_TYPE);
            try (java.io.Writer w = new java.io.OutputStreamWriter(org.eclipse.jetty.io.Content.Sink.asOutputStream(resp), StandardCharsets.UTF_8)) {
                body.write(w);
            } catch (IOException e) {
                // the client went away
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            cb.succeeded();
        } catch (ApiException e) {
            error(resp, cb, e);
        }
        return true;
    }

    /**
     * {@code GET /v1/flows?QUERY}: the stored flows that match, then (with {@code follow}) new ones as
     * they come, as NDJSON (docs/flows-api.md).
     */
    private boolean flows(String method, Request req, Response resp, Callback cb) {
        return stream(method, resp, cb, "flow source", f -> {
            dev.cil.flow.FlowRequest fr;
            try {
                fr = dev.cil.flow.FlowsApi.request(req.getHttpURI().getQuery());
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, e.getMessage());
            }
            return w -> dev.cil.flow.FlowsApi.serve(f.store().query(fr, dev.cil.flow.FlowStore.DEFAULT_FOLLOW_QUEUE), w, () -> stopping);
        });
    }

    /**
     * {@code GET /v1/monitor}: every raw datapath event record from now on, as NDJSON lines
     * {@code {"record":"BASE64"}}, and {@code {"dropped":N}} when this client was too slow for N of them
     * ({@code cil monitor} decodes and prints them as it would from the ring buffer itself, which only
     * the daemon may consume while it runs), and {@code {}} after each quiet half second. Ends when the
     * client goes away or the daemon stops.
     */
    private boolean monitor(String method, Response resp, Callback cb) {
        return stream(method, resp, cb, "event source", f -> w -> {
            java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
            try (dev.cil.flow.RecordTap tap = f.tap()) {
                w.write("{\"started\":true}\n");
                w.flush();
                while (!stopping) {
                    byte[] rec = tap.poll(500);
                    long dropped = tap.takeDropped();
                    if (dropped > 0) w.write("{\"dropped\":" + dropped + "}\n");
                    if (rec != null) w.write("{\"record\":\"" + b64.encodeToString(rec) + "\"}\n");
                    if (rec == null && dropped == 0) w.write("{}\n");   // a heartbeat: the client sees a quiet second, and a gone client is noticed
                    if (rec == null || dropped > 0) w.flush();   // a client sees each burst as it ends
                }
            }
        });
    }

    /** A refused streaming request: the API's JSON error body. */
    private void error(Response resp, Callback cb, ApiException e) {
        byte[] out;
        try {
            out = json.writeValueAsBytes(new ErrorBody(e.status, e.getMessage()));
        } catch (JsonProcessingException x) {
            out = ("{\"code\":" + e.status + "}").getBytes(StandardCharsets.UTF_8);
        }
        resp.setStatus(e.status);
        resp.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        resp.write(true, java.nio.ByteBuffer.wrap(out), cb);
    }

    /** Returns {status, body}. */
    private Object[] route(String method, String path, Request req) throws IOException {
        if (path == null || !path.startsWith("/v1/")) throw ApiException.notFound("no such API path: " + path);
        String rest = path.substring(4);
        String head = rest, arg = null;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            head = rest.substring(0, slash);
            arg = rest.substring(slash + 1);
            if (arg.isEmpty()) arg = null;
        }
        switch (head) {
            case "healthz":
                if (arg != null) break;
                only(method, "GET");
                return ok(daemon.status());
            case "config":
                if (arg != null) break;
                only(method, "GET");
                return ok(daemon.config());
            case "endpoint":
                if (arg == null) {
                    if (method.equals("GET")) return ok(daemon.endpoints());
                    if (method.equals("POST")) return new Object[] {201, daemon.create(readRequest(req))};
                    throw methodNotAllowed(method, "GET, POST");
                }
                if (method.equals("GET")) return ok(daemon.endpoint(arg));
                if (method.equals("DELETE")) return ok(daemon.delete(arg));
                throw methodNotAllowed(method, "GET, DELETE");
            case "ip":
                if (arg != null) break;
                only(method, "GET");
                return ok(daemon.ipList());
            case "identity":
                only(method, "GET");
                return ok(arg == null ? daemon.identities() : daemon.identity(arg));
            case "map":
                only(method, "GET");
                return ok(arg == null ? daemon.maps() : daemon.map(arg));
            default:
                break;
        }
        throw ApiException.notFound("no such API path: " + path);
    }

    private static Object[] ok(Object body) { return new Object[] {200, body}; }

    private static void only(String method, String allowed) {
        if (!method.equals(allowed)) throw methodNotAllowed(method, allowed);
    }

    private static ApiException methodNotAllowed(String method, String allowed) {
        return new ApiException(405, "method " + method + " not allowed here (" + allowed + ")");
    }

    private EndpointChangeRequest readRequest(Request req) throws IOException {
        byte[] b;
        try (InputStream in = Content.Source.asInputStream(req)) {
            b = in.readNBytes(MAX_BODY + 1);
        }
        if (b.length > MAX_BODY) throw new ApiException(413, "request body larger than " + MAX_BODY + " bytes");
        if (b.length == 0) throw ApiException.badRequest("missing request body (an EndpointChangeRequest)");
        try {
            return json.readValue(b, EndpointChangeRequest.class);
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest("unknown field '" + e.getPropertyName() + "' in the request (k8s-namespace, k8s-pod-name, labels)");
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed JSON: " + e.getOriginalMessage());
        }
    }
}

package dev.cil.client;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cil.api.ApiJson;
import dev.cil.api.BpfMapList;
import dev.cil.api.BpfMapModel;
import dev.cil.api.DaemonConfiguration;
import dev.cil.api.Endpoint;
import dev.cil.api.EndpointChangeRequest;
import dev.cil.api.ErrorBody;
import dev.cil.api.Identity;
import dev.cil.api.IpListEntry;
import dev.cil.api.NodePaths;
import dev.cil.api.StatusResponse;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.io.Transport;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The client of a node's daemon API: HTTP/1.1 over the daemon's unix socket with Jetty's client
 * ({@link Transport.TCPUnix}), JSON with Jackson. Set up for one-shot commands: no TLS context, a small
 * daemon-thread pool, started on the first request. A daemon that is not there is a
 * {@link DaemonUnreachableException} whose message names the socket and how to start the daemon; a
 * refused request is an {@link ApiErrorException} with the daemon's status and message.
 */
public final class DaemonClient implements AutoCloseable {
    static {
        JettySetup.forCommands();
    }

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

    private final NodePaths paths;
    private ObjectMapper json;   // created on the first request: the no-daemon path stays cheap
    private HttpClient http;

    private DaemonClient(NodePaths paths) { this.paths = paths; }

    /** A client for the daemon of {@code paths.node()} (no I/O until the first request). */
    public static DaemonClient of(NodePaths paths) { return new DaemonClient(paths); }

    public NodePaths paths() { return paths; }

    /** How to start this node's daemon, for messages. */
    public String startHint() { return "start it with 'cil daemon start -N " + paths.node() + "'"; }

    public StatusResponse status() { return get("/v1/healthz", StatusResponse.class); }

    public DaemonConfiguration config() { return get("/v1/config", DaemonConfiguration.class); }

    public List<Endpoint> endpoints() { return call("GET", "/v1/endpoint", null, list(Endpoint.class)); }

    /** {@code id}: a number or {@code pod-name:NAMESPACE/POD}. */
    public Endpoint endpoint(String id) { return get("/v1/endpoint/" + id, Endpoint.class); }

    public Endpoint create(EndpointChangeRequest req) {
        return call("POST", "/v1/endpoint", req, one(Endpoint.class));
    }

    public Endpoint delete(String id) {
        return call("DELETE", "/v1/endpoint/" + id, null, one(Endpoint.class));
    }

    public List<IpListEntry> ipList() { return call("GET", "/v1/ip", null, list(IpListEntry.class)); }

    public List<Identity> identities() { return call("GET", "/v1/identity", null, list(Identity.class)); }

    public Identity identity(String id) { return get("/v1/identity/" + id, Identity.class); }

    public BpfMapModel map(String name) { return get("/v1/map/" + name, BpfMapModel.class); }

    public BpfMapList maps() { return get("/v1/map", BpfMapList.class); }

    private ObjectMapper json() {
        if (json == null) json = ApiJson.lenient();
        return json;
    }

    /** The answer's type, built once the request is on its way (so a missing daemon costs no Jackson start-up). */
    private interface Type {
        JavaType of(ObjectMapper m);
    }

    private static Type list(Class<?> c) { return m -> m.getTypeFactory().constructCollectionType(List.class, c); }

    private static Type one(Class<?> c) { return m -> m.getTypeFactory().constructType(c); }

    private <T> T get(String path, Class<T> c) { return call("GET", path, null, one(c)); }

    private <T> T call(String method, String path, Object body, Type answer) {
        if (!Files.exists(paths.socket())) {
            throw unreachable("no socket there", null);
        }
        ObjectMapper json = json();
        ContentResponse r;
        try {
            var req = client().newRequest("http://localhost" + path)
                    .transport(new Transport.TCPUnix(paths.socket()))
                    .method(method)
                    .timeout(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (body != null) req.body(new BytesRequestContent("application/json", json.writeValueAsBytes(body)));
            r = req.send();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable("interrupted", e);
        } catch (TimeoutException e) {
            throw unreachable("no answer within " + REQUEST_TIMEOUT.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            String m = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
            if (m.contains("Permission denied")) throw unreachable("permission denied (the API is root-only: run as root)", c);
            throw unreachable(m, c);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the request: " + e.getMessage(), e);
        }
        byte[] content = r.getContent();
        if (r.getStatus() / 100 != 2) {
            String msg;
            try {
                ErrorBody eb = json.readValue(content, ErrorBody.class);
                msg = eb.message() != null ? eb.message() : "HTTP " + r.getStatus();
            } catch (IOException | RuntimeException ex) {
                msg = "HTTP " + r.getStatus() + " from " + method + " " + path;
            }
            throw new ApiErrorException(r.getStatus(), msg);
        }
        try {
            return json.readValue(content, answer.of(json));
        } catch (IOException e) {
            throw new IllegalStateException("the daemon's answer to " + method + " " + path + " is not valid: " + e.getMessage(), e);
        }
    }

    private DaemonUnreachableException unreachable(String why, Throwable cause) {
        return new DaemonUnreachableException("cannot reach the cil daemon of node " + paths.node() + " at " + paths.socket()
                + ": " + why + " (" + startHint() + ")", cause);
    }

    private HttpClient client() {
        if (http == null) http = JettySetup.startClient("cil-client", CONNECT_TIMEOUT, null);
        return http;
    }

    @Override
    public void close() {
        if (http == null) return;
        JettySetup.stop(http);
        http = null;
    }
}

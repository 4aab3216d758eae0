package dev.cil.cli.command.observe;

import dev.cil.api.NodePaths;
import dev.cil.cli.CommandLineFactory;
import dev.cil.cli.support.Cil;
import dev.cil.flow.Flow;
import dev.cil.flow.FlowJson;
import dev.cil.flow.FlowPrinterTestAccess;
import dev.cil.flow.FlowRequest;
import dev.cil.flow.FlowStore;
import dev.cil.flow.FlowsApi;
import dev.cil.flow.FlowsResponse;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cil observe} live, over HTTP on a unix socket, against a server that hosts the flow pieces
 * as docs/flows-api.md tells the daemon to (the route below is the reference for the daemon's): the
 * lines equal a replay of the same flows, follow streams flows as they come, and the daemon's
 * refusals (no route, 400, 503, no socket) become cil's errors and exit codes.
 */
class DaemonFlowsClientTest {
    static {
        dev.cil.client.JettySetup.forCommands();   // before the test server's Jetty asks SLF4J
    }

    @TempDir
    Path dir;
    NodePaths node;
    Server server;
    FlowStore store;
    final AtomicReference<String> refuse = new AtomicReference<>();
    final AtomicBoolean serveFlows = new AtomicBoolean(true);
    final AtomicBoolean endFollowers = new AtomicBoolean();
    final List<String> queries = new ArrayList<>();

    @BeforeEach
    void up() {
        node = new NodePaths("n1", dir.resolve("state"), dir, dir.resolve("bpf"));
        ObserveCommand.nodePaths = name -> {
            assertEquals("n1", name);
            return node;
        };
        store = new FlowStore(100, "k8s-s");
        for (Flow f : FlowPrinterTestAccess.seedSequence()) store.add(f);
    }

    @AfterEach
    void down() throws Exception {
        ObserveCommand.nodePaths = NodePaths::of;
        if (server != null) server.stop();
    }

    /** GET /v1/flows as the daemon should serve it (FlowsApi over the store), everything else 404 as ApiServer answers. */
    void serve() throws Exception {
        QueuedThreadPool pool = new QueuedThreadPool(8, 2);
        pool.setDaemon(true);
        server = new Server(pool);
        UnixDomainServerConnector c = new UnixDomainServerConnector(server, new HttpConnectionFactory());
        c.setUnixDomainPath(node.socket());
        c.setIdleTimeout(0);   // followers may be quiet for long
        server.addConnector(c);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request req, Response resp, Callback cb) throws Exception {
                String path = req.getHttpURI().getDecodedPath();
                synchronized (queries) {
                    queries.add(req.getHttpURI().getQuery());
                }
                if (!path.equals("/v1/flows") || !serveFlows.get()) return error(resp, cb, 404, "no such API path: " + path);
                if (refuse.get() != null) return error(resp, cb, Integer.parseInt(refuse.get().substring(0, 3)), refuse.get().substring(4));
                FlowRequest fr;
                try {
                    fr = FlowsApi.request(req.getHttpURI().getQuery());
                } catch (IllegalArgumentException e) {
                    return error(resp, cb, 400, e.getMessage());
                }
                resp.setStatus(200);
                resp.getHeaders().put(HttpHeader.CONTENT_TYPE, FlowsApi.CONTENT_TYPE);
                try (Writer w = new OutputStreamWriter(Content.Sink.asOutputStream(resp), StandardCharsets.UTF_8)) {
                    FlowsApi.serve(store.query(fr, FlowStore.DEFAULT_FOLLOW_QUEUE), w, endFollowers::get);
                }
                cb.succeeded();
                return true;
            }
        });
        server.start();
    }

    static boolean error(Response resp, Callback cb, int status, String message) {
        resp.setStatus(status);
        resp.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        String body;
        try {
            body = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(java.util.Map.of("code", status, "message", message));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        resp.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), cb);
        return true;
    }

    @Test
    void liveLinesAreTheReplaysLines() throws Exception {
        serve();
        Path saved = dir.resolve("flows.json");
        StringBuilder json = new StringBuilder();
        for (Flow f : FlowPrinterTestAccess.seedSequence()) json.append(FlowJson.line(FlowsResponse.OfFlow.of(f))).append('\n');
        java.nio.file.Files.writeString(saved, json);
        for (String[] args : List.of(new String[] {"--pod", "webpod1", "--last", "4"}, new String[] {"--to-port", "80", "-o", "json", "--all"},
                new String[] {"--not", "--protocol", "tcp", "-o", "dict"}, new String[] {"--first", "2", "--print-node-name"})) {
            List<String> live = new ArrayList<>(List.of("-N", "n1", "observe"));
            live.addAll(List.of(args));
            Cil.Result l = Cil.run(live.toArray(new String[0]));
            assertEquals(0, l.code(), l.err());
            List<String> replay = new ArrayList<>(List.of("observe", "--input-file", saved.toString()));
            replay.addAll(List.of(args));
            Cil.Result r = Cil.run(replay.toArray(new String[0]));
            assertEquals(0, r.code(), r.err());
            assertTrue(!r.out().isEmpty());
            assertEquals(r.out(), l.out(), String.join(" ", args));
            assertEquals("", l.err());
        }
        synchronized (queries) {
            // as hubble sends it: the pod as given (the server applies the default namespace)
            assertEquals("number=4&allow=%7B%22source_pod%22%3A%5B%22webpod1%22%5D%7D"
                    + "&allow=%7B%22destination_pod%22%3A%5B%22webpod1%22%5D%7D", queries.get(0));
        }
    }

    @Test
    void followStreamsFlowsAsTheyCome() throws Exception {
        serve();
        StringWriter out = new StringWriter(), err = new StringWriter();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> CommandLineFactory.run(new PrintWriter(out), new PrintWriter(err),
                "-N", "n1", "observe", "-f", "--last", "1", "-o", "json"));
        List<Flow> seed = FlowPrinterTestAccess.seedSequence();
        String last = FlowJson.line(FlowsResponse.OfFlow.of(seed.get(seed.size() - 1)));
        waitFor(() -> out.toString().equals(last + "\n"), out);
        Flow next = seed.get(0);
        store.add(next);
        waitFor(() -> out.toString().equals(last + "\n" + FlowJson.line(FlowsResponse.OfFlow.of(next)) + "\n"), out);
        store.addLost(1, 5, null, null, null);
        waitFor(() -> out.toString().contains("\"num_events_lost\":\"5\""), out);
        endFollowers.set(true);   // the daemon going away ends the body: observe ends normally
        assertEquals(0, run.get(20, TimeUnit.SECONDS), err.toString());
    }

    @Test
    @org.junit.jupiter.api.Timeout(20)   // the bug this guards against is a read that never ends
    void closingFromAnotherThreadEndsABlockedFollower() throws Exception {
        serve();
        try (DaemonFlowsClient c = new DaemonFlowsClient(node, w -> { })) {
            dev.cil.flow.FlowStream s = c.getFlows(new FlowRequest(null, 2, false, true, null, null));
            assertTrue(s.poll(-1) instanceof FlowsResponse.OfFlow);
            assertTrue(s.poll(-1) instanceof FlowsResponse.OfFlow);
            CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                s.close();   // what Ctrl-C does
            });
            long t0 = System.nanoTime();
            assertEquals(null, s.poll(-1));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 150 && ms < 1500, "the blocked read ended " + ms + " ms after it started");
            assertTrue(s.ended());
        }
        endFollowers.set(true);
    }

    static void waitFor(java.util.function.BooleanSupplier cond, StringWriter out) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (cond.getAsBoolean()) return;
            Thread.sleep(25);
        }
        throw new AssertionError("not seen in time; output so far:\n" + out);
    }

    @Test
    void refusalsBecomeCilErrors() throws Exception {
        Cil.Result none = Cil.run("-N", "n1", "observe");
        assertEquals(3, none.code());
        assertEquals("cil: cannot reach the cil daemon of node n1 at " + node.socket() + ": no socket there (start it with 'cil daemon start -N n1')\n",
                none.err());
        serve();
        serveFlows.set(false);
        Cil.Result noRoute = Cil.run("-N", "n1", "observe", "--pod", "webpod1");
        assertEquals(3, noRoute.code());
        assertEquals("cil: no daemon API for flows yet (the daemon of node n1 does not serve GET /v1/flows)\n", noRoute.err());
        serveFlows.set(true);
        refuse.set("400 invalid source port filter: invalid port \"x\"");
        Cil.Result bad = Cil.run("-N", "n1", "observe");
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("cil: invalid source port filter: invalid port \"x\""), bad.err());
        refuse.set("503 the datapath of node n1 is not loaded");
        Cil.Result down = Cil.run("-N", "n1", "observe");
        assertEquals(3, down.code());
        assertEquals("cil: the datapath of node n1 is not loaded\n", down.err());
        refuse.set("500 internal error: boom");
        Cil.Result broken = Cil.run("-N", "n1", "observe");
        assertEquals(1, broken.code());
        assertEquals("cil: GET /v1/flows: internal error: boom\n", broken.err());
    }
}

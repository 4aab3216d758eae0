package dev.cil.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.support.Cil;
import dev.cil.cli.support.Json;
import dev.cil.cli.support.NodeChecks;
import dev.cil.cli.support.TestNode;
import dev.cil.testing.KernelTest;
import dev.cil.testing.Proc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daemon's REST API and the client's error contract, against a running daemon: curl over the unix
 * socket works for root; a non-root peer is refused (by the socket's mode, and by SO_PEERCRED when the
 * mode is opened up); malformed JSON, unknown fields, unknown endpoints, duplicate names and bad
 * labels are 4xx with a JSON error and leave the node exactly as it was.
 */
@KernelTest
class DaemonApiKernelIT {
    static TestNode node;

    @BeforeAll
    static void start() {
        TestNode.useTestDatapath(true);
        node = new TestNode();
        node.start();
        node.cil("endpoint", "create", "netpod", "--labels", "app=netpod").ok();
    }

    @AfterAll
    static void clean() {
        if (node != null) node.close();
    }

    /** curl over the daemon's socket; returns {status, body}. */
    static String[] curl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "--unix-socket", node.paths().socket().toString(),
                "-w", "\n%{http_code}"));
        cmd.addAll(List.of(args));
        Proc.Result r = Proc.run(cmd).ok();
        int nl = r.out().lastIndexOf('\n');
        return new String[] {r.out().substring(nl + 1), r.out().substring(0, nl)};
    }

    /** Everything a refused request must leave unchanged. */
    static String snapshot() {
        return node.cil("-o", "json", "endpoint", "list").ok().out() + node.json("status").path("ipam")
                + node.endpointNamespaces() + node.lxcDevices() + node.cil("-o", "json", "bpf", "endpoint", "list").ok().out()
                + node.cil("-o", "json", "map", "get", "cilium_ipcache").ok().out();
    }

    static void assertError(String[] r, int status, String text) {
        assertEquals(Integer.toString(status), r[0], r[1]);
        JsonNode body = Json.parse(r[1]);
        assertEquals(status, body.get("code").asInt());
        assertTrue(body.get("message").asText().contains(text), body.toString());
    }

    @Test
    void curlOverTheSocketSpeaksCiliumsApi() {
        String[] eps = curl("http://localhost/v1/endpoint");
        assertEquals("200", eps[0]);
        JsonNode list = Json.parse(eps[1]);
        assertEquals(3, list.size());   // host, health, netpod
        String[] health = curl("http://localhost/v1/healthz");
        assertEquals("Ok", Json.parse(health[1]).path("cilium").path("state").asText());
        assertEquals(Json.parse(node.cil("-o", "json", "endpoint", "list").ok().out()), list);
        assertEquals("200", curl("http://localhost/v1/config")[0]);
        assertEquals("200", curl("http://localhost/v1/ip")[0]);
        assertEquals("200", curl("http://localhost/v1/identity/4")[0]);
        assertEquals("200", curl("http://localhost/v1/map")[0]);
        assertEquals("200", curl("http://localhost/v1/endpoint/pod-name:default/netpod")[0]);
    }

    @Test
    void nonRootPeersAreRefused() throws Exception {
        String before = snapshot();
        List<String> asNobody = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "curl", "-s",
                "--unix-socket", node.paths().socket().toString(), "-w", "\n%{http_code}", "http://localhost/v1/endpoint");
        // the socket's mode 0600: connect(2) fails for anyone but root
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(node.paths().socket())));
        Proc.Result r = Proc.run(asNobody);
        assertEquals(7, r.code(), "curl as nobody: " + r.out() + r.err());
        // with the mode opened up, SO_PEERCRED still refuses the peer
        Files.setPosixFilePermissions(node.paths().socket(), PosixFilePermissions.fromString("rw-rw-rw-"));
        try {
            Proc.Result r2 = Proc.run(asNobody).ok();
            String body = r2.out().substring(0, r2.out().lastIndexOf('\n'));
            assertTrue(r2.out().endsWith("\n403"), r2.out());
            assertTrue(Json.parse(body).get("message").asText().contains("root-only"), body);
            List<String> post = new ArrayList<>(asNobody.subList(0, asNobody.size() - 1));
            post.addAll(List.of("-X", "POST", "-d", "{\"k8s-pod-name\":\"evil\"}", "http://localhost/v1/endpoint"));
            assertTrue(Proc.run(post).ok().out().endsWith("\n403"));
        } finally {
            Files.setPosixFilePermissions(node.paths().socket(), PosixFilePermissions.fromString("rw-------"));
        }
        assertEquals(before, snapshot());
    }

    @Test
    void malformedRequestsAre400AndChangeNothing() {
        String before = snapshot();
        assertError(curl("-X", "POST", "-d", "{not json", "http://localhost/v1/endpoint"), 400, "malformed JSON");
        assertError(curl("-X", "POST", "-d", "[1,2]", "http://localhost/v1/endpoint"), 400, "malformed JSON");
        assertError(curl("-X", "POST", "-d", "{\"k8s-pod-name\":\"a\"} trailing", "http://localhost/v1/endpoint"), 400, "malformed JSON");
        assertError(curl("-X", "POST", "-d", "{\"k8s-pod-name\":\"a\",\"nosuch\":1}", "http://localhost/v1/endpoint"), 400, "nosuch");
        assertError(curl("-X", "POST", "http://localhost/v1/endpoint"), 400, "missing request body");
        assertError(curl("-X", "POST", "-d", "{\"labels\":[\"app=x\"]}", "http://localhost/v1/endpoint"), 400, "k8s-pod-name");
        assertError(curl("-X", "POST", "-d", "{\"k8s-pod-name\":\"UPPER\"}", "http://localhost/v1/endpoint"), 400, "invalid pod name");
        assertError(curl("-X", "PUT", "http://localhost/v1/endpoint"), 405, "PUT");
        assertError(curl("http://localhost/v1/nosuch"), 404, "no such API path");
        assertError(curl("http://localhost/v2/endpoint"), 404, "no such API path");
        assertError(curl("http://localhost/v1/endpoint/abc"), 400, "invalid endpoint id");
        assertEquals(before, snapshot());
    }

    @Test
    void unknownObjectsAre404() {
        String before = snapshot();
        assertError(curl("http://localhost/v1/endpoint/4096"), 404, "not found");
        assertError(curl("-X", "DELETE", "http://localhost/v1/endpoint/4096"), 404, "not found");
        assertError(curl("http://localhost/v1/endpoint/pod-name:default/nosuch"), 404, "not found");
        assertError(curl("http://localhost/v1/identity/99999"), 404, "identity 99999");
        assertError(curl("http://localhost/v1/map/cilium_metrics"), 404, "not cached");
        Cil.Result r = node.cil("endpoint", "delete", "nosuch");
        assertEquals(ExitCodes.FAILURE, r.code());
        assertEquals("cil: endpoint pod-name:default/nosuch not found\n", r.err());
        assertEquals(ExitCodes.FAILURE, node.cil("endpoint", "get", "4096").code());
        assertEquals(ExitCodes.FAILURE, node.cil("identity", "get", "99999").code());
        Cil.Result m = node.cil("map", "get", "nosuch");
        assertEquals(ExitCodes.FAILURE, m.code());
        assertTrue(m.err().startsWith("cil: map nosuch is not cached"), m.err());
        assertEquals(before, snapshot());
    }

    @Test
    void duplicateNamesAre409AndChangeNothing() {
        String before = snapshot();
        Cil.Result r = node.cil("endpoint", "create", "netpod", "--labels", "app=other");
        assertEquals(ExitCodes.FAILURE, r.code(), r.err());
        assertTrue(r.err().contains("endpoint default/netpod already exists"), r.err());
        assertError(curl("-X", "POST", "-d", "{\"k8s-pod-name\":\"netpod\"}", "http://localhost/v1/endpoint"), 409, "already exists");
        // the same name in another namespace is another pod
        node.cil("endpoint", "create", "netpod", "-n", "other", "--labels", "app=netpod").ok();
        node.cil("endpoint", "delete", "netpod", "-n", "other").ok();
        assertEquals(before, snapshot());
    }

    @Test
    void badLabelsAreUsageErrorsAndChangeNothing() {
        String before = snapshot();
        for (String bad : new String[] {"bad label=x", "app=has space", "reserved:host", "nosuch:app=x",
            "io.kubernetes.pod.namespace=kube-system", "app=" + "x".repeat(64)}) {
            Cil.Result r = node.cil("endpoint", "create", "badpod", "--labels", bad);
            assertEquals(ExitCodes.USAGE, r.code(), bad + ": " + r.err());
            assertTrue(r.err().startsWith("cil: ") && r.err().contains("label"), r.err());
        }
        Cil.Result j = node.cil("-j", "endpoint", "create", "badpod", "--labels", "reserved:world");
        assertEquals(ExitCodes.USAGE, j.code());
        assertTrue(Json.parse(j.out()).get("error").asText().contains("reserved labels"), j.out());
        assertEquals(ExitCodes.USAGE, node.cil("endpoint", "create", "Bad_Name").code());
        assertEquals(before, snapshot());
    }

    @Test
    void theDaemonsOwnEndpointsCannotBeDeleted() {
        String before = snapshot();
        for (JsonNode e : node.json("endpoint", "list")) {
            if (e.path("status").path("external-identifiers").has("pod-name")) continue;   // host and health only
            Cil.Result r = node.cil("endpoint", "delete", e.get("id").asText());
            assertEquals(ExitCodes.USAGE, r.code(), r.err());
            assertTrue(r.err().contains("cannot be deleted"), r.err());
        }
        assertEquals(before, snapshot());
        NodeChecks.assertConsistent(node);
    }

    @Test
    void aMissingDaemonIsOneLineNamingTheSocketAndHowToStartIt() {
        TestNode absent = new TestNode();   // never started
        Cil.Result r = absent.cil("status");
        assertEquals(ExitCodes.PRECONDITION, r.code());
        assertEquals("cil: cannot reach the cil daemon of node " + absent.name() + " at " + absent.paths().socket()
                + ": no socket there (start it with 'cil daemon start -N " + absent.name() + "')\n", r.err());
        assertEquals("", r.out());
        Cil.Result j = absent.cil("-o", "json", "endpoint", "list");
        assertEquals(ExitCodes.PRECONDITION, j.code());
        assertTrue(Json.parse(j.out()).get("error").asText().contains("cil daemon start"), j.out());
        Cil.Result b = absent.cil("bpf", "endpoint", "list");
        assertEquals(ExitCodes.PRECONDITION, b.code());
        assertTrue(b.err().contains("has no datapath"), b.err());
    }
}

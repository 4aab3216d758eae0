package dev.cil.cli.command.observe;

import dev.cil.cli.support.Cil;
import dev.cil.flow.Flow;
import dev.cil.flow.FlowPrinter;
import dev.cil.flow.FlowPrinterTestAccess;
import dev.cil.flow.FlowsResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cil observe --input-file}: replays through the same filters and printers; errors and exit codes. */
class ObserveCommandTest {
    @TempDir
    Path dir;

    @AfterEach
    void restore() {
        ObserveCommand.stdin = () -> System.in;
        ObserveCommand.env = System::getenv;
        ObserveCommand.stdoutIsTerminal = ObserveCommand::stdoutIsTerminal;
    }

    static String render(FlowPrinter.Format f, List<Flow> flows) {
        StringWriter w = new StringWriter();
        try (FlowPrinter p = new FlowPrinter(FlowPrinter.Options.defaults(f), w)) {
            for (Flow x : flows) p.print(FlowsResponse.OfFlow.of(x));
        }
        return w.toString();
    }

    Path saved() throws Exception {
        Path p = dir.resolve("flows.json");
        Files.writeString(p, render(FlowPrinter.Format.JSON, FlowPrinterTestAccess.seedSequence()));
        return p;
    }

    @Test
    void ourJsonReplaysToIdenticalCompactLines() throws Exception {
        String file = saved().toString();
        Cil.Result r = Cil.run("observe", "--input-file", file).ok();
        assertEquals(render(FlowPrinter.Format.COMPACT, FlowPrinterTestAccess.seedSequence()), r.out());
        assertEquals("", r.err());
        assertEquals(12, r.out().lines().count(), "a replayed file is printed whole, not the last 20");
        // and -o json reprints the file byte for byte
        assertEquals(Files.readString(Path.of(file)), Cil.run("observe", "--input-file", file, "-o", "json").ok().out());
        assertEquals(Files.readString(Path.of(file)), Cil.run("-j", "observe", "--input-file", file).ok().out(), "-j is json too");
        assertEquals(Files.readString(Path.of(file)), Cil.run("observe", "--input-file", file, "-o", "jsonpb").ok().out());
    }

    @Test
    void filtersAndSelectionOnAReplay() throws Exception {
        String file = saved().toString();
        List<String> syn = Cil.run("observe", "--input-file", file, "--tcp-flags", "SYN").ok().out().lines().toList();
        assertEquals(3, syn.size(), "SYN, SYN-ACK and the 8080 SYN: " + syn);
        assertTrue(syn.stream().allMatch(l -> l.contains("SYN")), syn.toString());
        List<String> toWeb = Cil.run("observe", "--input-file", file, "--to-pod", "webpod1", "--to-port", "8080").ok().out().lines().toList();
        assertEquals(1, toWeb.size());
        assertTrue(toWeb.get(0).endsWith("(TCP Flags: SYN)"), toWeb.get(0));
        assertEquals(2, Cil.run("observe", "--input-file", file, "--last", "2").ok().out().lines().count());
        assertTrue(Cil.run("observe", "--input-file", file, "--first", "1").ok().out().contains("ICMPv4 EchoRequest"));
        assertEquals(2, Cil.run("observe", "--input-file", file, "--protocol", "icmp").ok().out().lines().count());
        assertEquals(10, Cil.run("observe", "--input-file", file, "--not", "--protocol", "icmp").ok().out().lines().count());
        assertEquals(0, Cil.run("observe", "--input-file", file, "--verdict", "DROPPED").ok().out().length());
        assertEquals(12, Cil.run("observe", "--input-file", file, "--since", "2024-10-21T11:12:10Z", "--until", "2024-10-21T11:12:11Z")
                .ok().out().lines().count());
        assertEquals(0, Cil.run("observe", "--input-file", file, "--since", "2024-10-22").ok().out().length());
        assertEquals(12, Cil.run("observe", "--input-file", file, "-f").ok().out().lines().count(), "follow ends with the file");
    }

    @Test
    void otherFormatsAndOptions() throws Exception {
        String file = saved().toString();
        String dict = Cil.run("observe", "--input-file", file, "-o", "dict", "--first", "2").ok().out();
        assertTrue(dict.startsWith("  TIMESTAMP: Oct 21 11:12:10.998\n     SOURCE: default/netpod\n"), dict);
        assertTrue(dict.contains("\n------------\n"), dict);
        String table = Cil.run("observe", "--input-file", file, "-o", "table", "--first", "1").ok().out();
        assertTrue(table.startsWith("TIMESTAMP             SOURCE           DESTINATION       TYPE          VERDICT     SUMMARY\n"), table);
        String node = Cil.run("observe", "--input-file", file, "--first", "1", "--print-node-name", "--time-format", "RFC3339Nano").ok().out();
        assertTrue(node.startsWith("2024-10-21T11:12:10.998123456Z [k8s-s]: default/netpod (ID:39126) -> "), node);
        String numeric = Cil.run("observe", "--input-file", file, "--first", "1", "--numeric").ok().out();
        assertTrue(numeric.contains(": 10.200.0.10 (ID:39126) -> 10.200.0.20 (ID:25054) "), numeric);
    }

    @Test
    void coloursFollowTheTerminalAndNoColor() throws Exception {
        String file = saved().toString();
        ObserveCommand.stdoutIsTerminal = () -> true;
        ObserveCommand.env = k -> null;
        assertTrue(Cil.run("observe", "--input-file", file, "--first", "1").ok().out().contains("\u001b[36m"), "auto on a terminal");
        ObserveCommand.env = k -> k.equals("NO_COLOR") ? "1" : null;
        assertTrue(!Cil.run("observe", "--input-file", file, "--first", "1").ok().out().contains("\u001b"), "NO_COLOR");
        assertTrue(Cil.run("observe", "--input-file", file, "--first", "1", "--color", "always").ok().out().contains("\u001b[32m"),
                "--color always is an explicit request");
        ObserveCommand.stdoutIsTerminal = () -> false;
        ObserveCommand.env = k -> null;
        assertTrue(!Cil.run("observe", "--input-file", file, "--first", "1").ok().out().contains("\u001b"), "not a terminal");
        ObserveCommand.stdoutIsTerminal = () -> true;
        assertTrue(!Cil.run("observe", "--input-file", file, "--first", "1", "--color", "never").ok().out().contains("\u001b"));
        assertTrue(!Cil.run("observe", "--input-file", file, "--first", "1", "-o", "json").ok().out().contains("\u001b"));
    }

    @Test
    void stdinAndHubblesOwnLines() {
        String hubble = "{\"flow\":{\"time\":\"2024-10-21T11:12:10.998123456Z\",\"verdict\":\"FORWARDED\",\"IP\":{\"source\":"
                + "\"172.16.0.230\",\"destination\":\"5.9.243.187\",\"ipVersion\":\"IPv4\"},\"l4\":{\"TCP\":{\"source_port\":40294,"
                + "\"destination_port\":80,\"flags\":{\"SYN\":true}}},\"source\":{\"ID\":416,\"identity\":39126,\"namespace\":"
                + "\"default\",\"pod_name\":\"netpod\"},\"destination\":{\"identity\":2,\"labels\":[\"reserved:world\"]},"
                + "\"Type\":\"L3_L4\",\"event_type\":{\"type\":4,\"sub_type\":11},\"trace_observation_point\":\"TO_NETWORK\","
                + "\"is_reply\":false,\"Summary\":\"TCP Flags: SYN\"},\"node_name\":\"k8s-s\"}\n"
                + "not json\n"
                + "{\"node_status\":{\"state_change\":\"NODE_CONNECTED\"}}\n"
                + "{\"lost_events\":{\"source\":\"PERF_EVENT_RING_BUFFER\",\"num_events_lost\":\"3\",\"cpu\":1},\"time\":\"2024-10-21T11:12:11Z\"}\n";
        ObserveCommand.stdin = () -> new ByteArrayInputStream(hubble.getBytes(StandardCharsets.UTF_8));
        Cil.Result r = Cil.run("observe", "--input-file", "-");
        assertEquals(0, r.code(), r.err());
        assertEquals("Oct 21 11:12:10.998: default/netpod:40294 (ID:39126) -> 5.9.243.187:80 (world) to-network FORWARDED (TCP Flags: SYN)\n"
                + "Oct 21 11:12:11.000 EVENTS LOST: PERF_EVENT_RING_BUFFER CPU(1) 3\n", r.out(), "formats.md's to-world line");
        assertEquals("cil: warning: -: line 2: not a flow: invalid JSON: Unrecognized token 'not': was expecting "
                + "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n", r.err());
    }

    @Test
    void badValuesAreOneLineUsageErrors() throws Exception {
        String file = saved().toString();
        assertUsage("invalid argument \"MAYBE\" for \"--verdict\" flag: invalid --verdict value: MAYBE",
                "observe", "--input-file", file, "--verdict", "MAYBE");
        assertUsage("invalid output format: yaml", "observe", "--input-file", file, "-o", "yaml");
        assertUsage("table output format is not compatible with follow mode", "observe", "--input-file", file, "-o", "table", "-f");
        assertUsage("cannot set both --first and --last", "observe", "--input-file", file, "--first", "1", "--last", "2");
        assertUsage("trailing --not found in the arguments", "observe", "--input-file", file, "--not");
        assertUsage("invalid argument \"80\" for \"--to-port\" flag: filters --port and --to-port cannot be combined",
                "observe", "--input-file", file, "--port", "1", "--to-port", "80");
        assertUsage("invalid source port filter: invalid port \"x\"", "observe", "--input-file", file, "--from-port", "x");
        assertUsage("invalid --color value: rainbow (auto, always, never)", "observe", "--input-file", file, "--color", "rainbow");
        assertUsage("failed to parse the since time: failed to convert later to time", "observe", "--input-file", file, "--since", "later");
        Cil.Result unknown = Cil.run("observe", "--input-file", file, "--frobnicate");
        assertEquals(2, unknown.code());
        assertEquals(1, unknown.err().lines().count(), unknown.err());
        Cil.Result missing = Cil.run("observe", "--pod");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("Missing required parameter for option '--pod'"), missing.err());
    }

    static void assertUsage(String message, String... args) {
        Cil.Result r = Cil.run(args);
        assertEquals(2, r.code(), r.err());
        assertEquals("cil: " + message, r.err().lines().findFirst().orElse("").replaceAll(" \\(see 'cil observe --help'\\)$", ""));
        assertEquals(1, r.err().lines().count(), r.err());
        assertEquals("", r.out());
    }

    @Test
    void sourcesThatAreNotThere() {
        String node = "nonode" + ProcessHandle.current().pid();
        String noDaemon = "cannot reach the cil daemon of node " + node + " at /run/cil/" + node + "/cil.sock: no socket there"
                + " (start it with 'cil daemon start -N " + node + "')";
        Cil.Result live = Cil.run("-N", node, "observe", "--pod", "webpod1");
        assertEquals(3, live.code());
        assertEquals("cil: " + noDaemon + "\n", live.err());
        Cil.Result missing = Cil.run("observe", "--input-file", dir.resolve("nope.json").toString());
        assertEquals(1, missing.code());
        assertEquals("cil: open " + dir.resolve("nope.json") + ": no such file or directory\n", missing.err());
        Cil.Result directory = Cil.run("observe", "--input-file", dir.toString());
        assertEquals(1, directory.code());
        Cil.Result json = Cil.run("-j", "-N", node, "observe");
        assertEquals(3, json.code());
        assertEquals("{\"error\":\"" + noDaemon + "\"}\n", json.out());
    }
}

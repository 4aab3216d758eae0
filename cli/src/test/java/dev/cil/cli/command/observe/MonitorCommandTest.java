package dev.cil.cli.command.observe;

import dev.cil.api.NodePaths;
import dev.cil.cli.CilException;
import dev.cil.cli.support.Cil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** cil monitor's choice of ring buffer and its usage errors (the reading itself is a kernel test). */
class MonitorCommandTest {
    @TempDir
    Path root;

    @Test
    void theDefaultIsTheNodesPin() throws Exception {
        NodePaths node = new NodePaths("node1", root.resolve("state"), root.resolve("run"), root.resolve("bpf/node1"));
        CilException none = assertThrows(CilException.class, () -> MonitorCommand.defaultPin(node));
        assertEquals(3, none.exitCode());
        assertEquals("no ring buffer cilium_events pinned at " + root.resolve("bpf/node1/cilium_events")
                + ": node node1 has no datapath (start it with 'cil daemon start -N node1', or name one with --pinned PATH)",
                none.getMessage());
        Files.createDirectories(root.resolve("bpf/node1"));
        Files.createFile(root.resolve("bpf/node1/cilium_events"));
        assertEquals(root.resolve("bpf/node1/cilium_events").toString(), MonitorCommand.defaultPin(node));
    }

    @Test
    void theNodeComesFromDashN() {
        String node = "cil-no-such-node-" + ProcessHandle.current().pid();
        Cil.Result r = Cil.run("monitor", "-N", node);
        assertEquals(3, r.code());
        assertEquals("cil: no ring buffer cilium_events pinned at /sys/fs/bpf/cil/" + node + "/cilium_events: node " + node
                + " has no datapath (start it with 'cil daemon start -N " + node + "', or name one with --pinned PATH)\n", r.err());
        Cil.Result bad = Cil.run("monitor", "-N", "Bad_Node");
        assertEquals(2, bad.code(), bad.err());
    }

    @Test
    void usageErrors() {
        Cil.Result t = Cil.run("monitor", "--type", "flows", "--pinned", root.toString());
        assertEquals(2, t.code());
        assertEquals("cil: unknown type (flows); use one of: drop, debug, capture, trace, policy-verdict, trace-sock, l7, agent\n", t.err());
        Cil.Result o = Cil.run("monitor", "-o", "yaml");
        assertEquals(2, o.code());
        assertEquals("cil: invalid output format 'yaml' (text, json)\n", o.err());
        Cil.Result missing = Cil.run("monitor", "--pinned", root.resolve("nope").toString());
        assertEquals(3, missing.code());
        assertEquals("cil: no ring buffer pinned at " + root.resolve("nope") + " (is the datapath loaded?)\n", missing.err());
    }
}

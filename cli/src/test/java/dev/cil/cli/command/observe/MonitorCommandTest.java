package dev.cil.cli.command.observe;

import dev.cil.cli.CilException;
import dev.cil.cli.support.Cil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** cil monitor's choice of ring buffer and its usage errors (the reading itself is a kernel test). */
class MonitorCommandTest {
    @TempDir
    Path root;

    @Test
    void theDefaultIsTheOnlyNodesRingBuffer() throws Exception {
        CilException none = assertThrows(CilException.class, () -> MonitorCommand.defaultPin(root));
        assertEquals(3, none.exitCode());
        assertEquals("no cilium_events ring buffer pinned under " + root + " (is the daemon running? name one with --pinned PATH)",
                none.getMessage());
        Files.createDirectories(root.resolve("node1"));
        Files.createFile(root.resolve("node1/cilium_events"));
        Files.createDirectories(root.resolve("empty"));
        assertEquals(root.resolve("node1/cilium_events").toString(), MonitorCommand.defaultPin(root));
        Files.createDirectories(root.resolve("node2"));
        Files.createFile(root.resolve("node2/cilium_events"));
        CilException two = assertThrows(CilException.class, () -> MonitorCommand.defaultPin(root));
        assertEquals(2, two.exitCode());
        assertTrue(two.getMessage().startsWith("several ring buffers under " + root), two.getMessage());
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

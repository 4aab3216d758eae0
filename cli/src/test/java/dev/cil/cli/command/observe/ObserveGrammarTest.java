package dev.cil.cli.command.observe;

import dev.cil.cli.CilCommand;
import dev.cil.cli.CommandLineFactory;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** observe and monitor in the command tree: hubble's -o and -f shadow the global ones there only. */
class ObserveGrammarTest {
    static CommandLine cl() {
        return CommandLineFactory.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    }

    @Test
    void theGroupsResolveByNameAndPrefix() {
        assertEquals(ObserveCommand.class, CommandLineFactoryAccess.groupOf("observe", "--pod", "x"));
        assertEquals(ObserveCommand.class, CommandLineFactoryAccess.groupOf("-j", "obs"));
        assertEquals(MonitorCommand.class, CommandLineFactoryAccess.groupOf("monitor", "-v"));
        assertNull(CommandLineFactoryAccess.groupOf("m"), "map or monitor: the tree decides (bpftool's map, see CommandLineFactoryTest)");
    }

    @Test
    void observeOwnsDashOAndDashF() {
        CommandLine c = cl();
        CommandLine.ParseResult r = c.parseArgs("observe", "-o", "compact", "-f", "--pod", "webpod1");
        ObserveCommand o = (ObserveCommand) r.subcommand().commandSpec().userObject();
        assertEquals("compact", o.output);
        assertTrue(o.follow);
        assertFalse(((CilCommand) c.getCommand()).global().bpffs(), "-f is --follow here, not --bpffs");
        // the global options still work elsewhere and in observe
        CommandLine c2 = cl();
        c2.parseArgs("prog", "show", "-f");
        assertTrue(((CilCommand) c2.getCommand()).global().bpffs());
        CommandLine c3 = cl();
        c3.parseArgs("observe", "--debug", "-j");
        assertTrue(((CilCommand) c3.getCommand()).global().debug());
        assertTrue(((CilCommand) c3.getCommand()).global().json());
        CommandLine.ParseResult m = cl().parseArgs("monitor", "-o", "json", "-t", "drop", "-t", "trace", "--related-to", "416");
        MonitorCommand mc = (MonitorCommand) m.subcommand().commandSpec().userObject();
        assertEquals("json", mc.output);
        assertEquals(java.util.List.of("drop", "trace"), mc.types);
        assertInstanceOf(MonitorCommand.class, mc);
    }
}

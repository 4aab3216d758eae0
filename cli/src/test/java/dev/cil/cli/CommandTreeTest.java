package dev.cil.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent and daemon commands: each leaf has a description and a help example; the grammar parses. */
class CommandTreeTest {
    static final List<String> MINE = List.of("daemon", "status", "endpoint", "ip", "identity", "bpf", "whoami", "map get");

    static void leaves(CommandLine c, List<CommandLine> out) {
        if (c.getSubcommands().isEmpty()) out.add(c);
        for (CommandLine s : new java.util.LinkedHashSet<>(c.getSubcommands().values())) leaves(s, out);
    }

    static CommandLine root() {
        return CommandLineFactory.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    }

    @Test
    void everyLeafHasADescriptionAndAnExample() {
        List<CommandLine> all = new ArrayList<>();
        leaves(root(), all);
        int checked = 0;
        for (CommandLine c : all) {
            String path = c.getCommandSpec().qualifiedName(" ").substring("cil ".length());
            if (MINE.stream().noneMatch(m -> path.equals(m) || path.startsWith(m + " "))) continue;
            checked++;
            assertTrue(c.getCommandSpec().usageMessage().description().length > 0, path + ": no description");
            String footer = String.join("\n", c.getCommandSpec().usageMessage().footer());
            assertTrue(footer.contains("Examples:") && footer.contains("  cil "), path + ": no example");
        }
        assertEquals(19, checked);   // daemon 4, status, endpoint 5, ip, identity 2, bpf 4, whoami, map get
    }

    @Test
    void grammar() {
        CommandLine.ParseResult r = root().parseArgs("-N", "k8s-w1", "endpoint", "create", "webpod1", "--labels", "app=webpod,tier=web");
        assertEquals("k8s-w1", ((CilCommand) r.commandSpec().userObject()).global().node());
        assertEquals(List.of("app=webpod", "tier=web"),
                r.subcommand().subcommand().matchedOption("--labels").getValue());
        // `map get` is exact, although it is a prefix of `map getnext`
        assertEquals("get", root().parseArgs("map", "get", "cilium_lxc").subcommand().subcommand().commandSpec().name());
        assertEquals("exec", root().parseArgs("endpoint", "exec", "netpod", "--", "ping", "-c", "1", "x")
                .subcommand().subcommand().commandSpec().name());
        assertEquals(List.of("ping", "-c", "1", "x"), root().parseArgs("endpoint", "exec", "netpod", "--", "ping", "-c", "1", "x")
                .subcommand().subcommand().matchedPositional(1).getValue());
    }

    @Test
    void badNodeNamesAreUsageErrors() {
        StringWriter err = new StringWriter();
        int code = CommandLineFactory.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "-N", "Bad_Node", "status");
        assertEquals(ExitCodes.USAGE, code);
        assertTrue(err.toString().contains("invalid node name"), err.toString());
    }
}

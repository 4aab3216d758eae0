package dev.cil.cli;

import dev.cil.cli.command.prog.ProgShowCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command tree, tested without running anything. */
class GrammarTest {
    static CommandLine cl() {
        return CommandLineFactory.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    }

    @Test
    void prefixesSelectCommandsAsBpftool() {
        CommandLine.ParseResult r = cl().parseArgs("p", "s", "id", "5");
        CommandLine.ParseResult leaf = r.subcommand().subcommand();
        assertInstanceOf(ProgShowCommand.class, leaf.commandSpec().userObject());
        assertEquals(List.of("id", "5"), leaf.matchedPositionals().get(0).getValue());
    }

    @Test
    void globalOptionsAnywhere() {
        CommandLine c = cl();
        c.parseArgs("prog", "show", "-j", "--debug");
        GlobalOptions g = ((CilCommand) c.getCommand()).global();
        assertTrue(g.json());
        assertTrue(g.debug());
        CommandLine c2 = cl();
        c2.parseArgs("-p", "map", "list");
        assertTrue(((CilCommand) c2.getCommand()).global().pretty());
        CommandLine c3 = cl();
        c3.parseArgs("-o", "json", "link", "list", "--netns", "x");
        assertEquals("x", ((CilCommand) c3.getCommand()).global().netns());
    }

    @Test
    void everyCommandHasADescriptionAndEveryLeafAnExample() {
        List<String> missing = new ArrayList<>();
        walk(cl(), missing);
        assertEquals(List.of(), missing);
    }

    private static void walk(CommandLine c, List<String> missing) {
        CommandLine.Model.CommandSpec s = c.getCommandSpec();
        if (s.usageMessage().hidden()) return;
        if (s.usageMessage().description().length == 0 && s.usageMessage().header().length == 0) missing.add(s.qualifiedName() + ": no description");
        if (c.getSubcommands().isEmpty() && s.parent() != null
                && !String.join("\n", s.usageMessage().footer()).contains("Examples:")) {
            missing.add(s.qualifiedName() + ": no example");
        }
        for (CommandLine sub : new java.util.LinkedHashSet<>(c.getSubcommands().values())) walk(sub, missing);
    }

    @Test
    void usageErrorsExit2WithOneLine() {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = CommandLineFactory.run(new PrintWriter(out), new PrintWriter(err), "prog", "frobnicate");
        assertEquals(2, code);
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("cil: "), err.toString());
    }

    @Test
    void helpAndVersion() {
        StringWriter out = new StringWriter(), err = new StringWriter();
        assertEquals(0, CommandLineFactory.run(new PrintWriter(out), new PrintWriter(err), "--help"));
        assertTrue(out.toString().contains("Exit codes:"));
        StringWriter v = new StringWriter();
        assertEquals(0, CommandLineFactory.run(new PrintWriter(v), new PrintWriter(err), "--version"));
        assertTrue(v.toString().startsWith("cil "));
    }
}

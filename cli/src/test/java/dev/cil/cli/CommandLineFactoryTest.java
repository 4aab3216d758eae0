package dev.cil.cli;

import dev.cil.cli.command.map.MapCommand;
import dev.cil.cli.command.net.NetCommand;
import dev.cil.cli.command.prog.ProgCommand;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLineFactoryTest {
    @Test
    void theFirstCommandWordPicksOneGroup() {
        assertEquals(ProgCommand.class, CommandLineFactory.groupOf("prog", "show"));
        assertEquals(ProgCommand.class, CommandLineFactory.groupOf("p", "s"));
        assertEquals(MapCommand.class, CommandLineFactory.groupOf("-o", "json", "map", "list"));
        assertEquals(MapCommand.class, CommandLineFactory.groupOf("-j", "--netns", "pod", "ma", "dump"));
        assertEquals(NetCommand.class, CommandLineFactory.groupOf("net"));
    }

    @Test
    void helpAndUnknownWordsGetTheWholeTree() {
        assertNull(CommandLineFactory.groupOf());
        assertNull(CommandLineFactory.groupOf("--help"));
        assertNull(CommandLineFactory.groupOf("-j", "--version"));
        assertNull(CommandLineFactory.groupOf("frobnicate"));
        assertNull(CommandLineFactory.groupOf("--netns", "prog"), "a global option's value is not a command word");
    }

    @Test
    void aPrefixSharedWithALaterCommandIsTheBpftoolGroup() {
        assertArrayEquals(new String[] {"map", "s"}, CommandLineFactory.preferBpftoolGroups("m", "s"), "m: map, as bpftool, not monitor");
        assertArrayEquals(new String[] {"-N", "m", "btf", "list"}, CommandLineFactory.preferBpftoolGroups("-N", "m", "b", "list"),
                "b: btf before bpf; a global option's value stays");
        assertArrayEquals(new String[] {"mo", "-v"}, CommandLineFactory.preferBpftoolGroups("mo", "-v"));
        assertArrayEquals(new String[] {"i", "list"}, CommandLineFactory.preferBpftoolGroups("i", "list"), "ip or identity: still ambiguous");
        StringWriter out = new StringWriter(), err = new StringWriter();
        assertEquals(0, CommandLineFactory.run(new PrintWriter(out), new PrintWriter(err), "m", "--help"));
        assertTrue(out.toString().contains("Usage: cil map"), out.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, CommandLineFactory.run(new PrintWriter(out), new PrintWriter(err), "i", "list"));
        assertTrue(err.toString().contains("'i' is not unique"), err.toString());
    }
}

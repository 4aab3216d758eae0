package dev.cil.cli;

import dev.cil.cli.command.map.MapCommand;
import dev.cil.cli.command.net.NetCommand;
import dev.cil.cli.command.prog.ProgCommand;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
}

package dev.cil.cli.completion;

import dev.cil.cli.CommandLineFactory;
import picocli.CommandLine.Command;

import java.util.List;

/** The visible top-level command names, from the registry (so adding a command group does not break these tests). */
final class TopLevel {
    private TopLevel() { }

    static List<String> visible() {
        return CommandLineFactory.COMMANDS.stream().map(c -> c.getAnnotation(Command.class))
                .filter(c -> !c.hidden()).map(Command::name).sorted().toList();
    }
}

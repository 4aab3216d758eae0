package dev.cil.cli.command.link;

import dev.cil.bpf.BpfLink;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.LeafCommand;
import dev.cil.cli.command.Args;
import dev.cil.cli.command.Selectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code cil link pin LINK FILE}. */
@Command(name = "pin", description = "Pin LINK at FILE on a bpf file system (LINK := " + Selectors.LINK_SPEC + ").",
        footer = {"%nExamples:", "  cil link pin id 23 /sys/fs/bpf/my_link"})
public final class LinkPinCommand extends LeafCommand {
    @Parameters(paramLabel = "ARGS", arity = "1..*", description = "LINK FILE")
    List<String> words;

    @Override
    protected int execute() {
        Args args = new Args(words);
        try (BpfLink l = Selectors.link(args)) {
            String path = args.next("FILE (where to pin)");
            args.end();
            l.pin(path);
        }
        output().nothing();
        return ExitCodes.OK;
    }
}

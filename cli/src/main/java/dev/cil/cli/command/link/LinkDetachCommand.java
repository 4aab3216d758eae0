package dev.cil.cli.command.link;

import dev.cil.bpf.BpfLink;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.LeafCommand;
import dev.cil.cli.command.Args;
import dev.cil.cli.command.Selectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code cil link detach LINK}: detaches the link's program; the link object stays until unpinned and closed. */
@Command(name = "detach", description = "Detach the program of LINK (LINK := " + Selectors.LINK_SPEC + ").",
        footer = {"%nExamples:", "  cil link detach id 23", "  cil link detach pinned /sys/fs/bpf/cil/k8s-s/links/lxc_in"})
public final class LinkDetachCommand extends LeafCommand {
    @Parameters(paramLabel = "LINK", arity = "1..*", description = "id ID | pinned PATH")
    List<String> words;

    @Override
    protected int execute() {
        Args args = new Args(words);
        try (BpfLink l = Selectors.link(args)) {
            args.end();
            l.detach();
        }
        output().nothing();
        return ExitCodes.OK;
    }
}

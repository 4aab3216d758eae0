package dev.cil.cli.command.link;

import dev.cil.bpf.BpfLink;
import dev.cil.bpf.BpfObjects;
import dev.cil.bpf.BpfProgram;
import dev.cil.bpf.Interfaces;
import dev.cil.bpf.LinkId;
import dev.cil.bpf.LinkInfo;
import dev.cil.bpf.LinkType;
import dev.cil.bpf.PinnedObjects;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.LeafCommand;
import dev.cil.cli.command.Args;
import dev.cil.cli.command.Selectors;
import dev.cil.error.KernelException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code cil link show|list [LINK]}. */
@Command(name = "show", aliases = "list",
        description = "Show all links, or the one LINK selects (LINK := " + Selectors.LINK_SPEC + ").",
        footer = {"%nDevice names are those of the current network namespace (see --netns).",
                "%nExamples:", "  cil link show", "  cil -j link show id 23"})
public final class LinkShowCommand extends LeafCommand {
    @Parameters(paramLabel = "LINK", arity = "0..*", description = "id ID | pinned PATH")
    List<String> selector;

    @Override
    protected int execute() {
        Args args = new Args(selector);
        Map<Integer, List<String>> pins = global().bpffs() ? PinnedObjects.table(BpfObjects.Kind.LINK) : Map.of();
        if (!args.hasNext()) {
            List<LinkView> views = new ArrayList<>();
            BpfObjects.forEach(BpfObjects.Kind.LINK, id -> BpfLink.openById(new LinkId(id)), l -> views.add(view(l.info(), pins)));
            output().list(views);
            return ExitCodes.OK;
        }
        try (BpfLink l = Selectors.link(args)) {
            args.end();
            output().one(view(l.info(), pins));
        }
        return ExitCodes.OK;
    }

    static LinkView view(LinkInfo info, Map<Integer, List<String>> pins) {
        String dev = info.ifindex() != 0 ? Interfaces.name(info.ifindex()) : null;
        Integer progType = null;
        if (info.linkType() == LinkType.TRACING) {
            try (BpfProgram p = BpfProgram.openById(info.progId())) {
                progType = p.info().type();
            } catch (KernelException e) {
                progType = null;
            }
        }
        return new LinkView(info, dev, progType, pins.getOrDefault(info.id().value(), List.of()));
    }
}

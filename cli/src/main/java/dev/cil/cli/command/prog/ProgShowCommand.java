package dev.cil.cli.command.prog;

import dev.cil.bpf.BootClock;
import dev.cil.bpf.BpfObjects;
import dev.cil.bpf.BpfProgram;
import dev.cil.bpf.PinnedObjects;
import dev.cil.bpf.ProgramId;
import dev.cil.bpf.ProgramInfo;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.LeafCommand;
import dev.cil.cli.command.Args;
import dev.cil.cli.command.Selectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code cil prog show|list [PROG]}: bpftool's program listing, from the kernel's id walk. */
@Command(name = "show", aliases = "list",
        description = "Show all loaded programs, or those PROG selects (PROG := " + Selectors.PROG_SPEC + ").",
        footer = {"%nExamples:", "  cil prog show", "  cil prog show id 1312", "  cil -j prog show name cil_from_container"})
public final class ProgShowCommand extends LeafCommand {
    @Parameters(paramLabel = "PROG", arity = "0..*", description = "id ID | pinned PATH | tag TAG | name NAME")
    List<String> selector;

    @Override
    protected int execute() {
        Args args = new Args(selector);
        Map<Integer, List<String>> pins = global().bpffs() ? PinnedObjects.table(BpfObjects.Kind.PROG) : Map.of();
        List<ProgView> views = new ArrayList<>();
        if (!args.hasNext()) {
            BpfObjects.forEach(BpfObjects.Kind.PROG, id -> BpfProgram.openById(new ProgramId(id)), p -> views.add(view(p, pins)));
            output().list(views);
            return ExitCodes.OK;
        }
        List<BpfProgram> progs = Selectors.programs(args);
        try {
            args.end();
            for (BpfProgram p : progs) views.add(view(p, pins));
        } finally {
            Selectors.closeAll(progs);
        }
        if (views.size() == 1) output().one(views.get(0));
        else output().list(views);
        return ExitCodes.OK;
    }

    static ProgView view(BpfProgram p, Map<Integer, List<String>> pins) {
        ProgramInfo info = p.info();
        long loadedAt = info.loadTimeNs() == 0 ? 0 : BootClock.wallClockSeconds(info.loadTimeNs());
        return new ProgView(info, loadedAt, pins.getOrDefault(info.id().value(), List.of()), ProgMetadata.of(info));
    }
}

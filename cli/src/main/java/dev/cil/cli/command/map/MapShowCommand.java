package dev.cil.cli.command.map;

import dev.cil.bpf.BpfMap;
import dev.cil.bpf.BpfObjects;
import dev.cil.bpf.MapId;
import dev.cil.bpf.MapInfo;
import dev.cil.bpf.PinnedObjects;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.LeafCommand;
import dev.cil.cli.command.Args;
import dev.cil.cli.command.Selectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code cil map show|list [MAP]}. */
@Command(name = "show", aliases = "list",
        description = "Show all maps, or those MAP selects (MAP := " + Selectors.MAP_SPEC + ").",
        footer = {"%nExamples:", "  cil map list", "  cil map show name cilium_lxc", "  cil -j map show id 66"})
public final class MapShowCommand extends LeafCommand {
    @Parameters(paramLabel = "MAP", arity = "0..*", description = "id ID | pinned PATH | name NAME")
    List<String> selector;

    @Override
    protected int execute() {
        Args args = new Args(selector);
        Map<Integer, List<String>> pins = global().bpffs() ? PinnedObjects.table(BpfObjects.Kind.MAP) : Map.of();
        List<MapView> views = new ArrayList<>();
        if (!args.hasNext()) {
            BpfObjects.forEach(BpfObjects.Kind.MAP, id -> BpfMap.openById(new MapId(id)), m -> views.add(view(m.info(), pins)));
            output().list(views);
            return ExitCodes.OK;
        }
        List<BpfMap> maps = Selectors.maps(args, 0);
        try {
            args.end();
            for (BpfMap m : maps) views.add(view(m.info(), pins));
        } finally {
            Selectors.closeAll(maps);
        }
        if (views.size() == 1) output().one(views.get(0));
        else output().list(views);
        return ExitCodes.OK;
    }

    private static MapView view(MapInfo info, Map<Integer, List<String>> pins) {
        return new MapView(info, pins.getOrDefault(info.id().value(), List.of()));
    }
}

package dev.cil.cli.command.bpf;

import dev.cil.api.maps.LxcMap;
import dev.cil.bpf.BpfMap;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.LeafCommand;
import dev.cil.cli.command.Agent;
import dev.cil.cli.output.ModelJson;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.List;

/** {@code cil bpf endpoint list}: cilium_lxc from its pin. */
@Command(name = "list", aliases = "ls",
        description = "List local endpoints from the pinned cilium_lxc map (kernel order), as cilium-dbg bpf endpoint list;"
                + " host addresses show as (localhost).",
        footer = {"%nExamples:", "  cil bpf endpoint list", "  cil -N k8s-w1 bpf endpoint list -o json"})
public final class BpfEndpointListCommand extends LeafCommand {
    @Override
    protected int execute() {
        List<PinnedMaps.Row> rows = new ArrayList<>();
        try (BpfMap m = PinnedMaps.open(Agent.paths(global()), LxcMap.NAME)) {
            m.walk((keys, ko, values, vo) -> rows.add(new PinnedMaps.Row(LxcMap.Key.decode(keys, ko).toString(),
                    List.of(LxcMap.Info.decode(values, vo).toString()))));
        }
        if (global().json()) ModelJson.print(out(), PinnedMaps.json(rows), global().compactJson());
        else out().print(PinnedMaps.table("IP ADDRESS", "LOCAL ENDPOINT INFO", rows));
        return ExitCodes.OK;
    }
}

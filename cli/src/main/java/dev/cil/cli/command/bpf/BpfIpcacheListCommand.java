package dev.cil.cli.command.bpf;

import dev.cil.api.maps.IpcacheMap;
import dev.cil.bpf.BpfMap;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.LeafCommand;
import dev.cil.cli.command.Agent;
import dev.cil.cli.output.ModelJson;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.List;

/** {@code cil bpf ipcache list}: cilium_ipcache from its pin. */
@Command(name = "list", aliases = "ls",
        description = "List the pinned cilium_ipcache LPM trie (prefix → identity, tunnel endpoint, flags), as cilium-dbg bpf ipcache list.",
        footer = {"%nExamples:", "  cil bpf ipcache list", "  cil bpf ipcache list -o json"})
public final class BpfIpcacheListCommand extends LeafCommand {
    @Override
    protected int execute() {
        List<PinnedMaps.Row> rows = new ArrayList<>();
        try (BpfMap m = PinnedMaps.open(Agent.paths(global()), IpcacheMap.NAME)) {
            m.walk((keys, ko, values, vo) -> rows.add(new PinnedMaps.Row(IpcacheMap.Key.decode(keys, ko).toString(),
                    List.of(IpcacheMap.Value.decode(values, vo).toString()))));
        }
        if (global().json()) ModelJson.print(out(), PinnedMaps.json(rows), global().compactJson());
        else out().print(PinnedMaps.table("IP PREFIX/ADDRESS", "IDENTITY", rows));
        return ExitCodes.OK;
    }
}

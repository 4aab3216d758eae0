package dev.cil.cli.command.map;

import dev.cil.api.BpfMapModel;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.LeafCommand;
import dev.cil.cli.command.Agent;
import dev.cil.cli.output.ModelJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cil map get NAME}: the daemon's cache of a map it owns (cilium-dbg map get). */
@Command(name = "get",
        description = {"Show the node daemon's cache of a map it owns (cilium_lxc, cilium_ipcache): each entry with its"
                + " sync state and last error, as cilium-dbg map get. The kernel's view: 'cil bpf endpoint list',"
                + " 'cil bpf ipcache list'."},
        footer = {"%nExamples:", "  cil map get cilium_lxc", "  cil map get cilium_ipcache | grep 10.200.0.5", "  cil -N k8s-w1 map get cilium_lxc -o json"})
public final class MapGetCommand extends LeafCommand {
    @Parameters(paramLabel = "NAME", description = "cilium_lxc or cilium_ipcache.")
    String name;

    @Override
    protected int execute() {
        BpfMapModel m = Agent.call(global(), c -> c.map(name));
        if (global().json()) ModelJson.print(out(), m, global().compactJson());
        else out().print(MapGetView.text(m));
        return ExitCodes.OK;
    }
}

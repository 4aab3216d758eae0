package dev.cil.cli.command.endpoint;

import dev.cil.api.Endpoint;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.LeafCommand;
import dev.cil.cli.command.Agent;
import dev.cil.cli.output.ModelJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@code cil endpoint list}. */
@Command(name = "list", aliases = "ls",
        description = "List the node's endpoints (pods, the health endpoint, the host endpoint), as cilium-dbg endpoint list.",
        footer = {"%nExamples:", "  cil endpoint list", "  cil -N k8s-w1 endpoint list --no-headers", "  cil endpoint list -o json"})
public final class EndpointListCommand extends LeafCommand {
    @Option(names = "--no-headers", description = "Leave out the two header lines.")
    boolean noHeaders;

    @Override
    protected int execute() {
        List<Endpoint> eps = new ArrayList<>(Agent.call(global(), c -> c.endpoints()));
        eps.sort(Comparator.comparingLong(Endpoint::id));
        if (global().json()) ModelJson.print(out(), eps, global().compactJson());
        else out().print(EndpointListView.text(eps, noHeaders));
        return ExitCodes.OK;
    }
}

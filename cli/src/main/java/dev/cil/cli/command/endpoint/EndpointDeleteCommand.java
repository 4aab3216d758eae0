package dev.cil.cli.command.endpoint;

import dev.cil.api.Endpoint;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.LeafCommand;
import dev.cil.cli.command.Agent;
import dev.cil.cli.output.ModelJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cil endpoint delete}. */
@Command(name = "delete", aliases = "rm",
        description = "Delete a pod: its programs, map entries, devices, processes and network namespace; its address"
                + " returns to the pool.",
        footer = {"%nExamples:", "  cil endpoint delete netpod", "  cil endpoint delete 416", "  cil endpoint delete coredns -n kube-system"})
public final class EndpointDeleteCommand extends LeafCommand {
    @Parameters(paramLabel = "NAME|ID", description = "A pod name or an endpoint id.")
    String endpoint;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", defaultValue = "default",
            description = "The pod's namespace (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Override
    protected int execute() {
        String id = EndpointIds.of(endpoint, namespace);
        Endpoint ep = Agent.call(global(), c -> c.delete(id));
        if (global().json()) ModelJson.print(out(), ep, global().compactJson());
        else out().println("endpoint " + ep.id() + " " + (ep.podName() == null ? "" : ep.podName() + " ") + "deleted");
        return ExitCodes.OK;
    }
}

package dev.cil.cli.command.endpoint;

import dev.cil.api.Endpoint;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.LeafCommand;
import dev.cil.cli.command.Agent;
import dev.cil.cli.output.ModelJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code cil endpoint get}: one endpoint's model, as JSON (as cilium-dbg endpoint get). */
@Command(name = "get",
        description = "Show one endpoint as the daemon models it (JSON, as cilium-dbg endpoint get).",
        footer = {"%nExamples:", "  cil endpoint get netpod", "  cil endpoint get 416", "  cil endpoint get coredns -n kube-system"})
public final class EndpointGetCommand extends LeafCommand {
    @Parameters(paramLabel = "NAME|ID", description = "A pod name or an endpoint id.")
    String endpoint;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", defaultValue = "default",
            description = "The pod's namespace (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Override
    protected int execute() {
        String id = EndpointIds.of(endpoint, namespace);
        Endpoint ep = Agent.call(global(), c -> c.endpoint(id));
        ModelJson.print(out(), List.of(ep), global().compactJson());
        return ExitCodes.OK;
    }
}

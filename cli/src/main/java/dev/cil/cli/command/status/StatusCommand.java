package dev.cil.cli.command.status;

import dev.cil.api.StatusResponse;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.LeafCommand;
import dev.cil.cli.command.Agent;
import dev.cil.cli.output.ModelJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Instant;

/** {@code cil status}: the node's daemon status, as cilium-dbg status. */
@Command(name = "status",
        description = {"Show the node's daemon status, as cilium-dbg status (from the daemon's API).",
                "Exits 1 when a component is not Ok, 3 when the daemon is not reachable."},
        footer = {"%nExamples:", "  cil status", "  cil status --verbose", "  cil -N k8s-w1 status --brief", "  cil status -o json"})
public final class StatusCommand extends LeafCommand {
    @Option(names = "--verbose", description = "Everything: all addresses, all controllers, BPF maps, clock source.")
    boolean verbose;

    @Option(names = "--all-addresses", description = "Show the allocated addresses and their owners.")
    boolean allAddresses;

    @Option(names = "--all-controllers", description = "Show every controller, not only failing ones.")
    boolean allControllers;

    @Option(names = "--brief", description = "One line: OK, or the component that is not.")
    boolean brief;

    @Override
    protected int execute() {
        StatusResponse sr = Agent.call(global(), c -> c.status());
        if (global().json()) {
            ModelJson.print(out(), sr, global().compactJson());
        } else if (brief) {
            out().println(StatusView.brief(sr));
        } else {
            StatusView.Details d = verbose ? StatusView.Details.ALL
                    : new StatusView.Details(allAddresses, allControllers, false, false);
            out().print(StatusView.text(sr, d, Instant.now()));
        }
        return StatusView.healthy(sr) ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}

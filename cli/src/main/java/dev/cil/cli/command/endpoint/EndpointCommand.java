package dev.cil.cli.command.endpoint;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cil endpoint}: the node's endpoints (pods). */
@Command(name = "endpoint", description = "Create, list, inspect, delete and enter the node's endpoints (pods).",
        subcommands = {EndpointListCommand.class, EndpointGetCommand.class, EndpointCreateCommand.class,
                EndpointDeleteCommand.class, EndpointExecCommand.class})
public final class EndpointCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }
}

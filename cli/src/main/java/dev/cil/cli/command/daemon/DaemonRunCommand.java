package dev.cil.cli.command.daemon;

import dev.cil.cli.LeafCommand;
import dev.cil.daemon.DaemonMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cil daemon run}: the daemon in the foreground. */
@Command(name = "run",
        description = "Run the node's daemon in the foreground, logging to stderr, until SIGTERM or Ctrl-C"
                + " (the datapath stays pinned and keeps forwarding after it exits).",
        footer = {"%nExamples:", "  cil daemon run", "  cil -N k8s-w1 daemon run --pod-cidr 10.200.1.0/24 --debug"})
public final class DaemonRunCommand extends LeafCommand {
    @Option(names = "--pod-cidr", paramLabel = "CIDR",
            description = "Pod CIDR of a new node (default " + DaemonMain.DEFAULT_POD_CIDR + "); an existing node keeps its own.")
    String podCidr;

    @Override
    protected int execute() {
        try {
            return DaemonMain.run(new DaemonMain.Options(global().node(), podCidr, global().debug()), err());
        } catch (DaemonMain.Failure f) {
            throw Failures.of(f);
        }
    }
}

package dev.cil.cli.command.daemon;

import dev.cil.api.NodePaths;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.LeafCommand;
import dev.cil.daemon.DaemonMain;
import picocli.CommandLine.Command;

import java.time.Duration;
import java.util.Optional;

/** {@code cil daemon stop}. */
@Command(name = "stop",
        description = "Stop the node's daemon (SIGTERM, then SIGKILL after 10 s). Pods keep running and talking:"
                + " the datapath is pinned. Not running is not an error.",
        footer = {"%nExamples:", "  cil daemon stop", "  cil -N k8s-w1 daemon stop"})
public final class DaemonStopCommand extends LeafCommand {
    @Override
    protected int execute() {
        String node = NodePaths.checkNode(global().node());
        Optional<DaemonMain.Stopped> s;
        try {
            s = DaemonMain.stop(node, Duration.ofSeconds(10));
        } catch (DaemonMain.Failure f) {
            throw Failures.of(f);
        }
        if (s.isEmpty()) err().println("cil: the daemon of node " + node + " is not running");
        else out().println("stopped the daemon of node " + node + " (pid " + s.get().pid() + (s.get().forced() ? ", killed" : "") + ")");
        return ExitCodes.OK;
    }
}

package dev.cil.cli.command.daemon;

import dev.cil.cli.ExitCodes;
import dev.cil.cli.LeafCommand;
import dev.cil.daemon.DaemonMain;
import picocli.CommandLine.Command;

/** {@code cil daemon clean}: removes a node completely. */
@Command(name = "clean",
        description = {"Remove everything of a node: stop its daemon, kill the processes in its namespaces, delete its"
                + " namespaces (cil-NODE, cil-NODE_*), its pins (/sys/fs/bpf/cil/NODE: programs, maps, links), its state"
                + " (/var/lib/cil/NODE) and its uses of shared identities.",
                "Safe to repeat; nothing of other nodes is touched."},
        footer = {"%nExamples:", "  cil daemon clean", "  cil daemon clean --node k8s-w1"})
public final class DaemonCleanCommand extends LeafCommand {
    @Override
    protected int execute() {
        String node = global().node();
        DaemonMain.Cleaned c;
        try {
            c = DaemonMain.clean(node);
        } catch (DaemonMain.Failure f) {
            throw Failures.of(f);
        }
        if (global().json()) {
            out().println("{\"node\":\"" + node + "\",\"daemon_stopped\":" + c.daemonStopped() + ",\"namespaces\":"
                    + c.namespaces().size() + ",\"processes\":" + c.processes() + ",\"pins\":" + c.pins() + ",\"state\":"
                    + c.state() + "}");
        } else {
            out().println("cleaned node " + node + ": " + (c.daemonStopped() ? "daemon stopped, " : "") + c.namespaces().size()
                    + " namespace(s), " + c.processes() + " process(es)" + (c.pins() ? ", pins" : "") + (c.state() ? ", state" : ""));
        }
        return ExitCodes.OK;
    }
}

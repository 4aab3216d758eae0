package dev.cil.cli.command.daemon;

import dev.cil.cli.ExitCodes;
import dev.cil.cli.LeafCommand;
import dev.cil.daemon.DaemonMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cil daemon start}: the daemon in the background; returns when its API answers. */
@Command(name = "start",
        description = {"Start the node's daemon in the background (own session; output in /run/cil/NODE/daemon.log)"
                + " and wait until its API answers.",
                "A new node gets a network namespace cil-NODE with cilium_host/cilium_net, a health endpoint and the"
                + " datapath pinned under /sys/fs/bpf/cil/NODE; an existing one is restored from /var/lib/cil/NODE."},
        footer = {"%nExamples:", "  cil daemon start", "  cil -N k8s-w1 daemon start --pod-cidr 10.200.1.0/24"})
public final class DaemonStartCommand extends LeafCommand {
    @Option(names = "--pod-cidr", paramLabel = "CIDR",
            description = "Pod CIDR of a new node (default " + DaemonMain.DEFAULT_POD_CIDR + "); an existing node keeps its own.")
    String podCidr;

    @Override
    protected int execute() {
        String node = global().node();
        DaemonMain.Started s;
        try {
            s = DaemonMain.start(new DaemonMain.Options(node, podCidr, global().debug()));
        } catch (DaemonMain.Failure f) {
            throw Failures.of(f);
        }
        if (global().json()) {
            out().println("{\"node\":\"" + node + "\",\"pid\":" + s.pid() + ",\"socket\":\"" + s.socket() + "\",\"log\":\""
                    + s.log() + "\"}");
        } else {
            out().println("cil daemon of node " + node + " running (pid " + s.pid() + "), API " + s.socket() + ", log " + s.log());
        }
        return ExitCodes.OK;
    }
}

package dev.cil.cli.command.bpf;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cil bpf}: the node's datapath maps, read straight from their pins (cilium-dbg bpf …). */
@Command(name = "bpf", description = "Read the node's datapath maps straight from bpffs (no daemon needed; root or CAP_BPF).",
        subcommands = {BpfCommand.Endpoint.class, BpfCommand.Ipcache.class, BpfCommand.Ct.class, BpfCommand.Metrics.class})
public final class BpfCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }

    /** {@code cil bpf endpoint}. */
    @Command(name = "endpoint", description = "Local endpoints (cilium_lxc).", subcommands = BpfEndpointListCommand.class)
    public static final class Endpoint implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }
    }

    /** {@code cil bpf ipcache}. */
    @Command(name = "ipcache", description = "Prefixes and their identities (cilium_ipcache).", subcommands = BpfIpcacheListCommand.class)
    public static final class Ipcache implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }
    }

    /** {@code cil bpf ct}. */
    @Command(name = "ct", description = "Connection tracking (cilium_ct4_global).", subcommands = BpfCtListCommand.class)
    public static final class Ct implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }
    }

    /** {@code cil bpf metrics}. */
    @Command(name = "metrics", description = "Packet and byte counters by reason and direction (cilium_metrics).",
            subcommands = BpfMetricsListCommand.class)
    public static final class Metrics implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }
    }
}

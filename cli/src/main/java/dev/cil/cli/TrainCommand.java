package dev.cil.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Hidden: runs common commands in-process with their output discarded, so {@code install.sh} can
 * record the classes a one-shot command loads (AppCDS archive on JDK 17, AOT cache on JDK 25).
 * {@code --kernel} trains only the commands that read the kernel (prog, map, link, net, btf): a JDK 25
 * AOT cache loads all of its classes at start, so those commands start faster from a cache without the
 * HTTP client and the API models, and the launcher picks that cache for them.
 */
@Command(name = "__train", hidden = true, description = "Exercise common commands (for start-up archives).")
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--kernel", description = "Only the kernel-facing commands.")
    boolean kernel;

    static final List<String[]> KERNEL_RUNS = List.of(
            new String[] {"--help"}, new String[] {"--version"}, new String[] {"prog", "--help"},
            new String[] {"prog", "show"}, new String[] {"-j", "prog", "show"}, new String[] {"map", "list"},
            new String[] {"-j", "map", "list"}, new String[] {"link", "show"}, new String[] {"-j", "link", "show"},
            new String[] {"-p", "map", "show"}, new String[] {"prog", "show", "id", "4294967295"},
            new String[] {"map", "dump", "id", "4294967295"}, new String[] {"net", "show"}, new String[] {"btf", "list"},
            new String[] {"__complete", "--", "map", "dump", "name", ""}, new String[] {"nosuchcommand"});

    /** Agent commands: install.sh runs the training with a throw-away node daemon (CIL_NODE) when it can. */
    static final List<String[]> AGENT_RUNS = List.of(new String[] {"status"}, new String[] {"status", "--verbose"}, new String[] {"endpoint", "list"},
            new String[] {"-o", "json", "endpoint", "list"}, new String[] {"ip", "list"}, new String[] {"identity", "list"},
            new String[] {"map", "get", "cilium_lxc"}, new String[] {"bpf", "endpoint", "list"}, new String[] {"bpf", "metrics", "list"});

    @Override
    public Integer call() {
        PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream());
        for (String[] args : KERNEL_RUNS) CommandLineFactory.run(sink, sink, args);
        if (!kernel) for (String[] args : AGENT_RUNS) CommandLineFactory.run(sink, sink, args);
        // cil shell's line loop, long enough for the JIT profiles a JDK 25 AOT cache keeps (JEP 515)
        String script = "prog show\nmap list\nlink show\n".repeat(150);
        try {
            dev.cil.cli.shell.Shell.script(new java.io.ByteArrayInputStream(script.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    sink, sink, java.util.List.of());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return ExitCodes.OK;
    }
}

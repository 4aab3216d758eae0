package dev.cil.cli;

import dev.cil.cli.output.OutputFormat;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every command accepts, anywhere on the line ({@code cil -j prog show} and
 * {@code cil prog show -j} are the same). Declared once on the root with {@link ScopeType#INHERIT};
 * picocli binds every copy to this one instance, which commands reach through {@link CilCommand}.
 */
public final class GlobalOptions {
    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", scope = ScopeType.INHERIT, order = 1,
            completionCandidates = Formats.class, description = "Output format: text (default) or json.")
    void setOutput(String value) {
        try {
            this.format = OutputFormat.parse(value);
        } catch (IllegalArgumentException e) {
            throw CilException.usage(e.getMessage());
        }
    }

    @Option(names = {"-j", "--json"}, scope = ScopeType.INHERIT, order = 2,
            description = "JSON output on one line (as bpftool -j); same as -o json.")
    void setJson(boolean on) {
        if (on) {
            format = OutputFormat.JSON;
            compact = true;
        }
    }

    @Option(names = {"-p", "--pretty"}, scope = ScopeType.INHERIT, order = 3,
            description = "Indented JSON (implies --json).")
    void setPretty(boolean on) {
        if (on) {
            pretty = true;
            format = OutputFormat.JSON;
        }
    }

    @Option(names = {"-f", "--bpffs"}, scope = ScopeType.INHERIT, order = 4,
            description = "Show the bpffs paths where objects are pinned (as bpftool -f).")
    boolean bpffs;

    @Option(names = "--netns", paramLabel = "NAME", scope = ScopeType.INHERIT, order = 6,
            description = "Run the command inside network namespace NAME (as 'ip netns exec NAME').")
    String netns;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, order = 8,
            description = "Show help for the command and exit.")
    boolean help;

    @Option(names = {"-N", "--node"}, paramLabel = "NAME", scope = ScopeType.INHERIT, order = 7,
            description = "The node whose daemon agent commands talk to (default: $CIL_NODE, else k8s-s).")
    void setNode(String value) {
        try {
            this.node = dev.cil.api.NodePaths.checkNode(value);
        } catch (IllegalArgumentException e) {
            throw CilException.usage(e.getMessage());
        }
    }

    @Option(names = "--debug", scope = ScopeType.INHERIT, order = 5,
            description = "Print stack traces and internal decisions on stderr.")
    boolean debug;

    /** The values of {@code -o} that completion offers. */
    static final class Formats implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() { return java.util.List.of("text", "json").iterator(); }
    }

    private OutputFormat format = OutputFormat.TEXT;
    private boolean pretty;
    private boolean compact;
    private String node;

    public OutputFormat format() { return format; }

    public boolean json() { return format == OutputFormat.JSON; }

    public boolean pretty() { return pretty; }

    /** JSON on one line ({@code -j}), rather than indented (agent commands indent {@code -o json} as cilium-dbg does). */
    public boolean compactJson() { return compact && !pretty; }

    /** The node agent commands talk to: {@code -N NAME}, else {@code $CIL_NODE}, else {@code k8s-s}. */
    public String node() {
        if (node != null) return node;
        try {
            return dev.cil.api.NodePaths.checkNode(dev.cil.api.NodePaths.defaultNode());
        } catch (IllegalArgumentException e) {
            throw CilException.usage(e.getMessage() + " (from $CIL_NODE)");
        }
    }

    public boolean bpffs() { return bpffs; }

    public boolean debug() { return debug; }

    /** The named network namespace to run in, or null. */
    public String netns() { return netns; }

    /**
     * Back to "no option given". cil shell runs its lines on one command tree; picocli resets the
     * annotated fields before each parse but cannot reset what the setters above derived.
     */
    public void reset() {
        format = OutputFormat.TEXT;
        pretty = false;
        bpffs = false;
        netns = null;
        debug = false;
        compact = false;
        node = null;
    }
}

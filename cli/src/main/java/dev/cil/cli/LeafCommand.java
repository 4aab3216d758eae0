package dev.cil.cli;

import dev.cil.cli.output.Output;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * The contract of every leaf command: it writes only to its command line's writers, keeps no state
 * outside its options, and returns an exit code or throws (a {@link CilException}, a kernel
 * exception) for {@link ErrorReporter} to turn into one line and an exit code.
 */
public abstract class LeafCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    /** The options given anywhere on the line. */
    protected GlobalOptions global() {
        return ((CilCommand) spec.root().userObject()).global();
    }

    protected PrintWriter out() { return spec.commandLine().getOut(); }

    protected PrintWriter err() { return spec.commandLine().getErr(); }

    protected Output output() { return new Output(out(), global().format(), global().pretty()); }

    /** Prints a diagnostic on stderr when {@code --debug} is on. */
    protected void debug(String message) {
        if (global().debug()) err().println("cil: debug: " + message);
    }

    @Override
    public final Integer call() throws Exception {
        String ns = global().netns();
        if (ns != null) return InNamespace.call(ns, this::execute);
        return execute();
    }

    /** Does the work; returns an {@link ExitCodes} value. */
    protected abstract int execute() throws Exception;
}

package dev.cil.cli;

import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Builds the command tree the same way for {@code main}, for {@code cil shell} and for tests.
 */
public final class CommandLineFactory {
    private CommandLineFactory() { }

    public static CommandLine create(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new CilCommand());
        cl.setOut(out)
                .setErr(err)
                .setAbbreviatedSubcommandsAllowed(true)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUnmatchedOptionsArePositionalParams(false)
                .setParameterExceptionHandler(new UsageReporter())
                .setExecutionExceptionHandler(new ErrorReporter())
                .setExitCodeExceptionMapper(ErrorReporter::exitCode);
        return cl;
    }

    /** Runs one command line; never throws. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(null, out, err, args);
    }

    /**
     * Runs one command line on {@code tree}, a tree from {@link #create} that has run nothing yet (cil
     * shell builds the next line's tree while the user types), or on a new one when it is null; never throws.
     */
    public static int run(CommandLine tree, PrintWriter out, PrintWriter err, String... args) {
        try {
            return (tree != null ? tree : create(out, err)).setOut(out).setErr(err).execute(args);
        } catch (RuntimeException | Error e) {
            // picocli handlers failed themselves: still one line, still an exit code
            boolean debug = java.util.Arrays.asList(args).contains("--debug");
            ErrorReporter.report(e, false, debug, out, err);
            return ErrorReporter.exitCode(e);
        } finally {
            out.flush();
            err.flush();
        }
    }
}

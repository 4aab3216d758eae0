package dev.cil.cli;

import dev.cil.error.KernelException;
import dev.cil.error.PermissionException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Turns any exception a command throws into one line ({@code cil: message} on stderr, or
 * {@code {"error": "message"}} on stdout in JSON mode) and an exit code. Stack traces only with
 * {@code --debug}, whatever the exception.
 */
public final class ErrorReporter implements IExecutionExceptionHandler {
    static final int VERIFIER_TAIL = 15;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        GlobalOptions g = ((CilCommand) cmd.getCommandSpec().root().userObject()).global();
        report(ex, g.json(), g.debug(), cmd.getOut(), cmd.getErr());
        return exitCode(ex);
    }

    /** The exit code for an exception. */
    public static int exitCode(Throwable ex) {
        if (ex instanceof CilException) return ((CilException) ex).exitCode();
        if (ex instanceof PermissionException) return ExitCodes.PRECONDITION;
        if (ex instanceof KernelException) return ExitCodes.FAILURE;
        if (ex instanceof CommandLine.ParameterException) return ExitCodes.USAGE;
        if (ex instanceof UncheckedIOException) return ExitCodes.FAILURE;
        return ExitCodes.INTERNAL;
    }

    /** The one-line message for an exception. */
    public static String message(Throwable ex) {
        if (ex instanceof CilException || ex instanceof KernelException || ex instanceof CommandLine.ParameterException) {
            return ex.getMessage();
        }
        if (ex instanceof UncheckedIOException) return ex.getCause().getMessage();
        if (ex instanceof IllegalArgumentException && ex.getMessage() != null) return ex.getMessage();
        String m = ex.getMessage();
        return "internal error: " + ex.getClass().getSimpleName() + (m == null ? "" : ": " + m)
                + " (rerun with --debug and report it)";
    }

    static void report(Throwable ex, boolean json, boolean debug, PrintWriter out, PrintWriter err) {
        String msg = oneLine(message(ex));
        if (ex instanceof PermissionException && !msg.contains("root")) msg += " (run as root or with CAP_BPF)";
        dev.cil.error.VerifierException v = ex instanceof dev.cil.error.VerifierException ? (dev.cil.error.VerifierException) ex : null;
        if (json) {
            out.println("{\"error\":" + jsonString(msg) + (v == null ? "" : ",\"verifier_log\":" + jsonString(v.log())) + "}");
        } else {
            err.println("cil: " + msg);
            if (v != null) {
                // the verifier's own words: the last lines by default, all of them with --debug
                if (!debug) err.println("verifier log (last " + VERIFIER_TAIL + " lines; --debug prints all of it):");
                err.print(debug ? v.log() : v.tail(VERIFIER_TAIL));
            }
        }
        if (debug) ex.printStackTrace(err);
        out.flush();
        err.flush();
    }

    private static String oneLine(String s) {
        if (s == null) return "unknown error";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static String jsonString(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
            }
        }
        return b.append('"').toString();
    }
}

package dev.cil.cli;

/**
 * The exit codes of every cil command (documented in the README, {@code cil --help} and cil(1)).
 */
public final class ExitCodes {
    private ExitCodes() { }

    /** The command did what was asked. */
    public static final int OK = 0;
    /** A runtime failure: an unknown id or name, a missing key, a kernel error. */
    public static final int FAILURE = 1;
    /** The command line was wrong: unknown command or option, malformed argument. */
    public static final int USAGE = 2;
    /** A precondition is missing: not root / no CAP_BPF, daemon not running, kernel feature missing. */
    public static final int PRECONDITION = 3;
    /** A bug in cil: an unexpected exception (run with --debug and report it). */
    public static final int INTERNAL = 4;

    /** The help text's "Exit codes" section. */
    public static final String HELP =
            "%nExit codes:%n"
            + "  0  ok%n"
            + "  1  failure (unknown id or name, missing key, kernel error)%n"
            + "  2  usage error (unknown command or option, malformed argument)%n"
            + "  3  precondition missing (not root or no CAP_BPF, daemon not running, kernel feature missing)%n"
            + "  4  internal error (a bug: rerun with --debug and report it)%n";
}

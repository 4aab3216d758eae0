package dev.cil.cli;

/**
 * A failure with a one-line message for the user and its exit code. Commands throw it for errors
 * that are not kernel errors (a name that matches nothing, a malformed argument).
 */
public class CilException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public CilException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public CilException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** A runtime failure (exit 1). */
    public static CilException failure(String message) { return new CilException(message, ExitCodes.FAILURE); }

    /** A malformed command line (exit 2). */
    public static CilException usage(String message) { return new CilException(message, ExitCodes.USAGE); }

    /** A missing precondition (exit 3). */
    public static CilException precondition(String message) { return new CilException(message, ExitCodes.PRECONDITION); }

    public int exitCode() { return exitCode; }
}
